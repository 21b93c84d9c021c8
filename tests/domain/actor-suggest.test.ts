/**
 * Actor autocomplete keeps only the best few candidates of a short prefix that matches hundreds of
 * names at scale: what it offers must be exactly the head of the full ranking (score, then name),
 * ties at the cut included, whatever the limit. The ranking itself is held to the one autocomplete
 * gave before it stopped sorting every match: every name hit of the any-word query, each actor's
 * first (best) hit, sorted by score then name, stable, so that the order of first hits settles the rest.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { actorChoices } from '../../src/discord/options.ts';
import { type ActorIndex, buildActorIndex, nameDocs } from '../../src/domain/actors.ts';
import { type Briefbook, createBriefbook } from '../../src/domain/briefbook.ts';
import { buildDataset, type Dataset } from '../../src/domain/model.ts';
import { RankedIndex } from '../../src/domain/ranked-index.ts';
import type { RawDataset } from '../../src/domain/schema.ts';
import { fuzzyBudget, normalizeName, tokenize, withoutArticle } from '../../src/domain/text.ts';
import { validateDataset } from '../../src/domain/validate.ts';
import { LIMITS } from '../../src/render/limits.ts';
import { realDataset } from '../support/fixtures.ts';
import { generateDataset } from '../support/generate.ts';

const ids = (b: Briefbook, q: string, limit: number) =>
  b.actors.suggest(q, limit).map((c) => `${c.actor.id}@${c.score}`);

function queriesOf(b: Briefbook): string[] {
  const out = ['', 'a', 'the', 'us president', 'president', 'minister', 'Repu', 'republic of', 'rep'];
  b.dataset.actors.forEach((a, i) => {
    if (i % 7 !== 0) return;
    const last = a.name.split(' ').at(-1) ?? a.name;
    out.push(
      a.name.slice(0, 2),
      a.name.slice(0, 4),
      last.slice(0, 3),
      `${last.slice(0, 2)}x${last.slice(3)}`,
    );
  });
  return out;
}

function expectHeadOfFullRanking(b: Briefbook) {
  const full = (q: string) => ids(b, q, b.dataset.actors.length + 100);
  let tiedAtCut = 0;
  for (const q of queriesOf(b)) {
    const all = full(q);
    for (const limit of [1, 5, 25]) {
      expect(ids(b, q, limit), `suggest ${JSON.stringify(q)} limit ${limit}`).toEqual(all.slice(0, limit));
      const score = (s: string | undefined) => s?.split('@')[1];
      if (all.length > limit && score(all[limit - 1]) === score(all[limit])) tiedAtCut++;
    }
  }
  return tiedAtCut;
}

/**
 * The ranking as autocomplete computed it before (commit 8d989c9 and earlier), spelled plainly:
 * all name hits best first, each actor's first hit, a stable sort by score then localeCompare.
 */
function formerRanking(dataset: Dataset, actors: ActorIndex) {
  const docs = nameDocs(dataset);
  const index = new RankedIndex(actors.parts);
  return (query: string) => {
    const words = tokenize(withoutArticle(normalizeName(query))).map((term) => ({
      term,
      prefix: true,
      fuzzy: fuzzyBudget(term),
    }));
    if (words.length === 0) return [];
    const hits = index.query(words, {
      fields: [{ field: 0, boost: 1 }],
      combine: 'or',
      limit: docs.length,
    }).hits;
    const best = new Map<string, { id: string; score: number; matched: string; name: string }>();
    for (const hit of hits) {
      const doc = docs[hit.doc];
      const actor = doc && dataset.actorById.get(doc.actorId);
      if (!doc || !actor || best.has(actor.id)) continue;
      best.set(actor.id, { id: actor.id, score: hit.score, matched: doc.name, name: actor.name });
    }
    return [...best.values()]
      .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name))
      .map(({ id, score, matched }) => ({ id, score, matched }));
  };
}

/** suggest(query, limit) against the former ranking: office holders first (unchanged), then its head. */
function expectFormerRanking(
  dataset: Dataset,
  actors: ActorIndex,
  former: ReturnType<typeof formerRanking>,
  query: string,
  limit: number,
) {
  const got = actors.suggest(query, limit);
  if (!normalizeName(query)) {
    expect(got.map((c) => c.actor.id)).toEqual(dataset.actors.slice(0, limit).map((a) => a.id));
    return;
  }
  const holders = got.filter((c) => c.score === Number.POSITIVE_INFINITY).map((c) => c.actor.id);
  const expected = former(query)
    .filter((c) => !holders.includes(c.id))
    .slice(0, Math.max(0, limit - holders.length));
  const rest = got.slice(holders.length).map((c) => ({ id: c.actor.id, score: c.score, matched: c.matched }));
  expect(rest, `suggest ${JSON.stringify(query)} limit ${limit}`).toEqual(expected);
}

/** Queries as people type them: a name's start, with a typo, a second word, an article, odd case. */
function typedQuery(dataset: Dataset) {
  const names = dataset.actors.flatMap((a) => [a.name, ...a.aliases]);
  const letter = fc.constantFrom(...'abcdeilmnorstuvyz');
  return fc
    .record({
      name: fc.constantFrom(...names),
      length: fc.integer({ min: 1, max: 14 }),
      typo: fc.option(fc.tuple(fc.nat(), fc.constantFrom('drop', 'swap', 'add')), { nil: undefined }),
      extra: fc.option(fc.string({ unit: letter, minLength: 1, maxLength: 6 }), { nil: undefined }),
      article: fc.boolean(),
      upper: fc.boolean(),
    })
    .map(({ name, length, typo, extra, article, upper }) => {
      let q = name.slice(0, length);
      if (typo && q.length > 1) {
        const [at, kind] = [typo[0] % q.length, typo[1]];
        q =
          kind === 'drop'
            ? q.slice(0, at) + q.slice(at + 1)
            : kind === 'swap'
              ? `${q.slice(0, at)}x${q.slice(at + 1)}`
              : `${q.slice(0, at)}e${q.slice(at)}`;
      }
      if (extra) q = `${q} ${extra}`;
      if (article) q = `the ${q}`;
      return upper ? q.toUpperCase() : q;
    });
}

describe('actor autocomplete: the best few are the head of the full ranking', () => {
  it('on the real dataset', async () => {
    expectHeadOfFullRanking(createBriefbook(await realDataset()));
  });

  it('on the real dataset, the same candidates as the former full sort', async () => {
    const book = createBriefbook(await realDataset());
    const former = formerRanking(book.dataset, book.actors);
    for (const q of queriesOf(book))
      for (const limit of [1, 5, 25, 1000]) expectFormerRanking(book.dataset, book.actors, former, q, limit);
  });

  describe('on a generated news-like dataset with thousands of names', () => {
    let book: Briefbook;
    beforeAll(() => {
      const raw = generateDataset({ events: 3000, seed: 5, corpus: 'news' });
      const files = Object.fromEntries(Object.entries(raw).map(([k, v]) => [`${k}.json`, { [k]: v }]));
      const valid = validateDataset(files);
      if (!valid.ok) throw new Error(`generated dataset invalid: ${valid.problems[0]?.message}`);
      book = createBriefbook(buildDataset(valid.data));
    }, 60_000);

    it('for prefixes, whole names and typos, with equal scores at the cut', () => {
      // Many names share a first name or a prefix: the cut falls inside a tie, which the name order settles.
      expect(expectHeadOfFullRanking(book)).toBeGreaterThan(0);
    });

    it('answers a repeated query as the first time, whatever was done to an earlier answer or how many came between', () => {
      // A fresh index of the same dataset: nothing remembered yet.
      const fresh = createBriefbook(book.dataset);
      const queries = queriesOf(fresh).filter((q) => q.trim() !== '');
      const first = new Map(queries.map((q) => [q, ids(fresh, q, 25)]));
      const answer = fresh.actors.suggest(queries[0] as string, 25);
      answer.splice(0, answer.length); // a caller that empties what it got
      for (const q of queries) expect(ids(fresh, q, 25), q).toEqual(first.get(q));
      // More distinct queries than are remembered: the oldest are made again, equal to the first time.
      for (let i = 0; i < 600; i++)
        fresh.actors.suggest(`${(queries[i % queries.length] as string).slice(0, 2)}${i}`, 5);
      for (const q of queries) expect(ids(fresh, q, 25), q).toEqual(first.get(q));
      expect(ids(fresh, queries[1] as string, 5)).toEqual(first.get(queries[1] as string)?.slice(0, 5));
    });

    it('offers what Discord accepts: at most 25 choices, names and values of 1 to 100 characters', () => {
      for (const q of queriesOf(book)) {
        const choices = actorChoices(book, q);
        expect(choices.length).toBeLessThanOrEqual(LIMITS.choices);
        expect(LIMITS.choices).toBe(25);
        for (const c of choices) {
          expect(c.name.length).toBeGreaterThan(0);
          expect(c.name.length).toBeLessThanOrEqual(100);
          expect(c.value.length).toBeGreaterThan(0);
          expect(c.value.length).toBeLessThanOrEqual(100);
        }
      }
    });
  });

  describe('on the names of a 1,000-actor dataset (200 "Republic of …" tied on "Repu", namesakes)', () => {
    let dataset: Dataset;
    let actors: ActorIndex;
    let former: ReturnType<typeof formerRanking>;
    beforeAll(() => {
      // Only the actors matter to the name index; the events are left out to keep the test fast.
      const raw = generateDataset({ events: 20_000, seed: 9, corpus: 'news' });
      // People who share a name: equal scores and equal names, which the order of first hits settles.
      const namesakes = raw.actors
        .filter((_, i) => i % 50 === 0)
        .map((a, i) => ({ ...a, id: `${a.id}-namesake`, aliases: i % 2 === 0 ? [] : a.aliases }));
      const withNamesakes = [...raw.actors.slice(0, 500), ...namesakes, ...raw.actors.slice(500)];
      dataset = buildDataset({
        ...raw,
        actors: withNamesakes,
        events: [],
        quotes: [],
        commitments: [],
      } satisfies RawDataset);
      actors = buildActorIndex(dataset);
      former = formerRanking(dataset, actors);
    }, 60_000);

    it('ties at the cut of a short prefix are settled by the name order, as the full sort did', () => {
      const all = former('Repu');
      expect(all.length).toBeGreaterThanOrEqual(200);
      expect(all[24]?.score).toBe(all[25]?.score);
      for (const limit of [1, 5, 24, 25, 26, 199, 200, 201, 5000])
        expectFormerRanking(dataset, actors, former, 'Repu', limit);
    });

    it('any typed query: the same candidates, scores and matched names as the former full sort', () => {
      fc.assert(
        fc.property(typedQuery(dataset), fc.integer({ min: 1, max: 30 }), (query, limit) => {
          expectFormerRanking(dataset, actors, former, query, limit);
        }),
        { numRuns: 400, seed: 12 },
      );
    });
  });
});
