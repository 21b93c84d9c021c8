import { ApplicationIntegrationType, InteractionContextType } from 'discord-api-types/v10';
import type { Command } from '../src/discord/command.ts';
import { renderAbout } from '../src/render/about.ts';

export const about = {
  data: {
    name: 'about',
    description: 'Dataset coverage and counts, versions and uptime',
    integration_types: [ApplicationIntegrationType.GuildInstall],
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
  },
  execute(ctx) {
    return renderAbout({
      dataset: ctx.book.dataset,
      datasetLoadedAt: ctx.datasetLoadedAt,
      botVersion: ctx.botVersion,
      uptimeMs: ctx.now().getTime() - ctx.startedAt.getTime(),
    });
  },
} satisfies Command;
