import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDatasetFromDir } from '../../src/dataset/read-data-dir.ts';
import type { Dataset } from '../../src/domain/model.ts';
import { type IngestResult, ingestArticle } from '../../src/ingest/ingest.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '../..');
export const DATA_DIR = path.join(ROOT, 'data');
export const FIXTURES = path.join(ROOT, 'tests/fixtures/articles');
/** The two curated source articles (outside the project, as in CI). */
export const SHARED_ARTICLES = path.resolve(ROOT, '../shared/articles');

let cached: Promise<Dataset> | undefined;

/** The curated dataset, read (never written) for its actors, topics and ids. */
export function curatedDataset(): Promise<Dataset> {
  cached ??= loadDatasetFromDir(DATA_DIR).then((r) => {
    if (!r.ok) throw new Error(`data/ does not pass data:check: ${r.problems.length} problems`);
    return r.dataset;
  });
  return cached;
}

export const NOW = new Date('2025-10-01T12:00:00Z');

export function fixture(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}

export async function ingestFixture(name: string, published: string): Promise<IngestResult> {
  return ingestArticle(fixture(name), {
    articlePath: path.join(FIXTURES, name),
    published,
    now: NOW,
    dataset: await curatedDataset(),
  });
}
