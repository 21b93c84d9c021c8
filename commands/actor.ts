import {
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  InteractionContextType,
} from 'discord-api-types/v10';
import { type Command, UserError } from '../src/discord/command.ts';
import { actorChoices, resolveActorOption } from '../src/discord/options.ts';
import { renderActor } from '../src/render/actor.ts';

export const actor = {
  data: {
    name: 'actor',
    description: 'Who someone is, their role at the time, their events and quotes',
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'name',
        description: 'A name or spelling variant, e.g. Zelensky, JD Vance',
        required: true,
        autocomplete: true,
        max_length: 100,
      },
    ],
    integration_types: [ApplicationIntegrationType.GuildInstall],
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
  },
  execute(ctx, input) {
    const a = resolveActorOption(ctx.book, input, 'name');
    if (!a) throw new UserError('Tell me who: start typing a name and pick a suggestion.');
    return renderActor(ctx.book, a);
  },
  autocomplete(ctx, input) {
    return actorChoices(ctx.book, input.focused.value);
  },
} satisfies Command;
