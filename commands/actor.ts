import { type Command, UserError } from '../src/discord/command.ts';
import { autocompleteBy, lookupOption, READ_COMMAND_CONTEXTS } from '../src/discord/command-data.ts';
import { actorChoices, resolveActorOption } from '../src/discord/options.ts';
import { renderActor } from '../src/render/actor.ts';

export const actor = {
  data: {
    name: 'actor',
    description: 'Who someone is, their role at the time, their events and quotes',
    options: [
      lookupOption('name', 'A name or spelling variant, e.g. Zelensky, JD Vance', { required: true }),
    ],
    ...READ_COMMAND_CONTEXTS,
  },
  execute(ctx, input) {
    const a = resolveActorOption(ctx.book, input, 'name');
    if (!a) throw new UserError('Tell me who: start typing a name and pick a suggestion.');
    return renderActor(ctx.book, a);
  },
  autocomplete: autocompleteBy({ name: actorChoices }),
} satisfies Command;
