/**
 * Which run to deliver, PURE: catch-up after downtime and the collapse of several missed runs into one;
 * and whether to take over a delivery another process (or an earlier life of this one) left unfinished.
 *
 * Rules (times are epoch ms):
 * - the runs due are the occurrences in (after, now], `after` being the last run already planned;
 * - only the latest of them is delivered; the earlier ones are "collapsed" into it (counted, logged);
 * - the latest is delivered only if it is younger than the catch-up window, else all are dropped
 *   (counted, logged) — unless `exempt` (a run that failed on a store outage is never dropped for age);
 * - a run at most ON_TIME_GRACE_MS late (a late tick, a busy event loop) is on time, whatever the
 *   window: a window of 0 means "post on-time runs, never catch up missed ones", not "post nothing".
 */
import type { Occurrences } from './cron.ts';
import type { DeliveryRecord } from './types.ts';

export interface DuePlan {
  /** The run to deliver now. */
  run?: number;
  /** Earlier due runs folded into `run` (or dropped with it); `countCapped` when counting stopped early. */
  collapsed: number;
  countCapped: boolean;
  /** Runs too old to deliver: how many and the latest of them. */
  dropped?: { count: number; latest: number };
  /** The next run time to wait for (undefined: never runs again). */
  next: number | undefined;
}

/**
 * How late a run may still be posted with no catch-up at all (CATCH_UP_MINUTES=0): ticks come every
 * second, but a busy event loop or a short Discord outage delays them.
 */
export const ON_TIME_GRACE_MS = 60_000;

/** The age past which a run is no longer posted: the catch-up window, never less than the grace. */
export function latestPostableAge(windowMs: number): number {
  return Math.max(windowMs, ON_TIME_GRACE_MS);
}

/** Counting missed runs stops here (an every-second schedule down for a day has 86 400). */
export const COUNT_CAP = 50;

/** Occurrences in [from, until) — `from` must itself be an occurrence — capped at COUNT_CAP. */
function countRuns(cron: Occurrences, from: number, until: number): { count: number; capped: boolean } {
  let count = 0;
  let t: number | undefined = from;
  while (t !== undefined && t < until) {
    count++;
    if (count >= COUNT_CAP) return { count, capped: true };
    t = cron.nextAfter(t);
  }
  return { count, capped: false };
}

export function planDue(
  cron: Occurrences,
  s: { after: number; now: number; windowMs: number; exempt?: boolean },
): DuePlan {
  const first = cron.nextAfter(s.after);
  if (first === undefined || first > s.now) return { collapsed: 0, countCapped: false, next: first };
  const second = cron.nextAfter(first);
  let latest = first;
  let collapsed = 0;
  let countCapped = false;
  let next = second;
  if (second !== undefined && second <= s.now) {
    latest = cron.latestAtOrBefore(s.now) ?? first;
    const counted = countRuns(cron, first, latest);
    collapsed = counted.count;
    countCapped = counted.capped;
    next = cron.nextAfter(latest);
  }
  if (!s.exempt && s.now - latest > latestPostableAge(s.windowMs)) {
    return { collapsed: 0, countCapped, dropped: { count: collapsed + 1, latest }, next };
  }
  return { run: latest, collapsed, countCapped, next };
}

/**
 * Where planning starts for a schedule loaded at `now`: runs older than the catch-up window can only
 * be dropped, so they are skipped without computing them one by one (and `after` is then shared by
 * every schedule with the same cron, so the cron math is memoized across them).
 */
export function loadFloor(lastHandled: number, now: number, windowMs: number): number {
  return Math.max(lastHandled, now - windowMs);
}

/**
 * The earliest attempt of a "sending" record that may have reached Discord (a crash mid-request, a
 * 5xx, a timeout), or null when every attempt is known to have failed before Discord saw it (refused
 * connection, 429). Records written before this field existed count from their first claim.
 */
export function unsureSinceOf(record: Extract<DeliveryRecord, { state: 'sending' }>): number | null {
  if (record.unsureSince === null) return null;
  return Date.parse(record.unsureSince ?? record.claimedAt);
}

/** What to do with a run whose claim was refused (someone holds its delivery record). */
export type TakeOverDecision =
  /** The record expired between our claim and our read: claim again later. */
  | { action: 'claim-again' }
  /** The run is settled (sent, skipped, failed or abandoned): nothing to do. */
  | { action: 'duplicate' }
  /** Our own claim, whose reply we never saw (a lost reply), and we never called post(): send now. */
  | { action: 'resume'; attempts: number }
  /** Another owner's lease is live: look again once it has expired. */
  | { action: 'wait'; until: number }
  /** Resending could post twice (an attempt that may have landed is older than the nonce window) or attempts are used up. */
  | { action: 'abandon'; reason: string }
  /** The run waited for Discord past the catch-up window: recorded as missed, not posted. */
  | { action: 'give-up'; reason: string }
  /** The owner is gone (or it is our own retry after a transient failure): send again, same nonce. */
  | { action: 'take-over' };

/**
 * The take-over rule of the delivery protocol (DELIVERY in delivery.ts), PURE. `ownerGone` says
 * the owner was a process on this host that no longer exists: its lease guards nothing. A record
 * waiting for a retry (`retryAt`) has nothing in flight: its owner resends when its turn comes.
 */
export function decideTakeOver(
  existing: DeliveryRecord | undefined,
  s: {
    now: number;
    processId: string;
    /** This process already called post() for the run. */
    attemptedHere: boolean;
    ownerGone: boolean;
    nonceWindowMs: number;
    maxAttemptsPerRun: number;
    /** The run time and the catch-up window: a run older than the window is no longer sent. */
    run?: number;
    catchUpWindowMs?: number;
  },
): TakeOverDecision {
  if (!existing) return { action: 'claim-again' };
  if (existing.state !== 'sending') return { action: 'duplicate' };
  const ours = existing.owner === s.processId;
  if (ours && !s.attemptedHere) return { action: 'resume', attempts: existing.attempts };
  const ourRetry = ours && existing.retryAt !== undefined;
  const leaseUntil = Date.parse(existing.leaseUntil);
  if (!ourRetry && leaseUntil > s.now && !s.ownerGone) return { action: 'wait', until: leaseUntil + 1_000 };
  // Attempts nobody saw finish: crashes mid-request. Known transient failures do not count.
  const interrupted = existing.attempts - (existing.failedAttempts ?? 0);
  if (interrupted >= s.maxAttemptsPerRun)
    return { action: 'abandon', reason: `interrupted after ${existing.attempts} attempts` };
  const unsure = unsureSinceOf(existing);
  if (unsure !== null && s.now - unsure > s.nonceWindowMs) {
    const age = s.now - unsure;
    return {
      action: 'abandon',
      reason: `interrupted ${Math.round(age / 1000)} s ago, past the ${Math.round(s.nonceWindowMs / 1000)} s nonce window; not resent to avoid a duplicate (it may or may not have posted)`,
    };
  }
  if (
    s.run !== undefined &&
    s.catchUpWindowMs !== undefined &&
    s.now - s.run > latestPostableAge(s.catchUpWindowMs)
  )
    return {
      action: 'give-up',
      reason: `${existing.lastFailure?.reason ?? 'not delivered'}; not posted: the run is older than the catch-up window`,
    };
  return { action: 'take-over' };
}

/** Delay before retry number `n` (1-based) after a transient failure: 1 s doubling to 60 s, jittered. */
export function retryDelay(n: number, random: () => number): number {
  const cap = Math.min(60_000, 1_000 * 2 ** Math.max(0, n - 1));
  return Math.round(cap * (0.75 + random() * 0.25));
}

export type RetryPlan =
  | { action: 'retry'; at: number }
  /** No attempt may follow: `window` (the run would be too old) or `nonce` (a resend could post twice). */
  | { action: 'give-up'; why: 'window' | 'nonce' };

/**
 * After a transient failure: when to try the run again, with the same nonce. Retries go on until the
 * run is older than the catch-up window; if an attempt may have reached Discord (`unsureSince`), only
 * while Discord would still recognise the nonce, so a retry never posts a second message.
 */
export function planRetry(s: {
  now: number;
  run: number;
  failedAttempts: number;
  unsureSince: number | null;
  catchUpWindowMs: number;
  nonceWindowMs: number;
  random: () => number;
}): RetryPlan {
  let at = s.now + retryDelay(s.failedAttempts, s.random);
  if (s.unsureSince !== null) {
    // Leave a margin for the request itself inside the nonce window.
    const last = s.unsureSince + s.nonceWindowMs - 15_000;
    if (last <= s.now) return { action: 'give-up', why: 'nonce' };
    at = Math.min(at, last);
  }
  if (at - s.run > latestPostableAge(s.catchUpWindowMs)) return { action: 'give-up', why: 'window' };
  return { action: 'retry', at };
}

/** The record a process claims a run with (scheduled post or DM digest): its first attempt, leased. */
export function firstAttempt(o: {
  owner: string;
  nonce: string;
  claimedAt: number;
  leaseMs: number;
  cutoff: number;
}): DeliveryRecord {
  const at = new Date(o.claimedAt).toISOString();
  return {
    state: 'sending',
    owner: o.owner,
    nonce: o.nonce,
    claimedAt: at,
    leaseUntil: new Date(o.claimedAt + o.leaseMs).toISOString(),
    attempts: 1,
    cutoff: new Date(o.cutoff).toISOString(),
    unsureSince: at,
  };
}
