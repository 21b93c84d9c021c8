/**
 * The search as it was before the compact index: MiniSearch 7 with the same documents, fields,
 * boosts, stop words and fallbacks (main index, event-title index, actor-name index). Kept only as
 * the yardstick of tests/domain/search-parity.test.ts.
 */
import MiniSearch, { type SearchOptions } from 'minisearch';
import { formatPartialDate } from '../../src/domain/dates.ts';
import type { Dataset } from '../../src/domain/model.ts';
import { STOP_WORDS } from '../../src/domain/search.ts';
import { fuzzyBudget, searchFuzzyBudget, tokenize } from '../../src/domain/text.ts';

export interface Ranked {
  key: string;
  score: number;
}

interface Doc {
  key: string;
  kind: string;
  title: string;
  body: string;
  people: string;
  tags: string;
}

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

function dateWords(date: Parameters<typeof formatPartialDate>[0]): string {
  const month = date.precision === 'year' ? undefined : MONTH_NAMES[Number(date.value.slice(5, 7)) - 1];
  return `${formatPartialDate(date)} ${month ?? ''} ${date.value.slice(0, 4)}`;
}

export function referenceIndexes(dataset: Dataset) {
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
  for (const e of dataset.events)
    docs.push({
      key: `event:${e.id}`,
      kind: 'event',
      title: e.title,
      body: `${e.summary} ${e.location ?? ''} ${e.kind} ${dateWords(e.date)}`,
      people: names(e.actors.map((a) => a.actor)),
      tags: labels(e.topics),
    });
  for (const q of dataset.quotes)
    docs.push({
      key: `quote:${q.id}`,
      kind: 'quote',
      title: q.text,
      body: q.context,
      people: names([q.speaker]),
      tags: labels(q.topics),
    });
  for (const a of dataset.actors)
    docs.push({
      key: `actor:${a.id}`,
      kind: 'actor',
      title: [a.name, ...a.aliases].join(' '),
      body: `${a.description} ${a.roles.map((r) => r.title).join(' ')}`,
      people: '',
      tags: '',
    });
  for (const t of dataset.topics)
    docs.push({
      key: `topic:${t.id}`,
      kind: 'topic',
      title: t.label,
      body: `${t.description} ${t.thread.map((x) => x.status).join(' ')}`,
      people: '',
      tags: t.keywords.join(' '),
    });
  const mini = new MiniSearch<Doc>({
    idField: 'key',
    fields: ['title', 'body', 'people', 'tags'],
    storeFields: ['kind'],
    tokenize: (text) => tokenize(text),
    processTerm: (term) => (STOP_WORDS.has(term) ? null : term),
    searchOptions: {
      boost: { title: 3, people: 2, tags: 1.5, body: 1 },
      prefix: (term) => term.length >= 3,
      fuzzy: (term) => searchFuzzyBudget(term),
    },
  });
  mini.addAll(docs);
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
  const names2: Array<{ id: string; actorId: string; name: string }> = [];
  for (const actor of dataset.actors) {
    const translated = Object.values(actor.i18n ?? {}).flatMap((t) => [
      ...(t?.name ? [t.name.text] : []),
      ...(t?.aliases ?? []),
    ]);
    for (const name of new Set([actor.id.replace(/-/g, ' '), actor.name, ...actor.aliases, ...translated]))
      names2.push({ id: `${actor.id}#${names2.length}`, actorId: actor.id, name });
  }
  const people = new MiniSearch<{ id: string; actorId: string; name: string }>({
    fields: ['name'],
    storeFields: ['actorId', 'name'],
    tokenize: (text) => tokenize(text),
    processTerm: (term) => term,
    searchOptions: { prefix: true, fuzzy: (term) => fuzzyBudget(term), combineWith: 'OR' },
  });
  people.addAll(names2);

  return {
    /** The former SearchIndex.search, as ranked keys ("event:id") with scores. */
    search(query: string, opts: { kinds?: readonly string[]; limit?: number; requireAll?: boolean } = {}) {
      const limit = opts.limit ?? 50;
      const kinds = opts.kinds;
      const filter: Pick<SearchOptions, 'filter'> = kinds ? { filter: (r) => kinds.includes(r.kind) } : {};
      const terms = tokenize(query).filter((t) => !STOP_WORDS.has(t));
      const last = terms.at(-1);
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
      return results.slice(0, limit).map((r) => ({ key: r.id as string, score: r.score }));
    },
    /** The former suggestEvents: event ids in order. */
    suggestEvents(query: string, limit = 25): string[] {
      if (!tokenize(query).length)
        return [...dataset.events]
          .reverse()
          .slice(0, limit)
          .map((e) => e.id);
      const ids = new Set<string>();
      const byId = dataset.eventById.get(query.trim());
      if (byId) ids.add(byId.id);
      let results = titles.search(query, { combineWith: 'AND', prefix: true, fuzzy: false });
      if (results.length < limit) results = [...results, ...titles.search(query, { combineWith: 'AND' })];
      if (results.length === 0) results = titles.search(query, { combineWith: 'OR' });
      for (const r of results) ids.add(r.id as string);
      return [...ids].slice(0, limit);
    },
    /** The title index's three rankings behind suggestEvents (prefix AND, loose AND, OR), with scores. */
    suggestRankings(query: string): Ranked[][] {
      const ranked = (rs: Array<{ id: unknown; score: number }>) =>
        rs.map((r) => ({ key: r.id as string, score: r.score }));
      return [
        ranked(titles.search(query, { combineWith: 'AND', prefix: true, fuzzy: false })),
        ranked(titles.search(query, { combineWith: 'AND' })),
        ranked(titles.search(query, { combineWith: 'OR' })),
      ];
    },
    /** The former actor ranking: best score per actor, ties by name. */
    actors(query: string): Ranked[] {
      const best = new Map<string, number>();
      for (const hit of people.search(query)) {
        const id = hit.actorId as string;
        if (!best.has(id) || hit.score > (best.get(id) ?? 0)) best.set(id, hit.score);
      }
      return [...best]
        .map(([key, score]) => ({ key, score }))
        .sort(
          (a, b) =>
            b.score - a.score ||
            (dataset.actorById.get(a.key)?.name ?? '').localeCompare(
              dataset.actorById.get(b.key)?.name ?? '',
            ),
        );
    },
  };
}
