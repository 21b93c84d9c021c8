import { REST, Routes } from 'discord.js';
import type { RESTGetCurrentApplicationResult } from 'discord-api-types/v10';
import { commands } from '../../commands/index.ts';
import { loadConfigOrExit } from '../config.ts';
import { commandsJson, registerCommands } from '../discord/register.ts';
import { createLogger } from '../logger.ts';
import { openStore } from '../store/index.ts';

if (process.argv.includes('--dry-run')) {
  console.log(JSON.stringify(commandsJson(commands), null, 2));
  process.exit(0);
}

const config = loadConfigOrExit();
const logger = createLogger({ level: config.LOG_LEVEL, secrets: [config.DISCORD_TOKEN] });
const rest = new REST(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}).setToken(
  config.DISCORD_TOKEN,
);
const app = (await rest.get(Routes.currentApplication())) as RESTGetCurrentApplicationResult;
const store = await openStore(config.STORE_URL, { logger }).catch((err: unknown) => {
  logger.warn({ err }, 'store unavailable: registering without recording the hash');
  return undefined;
});
await registerCommands({
  rest,
  applicationId: app.id,
  guildId: config.DISCORD_GUILD_ID,
  commands,
  store,
  logger,
  force: true,
});
await store?.close();
console.log(
  `Registered ${commands.length} commands ${config.DISCORD_GUILD_ID ? `to server ${config.DISCORD_GUILD_ID}` : 'globally (may take up to an hour to appear)'}.`,
);
