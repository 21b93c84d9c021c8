import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadDatasetFromDir } from '../../src/dataset/read-data-dir.ts';
import { DATA_FILES, type DataFileName } from '../../src/domain/schema.ts';
import { mergeDraft } from '../../src/ingest/accept.ts';
import { evaluateArticle, summarize } from '../../src/ingest/evaluate.ts';
import { ingestArticle } from '../../src/ingest/ingest.ts';
import { curatedDataset, DATA_DIR, FIXTURES, fixture, NOW, ROOT, SHARED_ARTICLES } from './helpers.ts';

const run = promisify(execFile);
const haveArticles = existsSync(SHARED_ARTICLES);

describe.skipIf(!haveArticles)('ingest:eval against the curated dataset', () => {
  async function evaluateAll() {
    const dataset = await curatedDataset();
    return summarize(
      dataset.sources
        .filter((s) => existsSync(path.join(SHARED_ARTICLES, s.file)))
        .map((s) =>
          evaluateArticle(readFileSync(path.join(SHARED_ARTICLES, s.file), 'utf8'), s, dataset, NOW),
        ),
    );
  }

  it('finds at least 95% of curated quotes with the right speaker and 90% of event dates', async () => {
    const summary = await evaluateAll();
    expect(summary.articles).toHaveLength(2);
    expect(summary.meetsGoals).toBe(true);
    expect(
      summary.total.quotesWithSpeaker.hit / summary.total.quotesWithSpeaker.total,
    ).toBeGreaterThanOrEqual(0.95);
    expect(summary.total.eventDates.hit / summary.total.eventDates.total).toBeGreaterThanOrEqual(0.9);
  });

  it('reports counts per article and what it missed', async () => {
    const summary = await evaluateAll();
    for (const a of summary.articles) {
      expect(a.quotesFound.total).toBeGreaterThan(0);
      expect(a.paragraphs.proposed).toBe(a.paragraphs.curated);
    }
    // Two dates no general rule can get: Trump's G7 remark is told right after Wednesday's call but
    // S1 does not say it came after it (audit 2026-11 row 9), and "in February" is the month, the
    // day comes from outside the text.
    expect(summary.articles.flatMap((a) => a.misses)).toEqual([
      expect.stringMatching(/^event trump-calls-for-russia-g7-return/),
      expect.stringMatching(/^event oval-office-clash/),
    ]);
  });

  it('exits 0 from the command line when the goals are met', async () => {
    const tsx = path.join(ROOT, 'node_modules/.bin/tsx');
    const { stdout } = await run(tsx, ['src/cli/ingest-eval.ts', SHARED_ARTICLES], { cwd: ROOT });
    expect(stdout).toMatch(/total\s+16\/16 100%\s+16\/16 100%/);
    expect(stdout).toMatch(/met\s+source articles: speaker right 16\/16/);
    // The whole eval (66 keyed articles, spawned through tsx) runs ~10 s alone and far longer under a full parallel run.
  }, 180_000);
});

describe('evaluateArticle', () => {
  it('scores a reviewed, accepted draft of its own article at 100%', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'briefbot-eval-'));
    try {
      await cp(DATA_DIR, dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}drafts`) });
      const before = await loadDatasetFromDir(dir);
      if (!before.ok) throw new Error('temp data invalid');
      const { draft } = ingestArticle(fixture('quote-styles.txt'), {
        articlePath: path.join(FIXTURES, 'quote-styles.txt'),
        published: '2025-03-07',
        now: NOW,
        dataset: before.dataset,
      });
      const records = JSON.parse(
        JSON.stringify(draft.records).replace(/TODO[^"]*/g, 'Curated in our own words here.'),
      );
      // The curator picks a speaker the draft left unknown from its candidates.
      for (const q of records.quotes)
        if (q.speaker === 'todo-speaker') q.speaker = draft.review.quotes[q.id]?.candidates[0]?.speaker;
      for (const e of records.events)
        for (const a of e.actors)
          if (a.actor === 'todo-actor') {
            const quote = records.quotes.find((q: { event: string }) => q.event === e.id);
            a.actor = quote?.speaker;
            e.title = `Statement: ${quote?.text}`;
            e.summary = `${e.title}.`;
          }
      const files: Parameters<typeof mergeDraft>[0]['files'] = {};
      for (const name of Object.keys(DATA_FILES) as DataFileName[]) {
        const text = await readFile(path.join(dir, name), 'utf8');
        files[name] = { text, json: JSON.parse(text) };
      }
      const merged = mergeDraft({ draft: { ...draft, records }, draftPath: 'd.json', files, dataDir: dir });
      if (!merged.ok) throw new Error(merged.problems.map((p) => p.message).join('; '));
      for (const [name, text] of Object.entries(merged.writes)) await writeFile(path.join(dir, name), text);
      const after = await loadDatasetFromDir(dir);
      if (!after.ok) throw new Error('merged data invalid');
      const source = after.dataset.sourceById.get('source-2025-03-07');
      if (!source) throw new Error('source missing');
      const result = evaluateArticle(fixture('quote-styles.txt'), source, after.dataset, NOW);
      // Every quote is found; each is either given its curated speaker or left "speaker unknown —
      // check" (a sieve whose measured precision is below the threshold), never a wrong one.
      expect(result.quotesFound).toEqual({ total: 9, hit: 9 });
      expect(result.quotesWithSpeaker.hit + result.leftUnknown.hit).toBe(9);
      expect(result.confidentlyWrong.hit).toBe(0);
      expect(result.eventDates.hit).toBe(result.eventDates.total);
      expect(result.extraQuotes).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
