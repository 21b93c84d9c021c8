import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { datasetVersion } from '../../src/domain/model.ts';
import { dataFilesDigest, datasetVersionOf } from '../../src/domain/version.ts';
import { rawDataset, rawFiles } from '../support/fixtures.ts';

const files = () =>
  Object.fromEntries(Object.entries(rawFiles()).map(([name, json]) => [name, JSON.stringify(json, null, 2)]));

/** The plain formulation: copy every byte except whitespace outside strings, then hash. */
function referenceVersion(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  const out: number[] = [];
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i] as number;
    if (inString) {
      out.push(c);
      if (c === 0x5c && i + 1 < bytes.length) out.push(bytes[++i] as number);
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
      out.push(c);
    } else if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) out.push(c);
  }
  const hash = createHash('sha256');
  for (const name of Object.keys(rawFiles())) {
    hash.update(`${name}\0`);
    if (name === 'events.json') hash.update(Buffer.from(out));
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 12);
}

describe('dataset version from the data files’ bytes', () => {
  it('equals the plain byte-by-byte formulation on any text (escapes, long strings, unterminated)', () => {
    const piece = fc.oneof(
      fc.constantFrom('"', '\\', '\\\\', '\\"', ' ', '\n', '\t', '\r', '{', '}', ':', ',', 'é', 'a'),
      fc.string({ minLength: 10, maxLength: 80 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        expect(datasetVersionOf({ 'events.json': text })).toBe(referenceVersion(text));
      }),
      { numRuns: 3000 },
    );
    const pretty = JSON.stringify(rawFiles()['events.json'], null, 2);
    expect(datasetVersionOf({ 'events.json': pretty })).toBe(referenceVersion(pretty));
  });

  it('ignores the layout of the JSON: re-indented or minified files are the same version', () => {
    const pretty = files();
    const minified = Object.fromEntries(
      Object.entries(pretty).map(([name, text]) => [name, JSON.stringify(JSON.parse(text))]),
    );
    const tabs = Object.fromEntries(
      Object.entries(pretty).map(([name, text]) => [name, JSON.stringify(JSON.parse(text), null, '\t')]),
    );
    expect(datasetVersionOf(minified)).toBe(datasetVersionOf(pretty));
    expect(datasetVersionOf(tabs)).toBe(datasetVersionOf(pretty));
    expect(datasetVersionOf(pretty)).toMatch(/^[0-9a-f]{12}$/);
    // The exact bytes differ, so the validated snapshot of one is not the other's.
    expect(dataFilesDigest(minified)).not.toBe(dataFilesDigest(pretty));
  });

  it('changes with any value, key or order, including whitespace inside strings', () => {
    const base = { 'events.json': '{"events": [{"id": "a b", "n": 1}]}' };
    const v = datasetVersionOf(base);
    for (const changed of [
      '{"events": [{"id": "a  b", "n": 1}]}',
      '{"events": [{"id": "ab", "n": 1}]}',
      '{"events": [{"id": "a b", "n": 2}]}',
      '{"events": [{"n": 1, "id": "a b"}]}',
      '{"events": [{"id": "a b\\" ", "n": 1}]}',
    ])
      expect(datasetVersionOf({ 'events.json': changed }), changed).not.toBe(v);
    expect(datasetVersionOf({ 'events.json': '{ "events" : [ { "id" : "a b" , "n" : 1 } ] }\n' })).toBe(v);
    // The same text in another file is another dataset.
    expect(datasetVersionOf({ 'quotes.json': base['events.json'] })).not.toBe(v);
  });

  it('gives data built in memory the version of its files written without indentation', () => {
    const raw = rawDataset();
    const written = Object.fromEntries(
      Object.entries(raw).map(([key, list]) => [`${key}.json`, JSON.stringify({ [key]: list }, null, 1)]),
    );
    expect(datasetVersion(raw)).toBe(datasetVersionOf(written));
  });
});
