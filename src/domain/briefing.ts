import { withAttribution } from './attribution.ts';
import { formatDay, sortDay } from './dates.ts';
import { countUpTo, type Dataset } from './model.ts';
import type { Actor, Citation, Commitment, Event, Quote, Topic } from './schema.ts';

export interface ThreadState {
  topic: Topic;
  /**
   * Our own words; curated thread status, else the latest event's summary. A claim the source
   * reports as someone's account comes as theirs ("According to X: …"), never as fact.
   */
  status: string;
  /** Whose account the status is, when it is someone's. */
  attributedTo?: string;
  /** The day this state of play dates from. */
  since: string;
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
  label: string;
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
  coverage: { first: string; last: string } | undefined;
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
  // The events known as of the date are a prefix of the chronological list: its length, no copy.
  const scope = topic ? (dataset.eventsByTopic.get(topic.id) ?? []) : dataset.events;
  const known = countUpTo(dataset, scope, asOf);
  const first = known > 0 ? scope[0] : undefined;
  const last = known > 0 ? scope[known - 1] : undefined;

  const topics = topic ? [topic] : dataset.topics;
  const threads = topics.flatMap((t) => {
    const state = threadState(dataset, t, asOf);
    return state ? [state] : [];
  });
  threads.sort((a, b) =>
    a.since === b.since ? a.topic.label.localeCompare(b.topic.label) : a.since < b.since ? 1 : -1,
  );

  const commitments = commitmentViews(dataset, asOf, topic?.id, opts.commitmentLimit ?? 8);
  const newEvents = opts.newEventIds ? newIn(dataset, scope, known, topic, asOf, opts.newEventIds) : [];

  return {
    asOf,
    topic,
    eventCount: known,
    coverage: first && last ? { first: sortDay(first.date), last: sortDay(last.date) } : undefined,
    threads,
    latest: scope.slice(Math.max(0, known - (opts.latestCount ?? 5)), known).reverse(),
    newEvents,
    keyQuote: keyQuote(dataset, scope, known),
    commitments: commitments.views,
    commitmentCount: commitments.count,
  };
}

function threadState(dataset: Dataset, topic: Topic, asOf: string): ThreadState | undefined {
  const entry = topic.thread.filter((t) => t.date <= asOf).at(-1);
  const events = dataset.eventsByTopic.get(topic.id) ?? [];
  const latestEvent = events[countUpTo(dataset, events, asOf) - 1];
  if (entry && (!latestEvent || entry.date >= sortDay(latestEvent.date))) {
    return {
      topic,
      status: withAttribution(dataset, entry.status, entry.attributedTo),
      ...(entry.attributedTo ? { attributedTo: entry.attributedTo } : {}),
      since: entry.date,
      citations: entry.citations,
      eventIds: entry.events,
    };
  }
  if (latestEvent) {
    return {
      topic,
      status: withAttribution(dataset, latestEvent.summary, latestEvent.attributedTo),
      ...(latestEvent.attributedTo ? { attributedTo: latestEvent.attributedTo } : {}),
      since: sortDay(latestEvent.date),
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
  for (const id of ids) {
    const e = dataset.eventById.get(id);
    if (!e || (topic && !e.topics.includes(topic.id))) continue;
    if ((dataset.eventDay.get(e.id) ?? '') <= asOf) found.push(e);
  }
  return found.sort((a, b) => (dataset.eventOrder.get(a.id) ?? 0) - (dataset.eventOrder.get(b.id) ?? 0));
}

/** The most recent full quote among the first `known` events (fragments only when nothing else is). */
function keyQuote(dataset: Dataset, events: readonly Event[], known: number): KeyQuote | undefined {
  for (let i = known - 1; i >= 0; i--) {
    const event = events[i];
    if (!event) continue;
    const quotes = dataset.quotesByEvent.get(event.id) ?? [];
    const best = [...quotes].sort(
      (a, b) =>
        Number(a.fragment) - Number(b.fragment) || b.text.length - a.text.length || a.id.localeCompare(b.id),
    )[0];
    if (best && !best.fragment) return { quote: best, speaker: dataset.actorById.get(best.speaker), event };
  }
  let fragment: Quote | undefined;
  for (let i = known - 1; i >= 0 && !fragment; i--)
    fragment = dataset.quotesByEvent.get(events[i]?.id ?? '')?.at(-1);
  return fragment
    ? {
        quote: fragment,
        speaker: dataset.actorById.get(fragment.speaker),
        event: dataset.eventById.get(fragment.event),
      }
    : undefined;
}

export function formatDueWindow(due: { from: string; to: string }): string {
  if (due.from === due.to) return formatDay(due.from);
  const [fy, fm] = due.from.split('-');
  const [ty, tm] = due.to.split('-');
  if (fy === ty && fm === tm) return `${Number(due.from.slice(8))}–${formatDay(due.to)}`;
  return `${formatDay(due.from)} – ${formatDay(due.to)}`;
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
  const views: CommitmentView[] = [];
  let count = 0;
  for (const { commitment: c, madeOn } of commitmentsInOrder(dataset)) {
    if (madeOn > asOf) continue;
    if (topicId && !c.topics.includes(topicId)) continue;
    count++;
    if (views.length < limit) views.push(commitmentView(dataset, c, madeOn, asOf));
  }
  return { views, count };
}

function commitmentView(dataset: Dataset, c: Commitment, madeOn: string, asOf: string): CommitmentView {
  const text = withAttribution(dataset, c.text, c.attributedTo);
  if (c.status !== 'open') return { commitment: c, text, state: c.status, label: c.status, madeOn };
  if (!c.due) return { commitment: c, text, state: 'no-deadline', label: 'no deadline given', madeOn };
  const window = formatDueWindow(c.due);
  if (asOf < c.due.from) return { commitment: c, text, state: 'pending', label: `due ${window}`, madeOn };
  if (asOf <= c.due.to)
    return { commitment: c, text, state: 'due-now', label: `due now (${window})`, madeOn };
  return {
    commitment: c,
    text,
    state: 'window-passed',
    label: `was due ${window}; no source in the dataset reports the outcome`,
    madeOn,
  };
}

const ordered = new WeakMap<Dataset, readonly { commitment: Commitment; madeOn: string }[]>();

/**
 * Every commitment whose event exists, in briefing order (the order depends on no date, so it is
 * sorted once per dataset version): deadlines first (soonest first), then the rest newest first.
 * Days are ISO strings, so comparing them as strings is comparing dates.
 */
function commitmentsInOrder(dataset: Dataset): readonly { commitment: Commitment; madeOn: string }[] {
  const hit = ordered.get(dataset);
  if (hit) return hit;
  const list: { commitment: Commitment; madeOn: string }[] = [];
  for (const c of dataset.commitments) {
    const event = dataset.eventById.get(c.event);
    if (event) list.push({ commitment: c, madeOn: dataset.eventDay.get(event.id) ?? sortDay(event.date) });
  }
  const order = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  list.sort((a, b) => {
    const da = a.commitment.due?.to;
    const db = b.commitment.due?.to;
    if (da && db) return order(da, db);
    if (da) return -1;
    if (db) return 1;
    return order(b.madeOn, a.madeOn) || a.commitment.id.localeCompare(b.commitment.id);
  });
  ordered.set(dataset, list);
  return list;
}
