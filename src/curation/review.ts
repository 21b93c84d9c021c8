/**
 * A draft under review, PURE: the items a curator decides on (the source, each proposed event, quote
 * and new actor), each decision with who made it and when, and what publishing would add. The state
 * lives in the store (drafts.ts) and every change is a function of the current state, so the store's
 * compare-and-swap can re-run it when two curators click at once and neither change is lost.
 */
import type { Actor, CuratorRef, Event, Quote, Source } from '../domain/schema.ts';
import type { DraftFile, DraftRecords } from '../ingest/draft.ts';
import { CurationError } from './errors.ts';

export type ItemKind = 'source' | 'event' | 'quote' | 'actor';
export type Decision = 'pending' | 'accepted' | 'rejected';
export type Curator = CuratorRef;
export type Origin = 'url' | 'file' | 'paste' | 'feed';

export interface SpeakerCandidate {
  speaker: string;
  rule: string;
  confidence: number;
  evidence: string;
}

interface ItemBase {
  /** Short and stable: `s`, `e1`, `q3`, `a2` (travels in custom_ids). */
  key: string;
  decision: Decision;
  decidedBy?: Curator | undefined;
  decidedAt?: string | undefined;
  /** Bumped by every edit: an edit form opened at an older revision is refused, not applied. */
  rev: number;
  editedBy?: Curator | undefined;
  editedAt?: string | undefined;
  /** What the ingest is unsure of, first thing a curator should check. */
  unsure: UnsureNote[];
}

/**
 * Something for a curator to check first: as data when the review finds it (render/curate.ts words
 * it in the reader's language), as text when it is the ingest's own note (its analysis, in English).
 */
export type UnsureNote =
  | string
  | { code: 'dated-by-publication' }
  | { code: 'approximate-date' }
  | { code: 'no-actor' }
  | { code: 'low-confidence'; confidence: number }
  | { code: 'speaker-unknown' }
  | { code: 'speaker-confidence'; confidence: number }
  | { code: 'no-event' }
  | { code: 'new-actor'; kind: Actor['kind']; basis?: string | undefined };

/** Whether an ingest note says what a review note says already ("speaker unknown — check …"). */
function covers(note: UnsureNote, text: string): boolean {
  if (typeof note === 'string') return text.startsWith(note);
  if (note.code === 'speaker-unknown') return text.startsWith('speaker unknown');
  if (note.code === 'no-event') return text.startsWith('no event');
  return false;
}

/** Notes about the speaker, dropped once a curator chooses one. */
const aboutSpeaker = (note: UnsureNote) =>
  typeof note === 'string' ? /speaker/.test(note) : note.code.startsWith('speaker-');

export type ReviewItem =
  | (ItemBase & { kind: 'source'; record: Source })
  | (ItemBase & { kind: 'event'; record: Event })
  | (ItemBase & { kind: 'quote'; record: Quote; candidates: SpeakerCandidate[] })
  | (ItemBase & { kind: 'actor'; record: Actor });

export type RecordOf<K extends ItemKind> = Extract<ReviewItem, { kind: K }>['record'];

export interface ReviewProblem {
  /** The item it is about (absent: the draft as a whole). */
  item?: string | undefined;
  field?: string | undefined;
  /** In English (logs, the data checks' own words). */
  message: string;
  /** The problem as data, worded in the curator's language (absent: a data check's `message`). */
  note?: ReviewNote | undefined;
}

/** A problem the review itself finds, as data (render/curate.ts words it). */
export type ReviewNote =
  | { code: 'undecided' }
  | { code: 'no-actor' }
  | { code: 'not-chosen'; field: string }
  | { code: 'needs-words'; field: string }
  | {
      code: 'depends';
      what: 'actor' | 'speaker' | 'event';
      other: string;
      label: string;
      rejected: boolean;
      kind: 'event' | 'quote';
    }
  | { code: 'text-gone' }
  | { code: 'failed' };

export type ReviewStatus = 'open' | 'publishing' | 'published' | 'discarded';

export interface ReviewState {
  id: string;
  guildId: string;
  status: ReviewStatus;
  /** Bumped by every change. */
  version: number;
  createdBy: Curator;
  createdAt: string;
  origin: { kind: Origin; url?: string | undefined; name?: string | undefined; feedId?: string | undefined };
  /** The publication day and how it was established ("JSON-LD datePublished", "given by the curator"). */
  published: string;
  publishedFrom: string;
  stats: { paragraphs: number; words: number; furniture: number; otherNames: number };
  /** Where the review is shown. */
  channelId: string;
  threadId?: string | undefined;
  summaryMessageId?: string | undefined;
  pages: { messageId: string; keys: string[] }[];
  items: ReviewItem[];
  /** Set while one process publishes (a lease: another may take over after `until`). */
  publishing?: { by: Curator; at: string; until: string; owner: string } | undefined;
  /** The last publish that failed, with every problem. */
  lastPublish?: { at: string; by: Curator; problems: ReviewProblem[] } | undefined;
  outcome?:
    | {
        at: string;
        by: Curator;
        sourceId: string;
        label: string;
        added: { events: string[]; quotes: string[]; actors: string[] };
        versionBefore: string;
        versionAfter: string;
      }
    | undefined;
  discarded?: { at: string; by: Curator } | undefined;
  /**
   * The language code of the messages every curator shares (summary, item pages, thread notes): the
   * submitting curator's, or for a feed the language of whoever added it. Absent (older reviews): English.
   */
  language?: string | undefined;
}

/**
 * How the publication day was established, as ReviewState.publishedFrom records it (English: it
 * also becomes the date basis written to the dataset). render/curate.ts words these per language.
 */
export const PUBLISHED_FROM = {
  curator: 'given by the curator',
  feed: 'the feed item’s date',
  /** Followed by the page's metadata name: "the page's JSON-LD datePublished". */
  pagePrefix: "the page's ",
} as const;

const TODO = 'TODO';
/** Below this the review lists a chosen speaker as "unsure". */
const SURE_SPEAKER = 0.8;

export interface NewReview {
  id: string;
  guildId: string;
  channelId: string;
  createdBy: Curator;
  createdAt: string;
  origin: ReviewState['origin'];
  publishedFrom: string;
  words: number;
  language?: string | undefined;
}

/** The review of a fresh ingest draft: every proposal pending, the source first. */
export function reviewFromDraft(draft: DraftFile, init: NewReview): ReviewState {
  const r = draft.records;
  const review = draft.review;
  const source = r.sources[0];
  if (!source) throw new Error('an ingest draft always proposes its source');
  const base = { decision: 'pending' as const, rev: 0 };
  const items: ReviewItem[] = [{ ...base, key: 's', kind: 'source', record: source, unsure: [] }];
  r.events.forEach((event, i) => {
    const info = review.events[event.id];
    const unsure: UnsureNote[] = [];
    if (info && info.datedBy === undefined) unsure.push({ code: 'dated-by-publication' });
    if (event.date.approximate) unsure.push({ code: 'approximate-date' });
    if (event.actors.some((a) => a.actor.startsWith('todo-'))) unsure.push({ code: 'no-actor' });
    if (info && info.confidence < 0.6) unsure.push({ code: 'low-confidence', confidence: info.confidence });
    for (const note of info?.notes ?? []) if (!unsure.includes(note)) unsure.push(note);
    items.push({ ...base, key: `e${i + 1}`, kind: 'event', record: event, unsure });
  });
  r.quotes.forEach((quote, i) => {
    const info = review.quotes[quote.id];
    const unsure: UnsureNote[] = [];
    if (quote.speaker.startsWith('todo-')) unsure.push({ code: 'speaker-unknown' });
    else if (info && info.confidence < SURE_SPEAKER)
      unsure.push({ code: 'speaker-confidence', confidence: info.confidence });
    if (quote.event.startsWith('todo-')) unsure.push({ code: 'no-event' });
    for (const flag of info?.flags ?? []) if (!unsure.some((u) => covers(u, flag))) unsure.push(flag);
    items.push({
      ...base,
      key: `q${i + 1}`,
      kind: 'quote',
      record: quote,
      candidates: info?.candidates ?? [],
      unsure,
    });
  });
  r.actors.forEach((actor, i) => {
    const info = review.actors[actor.id];
    items.push({
      ...base,
      key: `a${i + 1}`,
      kind: 'actor',
      record: actor,
      unsure: [{ code: 'new-actor', kind: actor.kind, ...(info ? { basis: info.basis } : {}) }],
    });
  });
  return {
    id: init.id,
    guildId: init.guildId,
    status: 'open',
    version: 1,
    createdBy: init.createdBy,
    createdAt: init.createdAt,
    origin: init.origin,
    published: review.published,
    publishedFrom: init.publishedFrom,
    stats: {
      paragraphs: review.paragraphs.length,
      words: init.words,
      furniture: review.paragraphs.filter((p) => p.furniture).length,
      otherNames: review.otherNames.length,
    },
    channelId: init.channelId,
    pages: [],
    items,
    ...(init.language ? { language: init.language } : {}),
  };
}

export function findItem(state: ReviewState, key: string): ReviewItem {
  const item = state.items.find((i) => i.key === key);
  if (!item) throw new CurationError({ code: 'no-such-item', draftId: state.id, item: key });
  return item;
}

function requireOpen(state: ReviewState): void {
  if (state.status !== 'open')
    throw new CurationError({ code: 'draft-closed', draftId: state.id, status: state.status });
}

function withItem(state: ReviewState, key: string, change: (item: ReviewItem) => ReviewItem): ReviewState {
  requireOpen(state);
  const current = findItem(state, key);
  return {
    ...state,
    version: state.version + 1,
    items: state.items.map((i) => (i === current ? change(i) : i)),
  };
}

/** Accept or reject one item (the source can only be accepted: discard the draft to drop it). */
export function decide(state: ReviewState, key: string, decision: Decision, by: Curator, at: string) {
  const item = findItem(state, key);
  if (item.kind === 'source' && decision === 'rejected')
    throw new CurationError({
      code: 'edit-invalid',
      field: 'source',
      message: 'the source cannot be rejected on its own: use Discard to drop the whole draft',
      detail: { why: 'source-reject' },
    });
  return withItem(state, key, (i) => ({ ...i, decision, decidedBy: by, decidedAt: at }));
}

/**
 * Replaces fields of an item's record. `rev` is the revision the form was opened at: when someone
 * edited the item since, nothing is written and the caller gets an edit-conflict to show.
 */
export function editItem<K extends ItemKind>(
  state: ReviewState,
  key: string,
  kind: K,
  rev: number,
  patch: Partial<RecordOf<K>>,
  by: Curator,
  at: string,
): ReviewState {
  const item = findItem(state, key);
  if (item.kind !== kind) throw new CurationError({ code: 'no-such-item', draftId: state.id, item: key });
  if (item.rev !== rev)
    throw new CurationError({
      code: 'edit-conflict',
      item: key,
      by: item.editedBy?.name ?? 'another curator',
    });
  return withItem(
    state,
    key,
    (i) =>
      ({
        ...i,
        record: { ...i.record, ...patch },
        rev: i.rev + 1,
        editedBy: by,
        editedAt: at,
        unsure: i.unsure.filter((u) => !(kind === 'quote' && 'speaker' in patch && aboutSpeaker(u))),
      }) as ReviewItem,
  );
}

/** Fields of an item still holding the ingest's TODO placeholder (they need the curator's words). */
export function needsWords(item: ReviewItem): string[] {
  const r = item.record as unknown as Record<string, unknown>;
  const fields: string[] = [];
  for (const [field, value] of Object.entries(r))
    if (typeof value === 'string' && (value.includes(TODO) || /^todo-/.test(value))) fields.push(field);
  if (item.kind === 'event' && item.record.actors.some((a) => a.actor.startsWith('todo-')))
    fields.push('actors');
  return fields;
}

/** Ingest's proposed wording a curator should rewrite (titles are generated, not the curator's). */
export function proposedByIngest(item: ReviewItem): string[] {
  return item.kind === 'event' && item.rev === 0 ? ['title'] : [];
}

export function itemLabel(item: ReviewItem): string {
  switch (item.kind) {
    case 'source':
      return item.record.title;
    case 'event':
      return item.record.title;
    case 'quote':
      return `quote by ${item.record.speaker} (¶${item.record.citation.paragraph})`;
    case 'actor':
      return item.record.name;
  }
}

export function counts(state: ReviewState): Record<Decision, number> & { total: number } {
  const out = { pending: 0, accepted: 0, rejected: 0, total: 0 };
  for (const i of state.items) {
    out[i.decision]++;
    out.total++;
  }
  return out;
}

/** What still stands between the review and a publish, item by item (before any data check). */
export function reviewProblems(state: ReviewState): ReviewProblem[] {
  const problems: ReviewProblem[] = [];
  const byRecordId = new Map(state.items.map((i) => [i.record.id, i]));
  for (const item of state.items) {
    if (item.decision === 'pending') {
      problems.push({
        item: item.key,
        message: 'not decided yet: Accept or Reject it',
        note: { code: 'undecided' },
      });
      continue;
    }
    if (item.decision !== 'accepted') continue;
    for (const field of needsWords(item)) {
      const note: ReviewNote =
        field === 'actors'
          ? { code: 'no-actor' }
          : /^todo-/.test(String((item.record as unknown as Record<string, unknown>)[field]))
            ? { code: 'not-chosen', field }
            : { code: 'needs-words', field };
      problems.push({
        item: item.key,
        field,
        message:
          note.code === 'no-actor'
            ? 'no actor was found for this event: reject it (add it by hand later)'
            : note.code === 'not-chosen'
              ? `${field} is not chosen yet: Edit it`
              : `${field} still needs your own words: Edit it`,
        note,
      });
    }
    const needed: { id: string; what: 'actor' | 'speaker' | 'event' }[] = [];
    if (item.kind === 'event')
      for (const a of item.record.actors) needed.push({ id: a.actor, what: 'actor' });
    if (item.kind === 'quote') {
      needed.push({ id: item.record.speaker, what: 'speaker' });
      needed.push({ id: item.record.event, what: 'event' });
    }
    for (const { id, what } of needed) {
      const other = byRecordId.get(id);
      if (other && other.decision !== 'accepted' && (item.kind === 'event' || item.kind === 'quote'))
        problems.push({
          item: item.key,
          field: what,
          message: `its ${what} ${other.key} (${itemLabel(other)}) is ${other.decision === 'rejected' ? 'rejected' : 'not accepted'}: accept it too, or change this ${item.kind}`,
          note: {
            code: 'depends',
            what,
            other: other.key,
            label: itemLabel(other),
            rejected: other.decision === 'rejected',
            kind: item.kind,
          },
        });
    }
  }
  return problems;
}

export interface PublishRecords {
  records: DraftRecords;
  /** `records.events[0]` → the item key, to point data-check problems at the item. */
  itemOf: Map<string, string>;
}

/**
 * The records a publish adds: the source with its provenance, and every accepted item with who
 * accepted it. Rejected proposals are named in the source's provenance, in our words.
 */
export function recordsForPublish(state: ReviewState, by: Curator, at: string): PublishRecords {
  const itemOf = new Map<string, string>();
  const accepted = state.items.filter((i) => i.decision === 'accepted');
  const reviewed = (i: ReviewItem) => ({
    by: i.decidedBy ?? by,
    at: i.decidedAt ?? at,
    draft: state.id,
  });
  const sourceItem = state.items.find((i) => i.kind === 'source');
  if (sourceItem?.kind !== 'source') throw new Error('a review always has its source');
  const rejected = state.items
    .filter((i) => i.decision === 'rejected' && i.kind !== 'source')
    .map((i) => ({
      kind: i.kind as 'event' | 'quote' | 'actor',
      id: i.record.id,
      label: itemLabel(i).slice(0, 200),
      by: i.decidedBy ?? by,
      at: i.decidedAt ?? at,
    }));
  const source: Source = {
    ...sourceItem.record,
    file: `${sourceItem.record.id}.txt`,
    ...(state.origin.url ? { url: state.origin.url } : {}),
    curation: { publishedBy: by, publishedAt: at, draft: state.id, via: state.origin.kind, rejected },
  };
  itemOf.set('sources[0]', sourceItem.key);
  const pick = <K extends 'event' | 'quote' | 'actor'>(kind: K, field: string) =>
    accepted
      .filter((i) => i.kind === kind)
      .map((i, n) => {
        itemOf.set(`${field}[${n}]`, i.key);
        return { ...i.record, reviewed: reviewed(i) } as RecordOf<K>;
      });
  const events = pick('event', 'events') as Event[];
  const acceptedEvents = new Set(events.map((e) => e.id));
  const quotes = pick('quote', 'quotes') as Quote[];
  // A quote's speaker took part in its event: added as a speaker when the event does not name them.
  const speakersOf = new Map<string, string[]>();
  for (const q of quotes) speakersOf.set(q.event, [...(speakersOf.get(q.event) ?? []), q.speaker]);
  // Relations to proposals that were turned down are dropped rather than left dangling.
  const cleanEvents = events.map((e) => ({
    ...e,
    actors: [
      ...e.actors,
      ...[...new Set(speakersOf.get(e.id) ?? [])]
        .filter((speaker) => !e.actors.some((a) => a.actor === speaker))
        .map((actor) => ({ actor, role: 'speaker' as const })),
    ],
    related: e.related.filter(
      (r) => acceptedEvents.has(r.event) || !state.items.some((i) => i.record.id === r.event),
    ),
  }));
  return {
    records: {
      sources: [source],
      actors: pick('actor', 'actors') as Actor[],
      topics: [],
      events: cleanEvents,
      quotes,
      commitments: [],
    },
    itemOf,
  };
}
