import type { Command } from '../src/discord/command.ts';
import {
  autocompleteBy,
  dateInputOption,
  lookupOption,
  READ_COMMAND_CONTEXTS,
} from '../src/discord/command-data.ts';
import { dateOption, resolveTopicOption, topicChoices } from '../src/discord/options.ts';
import { composeBriefing } from '../src/domain/briefing.ts';
import { dayOf } from '../src/domain/dates.ts';
import { renderBriefing } from '../src/render/briefing.ts';

export const briefing = {
  data: {
    name: 'briefing',
    description: 'The state of play, overall or for one topic, as of a date (default today), with citations',
    options: [
      lookupOption('topic', 'One topic thread, e.g. security guarantees (default: all)'),
      dateInputOption('as_of', 'Date as YYYY-MM-DD or YYYY-MM (default: today)'),
    ],
    ...READ_COMMAND_CONTEXTS,
  },
  heavy: true,
  execute(ctx, input) {
    const topic = resolveTopicOption(ctx.book, input, 'topic');
    const asOf = dateOption(input, 'as_of')?.to ?? dayOf(ctx.now());
    const b = composeBriefing(ctx.book.dataset, { asOf, ...(topic ? { topic: topic.id } : {}) });
    return renderBriefing(ctx.book, b);
  },
  autocomplete: autocompleteBy({ topic: topicChoices }),
} satisfies Command;
