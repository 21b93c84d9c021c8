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
 *   Interrupted post() calls per run are counted in the record: never more than maxAttemptsPerRun (3).
 *
 * TRANSIENT FAILURES (Discord unreachable, 5xx, 429 after the REST queue's own retries): the record
 * stays "sending", with the failure and `retryAt`, and the run comes back at `retryAt` (backoff 1 s
 * doubling to 60 s) with the same nonce, until it is older than the catch-up window; then it is
 * recorded as failed ("missed") with the last reason. An attempt that may have reached Discord
 * (`unsureSince`: a 5xx, a connection lost mid-request) is resent only inside the nonce window after
 * it, so a retry can never post twice; a refused connection cannot have posted and does not count.
 * The last failure of each schedule is kept for /schedule list (failures namespace).
 */
import { hostname } from 'node:os';
import { timelinePng } from '../chart/index.ts';
import type { Clock, Timers } from '../clock.ts';
import { timeline } from '../domain/timeline.ts';
import { translatorFor } from '../i18n/languages.ts';
import type { Logger, ThrottledWarnings } from '../logger.ts';
import { wordsOf } from '../render/chart/words.ts';
import type { MessagePayload } from '../render/message.ts';
import { scheduleRunTitle, withRolePing, withTimelinePicture } from '../render/scheduled-post.ts';
import { type Composed, composeRun, type RenderCache } from './compose.ts';
import { cachedCron, nextRuns } from './cron.ts';
import { classifyPostError, type PostFailure } from './errors.ts';
import { runNonce } from './ids.ts';
import type { DueJob, LiveEntry } from './live-schedules.ts';
import type { SendPacing } from './pacing.ts';
import type { PendingWrites } from './pending-writes.ts';
import { decideTakeOver, firstAttempt, planRetry, unsureSinceOf } from './plan.ts';
import { deliveryKey, type Repo } from './repo.ts';
import type { SeenEvents } from './seen-events.ts';
import type {
  DatasetPort,
  DeliveryRecord,
  FailureRecord,
  Poster,
  PostTarget,
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
      /** Failed because the run could not be posted within the catch-up window (not refused). */
      missed?: boolean;
    }
  /** Discord refused the channel: the schedule is disabled (recorded in the store for guild schedules). */
  | { kind: 'disabled'; failure: PostFailure }
  /** Try this run again at `at`: the store was down, Discord failed transiently, or another process holds its lease. */
  | { kind: 'retry-at'; at: number; retryCount: number; outcome: 'retry' | 'in-progress' };

type Sending = Extract<DeliveryRecord, { state: 'sending' }>;

/** A schedule's last failure is shown for a month. */
const FAILURE_TTL_MS = 30 * 24 * 60 * 60_000;

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
  /** Of those, the ones that failed transiently (known not to be in flight). */
  failedAttempts: number;
  /** unsureSince before this attempt: restored when this attempt certainly did not reach Discord. */
  unsureBefore: number | null;
  retryCount: number;
}

/** What an attempt continues from: the record's counters once this process holds it. */
interface Held {
  attempts: number;
  failedAttempts: number;
  unsureBefore: number | null;
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

    if (record.post?.thread || record.post?.publish) await this.finishInterrupted(job, record, wm);

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
    let held: Held;
    try {
      const claimedAt = this.now();
      const claimed = await repo.claimDelivery(
        key,
        firstAttempt({
          owner: options.processId,
          nonce,
          claimedAt,
          leaseMs: options.leaseMs,
          cutoff,
        }),
        options.deliveryRecordTtlMs,
      );
      if (claimed) held = { attempts: 1, failedAttempts: 0, unsureBefore: null };
      else {
        const taken = await this.takeOver(job, key);
        if (!('attempts' in taken) || 'kind' in taken) return taken as DeliveryOutcome;
        held = taken;
      }
    } catch (error) {
      return this.retryLater(job, error);
    }
    const outcome = await this.send({
      record,
      run,
      key,
      nonce,
      composed,
      cutoff,
      ...held,
      retryCount: job.retryCount,
    });
    if (outcome.kind === 'delivered') this.forgetPreviousRecord(id, wm, run);
    return outcome;
  }

  /**
   * A run interrupted after its message was posted and then collapsed into a later run at restart
   * (a cron that runs more often than the downtime lasted) would keep its message without its thread
   * or crosspost. Before the later run posts, such runs still "sending" inside the nonce window are
   * delivered as a takeover would: the resend returns their message and the missing steps are done.
   */
  private async finishInterrupted(job: DueJob, record: ScheduleRecord, wm: Watermark | undefined) {
    const since = Date.parse(wm ? wm.lastRun : record.activeSince);
    let earlier: number[];
    try {
      const cron = cachedCron(record.cron, record.timezone);
      earlier = nextRuns(cron, since, 5).filter((t) => t < job.run);
    } catch {
      return;
    }
    for (const run of earlier) {
      const existing = await this.deps.repo.getDelivery(deliveryKey(record.id, run)).catch(() => undefined);
      if (existing?.state !== 'sending') continue;
      if (this.now() - Date.parse(existing.claimedAt) >= this.deps.options.nonceWindowMs) continue;
      await this.deliver({ ...job, run, retryCount: 0 }, new Map());
    }
  }

  /** The claim was refused: take the delivery over (or retry our own), or say why not. */
  private async takeOver(job: DueJob, key: string): Promise<Held | DeliveryOutcome> {
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
      run,
      catchUpWindowMs: options.catchUpWindowMs,
    });
    if (decision.action === 'claim-again') return this.retryLater(job, new Error('delivery record vanished'));
    if (decision.action === 'duplicate') return { kind: 'settled', outcome: 'duplicate' };
    if (decision.action === 'resume') {
      const sending = existing as Sending;
      return {
        attempts: decision.attempts,
        failedAttempts: sending.failedAttempts ?? 0,
        unsureBefore: unsureSinceOf(sending),
      };
    }
    if (decision.action === 'wait')
      return { kind: 'retry-at', at: decision.until, retryCount: 0, outcome: 'in-progress' };
    // The remaining actions change the record only if nobody else did since we read it.
    const previous = existing as Sending;
    const unchanged = (cur: DeliveryRecord | undefined): cur is Sending =>
      cur?.state === 'sending' && cur.owner === previous.owner && cur.attempts === previous.attempts;
    if (decision.action === 'abandon' || decision.action === 'give-up') {
      const settled: DeliveryRecord =
        decision.action === 'abandon'
          ? { state: 'abandoned', at: iso(now), reason: decision.reason }
          : {
              state: 'failed',
              at: iso(now),
              attempts: previous.attempts,
              message: decision.reason.slice(0, 300),
              status: previous.lastFailure?.status,
              code: previous.lastFailure?.code,
            };
      const after = await repo.updateDelivery(key, (cur) => (unchanged(cur) ? settled : cur));
      if (after?.state !== settled.state) return { kind: 'settled', outcome: 'duplicate' };
      logger.warn(
        { scheduleId: entry.record.id, run: iso(run), owner: previous.owner, attempts: previous.attempts },
        decision.action === 'abandon'
          ? `run abandoned: ${decision.reason}`
          : `run missed: ${decision.reason}`,
      );
      await this.recordFailure(entry.record.id, {
        at: iso(now),
        run: iso(run),
        reason: decision.reason,
        status: previous.lastFailure?.status,
        code: previous.lastFailure?.code,
        attempts: previous.attempts,
        outcome: 'missed',
      });
      await this.advanceWatermark(entry.record.id, {
        run,
        result: decision.action === 'abandon' ? 'abandoned' : 'failed',
      });
      return decision.action === 'abandon'
        ? { kind: 'settled', outcome: 'abandoned' }
        : { kind: 'settled', outcome: 'failed', missed: true };
    }
    const unsureBefore = unsureSinceOf(previous);
    const leaseUntil = iso(now + options.leaseMs);
    const after = await repo.updateDelivery(key, (cur) => {
      if (!unchanged(cur)) return cur;
      const { retryAt: _retryAt, ...rest } = cur;
      // This attempt may reach Discord: the resend window starts now unless an earlier one did.
      return {
        ...rest,
        owner: options.processId,
        leaseUntil,
        attempts: cur.attempts + 1,
        unsureSince: cur.unsureSince === null ? iso(now) : cur.unsureSince,
      };
    });
    if (
      after?.state !== 'sending' ||
      after.owner !== options.processId ||
      after.attempts !== previous.attempts + 1
    ) {
      return { kind: 'settled', outcome: 'duplicate' };
    }
    if (previous.retryAt === undefined || previous.owner !== options.processId) {
      logger.info(
        {
          scheduleId: entry.record.id,
          run: iso(run),
          previousOwner: previous.owner,
          attempt: after.attempts,
        },
        'taking over an interrupted delivery; resending with the same nonce (Discord keeps one message)',
      );
    }
    return { attempts: after.attempts, failedAttempts: after.failedAttempts ?? 0, unsureBefore };
  }

  private async send(s: Send): Promise<DeliveryOutcome> {
    const { repo, pending, logger } = this.deps;
    const { record, run, key, nonce, attempts } = s;
    {
      // Paced right before the request (after the claim): the rate Discord sees is the rate of post().
      // Only maxConcurrentSends jobs wait here at once, so a claim waits well under the lease.
      await this.deps.pacing.acquire(record.channelId);
      const startedAt = this.now();
      this.attempted.set(key, startedAt);
      try {
        const roleId = record.post?.mentionRoleId;
        let payload = roleId ? withRolePing(s.composed.payload, roleId) : s.composed.payload;
        if (record.post?.image) payload = this.withPicture(payload, record, s.composed.asOf);
        const message = await this.deps.poster.post(record.channelId, payload, {
          nonce,
          target: this.targetOf(s),
        });
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
        if (message.problems?.length) {
          const reason = `posted, but ${message.problems.join('; ')}`;
          logger.warn({ scheduleId: record.id, channelId: record.channelId, run: iso(run) }, reason);
          await this.recordFailure(record.id, {
            at: iso(sentAt),
            run: iso(run),
            reason,
            attempts,
            outcome: 'failed',
          });
        }
        return { kind: 'delivered', outcome: 'posted' };
      } catch (error) {
        const failure = classifyPostError(error);
        if (failure.kind === 'transient') return this.afterTransientFailure(s, failure, startedAt);
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
        await this.recordFailure(record.id, {
          at: failed.at,
          run: iso(run),
          reason: failure.reason,
          status: failure.status,
          code: failure.code,
          attempts,
          outcome: 'failed',
        });
        logger.error(
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

  /** The post with the timeline picture of its topic up to the run's day (cached per dataset version). */
  private withPicture(payload: MessagePayload, record: ScheduleRecord, asOf: string): MessagePayload {
    const dataset = this.deps.dataset.current().briefbook.dataset;
    const events = timeline(dataset, { topic: record.topic, to: asOf });
    const t = translatorFor(record.language);
    if (events.length === 0) return payload;
    const png = timelinePng(dataset, events, {
      key: JSON.stringify(['scheduled', record.topic ?? '', asOf]),
      filter: record.topic ? wordsOf(t).topicName(dataset, record.topic) : undefined,
      range: { to: asOf },
      topicFiltered: record.topic !== undefined,
      t,
    });
    return withTimelinePicture(payload, { data: png.data, alt: png.chart.alt });
  }

  /** How this run posts: the schedule's style, its title, and whether an earlier attempt may have posted. */
  private targetOf(s: Send): PostTarget {
    const { record, run } = s;
    const style = record.post;
    return {
      guildId: record.guildId,
      kind: style?.kind ?? 'text',
      title: scheduleRunTitle(this.deps.dataset.current().briefbook.dataset, record, run),
      thread: style?.thread,
      publish: style?.publish === true,
      tagIds: style?.tagIds,
      maybePostedSince: s.unsureBefore ?? undefined,
    };
  }

  /**
   * Network error, 5xx or 429: keep the claim and come back with the same nonce after a backoff, or
   * record the run as missed once no retry may follow (catch-up window, or the nonce window after an
   * attempt that may have posted).
   */
  private async afterTransientFailure(
    s: Send,
    failure: Extract<PostFailure, { kind: 'transient' }>,
    startedAt: number,
  ): Promise<DeliveryOutcome> {
    const { repo, options, pending } = this.deps;
    const { record, run, key } = s;
    const now = this.now();
    const failedAttempts = s.failedAttempts + 1;
    const unsure = failure.reachedDiscord === 'no' ? s.unsureBefore : (s.unsureBefore ?? startedAt);
    const plan = this.deps.stopping()
      ? ({ action: 'retry', at: now + 1_000 } as const) // the next process takes it from the record
      : planRetry({
          now,
          run,
          failedAttempts,
          unsureSince: unsure,
          catchUpWindowMs: options.catchUpWindowMs,
          nonceWindowMs: options.nonceWindowMs,
          random: Math.random,
        });
    const lastFailure = {
      at: iso(now),
      reason: failure.reason.slice(0, 300),
      status: failure.status,
      code: failure.code,
    };
    const context = {
      scheduleId: record.id,
      channelId: record.channelId,
      run: iso(run),
      attempts: s.attempts,
      status: failure.status,
      code: failure.code,
    };
    if (plan.action === 'give-up') {
      const why =
        plan.why === 'window'
          ? 'not posted: the run is older than the catch-up window'
          : 'not resent: Discord may have posted it and no longer recognises its nonce (never twice)';
      const reason = `${failure.reason}; ${why}`;
      const settled: DeliveryRecord =
        plan.why === 'window'
          ? {
              state: 'failed',
              at: iso(now),
              attempts: s.attempts,
              message: reason.slice(0, 300),
              status: failure.status,
              code: failure.code,
            }
          : { state: 'abandoned', at: iso(now), reason: reason.slice(0, 300) };
      await pending.persist(`delivery ${key}`, () => repo.updateDelivery(key, () => settled));
      await this.advanceWatermark(record.id, { run, result: plan.why === 'window' ? 'failed' : 'abandoned' });
      await this.recordFailure(record.id, {
        ...lastFailure,
        run: iso(run),
        reason,
        attempts: s.attempts,
        outcome: 'missed',
      });
      this.deps.logger.warn(context, `scheduled run missed: ${reason}`);
      return plan.why === 'window'
        ? { kind: 'settled', outcome: 'failed', missed: true }
        : { kind: 'settled', outcome: 'abandoned' };
    }
    const retryAt = iso(plan.at);
    await repo
      .updateDelivery(key, (cur) =>
        cur?.state === 'sending' && cur.owner === options.processId
          ? {
              ...cur,
              failedAttempts,
              unsureSince: unsure === null ? null : iso(unsure),
              retryAt,
              lastFailure,
              leaseUntil: iso(plan.at + options.leaseMs),
            }
          : cur,
      )
      .catch(() => {}); // the store is down too: the retry still happens (in memory), the lease covers it
    await this.recordFailure(record.id, {
      ...lastFailure,
      run: iso(run),
      attempts: s.attempts,
      outcome: 'retrying',
      retryAt,
    });
    this.deps.logger.debug({ ...context, retryAt }, `scheduled post failed (${failure.reason}); retrying`);
    this.deps.warnings.warn(
      'post-retry',
      { ...context, retryAt },
      `scheduled post failed: ${failure.reason}; retrying with backoff (the run is kept until the catch-up window)`,
    );
    return { kind: 'retry-at', at: plan.at, retryCount: s.retryCount + 1, outcome: 'retry' };
  }

  /** Keeps the schedule's last failure for /schedule list; cleared by nothing but a newer failure. */
  private recordFailure(id: string, failure: FailureRecord): Promise<void> {
    return this.deps.pending.persist(`failure ${id}`, () =>
      this.deps.repo.setFailure(id, failure, FAILURE_TTL_MS),
    );
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
