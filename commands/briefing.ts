import {
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  InteractionContextType,
} from 'discord-api-types/v10';
import type { Command } from '../src/discord/command.ts';
import { dateOption, resolveTopicOption, topicChoices } from '../src/discord/options.ts';
import { composeBriefing } from '../src/domain/briefing.ts';
import { dayOf } from '../src/domain/dates.ts';
import { renderBriefing } from '../src/render/briefing.ts';

export const briefing = {
  data: {
    name: 'briefing',
    description: 'The state of play, overall or for one topic, as of a date (default today), with citations',
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'topic',
        description: 'One topic thread, e.g. security guarantees (default: all)',
        autocomplete: true,
        max_length: 100,
      },
      {
        type: ApplicationCommandOptionType.String,
        name: 'as_of',
        description: 'Date as YYYY-MM-DD or YYYY-MM (default: today)',
        max_length: 10,
      },
    ],
    integration_types: [ApplicationIntegrationType.GuildInstall],
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
  },
  heavy: true,
  execute(ctx, input) {
    const topic = resolveTopicOption(ctx.book, input, 'topic');
    const asOf = dateOption(input, 'as_of')?.to ?? dayOf(ctx.now());
    const b = composeBriefing(ctx.book.dataset, { asOf, ...(topic ? { topic: topic.id } : {}) });
    return renderBriefing(ctx.book, b);
  },
  autocomplete(ctx, input) {
    return input.focused.name === 'topic' ? topicChoices(ctx.book, input.focused.value) : [];
  },
} satisfies Command;
