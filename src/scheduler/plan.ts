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
  /** Resending could post twice (claimed before the nonce window) or attempts are used up. */
  | { action: 'abandon'; reason: string }
  /** The owner is gone and the nonce still dedupes: resend with the same nonce. */
  | { action: 'take-over' };

/**
 * The take-over rule of the delivery protocol (DELIVERY in delivery.ts), PURE. `ownerGone` says
 * the owner was a process on this host that no longer exists: its lease guards nothing.
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
  },
): TakeOverDecision {
  if (!existing) return { action: 'claim-again' };
  if (existing.state !== 'sending') return { action: 'duplicate' };
  if (existing.owner === s.processId && !s.attemptedHere)
    return { action: 'resume', attempts: existing.attempts };
  const leaseUntil = Date.parse(existing.leaseUntil);
  if (leaseUntil > s.now && !s.ownerGone) return { action: 'wait', until: leaseUntil + 1_000 };
  const age = s.now - Date.parse(existing.claimedAt);
  if (existing.attempts >= s.maxAttemptsPerRun)
    return { action: 'abandon', reason: `interrupted after ${existing.attempts} attempts` };
  if (age > s.nonceWindowMs) {
    return {
      action: 'abandon',
      reason: `interrupted ${Math.round(age / 1000)} s ago, past the ${Math.round(s.nonceWindowMs / 1000)} s nonce window; not resent to avoid a duplicate (it may or may not have posted)`,
    };
  }
  return { action: 'take-over' };
}
