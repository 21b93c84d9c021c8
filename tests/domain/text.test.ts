import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeName, tokenize } from '../../src/domain/text.ts';
import { rawDataset } from '../support/fixtures.ts';
import { generateDataset } from '../support/generate.ts';

/** The regex formulation the single-scan tokenizer replaced: the specification it must match. */
function referenceNormalize(text: string): string {
  const folded = /^[\x20-\x7e\s]*$/.test(text)
    ? text.toLowerCase()
    : text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  const words = folded
    .replace(/[’'`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  if (!/\b\p{L}\.\s?\p{L}\b/u.test(text)) return words.join(' ');
  const joined: string[] = [];
  let gluing = false;
  for (const word of words) {
    const single = word.length === 1 && /\p{L}/u.test(word);
    if (single && gluing) joined[joined.length - 1] += word;
    else joined.push(word);
    gluing = single;
  }
  return joined.join(' ');
}

const reference = (text: string) => referenceNormalize(text).split(' ').filter(Boolean);

describe('tokenize', () => {
  it.each([
    ['J.D. Vance', ['jd', 'vance']],
    ['J. D. Vance', ['jd', 'vance']],
    ['JD Vance', ['jd', 'vance']],
    ['Zelensky’s “plan”', ['zelenskys', 'plan']],
    ["rock 'n' roll", ['rock', 'n', 'roll']],
    ['Emmanuel Macrón', ['emmanuel', 'macron']],
    ['Владимир Зеленский', ['владимир', 'зеленскии']],
    ['G-7 summit, 2025-02-14', ['g', '7', 'summit', '2025', '02', '14']],
    ['U.S. envoy. A b c', ['us', 'envoy', 'abc']],
    ['a.b', ['ab']],
    ['', []],
    ['  ...  ', []],
  ])('%s → %j', (text, words) => {
    expect(tokenize(text)).toEqual(words);
    expect(normalizeName(text)).toBe(words.join(' '));
  });

  it('matches the regex formulation on every field of the real dataset and a generated one', () => {
    const texts: string[] = [];
    const collect = (value: unknown): void => {
      if (typeof value === 'string') texts.push(value);
      else if (Array.isArray(value)) for (const v of value) collect(v);
      else if (value && typeof value === 'object') for (const v of Object.values(value)) collect(v);
    };
    collect(rawDataset());
    collect(generateDataset({ events: 300, seed: 3 }));
    collect(generateDataset({ events: 300, seed: 4, corpus: 'news' }));
    expect(texts.length).toBeGreaterThan(5000);
    for (const text of texts) expect(tokenize(text), text).toEqual(reference(text));
  });

  it('matches the regex formulation on arbitrary text', () => {
    const pieces = fc.constantFrom(
      'J.',
      'D.',
      ' ',
      '.',
      'a',
      'B',
      '’',
      "'",
      '`',
      '-',
      'é',
      'É',
      'İ',
      'ß',
      'ﬁ',
      '①',
      '٣',
      '\u00a0',
      '\u2028',
      '\u0301',
      '𝐀',
      '😀',
      '\ud800',
      'Ⅻ',
      '_',
      '\t',
      'x.y',
      'Σ',
    );
    const text = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.array(pieces, { maxLength: 20 }).map((xs) => xs.join('')),
    );
    fc.assert(
      fc.property(text, (t) => {
        expect(tokenize(t)).toEqual(reference(t));
      }),
      { numRuns: 3000 },
    );
  });
});
