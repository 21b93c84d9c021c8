import { describe, expect, it } from 'vitest';
import { calibratedConfidence, SPEAKER_THRESHOLD } from '../../src/ingest/speakers.ts';
import { ingestFixture } from './helpers.ts';

/** Quotes proposed for the quote-styles fixture (published Friday 7 March 2025): text → speaker, rule. */
async function quotes() {
  const { draft } = await ingestFixture('quote-styles.txt', '2025-03-07');
  return draft.records.quotes.map((q) => ({
    text: q.text,
    speaker: q.speaker,
    paragraph: q.citation.paragraph,
    rule: draft.review.quotes[q.id]?.speakerRule,
    fragment: q.fragment,
  }));
}

describe('quotes and speakers', () => {
  it('finds quotes in every style, verbatim, with "X said", "said X" and "X told"', async () => {
    const q = await quotes();
    expect(q).toContainEqual(
      expect.objectContaining({
        text: 'We are ready to work on a ceasefire',
        speaker: 'volodymyr-zelensky',
        rule: 'adjacent/name',
      }),
    );
    expect(q).toContainEqual(
      expect.objectContaining({
        text: 'Europe will not stand aside',
        speaker: 'emmanuel-macron',
        rule: 'adjacent/name',
      }),
    );
    expect(q).toContainEqual(
      expect.objectContaining({
        text: 'Peace must be just',
        speaker: 'emmanuel-macron',
        rule: 'adjacent/name',
      }),
    );
  });

  it('gives a quote standing alone the speaker of the sentence before', async () => {
    expect(await quotes()).toContainEqual(
      expect.objectContaining({
        text: 'Nobody wants a frozen conflict.',
        speaker: 'emmanuel-macron',
        rule: 'paragraph/name',
      }),
    );
  });

  it('resolves "he" and "she" to the last person named, skipping one of the other gender', async () => {
    const q = await quotes();
    expect(q).toContainEqual(
      expect.objectContaining({
        text: 'The talks were long but useful',
        speaker: 'emmanuel-macron',
        // "He added …" in the sentence before already referred to Macron: the chain is one sentence long.
        rule: 'adjacent/pronoun',
      }),
    );
    expect(q).toContainEqual(
      expect.objectContaining({
        text: 'It is a first step and nothing more',
        speaker: 'maria-kowalska',
        rule: 'adjacent/pronoun',
      }),
    );
    // "Kowalska spoke after Macron left. “We need a timetable,” she said." — Macron is "he".
    expect(q).toContainEqual(
      expect.objectContaining({
        text: 'We need a timetable',
        speaker: 'maria-kowalska',
        rule: 'adjacent/pronoun',
      }),
    );
  });

  it('proposes the speaker named in the sentence after, at the confidence that sieve measured', async () => {
    const { draft } = await ingestFixture('quote-styles.txt', '2025-03-07');
    const id =
      draft.records.quotes.find((q) => q.text === 'There is no alternative to negotiations.')?.id ?? '';
    const review = draft.review.quotes[id];
    expect(review?.candidates[0]).toMatchObject({
      speaker: 'volodymyr-zelensky',
      rule: 'next-sentence/name',
      confidence: calibratedConfidence('next-sentence', 'name'),
    });
    // Chosen only when the sieve's measured precision reaches the review threshold.
    const chosen = draft.records.quotes.find((q) => q.id === id)?.speaker;
    expect(chosen).toBe(
      calibratedConfidence('next-sentence', 'name') >= SPEAKER_THRESHOLD
        ? 'volodymyr-zelensky'
        : 'todo-speaker',
    );
  });

  it('marks phrases quoted inside a sentence as fragments', async () => {
    expect(await quotes()).toContainEqual(
      expect.objectContaining({
        text: 'real security guarantees',
        speaker: 'volodymyr-zelensky',
        fragment: true,
      }),
    );
  });

  it('cites paragraphs the way citations count them and never quotes furniture', async () => {
    const { draft } = await ingestFixture('quote-styles.txt', '2025-03-07');
    const source = draft.records.sources[0];
    expect(source?.paragraphCount).toBe(15);
    expect(source?.furniture).toEqual([1, 14, 15]);
    expect(draft.records.quotes.map((q) => q.citation.paragraph)).not.toContain(14);
    expect(draft.records.quotes).toHaveLength(9);
  });

  it('keeps each quote with its confidence and the sentence it came from', async () => {
    const { draft } = await ingestFixture('quote-styles.txt', '2025-03-07');
    const id = draft.records.quotes.find((q) => q.text === 'We need a timetable')?.id ?? '';
    expect(draft.review.quotes[id]).toMatchObject({
      paragraph: 10,
      sentence: '“We need a timetable,” she said.',
      speakerRule: 'adjacent/pronoun',
      confidence: calibratedConfidence('adjacent', 'pronoun'),
    });
  });
});
