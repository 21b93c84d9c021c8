/**
 * Actor autocomplete keeps only the best few candidates of a short prefix that matches hundreds of
 * names at scale: what it offers must be exactly the head of the full ranking (score, then name),
 * ties at the cut included, whatever the limit.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type Briefbook, createBriefbook } from '../../src/domain/briefbook.ts';
import { buildDataset } from '../../src/domain/model.ts';
import { validateDataset } from '../../src/domain/validate.ts';
import { realDataset } from '../support/fixtures.ts';
import { generateDataset } from '../support/generate.ts';

const ids = (b: Briefbook, q: string, limit: number) =>
  b.actors.suggest(q, limit).map((c) => `${c.actor.id}@${c.score}`);

function queriesOf(b: Briefbook): string[] {
  const out = ['', 'a', 'the', 'us president', 'president', 'minister'];
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

describe('actor autocomplete: the best few are the head of the full ranking', () => {
  it('on the real dataset', async () => {
    expectHeadOfFullRanking(createBriefbook(await realDataset()));
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
  });
});
