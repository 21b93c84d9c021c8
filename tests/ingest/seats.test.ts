import { describe, expect, it } from 'vitest';
import { ingestArticle } from '../../src/ingest/ingest.ts';
import { seatOf } from '../../src/ingest/roles.ts';
import { curatedDataset, NOW } from './helpers.ts';

/** Seats of government as speakers, and plans after publication (our own example text). */

async function ingest(text: string, published: string) {
  const { draft } = await ingestArticle(text, { published, dataset: await curatedDataset(), now: NOW });
  return draft;
}

describe('seats of government', () => {
  it('files every printed form of a seat under one name', () => {
    expect(seatOf('No 10')?.canonical).toBe('Downing Street');
    expect(seatOf('Number 10')?.canonical).toBe('Downing Street');
    expect(seatOf('the Elysee')?.canonical).toBe('Élysée Palace');
    expect(seatOf('the prime minister')).toBeUndefined();
  });

  it('gives the words of "the Prime Minister’s official spokesman" to the seat the article names', async () => {
    const draft = await ingest(
      [
        'LONDON (Wire) - No 10 on Monday set out a plan for a reassurance force in Ukraine.',
        'The Prime Minister’s official spokesman told reporters: “We will not be deterred.”',
      ].join('\n\n'),
      '2025-03-03',
    );
    const q = draft.records.quotes[0];
    expect(q?.speaker).toBe('downing-street');
    expect(draft.records.actors.find((a) => a.id === 'downing-street')).toMatchObject({
      name: 'Downing Street',
      kind: 'organization',
    });
  });
});

describe('plans after publication', () => {
  it('reads "is expected to … on Friday" as the Friday after publication, a plan', async () => {
    const draft = await ingest(
      'Kyiv said the talks are expected to resume on Friday in Geneva.',
      '2025-03-03',
    );
    expect(draft.review.planned?.map((p) => p.date)).toEqual([
      expect.objectContaining({ value: '2025-03-07' }),
    ]);
  });
});
