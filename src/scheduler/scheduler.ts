/**
 * The scheduler: one node-cron task per process ticks (every second by default); each tick pops the
 * schedules whose next run is due from the in-memory index (live-schedules.ts: a min-heap, no scan),
 * plans the run (catch-up and collapse, plan.ts), and hands deliveries (delivery.ts) to a paced,
 * per-channel dispatcher. Writes that fail after a post wait in pending-writes.ts; first-seen event
 * times (what "new" means) are in seen-events.ts.
 *
 * Multi-process: each process loads only the schedules of guilds on its shards; the delivery claim is
 * the lease (delivery.ts), so even two processes running the same schedule post once.
 */
import { hostname } from 'node:os';
import nodeCron, { type ScheduledTask } from 'node-cron';
import { type Clock, realTimers, systemClock, withDeadline } from '../clock.ts';
import { type Logger, silentLogger, throttledWarnings } from '../logger.ts';
import type { RenderCache } from './compose.ts';
import { defaultScheduleRecord } from './default-schedule.ts';
import { Delivery, type DeliveryOutcome } from './delivery.ts';
import { Dispatcher, DROPPED } from './dispatch.ts';
import { createFollowService, FollowDigests, type FollowService } from './follows.ts';
import { type DueJob, LiveSchedules } from './live-schedules.ts';
import { createRequestPacer, SendPacing } from './pacing.ts';
import { PendingWrites } from './pending-writes.ts';
import { Repo } from './repo.ts';
import { runOutcomeOf } from './run-outcome.ts';
import { SeenEvents } from './seen-events.ts';
import { createScheduleService, type ScheduleService } from './service.ts';
import { ownsGuild } from './shard.ts';
import {
  DEFAULT_OPTIONS,
  emptyTickReport,
  type Outcome,
  type SchedulerDeps,
  type SchedulerOptions,
  type SchedulerStats,
  type TickReport,
} from './types.ts';

export interface Scheduler {
  /** Loads schedules (retrying in the background if the store is down) and starts the node-cron tick. */
  start(): Promise<void>;
  /** Stops ticking, drops queued (unclaimed) runs, lets in-flight sends finish. */
  stop(): Promise<void>;
  /** One tick at `now`: plans due runs and resolves when their deliveries are done. */
  runDue(now?: Date): Promise<TickReport>;
  service: ScheduleService;
  /** Members' follows and their DM digests (present when the deps give a DmPort). */
  follows?: { service: FollowService; digests: FollowDigests } | undefined;
  stats(): SchedulerStats;
}

/** Digests are looked for at most this often, and at the next tick after new events are first seen. */
const FOLLOW_PASS_MS = 5_000;

/** A queued run that a later run of the same schedule replaced before it started. */
const SUPERSEDED: unique symbol = Symbol('superseded');

const iso = (ms: number) => new Date(ms).toISOString();

export function createScheduler(deps: SchedulerDeps): Scheduler {
  const options: SchedulerOptions = {
    ...DEFAULT_OPTIONS,
    processId: `${hostname()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
    ...deps.options,
  };
  const clock: Clock = deps.clock ?? systemClock;
  const logger: Logger = deps.logger ?? silentLogger;
  const warnings = throttledWarnings(logger, { clock });
  const repo = new Repo(deps.store);
  const nowMs = () => clock.now().getTime();
  const live = new LiveSchedules({
    repo,
    clock,
    logger,
    shards: deps.shards ?? { ids: [0], count: 1 },
    catchUpWindowMs: options.catchUpWindowMs,
    operatorDefault: deps.defaultSchedule && defaultScheduleRecord(deps.defaultSchedule, nowMs()),
  });
  const seen = new SeenEvents(repo, deps.dataset, clock);
  const pending = new PendingWrites(warnings);
  const timers = deps.timers ?? realTimers;
  const dispatcher = new Dispatcher(options.maxConcurrentSends);
  let stopping = false;
  const delivery = new Delivery({
    repo,
    poster: deps.poster,
    dataset: deps.dataset,
    seen,
    pending,
    pacing: new SendPacing(
      deps.postsPacedByPoster ? null : createRequestPacer(options.sendsPerSecond, timers),
      options.perChannel,
      timers,
    ),
    clock,
    timers,
    logger,
    warnings,
    options,
    isCurrent: (entry) => live.isCurrent(entry),
    stopping: () => stopping,
  });
  const follows = deps.dms
    ? {
        service: createFollowService({ store: deps.store, clock }),
        digests: new FollowDigests({
          store: deps.store,
          repo,
          poster: deps.poster,
          dms: deps.dms,
          dataset: deps.dataset,
          seen,
          clock,
          logger,
          options,
        }),
      }
    : undefined;
  // DMs belong to no guild: the process running shard 0 delivers every digest (the claim guards overlaps).
  const ownsDms = ownsGuild(null, deps.shards ?? { ids: [0], count: 1 });
  let lastFollowPass = Number.NEGATIVE_INFINITY;
  let newEventsSeen = false;
  function followTick(now: number): void {
    if (!follows || !ownsDms || stopping) return;
    if (!newEventsSeen && now - lastFollowPass < FOLLOW_PASS_MS) return;
    newEventsSeen = false;
    lastFollowPass = now;
    follows.digests
      .runDue(now)
      .catch((error) => warnings.warn('follows', { err: error }, 'follow digests waiting for the store'));
  }
  let task: ScheduledTask | undefined;
  let taskStarted: Promise<void> | undefined;
  let unsubscribe: (() => void) | undefined;
  let ticking = false;

  /** Applies what a delivery asks for next, and names the outcome for the tick report. */
  function settle(job: DueJob, result: DeliveryOutcome): Outcome {
    const counted = deps.events && runOutcomeOf(result, job.run, nowMs());
    if (counted) deps.events?.runs(counted);
    const { entry } = job;
    if (result.kind === 'retry-at') {
      if (!stopping) live.retryAt(entry, result.at, job.run, result.retryCount);
      return result.outcome;
    }
    if (result.kind === 'disabled') {
      live.forget(entry.record.id);
      if (entry.record.guildId === null) {
        const { channelId } = entry.record;
        const gone = result.failure.code === 10003 || result.failure.status === 404;
        logger.error(
          { channelId, status: result.failure.status, code: result.failure.code },
          gone
            ? `BRIEFING_CHANNEL_ID ${channelId} does not exist (Discord: Unknown Channel): copy the channel id again (right-click the channel → Copy Channel ID) and restart; the default schedule is off until then`
            : `the default schedule cannot post in BRIEFING_CHANNEL_ID ${channelId} (${result.failure.reason}): give the bot View Channel, Send Messages and Embed Links there and restart`,
        );
      }
      return 'disabled';
    }
    if (result.kind === 'settled' && result.unschedule) live.forget(entry.record.id);
    return result.outcome;
  }

  /** Loads what a tick needs; false (with the report's error set) when the store is not answering. */
  async function prepare(now: number, report: TickReport): Promise<boolean> {
    try {
      if (!live.isLoaded) await live.load(now);
      if (live.resyncDue(now, options.resyncIntervalMs)) {
        await live
          .resync(now)
          .catch((error) => warnings.warn('resync', { err: error }, 'schedule resync failed; will retry'));
      }
      await seen.ensure();
      return true;
    } catch (error) {
      report.error = (error as Error).message || String(error);
      warnings.warn('tick', { err: error }, 'scheduler waiting for the store');
      return false;
    }
  }

  async function planTick(nowDate: Date): Promise<{ report: TickReport; done: Promise<TickReport> }> {
    const now = nowDate.getTime();
    const report = emptyTickReport(nowDate);
    const idle = () => ({ report, done: Promise.resolve(report) });
    if (stopping || !(await prepare(now, report))) return idle();
    await pending.flush();
    delivery.pruneAttempted(now);

    const started = performance.now();
    const due = live.takeDue(now);
    Object.assign(report, {
      popped: due.popped,
      planned: due.jobs.length,
      planMs: performance.now() - started,
      collapsed: due.collapsed,
      dropped: due.dropped,
    });
    if (due.collapsed > 0) deps.events?.runs('folded', due.collapsed);
    if (due.dropped > 0) deps.events?.runs('missed', due.dropped);
    if (due.collapsed > 0) {
      logger.info(
        { collapsed: due.collapsed, sample: due.collapsedSample },
        `collapsed ${due.collapsed} missed run(s) into the latest run of each schedule (one post each)`,
      );
    }
    if (due.dropped > 0) {
      logger.warn(
        { dropped: due.dropped, sample: due.droppedSample, windowMs: options.catchUpWindowMs },
        `${due.dropped} run(s) older than the catch-up window were not posted`,
      );
    }

    const cache: RenderCache = new Map();
    const done = Promise.all(due.jobs.map((job) => dispatch(job, cache, report))).then(() => {
      report.distinctPosts = cache.size;
      return report;
    });
    return { report, done };
  }

  async function dispatch(job: DueJob, cache: RenderCache, report: TickReport): Promise<void> {
    let outcome: Outcome | typeof DROPPED | typeof SUPERSEDED;
    try {
      outcome = await dispatcher.submit(job.entry.record.channelId, async () =>
        // Queued behind a slow run of the same schedule (a store outage holds each run for the
        // store's timeout) while a later run was planned: the later one, queued behind this one,
        // posts instead (the rule planDue and retries follow), so a backlog never floods a channel.
        job.entry.plannedThrough > job.run ? SUPERSEDED : settle(job, await delivery.deliver(job, cache)),
      );
    } catch (error) {
      logger.error({ err: error, scheduleId: job.entry.record.id }, 'scheduled delivery crashed');
      outcome = 'failed';
    }
    if (outcome === SUPERSEDED) {
      report.collapsed++;
      deps.events?.runs('folded');
      logger.info(
        { scheduleId: job.entry.record.id, run: iso(job.run), latest: iso(job.entry.plannedThrough) },
        'a queued run was folded into a later run of the same schedule (one post)',
      );
      return;
    }
    report.outcomes[outcome === DROPPED ? 'cancelled' : outcome]++;
  }

  function tick(): void {
    if (ticking || stopping) return;
    ticking = true;
    followTick(nowMs());
    planTick(clock.now())
      .then(({ done }) => {
        done.catch((error) => logger.error({ err: error }, 'scheduler tick failed'));
      })
      .catch((error) => logger.error({ err: error }, 'scheduler tick failed'))
      .finally(() => {
        ticking = false;
      });
  }

  const service = createScheduleService({
    repo,
    live,
    seen,
    clock,
    options,
    logger,
    dataset: deps.dataset,
    channels: deps.channels,
  });

  return {
    service,
    follows,
    async start() {
      if (task || stopping) return;
      try {
        await live.load(nowMs());
      } catch (error) {
        logger.warn(
          { err: error },
          'scheduler could not load schedules yet (store unavailable); retrying every tick',
        );
      }
      // First-seen times are read and recorded in the background: with 100k events that takes
      // seconds, and nothing reads them before a tick or a command awaits seen.ensure(), which
      // joins this sync.
      void seen
        .sync()
        .catch((error) => warnings.warn('seen', { err: error }, 'could not record new events yet'));
      unsubscribe = deps.dataset.subscribe?.(() => {
        seen.invalidate();
        void seen
          .sync()
          .then(() => {
            newEventsSeen = true;
          })
          .catch((error) => warnings.warn('seen', { err: error }, 'could not record new events yet'));
      });
      task = nodeCron.createTask(options.tickCron, () => tick(), {
        name: 'briefbot-scheduler',
        // A skipped tick is harmless (the next one finds every due run in the heap): no console noise.
        suppressMissedWarning: true,
        logger: {
          info: (m) => logger.debug({ source: 'node-cron' }, String(m)),
          debug: (m) => logger.debug({ source: 'node-cron' }, String(m)),
          warn: (m) => logger.warn({ source: 'node-cron' }, String(m)),
          error: (m, err) => logger.error({ source: 'node-cron', err }, String(m)),
        },
      });
      // Started in the next turn of the event loop: node-cron's first look at the clock sets up ICU's
      // time zones (~20 ms), which need not hold up READY, and the first tick is a second away anyway.
      const created = task;
      taskStarted = new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => (stopping ? undefined : created.start()))
        .catch((err: unknown) =>
          logger.error({ err }, 'the scheduler clock did not start; scheduled posts are off'),
        );
    },
    async stop() {
      stopping = true;
      await taskStarted;
      if (task) {
        await task.stop();
        await task.destroy();
        task = undefined;
      }
      unsubscribe?.();
      const closed = await withDeadline(
        dispatcher.close().then(() => 'closed' as const),
        options.stopTimeoutMs,
        () => 'timeout' as const,
      );
      if (closed === 'timeout') {
        logger.warn(
          { inFlight: dispatcher.active, timeoutMs: options.stopTimeoutMs },
          'stopping with posts still in flight; their delivery records stay "sending" and a restart resolves them',
        );
      }
      await pending.flush();
      if (pending.size) logger.warn({ pending: pending.names }, 'store writes left unflushed at stop');
    },
    async runDue(now = clock.now()) {
      const { done } = await planTick(now);
      return done;
    },
    stats() {
      return {
        loaded: live.isLoaded,
        schedules: live.size,
        heapSize: live.heapSize,
        queued: dispatcher.queued,
        active: dispatcher.active,
        pendingWrites: pending.size,
      };
    },
  };
}
