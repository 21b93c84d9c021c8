import { certainByDay, countAtMost, dateSpan, lastPossibleDay, sortDay } from './dates.ts';
import { lazy } from './lazy.ts';
import { buildLooseEvents, type LooseEvents } from './loose-events.ts';
import {
  type Actor,
  type Citation,
  type Commitment,
  DATA_FILES,
  type Event,
  type PartialDate,
  type Quote,
  type RawDataset,
  type Source,
  type Topic,
} from './schema.ts';
import { datasetVersionOf } from './version.ts';

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
  readonly relatedFrom: ReadonlyMap<
    string,
    readonly { event: string; relation: Event['related'][number]['relation'] }[]
  >;
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

function add<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

/** Items by each of their keys (an item listed once per distinct key). */
function group<T>(items: readonly T[], keys: (item: T) => readonly string[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const ks = keys(item);
    for (let i = 0; i < ks.length; i++) {
      const key = ks[i] as string;
      if (i > 0 && ks.indexOf(key) < i) continue; // a repeated key
      add(map, key, item);
    }
  }
  return map;
}

function groupOne<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) add(map, key(item), item);
  return map;
}

function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) map.set(item.id, item);
  return map;
}

/** What cites each source paragraph (for /sources): built on first use, not at every load. */
function citations(
  raw: Pick<RawDataset, 'topics' | 'actors'>,
  events: readonly Event[],
  quotes: readonly Quote[],
  commitments: readonly Commitment[],
) {
  const citedBy = new Map<string, CitingItem[]>();
  const addCite = (kind: CitingItem['kind'], id: string, c: Citation) =>
    add(citedBy, c.source, { kind, id, paragraph: c.paragraph });
  for (const e of events) for (const c of e.citations) addCite('event', e.id, c);
  for (const q of quotes) addCite('quote', q.id, q.citation);
  for (const c of commitments) addCite('commitment', c.id, c.citation);
  for (const t of raw.topics)
    for (const entry of t.thread) for (const c of entry.citations) addCite('topic', t.id, c);
  for (const a of raw.actors) for (const r of a.roles) addCite('actor', a.id, r.citation);
  return citedBy;
}

/**
 * The version of a dataset given as data rather than files: the version its files would have if
 * written as `{"events": [...]}` without indentation. Loading from files uses the files' own bytes.
 */
export function datasetVersion(raw: RawDataset): string {
  return datasetVersionOf(
    Object.fromEntries(
      Object.entries(DATA_FILES).map(([name, spec]) => [
        name,
        JSON.stringify({ [spec.key]: raw[spec.key as keyof RawDataset] }),
      ]),
    ),
  );
}

/** Events in chronological order (see `compareEvents`), each sort key computed once. */
function sortEvents(events: readonly Event[]): { events: Event[]; days: string[] } {
  const keyed = events.map((e) => ({
    e,
    day: sortDay(e.date),
    part: e.partOfDay ? PART_OF_DAY_ORDER[e.partOfDay] : 0,
  }));
  keyed.sort((a, b) =>
    a.day !== b.day
      ? a.day < b.day
        ? -1
        : 1
      : a.part !== b.part
        ? a.part - b.part
        : a.e.id < b.e.id
          ? -1
          : a.e.id > b.e.id
            ? 1
            : 0,
  );
  return { events: keyed.map((k) => k.e), days: keyed.map((k) => k.day) };
}

/** Stable sort of `items` by the position of their event (the order of `compareEvents`). */
function byEvent<T extends { event: string }>(items: readonly T[], order: ReadonlyMap<string, number>): T[] {
  const keyed = items.map((item, i) => ({ item, at: order.get(item.event) ?? 0, i }));
  keyed.sort((a, b) => a.at - b.at || a.i - b.i);
  return keyed.map((k) => k.item);
}

/** The lists a search index is built from, in the order buildDataset puts them in. */
export type IndexedLists = Pick<Dataset, 'events' | 'quotes' | 'actors' | 'topics'>;

/**
 * The dataset's searchable lists in its order, and nothing else (no maps, no groupings): what a
 * thread that only builds the search index needs. The same sorts as buildDataset, so the same
 * documents in the same order.
 */
export function indexedLists(raw: RawDataset): IndexedLists {
  const { events } = sortEvents(raw.events);
  const eventOrder = new Map<string, number>();
  events.forEach((e, i) => eventOrder.set(e.id, i));
  return { events, quotes: byEvent(raw.quotes, eventOrder), actors: raw.actors, topics: raw.topics };
}

/**
 * Indexes a validated dataset. Call only with data that passed `validateDataset`; `version` is the
 * files' version (`datasetVersionOf`) when the data was read from files.
 */
/**
 * What a dataset cache file keeps besides the records: they are stored in the dataset's order
 * (events chronological, quotes and commitments by event), with each event's sort day, so a load
 * from the cache does not sort or compute days again.
 */
export interface PreparedOrder {
  /** `sortDay` of each event, in the order of `raw.events`. */
  readonly eventDays: readonly string[];
}

export function buildDataset(
  raw: RawDataset,
  version: string = datasetVersion(raw),
  prepared?: PreparedOrder,
): Dataset {
  const steps = datasetSteps(raw, version, prepared);
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/**
 * `buildDataset` that awaits `pause` between its steps (each a pass over one list), so a reload of
 * a large dataset on a running bot does not hold the event loop for the whole build.
 */
export async function buildDatasetPausing(
  raw: RawDataset,
  version: string,
  pause: () => Promise<void>,
  prepared?: PreparedOrder,
): Promise<Dataset> {
  const steps = datasetSteps(raw, version, prepared);
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return step.value;
    await pause();
  }
}

function* datasetSteps(raw: RawDataset, version: string, prepared?: PreparedOrder): Generator<void, Dataset> {
  const inOrder = prepared !== undefined && prepared.eventDays.length === raw.events.length;
  const { events, days } = inOrder
    ? { events: raw.events as Event[], days: prepared.eventDays }
    : sortEvents(raw.events);
  yield;
  // Maps and groupings only some commands read (briefings, /timeline by actor, /event's related
  // events): made on first use, or by groupingSteps in turns of the event loop after the load
  // (LiveDataset), not as part of it (20–25 ms of a 10k load). A dataset loaded from the cache is
  // in order already: its quotes and commitments need no event positions.
  const eventOrder = lazy(() => {
    const map = new Map<string, number>();
    events.forEach((e, i) => map.set(e.id, i));
    return map;
  });
  const eventDay = lazy(() => {
    const map = new Map<string, string>();
    events.forEach((e, i) => map.set(e.id, days[i] as string));
    return map;
  });
  const eventById = byId(events);
  yield;
  const quotes = inOrder ? (raw.quotes as Quote[]) : byEvent(raw.quotes, eventOrder());
  const commitments = inOrder ? (raw.commitments as Commitment[]) : byEvent(raw.commitments, eventOrder());
  const quoteById = byId(quotes);
  const quotesByEvent = groupOne(quotes, (q) => q.event);
  yield;
  const quotesBySpeaker = lazy(() => groupOne(quotes, (q) => q.speaker));
  const eventsByActor = lazy(() => group(events, (e) => e.actors.map((a) => a.actor)));
  const eventsByTopic = lazy(() => group(events, (e) => e.topics));
  const commitmentsByEvent = lazy(() => groupOne(commitments, (c) => c.event));
  const relatedFrom = lazy(() => {
    const map = new Map<string, { event: string; relation: Event['related'][number]['relation'] }[]>();
    for (const e of events)
      for (const r of e.related) add(map, r.event, { event: e.id, relation: r.relation });
    return map;
  });
  const cited = { topics: raw.topics, actors: raw.actors };
  const citedBy = lazy(() => citations(cited, events, quotes, commitments));
  // Read by /about and data:check only: a pass over every date, made on first use.
  let coverage: Dataset['coverage'] | null = null;
  yield;
  return Object.freeze({
    version,
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
    eventById,
    quoteById,
    commitmentById: byId(commitments),
    quotesByEvent,
    get quotesBySpeaker() {
      return quotesBySpeaker();
    },
    get eventsByActor() {
      return eventsByActor();
    },
    get eventsByTopic() {
      return eventsByTopic();
    },
    get commitmentsByEvent() {
      return commitmentsByEvent();
    },
    get relatedFrom() {
      return relatedFrom();
    },
    get citedBy() {
      return citedBy();
    },
    get eventOrder() {
      return eventOrder();
    },
    get eventDay() {
      return eventDay();
    },
    get coverage() {
      if (coverage === null) coverage = dateSpan(events.map((e) => e.date));
      return coverage;
    },
  });
}

/**
 * The maps and groupings buildDataset leaves to their first use, one step each (each a pass over
 * one list: up to about 100 ms at 100k events), to run in turns of the event loop of their own.
 */
export function groupingSteps(dataset: Dataset): Array<() => unknown> {
  return [
    () => dataset.eventOrder,
    () => dataset.eventDay,
    () => dataset.eventsByActor,
    () => dataset.eventsByTopic,
    () => dataset.quotesBySpeaker,
    () => dataset.commitmentsByEvent,
    () => dataset.relatedFrom,
  ];
}

const dayLists = new WeakMap<readonly Event[], readonly string[]>();

/**
 * The sort days of a chronological list of events (the dataset's or a topic's), kept beside it:
 * binary searches then compare strings in one array, not a Map look-up per step. Lists a briefing
 * reads are arranged by prepareBriefings; others on first use.
 */
export function sortDaysOf(dataset: Dataset, events: readonly Event[]): readonly string[] {
  let days = dayLists.get(events);
  if (!days) {
    const { eventDay } = dataset;
    days = events.map((e) => eventDay.get(e.id) ?? '');
    dayLists.set(events, days);
  }
  return days;
}

/** How many events (chronological) have a sort day on or before `day`: binary search, no copy. */
export function countUpTo(dataset: Dataset, events: readonly Event[], day: string): number {
  return countAtMost(sortDaysOf(dataset, events), day);
}

/**
 * Events (chronological) that had certainly happened by `day` (certainByDay): a month-precision
 * event counts only once its month is over. The specification of what a briefing knows.
 */
export function eventsUpTo(dataset: Dataset, events: readonly Event[], day: string): readonly Event[] {
  return events.slice(0, countUpTo(dataset, events, day)).filter((e) => certainByDay(e.date) <= day);
}

const looseCache = new WeakMap<Dataset, LooseEvents>();

/** The dataset's loose events (see LooseEvents), arranged once per dataset version. */
export function looseIndex(dataset: Dataset): LooseEvents {
  let loose = looseCache.get(dataset);
  if (!loose) {
    loose = buildLooseEvents(dataset.events, dataset.eventDay);
    looseCache.set(dataset, loose);
  }
  return loose;
}

/**
 * Events whose date leaves a gap between the day they may have begun and the day they had
 * certainly happened ("Feb 2025", "2025", a range), chronological; computed once per dataset.
 */
export function looseEvents(dataset: Dataset): readonly Event[] {
  return looseIndex(dataset).events;
}

/**
 * Ids of the events (of one topic, when given) that may have begun by `day` but had not certainly
 * happened: among those countUpTo counts, they are not known as of `day`.
 */
export function notYetCertain(dataset: Dataset, day: string, topicId?: string): ReadonlySet<string> {
  return looseIndex(dataset).pendingOn(day, topicId);
}
