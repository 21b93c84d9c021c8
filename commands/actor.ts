import { autocompleteBy, lookupOption, READ_COMMAND_CONTEXTS } from '../src/discord/command-data.ts';
import { defineCommand } from '../src/discord/define-command.ts';
import { actorChoices, resolveActor } from '../src/discord/options.ts';
import { renderActor } from '../src/render/actor.ts';

export const actor = defineCommand({
  data: {
    name: 'actor',
    description: 'Who someone is, their role at the time, their events and quotes',
    options: [
      lookupOption('name', 'A name or spelling variant, e.g. Zelensky, JD Vance', { required: true }),
    ],
    ...READ_COMMAND_CONTEXTS,
  },
  execute(ctx, args) {
    return renderActor(ctx.t, ctx.book, resolveActor(ctx.book, args.name, undefined, ctx.t));
  },
  autocomplete: autocompleteBy({ name: actorChoices }),
});
