import { createHash } from 'node:crypto';
import { certainByDay, dateSpan, lastPossibleDay, sortDay } from './dates.ts';
import type {
  Actor,
  Citation,
  Commitment,
  Event,
  PartialDate,
  Quote,
  RawDataset,
  Source,
  Topic,
} from './schema.ts';

const PART_OF_DAY_ORDER = { morning: 1, afternoon: 2, evening: 3, night: 4 } as const;

/** What cites a source paragraph, for the bibliography. */
export interface CitingItem {
  kind: 'event' | 'quote' | 'commitment' | 'topic' | 'actor';
  id: string;
  paragraph: number;
}

/** The dataset loaded, validated and indexed once; never mutated after construction. */
export interface Dataset {
  readonly version: string;
  readonly sources: readonly Source[];
  readonly actors: readonly Actor[];
  readonly topics: readonly Topic[];
  /** Chronological. */
  readonly events: readonly Event[];
  readonly quotes: readonly Quote[];
  readonly commitments: readonly Commitment[];
  readonly sourceById: ReadonlyMap<string, Source>;
  readonly sourceByLabel: ReadonlyMap<string, Source>;
  readonly actorById: ReadonlyMap<string, Actor>;
  readonly topicById: ReadonlyMap<string, Topic>;
  readonly eventById: ReadonlyMap<string, Event>;
  readonly quoteById: ReadonlyMap<string, Quote>;
  readonly commitmentById: ReadonlyMap<string, Commitment>;
  readonly quotesByEvent: ReadonlyMap<string, readonly Quote[]>;
  readonly quotesBySpeaker: ReadonlyMap<string, readonly Quote[]>;
  readonly eventsByActor: ReadonlyMap<string, readonly Event[]>;
  readonly eventsByTopic: ReadonlyMap<string, readonly Event[]>;
  readonly commitmentsByEvent: ReadonlyMap<string, readonly Commitment[]>;
  /** Events that name this one in their `related` list, with the relation seen from them. */
  readonly relatedFrom: ReadonlyMap<string, readonly { event: string; relation: string }[]>;
  readonly citedBy: ReadonlyMap<string, readonly CitingItem[]>;
  /** Position of each event in chronological order. */
  readonly eventOrder: ReadonlyMap<string, number>;
  /** Each event's sort day (see `sortDay`), computed once. */
  readonly eventDay: ReadonlyMap<string, string>;
  /** The first and last events' dates as precisely as they are known (dateSpan). */
  readonly coverage: { readonly first: PartialDate; readonly last: PartialDate } | undefined;
}

export function compareEvents(a: Event, b: Event): number {
  const da = sortDay(a.date);
  const db = sortDay(b.date);
  if (da !== db) return da < db ? -1 : 1;
  const pa = a.partOfDay ? PART_OF_DAY_ORDER[a.partOfDay] : 0;
  const pb = b.partOfDay ? PART_OF_DAY_ORDER[b.partOfDay] : 0;
  if (pa !== pb) return pa - pb;
  // On the same first day, what is known to have ended sooner comes first (a day before a range).
  const la = lastPossibleDay(a.date);
  const lb = lastPossibleDay(b.date);
  if (la !== lb) return la < lb ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function group<T>(items: readonly T[], keys: (item: T) => readonly string[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    for (const key of new Set(keys(item))) {
      const list = map.get(key);
      if (list) list.push(item);
      else map.set(key, [item]);
    }
  }
  return map;
}

function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((i) => [i.id, i]));
}

/** A short, stable content hash: the dataset's version as shown by /about. */
export function datasetVersion(raw: RawDataset): string {
  return createHash('sha256').update(JSON.stringify(raw)).digest('hex').slice(0, 12);
}

/** Indexes a validated dataset. Call only with data that passed `validateDataset`. */
export function buildDataset(raw: RawDataset): Dataset {
  const events = [...raw.events].sort(compareEvents);
  const eventOrder = new Map(events.map((e, i) => [e.id, i]));
  const byEventOrder = (a: { event: string }, b: { event: string }) =>
    (eventOrder.get(a.event) ?? 0) - (eventOrder.get(b.event) ?? 0);
  const quotes = [...raw.quotes].sort(byEventOrder);
  const commitments = [...raw.commitments].sort(byEventOrder);

  const citedBy = new Map<string, CitingItem[]>();
  const addCite = (kind: CitingItem['kind'], id: string, c: Citation) => {
    const list = citedBy.get(c.source) ?? [];
    list.push({ kind, id, paragraph: c.paragraph });
    citedBy.set(c.source, list);
  };
  for (const e of events) for (const c of e.citations) addCite('event', e.id, c);
  for (const q of quotes) addCite('quote', q.id, q.citation);
  for (const c of commitments) addCite('commitment', c.id, c.citation);
  for (const t of raw.topics)
    for (const entry of t.thread) for (const c of entry.citations) addCite('topic', t.id, c);
  for (const a of raw.actors) for (const r of a.roles) addCite('actor', a.id, r.citation);

  const relatedFrom = new Map<string, { event: string; relation: string }[]>();
  for (const e of events) {
    for (const r of e.related) {
      const list = relatedFrom.get(r.event) ?? [];
      list.push({ event: e.id, relation: r.relation });
      relatedFrom.set(r.event, list);
    }
  }

  return Object.freeze({
    version: datasetVersion(raw),
    sources: raw.sources,
    actors: raw.actors,
    topics: raw.topics,
    events,
    quotes,
    commitments,
    sourceById: byId(raw.sources),
    sourceByLabel: new Map(raw.sources.map((s) => [s.label, s])),
    actorById: byId(raw.actors),
    topicById: byId(raw.topics),
    eventById: byId(events),
    quoteById: byId(quotes),
    commitmentById: byId(commitments),
    quotesByEvent: group(quotes, (q) => [q.event]),
    quotesBySpeaker: group(quotes, (q) => [q.speaker]),
    eventsByActor: group(events, (e) => e.actors.map((a) => a.actor)),
    eventsByTopic: group(events, (e) => e.topics),
    commitmentsByEvent: group(commitments, (c) => [c.event]),
    relatedFrom,
    citedBy,
    eventOrder,
    eventDay: new Map(events.map((e) => [e.id, sortDay(e.date)])),
    coverage: dateSpan(events.map((e) => e.date)),
  });
}

/**
 * Events (chronological) that had certainly happened by `day` (certainByDay): a month-precision
 * event counts only once its month is over. Searches the prefix of events starting by `day`.
 */
export function eventsUpTo(dataset: Dataset, events: readonly Event[], day: string): readonly Event[] {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const e = events[mid];
    if (e && (dataset.eventDay.get(e.id) ?? '') <= day) lo = mid + 1;
    else hi = mid;
  }
  const started = events.slice(0, lo);
  return started.filter((e) => certainByDay(e.date) <= day);
}
