/**
 * Following, per member: the /follow service and the DM digests, exactly once.
 *
 * Records: namespace `follows`, key = user id (FollowerRecord, follow-plan.ts). A digest is a run
 * `(userId, run)` delivered with the scheduler's own machinery: the delivery record
 * `deliveries/follow:${userId}:${runIso}` is CLAIMED before anything is sent, the DM is posted with
 * the run's deterministic nonce (enforce_nonce), and an interrupted delivery is taken over by the
 * same rule as a scheduled post (decideTakeOver: same nonce inside the nonce window, never twice
 * after it). The digest's window (cutoff, upTo] is written to the member's record (`inFlight`)
 * before the claim, so a resend after a crash carries the same items under the same nonce.
 *
 * Ownership: DMs belong to no guild, so one process delivers them all: the one running shard 0
 * (where Discord sends DM events too). While two processes both think they run shard 0 (a rolling
 * restart), the per-run claim keeps each digest to one message.
 *
 * A DM refused with 50007 (the member closed DMs, or shares no server with the bot) pauses the
 * member's digests: nothing is retried until the member uses /follow again, and their next
 * interaction with the bot tells them once (takeNotice).
 */
import type { Clock } from '../clock.ts';
import { translatorFor } from '../i18n/languages.ts';
import type { Logger } from '../logger.ts';
import { renderDigest } from '../render/follow.ts';
import type { Store } from '../store/index.ts';
import { classifyPostError } from './errors.ts';
import {
  digestDue,
  digestItems,
  type Follow,
  type FollowerRecord,
  type FollowFrequency,
  type FollowKind,
  latestNew,
  MAX_FOLLOWS,
  parseTimeOfDay,
} from './follow-plan.ts';
import { runNonce } from './ids.ts';
import { decideTakeOver, firstAttempt } from './plan.ts';
import type { Repo } from './repo.ts';
import type { SeenEvents } from './seen-events.ts';
import { resolveTimezone, type ZoneProblem } from './timezones.ts';
import type { DatasetPort, DeliveryRecord, Poster, SchedulerOptions } from './types.ts';

export const FOLLOWS_NS = 'follows';

/** Opens the DM channel with a user (POST /users/@me/channels): a DM channel is a channel. */
export interface DmPort {
  openDm(userId: string): Promise<string>;
}

/** Discord: "Cannot send messages to this user". */
export const DM_CLOSED = 50007;

export type FollowProblem =
  | { code: 'limit'; max: number }
  | { code: 'bad-time'; typed: string }
  | { code: 'instant-no-time' }
  | { code: 'bad-timezone'; problem: ZoneProblem }
  | { code: 'not-following'; kind: FollowKind; id: string }
  | { code: 'store-unavailable' };

export class FollowError extends Error {
  constructor(readonly problem: FollowProblem) {
    super(`follow: ${problem.code}`);
    this.name = 'FollowError';
  }
}

export interface FollowRequest {
  userId: string;
  kind: FollowKind;
  id: string;
  /** Language code of the member's client (interaction.locale). */
  language: string;
  frequency?: FollowFrequency | undefined;
  time?: string | undefined;
  timezone?: string | undefined;
  weekday?: number | undefined;
}

export interface FollowResult {
  record: FollowerRecord;
  already: boolean;
  /** The member's digests were paused (DMs refused) and are on again. */
  resumed: boolean;
}

export interface FollowService {
  follow(request: FollowRequest): Promise<FollowResult>;
  list(userId: string): Promise<FollowerRecord | undefined>;
  unfollow(userId: string, kind: FollowKind, id: string): Promise<{ left: number }>;
  /** True once, when the member's digests were paused and they were not told yet. */
  takeNotice(userId: string): Promise<boolean>;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function createFollowService(deps: { store: Store; clock: Clock }): FollowService {
  const { store, clock } = deps;
  const guard = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof FollowError) throw error;
      throw new FollowError({ code: 'store-unavailable' });
    }
  };
  return {
    async follow(req) {
      const now = clock.now().getTime();
      if (req.time !== undefined && parseTimeOfDay(req.time) === undefined)
        throw new FollowError({ code: 'bad-time', typed: req.time });
      if (req.frequency === 'instant' && (req.time !== undefined || req.weekday !== undefined))
        throw new FollowError({ code: 'instant-no-time' });
      let timezone: string | undefined;
      if (req.timezone !== undefined) {
        const zone = resolveTimezone(req.timezone, now);
        if (!zone.ok) throw new FollowError({ code: 'bad-timezone', problem: zone.problem });
        timezone = zone.zone;
      }
      const time = req.time === undefined ? undefined : normalizeTime(req.time);
      let outcome: { already: boolean; resumed: boolean; full: boolean } = {
        already: false,
        resumed: false,
        full: false,
      };
      const record = await guard(() =>
        store.update<FollowerRecord>(FOLLOWS_NS, req.userId, (cur) => {
          const at = iso(now);
          const base: FollowerRecord = cur ?? {
            v: 1,
            userId: req.userId,
            language: req.language,
            follows: [],
            frequency: 'daily',
            time: '08:00',
            timezone: 'UTC',
            weekday: 1,
            createdAt: at,
            cutoff: at,
          };
          const already = base.follows.some((f) => f.kind === req.kind && f.id === req.id);
          if (!already && base.follows.length >= MAX_FOLLOWS) {
            outcome = { already, resumed: false, full: true };
            return cur;
          }
          const next: FollowerRecord = {
            ...base,
            language: req.language,
            follows: already ? base.follows : [...base.follows, { kind: req.kind, id: req.id, since: at }],
            frequency: req.frequency ?? base.frequency,
            time: time ?? base.time,
            timezone: timezone ?? base.timezone,
            weekday: req.weekday ?? base.weekday,
          };
          if (next.frequency !== base.frequency || next.time !== base.time || next.timezone !== base.timezone)
            next.lastRun = at; // a new schedule starts from now: no digest for an occurrence already past
          const resumed = base.paused !== undefined;
          delete next.paused;
          delete next.noticePending;
          outcome = { already, resumed, full: false };
          return next;
        }),
      );
      if (outcome.full || !record) throw new FollowError({ code: 'limit', max: MAX_FOLLOWS });
      return { record, already: outcome.already, resumed: outcome.resumed };
    },
    list(userId) {
      return guard(() => store.get<FollowerRecord>(FOLLOWS_NS, userId));
    },
    async unfollow(userId, kind, id) {
      let found = false;
      const record = await guard(() =>
        store.update<FollowerRecord>(FOLLOWS_NS, userId, (cur) => {
          if (!cur?.follows.some((f) => f.kind === kind && f.id === id)) return cur;
          found = true;
          return { ...cur, follows: cur.follows.filter((f) => !(f.kind === kind && f.id === id)) };
        }),
      );
      if (!found) throw new FollowError({ code: 'not-following', kind, id });
      return { left: record?.follows.length ?? 0 };
    },
    async takeNotice(userId) {
      let told = false;
      await store.update<FollowerRecord>(FOLLOWS_NS, userId, (cur) => {
        if (!cur?.noticePending) return cur;
        told = true;
        const { noticePending: _n, ...rest } = cur;
        return rest;
      });
      return told;
    },
  };
}

function normalizeTime(text: string): string {
  const t = parseTimeOfDay(text) ?? { hour: 8, minute: 0 };
  return `${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`;
}

export type DigestOutcome =
  | 'none'
  | 'skipped'
  | 'sent'
  | 'duplicate'
  | 'waiting'
  | 'paused'
  | 'retry'
  | 'failed'
  | 'abandoned';

export interface FollowDigestsDeps {
  store: Store;
  repo: Repo;
  poster: Poster;
  dms: DmPort;
  dataset: DatasetPort;
  seen: SeenEvents;
  clock: Clock;
  logger: Logger;
  options: Pick<
    SchedulerOptions,
    | 'processId'
    | 'nonceWindowMs'
    | 'leaseMs'
    | 'deliveryRecordTtlMs'
    | 'maxAttemptsPerRun'
    | 'catchUpWindowMs'
  >;
}

/** The DM digests of every member, delivered by the process that owns DMs. */
export class FollowDigests {
  private readonly attempted = new Set<string>();
  /** Members whose digest failed transiently: not before this (epoch ms). */
  private readonly backoff = new Map<string, { at: number; count: number }>();
  private running: Promise<Map<DigestOutcome, number>> | undefined;

  constructor(private readonly deps: FollowDigestsDeps) {}

  /** One pass over every member (a pass still running is awaited rather than overlapped). */
  runDue(now = this.deps.clock.now().getTime()): Promise<Map<DigestOutcome, number>> {
    this.running ??= this.pass(now).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async pass(now: number): Promise<Map<DigestOutcome, number>> {
    const counts = new Map<DigestOutcome, number>();
    await this.deps.seen.ensure();
    const members = await this.deps.store.list<FollowerRecord>(FOLLOWS_NS);
    for (const { key, value } of members) {
      if (value.paused || value.follows.length === 0) continue;
      const wait = this.backoff.get(key);
      if (wait && wait.at > now) continue;
      let outcome: DigestOutcome;
      try {
        outcome = await this.deliver(key, now);
      } catch (error) {
        this.deps.logger.warn({ err: error, userId: key }, 'follow digest: store unavailable; retrying');
        outcome = 'retry';
      }
      if (outcome === 'retry') {
        const count = (wait?.count ?? 0) + 1;
        this.backoff.set(key, { at: now + Math.min(60_000, 1_000 * 2 ** Math.min(count, 6)), count });
      } else if (outcome !== 'waiting') this.backoff.delete(key);
      counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
    }
    return counts;
  }

  /** One member's digest, if one is due at `now`. */
  async deliver(userId: string, now: number): Promise<DigestOutcome> {
    const { store, repo, options, dataset } = this.deps;
    let record = await store.get<FollowerRecord>(FOLLOWS_NS, userId);
    if (!record) return 'none';
    const seen = this.deps.seen.times;
    const snapshot = dataset.current();
    const data = snapshot.briefbook.dataset;
    const current = record;
    const due = digestDue(record, now, (after, upTo) => latestNew(data, current, seen, after, upTo));
    if (due.kind === 'none') return 'none';
    const { run, upTo } = due;
    const window = { after: Date.parse(record.cutoff), upTo };
    if (!record.inFlight) {
      if (digestItems(data, record, seen, window).events.length === 0) {
        await this.finish(userId, run, upTo);
        return 'skipped';
      }
      const inFlight = { run: iso(run), upTo: iso(upTo) };
      record = await store.update<FollowerRecord>(FOLLOWS_NS, userId, (cur) =>
        cur && !cur.inFlight && !cur.paused ? { ...cur, inFlight } : cur,
      );
      if (record?.inFlight?.run !== inFlight.run || record.inFlight.upTo !== inFlight.upTo)
        return 'duplicate';
    }
    const items = digestItems(data, record, seen, window);
    const key = `follow:${userId}:${iso(run)}`;
    const nonce = runNonce(`follow:${userId}`, iso(run));
    const claimedAt = now;
    const claimed = await repo.claimDelivery(
      key,
      firstAttempt({ owner: options.processId, nonce, claimedAt, leaseMs: options.leaseMs, cutoff: upTo }),
      options.deliveryRecordTtlMs,
    );
    let attempts = 1;
    if (!claimed) {
      const existing = await repo.getDelivery(key);
      const decision = decideTakeOver(existing, {
        now,
        processId: options.processId,
        attemptedHere: this.attempted.has(key),
        ownerGone: false,
        nonceWindowMs: options.nonceWindowMs,
        maxAttemptsPerRun: options.maxAttemptsPerRun,
      });
      switch (decision.action) {
        case 'claim-again':
          return 'retry';
        case 'wait':
          return 'waiting';
        case 'duplicate':
          // Sent (or settled) by an earlier attempt: only the member's record was left behind.
          await this.finish(userId, run, upTo);
          return 'duplicate';
        case 'abandon':
        case 'give-up': {
          await repo.updateDelivery(key, (cur) =>
            cur?.state === 'sending' ? { state: 'abandoned', at: iso(now), reason: decision.reason } : cur,
          );
          this.deps.logger.warn({ userId, run: iso(run) }, `follow digest abandoned: ${decision.reason}`);
          await this.finish(userId, run, upTo);
          return 'abandoned';
        }
        default: {
          const previous = existing as Extract<DeliveryRecord, { state: 'sending' }>;
          const after = await repo.updateDelivery(key, (cur) =>
            cur?.state === 'sending' && cur.owner === previous.owner && cur.attempts === previous.attempts
              ? {
                  ...cur,
                  owner: options.processId,
                  leaseUntil: iso(now + options.leaseMs),
                  attempts: cur.attempts + 1,
                }
              : cur,
          );
          if (after?.state !== 'sending' || after.owner !== options.processId) return 'duplicate';
          attempts = after.attempts;
        }
      }
    }
    if (items.events.length === 0) {
      await repo.updateDelivery(key, () => ({ state: 'skipped', reason: 'nothing-new', at: iso(now) }));
      await this.finish(userId, run, upTo);
      return 'skipped';
    }
    const t = translatorFor(record.language);
    const payload = renderDigest(t, snapshot.briefbook, items, record.follows);
    this.attempted.add(key);
    try {
      const channelId = await this.deps.dms.openDm(userId);
      const message = await this.deps.poster.post(channelId, payload, { nonce });
      await repo.updateDelivery(key, () => ({
        state: 'sent',
        nonce,
        messageId: message.id,
        sentAt: iso(this.deps.clock.now().getTime()),
        attempts,
      }));
      await this.finish(userId, run, upTo);
      return 'sent';
    } catch (error) {
      const failure = classifyPostError(error);
      if (failure.kind === 'transient') {
        await repo
          .updateDelivery(key, (cur) =>
            cur?.state === 'sending'
              ? {
                  ...cur,
                  failedAttempts: (cur.failedAttempts ?? 0) + 1,
                  retryAt: iso(now + 1_000),
                  lastFailure: { at: iso(now), reason: failure.reason.slice(0, 300), status: failure.status },
                }
              : cur,
          )
          .catch(() => {});
        this.attempted.delete(key); // resumed by this process with the same nonce
        return 'retry';
      }
      await repo.updateDelivery(key, () => ({
        state: 'failed',
        at: iso(now),
        attempts,
        message: failure.reason.slice(0, 300),
        status: failure.status,
        code: failure.code,
      }));
      if (failure.code === DM_CLOSED) {
        // No retry storm: the member's digests stop until they use /follow again, and they are told once.
        await store.update<FollowerRecord>(FOLLOWS_NS, userId, (cur) => {
          if (!cur) return cur;
          const { inFlight: _f, ...rest } = cur;
          return { ...rest, paused: { at: iso(now), reason: 'dm-closed' }, noticePending: true };
        });
        this.deps.logger.info({ userId }, 'follow digests paused: the member does not accept DMs (50007)');
        return 'paused';
      }
      this.deps.logger.warn(
        { userId, run: iso(run), code: failure.code },
        `follow digest failed: ${failure.reason}`,
      );
      await this.finish(userId, run, upTo);
      return 'failed';
    }
  }

  /** The digest of `run` is done (sent, settled, or nothing to send): the next one starts after `upTo`. */
  private async finish(userId: string, run: number, upTo: number): Promise<void> {
    await this.deps.store.update<FollowerRecord>(FOLLOWS_NS, userId, (cur) => {
      if (!cur) return cur;
      const { inFlight: _f, ...rest } = cur;
      const cutoff = Math.max(Date.parse(cur.cutoff), upTo);
      const lastRun = Math.max(cur.lastRun ? Date.parse(cur.lastRun) : 0, run);
      return { ...rest, cutoff: iso(cutoff), lastRun: iso(lastRun) };
    });
  }
}

export type { Follow };
