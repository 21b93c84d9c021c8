import { startBot } from './bot.ts';
import { loadConfigOrExit } from './config.ts';
import { DataError } from './dataset/snapshot.ts';
import { createLogger } from './logger.ts';
import { compactShardIds } from './scheduler/shard.ts';
import { StartupError } from './startup-error.ts';
import { StoreOpenError } from './store/index.ts';

/**
 * The bot's process: configuration, logger, signal handlers, the start. src/index.ts runs it (through
 * tsx); the build bundles this module and everything it loads at start into one CommonJS file that
 * dist/index.js compiles from a V8 code cache (src/runtime/code-cache.ts), so its top level only
 * declares and `main()` does the work.
 */
export async function main(): Promise<void> {
  const config = loadConfigOrExit();

  const { shards } = config;
  const logger = createLogger({
    level: config.LOG_LEVEL,
    secrets: [config.DISCORD_TOKEN],
    // With several processes, every line says which shards wrote it (`4-7/16`).
    fields: shards.count > 1 ? { shardRange: `${compactShardIds(shards.ids)}/${shards.count}` } : {},
  });
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));
  process.on('uncaughtException', (err) => {
    logger.fatal({ err }, 'uncaught exception; exiting');
    process.exitCode = 1;
    void bot?.stop().finally(() => process.exit(1));
  });

  /**
   * Expected start-up failures (bad data, a store that cannot be opened, a refused token, an
   * unreachable API, a server the bot is not in) are one line naming the setting and the fix, with no
   * stack trace; anything else is a bug and is logged in full.
   */
  function exitOnStartFailure(error: unknown): never {
    if (error instanceof DataError) console.error(error.message);
    else if (error instanceof StartupError || error instanceof StoreOpenError)
      console.error(`briefbot cannot start: ${error.message}`);
    else logger.fatal({ err: error }, 'could not start');
    process.exit(1);
  }

  let bot: Awaited<ReturnType<typeof startBot>> | undefined;
  let signalled = false;
  // Installed before the start, so a stop asked for while it connects (a long identify wait behind
  // other hosts, systemd giving up on a start) is graceful too: whatever exists is stopped.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      signalled = true;
      logger.info({ signal, started: bot !== undefined }, 'signal received');
      const hardStop = setTimeout(() => process.exit(1), 5000);
      hardStop.unref();
      if (!bot) process.exit(0);
      void bot.stop(4500).finally(() => process.exit(0));
    });
  }
  try {
    bot = await startBot({ config, logger });
    await bot.ready;
  } catch (error) {
    // Stopped on a signal while starting: that stop ends the process (exit 0), not a start failure.
    if (!signalled) {
      await bot?.stop(2000).catch(() => {});
      exitOnStartFailure(error);
    }
  }
}
