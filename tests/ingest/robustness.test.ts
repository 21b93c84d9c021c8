import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DraftRecords } from '../../src/ingest/draft.ts';
import { ingestArticle } from '../../src/ingest/ingest.ts';
import { curatedDataset, NOW } from './helpers.ts';

const pieces = fc.constantFrom(
  'Zelensky',
  'said',
  'he',
  'she',
  'Putin',
  'met',
  'on Friday',
  'in February',
  'the talks',
  'a speech',
  'Maria Novak',
  'told reporters',
  'three years ago',
  '“',
  '”',
  '‘',
  '’',
  '"',
  "'",
  ',',
  '.',
  '\n',
  'Before the summit',
  'Earlier,',
  'U.S.',
  'J.D.',
  'war',
);

describe('ingest on arbitrary text', () => {
  it('never throws and always proposes records in the dataset shapes', async () => {
    const dataset = await curatedDataset();
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 60 }), (words) => {
        const text = `Zelensky ${words.join(' ')}`;
        const { draft } = ingestArticle(text, {
          articlePath: 'a.txt',
          published: '2025-02-14',
          now: NOW,
          dataset: dataset,
        });
        const parsed = DraftRecords.safeParse(draft.records);
        if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues.slice(0, 3)));
        for (const e of draft.records.events) expect(e.date.value <= '2025-02-14').toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});
