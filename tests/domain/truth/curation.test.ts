import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA_FILES, type DataFileName } from '../../../src/domain/schema.ts';
import { checkDraftRecords } from '../../../src/domain/truth/index.ts';
import { mergeDraft } from '../../../src/ingest/accept.ts';
import type { DraftFile } from '../../../src/ingest/draft.ts';
import { ingestArticle } from '../../../src/ingest/ingest.ts';
import { formatReviewTable } from '../../../src/ingest/review-table.ts';
import { DATA_DIR, REPO, realDataset } from '../../support/fixtures.ts';

/** The truth guards on the curation path: ingest's review table and ingest:accept. */

const ARTICLE = 'quote-styles.txt'; // our own writing, in tests/fixtures/articles
const ARTICLE_PATH = path.join(REPO, 'tests/fixtures/articles', ARTICLE);
const TEXT = readFileSync(ARTICLE_PATH, 'utf8');
const TEXTS = new Map([[ARTICLE, TEXT]]);

async function draft(): Promise<DraftFile> {
  return ingestArticle(TEXT, {
    articlePath: ARTICLE_PATH,
    published: '2025-03-07',
    now: new Date('2025-10-01T12:00:00Z'),
    dataset: await realDataset(),
  }).draft;
}

/** A curator's review: summaries and contexts written from what each record cites. */
function reviewed(d: DraftFile, summary?: string): DraftFile {
  const records = structuredClone(d.records);
  // A speaker the draft left unknown: the curator picks one of its candidates and names the event.
  const review = d.review as { quotes: Record<string, { candidates: { speaker: string }[] }> };
  for (const q of records.quotes)
    if (q.speaker === 'todo-speaker') q.speaker = review.quotes[q.id]?.candidates[0]?.speaker ?? q.speaker;
  for (const e of records.events)
    for (const a of e.actors)
      if (a.actor === 'todo-actor') {
        const quote = records.quotes.find((q) => q.event === e.id);
        a.actor = quote?.speaker ?? a.actor;
        if (quote) e.title = `Statement: ${quote.text}`;
      }
  for (const e of records.events) e.summary = `${e.title}.`;
  if (summary && records.events[0]) records.events[0].summary = summary;
  for (const q of records.quotes) q.context = `Quoted: “${q.text}”`;
  const fill = (v: unknown): unknown =>
    typeof v === 'string' && v.includes('TODO')
      ? 'Written by the curator in our own words.'
      : Array.isArray(v)
        ? v.map(fill)
        : v && typeof v === 'object'
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fill(x)]))
          : v;
  return { ...d, records: fill(records) as DraftFile['records'] };
}

function files() {
  const out: Parameters<typeof mergeDraft>[0]['files'] = {};
  for (const name of Object.keys(DATA_FILES) as DataFileName[]) {
    const text = readFileSync(path.join(DATA_DIR, name), 'utf8');
    out[name] = { text, json: JSON.parse(text) };
  }
  return out;
}

const merge = (d: DraftFile) =>
  mergeDraft({
    draft: JSON.parse(JSON.stringify(d)),
    draftPath: 'drafts/x.json',
    files: files(),
    dataDir: 'data',
    sourceTexts: TEXTS,
  });

describe('ingest:accept', () => {
  it('merges a reviewed draft whose records pass the guards', async () => {
    const result = merge(reviewed(await draft()));
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it('refuses a copied summary, naming the draft record, the run and the paragraph', async () => {
    const copied =
      'Zelensky met French President Emmanuel Macron in Paris on Wednesday to discuss a ceasefire plan.';
    const result = merge(reviewed(await draft(), copied));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toContainEqual({
      file: 'drafts/x.json',
      path: 'records.events[0].summary',
      message:
        'shares 15 consecutive words with S3 ¶2: "Zelensky met French President Emmanuel Macron in Paris on Wednesday to discuss a ceasefire plan": write it in our own words (only quotes are copied, into quotes.json)',
      severity: 'error',
      guard: 'own-words',
    });
  });

  it('refuses an unsupported summary and an added qualifier', async () => {
    const result = merge(reviewed(await draft(), 'Zelensky and Macron hold their annual meeting in Paris.'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => `${p.path}: ${p.message}`)).toContainEqual(
      expect.stringMatching(
        /^records\.events\[0\]\.summary: .* is not supported by S3 ¶2, .*: "annual" is not there/,
      ),
    );
  });
});

describe('ingest review table', () => {
  it('shows the guards’ findings on the proposals, and that accept will refuse them', async () => {
    const d = await draft();
    const event = d.records.events[0];
    if (event)
      event.date = {
        value: '2025-03',
        precision: 'month',
        latest: '2025-03-05',
        basis: "'Before the talks'",
      };
    const truth = checkDraftRecords(await realDataset(), d.records, TEXTS, { draftPath: 'drafts/x.json' });
    const table = formatReviewTable(d, 'drafts/x.json', truth);
    expect(table).toContain(
      'TRUTH CHECKS (own words, support, attribution, dates, tags): 1 error(s), 0 warning(s) — ingest:accept refuses the draft until they are fixed',
    );
    expect(table).toMatch(
      /error\s+dates\s+events\[0\]\.date\s+precision "month" is finer than a one-sided bound supports/,
    );
    // The curated sources' texts are not at hand: the table says what was not compared.
    expect(table).toContain('note: own-words skipped: no text for S1, S2: not compared with those sources');
  });

  it('skips placeholder text, so a fresh draft only shows what its proposals get wrong', async () => {
    const d = await draft();
    const truth = checkDraftRecords(await realDataset(), d.records, TEXTS, { draftPath: 'drafts/x.json' });
    expect(truth.problems).toEqual([]);
  });
});
