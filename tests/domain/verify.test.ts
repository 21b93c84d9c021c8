import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataJsonSchemas } from '../../src/domain/json-schema.ts';
import { foldForVerbatim, splitParagraphs, verifyQuotes } from '../../src/domain/verify.ts';
import { ARTICLES_DIR, DATA_DIR, rawDataset } from '../support/fixtures.ts';

describe('verbatim quote verification', () => {
  it('folds only quote-mark, dash and whitespace differences', () => {
    expect(foldForVerbatim('we’re  ready—now')).toBe(foldForVerbatim("we're ready - now"));
    expect(foldForVerbatim('ready')).not.toBe(foldForVerbatim('Ready'));
  });

  it('counts paragraphs as non-empty lines from 1', () => {
    expect(splitParagraphs('one\n\n  \ntwo\r\nthree')).toEqual(['one', 'two', 'three']);
  });

  it('flags a quote that is not in its cited paragraph and says where it is', () => {
    const data = rawDataset();
    const texts = new Map([
      ['000_996a58533b3a84ba.txt', Array.from({ length: 26 }, (_, i) => `para ${i + 1}`).join('\n')],
      ['004_4c1e35c44782ae3f.txt', Array.from({ length: 12 }, (_, i) => `para ${i + 1}`).join('\n')],
    ]);
    const problems = verifyQuotes(data, texts);
    expect(problems.length).toBe(data.quotes.length);
    expect(problems[0]?.message).toMatch(/not found verbatim in paragraph/);
    const moved = new Map(texts);
    moved.set(
      '000_996a58533b3a84ba.txt',
      ['x', 'x', 'x', 'x', 'x', 'lasting, durable peace'].join('\n') + '\nx'.repeat(20),
    );
    const one = verifyQuotes({ ...data, quotes: data.quotes.slice(0, 1) }, moved);
    expect(one.find((p) => p.path === 'quotes[0].text')?.message).toBe(
      'not in paragraph 4; it appears in paragraph 6: fix citation.paragraph',
    );
  });

  it.runIf(existsSync(ARTICLES_DIR))('every curated quote is verbatim in the real articles', () => {
    const texts = new Map(
      readdirSync(ARTICLES_DIR)
        .filter((f) => f.endsWith('.txt'))
        .map((f) => [f, readFileSync(path.join(ARTICLES_DIR, f), 'utf8')] as const),
    );
    expect(verifyQuotes(rawDataset(), texts)).toEqual([]);
  });
});

describe('generated JSON Schema', () => {
  it('matches the zod schema (run `npm run data:schema` after changing it)', () => {
    for (const [name, schema] of Object.entries(dataJsonSchemas())) {
      const committed = JSON.parse(readFileSync(path.join(DATA_DIR, 'schema', name), 'utf8'));
      expect(committed, name).toEqual(schema);
    }
  });

  it('is referenced by every data file', () => {
    for (const name of ['sources', 'actors', 'topics', 'events', 'quotes', 'commitments']) {
      const file = JSON.parse(readFileSync(path.join(DATA_DIR, `${name}.json`), 'utf8'));
      expect(file.$schema).toBe(`./schema/${name}.schema.json`);
    }
  });
});
