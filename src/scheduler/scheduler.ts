/**
 * The scheduler: one node-cron task per process ticks (every second by default); each tick pops the
 * schedules whose next run is due from a min-heap (no scan, no cron math for schedules not due), plans
 * the run (catch-up and collapse, plan.ts), and hands deliveries to a paced, per-channel dispatcher.
 *
 * Delivery of one (schedule, run) — exactly once, see DELIVERY below:
 *   1. read the schedule (still active?) and its watermark; compose the post (cached per distinct summary)
 *   2. new-only with nothing new: claim the record as "skipped", advance the watermark, done
 *   3. wait for a pacing slot, then CLAIM `deliveries/${id}:${runIso}` = sending (atomic set-if-absent)
 *   4. post with the run's deterministic nonce (enforce_nonce): Discord keeps one message per nonce
 *   5. mark the record sent, advance the watermark (retried from memory if the store is down)
 *
 * DELIVERY — what a crash (or a lost process) at each step does:
 *   - before 3: nothing was written; the run is planned again at start (catch-up window) → one post.
 *   - between 3 and 4, or during 4: the record says "sending" with a lease. The restarted process (at
 *     once when the owner was a process on the same host that is gone; otherwise, like any other process,
 *     once the lease has expired) takes it over and resends WITH THE SAME NONCE if the first
 *     claim is younger than the nonce window (default 2 min): if the first send reached Discord, Discord
 *     answers with that message instead of posting again; if not, this is the post. Older than the
 *     window, it is marked "abandoned" and not resent: we prefer never-twice to maybe-twice.
 *   - after 4, before 5: same as above (the resend inside the window returns the existing message).
 *   - after 5: the record is final; the run is never posted again.
 *   post() calls per run are counted in the record: never more than maxAttemptsPerRun (3).
 *
 * Multi-process: each process loads only the schedules of guilds on its shards; the claim is the lease,
 * so even two processes running the same schedule post once.
 */
import { hostname } from 'node:os';
import nodeCron, { type ScheduledTask } from 'node-cron';
import { type Composed, composeRun, type RenderCache } from './compose.ts';
import { type CompiledCron, cachedCron, compileCron } from './cron.ts';
import { Dispatcher, DROPPED } from './dispatch.ts';
import { classifyPostError, type PostFailure } from './errors.ts';
import { MinHeap } from './heap.ts';
import { runNonce } from './ids.ts';
import { Pacer } from './pacing.ts';
import { loadFloor, planDue } from './plan.ts';
import { deliveryKey, Repo } from './repo.ts';
import { createScheduleService, type ScheduleService } from './service.ts';
import { ownsGuild } from './shard.ts';
import { resolveTimezone } from './timezones.ts';
import {
  type Clock,
  DEFAULT_OPTIONS,
  DEFAULT_SCHEDULE_ID,
  type DeliveryRecord,
  type ScheduleRecord,
  type SchedulerDeps,
  type SchedulerLogger,
  type SchedulerOptions,
  type Timers,
  type Watermark,
} from './types.ts';

export type Outcome =
  | 'posted'
  | 'skipped'
  | 'failed'
  | 'disabled'
  | 'duplicate'
  | 'in-progress'
  | 'abandoned'
  | 'retry'
  | 'inactive'
  | 'cancelled';

export interface TickReport {
  at: string;
  /** Heap entries popped (including stale ones). */
  popped: number;
  /** Runs handed to the dispatcher. */
  planned: number;
  /** Time spent finding and planning due runs (no I/O), ms. */
  planMs: number;
  /** Earlier missed runs folded into a delivered one. */
  collapsed: number;
  /** Runs not delivered because they were older than the catch-up window. */
  dropped: number;
  outcomes: Record<Outcome, number>;
  /** Distinct summaries rendered for this tick's runs (each reused across channels). */
  distinctPosts: number;
  /** Set when the tick could not run (store unavailable while loading). */
  error?: string;
}

export interface SchedulerStats {
  loaded: boolean;
  schedules: number;
  heapSize: number;
  queued: number;
  active: number;
  pendingWrites: number;
}

export interface Scheduler {
  /** Loads schedules (retrying in the background if the store is down) and starts the node-cron tick. */
  start(): Promise<void>;
  /** Stops ticking, drops queued (unclaimed) runs, lets in-flight sends finish. */
  stop(): Promise<void>;
  /** One tick at `now`: plans due runs and resolves when their deliveries are done. */
  runDue(now?: Date): Promise<TickReport>;
  service: ScheduleService;
  stats(): SchedulerStats;
}

interface Live {
  record: ScheduleRecord;
  cron: CompiledCron;
  gen: number;
  /** Every run at or before this has been planned (handed out or dropped). */
  plannedThrough: number;
}

interface HeapEntry {
  at: number;
  id: string;
  gen: number;
  /** A specific run to retry (store outage, or a lease held elsewhere to re-check). */
  retryRun?: number;
  retryCount?: number;
}

/** A queued run that a later run of the same schedule replaced before it started. */
const SUPERSEDED: unique symbol = Symbol('superseded');

const NOOP_LOGGER: SchedulerLogger = { debug() {}, info() {}, warn() {}, error() {} };

const realTimers: Timers = {
  sleep: (ms) =>
    new Promise((resolve) => {
      setTimeout(resolve, Math.max(0, ms));
    }),
};

const iso = (ms: number) => new Date(ms).toISOString();
const emptyOutcomes = (): Record<Outcome, number> => ({
  posted: 0,
  skipped: 0,
  failed: 0,
  disabled: 0,
  duplicate: 0,
  'in-progress': 0,
  abandoned: 0,
  retry: 0,
  inactive: 0,
  cancelled: 0,
});

/** Validates the operator default schedule (BRIEFING_*); returns a one-line error or undefined. */
export function defaultScheduleProblem(spec: {
  channelId: string;
  cron: string;
  timezone: string;
}): string | undefined {
  if (!/^\d{17,20}$/.test(spec.channelId))
    return `BRIEFING_CHANNEL_ID must be a channel id (17–20 digits), got "${spec.channelId}"`;
  const tz = resolveTimezone(spec.timezone);
  if (!tz.ok) return `BRIEFING_TIMEZONE: ${tz.message}`;
  const cron = compileCron(spec.cron, tz.zone);
  if (!cron.ok) return `BRIEFING_CRON: ${cron.message}`;
  return undefined;
}

export function createScheduler(deps: SchedulerDeps): Scheduler {
  const options: SchedulerOptions = {
    ...DEFAULT_OPTIONS,
    processId: `${hostname()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
    ...deps.options,
  };
  const clock: Clock = deps.clock ?? { now: () => new Date() };
  const timers: Timers = deps.timers ?? realTimers;
  const logger = deps.logger ?? NOOP_LOGGER;
  const shards = deps.shards ?? { ids: [0], count: 1 };
  const repo = new Repo(deps.store);
  const pacerTime = { now: () => performance.now(), sleep: (ms: number) => timers.sleep(ms) };
  const pacer = Pacer.perSecond(options.sendsPerSecond, pacerTime);
  const channelPacers = new Map<string, Pacer>();
  function channelPacer(channelId: string): Pacer {
    let p = channelPacers.get(channelId);
    if (!p) {
      if (channelPacers.size > 10_000) {
        const idleBefore = performance.now() - options.perChannel.windowMs;
        for (const [id, old] of channelPacers) if (old.lastUsed < idleBefore) channelPacers.delete(id);
      }
      p = new Pacer(options.perChannel, pacerTime);
      channelPacers.set(channelId, p);
    }
    return p;
  }
  const dispatcher = new Dispatcher(options.maxConcurrentSends);
  const nowMs = () => clock.now().getTime();

  const live = new Map<string, Live>();
  const heap = new MinHeap<HeapEntry>();
  let gen = 0;
  let loaded = false;
  let loading: Promise<void> | undefined;
  let lastResync = 0;
  let stopping = false;
  let task: ScheduledTask | undefined;
  let unsubscribe: (() => void) | undefined;
  let ticking = false;

  // First-seen times of events (store namespace events-seen), mirrored in memory.
  let seen = new Map<string, number>();
  let seenLoaded = false;
  let seenVersion: string | undefined;
  let seenSync: Promise<void> | undefined;

  /** Store writes that failed after a post: retried each tick (pure CAS functions, safe to repeat). */
  const pendingWrites: Array<{ what: string; run: () => Promise<unknown> }> = [];
  /** Runs this process has called post() for (key → when), so a lost claim reply is not mistaken. */
  const attempted = new Map<string, number>();

  const throttle = new Map<string, number>();
  function warnThrottled(key: string, obj: object, msg: string): void {
    const t = Date.now();
    if ((throttle.get(key) ?? 0) > t - 30_000) return;
    throttle.set(key, t);
    logger.warn(obj, msg);
  }

  let defaultRecord: ScheduleRecord | undefined;
  let defaultDisabled: PostFailure | undefined;
  if (deps.defaultSchedule) {
    const spec = deps.defaultSchedule;
    const problem = defaultScheduleProblem(spec);
    if (problem) throw new Error(`Invalid default schedule: ${problem}`);
    const tz = resolveTimezone(spec.timezone);
    const at = iso(nowMs());
    defaultRecord = {
      v: 1,
      id: DEFAULT_SCHEDULE_ID,
      guildId: null,
      channelId: spec.channelId,
      cron: spec.cron.trim().replace(/\s+/g, ' '),
      timezone: tz.ok ? tz.zone : 'UTC',
      ...(spec.topic ? { topic: spec.topic } : {}),
      mode: spec.mode ?? 'always',
      createdBy: 'operator',
      createdAt: at,
      // Replaced at load: its watermark bounds catch-up; without one (first start) it starts now.
      activeSince: iso(0),
    };
  }

  const owned = (record: ScheduleRecord) => ownsGuild(record.guildId, shards);
  const active = (record: ScheduleRecord) => !record.paused && !record.disabled;

  function addLive(
    record: ScheduleRecord,
    wm: Watermark | undefined,
    now: number,
    stats?: { beyondWindow: string[] },
  ) {
    let cron: CompiledCron;
    try {
      cron = cachedCron(record.cron, record.timezone);
    } catch (error) {
      logger.error({ scheduleId: record.id, err: error }, 'stored schedule cannot be compiled; skipped');
      return;
    }
    const lastHandled = Math.max(
      Date.parse(record.activeSince),
      wm ? Date.parse(wm.lastRun) : Number.NEGATIVE_INFINITY,
    );
    const floor = loadFloor(lastHandled, now, options.catchUpWindowMs);
    if (stats && floor > lastHandled) {
      const old = cron.latestAtOrBefore(floor);
      if (old !== undefined && old > lastHandled) stats.beyondWindow.push(record.id);
    }
    const entry: Live = { record, cron, gen: ++gen, plannedThrough: floor };
    live.set(record.id, entry);
    const at = cron.nextAfter(floor);
    if (at !== undefined) heap.push({ at, id: record.id, gen: entry.gen });
  }

  function forget(id: string): void {
    live.delete(id);
    if (heap.size > 2 * live.size + 1_000) heap.retain((e) => live.get(e.id)?.gen === e.gen);
  }

  async function syncSeen(): Promise<void> {
    const run = async () => {
      const snapshot = deps.dataset.current();
      if (!seenLoaded) {
        seen = await repo.listSeen();
        seenLoaded = true;
      }
      const missing = snapshot.briefbook.dataset.events.filter((e) => !seen.has(e.id));
      const at = iso(nowMs());
      for (let i = 0; i < missing.length; i += 50) {
        const chunk = missing.slice(i, i + 50);
        const times = await Promise.all(chunk.map((e) => repo.claimSeen(e.id, at)));
        chunk.forEach((e, j) => seen.set(e.id, times[j] ?? Date.parse(at)));
      }
      seenVersion = snapshot.version;
    };
    seenSync ??= run().finally(() => {
      seenSync = undefined;
    });
    return seenSync;
  }

  async function ensureSeen(): Promise<void> {
    if (seenVersion !== deps.dataset.current().version) await syncSeen();
  }

  async function load(now: number): Promise<void> {
    loading ??= (async () => {
      const [records, wms] = await Promise.all([repo.listSchedules(), repo.listWatermarks()]);
      await syncSeen();
      const stats = { beyondWindow: [] as string[] };
      live.clear();
      heap.clear();
      let skipped = 0;
      for (const record of records) {
        if (!owned(record) || !active(record)) {
          skipped++;
          continue;
        }
        addLive(record, wms.get(record.id), now, stats);
      }
      if (defaultRecord && owned(defaultRecord)) {
        const wm = wms.get(DEFAULT_SCHEDULE_ID);
        // First start with this default schedule: nothing before now counts as missed.
        if (!wm) defaultRecord = { ...defaultRecord, activeSince: iso(now) };
        addLive(defaultRecord, wm, now, stats);
      }
      loaded = true;
      lastResync = now;
      logger.info(
        { schedules: live.size, notHere: skipped, shards: shards.ids, shardCount: shards.count },
        `scheduler loaded ${live.size} schedule(s)`,
      );
      if (stats.beyondWindow.length) {
        logger.warn(
          {
            count: stats.beyondWindow.length,
            sample: stats.beyondWindow.slice(0, 10),
            windowMs: options.catchUpWindowMs,
          },
          `${stats.beyondWindow.length} schedule(s) missed runs older than the catch-up window while the bot was down; those runs are not posted`,
        );
      }
    })().finally(() => {
      loading = undefined;
    });
    return loading;
  }

  async function resync(now: number): Promise<void> {
    const records = await repo.listSchedules();
    const current = new Set<string>();
    for (const record of records) {
      if (!owned(record)) continue;
      current.add(record.id);
      const existing = live.get(record.id);
      if (!active(record)) {
        if (existing) forget(record.id);
      } else if (!existing) {
        addLive(record, await repo.getWatermark(record.id), now);
      } else {
        existing.record = record;
      }
    }
    for (const id of [...live.keys()]) if (id !== DEFAULT_SCHEDULE_ID && !current.has(id)) forget(id);
    lastResync = now;
  }

  async function flushPendingWrites(): Promise<void> {
    while (pendingWrites.length > 0) {
      const next = pendingWrites[0];
      if (!next) break;
      try {
        await next.run();
        pendingWrites.shift();
      } catch (error) {
        warnThrottled(
          'pending',
          { err: error, pending: pendingWrites.length },
          'store still unavailable; will retry writes',
        );
        return;
      }
    }
  }

  /** A store write after the point of no return: if it fails it is kept and retried every tick. */
  async function persist(what: string, run: () => Promise<unknown>): Promise<void> {
    try {
      await run();
    } catch (error) {
      warnThrottled('persist', { err: error, what }, 'store write failed; kept in memory and retried');
      pendingWrites.push({ what, run });
    }
  }

  function advanceWatermark(
    id: string,
    u: { run: number; cutoff?: number; result: Watermark['lastResult']; postAt?: number; messageId?: string },
  ): Promise<void> {
    return persist(`watermark ${id}`, () =>
      repo.updateWatermark(id, (cur) => {
        if (!cur && u.cutoff === undefined) return cur; // a failed first run: still the first run next time
        const lastRun = Math.max(u.run, cur ? Date.parse(cur.lastRun) : Number.NEGATIVE_INFINITY);
        const cutoff = Math.max(
          u.cutoff ?? Number.NEGATIVE_INFINITY,
          cur ? Date.parse(cur.cutoff) : Number.NEGATIVE_INFINITY,
        );
        const next: Watermark = {
          lastRun: iso(lastRun),
          cutoff: iso(cutoff),
          firstRunAt: cur?.firstRunAt ?? iso(u.run),
          lastResult: u.result,
        };
        const lastPostAt = u.postAt ?? (cur?.lastPostAt ? Date.parse(cur.lastPostAt) : undefined);
        if (lastPostAt !== undefined) next.lastPostAt = iso(lastPostAt);
        const lastPostRun = u.postAt !== undefined ? iso(u.run) : cur?.lastPostRun;
        if (lastPostRun) next.lastPostRun = lastPostRun;
        const lastMessageId = u.messageId ?? cur?.lastMessageId;
        if (lastMessageId) next.lastMessageId = lastMessageId;
        return next;
      }),
    );
  }

  function retryLater(entry: Live, run: number, retryCount: number, error: unknown): Outcome {
    const delay = Math.min(60_000, 1_000 * 2 ** Math.min(retryCount, 6));
    warnThrottled(
      'retry',
      { err: error, scheduleId: entry.record.id, run: iso(run), retryInMs: delay },
      'store unavailable for a scheduled run; retrying (the run is kept)',
    );
    if (!stopping)
      heap.push({
        at: nowMs() + delay,
        id: entry.record.id,
        gen: entry.gen,
        retryRun: run,
        retryCount: retryCount + 1,
      });
    return 'retry';
  }

  async function disable(entry: Live, failure: PostFailure): Promise<void> {
    const id = entry.record.id;
    logger.warn(
      {
        scheduleId: id,
        guildId: entry.record.guildId,
        channelId: entry.record.channelId,
        status: failure.status,
        code: failure.code,
      },
      `schedule ${id} disabled: ${failure.reason}`,
    );
    forget(id);
    if (entry.record.guildId === null) {
      defaultDisabled = failure;
      logger.error(
        { channelId: entry.record.channelId },
        'the default schedule (BRIEFING_CHANNEL_ID) cannot post; fix the channel permissions and restart',
      );
      return;
    }
    const at = iso(nowMs());
    await persist(`disable ${id}`, () =>
      repo.updateSchedule(id, (cur) =>
        cur && !cur.disabled
          ? {
              ...cur,
              disabled: {
                at,
                reason: failure.reason,
                ...(failure.status !== undefined ? { status: failure.status } : {}),
                ...(typeof failure.code === 'number' ? { code: failure.code } : {}),
              },
            }
          : cur,
      ),
    );
  }

  /**
   * True when `owner` (a default process id, `host-pid-random`) is a process on this host that no
   * longer exists: a crash, then a restart here. Its lease guards nothing, so the restarted process
   * takes the delivery over at once (same nonce, inside the nonce window) instead of waiting out the
   * lease. Any doubt (another host, a custom id, a pid alive or reused) keeps the lease.
   */
  function ownerGoneHere(owner: string): boolean {
    const prefix = `${hostname()}-`;
    if (!owner.startsWith(prefix)) return false;
    const pid = Number(/^(\d+)-[a-z0-9]*$/.exec(owner.slice(prefix.length))?.[1]);
    if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid) return false;
    try {
      process.kill(pid, 0);
      return false;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ESRCH';
    }
  }

  /** The claim was refused: decide from the existing record whether to take over (see DELIVERY). */
  async function takeOver(
    entry: Live,
    key: string,
    run: number,
  ): Promise<{ attempts: number } | Outcome | 'claim-again'> {
    const existing = await repo.getDelivery(key);
    if (!existing) return 'claim-again'; // expired between our claim and our read
    if (existing.state !== 'sending') return 'duplicate';
    const now = nowMs();
    if (existing.owner === options.processId && !attempted.has(key)) return { attempts: existing.attempts };
    const leaseUntil = Date.parse(existing.leaseUntil);
    if (leaseUntil > now && !ownerGoneHere(existing.owner)) {
      if (!stopping) {
        heap.push({
          at: leaseUntil + 1_000,
          id: entry.record.id,
          gen: entry.gen,
          retryRun: run,
          retryCount: 0,
        });
      }
      return 'in-progress';
    }
    const age = now - Date.parse(existing.claimedAt);
    if (age > options.nonceWindowMs || existing.attempts >= options.maxAttemptsPerRun) {
      const reason =
        existing.attempts >= options.maxAttemptsPerRun
          ? `interrupted after ${existing.attempts} attempts`
          : `interrupted ${Math.round(age / 1000)} s ago, past the ${Math.round(options.nonceWindowMs / 1000)} s nonce window; not resent to avoid a duplicate (it may or may not have posted)`;
      const after = await repo.updateDelivery(key, (cur) =>
        cur && cur.state === 'sending' && cur.owner === existing.owner && cur.attempts === existing.attempts
          ? { state: 'abandoned', at: iso(now), reason }
          : cur,
      );
      if (after?.state === 'abandoned') {
        logger.warn(
          { scheduleId: entry.record.id, run: iso(run), owner: existing.owner },
          `run abandoned: ${reason}`,
        );
        await advanceWatermark(entry.record.id, { run, result: 'abandoned' });
        return 'abandoned';
      }
      return 'duplicate';
    }
    const leaseTo = iso(now + options.leaseMs);
    const after = await repo.updateDelivery(key, (cur) =>
      cur && cur.state === 'sending' && cur.owner === existing.owner && cur.attempts === existing.attempts
        ? { ...cur, owner: options.processId, leaseUntil: leaseTo, attempts: cur.attempts + 1 }
        : cur,
    );
    if (
      after?.state === 'sending' &&
      after.owner === options.processId &&
      after.attempts === existing.attempts + 1
    ) {
      logger.info(
        {
          scheduleId: entry.record.id,
          run: iso(run),
          previousOwner: existing.owner,
          attempt: after.attempts,
        },
        'taking over an interrupted delivery; resending with the same nonce (Discord keeps one message)',
      );
      return { attempts: after.attempts };
    }
    return 'in-progress';
  }

  async function send(
    entry: Live,
    record: ScheduleRecord,
    run: number,
    key: string,
    nonce: string,
    composed: Composed,
    cutoff: number,
    firstAttempt: number,
  ): Promise<Outcome> {
    const id = record.id;
    let attempts = firstAttempt;
    let retries = 0;
    for (;;) {
      // Paced right before the request (after the claim): the rate Discord sees is the rate of post().
      // Only maxConcurrentSends jobs wait here at once, so a claim waits well under the lease. The
      // channel's own limit first, so the REST queue never holds the request back (unpaced) later.
      await channelPacer(record.channelId).acquire();
      await pacer.acquire();
      attempted.set(key, nowMs());
      try {
        const message = await deps.poster.post(record.channelId, composed.payload, { nonce });
        const sentAt = nowMs();
        await persist(`delivery ${key}`, () =>
          repo.updateDelivery(key, (cur) =>
            cur?.state === 'sent'
              ? cur
              : { state: 'sent', nonce, messageId: message.id, sentAt: iso(sentAt), attempts },
          ),
        );
        await advanceWatermark(id, { run, cutoff, result: 'posted', postAt: sentAt, messageId: message.id });
        return 'posted';
      } catch (error) {
        const failure = classifyPostError(error);
        if (
          failure.kind === 'transient' &&
          retries < options.retryTransient &&
          attempts < options.maxAttemptsPerRun &&
          !stopping
        ) {
          retries++;
          attempts++;
          const leaseUntil = iso(nowMs() + options.leaseMs);
          await repo
            .updateDelivery(key, (cur) => (cur?.state === 'sending' ? { ...cur, attempts, leaseUntil } : cur))
            .catch(() => {});
          await timers.sleep(Math.min(10_000, 500 * 2 ** retries));
          continue;
        }
        const failed: DeliveryRecord = {
          state: 'failed',
          at: iso(nowMs()),
          attempts,
          message: failure.reason.slice(0, 300),
          ...(failure.status !== undefined ? { status: failure.status } : {}),
          ...(typeof failure.code === 'number' ? { code: failure.code } : {}),
        };
        await persist(`delivery ${key}`, () => repo.updateDelivery(key, () => failed));
        await advanceWatermark(id, { run, result: 'failed' });
        if (failure.kind === 'disable') {
          await disable(entry, failure);
          return 'disabled';
        }
        const log = failure.kind === 'permanent' ? logger.error.bind(logger) : logger.warn.bind(logger);
        log(
          {
            scheduleId: id,
            channelId: record.channelId,
            run: iso(run),
            attempts,
            status: failure.status,
            code: failure.code,
          },
          `scheduled post failed: ${failure.reason}`,
        );
        return 'failed';
      }
    }
  }

  async function deliver(entry: Live, run: number, retryCount: number, cache: RenderCache): Promise<Outcome> {
    const id = entry.record.id;
    const key = deliveryKey(id, run);
    let record = entry.record;
    let wm: Watermark | undefined;
    try {
      if (record.guildId !== null) {
        const fresh = await repo.getSchedule(id);
        if (!fresh || !active(fresh)) {
          if (live.get(id) === entry) forget(id);
          return 'inactive';
        }
        // Paused and resumed since this run was planned: runs up to the resume are not posted.
        if (run <= Date.parse(fresh.activeSince)) return 'inactive';
        record = fresh;
        entry.record = fresh;
      } else if (defaultDisabled) {
        return 'inactive';
      }
      await ensureSeen();
      wm = await repo.getWatermark(id);
    } catch (error) {
      return retryLater(entry, run, retryCount, error);
    }

    const cutoff = nowMs();
    const composed = composeRun(
      { snapshot: deps.dataset.current(), schedule: record, run, cutoff, watermark: wm, seen },
      cache,
    );

    if (!composed.wouldPost) {
      try {
        const claimed = await repo.claimDelivery(
          key,
          { state: 'skipped', reason: 'nothing-new', at: iso(cutoff) },
          options.deliveryRecordTtlMs,
        );
        if (!claimed) return 'duplicate';
      } catch (error) {
        return retryLater(entry, run, retryCount, error);
      }
      await advanceWatermark(id, { run, cutoff, result: 'skipped' });
      forgetPreviousRecord(id, wm, run);
      return 'skipped';
    }

    const nonce = runNonce(id, iso(run));
    let attempts: number;
    try {
      const claimedAt = nowMs();
      const claimed = await repo.claimDelivery(
        key,
        {
          state: 'sending',
          owner: options.processId,
          nonce,
          claimedAt: iso(claimedAt),
          leaseUntil: iso(claimedAt + options.leaseMs),
          attempts: 1,
          cutoff: iso(cutoff),
        },
        options.deliveryRecordTtlMs,
      );
      if (claimed) attempts = 1;
      else {
        const decision = await takeOver(entry, key, run);
        if (decision === 'claim-again')
          return retryLater(entry, run, retryCount, new Error('delivery record vanished'));
        if (typeof decision === 'string') return decision;
        attempts = decision.attempts;
      }
    } catch (error) {
      return retryLater(entry, run, retryCount, error);
    }
    const outcome = await send(entry, record, run, key, nonce, composed, cutoff, attempts);
    if (outcome === 'posted') forgetPreviousRecord(id, wm, run);
    return outcome;
  }

  /**
   * Once a later run is done, the previous run's delivery record is never consulted again (catch-up
   * only looks past the watermark), so it is deleted: SQL backends keep expired rows until something
   * sweeps them, and this keeps at most two per schedule. A record still "sending" is left alone.
   */
  function forgetPreviousRecord(id: string, wm: Watermark | undefined, run: number): void {
    const previous = wm ? Date.parse(wm.lastRun) : Number.NaN;
    if (!Number.isFinite(previous) || previous >= run) return;
    void repo
      .updateDelivery(deliveryKey(id, previous), (cur) => (cur && cur.state !== 'sending' ? undefined : cur))
      .catch(() => {});
  }

  async function planTick(nowDate: Date): Promise<{ report: TickReport; done: Promise<TickReport> }> {
    const now = nowDate.getTime();
    const report: TickReport = {
      at: nowDate.toISOString(),
      popped: 0,
      planned: 0,
      planMs: 0,
      collapsed: 0,
      dropped: 0,
      outcomes: emptyOutcomes(),
      distinctPosts: 0,
    };
    const idle = () => ({ report, done: Promise.resolve(report) });
    if (stopping) return idle();
    try {
      if (!loaded) await load(now);
      if (options.resyncIntervalMs > 0 && now - lastResync >= options.resyncIntervalMs) {
        await resync(now).catch((error) => {
          lastResync = now; // try again next interval, not every tick
          warnThrottled('resync', { err: error }, 'schedule resync failed; will retry');
        });
      }
      await ensureSeen();
    } catch (error) {
      report.error = (error as Error).message || String(error);
      warnThrottled('tick', { err: error }, 'scheduler waiting for the store');
      return idle();
    }
    await flushPendingWrites();
    for (const [key, at] of attempted) if (at < now - 2 * options.nonceWindowMs) attempted.delete(key);

    const started = performance.now();
    const popped = heap.popDue(now);
    report.popped = popped.length;
    const jobs: Array<{ entry: Live; run: number; retryCount: number }> = [];
    const collapsedIds: string[] = [];
    const droppedIds: string[] = [];
    for (const item of popped) {
      const entry = live.get(item.id);
      if (!entry || entry.gen !== item.gen) continue;
      if (item.retryRun !== undefined) {
        if (entry.plannedThrough > item.retryRun) {
          report.collapsed++;
          continue; // a later run was planned meanwhile: that one posts
        }
        jobs.push({ entry, run: item.retryRun, retryCount: item.retryCount ?? 0 });
        continue;
      }
      const plan = planDue(entry.cron, {
        after: entry.plannedThrough,
        now,
        windowMs: options.catchUpWindowMs,
      });
      if (plan.run !== undefined) {
        entry.plannedThrough = plan.run;
        jobs.push({ entry, run: plan.run, retryCount: 0 });
        if (plan.collapsed > 0) {
          report.collapsed += plan.collapsed;
          if (collapsedIds.length < 10)
            collapsedIds.push(`${item.id}(${plan.collapsed}${plan.countCapped ? '+' : ''})`);
        }
      } else if (plan.dropped) {
        entry.plannedThrough = plan.dropped.latest;
        report.dropped += plan.dropped.count;
        if (droppedIds.length < 10) droppedIds.push(item.id);
      }
      if (plan.next !== undefined) heap.push({ at: plan.next, id: item.id, gen: entry.gen });
    }
    report.planned = jobs.length;
    report.planMs = performance.now() - started;
    if (report.collapsed > 0) {
      logger.info(
        { collapsed: report.collapsed, sample: collapsedIds },
        `collapsed ${report.collapsed} missed run(s) into the latest run of each schedule (one post each)`,
      );
    }
    if (report.dropped > 0) {
      logger.warn(
        { dropped: report.dropped, sample: droppedIds, windowMs: options.catchUpWindowMs },
        `${report.dropped} run(s) older than the catch-up window were not posted`,
      );
    }

    const cache: RenderCache = new Map();
    const done = Promise.all(
      jobs.map(async (job) => {
        let outcome: Outcome | typeof DROPPED | typeof SUPERSEDED;
        try {
          outcome = await dispatcher.submit(
            job.entry.record.channelId,
            (): Promise<Outcome | typeof SUPERSEDED> =>
              // Queued behind a slow run of the same schedule (a store outage holds each run for the
              // store's timeout) while a later run was planned: the later one, queued behind this one,
              // posts instead (the rule planDue and retries follow), so a backlog never floods a channel.
              job.entry.plannedThrough > job.run
                ? Promise.resolve(SUPERSEDED)
                : deliver(job.entry, job.run, job.retryCount, cache),
          );
        } catch (error) {
          logger.error({ err: error, scheduleId: job.entry.record.id }, 'scheduled delivery crashed');
          outcome = 'failed';
        }
        if (outcome === SUPERSEDED) {
          report.collapsed++;
          logger.info(
            { scheduleId: job.entry.record.id, run: iso(job.run), latest: iso(job.entry.plannedThrough) },
            'a queued run was folded into a later run of the same schedule (one post)',
          );
          return;
        }
        report.outcomes[outcome === DROPPED ? 'cancelled' : outcome]++;
      }),
    ).then(() => {
      report.distinctPosts = cache.size;
      return report;
    });
    return { report, done };
  }

  function tick(): void {
    if (ticking || stopping) return;
    ticking = true;
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
    clock,
    options,
    logger,
    dataset: deps.dataset,
    channels: deps.channels,
    changed(id, record) {
      const existing = live.get(id);
      if (existing) forget(id);
      if (record && owned(record) && active(record) && loaded) addLive(record, undefined, nowMs());
    },
    memorySchedules(guildId) {
      return [...live.values()].filter((l) => l.record.guildId === guildId).map((l) => l.record);
    },
    async seenTimes() {
      if (seenVersion !== deps.dataset.current().version || !seenLoaded) await syncSeen();
      return seen;
    },
  });

  return {
    service,
    async start() {
      if (task || stopping) return;
      try {
        await load(nowMs());
      } catch (error) {
        logger.warn(
          { err: error },
          'scheduler could not load schedules yet (store unavailable); retrying every tick',
        );
      }
      unsubscribe = deps.dataset.subscribe?.(() => {
        seenVersion = undefined;
        void syncSeen().catch((error) =>
          warnThrottled('seen', { err: error }, 'could not record new events yet'),
        );
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
      await task.start();
    },
    async stop() {
      stopping = true;
      if (task) {
        await task.stop();
        await task.destroy();
        task = undefined;
      }
      unsubscribe?.();
      let timer: NodeJS.Timeout | undefined;
      const gaveUp = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), options.stopTimeoutMs);
        timer.unref();
      });
      const closed = await Promise.race([dispatcher.close().then(() => 'closed' as const), gaveUp]);
      clearTimeout(timer);
      if (closed === 'timeout') {
        logger.warn(
          { inFlight: dispatcher.active, timeoutMs: options.stopTimeoutMs },
          'stopping with posts still in flight; their delivery records stay "sending" and a restart resolves them',
        );
      }
      await flushPendingWrites();
      if (pendingWrites.length)
        logger.warn({ pending: pendingWrites.map((p) => p.what) }, 'store writes left unflushed at stop');
    },
    async runDue(now = clock.now()) {
      const { done } = await planTick(now);
      return done;
    },
    stats() {
      return {
        loaded,
        schedules: live.size,
        heapSize: heap.size,
        queued: dispatcher.queued,
        active: dispatcher.active,
        pendingWrites: pendingWrites.length,
      };
    },
  };
}
