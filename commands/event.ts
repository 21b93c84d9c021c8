import {
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  InteractionContextType,
} from 'discord-api-types/v10';
import { type Command, UserError } from '../src/discord/command.ts';
import { eventChoices, resolveEventOption } from '../src/discord/options.ts';
import { renderEvent } from '../src/render/event.ts';

export const event = {
  data: {
    name: 'event',
    description: 'One event in full: date, place, participants, summary, quotes, sources',
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'event',
        description: 'Start typing: a title word, a name or a place',
        required: true,
        autocomplete: true,
        max_length: 100,
      },
    ],
    integration_types: [ApplicationIntegrationType.GuildInstall],
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
  },
  execute(ctx, input) {
    const e = resolveEventOption(ctx.book, input, 'event');
    if (!e) throw new UserError('Tell me which event: start typing its title and pick a suggestion.');
    return renderEvent(ctx.book, e);
  },
  autocomplete(ctx, input) {
    return eventChoices(ctx.book, input.focused.value);
  },
} satisfies Command;
