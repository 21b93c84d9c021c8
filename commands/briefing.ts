import {
  autocompleteBy,
  dateInputOption,
  lookupOption,
  READ_COMMAND_CONTEXTS,
} from '../src/discord/command-data.ts';
import { defineCommand } from '../src/discord/define-command.ts';
import { dateArg, resolveTopic, topicChoices } from '../src/discord/options.ts';
import { composeBriefing } from '../src/domain/briefing.ts';
import { dayOf } from '../src/domain/dates.ts';
import { renderBriefing } from '../src/render/briefing.ts';

export const briefing = defineCommand({
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
  execute(ctx, args) {
    const topic = resolveTopic(ctx.book, args.topic);
    const asOf = dateArg('briefing', 'as_of', args.as_of)?.to ?? dayOf(ctx.clock.now());
    const b = composeBriefing(ctx.book.dataset, { asOf, topic: topic?.id });
    return renderBriefing(ctx.t, ctx.book, b);
  },
  autocomplete: autocompleteBy({ topic: topicChoices }),
});
