import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TermDictionary, termLcp } from '../../src/domain/term-dictionary.ts';
import { editDistance } from '../../src/domain/text.ts';

const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd', 'é'), minLength: 1, maxLength: 9 });

describe('TermDictionary', () => {
  it('finds every term within the edit budget, with its distance (Levenshtein), in id order', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(word, { maxLength: 60 }),
        word,
        fc.integer({ min: 1, max: 3 }),
        matchesEditDistance,
      ),
      { numRuns: 2000 },
    );
  });

  it('finds the same in dictionaries of thousands of terms, where skips cross many blocks', () => {
    const long = fc.string({ unit: fc.constantFrom('a', 'b', 'c'), minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(
        fc.uniqueArray(long, { minLength: 500, maxLength: 3000 }),
        long,
        fc.integer({ min: 1, max: 2 }),
        matchesEditDistance,
      ),
      { numRuns: 60 },
    );
  });

  it('looks terms up exactly and by prefix', () => {
    const dict = new TermDictionary(['peace', 'peacekeepers', 'plan', 'security', 'sec'].sort());
    expect(dict.terms[dict.id('plan')]).toBe('plan');
    expect(dict.id('pla')).toBe(-1);
    const [a, b] = dict.prefixRange('peace');
    expect(dict.terms.slice(a, b)).toEqual(['peace', 'peacekeepers']);
    const [c, d] = dict.prefixRange('x');
    expect(d - c).toBe(0);
  });

  it('takes the shared-prefix lengths an index stored with its terms, and refuses ones of other terms', () => {
    const terms = ['peace', 'peacekeepers', 'plan', 'sec', 'security'];
    expect([...termLcp(terms)]).toEqual([0, 5, 1, 0, 3]);
    const stored = new TermDictionary(terms, termLcp(terms));
    expect(stored.fuzzy('peece', 1)).toEqual(new TermDictionary(terms).fuzzy('peece', 1));
    expect(stored.terms.slice(...stored.prefixRange('sec'))).toEqual(['sec', 'security']);
    expect(() => new TermDictionary(terms, new Uint8Array(4))).toThrow(/4 prefix lengths for 5 terms/);
  });
});

/** The typo look-up finds exactly the terms within `max` edits, in dictionary order. */
function matchesEditDistance(list: string[], query: string, max: number): void {
  const dict = new TermDictionary([...list].sort());
  const expected = dict.terms
    .map((t, id) => [id, editDistance(query, t)] as [number, number])
    .filter(([, d]) => d <= max);
  expect(dict.fuzzy(query, max)).toEqual(expected);
}
