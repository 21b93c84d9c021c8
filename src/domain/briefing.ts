import { type Msg, msg } from '../i18n/catalog.ts';
import { withAttribution } from './attribution.ts';
import { certainByDay, countAtMost, dateSpan, sortDay } from './dates.ts';
import { countUpTo, type Dataset, looseIndex, notYetCertain, sortDaysOf } from './model.ts';
import type { Actor, Citation, Commitment, Event, PartialDate, Quote, ThreadEntry, Topic } from './schema.ts';

export interface ThreadState {
  topic: Topic;
  /**
   * Our own words; curated thread status, else the latest event's summary. A claim the source
   * reports as someone's account comes as theirs ("According to X: …"), never as fact.
   */
  status: string;
  /** Whose account the status is, when it is someone's. */
  attributedTo?: string;
  /** Where the status comes from (its translations are read there). */
  from: { entry: ThreadEntry } | { event: Event };
  /** The day this state of play dates from (for ordering). */
  since: string;
  /** The same as precisely as it is known: a thread entry's day, or its event's date. */
  sinceDate: PartialDate;
  citations: Citation[];
  eventIds: string[];
}

export type CommitmentState =
  | 'pending'
  | 'due-now'
  | 'window-passed'
  | 'no-deadline'
  | 'fulfilled'
  | 'broken'
  | 'withdrawn';

export interface CommitmentView {
  commitment: Commitment;
  /** The commitment's text as shown: "According to X: …" when it is someone's account. */
  text: string;
  state: CommitmentState;
  /** e.g. "due 25–28 Aug 2025 — window passed; no source reports the outcome". */
  label: Msg;
  madeOn: string;
}

export interface KeyQuote {
  quote: Quote;
  speaker: Actor | undefined;
  event: Event | undefined;
}

export interface Briefing {
  asOf: string;
  topic: Topic | undefined;
  /** Events known as of the date (within the topic, when one is chosen). */
  eventCount: number;
  /** The dates of the first and last of those events, with their precision. */
  coverage: { first: PartialDate; last: PartialDate } | undefined;
  threads: ThreadState[];
  /** Newest first. */
  latest: Event[];
  /** Events flagged new by the caller (scheduled posts' watermark), oldest first. */
  newEvents: Event[];
  keyQuote: KeyQuote | undefined;
  /** The most pressing open commitments (deadlines first), at most `commitmentLimit`. */
  commitments: CommitmentView[];
  commitmentCount: number;
}

export interface BriefingOptions {
  asOf: string;
  topic?: string;
  latestCount?: number;
  commitmentLimit?: number;
  /** Ids of events that count as new since the reader's last briefing. */
  newEventIds?: ReadonlySet<string>;
}

/** The state of play as of a day: deterministic for a given dataset, options and date. */
export function composeBriefing(dataset: Dataset, opts: BriefingOptions): Briefing {
  const { asOf } = opts;
  const topic = opts.topic ? dataset.topicById.get(opts.topic) : undefined;
  // The events that may have begun by the date are a prefix of the chronological list (its length,
  // no copy); those of them not certain by then (a "Feb 2025" event before March) are left out.
  const scope = topic ? (dataset.eventsByTopic.get(topic.id) ?? []) : dataset.events;
  const known = countUpTo(dataset, scope, asOf);
  const pending = notYetCertain(dataset, asOf, topic?.id);
  const isKnown = (e: Event | undefined): e is Event => e !== undefined && !pending.has(e.id);

  const topics = topic ? [topic] : dataset.topics;
  const threads = topics.flatMap((t) => {
    const state = threadState(dataset, t, asOf);
    return state ? [state] : [];
  });
  threads.sort((a, b) =>
    a.since === b.since ? a.topic.label.localeCompare(b.topic.label) : a.since < b.since ? 1 : -1,
  );

  const commitments = commitmentViews(dataset, asOf, topic?.id, opts.commitmentLimit ?? 8);
  const newEvents = opts.newEventIds
    ? newIn(dataset, scope, known, topic, asOf, opts.newEventIds).filter(isKnown)
    : [];

  return {
    asOf,
    topic,
    eventCount: known - pending.size,
    coverage: spanOfKnown(dataset, scope, known, isKnown, asOf, topic?.id),
    threads,
    latest: lastKnown(scope, known, isKnown, opts.latestCount ?? 5),
    newEvents,
    keyQuote: keyQuote(dataset, scope, known, isKnown),
    commitments: commitments.views,
    commitmentCount: commitments.count,
  };
}

function threadState(dataset: Dataset, topic: Topic, asOf: string): ThreadState | undefined {
  let entry: ThreadEntry | undefined;
  for (let i = topic.thread.length - 1; i >= 0 && !entry; i--)
    if ((topic.thread[i] as ThreadEntry).date <= asOf) entry = topic.thread[i];
  const events = dataset.eventsByTopic.get(topic.id) ?? [];
  const latestEvent = lastKnown(
    events,
    countUpTo(dataset, events, asOf),
    (e) => certainByDay(e.date) <= asOf,
    1,
  )[0];
  if (entry && (!latestEvent || entry.date >= sortDay(latestEvent.date))) {
    return {
      topic,
      status: withAttribution(dataset, entry.status, entry.attributedTo),
      ...(entry.attributedTo ? { attributedTo: entry.attributedTo } : {}),
      from: { entry },
      since: entry.date,
      sinceDate: { value: entry.date, precision: 'day', basis: 'thread entry' },
      citations: entry.citations,
      eventIds: entry.events,
    };
  }
  if (latestEvent) {
    return {
      topic,
      status: withAttribution(dataset, latestEvent.summary, latestEvent.attributedTo),
      ...(latestEvent.attributedTo ? { attributedTo: latestEvent.attributedTo } : {}),
      from: { event: latestEvent },
      since: sortDay(latestEvent.date),
      sinceDate: latestEvent.date,
      citations: latestEvent.citations,
      eventIds: [latestEvent.id],
    };
  }
  return undefined;
}

/** The events of `ids` among the first `known` of `scope`, in chronological order. */
function newIn(
  dataset: Dataset,
  scope: readonly Event[],
  known: number,
  topic: Topic | undefined,
  asOf: string,
  ids: ReadonlySet<string>,
): Event[] {
  if (ids.size >= known) return scope.slice(0, known).filter((e) => ids.has(e.id));
  const found: Event[] = [];
  const { eventDay, eventOrder } = dataset;
  for (const id of ids) {
    const e = dataset.eventById.get(id);
    if (!e || (topic && !e.topics.includes(topic.id))) continue;
    if ((eventDay.get(e.id) ?? '') <= asOf) found.push(e);
  }
  return found.sort((a, b) => (eventOrder.get(a.id) ?? 0) - (eventOrder.get(b.id) ?? 0));
}

/** The most recent full quote among the known events (fragments only when nothing else is). */
function keyQuote(
  dataset: Dataset,
  events: readonly Event[],
  known: number,
  isKnown: (e: Event | undefined) => e is Event,
): KeyQuote | undefined {
  for (let i = known - 1; i >= 0; i--) {
    const event = events[i];
    if (!isKnown(event)) continue;
    const quotes = dataset.quotesByEvent.get(event.id) ?? [];
    const best = [...quotes].sort(
      (a, b) =>
        Number(a.fragment) - Number(b.fragment) || b.text.length - a.text.length || a.id.localeCompare(b.id),
    )[0];
    if (best && !best.fragment) return { quote: best, speaker: dataset.actorById.get(best.speaker), event };
  }
  let fragment: Quote | undefined;
  for (let i = known - 1; i >= 0 && !fragment; i--)
    if (isKnown(events[i])) fragment = dataset.quotesByEvent.get(events[i]?.id ?? '')?.at(-1);
  return fragment
    ? {
        quote: fragment,
        speaker: dataset.actorById.get(fragment.speaker),
        event: dataset.eventById.get(fragment.event),
      }
    : undefined;
}

/** The last `count` known events of the first `known` of `events`, newest first. */
function lastKnown(
  events: readonly Event[],
  known: number,
  isKnown: (e: Event) => boolean,
  count: number,
): Event[] {
  const out: Event[] = [];
  for (let i = known - 1; i >= 0 && out.length < count; i--) {
    const e = events[i];
    if (e && isKnown(e)) out.push(e);
  }
  return out;
}

/**
 * The span of the known events, each end as precisely as it is known (dateSpan), read from a few
 * events: the first known one (and those on its day), the last known one whose date is exact, and
 * the known loose ones (only they can have certainly happened after it).
 */
function spanOfKnown(
  dataset: Dataset,
  scope: readonly Event[],
  known: number,
  isKnown: (e: Event | undefined) => e is Event,
  asOf: string,
  topicId: string | undefined,
): Briefing['coverage'] {
  const dates: PartialDate[] = [];
  let firstDay: string | undefined;
  const { eventDay } = dataset;
  for (let i = 0; i < known; i++) {
    const e = scope[i];
    if (!isKnown(e)) continue;
    const day = eventDay.get(e.id);
    if (firstDay !== undefined && day !== firstDay) break;
    firstDay = day;
    dates.push(e.date);
  }
  const loose = looseIndex(dataset);
  for (let i = known - 1; i >= 0; i--) {
    const e = scope[i];
    if (isKnown(e) && !loose.ids.has(e.id)) {
      dates.push(e.date);
      break;
    }
  }
  // Of the loose ones, only the last to be certain can end the span (the others end earlier).
  const lastLoose = loose.lastCertainBy(asOf, topicId);
  if (lastLoose) dates.push(lastLoose);
  return dateSpan(dates);
}

/**
 * The commitments made by `asOf` (within a topic, when given), deadlines first (soonest first),
 * then the rest newest first: the first `limit` as views, and how many there are in all.
 */
export function commitmentViews(
  dataset: Dataset,
  asOf: string,
  topicId?: string,
  limit = Number.POSITIVE_INFINITY,
): { views: CommitmentView[]; count: number } {
  const { list, certainDays } = commitmentsInOrder(dataset);
  const views: CommitmentView[] = [];
  for (const { commitment: c, madeOn, certainBy } of list) {
    if (views.length >= limit) break;
    if (certainBy > asOf) continue;
    if (topicId && !c.topics.includes(topicId)) continue;
    views.push(commitmentView(dataset, c, madeOn, asOf));
  }
  return { views, count: countAtMost(certainDays.get(topicId ?? '') ?? [], asOf) };
}

function commitmentView(dataset: Dataset, c: Commitment, madeOn: string, asOf: string): CommitmentView {
  const text = withAttribution(dataset, c.text, c.attributedTo);
  if (c.status !== 'open')
    return { commitment: c, text, state: c.status, label: msg(`commitment.${c.status}`), madeOn };
  if (!c.due)
    return { commitment: c, text, state: 'no-deadline', label: msg('commitment.noDeadline'), madeOn };
  const { from, to } = c.due;
  const window = { dayRange: [from, to] } as const;
  if (asOf < from)
    return { commitment: c, text, state: 'pending', label: msg('commitment.due', { window }), madeOn };
  if (asOf <= to)
    return { commitment: c, text, state: 'due-now', label: msg('commitment.dueNow', { window }), madeOn };
  return {
    commitment: c,
    text,
    state: 'window-passed',
    label: msg('commitment.windowPassed', { window }),
    madeOn,
  };
}

interface Made {
  commitment: Commitment;
  /** The sort day of the event that made it. */
  madeOn: string;
  /** The day that event had certainly happened: the commitment counts from then. */
  certainBy: string;
}

interface Ordered {
  list: readonly Made[];
  /** Per topic ('' for all): the days from which its commitments count, ascending. */
  certainDays: ReadonlyMap<string, readonly string[]>;
}

const ordered = new WeakMap<Dataset, Ordered>();

/**
 * Every commitment whose event exists, in briefing order (the order depends on no date, so it is
 * sorted once per dataset version): deadlines first (soonest first), then the rest newest first.
 * Days are ISO strings, so comparing them as strings is comparing dates.
 */
function commitmentsInOrder(dataset: Dataset): Ordered {
  const hit = ordered.get(dataset);
  if (hit) return hit;
  const list: Made[] = [];
  const certainDays = new Map<string, string[]>([['', []]]);
  const { eventDay } = dataset;
  for (const c of dataset.commitments) {
    const event = dataset.eventById.get(c.event);
    if (!event) continue;
    const certainBy = certainByDay(event.date);
    list.push({ commitment: c, madeOn: eventDay.get(event.id) ?? sortDay(event.date), certainBy });
    for (const key of ['', ...new Set(c.topics)]) {
      const days = certainDays.get(key) ?? [];
      days.push(certainBy);
      certainDays.set(key, days);
    }
  }
  const order = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  // Ids are lower-case ASCII words and hyphens (schema.ts), whose code-point order is the
  // collation's order in every locale: no ICU collator to set up at start.
  const byId = order;
  list.sort((a, b) => {
    const da = a.commitment.due?.to;
    const db = b.commitment.due?.to;
    if (da && db) return order(da, db);
    if (da) return -1;
    if (db) return 1;
    return order(b.madeOn, a.madeOn) || byId(a.commitment.id, b.commitment.id);
  });
  for (const days of certainDays.values()) days.sort(order);
  const built = { list, certainDays };
  ordered.set(dataset, built);
  return built;
}

/** Arranges what briefings read once per dataset version, so that the first briefing is as fast as the next. */
export function prepareBriefings(dataset: Dataset): void {
  commitmentsInOrder(dataset);
  looseIndex(dataset);
  sortDaysOf(dataset, dataset.events);
  for (const events of dataset.eventsByTopic.values()) sortDaysOf(dataset, events);
}
