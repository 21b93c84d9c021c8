import { certainByDay, countAtMost, looseness } from './dates.ts';
import type { Event, PartialDate } from './schema.ts';

/**
 * The "loose" events of a dataset (those whose date leaves a gap between the day they may have
 * begun and the day they had certainly happened: "Feb 2025", "2025", a range), arranged once per
 * dataset version so that what a briefing asks of them costs the size of the answer, not of the
 * dataset:
 * - which of them had begun by a day but had not certainly happened (an interval stabbing query:
 *   the events are grouped by the length of their gap in powers of two, so within a group only those
 *   that began less than the group's longest gap before the day need looking at, and at least half
 *   of those are in the answer);
 * - the one that had certainly happened last by a day (per topic: a sorted list and a binary search).
 */
export interface LooseEvents {
  /** Chronological. */
  readonly events: readonly Event[];
  readonly ids: ReadonlySet<string>;
  /** Ids of the events that had begun by `day` but had not certainly happened, within a topic when given. */
  pendingOn(day: string, topicId?: string): Set<string>;
  /**
   * The date of the loose event (within a topic when given) that had certainly happened last by
   * `day`; on a tie the most precise (dateSpan's choice), then the earliest in chronological order.
   */
  lastCertainBy(day: string, topicId?: string): PartialDate | undefined;
}

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Math.floor(Date.parse(day) / DAY_MS);

interface SpanGroup {
  /** Longest gap (days) in the group. */
  maxSpan: number;
  /** Ascending by begin day (chronological order kept among equals). */
  begin: Int32Array;
  certain: Int32Array;
  members: Event[];
}

interface ByCertain {
  /** Certain days, ascending. */
  certain: string[];
  /** For each position, the best date of its run of equal certain days up to it (dateSpan's pick). */
  best: PartialDate[];
}

export function buildLooseEvents(
  chronological: readonly Event[],
  eventDay: ReadonlyMap<string, string>,
): LooseEvents {
  const events: Event[] = [];
  const certainDays: string[] = [];
  for (const e of chronological) {
    const certain = certainByDay(e.date);
    if (certain > (eventDay.get(e.id) ?? '')) {
      events.push(e);
      certainDays.push(certain);
    }
  }
  const ids = new Set(events.map((e) => e.id));

  // Stabbing: groups by gap length (1, 2–3, 4–7, … days).
  const buckets = new Map<number, number[]>();
  const begins = new Int32Array(events.length);
  const certains = new Int32Array(events.length);
  events.forEach((e, i) => {
    begins[i] = dayNumber(eventDay.get(e.id) ?? '');
    certains[i] = dayNumber(certainDays[i] as string);
    const span = Math.max(1, (certains[i] as number) - (begins[i] as number));
    const key = 31 - Math.clz32(span);
    const list = buckets.get(key) ?? [];
    list.push(i);
    buckets.set(key, list);
  });
  const groups: SpanGroup[] = [...buckets.values()].map((list) => {
    // `events` is chronological and sort days are its order, so `list` is already ascending by begin.
    const begin = Int32Array.from(list, (i) => begins[i] as number);
    const certain = Int32Array.from(list, (i) => certains[i] as number);
    let maxSpan = 0;
    for (let k = 0; k < list.length; k++)
      maxSpan = Math.max(maxSpan, (certain[k] as number) - (begin[k] as number));
    return { maxSpan, begin, certain, members: list.map((i) => events[i] as Event) };
  });

  // Last certain: per topic (and all), positions sorted by certain day, chronological among equals.
  const positions = new Map<string, number[]>([['', []]]);
  events.forEach((e, i) => {
    positions.get('')?.push(i);
    for (const t of e.topics) {
      const list = positions.get(t) ?? [];
      list.push(i);
      positions.set(t, list);
    }
  });
  const byScope = new Map<string, ByCertain>();
  for (const [key, list] of positions) {
    const order = list.sort((a, b) => {
      const ca = certainDays[a] as string;
      const cb = certainDays[b] as string;
      return ca < cb ? -1 : ca > cb ? 1 : a - b;
    });
    const certain = order.map((i) => certainDays[i] as string);
    const best: PartialDate[] = [];
    order.forEach((i, k) => {
      const date = (events[i] as Event).date;
      const previous = k > 0 && certain[k - 1] === certain[k] ? best[k - 1] : undefined;
      // dateSpan keeps the first of equally precise dates, so the earlier event stays on a tie.
      best.push(previous && looseness(previous) <= looseness(date) ? previous : date);
    });
    byScope.set(key, { certain, best });
  }

  return {
    events,
    ids,
    pendingOn(day, topicId) {
      const pending = new Set<string>();
      const at = dayNumber(day);
      if (Number.isNaN(at)) return pending;
      for (const g of groups) {
        // First member that began after at − maxSpan: earlier ones were certain by `day`.
        let lo = 0;
        let hi = g.begin.length;
        const from = at - g.maxSpan;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if ((g.begin[mid] as number) <= from) lo = mid + 1;
          else hi = mid;
        }
        for (let k = lo; k < g.begin.length && (g.begin[k] as number) <= at; k++) {
          if ((g.certain[k] as number) <= at) continue;
          const e = g.members[k] as Event;
          if (!topicId || e.topics.includes(topicId)) pending.add(e.id);
        }
      }
      return pending;
    },
    lastCertainBy(day, topicId) {
      const scope = byScope.get(topicId ?? '');
      if (!scope) return undefined;
      const at = countAtMost(scope.certain, day);
      return at > 0 ? scope.best[at - 1] : undefined;
    },
  };
}
