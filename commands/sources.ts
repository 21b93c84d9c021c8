import { ApplicationIntegrationType, InteractionContextType } from 'discord-api-types/v10';
import type { Command } from '../src/discord/command.ts';
import { bibliography } from '../src/domain/bibliography.ts';
import { renderSources } from '../src/render/sources.ts';

export const sources = {
  data: {
    name: 'sources',
    description: 'The bibliography: each source, its date, and what cites it',
    integration_types: [ApplicationIntegrationType.GuildInstall],
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
  },
  heavy: true,
  execute(ctx) {
    return renderSources(bibliography(ctx.book.dataset));
  },
} satisfies Command;
