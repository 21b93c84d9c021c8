import { describe, expect, it } from 'vitest';
import { datasetVersion } from '../../src/domain/model.ts';
import { dataFilesDigest, datasetVersionOf } from '../../src/domain/version.ts';
import { rawDataset, rawFiles } from '../support/fixtures.ts';

const files = () =>
  Object.fromEntries(Object.entries(rawFiles()).map(([name, json]) => [name, JSON.stringify(json, null, 2)]));

describe('dataset version from the data files’ bytes', () => {
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
