import { describe, expect, it } from 'vitest';
import { buildDataset, indexedLists } from '../../src/domain/model.ts';
import type { RawDataset } from '../../src/domain/schema.ts';
import { buildSearchParts } from '../../src/domain/search.ts';
import { generateDataset } from '../support/generate.ts';

/** The records in reverse, so that the order comes from the sorts, not from the files. */
function reversed(raw: RawDataset): RawDataset {
  return { ...raw, events: [...raw.events].reverse(), quotes: [...raw.quotes].reverse() };
}

describe('indexedLists (what the index helper thread builds from)', () => {
  it("puts events and quotes in the dataset's order, and gives the dataset's search index", () => {
    for (const corpus of ['news', 'adversarial'] as const) {
      const raw = reversed(generateDataset({ events: 300, seed: 21, corpus }));
      const dataset = buildDataset(raw);
      const lists = indexedLists(raw);
      expect(lists.events.map((e) => e.id)).toEqual(dataset.events.map((e) => e.id));
      expect(lists.quotes.map((q) => q.id)).toEqual(dataset.quotes.map((q) => q.id));
      expect(lists.actors).toBe(dataset.actors);
      expect(lists.topics).toBe(dataset.topics);
      expect(buildSearchParts(lists)).toEqual(buildSearchParts(dataset));
    }
  });
});
