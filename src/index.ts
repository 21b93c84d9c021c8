import { startBot } from './bot.ts';
import { loadConfigOrExit } from './config.ts';
import { DataError } from './dataset/snapshot.ts';
import { createLogger } from './logger.ts';

const config = loadConfigOrExit();

const logger = createLogger({ level: config.LOG_LEVEL, secrets: [config.DISCORD_TOKEN] });
process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));
process.on('uncaughtException', (err) => {
  logger.fatal({ err }, 'uncaught exception; exiting');
  process.exitCode = 1;
  void bot?.stop().finally(() => process.exit(1));
});

let bot: Awaited<ReturnType<typeof startBot>> | undefined;
try {
  bot = await startBot({ config, logger });
} catch (error) {
  if (error instanceof DataError) console.error(error.message);
  else logger.fatal({ err: error }, 'could not start');
  process.exit(1);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    logger.info({ signal }, 'signal received');
    const hardStop = setTimeout(() => process.exit(1), 5000);
    hardStop.unref();
    void bot?.stop(4500).finally(() => process.exit(0));
  });
}
