/**
 * Following, per member: what a member's next digest holds and when it is due. PURE.
 *
 * "New" is the bot's first-seen time of an event (seen-events.ts), never the event's own date: an
 * item is in a digest when its event was first seen after the member followed the actor or topic
 * and after the member's cutoff (the end of the previous digest), up to this digest's cutoff.
 * A quote counts as new with its event. Each digest is a run `(userId, run)`; its window
 * (cutoff, upTo] is written to the member's record before anything is sent, so a resend after a
 * crash carries exactly the same items under the same nonce.
 */
import type { Dataset } from '../domain/model.ts';
import type { Event, Quote } from '../domain/schema.ts';
import { cachedCron } from './cron.ts';

export type FollowKind = 'actor' | 'topic';
export type FollowFrequency = 'instant' | 'daily' | 'weekly';

export interface Follow {
  kind: FollowKind;
  id: string;
  /** Items first seen after this instant are new to the member (ISO). */
  since: string;
}

/** One member's follows and digest schedule: namespace `follows`, key = user id. */
export interface FollowerRecord {
  v: 1;
  userId: string;
  /** Language code the digest is written in (the member's locale at /follow). */
  language: string;
  follows: Follow[];
  frequency: FollowFrequency;
  /** "HH:MM" in `timezone` (daily and weekly). */
  time: string;
  timezone: string;
  /** 0 = Sunday … 6 = Saturday (weekly). */
  weekday: number;
  createdAt: string;
  /** Items first seen at or before this were delivered (or were before the member followed). */
  cutoff: string;
  /** The latest digest run handled (daily/weekly: the occurrence; instant: its cutoff). */
  lastRun?: string;
  /** A digest decided but not yet known to be sent: resent as is (same items, same nonce). */
  inFlight?: { run: string; upTo: string };
  /** DMs refused (50007): no digest until the member uses /follow again. */
  paused?: { at: string; reason: 'dm-closed' };
  /** The member has not been told about the pause yet (told once, on their next interaction). */
  noticePending?: boolean;
}

export const MAX_FOLLOWS = 25;

/** "08:30" → minutes after midnight; undefined when it is not a 24-hour time. */
export function parseTimeOfDay(text: string): { hour: number; minute: number } | undefined {
  const m = /^\s*(\d{1,2})(?:[:.h](\d{2}))?\s*$/i.exec(text);
  if (!m) return undefined;
  const hour = Number(m[1]);
  const minute = Number(m[2] ?? '0');
  if (hour > 23 || minute > 59) return undefined;
  return { hour, minute };
}

/** The cron expression of a daily or weekly digest. */
export function digestCron(r: Pick<FollowerRecord, 'frequency' | 'time' | 'weekday'>): string {
  const t = parseTimeOfDay(r.time) ?? { hour: 8, minute: 0 };
  return `${t.minute} ${t.hour} * * ${r.frequency === 'weekly' ? r.weekday : '*'}`;
}

export interface DigestItems {
  events: Event[];
  quotes: Quote[];
}

function follows(event: Event, f: Follow): boolean {
  return f.kind === 'actor' ? event.actors.some((a) => a.actor === f.id) : event.topics.includes(f.id);
}

/**
 * Events (in the dataset's chronological order) and their quotes that are new to the member in
 * (after, upTo]: first seen in that window and after the matching follow began.
 */
export function digestItems(
  dataset: Pick<Dataset, 'events' | 'quotes'>,
  record: Pick<FollowerRecord, 'follows'>,
  seen: ReadonlyMap<string, number>,
  window: { after: number; upTo: number },
): DigestItems {
  const events: Event[] = [];
  for (const e of dataset.events) {
    const at = seen.get(e.id);
    if (at === undefined || at <= window.after || at > window.upTo) continue;
    if (record.follows.some((f) => at > Date.parse(f.since) && follows(e, f))) events.push(e);
  }
  const ids = new Set(events.map((e) => e.id));
  const quotes = dataset.quotes.filter((q) => ids.has(q.event));
  return { events, quotes };
}

/** The latest first-seen time of anything new after `after` for the member (instant digests). */
export function latestNew(
  dataset: Pick<Dataset, 'events' | 'quotes'>,
  record: Pick<FollowerRecord, 'follows'>,
  seen: ReadonlyMap<string, number>,
  after: number,
  now: number,
): number | undefined {
  const items = digestItems(dataset, record, seen, { after, upTo: now });
  let latest: number | undefined;
  for (const e of items.events) {
    const at = seen.get(e.id) ?? 0;
    if (latest === undefined || at > latest) latest = at;
  }
  return latest;
}

export type DigestDue =
  | { kind: 'none' }
  /** Send (or resend) the digest of run `run` covering (cutoff, upTo]. */
  | { kind: 'run'; run: number; upTo: number };

/**
 * Whether a digest is due at `now`. An in-flight digest always comes first (the same window again).
 * Instant: as soon as something new was first seen; the run and the window's end are the latest
 * first-seen time, so the same items give the same run (and nonce) in every process. Daily and
 * weekly: the latest occurrence at or before now, once per occurrence, never one from before the
 * member's record existed.
 */
export function digestDue(
  record: FollowerRecord,
  now: number,
  newest: (after: number, upTo: number) => number | undefined,
): DigestDue {
  if (record.paused || record.follows.length === 0) return { kind: 'none' };
  if (record.inFlight)
    return { kind: 'run', run: Date.parse(record.inFlight.run), upTo: Date.parse(record.inFlight.upTo) };
  const cutoff = Date.parse(record.cutoff);
  if (record.frequency === 'instant') {
    const latest = newest(cutoff, now);
    return latest === undefined ? { kind: 'none' } : { kind: 'run', run: latest, upTo: latest };
  }
  const cron = cachedCron(digestCron(record), record.timezone);
  const run = cron.latestAtOrBefore(now);
  if (run === undefined || run <= Date.parse(record.createdAt)) return { kind: 'none' };
  if (record.lastRun !== undefined && run <= Date.parse(record.lastRun)) return { kind: 'none' };
  return { kind: 'run', run, upTo: run };
}

/** The next time a daily or weekly digest is due after `now` (for /follow list). */
export function nextDigestAt(record: FollowerRecord, now: number): number | undefined {
  if (record.frequency === 'instant') return undefined;
  return cachedCron(digestCron(record), record.timezone).nextAfter(now);
}
