import { withAttribution } from './attribution.ts';
import { certainByDay, dateSpan, formatDay, sortDay } from './dates.ts';
import { type Dataset, eventsUpTo } from './model.ts';
import type { Actor, Citation, Commitment, Event, PartialDate, Quote, Topic } from './schema.ts';

export interface ThreadState {
  topic: Topic;
  /**
   * Our own words; curated thread status, else the latest event's summary. A claim the source
   * reports as someone's account comes as theirs ("According to X: …"), never as fact.
   */
  status: string;
  /** Whose account the status is, when it is someone's. */
  attributedTo?: string;
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
  const events = eventsUpTo(
    dataset,
    topic ? (dataset.eventsByTopic.get(topic.id) ?? []) : dataset.events,
    asOf,
  );

  const topics = topic ? [topic] : dataset.topics;
  const threads = topics.flatMap((t) => {
    const state = threadState(dataset, t, asOf);
    return state ? [state] : [];
  });
  threads.sort((a, b) =>
    a.since === b.since ? a.topic.label.localeCompare(b.topic.label) : a.since < b.since ? 1 : -1,
  );

  const commitments = commitmentViews(dataset, asOf, topic?.id);
  const newEvents = opts.newEventIds ? events.filter((e) => opts.newEventIds?.has(e.id)) : [];

  return {
    asOf,
    topic,
    eventCount: events.length,
    coverage: dateSpan(events.map((e) => e.date)),
    threads,
    latest: events.slice(-(opts.latestCount ?? 5)).reverse(),
    newEvents,
    keyQuote: keyQuote(dataset, events),
    commitments: commitments.slice(0, opts.commitmentLimit ?? 8),
    commitmentCount: commitments.length,
  };
}

function threadState(dataset: Dataset, topic: Topic, asOf: string): ThreadState | undefined {
  const entry = topic.thread.filter((t) => t.date <= asOf).at(-1);
  const latestEvent = eventsUpTo(dataset, dataset.eventsByTopic.get(topic.id) ?? [], asOf).at(-1);
  if (entry && (!latestEvent || entry.date >= sortDay(latestEvent.date))) {
    return {
      topic,
      status: withAttribution(dataset, entry.status, entry.attributedTo),
      ...(entry.attributedTo ? { attributedTo: entry.attributedTo } : {}),
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
      since: sortDay(latestEvent.date),
      sinceDate: latestEvent.date,
      citations: latestEvent.citations,
      eventIds: [latestEvent.id],
    };
  }
  return undefined;
}

/** The most recent full quote in scope (fragments only when nothing else is available). */
function keyQuote(dataset: Dataset, events: readonly Event[]): KeyQuote | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i];
    if (!event) continue;
    const quotes = dataset.quotesByEvent.get(event.id) ?? [];
    const best = [...quotes].sort(
      (a, b) =>
        Number(a.fragment) - Number(b.fragment) || b.text.length - a.text.length || a.id.localeCompare(b.id),
    )[0];
    if (best && !best.fragment) return { quote: best, speaker: dataset.actorById.get(best.speaker), event };
  }
  const fragment = events.flatMap((e) => dataset.quotesByEvent.get(e.id) ?? []).at(-1);
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

export function commitmentViews(dataset: Dataset, asOf: string, topicId?: string): CommitmentView[] {
  const views: CommitmentView[] = [];
  for (const c of dataset.commitments) {
    const event = dataset.eventById.get(c.event);
    if (!event) continue;
    const madeOn = dataset.eventDay.get(event.id) ?? sortDay(event.date);
    if (certainByDay(event.date) > asOf) continue;
    if (topicId && !c.topics.includes(topicId)) continue;
    const text = withAttribution(dataset, c.text, c.attributedTo);
    if (c.status !== 'open') {
      views.push({ commitment: c, text, state: c.status, label: c.status, madeOn });
      continue;
    }
    if (!c.due) {
      views.push({ commitment: c, text, state: 'no-deadline', label: 'no deadline given', madeOn });
      continue;
    }
    const window = formatDueWindow(c.due);
    if (asOf < c.due.from)
      views.push({ commitment: c, text, state: 'pending', label: `due ${window}`, madeOn });
    else if (asOf <= c.due.to)
      views.push({ commitment: c, text, state: 'due-now', label: `due now (${window})`, madeOn });
    else
      views.push({
        commitment: c,
        text,
        state: 'window-passed',
        label: `was due ${window}; no source in the dataset reports the outcome`,
        madeOn,
      });
  }
  // Deadlines first (soonest first), then the rest newest first.
  return views.sort((a, b) => {
    const da = a.commitment.due?.to;
    const db = b.commitment.due?.to;
    if (da && db) return da.localeCompare(db);
    if (da) return -1;
    if (db) return 1;
    return b.madeOn.localeCompare(a.madeOn) || a.commitment.id.localeCompare(b.commitment.id);
  });
}
