import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestArticle } from '../../src/ingest/ingest.ts';
import { holdersOn, OFFICE_TERMS, parseOfficeTerms } from '../../src/ingest/officeholders.ts';
import { INFERRED_CEILING, SPEAKER_THRESHOLD, SPEAKER_UNKNOWN } from '../../src/ingest/speakers.ts';
import { curatedDataset, NOW, ROOT } from './helpers.ts';

/**
 * The office holders known to ingest are world knowledge, not the article's. They are held in one
 * data file of dated terms, read for the publication day only, offered (never chosen) when the
 * text does not name the holder, and never used against a name the text gives.
 */

const DATA_FILE = path.join(ROOT, 'src/ingest/office-holders.json');

// Written for these tests: a wire story that names no one for the role it quotes.
const UNNAMED = [
  'LONDON (Wire) - Britain’s prime minister on Monday promised more air defence for Ukraine.',
  '“We will not step back,” the British prime minister told reporters.',
].join('\n\n');

async function ingest(text: string, published: string) {
  const { draft } = await ingestArticle(text, { published, dataset: await curatedDataset(), now: NOW });
  const quotes = draft.records.quotes.map((q) => ({
    speaker: q.speaker,
    review: draft.review.quotes[q.id],
  }));
  return { draft, quotes };
}

describe('office holders: one data file of dated terms', () => {
  it('reads every holder from office-holders.json, each term with a first day and an end not before it', () => {
    const raw = JSON.parse(readFileSync(DATA_FILE, 'utf8')) as { terms: { from: string; to?: string }[] };
    expect(OFFICE_TERMS).toEqual(raw.terms);
    for (const t of OFFICE_TERMS) {
      expect(t.from).toMatch(/^\d{4}-\d{2}-\d{2}$/u);
      if (t.to) expect(t.to >= t.from).toBe(true);
    }
    expect(holdersOn('2025-03-03').map((h) => h.name)).toContain('Keir Starmer');
    expect(holdersOn('2024-03-04').map((h) => h.name)).toContain('Rishi Sunak');
    expect(holdersOn('2024-03-04').map((h) => h.name)).not.toContain('Keir Starmer');
  });

  it('refuses a term with no first day, one that ends before it starts, two holders at once, or no country', () => {
    const term = { name: 'Ana Lind', title: 'Swedish prime minister', from: '2024-01-01' };
    expect(() => parseOfficeTerms({ terms: [{ ...term, from: undefined }] }, 'f.json')).toThrow(
      /f\.json: terms\.0\.from/u,
    );
    expect(() => parseOfficeTerms({ terms: [{ ...term, to: '2023-12-31' }] })).toThrow(
      /ends before it starts/u,
    );
    expect(() =>
      parseOfficeTerms({ terms: [term, { ...term, name: 'Per Holm', from: '2024-06-01' }] }),
    ).toThrow(/two holders at once \(Ana Lind, Per Holm\)/u);
    expect(() => parseOfficeTerms({ terms: [{ ...term, title: 'prime minister' }] })).toThrow(/no country/u);
    expect(
      parseOfficeTerms({
        terms: [
          { ...term, to: '2024-05-31' },
          { ...term, name: 'Per Holm', from: '2024-06-01' },
        ],
      }),
    ).toHaveLength(2);
  });
});

describe('office holders in an article', () => {
  it('uses the holder on the publication day, not on any other', async () => {
    const in2025 = await ingest(UNNAMED, '2025-03-03');
    const in2024 = await ingest(UNNAMED, '2024-03-04');
    expect(in2025.quotes[0]?.review?.candidates.map((c) => c.speaker)).toEqual(['new:Keir Starmer']);
    expect(in2024.quotes[0]?.review?.candidates.map((c) => c.speaker)).toEqual(['new:Rishi Sunak']);
  });

  it('marks a holder the text does not name as inferred and proposes no actor or event role for them', async () => {
    const { draft, quotes } = await ingest(UNNAMED, '2025-03-03');
    const candidate = quotes[0]?.review?.candidates[0];
    expect(candidate).toMatchObject({
      speaker: 'new:Keir Starmer',
      rule: 'adjacent/role-outside',
      inferred: true,
    });
    expect(candidate?.evidence).toContain('a name the text does not give');
    expect(draft.records.actors.map((a) => a.name)).not.toContain('Keir Starmer');
    expect(draft.records.events.flatMap((e) => e.actors.map((a) => a.actor))).not.toContain('keir-starmer');
    expect(draft.review.otherNames.find((n) => n.name === 'Keir Starmer')).toMatchObject({ inferred: true });
    const notes = Object.values(draft.review.events).flatMap((e) => e.notes);
    expect(notes.some((n) => n.startsWith('not an actor: Keir Starmer is inferred'))).toBe(true);
  });

  it('gives an inferred holder a confidence below the review threshold, so the curator must choose', async () => {
    expect(INFERRED_CEILING).toBeLessThan(SPEAKER_THRESHOLD);
    const { quotes } = await ingest(UNNAMED, '2025-03-03');
    const q = quotes[0];
    expect(q?.speaker).toBe('todo-speaker');
    expect(q?.review?.flags).toContain(SPEAKER_UNKNOWN);
    for (const c of q?.review?.candidates ?? [])
      if (c.inferred) expect(c.confidence).toBeLessThan(SPEAKER_THRESHOLD);
  });

  it('keeps an inferred holder below the threshold when a pronoun refers to them', async () => {
    const text = [
      'MOSCOW (Wire) - Russia and Ukraine agreed on Tuesday to swap wounded prisoners.',
      'The Kremlin spokesman sounded cautious. “There is no date yet,” he told reporters.',
    ].join('\n\n');
    const { quotes } = await ingest(text, '2025-06-10');
    const q = quotes[0];
    expect(q?.speaker).toBe('todo-speaker');
    expect(q?.review?.candidates[0]).toMatchObject({ speaker: 'new:Dmitry Peskov', inferred: true });
    expect(q?.review?.candidates[0]?.confidence).toBeLessThan(SPEAKER_THRESHOLD);
  });

  it('links the role to the holder when the text names them, as a name the text gives', async () => {
    const { quotes } = await ingest(
      `${UNNAMED}\n\nSir Keir Starmer has made Ukraine his first priority.`,
      '2025-03-03',
    );
    expect(quotes[0]?.speaker).toBe('keir-starmer');
    expect(quotes[0]?.review?.candidates[0]).toMatchObject({ rule: 'adjacent/role-known' });
    expect(quotes[0]?.review?.candidates[0]?.inferred).toBeUndefined();
  });

  it('never uses the known holder when the text titles someone else with the office, before or after', async () => {
    const before = await ingest(
      'Prime Minister Jane Holt of Britain met troops on Monday.\n\n“We will not step back,” Britain’s prime minister told reporters.',
      '2025-03-03',
    );
    expect(before.quotes[0]?.speaker).toBe('jane-holt');
    const after = await ingest(
      `${UNNAMED}\n\nPrime Minister Jane Holt, who took office last month, has made Ukraine her first priority.`,
      '2025-03-03',
    );
    for (const { draft, quotes } of [before, after]) {
      expect(quotes.flatMap((q) => q.review?.candidates.map((c) => c.speaker) ?? [])).not.toContain(
        'keir-starmer',
      );
      expect(draft.records.actors.map((a) => a.id)).not.toContain('keir-starmer');
      expect(JSON.stringify(draft)).not.toContain('Starmer');
    }
  });
});
