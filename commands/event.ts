import { type Command, UserError } from '../src/discord/command.ts';
import { autocompleteBy, lookupOption, READ_COMMAND_CONTEXTS } from '../src/discord/command-data.ts';
import { eventChoices, resolveEventOption } from '../src/discord/options.ts';
import { renderEvent } from '../src/render/event.ts';

export const event = {
  data: {
    name: 'event',
    description: 'One event in full: date, place, participants, summary, quotes, sources',
    options: [lookupOption('event', 'Start typing: a title word, a name or a place', { required: true })],
    ...READ_COMMAND_CONTEXTS,
  },
  execute(ctx, input) {
    const e = resolveEventOption(ctx.book, input, 'event');
    if (!e) throw new UserError('Tell me which event: start typing its title and pick a suggestion.');
    return renderEvent(ctx.book, e);
  },
  autocomplete: autocompleteBy({ event: eventChoices }),
} satisfies Command;
