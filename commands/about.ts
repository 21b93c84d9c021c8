import { READ_COMMAND_CONTEXTS } from '../src/discord/command-data.ts';
import { defineCommand } from '../src/discord/define-command.ts';
import { renderAbout } from '../src/render/about.ts';

export const about = defineCommand({
  data: {
    name: 'about',
    description: 'Dataset coverage and counts, versions and uptime',
    ...READ_COMMAND_CONTEXTS,
  },
  execute(ctx) {
    return renderAbout(ctx.t, {
      dataset: ctx.book.dataset,
      datasetLoadedAt: ctx.datasetLoadedAt,
      botVersion: ctx.botVersion,
      uptimeMs: ctx.clock.now().getTime() - ctx.startedAt.getTime(),
    });
  },
});
