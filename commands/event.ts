import { autocompleteBy, lookupOption, READ_COMMAND_CONTEXTS } from '../src/discord/command-data.ts';
import { defineCommand } from '../src/discord/define-command.ts';
import { eventChoices, resolveEvent } from '../src/discord/options.ts';
import { renderEvent } from '../src/render/event.ts';

export const event = defineCommand({
  data: {
    name: 'event',
    description: 'One event in full: date, place, participants, summary, quotes, sources',
    options: [lookupOption('event', 'Start typing: a title word, a name or a place', { required: true })],
    ...READ_COMMAND_CONTEXTS,
  },
  // Free text is resolved by a full-text search: CPU-bound on a big dataset.
  heavy: true,
  execute(ctx, args) {
    return renderEvent(ctx.t, ctx.book, resolveEvent(ctx.book, args.event, ctx.t));
  },
  autocomplete: autocompleteBy({ event: eventChoices }),
});
