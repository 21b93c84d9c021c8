import { withAttribution } from './attribution.ts';
import { formatPartialDate, MONTH_NAMES } from './dates.ts';
import type { Dataset, IndexedLists } from './model.ts';
import {
  buildRankedIndex,
  type QueryOptions,
  type QueryTerm,
  RankedIndex,
  type RankedIndexParts,
} from './ranked-index.ts';
import type { Actor, Citation, Event, Quote, Topic } from './schema.ts';
import { hasInitials, searchFuzzyBudget, tokenize } from './text.ts';

export type SearchKind = 'event' | 'quote' | 'actor' | 'topic';

export interface SearchHit {
  kind: SearchKind;
  id: string;
  title: string;
  /** Date label for events and quotes. */
  date?: string;
  snippet: string;
  citations: Citation[];
  score: number;
  /**
   * Index terms that matched (exact, prefix or typo expansions of the query words), for
   * highlighting; worked out when first read.
   */
  readonly terms: string[];
}

export interface SearchOptions {
  kinds?: readonly SearchKind[];
  limit?: number;
  requireAll?: boolean;
}

export interface SearchIndex {
  /** Ranked hits, best first; the same query on the same dataset is answered from a cache. */
  search(query: string, opts?: SearchOptions): SearchHit[];
  /** Event ids and titles for autocomplete, ranked. */
  suggestEvents(query: string, limit?: number): { id: string; title: string }[];
  /** The index arrays, for the dataset snapshot. */
  readonly parts: RankedIndexParts;
}

/**
 * One index serves search and autocomplete. Documents are the events, then the quotes, actors
 * and topics of the dataset, in its order. Fields 0–3 are searched by /search (as MiniSearch's main
 * index had them); fields 4–5 exist on events only and serve event autocomplete (as its separate
 * title index had them: title words plus id words, and place), with their own document count and
 * average length, so both rank as before.
 */
const FIELD = { title: 0, body: 1, people: 2, tags: 3, label: 4, where: 5 } as const;
const SEARCH_FIELDS = [
  { field: FIELD.title, boost: 3 },
  { field: FIELD.body, boost: 1 },
  { field: FIELD.people, boost: 2 },
  { field: FIELD.tags, boost: 1.5 },
];
const SUGGEST_FIELDS = [
  { field: FIELD.label, boost: 2 },
  { field: FIELD.where, boost: 1 },
];
const KIND_CODE: Record<SearchKind, number> = { event: 0, quote: 1, actor: 2, topic: 3 };
const CACHE_SIZE = 256;
const SUGGEST_CACHE = 512;

/** Builds the index arrays of a dataset (the expensive part: tokenizing every field). */
export function buildSearchParts(dataset: IndexedLists): RankedIndexParts {
  const { events, quotes, actors, topics } = dataset;
  // Names and topic labels recur in many documents: tokenized once each.
  const nameTokens = new Map(actors.map((a) => [a.id, tokenize([a.name, ...a.aliases].join(' '))]));
  const labelTokens = new Map(topics.map((t) => [t.id, tokenize([t.label, ...t.keywords].join(' '))]));
  // Joining texts joins their words unless the joined text has dotted initials (see hasInitials).
  const nameText = new Map(actors.map((a) => [a.id, [a.name, ...a.aliases].join(' ')]));
  const labelText = new Map(topics.map((t) => [t.id, [t.label, ...t.keywords].join(' ')]));
  const joined = (
    ids: readonly string[],
    texts: ReadonlyMap<string, string>,
    cached: ReadonlyMap<string, readonly string[]>,
  ): readonly string[] => {
    if (ids.length === 1) return cached.get(ids[0] as string) ?? [];
    let dots = false;
    for (const id of ids) if (texts.get(id)?.includes('.')) dots = true;
    if (dots) {
      const text = ids.flatMap((id) => texts.get(id) ?? []).join(' ');
      if (hasInitials(text)) return tokenize(text);
    }
    const out: string[] = [];
    for (const id of ids) for (const w of cached.get(id) ?? []) out.push(w);
    return out;
  };
  // Many events share a date: each date's words are written out (through Intl) once.
  const dateText = new Map<string, string>();
  const wordsOfDate = (date: Dataset['events'][number]['date']): string => {
    const key = JSON.stringify(date);
    let text = dateText.get(key);
    if (text === undefined) {
      text = dateWords(date);
      dateText.set(key, text);
    }
    return text;
  };
  const names = (ids: readonly string[]) => joined(ids, nameText, nameTokens);
  const labels = (ids: readonly string[]) => joined(ids, labelText, labelTokens);
  const E = events.length;
  const Q = quotes.length;
  const A = actors.length;
  let titleOf = -1;
  let title: string[] = [];
  const tokens = (doc: number, field: number): readonly string[] => {
    if (doc < E) {
      const e = events[doc];
      if (!e) return [];
      switch (field) {
        case FIELD.title:
          titleOf = doc;
          title = tokenize(e.title);
          return title;
        case FIELD.body:
          return tokenize(`${e.summary} ${e.location ?? ''} ${e.kind} ${wordsOfDate(e.date)}`);
        case FIELD.people:
          return e.actors.length === 1
            ? names([e.actors[0]?.actor ?? ''])
            : names(e.actors.map((a) => a.actor));
        case FIELD.tags:
          return labels(e.topics);
        case FIELD.label: {
          const slug = e.id.replace(/-/g, ' ');
          // Ids have no dots: only the title can bring initials (and then the whole text is re-read).
          if (e.title.includes('.') && hasInitials(`${e.title} ${slug}`))
            return tokenize(`${e.title} ${slug}`);
          return [...(titleOf === doc ? title : tokenize(e.title)), ...tokenize(slug)];
        }
        default:
          return e.location ? tokenize(e.location) : [];
      }
    }
    if (doc < E + Q) {
      const q = quotes[doc - E];
      if (!q) return [];
      return field === FIELD.title
        ? tokenize(q.text)
        : field === FIELD.body
          ? tokenize(q.context)
          : field === FIELD.people
            ? names([q.speaker])
            : labels(q.topics);
    }
    if (doc < E + Q + A) {
      const a = actors[doc - E - Q];
      if (!a) return [];
      return field === FIELD.title
        ? (nameTokens.get(a.id) ?? [])
        : field === FIELD.body
          ? tokenize(`${a.description} ${a.roles.map((r) => r.title).join(' ')}`)
          : [];
    }
    const t = topics[doc - E - Q - A];
    if (!t) return [];
    return field === FIELD.title
      ? tokenize(t.label)
      : field === FIELD.body
        ? tokenize(`${t.description} ${t.thread.map((x) => x.status).join(' ')}`)
        : field === FIELD.tags
          ? tokenize(t.keywords.join(' '))
          : [];
  };
  const D = E + Q + A + topics.length;
  return buildRankedIndex({
    docCount: D,
    fields: [{ docs: D }, { docs: D }, { docs: D }, { docs: D }, { docs: E }, { docs: E }],
    tokens,
    stopWords: STOP_WORDS,
  });
}

/** The full-text index over a dataset: BM25 ranking, prefix and typo-tolerant matching, top-k. */
export function buildSearchIndex(dataset: Dataset, prebuilt?: RankedIndexParts): SearchIndex {
  const parts = prebuilt ?? buildSearchParts(dataset);
  const { events, quotes, actors, topics } = dataset;
  const E = events.length;
  const Q = quotes.length;
  const A = actors.length;
  const D = E + Q + A + topics.length;
  if (parts.docCount !== D) throw new Error(`search index has ${parts.docCount} documents, dataset ${D}`);
  const index = new RankedIndex(parts);
  const idOf = (doc: number): string | undefined =>
    (doc < E
      ? events[doc]
      : doc < E + Q
        ? quotes[doc - E]
        : doc < E + Q + A
          ? actors[doc - E - Q]
          : topics[doc - E - Q - A]
    )?.id;
  const kindBounds = [0, E, E + Q, E + Q + A, D];

  const source: HitSource = { dataset, index, E, Q, A };

  /** The query words as MiniSearch saw them: tokenized, stop words dropped. */
  const wordsOf = (query: string) => tokenize(query).filter((t) => !STOP_WORDS.has(t));
  const cache = new Map<string, Found>();
  /**
   * Event autocomplete answers by (limit, text typed), least recently used out first: each keystroke
   * is an interaction, and people type the same beginnings (at 100k events 0.3–0.6 ms each).
   */
  const suggested = new Map<string, { id: string; title: string }[]>();

  const kindFilter = (kinds: readonly SearchKind[] | undefined): ((doc: number) => boolean) | undefined => {
    if (!kinds || kinds.length >= 4) return undefined;
    const ranges = kinds.map(
      (k) => [kindBounds[KIND_CODE[k]] ?? 0, kindBounds[KIND_CODE[k] + 1] ?? 0] as const,
    );
    const [only] = ranges;
    if (ranges.length === 1 && only) {
      const [lo, hi] = only;
      return (doc) => doc >= lo && doc < hi;
    }
    return (doc) => ranges.some(([lo, hi]) => doc >= lo && doc < hi);
  };

  const run = (words: readonly string[], opts: SearchOptions): Found => {
    const limit = opts.limit ?? 50;
    const accept = kindFilter(opts.kinds);
    const last = words.at(-1);
    const withDefaults = (w: string): QueryTerm => ({
      term: w,
      prefix: w.length >= 3,
      fuzzy: searchFuzzyBudget(w),
    });
    // One literal shape for every query's options.
    const and: QueryOptions = { fields: SEARCH_FIELDS, combine: 'and', limit, accept };
    // Exact words first (the last one may be a prefix); typo tolerance only when that finds little,
    // and any-word matching only when nothing matches every word.
    let asked: QueryTerm[] = words.map((w) => ({ term: w, prefix: w === last && w.length >= 3, fuzzy: 0 }));
    let result = index.query(asked, and);
    if (result.total < 5) {
      const tolerant = words.map(withDefaults);
      const more = index.query(tolerant, and);
      if (more.total > result.total) {
        result = more;
        asked = tolerant;
      }
    }
    if (result.total === 0 && !opts.requireAll) {
      asked = words.map(withDefaults);
      result = index.query(asked, { fields: SEARCH_FIELDS, combine: 'or', limit, accept });
    }
    // The cache keeps doc numbers and scores (one typed array, off the JS heap) and the words
    // asked, not hit objects nor the query's work arrays: what survives a search is what a
    // young-generation GC has to copy, in the middle of some later command.
    const ranked = new Float64Array(result.hits.length * 2);
    result.hits.forEach((h, i) => {
      ranked[2 * i] = h.doc;
      ranked[2 * i + 1] = h.score;
    });
    return { ranked, words: asked };
  };

  return {
    parts,
    search(query, opts = {}) {
      const words = wordsOf(query);
      const key = [
        words.join(' '),
        opts.kinds ? [...opts.kinds].sort().join(',') : '*',
        opts.limit ?? 50,
        opts.requireAll ? 1 : 0,
      ].join('|');
      let found = cache.get(key);
      if (found) {
        cache.delete(key); // refresh its place: the Map's order is the least-recently-used order
      } else {
        found = run(words, opts);
        if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      }
      cache.set(key, found);
      const hits: SearchHit[] = [];
      const { ranked } = found;
      for (let i = 0; i < ranked.length; i += 2)
        hits.push(new Hit(source, found, ranked[i] as number, ranked[i + 1] as number));
      return hits;
    },
    suggestEvents(query, limit = 25) {
      const key = `${limit}|${query}`;
      const remembered = suggested.get(key);
      if (remembered) {
        suggested.delete(key); // to the end: the Map's order is the least-recently-used order
        suggested.set(key, remembered);
        return remembered.slice();
      }
      const out = suggestEvents(query, limit);
      if (suggested.size >= SUGGEST_CACHE) suggested.delete(suggested.keys().next().value as string);
      suggested.set(key, out);
      return out.slice();
    },
  };

  /** Event autocomplete, ranked (see SearchIndex.suggestEvents). */
  function suggestEvents(query: string, limit: number): { id: string; title: string }[] {
    const words = wordsOf(query);
    if (!tokenize(query).length) {
      const latest: { id: string; title: string }[] = [];
      for (let i = E - 1; i >= 0 && latest.length < limit; i--) {
        const e = dataset.events[i] as (typeof dataset.events)[number];
        latest.push({ id: e.id, title: e.title });
      }
      return latest;
    }
    const ids = new Set<string>();
    const byId = dataset.eventById.get(query.trim());
    if (byId) ids.add(byId.id);
    const events = (doc: number) => doc < E;
    const options = { fields: SUGGEST_FIELDS, accept: events };
    const prefixed = index.query(
      words.map((w) => ({ term: w, prefix: true, fuzzy: 0 })),
      { ...options, combine: 'and', limit },
    );
    let docs = prefixed.hits.map((h) => h.doc);
    if (prefixed.total < limit) {
      const loose = words.map((w) => ({ term: w, prefix: w.length >= 2, fuzzy: searchFuzzyBudget(w) }));
      docs = [
        ...docs,
        ...index
          .query(loose, { ...options, combine: 'and', limit: limit + docs.length })
          .hits.map((h) => h.doc),
      ];
      if (prefixed.total === 0 && docs.length === 0)
        docs = index.query(loose, { ...options, combine: 'or', limit }).hits.map((h) => h.doc);
    }
    for (const doc of docs) {
      const id = idOf(doc);
      if (id !== undefined) ids.add(id);
    }
    return [...ids].slice(0, limit).flatMap((id) => {
      const e = dataset.eventById.get(id);
      return e ? [{ id: e.id, title: e.title }] : [];
    });
  }
}

/** What hits read their record from: documents are the events, then quotes, actors, topics. */
interface HitSource {
  dataset: Dataset;
  index: RankedIndex;
  E: number;
  Q: number;
  A: number;
}

/** A search's ranked documents ([doc, score] pairs, best first) and the query words that found them. */
interface Found {
  ranked: Float64Array;
  words: readonly QueryTerm[];
}

/**
 * A search hit: its kind, id and score; the rest is read from its record when asked (a page shows
 * 6 of the 51 hits of a search).
 */
class Hit implements SearchHit {
  readonly kind: SearchKind;
  readonly id: string;
  readonly #doc: number;
  readonly #source: HitSource;
  readonly #found: Found;
  #terms: string[] | undefined;

  constructor(source: HitSource, found: Found, doc: number, score: number) {
    const { dataset, E, Q, A } = source;
    this.#doc = doc;
    this.#source = source;
    this.#found = found;
    this.score = score;
    if (doc < E) {
      this.kind = 'event';
      this.id = (dataset.events[doc] as Event).id;
    } else if (doc < E + Q) {
      this.kind = 'quote';
      this.id = (dataset.quotes[doc - E] as Quote).id;
    } else if (doc < E + Q + A) {
      this.kind = 'actor';
      this.id = (dataset.actors[doc - E - Q] as Actor).id;
    } else {
      this.kind = 'topic';
      this.id = (dataset.topics[doc - E - Q - A] as Topic).id;
    }
  }

  readonly score: number;

  get title(): string {
    const { dataset } = this.#source;
    const doc = this.#doc;
    if (this.kind === 'event') return (dataset.events[doc] as Event).title;
    if (this.kind === 'actor') return this.#actor().name;
    if (this.kind === 'topic') return this.#topic().label;
    const q = this.#quote();
    return `${dataset.actorById.get(q.speaker)?.name ?? q.speaker}: “${q.text}”`;
  }

  get date(): string | undefined {
    if (this.kind === 'event') return formatPartialDate(this.#event().date);
    if (this.kind !== 'quote') return undefined;
    const event = this.#source.dataset.eventById.get(this.#quote().event);
    return event && formatPartialDate(event.date);
  }

  get snippet(): string {
    if (this.kind === 'event') {
      const e = this.#event();
      return withAttribution(this.#source.dataset, e.summary, e.attributedTo);
    }
    if (this.kind === 'quote') return this.#quote().context;
    if (this.kind === 'actor') return this.#actor().description;
    return this.#topic().description;
  }

  get citations(): Citation[] {
    if (this.kind === 'event') return this.#event().citations;
    if (this.kind === 'quote') return [this.#quote().citation];
    if (this.kind === 'topic') return this.#topic().thread.at(-1)?.citations ?? [];
    const a = this.#actor();
    const cited = a.roles[0]?.citation ?? this.#source.dataset.eventsByActor.get(a.id)?.[0]?.citations[0];
    return cited ? [cited] : [];
  }

  get terms(): string[] {
    this.#terms ??= this.#source.index.matchedTermsOf(this.#found.words, SEARCH_FIELDS, this.#doc);
    return this.#terms;
  }

  #event(): Event {
    return this.#source.dataset.events[this.#doc] as Event;
  }

  #quote(): Quote {
    return this.#source.dataset.quotes[this.#doc - this.#source.E] as Quote;
  }

  #actor(): Actor {
    const { dataset, E, Q } = this.#source;
    return dataset.actors[this.#doc - E - Q] as Actor;
  }

  #topic(): Topic {
    const { dataset, E, Q, A } = this.#source;
    return dataset.topics[this.#doc - E - Q - A] as Topic;
  }
}

/** Words too common to index (they still count in a field's length, as in MiniSearch). */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  'a',
  'an',
  'and',
  'the',
  'of',
  'to',
  'in',
  'on',
  'at',
  'for',
  'is',
  'was',
  'by',
  'with',
  'that',
  'it',
  'as',
  'be',
  'his',
  'her',
  'their',
  'from',
  'this',
  'what',
  'who',
  'did',
  'does',
  'do',
]);

/** "14 Feb 2025 February 2025": lets "Oval Office February" find the February meeting. */
function dateWords(date: Parameters<typeof formatPartialDate>[0]): string {
  const month = date.precision === 'year' ? undefined : MONTH_NAMES[Number(date.value.slice(5, 7)) - 1];
  return `${formatPartialDate(date)} ${month ?? ''} ${date.value.slice(0, 4)}`;
}
