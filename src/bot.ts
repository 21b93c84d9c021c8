import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { type Client, Events, SimpleIdentifyThrottler } from 'discord.js';
import { createCommands, commands as registeredCommands } from '../commands/index.ts';
import { type Clock, systemClock, withDeadline } from './clock.ts';
import type { Config } from './config.ts';
import { createFeedService } from './curation/feeds.ts';
import { createCurationService } from './curation/service.ts';
import { AllowedHosts } from './curation/url-safety.ts';
import type { LiveDataset } from './dataset/live-dataset.ts';
import { type DatasetSnapshot, openDataset } from './dataset/snapshot.ts';
import {
  channelAccessFor,
  createDiscordClient,
  defaultChannelProblem,
  explainLoginError,
  explainRegistrationError,
} from './discord/client.ts';
import type { CommandContext } from './discord/command.ts';
import { createCurationPoster } from './discord/curation-poster.ts';
import { storedPageStates } from './discord/page-states.ts';
import { registerCommands } from './discord/register.ts';
import { createRouter, type Router } from './discord/router.ts';
import type { Logger } from './logger.ts';
import { SharedIdentifyThrottler } from './ops/identify-lock.ts';
import { startOperations } from './ops/operations.ts';
import { createShardRegistry } from './ops/shard-registry.ts';
import { timedStore } from './ops/timed-store.ts';
import { renderDmPausedNotice } from './render/follow.ts';
import { saveCodeCaches } from './runtime/code-cache.ts';
import { createDmChannels, createRestPoster, createScheduler, type Scheduler } from './scheduler/index.ts';
import { compactShardIds } from './scheduler/shard.ts';
import { openStore, type Store } from './store/index.ts';

/** From this many events on, heavy commands defer before running (see CommandContext.heavyWork). */
const HEAVY_WORK_FROM_EVENTS = 5_000;

const BOT_VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export interface BotOptions {
  config: Config;
  logger: Logger;
  clock?: Clock;
  /** Watch data/ and swap in valid edits (default true). */
  watchData?: boolean;
}

export interface Bot {
  client: Client;
  scheduler: Scheduler;
  store: Store;
  router: Router;
  /** Resolves once the gateway is READY and commands are registered. */
  ready: Promise<void>;
  /** The health and metrics listener's port (METRICS_PORT; undefined when off). */
  metricsPort: number | undefined;
  dataset(): DatasetSnapshot;
  /** Graceful stop: no new work, in-flight replies finish, scheduler stops, store closes, client goes. */
  stop(timeoutMs?: number): Promise<void>;
}

/**
 * Wiring only: config → operations (health, metrics) → dataset → store → clock → client → router →
 * scheduler. Throws when the data or the store cannot be opened, with a message naming the fix (a
 * store that cannot be opened: before identifying to the gateway).
 */
export async function startBot(opts: BotOptions): Promise<Bot> {
  const { config, logger } = opts;
  const clock = opts.clock ?? systemClock;
  const startedAt = clock.now();
  const sinceStart = () => clock.now().getTime() - startedAt.getTime();
  const { shards } = config;
  const processId = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

  const ops = await startOperations({
    port: config.METRICS_PORT,
    host: config.METRICS_HOST,
    shards,
    commandNames: registeredCommands.map((c) => c.data.name),
    botVersion: BOT_VERSION,
    logger,
  });
  const { metrics } = ops;
  // The dataset, the store and the gateway connection are opened together: loading the dataset is
  // mostly this thread's work, the other two mostly waiting on I/O. Nothing is answered before the
  // dataset is loaded (the READY handler and every interaction wait for `wiring`), and a dataset
  // that does not load stops the start with its own error, whatever else happened meanwhile.
  const dataLoading = openDataset({
    dir: config.DATA_DIR,
    logger,
    now: () => clock.now(),
    watch: opts.watchData ?? true,
    cacheDir: config.DATASET_CACHE_DIR,
  });
  dataLoading.catch(() => undefined);
  const storeOpening = openStore(config.STORE_URL, { logger, clock });
  storeOpening.catch(() => undefined);
  let store: Store | undefined;

  // The gateway connection starts now too (Discord's gateway URL, the WebSocket, its HELLO), but
  // the IDENTIFY waits for `allowIdentify`, given once the store is open and every handler is in
  // place: a store that cannot be opened fails the start without using up a session start.
  let allowIdentify = (): void => undefined;
  let refuseIdentify = (_reason: unknown): void => undefined;
  const identifyAllowed = new Promise<void>((resolve, reject) => {
    allowIdentify = resolve;
    refuseIdentify = reject;
  });
  identifyAllowed.catch(() => undefined);
  const { client } = createDiscordClient({
    apiUrl: config.DISCORD_API_URL,
    requestsPerSecond: config.DISCORD_REQUESTS_PER_SECOND,
    logger,
    shards,
    identifyThrottler: async (maxConcurrency) => {
      await identifyAllowed;
      // Several processes share the identify buckets: pace them through the store.
      if (shards.count > 1 && store)
        return new SharedIdentifyThrottler({
          store,
          maxConcurrency,
          processId,
          logger,
          clock,
          onIdentify: metrics && ((wait) => metrics.identified(wait)),
        });
      return new SimpleIdentifyThrottler(maxConcurrency);
    },
    observeRest: metrics?.rest,
  });
  client.on(Events.Error, (err) => logger.error({ err }, 'discord client error'));
  client.on(Events.Warn, (message) => logger.warn({ message }, 'discord client warning'));
  client.on(Events.ShardDisconnect, (event, shardId) =>
    logger.warn({ code: event.code, shardId }, 'gateway disconnected'),
  );
  client.on(Events.ShardResume, (shardId, replayed) => logger.info({ shardId, replayed }, 'gateway resumed'));
  const loggingIn = client.login(config.DISCORD_TOKEN);
  loggingIn.catch(() => undefined);

  try {
    // Bad data fails the start as soon as it is known, without waiting for a slow store.
    const opened = await Promise.race([storeOpening, dataLoading.then(() => storeOpening)]);
    store = metrics ? timedStore(opened, metrics.store) : opened;
  } catch (error) {
    // Closed first: the identify still waiting then ends as a closed shard's, with no retry.
    await client.destroy().catch(() => {});
    refuseIdentify(error);
    void storeOpening.then(
      (opened) => opened.close(),
      () => undefined,
    );
    // Bad data is reported before a store problem, as when they were opened one after the other.
    const data = await dataLoading.catch(async (dataError: unknown) => {
      await ops.close();
      throw dataError;
    });
    data.close();
    await ops.close();
    throw error;
  }
  logger.info({ store: store.describe() }, 'store opened');
  ops.attach({ store });
  if (shards.count > 1)
    logger.info(
      { shards: compactShardIds(shards.ids), shardCount: shards.count },
      `running shard(s) ${compactShardIds(shards.ids)} of ${shards.count}`,
    );
  const registry = createShardRegistry({ store, shards, processId, logger, clock });
  ops.attach({ client, shardConflicts: () => registry.conflicts() });
  const channels = channelAccessFor(client);

  /** Everything that reads the dataset, made once it is loaded. */
  const wire = (data: LiveDataset) => {
    ops.attach({ dataset: () => datasetFacts(data.current()), store });
    const scheduler = createScheduler({
      store,
      dataset: data,
      logger,
      channels,
      clock,
      poster: createRestPoster(client.rest),
      dms: createDmChannels(client.rest),
      postsPacedByPoster: true, // client.rest waits for the process's request pacer
      shards,
      events: metrics?.scheduler,
      defaultSchedule:
        config.BRIEFING_CHANNEL_ID && config.BRIEFING_CRON
          ? {
              channelId: config.BRIEFING_CHANNEL_ID,
              cron: config.BRIEFING_CRON,
              timezone: config.BRIEFING_TIMEZONE,
              language: config.BRIEFING_LANGUAGE,
            }
          : undefined,
      options: {
        catchUpWindowMs: config.CATCH_UP_MINUTES * 60_000,
      },
    });
    // Curation: the review state is in the store; the NLP and fetching code loads on first use only.
    const curation = createCurationService({
      store,
      clock,
      logger,
      dataset: { current: () => data.current().briefbook.dataset, reload: () => data.reload() },
      dataDir: config.DATA_DIR,
      poster: createCurationPoster(client.rest),
      allowHosts: AllowedHosts.parse(config.CURATE_ALLOW_HOSTS),
      reviewChannelId: config.CURATION_CHANNEL_ID,
      processId,
    });
    const feeds = createFeedService({
      store,
      clock,
      logger,
      curation,
      intervalMinutes: config.CURATE_FEED_MINUTES,
      tickMs: Math.min(60_000, (config.CURATE_FEED_MINUTES * 60_000) / 2),
      shards,
      events: metrics?.feeds,
    });
    const follows = scheduler.follows?.service;
    const commands = createCommands({
      follows,
      schedules: scheduler.service,
      channels,
      curation,
      feeds,
      curatorRoleId: config.CURATOR_ROLE_ID,
    });
    const pageStates = storedPageStates(store);
    const context = (): Omit<CommandContext, 't'> => {
      const snap = data.current();
      return {
        book: snap.briefbook,
        datasetLoadedAt: snap.loadedAt,
        clock,
        logger,
        botVersion: BOT_VERSION,
        startedAt,
        heavyWork: snap.briefbook.dataset.events.length >= HEAVY_WORK_FROM_EVENTS,
        pageStates,
      };
    };
    const router = createRouter({
      commands,
      context,
      logger,
      events: metrics?.interactions,
      noticeFor: async (userId, t) =>
        follows && (await follows.takeNotice(userId)) ? renderDmPausedNotice(t) : undefined,
    });
    return { data, scheduler, feeds, commands, router };
  };
  const wiring = dataLoading.then(wire);
  wiring.catch(() => undefined);
  /** Set once wired: what stop() and the Bot reach synchronously. */
  let wired: Awaited<typeof wiring> | undefined;

  client.on(Events.InteractionCreate, (interaction) => {
    if (wired) void wired.router.handle(interaction);
    else
      void wiring.then(
        (w) => w.router.handle(interaction),
        () => undefined,
      );
  });

  const ready = new Promise<void>((resolve, reject) => {
    client.once(Events.ClientReady, async (c) => {
      logger.info({ user: c.user.tag, guilds: c.guilds.cache.size, ms: sinceStart() }, 'gateway ready');
      let w: Awaited<typeof wiring>;
      try {
        w = await wiring;
      } catch (err) {
        reject(err);
        return;
      }
      const { commands, scheduler, feeds, data } = w;
      try {
        await registerCommands({
          rest: c.rest,
          applicationId: c.application.id,
          guildId: config.DISCORD_GUILD_ID,
          commands,
          store,
          logger,
          clock,
        });
      } catch (err) {
        const refused = explainRegistrationError(err, config.DISCORD_GUILD_ID);
        if (refused) {
          reject(refused);
          return;
        }
        logger.error({ err }, 'slash command registration failed; commands may be out of date');
      }
      try {
        await scheduler.start();
      } catch (err) {
        logger.error({ err }, 'scheduler did not start; scheduled posts are off until the bot restarts');
      }
      feeds.start();
      if (config.BRIEFING_CHANNEL_ID && config.BRIEFING_CRON) {
        const problem = await defaultChannelProblem(c, config.BRIEFING_CHANNEL_ID);
        if (problem) logger.error({ channelId: config.BRIEFING_CHANNEL_ID }, problem);
      }
      logger.info({ msSinceStart: sinceStart(), rssBytes: process.memoryUsage().rss }, 'briefbot ready');
      resolve();
      // Work the indexes leave to their first use (actors by country and office), done now while
      // the bot waits, and after each swap: no user's command pays for it.
      const prepare = (snap: DatasetSnapshot) => setImmediate(() => snap.briefbook.actors.prepare());
      prepare(data.current());
      data.subscribe(({ current }) => prepare(current));
      // The start's compiled code, for the next start (compiled builds only; see code-cache.ts).
      const cached = saveCodeCaches();
      if (cached.length > 0) logger.debug({ files: cached }, 'code cache saved');
    });
    client.once(Events.Invalidated, () => reject(new Error('Discord invalidated the session')));
  });
  ready.catch(() => undefined);

  allowIdentify();
  const connecting = (async () => {
    // The shard announcement goes out with the identify, not before it: it only logs conflicts (and
    // never throws), so the identify need not wait for its store round trips. Awaited either way, so
    // a failed login's registry.stop() withdraws an announcement that is already written.
    const announcing = registry.start();
    try {
      await loggingIn;
    } finally {
      await announcing;
    }
  })();
  connecting.catch(() => undefined);
  try {
    // The dataset's outcome first: bad data is the error to report even if the login failed too.
    wired = await wiring;
    await connecting;
  } catch (error) {
    await client.destroy().catch(() => {});
    await wired?.scheduler.stop().catch(() => {});
    // A login still under way ends with the destroyed client; give it a moment before closing the rest.
    await withDeadline(
      connecting.catch(() => {}),
      2000,
      () => undefined,
    );
    await registry.stop().catch(() => {});
    await dataLoading.then(
      (data) => data.close(),
      () => undefined,
    );
    await store.close().catch(() => {});
    await ops.close();
    if (!wired) throw error;
    throw explainLoginError(error, { apiUrl: config.DISCORD_API_URL }) ?? error;
  }
  const { data, scheduler, feeds, router } = wired;

  let stopping: Promise<void> | undefined;
  const stop = (timeoutMs = 5000): Promise<void> => {
    stopping ??= (async () => {
      const deadline = performance.now() + timeoutMs;
      const left = () => Math.max(0, deadline - performance.now());
      logger.info({ inFlight: router.inFlight() }, 'shutting down');
      ops.markStopping();
      await router.drain(Math.min(left(), 2000));
      // Each step gets what is left of the budget; one that overruns is left behind, not awaited.
      await withDeadline(scheduler.stop(), Math.max(0, left() - 1000), () => undefined).catch(
        (err: unknown) => logger.warn({ err }, 'scheduler stop failed'),
      );
      await withDeadline(feeds.stop(), Math.max(0, left() - 1000), () => undefined).catch((err: unknown) =>
        logger.warn({ err }, 'feed poller stop failed'),
      );
      await withDeadline(registry.stop(), Math.max(0, left() - 500), () => undefined);
      data.close();
      await withDeadline(store.close(), left(), () => undefined).catch((err: unknown) =>
        logger.warn({ err }, 'store close failed'),
      );
      await client.destroy();
      await ops.close();
      logger.info({}, 'stopped');
    })();
    return stopping;
  };

  return {
    client,
    scheduler,
    store,
    router,
    ready,
    metricsPort: ops.port,
    dataset: () => data.current(),
    stop,
  };
}

/** What the metrics and /readyz read of the served dataset. */
function datasetFacts(snap: DatasetSnapshot) {
  return { version: snap.version, events: snap.briefbook.dataset.events.length, loadedAt: snap.loadedAt };
}
