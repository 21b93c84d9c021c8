/**
 * The delivery protocol of one (schedule, run): exactly once, across crashes and processes. It reads
 * and writes the store and calls the poster; it never touches the schedule index: what should happen
 * next comes back as an outcome (DeliveryOutcome) the scheduler applies.
 *
 * The steps:
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
 */
import { hostname } from 'node:os';
import type { Clock, Timers } from '../clock.ts';
import type { Logger, ThrottledWarnings } from '../logger.ts';
import { type Composed, composeRun, type RenderCache } from './compose.ts';
import { classifyPostError, type PostFailure } from './errors.ts';
import { runNonce } from './ids.ts';
import type { DueJob, LiveEntry } from './live-schedules.ts';
import type { SendPacing } from './pacing.ts';
import type { PendingWrites } from './pending-writes.ts';
import { decideTakeOver } from './plan.ts';
import { deliveryKey, type Repo } from './repo.ts';
import type { SeenEvents } from './seen-events.ts';
import type {
  DatasetPort,
  DeliveryRecord,
  Poster,
  ScheduleRecord,
  SchedulerOptions,
  Watermark,
} from './types.ts';

export type DeliveryOutcome =
  /** The run is done: posted, or deliberately skipped (new-only, nothing new). */
  | { kind: 'delivered'; outcome: 'posted' | 'skipped' }
  /**
   * The run is over without a post: it failed for good, another process has it, it was abandoned,
   * or the schedule is no longer active (`unschedule`: forget it in this process).
   */
  | {
      kind: 'settled';
      outcome: 'failed' | 'duplicate' | 'abandoned' | 'inactive';
      unschedule?: boolean;
    }
  /** Discord refused the channel: the schedule is disabled (recorded in the store for guild schedules). */
  | { kind: 'disabled'; failure: PostFailure }
  /** Try this run again at `at`: the store was down, or another process holds its lease. */
  | { kind: 'retry-at'; at: number; retryCount: number; outcome: 'retry' | 'in-progress' };

export interface DeliveryDeps {
  repo: Repo;
  poster: Poster;
  dataset: DatasetPort;
  seen: SeenEvents;
  pending: PendingWrites;
  pacing: SendPacing;
  clock: Clock;
  timers: Timers;
  logger: Logger;
  warnings: ThrottledWarnings;
  options: SchedulerOptions;
  /** False once this process forgot or replaced the entry (removed, paused, disabled, changed). */
  isCurrent(entry: LiveEntry): boolean;
  /** True once the scheduler is stopping: no more waiting between attempts. */
  stopping(): boolean;
}

/** One post() attempt and what to record around it. */
interface Send {
  record: ScheduleRecord;
  run: number;
  key: string;
  nonce: string;
  composed: Composed;
  /** Events first seen up to here are in the post: the watermark's new cutoff once it is sent. */
  cutoff: number;
  /** post() calls for this run so far, this one included. */
  attempts: number;
}

interface WatermarkAdvance {
  run: number;
  cutoff?: number;
  result: Watermark['lastResult'];
  postAt?: number;
  messageId?: string;
}

const iso = (ms: number) => new Date(ms).toISOString();
const isActive = (record: ScheduleRecord) => !record.paused && !record.disabled;

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

export class Delivery {
  /** Runs this process has called post() for (key → when), so a lost claim reply is not mistaken. */
  private readonly attempted = new Map<string, number>();

  constructor(private readonly deps: DeliveryDeps) {}

  private now(): number {
    return this.deps.clock.now().getTime();
  }

  /** Forgets post() calls older than any run that could still be taken over. */
  pruneAttempted(now: number): void {
    const before = now - 2 * this.deps.options.nonceWindowMs;
    for (const [key, at] of this.attempted) if (at < before) this.attempted.delete(key);
  }

  async deliver(job: DueJob, cache: RenderCache): Promise<DeliveryOutcome> {
    const { repo, options } = this.deps;
    const { entry, run } = job;
    const id = entry.record.id;
    const key = deliveryKey(id, run);
    let record = entry.record;
    let wm: Watermark | undefined;
    try {
      if (record.guildId !== null) {
        const fresh = await repo.getSchedule(id);
        if (!fresh || !isActive(fresh))
          return { kind: 'settled', outcome: 'inactive', unschedule: this.deps.isCurrent(entry) };
        // Paused and resumed since this run was planned: runs up to the resume are not posted.
        if (run <= Date.parse(fresh.activeSince)) return { kind: 'settled', outcome: 'inactive' };
        record = fresh;
        entry.record = fresh;
      } else if (!this.deps.isCurrent(entry)) {
        return { kind: 'settled', outcome: 'inactive' }; // the default schedule was disabled meanwhile
      }
      await this.deps.seen.ensure();
      wm = await repo.getWatermark(id);
    } catch (error) {
      return this.retryLater(job, error);
    }

    const cutoff = this.now();
    const composed = composeRun(
      {
        snapshot: this.deps.dataset.current(),
        schedule: record,
        run,
        cutoff,
        watermark: wm,
        seen: this.deps.seen.times,
      },
      cache,
    );

    if (!composed.wouldPost) {
      try {
        const claimed = await repo.claimDelivery(
          key,
          { state: 'skipped', reason: 'nothing-new', at: iso(cutoff) },
          options.deliveryRecordTtlMs,
        );
        if (!claimed) return { kind: 'settled', outcome: 'duplicate' };
      } catch (error) {
        return this.retryLater(job, error);
      }
      await this.advanceWatermark(id, { run, cutoff, result: 'skipped' });
      this.forgetPreviousRecord(id, wm, run);
      return { kind: 'delivered', outcome: 'skipped' };
    }

    const nonce = runNonce(id, iso(run));
    let attempts: number;
    try {
      const claimedAt = this.now();
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
        const taken = await this.takeOver(job, key);
        if (typeof taken !== 'number') return taken;
        attempts = taken;
      }
    } catch (error) {
      return this.retryLater(job, error);
    }
    const outcome = await this.send({ record, run, key, nonce, composed, cutoff, attempts });
    if (outcome.kind === 'delivered') this.forgetPreviousRecord(id, wm, run);
    return outcome;
  }

  /** The claim was refused: take the delivery over (returns the attempt count), or say why not. */
  private async takeOver(job: DueJob, key: string): Promise<number | DeliveryOutcome> {
    const { repo, options, logger } = this.deps;
    const { entry, run } = job;
    const existing = await repo.getDelivery(key);
    const now = this.now();
    const decision = decideTakeOver(existing, {
      now,
      processId: options.processId,
      attemptedHere: this.attempted.has(key),
      ownerGone: existing?.state === 'sending' && ownerGoneHere(existing.owner),
      nonceWindowMs: options.nonceWindowMs,
      maxAttemptsPerRun: options.maxAttemptsPerRun,
    });
    if (decision.action === 'claim-again') return this.retryLater(job, new Error('delivery record vanished'));
    if (decision.action === 'duplicate') return { kind: 'settled', outcome: 'duplicate' };
    if (decision.action === 'resume') return decision.attempts;
    if (decision.action === 'wait')
      return { kind: 'retry-at', at: decision.until, retryCount: 0, outcome: 'in-progress' };
    // Both remaining actions change the record only if nobody else did since we read it.
    const previous = existing as Extract<DeliveryRecord, { state: 'sending' }>;
    const unchanged = (
      cur: DeliveryRecord | undefined,
    ): cur is Extract<DeliveryRecord, { state: 'sending' }> =>
      cur?.state === 'sending' && cur.owner === previous.owner && cur.attempts === previous.attempts;
    if (decision.action === 'abandon') {
      const after = await repo.updateDelivery(key, (cur) =>
        unchanged(cur) ? { state: 'abandoned', at: iso(now), reason: decision.reason } : cur,
      );
      if (after?.state !== 'abandoned') return { kind: 'settled', outcome: 'duplicate' };
      logger.warn(
        { scheduleId: entry.record.id, run: iso(run), owner: previous.owner },
        `run abandoned: ${decision.reason}`,
      );
      await this.advanceWatermark(entry.record.id, { run, result: 'abandoned' });
      return { kind: 'settled', outcome: 'abandoned' };
    }
    const leaseUntil = iso(now + options.leaseMs);
    const after = await repo.updateDelivery(key, (cur) =>
      unchanged(cur) ? { ...cur, owner: options.processId, leaseUntil, attempts: cur.attempts + 1 } : cur,
    );
    if (
      after?.state !== 'sending' ||
      after.owner !== options.processId ||
      after.attempts !== previous.attempts + 1
    ) {
      return { kind: 'settled', outcome: 'duplicate' };
    }
    logger.info(
      { scheduleId: entry.record.id, run: iso(run), previousOwner: previous.owner, attempt: after.attempts },
      'taking over an interrupted delivery; resending with the same nonce (Discord keeps one message)',
    );
    return after.attempts;
  }

  private async send(s: Send): Promise<DeliveryOutcome> {
    const { repo, options, pending, logger } = this.deps;
    const { record, run, key, nonce } = s;
    let attempts = s.attempts;
    let retries = 0;
    for (;;) {
      // Paced right before the request (after the claim): the rate Discord sees is the rate of post().
      // Only maxConcurrentSends jobs wait here at once, so a claim waits well under the lease.
      await this.deps.pacing.acquire(record.channelId);
      this.attempted.set(key, this.now());
      try {
        const message = await this.deps.poster.post(record.channelId, s.composed.payload, { nonce });
        const sentAt = this.now();
        await pending.persist(`delivery ${key}`, () =>
          repo.updateDelivery(key, (cur) =>
            cur?.state === 'sent'
              ? cur
              : { state: 'sent', nonce, messageId: message.id, sentAt: iso(sentAt), attempts },
          ),
        );
        await this.advanceWatermark(record.id, {
          run,
          cutoff: s.cutoff,
          result: 'posted',
          postAt: sentAt,
          messageId: message.id,
        });
        return { kind: 'delivered', outcome: 'posted' };
      } catch (error) {
        const failure = classifyPostError(error);
        if (
          failure.kind === 'transient' &&
          retries < options.retryTransient &&
          attempts < options.maxAttemptsPerRun &&
          !this.deps.stopping()
        ) {
          retries++;
          attempts++;
          const leaseUntil = iso(this.now() + options.leaseMs);
          await repo
            .updateDelivery(key, (cur) => (cur?.state === 'sending' ? { ...cur, attempts, leaseUntil } : cur))
            .catch(() => {});
          await this.deps.timers.sleep(Math.min(10_000, 500 * 2 ** retries));
          continue;
        }
        const failed: DeliveryRecord = {
          state: 'failed',
          at: iso(this.now()),
          attempts,
          message: failure.reason.slice(0, 300),
          status: failure.status,
          code: failure.code,
        };
        await pending.persist(`delivery ${key}`, () => repo.updateDelivery(key, () => failed));
        await this.advanceWatermark(record.id, { run, result: 'failed' });
        if (failure.kind === 'disable') {
          await this.disable(record, failure);
          return { kind: 'disabled', failure };
        }
        const log = failure.kind === 'permanent' ? logger.error.bind(logger) : logger.warn.bind(logger);
        log(
          {
            scheduleId: record.id,
            channelId: record.channelId,
            run: iso(run),
            attempts,
            status: failure.status,
            code: failure.code,
          },
          `scheduled post failed: ${failure.reason}`,
        );
        return { kind: 'settled', outcome: 'failed' };
      }
    }
  }

  /** Records a guild schedule as disabled (shown in /schedule list until resumed). */
  private async disable(record: ScheduleRecord, failure: PostFailure): Promise<void> {
    const id = record.id;
    this.deps.logger.warn(
      {
        scheduleId: id,
        guildId: record.guildId,
        channelId: record.channelId,
        status: failure.status,
        code: failure.code,
      },
      `schedule ${id} disabled: ${failure.reason}`,
    );
    if (record.guildId === null) return; // the default schedule is not stored
    const at = iso(this.now());
    const disabled = { at, reason: failure.reason, status: failure.status, code: failure.code };
    await this.deps.pending.persist(`disable ${id}`, () =>
      this.deps.repo.updateSchedule(id, (cur) => (cur && !cur.disabled ? { ...cur, disabled } : cur)),
    );
  }

  private retryLater(job: DueJob, error: unknown): DeliveryOutcome {
    const delay = Math.min(60_000, 1_000 * 2 ** Math.min(job.retryCount, 6));
    this.deps.warnings.warn(
      'retry',
      { err: error, scheduleId: job.entry.record.id, run: iso(job.run), retryInMs: delay },
      'store unavailable for a scheduled run; retrying (the run is kept)',
    );
    return { kind: 'retry-at', at: this.now() + delay, retryCount: job.retryCount + 1, outcome: 'retry' };
  }

  private advanceWatermark(id: string, u: WatermarkAdvance): Promise<void> {
    return this.deps.pending.persist(`watermark ${id}`, () =>
      this.deps.repo.updateWatermark(id, (cur) => {
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

  /**
   * Once a later run is done, the previous run's delivery record is never consulted again (catch-up
   * only looks past the watermark), so it is deleted: SQL backends keep expired rows until something
   * sweeps them, and this keeps at most two per schedule. A record still "sending" is left alone.
   */
  private forgetPreviousRecord(id: string, wm: Watermark | undefined, run: number): void {
    const previous = wm ? Date.parse(wm.lastRun) : Number.NaN;
    if (!Number.isFinite(previous) || previous >= run) return;
    void this.deps.repo
      .updateDelivery(deliveryKey(id, previous), (cur) => (cur && cur.state !== 'sending' ? undefined : cur))
      .catch(() => {});
  }
}
