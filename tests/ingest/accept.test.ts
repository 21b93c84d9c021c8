import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDatasetFromDir } from '../../src/dataset/read-data-dir.ts';
import { DATA_FILES, type DataFileName, type RawDataset } from '../../src/domain/schema.ts';
import { translationHash } from '../../src/domain/translations.ts';
import { translationCoverage } from '../../src/domain/truth/translations.ts';
import { type MergeInput, mergeDraft } from '../../src/ingest/accept.ts';
import type { DraftFile } from '../../src/ingest/draft.ts';
import { ingestArticle } from '../../src/ingest/ingest.ts';
import { DATA_DIR, FIXTURES, fixture, NOW, ROOT } from './helpers.ts';

const run = promisify(execFile);
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'briefbot-accept-'));
  await cp(DATA_DIR, dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}drafts`) });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function readFiles(): Promise<MergeInput['files']> {
  const files: MergeInput['files'] = {};
  for (const name of Object.keys(DATA_FILES) as DataFileName[]) {
    const text = await readFile(path.join(dir, name), 'utf8');
    files[name] = { text, json: JSON.parse(text) };
  }
  return files;
}

async function draftFor(name: string, published: string): Promise<DraftFile> {
  const loaded = await loadDatasetFromDir(dir);
  if (!loaded.ok) throw new Error('temp data invalid');
  return ingestArticle(fixture(name), {
    articlePath: path.join(FIXTURES, name),
    published,
    now: NOW,
    dataset: loaded.dataset,
  }).draft;
}

/**
 * What a curator does: every TODO replaced with our own words — summaries and quote contexts
 * grounded in what the record cites, since accept runs the truth guards (support) on them.
 */
function review(draft: DraftFile): DraftFile {
  const records = structuredClone(draft.records);
  for (const q of records.quotes) if (q.context.includes('TODO')) q.context = `Quoted: “${q.text}”`;
  // "speaker unknown — check": the curator reads the candidates and picks one.
  const review = draft.review as { quotes: Record<string, { candidates: { speaker: string }[] }> };
  for (const q of records.quotes)
    if (q.speaker === 'todo-speaker') q.speaker = review.quotes[q.id]?.candidates[0]?.speaker ?? q.speaker;
  // An event whose actor the draft left open gets the speaker of a quote told at it.
  for (const e of records.events)
    for (const a of e.actors)
      if (a.actor === 'todo-actor') {
        const quote = records.quotes.find((q) => q.event === e.id);
        a.actor = quote?.speaker ?? a.actor;
        if (quote) e.title = `Statement: ${quote.text}`;
      }
  for (const e of records.events) if (e.summary.includes('TODO')) e.summary = `${e.title}.`;
  const fill = (value: unknown): unknown => {
    if (typeof value === 'string' && value.includes('TODO'))
      return 'Written by the curator in our own words.';
    if (Array.isArray(value)) return value.map(fill);
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v)]));
    return value;
  };
  return { ...draft, records: fill(records) as DraftFile['records'] };
}

async function merge(draft: unknown) {
  return mergeDraft({
    draft: JSON.parse(JSON.stringify(draft)),
    draftPath: 'data/drafts/x.json',
    files: await readFiles(),
    dataDir: 'data',
    sourceTexts: new Map([['quote-styles.txt', fixture('quote-styles.txt')]]),
  });
}

async function write(writes: Partial<Record<DataFileName, string>>) {
  for (const [name, text] of Object.entries(writes)) await writeFile(path.join(dir, name), text);
}

describe('ingest:accept', () => {
  it('refuses a draft that still has TODOs, naming each place', async () => {
    const result = await merge(await draftFor('quote-styles.txt', '2025-03-07'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toContainEqual({
      file: 'data/drafts/x.json',
      path: 'records.sources[0].summary',
      message: 'still has a TODO: write it in our own words (or delete the record)',
    });
  });

  it('merges a reviewed draft, reports what it added, and the result passes data:check', async () => {
    const before = await readFiles();
    const draft = review(await draftFor('quote-styles.txt', '2025-03-07'));
    const result = await merge(draft);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.added.sources).toEqual(['source-2025-03-07']);
    expect(result.added.quotes).toHaveLength(9);
    expect(result.added.actors).toEqual(['maria-kowalska']);
    expect(result.versionAfter).not.toBe(result.versionBefore);
    await write(result.writes);
    const loaded = await loadDatasetFromDir(dir);
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.dataset.sourceById.get('source-2025-03-07')?.label).toBe('S3');
    expect(loaded.dataset.version).toBe(result.versionAfter);
    // Existing records keep their text byte for byte; review metadata is not merged.
    const events = result.writes['events.json'] ?? '';
    const original = before['events.json']?.text ?? '';
    expect(events.startsWith(original.slice(0, original.lastIndexOf(']')).trimEnd())).toBe(true);
    expect(events).not.toContain('confidence');
    expect(result.writes['topics.json']).toBeUndefined();
  });

  it('refuses a draft whose records break the dataset, pointing at the draft record', async () => {
    const draft = review(await draftFor('quote-styles.txt', '2025-03-07'));
    const quote = draft.records.quotes[0];
    if (quote) quote.speaker = 'nobody-we-know';
    const result = await merge(draft);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toContainEqual(
      expect.objectContaining({ file: 'data/drafts/x.json', path: 'records.quotes[0].speaker' }),
    );
  });

  it('refuses quotes that are not verbatim in the paragraph they cite', async () => {
    const draft = review(await draftFor('quote-styles.txt', '2025-03-07'));
    const quote = draft.records.quotes[0];
    if (quote) quote.text = 'We are ready to sign a ceasefire';
    const result = await merge(draft);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toContainEqual(
      expect.objectContaining({ file: 'data/drafts/x.json', path: 'records.quotes[0].text' }),
    );
  });

  it('refuses an article that was ingested before', async () => {
    const draft = review(await draftFor('quote-styles.txt', '2025-03-07'));
    const first = await merge(draft);
    if (!first.ok) throw new Error('first merge failed');
    await write(first.writes);
    const again = await merge(review(await draftFor('quote-styles.txt', '2025-03-07')));
    expect(again.ok).toBe(false);
    if (again.ok) return;
    expect(again.problems[0]?.message).toMatch(/already source S3/);
  });

  it('runs end to end from the command line on a copy of data/', async () => {
    const tsx = path.join(ROOT, 'node_modules/.bin/tsx');
    const article = path.join(FIXTURES, 'misspelled-names.txt');
    const draftPath = path.join(dir, 'drafts', 'rutte.json');
    const ingest = await run(
      tsx,
      [
        'src/cli/ingest.ts',
        article,
        '--published',
        '2025-09-01',
        '--title',
        'Zelensky in Brussels',
        '--data',
        dir,
        '--out',
        draftPath,
      ],
      { cwd: ROOT },
    );
    expect(ingest.stdout).toContain('QUOTES (2)');
    expect(ingest.stdout).toContain('SPELLING VARIANTS');
    const refused = await run(tsx, ['src/cli/ingest-accept.ts', draftPath, '--data', dir], {
      cwd: ROOT,
    }).catch((e: { code: number; stderr: string }) => e);
    expect(refused).toMatchObject({ code: 1 });
    expect((refused as { stderr: string }).stderr).toContain('nothing was merged');
    const draft = JSON.parse(await readFile(draftPath, 'utf8')) as DraftFile;
    await writeFile(draftPath, JSON.stringify(review(draft)));
    const accepted = await run(tsx, ['src/cli/ingest-accept.ts', draftPath, '--data', dir], { cwd: ROOT });
    expect(accepted.stdout).toContain('data:check passes');
    expect(accepted.stdout).toMatch(/quotes: 2 \(zelensky-closer-than-ever, rutte-warm-evening\)/);
    expect((await loadDatasetFromDir(dir)).ok).toBe(true);
  });
});

describe('ingest:accept and translations', () => {
  const translated = (files: MergeInput['files']) => {
    const out = new Map<string, unknown>();
    for (const [name, spec] of Object.entries(DATA_FILES)) {
      const records = (
        (files[name as DataFileName]?.json ?? {}) as Record<string, { id: string; i18n?: unknown }[]>
      )[spec.key];
      for (const r of records ?? []) if (r.i18n) out.set(`${spec.key}/${r.id}`, r.i18n);
    }
    return out;
  };
  const raw = (files: MergeInput['files']) =>
    Object.fromEntries(
      Object.entries(DATA_FILES).map(([name, spec]) => [
        spec.key,
        ((files[name as DataFileName]?.json ?? {}) as Record<string, unknown[]>)[spec.key],
      ]),
    ) as unknown as RawDataset;

  it('keeps every existing translation, current, when a draft is merged', async () => {
    const before = await readFiles();
    const coverageBefore = translationCoverage(raw(before)).uk;
    expect(coverageBefore.current).toBeGreaterThan(0);
    const result = await merge(review(await draftFor('quote-styles.txt', '2025-03-07')));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    await write(result.writes);
    const after = await readFiles();
    const kept = translated(after);
    for (const [key, i18n] of translated(before)) expect(kept.get(key), key).toEqual(i18n);
    const coverageAfter = translationCoverage(raw(after)).uk;
    // The new records are untranslated (warned by data:check), none of the old ones went stale.
    expect(coverageAfter.current).toBe(coverageBefore.current);
    expect(coverageAfter.stale).toBe(0);
    expect(coverageAfter.missing).toBeGreaterThan(0);
    // Missing translations of new records do not stand in the way of an accept.
    expect(result.warnings.filter((w) => w.guard === 'translations')).toEqual([]);
  });

  it('holds a draft record’s translation to its English: a copy is refused, a stale one is warned', async () => {
    const draft = review(await draftFor('quote-styles.txt', '2025-03-07'));
    const event = draft.records.events[0];
    if (!event) throw new Error('the draft has no event');
    event.i18n = { uk: { title: { text: event.title, from: translationHash(event.title) } } };
    const copied = await merge(draft);
    expect(copied.ok).toBe(false);
    if (copied.ok) return;
    expect(copied.problems).toContainEqual(
      expect.objectContaining({
        file: 'data/drafts/x.json',
        path: 'records.events[0].i18n.uk.title',
        message: 'is the English text, not a translation',
      }),
    );
    event.i18n = {
      uk: { title: { text: 'Заява, перекладена з раннього тексту', from: translationHash('older') } },
    };
    const stale = await merge(draft);
    expect(stale.ok).toBe(true);
    if (!stale.ok) return;
    expect(stale.warnings).toContainEqual(
      expect.objectContaining({
        path: 'records.events[0].i18n.uk.title',
        severity: 'warning',
        message: expect.stringContaining('stale: translated from an earlier English text'),
      }),
    );
  });
});
