import { READ_COMMAND_CONTEXTS } from '../src/discord/command-data.ts';
import { defineCommand } from '../src/discord/define-command.ts';
import { bibliography } from '../src/domain/bibliography.ts';
import { renderSources } from '../src/render/sources.ts';

export const sources = defineCommand({
  data: {
    name: 'sources',
    description: 'The bibliography: each source, its date, and what cites it',
    ...READ_COMMAND_CONTEXTS,
  },
  heavy: true,
  execute(ctx) {
    return renderSources(ctx.t, bibliography(ctx.book.dataset));
  },
});
