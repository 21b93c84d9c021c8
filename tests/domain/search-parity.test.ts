/**
 * Search quality unchanged: the compact top-k index returns the same results, in the same order
 * and with the same scores, as the MiniSearch indexes it replaced, for fixed exact, prefix, typo,
 * any-word, kind-restricted and autocomplete queries over the real dataset and two generated ones
 * (news-like and adversarial). Documents with exactly equal scores may come in either order.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type Briefbook, createBriefbook } from '../../src/domain/briefbook.ts';
import { buildDataset, type Dataset } from '../../src/domain/model.ts';
import { type SearchKind, STOP_WORDS } from '../../src/domain/search.ts';
import { tokenize } from '../../src/domain/text.ts';
import { validateDataset } from '../../src/domain/validate.ts';
import { realDataset } from '../support/fixtures.ts';
import { generateDataset } from '../support/generate.ts';
import { type Ranked, referenceIndexes } from '../support/minisearch-reference.ts';

const TOP = 10;

interface Query {
  q: string;
  kinds?: SearchKind[];
  requireAll?: boolean;
}

/** Same length, same scores position by position, same documents up to ties (equal scores). */
function expectSameRanking(label: string, expected: Ranked[], actual: Ranked[], top = TOP): void {
  expect(actual.length, `${label}: number of results`).toBe(expected.length);
  const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  const n = Math.min(top, expected.length);
  for (let i = 0; i < n; i++) {
    const e = expected[i] as Ranked;
    const a = actual[i] as Ranked;
    expect(
      close(a.score, e.score),
      `${label}: score at ${i} (${a.key} ${a.score} vs ${e.key} ${e.score})`,
    ).toBe(true);
    if (a.key === e.key) continue;
    // A tie: the document must be one the reference ranks with the same score.
    const tied = expected.filter((x) => close(x.score, e.score)).map((x) => x.key);
    expect(tied, `${label}: ${a.key} at ${i} is not tied with ${e.key}`).toContain(a.key);
  }
  const keys = (xs: Ranked[]) => new Set(xs.slice(0, n).map((x) => x.key));
  const boundary = expected[n - 1]?.score ?? 0;
  // Above the last shown score, exactly the same documents.
  const above = (xs: Ranked[]) =>
    [...keys(xs)].filter((k) => (xs.find((x) => x.key === k)?.score ?? 0) > boundary + 1e-9);
  expect(new Set(above(actual)), `${label}: documents above the cut`).toEqual(new Set(above(expected)));
}

function compare(book: Briefbook, reference: ReturnType<typeof referenceIndexes>, queries: Query[]): number {
  let nonEmpty = 0;
  for (const { q, kinds, requireAll } of queries) {
    const opts = { limit: 200, ...(kinds ? { kinds } : {}), ...(requireAll ? { requireAll } : {}) };
    const expected = reference.search(q, opts);
    const actual = book.search.search(q, opts).map((h) => ({ key: `${h.kind}:${h.id}`, score: h.score }));
    expectSameRanking(`search ${JSON.stringify(q)} ${kinds ?? ''}`, expected, actual);
    if (expected.length > 0) nonEmpty++;
  }
  return nonEmpty;
}

function compareSuggestions(
  book: Briefbook,
  reference: ReturnType<typeof referenceIndexes>,
  queries: string[],
) {
  for (const q of queries) {
    const expected = reference.suggestEvents(q, 25);
    const actual = book.search.suggestEvents(q, 25).map((s) => s.id);
    const rankings = reference.suggestRankings(q);
    expect(actual.length, `suggest ${JSON.stringify(q)}`).toBe(expected.length);
    for (let i = 0; i < expected.length; i++) {
      if (actual[i] === expected[i]) continue;
      // Only events of equal score in the ranking the expected one came from may swap places.
      const from = rankings.find((r) => r.some((x) => x.key === expected[i])) ?? [];
      const score = (id: string | undefined) => from.find((x) => x.key === id)?.score;
      const a = score(actual[i]);
      const e = score(expected[i]);
      expect(
        a !== undefined && e !== undefined && Math.abs(a - e) < 1e-9,
        `suggest ${JSON.stringify(q)} at ${i}: ${actual[i]} (${a}) for ${expected[i]} (${e})`,
      ).toBe(true);
    }
  }
}

function compareActors(book: Briefbook, reference: ReturnType<typeof referenceIndexes>, queries: string[]) {
  for (const q of queries) {
    const expected = reference.actors(q);
    const actual = book.actors.suggest(q, 10_000).map((c) => ({ key: c.actor.id, score: c.score }));
    expectSameRanking(`actors ${JSON.stringify(q)}`, expected, actual);
  }
}

function typo(word: string, i: number): string {
  const at = 1 + (i % (word.length - 2));
  return i % 2 === 0 ? word.slice(0, at) + word.slice(at + 1) : `${word.slice(0, at)}x${word.slice(at + 1)}`;
}

/** Queries a user would type, drawn from the data itself: words, names, prefixes, typos. */
function derivedQueries(d: Dataset): { search: Query[]; suggest: string[]; actors: string[] } {
  const search: Query[] = [];
  const suggest: string[] = [];
  const actors: string[] = [];
  const content = (text: string) => tokenize(text).filter((w) => !STOP_WORDS.has(w) && w.length >= 3);
  for (let i = 0; i < 14; i++) {
    const e = d.events[Math.floor(((i + 0.5) * d.events.length) / 14)];
    if (!e) continue;
    const title = content(e.title);
    const summary = content(e.summary);
    const long = [...title, ...summary].find((w) => w.length >= 7) ?? title[0] ?? 'talks';
    const actor = d.actorById.get(e.actors[0]?.actor ?? '');
    search.push({ q: title.slice(0, 2).join(' ') });
    search.push({ q: summary[i % summary.length] ?? 'peace' });
    search.push({ q: `${summary[(i * 3) % summary.length] ?? ''} ${title.at(-1) ?? ''}` });
    search.push({ q: long.slice(0, 4) });
    search.push({ q: typo(long, i) });
    search.push({ q: `${typo(long, i + 1)} ${title[0] ?? ''}` });
    search.push({ q: `${title[0] ?? ''} qqqzzz` });
    if (actor) {
      search.push({ q: actor.name });
      search.push({ q: actor.name, kinds: ['quote'] });
      actors.push(actor.name, actor.name.slice(0, 3), typo(actor.name.split(' ').at(-1) ?? actor.name, i));
    }
    search.push({ q: title.join(' '), kinds: ['event'], requireAll: true });
    search.push({ q: summary.slice(0, 3).join(' '), kinds: ['event', 'topic'] });
    suggest.push(
      e.title.slice(0, 3),
      title.slice(0, 2).join(' '),
      e.location?.slice(0, 4) ?? long.slice(0, 2),
      e.id,
    );
  }
  return { search, suggest, actors };
}

describe('the compact index ranks as MiniSearch did', () => {
  describe('real dataset', () => {
    let book: Briefbook;
    let reference: ReturnType<typeof referenceIndexes>;
    beforeAll(async () => {
      const d = await realDataset();
      book = createBriefbook(d);
      reference = referenceIndexes(d);
    });

    it('exact, prefix, typo, any-word and kind-restricted searches', () => {
      const queries: Query[] = [
        'Munich speech free speech',
        'security guarantees',
        'Zelensky',
        'Trump Putin',
        'Alaska summit',
        'ceasefire',
        'minerals deal',
        'Oval Office February',
        'G7',
        '90 billion weapons',
        'peace',
        'secur',
        'Zelen',
        'negotia',
        'Witk',
        'minera',
        'secrity guarantes',
        'Volodomyr',
        'Zelenksy',
        'cesefire',
        'Kellog',
        'sanctons',
        'maps battlefield unicorn',
        'Putin zzzzqq',
        'the of and',
        'peace peace talks',
      ].map((q) => ({ q }));
      queries.push(
        { q: 'Zelensky', kinds: ['quote'] },
        { q: 'peace', kinds: ['event'] },
        { q: 'Vance', kinds: ['actor', 'topic'] },
        { q: 'white house summit', kinds: ['event'], requireAll: true },
      );
      expect(compare(book, reference, queries)).toBeGreaterThan(20);
    });

    it('event autocomplete and actor look-up', () => {
      compareSuggestions(book, reference, [
        '',
        'wh',
        'white',
        'mun',
        'alas',
        'geneva',
        'feb',
        'oval off',
        'xq',
        'vance munich speech',
      ]);
      compareActors(book, reference, [
        'Volodomyr',
        'zelenskyy',
        'Putn',
        'Kellog',
        'WSJ',
        'EU',
        'Emmanuel Macrón',
        'J.D. Vance',
        'vo',
        'tr',
        'don',
      ]);
    });
  });

  for (const corpus of ['news', 'adversarial'] as const) {
    describe(`generated ${corpus} dataset (3,000 events)`, () => {
      let book: Briefbook;
      let reference: ReturnType<typeof referenceIndexes>;
      let dataset: Dataset;
      beforeAll(() => {
        const raw = generateDataset({ events: 3000, seed: corpus === 'news' ? 11 : 12, corpus });
        const files = Object.fromEntries(Object.entries(raw).map(([k, v]) => [`${k}.json`, { [k]: v }]));
        const valid = validateDataset(files);
        if (!valid.ok) throw new Error(`generated dataset invalid: ${valid.problems[0]?.message}`);
        dataset = buildDataset(valid.data);
        book = createBriefbook(dataset);
        reference = referenceIndexes(dataset);
      }, 60_000);

      it('searches drawn from the data', () => {
        const { search } = derivedQueries(dataset);
        expect(compare(book, reference, search)).toBeGreaterThan(search.length / 2);
      });

      it('event autocomplete and actor look-up drawn from the data', () => {
        const { suggest, actors } = derivedQueries(dataset);
        compareSuggestions(book, reference, suggest);
        compareActors(book, reference, actors);
      });
    });
  }
});
