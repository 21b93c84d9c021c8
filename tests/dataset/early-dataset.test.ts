/**
 * A cold build sends the dataset's sections ahead of its cache file, and the loader decodes them
 * while the build finishes the search index: the same dataset as decoding the whole file.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BuildResult } from '../../src/dataset/build-cache.ts';
import {
  decodeCacheFile,
  decodeDatasetSections,
  encodeCacheFile,
  encodeDatasetSections,
} from '../../src/dataset/cache-file.ts';
import {
  type EarlyDataset,
  packDatasetSections,
  unpackDatasetSections,
} from '../../src/dataset/early-dataset.ts';
import { createDatasetLoader } from '../../src/dataset/loader.ts';
import { loadDatasetFromDir } from '../../src/dataset/read-data-dir.ts';
import { runBuildWorker } from '../../src/dataset/worker-thread.ts';
import { buildActorParts } from '../../src/domain/actors.ts';
import { buildDataset } from '../../src/domain/model.ts';
import { buildSearchParts } from '../../src/domain/search.ts';
import { DATA_DIR } from '../support/fixtures.ts';
import { generateDataset } from '../support/generate.ts';

const key = { digest: 'a'.repeat(64), fingerprint: 'code-1' };

describe('dataset sections sent ahead', () => {
  const d = buildDataset(generateDataset({ events: 200, seed: 3, corpus: 'news' }));
  const indexes = { search: buildSearchParts(d), actors: buildActorParts(d) };

  it('pack into one buffer and unpack to the same sections; a malformed message is refused', () => {
    const data = encodeDatasetSections(d, 2_048);
    expect(data.sections.length).toBeGreaterThan(10);
    const early = packDatasetSections('f'.repeat(64), data);
    expect(early.body.byteLength).toBe(data.sections.reduce((n, [, b]) => n + b.byteLength, 0));
    const back = unpackDatasetSections(early);
    expect(back?.version).toBe(d.version);
    expect(back?.sections.map(([n, b]) => [n, Buffer.from(b).toString('latin1')])).toEqual(
      data.sections.map(([n, b]) => [n, Buffer.from(b).toString('latin1')]),
    );
    expect(unpackDatasetSections({ ...early, lengths: early.lengths.slice(1) })).toBeUndefined();
    expect(unpackDatasetSections({ ...early, lengths: early.lengths.map((n) => n + 1) })).toBeUndefined();
    expect(unpackDatasetSections({ ...early, body: early.body.subarray(1) })).toBeUndefined();
  });

  it('decode to the lists the whole file decodes to, and the file then gives its indexes alone', async () => {
    const file = encodeCacheFile(key, d, indexes, 4_096);
    const whole = await decodeCacheFile(file, key);
    if (!whole.ok) throw new Error(whole.reason);
    const part = await decodeDatasetSections(encodeDatasetSections(d, 4_096));
    expect(part.raw).toEqual(whole.contents.raw);
    expect(part.prepared).toEqual(whole.contents.prepared);
    const rest = await decodeCacheFile(file, key, { dataset: part });
    if (!rest.ok) throw new Error(rest.reason);
    expect(rest.contents.raw).toBe(part.raw);
    expect(rest.contents.indexes).toEqual(whole.contents.indexes);
    expect(rest.contents.version).toBe(d.version);
  });
});

describe('the build worker and the loader', () => {
  let dataDir: string;
  let cacheDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'briefbot-early-data-'));
    cacheDir = await mkdtemp(path.join(tmpdir(), 'briefbot-early-cache-'));
    await cp(DATA_DIR, dataDir, { recursive: true, filter: (src) => !src.includes(`${path.sep}drafts`) });
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
    await rm(cacheDir, { recursive: true, force: true });
  });

  it('the worker reports the dataset sections before its result, for the same data', async () => {
    const seen: Array<'early' | 'result'> = [];
    let early: EarlyDataset | undefined;
    const result = await runBuildWorker<BuildResult, EarlyDataset>(
      { role: 'build', dir: dataDir, fingerprint: 'code-1' },
      {},
      (progress) => {
        seen.push('early');
        early = progress;
      },
    ).result;
    seen.push('result');
    expect(seen).toEqual(['early', 'result']);
    if (!result.ok || !early) throw new Error('no valid build');
    expect(early.digest).toBe(result.digest);
    expect(early.version).toBe(result.version);
    const part = await decodeDatasetSections(unpackDatasetSections(early) ?? { version: '', sections: [] });
    const reference = await loadDatasetFromDir(dataDir);
    if (!reference.ok) throw new Error('data/ is invalid');
    expect(part.raw.events).toEqual(reference.dataset.events);
    expect(part.raw.quotes).toEqual(reference.dataset.quotes);
  });

  it('a cold load through the worker gives the dataset and indexes a warm load gives', async () => {
    const said: string[] = [];
    const logger = { info: (_: object, msg?: string) => said.push(msg ?? ''), warn: () => undefined };
    const cold = await createDatasetLoader({ cacheDir, logger })(dataDir);
    expect(said).toContain('dataset decoded while its index was built');
    said.length = 0;
    const warm = await createDatasetLoader({ cacheDir, logger })(dataDir);
    expect(said).toContain('dataset loaded from the cache');
    expect(said).not.toContain('dataset decoded while its index was built');
    const plain = await createDatasetLoader({ worker: false })(dataDir);
    if (!cold.ok || !warm.ok || !plain.ok) throw new Error('invalid');
    for (const other of [warm, plain]) {
      expect(cold.dataset.version).toBe(other.dataset.version);
      expect(cold.dataset.events).toEqual(other.dataset.events);
      expect(cold.dataset.quotes).toEqual(other.dataset.quotes);
      expect([...cold.dataset.eventDay]).toEqual([...other.dataset.eventDay]);
      expect(cold.indexes).toEqual(other.indexes);
    }
  });
});
