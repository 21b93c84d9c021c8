import MiniSearch, { type SearchOptions } from 'minisearch';
import { withAttribution } from './attribution.ts';
import { formatPartialDate } from './dates.ts';
import type { Dataset } from './model.ts';
import type { Citation } from './schema.ts';
import { searchFuzzyBudget, tokenize } from './text.ts';

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
  /** Query terms that matched (after folding), for highlighting. */
  terms: string[];
}

interface Doc {
  key: string;
  kind: SearchKind;
  id: string;
  title: string;
  body: string;
  people: string;
  tags: string;
}

export interface SearchIndex {
  search(
    query: string,
    opts?: { kinds?: readonly SearchKind[]; limit?: number; requireAll?: boolean },
  ): SearchHit[];
  /** Event ids and titles for autocomplete, ranked. */
  suggestEvents(query: string, limit?: number): { id: string; title: string }[];
}

/** Builds the full-text index (MiniSearch: BM25 ranking, prefix and typo-tolerant matching). */
export function buildSearchIndex(dataset: Dataset): SearchIndex {
  const names = (ids: readonly string[]) =>
    ids
      .map((id) => dataset.actorById.get(id))
      .flatMap((a) => (a ? [a.name, ...a.aliases] : []))
      .join(' ');
  const labels = (ids: readonly string[]) =>
    ids
      .map((id) => dataset.topicById.get(id))
      .flatMap((t) => (t ? [t.label, ...t.keywords] : []))
      .join(' ');

  const docs: Doc[] = [];
  for (const e of dataset.events) {
    docs.push({
      key: `event:${e.id}`,
      kind: 'event',
      id: e.id,
      title: e.title,
      body: `${e.summary} ${e.location ?? ''} ${e.kind} ${dateWords(e.date)}`,
      people: names(e.actors.map((a) => a.actor)),
      tags: labels(e.topics),
    });
  }
  for (const q of dataset.quotes) {
    docs.push({
      key: `quote:${q.id}`,
      kind: 'quote',
      id: q.id,
      title: q.text,
      body: q.context,
      people: names([q.speaker]),
      tags: labels(q.topics),
    });
  }
  for (const a of dataset.actors) {
    docs.push({
      key: `actor:${a.id}`,
      kind: 'actor',
      id: a.id,
      title: [a.name, ...a.aliases].join(' '),
      body: `${a.description} ${a.roles.map((r) => r.title).join(' ')}`,
      people: '',
      tags: '',
    });
  }
  for (const t of dataset.topics) {
    docs.push({
      key: `topic:${t.id}`,
      kind: 'topic',
      id: t.id,
      title: t.label,
      body: `${t.description} ${t.thread.map((x) => x.status).join(' ')}`,
      people: '',
      tags: t.keywords.join(' '),
    });
  }

  const mini = new MiniSearch<Doc>({
    idField: 'key',
    fields: ['title', 'body', 'people', 'tags'],
    storeFields: ['kind', 'id'],
    tokenize: (text) => tokenize(text),
    processTerm: (term) => (STOP_WORDS.has(term) ? null : term),
    searchOptions: {
      boost: { title: 3, people: 2, tags: 1.5, body: 1 },
      prefix: (term) => term.length >= 3,
      fuzzy: (term) => searchFuzzyBudget(term),
    },
  });
  mini.addAll(docs);

  // Autocomplete answers within Discord's 3 s without deferral: a small title-and-place index keeps it fast.
  const titles = new MiniSearch<{ id: string; title: string; where: string }>({
    fields: ['title', 'where'],
    tokenize: (text) => tokenize(text),
    processTerm: (term) => (STOP_WORDS.has(term) ? null : term),
    searchOptions: {
      boost: { title: 2 },
      prefix: (term) => term.length >= 2,
      fuzzy: (term) => searchFuzzyBudget(term),
    },
  });
  titles.addAll(
    dataset.events.map((e) => ({
      id: e.id,
      title: `${e.title} ${e.id.replace(/-/g, ' ')}`,
      where: e.location ?? '',
    })),
  );

  const toHit = (kind: SearchKind, id: string, score: number, terms: string[]): SearchHit | undefined => {
    if (kind === 'event') {
      const e = dataset.eventById.get(id);
      return (
        e && {
          kind,
          id,
          title: e.title,
          date: formatPartialDate(e.date),
          snippet: withAttribution(dataset, e.summary, e.attributedTo),
          citations: e.citations,
          score,
          terms,
        }
      );
    }
    if (kind === 'quote') {
      const q = dataset.quoteById.get(id);
      const e = q && dataset.eventById.get(q.event);
      const speaker = q && dataset.actorById.get(q.speaker);
      return (
        q && {
          kind,
          id,
          title: `${speaker?.name ?? q.speaker}: “${q.text}”`,
          ...(e ? { date: formatPartialDate(e.date) } : {}),
          snippet: q.context,
          citations: [q.citation],
          score,
          terms,
        }
      );
    }
    if (kind === 'actor') {
      const a = dataset.actorById.get(id);
      if (!a) return undefined;
      const cited = a.roles[0]?.citation ?? dataset.eventsByActor.get(id)?.[0]?.citations[0];
      return {
        kind,
        id,
        title: a.name,
        snippet: a.description,
        citations: cited ? [cited] : [],
        score,
        terms,
      };
    }
    const t = dataset.topicById.get(id);
    return (
      t && {
        kind,
        id,
        title: t.label,
        snippet: t.description,
        citations: t.thread.at(-1)?.citations ?? [],
        score,
        terms,
      }
    );
  };

  return {
    search(query, opts = {}) {
      const limit = opts.limit ?? 50;
      const kinds = opts.kinds;
      const filter: Pick<SearchOptions, 'filter'> = kinds
        ? { filter: (r) => kinds.includes(r.kind as SearchKind) }
        : {};
      const terms = tokenize(query).filter((t) => !STOP_WORDS.has(t));
      const last = terms.at(-1);
      // Exact words first (the last one may be a prefix); typo tolerance only when that finds little,
      // and any-word matching only when nothing matches every word.
      const exact = {
        ...filter,
        combineWith: 'AND' as const,
        fuzzy: false,
        prefix: (t: string) => t === last && t.length >= 3,
      };
      let results = mini.search(query, exact);
      if (results.length < 5) {
        const fuzzy = mini.search(query, { ...filter, combineWith: 'AND' });
        if (fuzzy.length > results.length) results = fuzzy;
      }
      if (results.length === 0 && !opts.requireAll)
        results = mini.search(query, { ...filter, combineWith: 'OR' });
      const hits: SearchHit[] = [];
      for (const r of results.slice(0, limit)) {
        const hit = toHit(r.kind as SearchKind, r.id as string, r.score, r.terms);
        if (hit) hits.push(hit);
      }
      return hits;
    },
    suggestEvents(query, limit = 25) {
      if (!tokenize(query).length) {
        return [...dataset.events]
          .reverse()
          .slice(0, limit)
          .map((e) => ({ id: e.id, title: e.title }));
      }
      const ids = new Set<string>();
      const byId = dataset.eventById.get(query.trim());
      if (byId) ids.add(byId.id);
      let results = titles.search(query, { combineWith: 'AND', prefix: true, fuzzy: false });
      if (results.length < limit) results = [...results, ...titles.search(query, { combineWith: 'AND' })];
      if (results.length === 0) results = titles.search(query, { combineWith: 'OR' });
      for (const r of results) ids.add(r.id as string);
      return [...ids].slice(0, limit).flatMap((id) => {
        const e = dataset.eventById.get(id);
        return e ? [{ id: e.id, title: e.title }] : [];
      });
    },
  };
}

const STOP_WORDS = new Set([
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

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "14 Feb 2025 February 2025": lets "Oval Office February" find the February meeting. */
function dateWords(date: Parameters<typeof formatPartialDate>[0]): string {
  const month = date.precision === 'year' ? undefined : MONTH_NAMES[Number(date.value.slice(5, 7)) - 1];
  return `${formatPartialDate(date)} ${month ?? ''} ${date.value.slice(0, 4)}`;
}
