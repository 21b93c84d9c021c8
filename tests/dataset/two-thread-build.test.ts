import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BuildOptions, buildCacheFile, type IndexJob } from '../../src/dataset/build-cache.ts';
import { decodeCacheFile } from '../../src/dataset/cache-file.ts';
import { loadDatasetFromDir, parseDataFiles, readDataBytes } from '../../src/dataset/read-data-dir.ts';
import { listsWithDefaults, sameJson } from '../../src/dataset/schema-defaults.ts';
import { runBuildWorker } from '../../src/dataset/worker-thread.ts';
import { buildRankedIndex, type RankedIndexParts } from '../../src/domain/ranked-index.ts';
import { validateDataset } from '../../src/domain/validate.ts';
import { DATA_DIR } from '../support/fixtures.ts';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'briefbot-two-thread-'));
  await cp(DATA_DIR, dataDir, { recursive: true, filter: (src) => !src.includes(`${path.sep}drafts`) });
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** The fields the schema fills in when absent, removed from every record that has their default. */
const DEFAULTED: Record<string, Record<string, unknown>> = {
  'events.json': { topics: [], related: [] },
  'quotes.json': { topics: [], fragment: false },
  'actors.json': { aliases: [], roles: [] },
  'topics.json': { keywords: [], thread: [] },
  'commitments.json': { to: [], topics: [] },
};

async function dropDefaults(): Promise<number> {
  let dropped = 0;
  for (const [name, fields] of Object.entries(DEFAULTED)) {
    const file = path.join(dataDir, name);
    const json = JSON.parse(await readFile(file, 'utf8')) as Record<string, Record<string, unknown>[]>;
    const key = name.replace('.json', '');
    for (const record of json[key] ?? [])
      for (const [field, value] of Object.entries(fields))
        if (isDeepStrictEqual(record[field], value)) {
          delete record[field];
          dropped++;
        }
    await writeFile(file, JSON.stringify(json));
  }
  return dropped;
}

/** The helper on a real second thread, as the build worker starts it. */
const threadHelper: BuildOptions = {
  indexHelper: (bytes) => runBuildWorker<RankedIndexParts>({ role: 'index', bytes }),
};

function ok(result: Awaited<ReturnType<typeof buildCacheFile>>) {
  if (!result.ok) throw new Error(`invalid: ${result.problems[0]?.message}`);
  return result;
}

describe('the two-thread cold build', () => {
  it('writes the same cache file as the one-thread build, from the helper thread’s index', async () => {
    const one = ok(await buildCacheFile(dataDir, 'code-1'));
    const two = ok(await buildCacheFile(dataDir, 'code-1', threadHelper));
    expect(two.digest).toBe(one.digest);
    expect(Buffer.from(two.file).equals(Buffer.from(one.file))).toBe(true);
  }, 60_000);

  it('indexes what validation returns when records leave out fields the schema defaults', async () => {
    expect(await dropDefaults()).toBeGreaterThan(10);
    const one = ok(await buildCacheFile(dataDir, 'code-1'));
    const two = ok(await buildCacheFile(dataDir, 'code-1', threadHelper));
    expect(Buffer.from(two.file).equals(Buffer.from(one.file))).toBe(true);
  }, 60_000);

  it('takes the helper’s index when the validated lists are the ones it indexed', async () => {
    const one = ok(await buildCacheFile(dataDir, 'code-1'));
    const loaded = await loadDatasetFromDir(dataDir);
    if (!loaded.ok) throw new Error('invalid');
    const d = loaded.dataset;
    const docs = d.events.length + d.quotes.length + d.actors.length + d.topics.length;
    // An index of the right size with other words: the file shows whose index it holds.
    const marked = buildRankedIndex({
      docCount: docs,
      fields: Array.from({ length: 6 }, () => ({ docs })),
      tokens: () => ['marked'],
    });
    const taken = ok(
      await buildCacheFile(dataDir, 'code-1', {
        indexHelper: (): IndexJob => ({ result: Promise.resolve(marked), cancel: () => {} }),
      }),
    );
    expect(Buffer.from(taken.file).equals(Buffer.from(one.file))).toBe(false);
    const decoded = await decodeCacheFile(taken.file, { digest: taken.digest, fingerprint: 'code-1' });
    expect(decoded.ok && decoded.contents.indexes.search.terms).toEqual(['marked']);
  });

  it('starts no helper for data smaller than helperMinBytes (a thread costs more than it saves there)', async () => {
    const asked: number[] = [];
    const counting = (min: number): BuildOptions => ({
      helperMinBytes: min,
      indexHelper: (bytes) => {
        asked.push(min);
        return threadHelper.indexHelper?.(bytes) as IndexJob;
      },
    });
    const one = ok(await buildCacheFile(dataDir, 'code-1'));
    const small = ok(await buildCacheFile(dataDir, 'code-1', counting(64 * 1024 * 1024)));
    const large = ok(await buildCacheFile(dataDir, 'code-1', counting(1)));
    expect(asked).toEqual([1]);
    expect(Buffer.from(small.file).equals(Buffer.from(one.file))).toBe(true);
    expect(Buffer.from(large.file).equals(Buffer.from(one.file))).toBe(true);
  }, 60_000);

  it('falls back to indexing on the validating thread when the helper fails or is wrong', async () => {
    const one = ok(await buildCacheFile(dataDir, 'code-1'));
    const failing = (result: () => Promise<RankedIndexParts>): BuildOptions => ({
      indexHelper: (): IndexJob => ({ result: result(), cancel: () => {} }),
    });
    const crashed = ok(
      await buildCacheFile(
        dataDir,
        'code-1',
        failing(() => Promise.reject(new Error('crash'))),
      ),
    );
    expect(Buffer.from(crashed.file).equals(Buffer.from(one.file))).toBe(true);
    // An index of another dataset (here: of nothing) is not taken.
    const empty: RankedIndexParts = {
      terms: [],
      termLcp: new Uint8Array(0),
      docCount: 0,
      fieldCount: 6,
      fieldDocs: new Float64Array(6),
      fieldAvg: new Float64Array(6),
      fieldLength: new Uint16Array(0),
      postingStart: new Uint32Array(1),
      postingDoc: new Uint32Array(0),
      postingTf: new Uint8Array(0),
      largeTfAt: new Uint32Array(0),
      largeTf: new Uint16Array(0),
    };
    const wrong = ok(
      await buildCacheFile(
        dataDir,
        'code-1',
        failing(() => Promise.resolve(empty)),
      ),
    );
    expect(Buffer.from(wrong.file).equals(Buffer.from(one.file))).toBe(true);
  }, 60_000);

  it('falls back when the helper thread itself dies', async () => {
    const one = ok(await buildCacheFile(dataDir, 'code-1'));
    // The helper thread gets bytes it cannot parse: it reports an error instead of an index.
    const broken: BuildOptions = {
      indexHelper: () => runBuildWorker<RankedIndexParts>({ role: 'index', bytes: {} }),
    };
    const built = ok(await buildCacheFile(dataDir, 'code-1', broken));
    expect(Buffer.from(built.file).equals(Buffer.from(one.file))).toBe(true);
  }, 60_000);

  it('reports every problem of invalid data, as data:check does, and stops the helper', async () => {
    const file = path.join(dataDir, 'quotes.json');
    const json = JSON.parse(await readFile(file, 'utf8')) as { quotes: Record<string, unknown>[] };
    if (json.quotes[0]) json.quotes[0].speaker = 'nobody-at-all';
    if (json.quotes[1]) json.quotes[1].unknownField = 1;
    await writeFile(file, JSON.stringify(json));
    let cancelled = 0;
    const result = await buildCacheFile(dataDir, 'code-1', {
      indexHelper: (bytes) => {
        const job = runBuildWorker<RankedIndexParts>({ role: 'index', bytes });
        return {
          result: job.result,
          cancel: () => {
            cancelled++;
            job.cancel();
          },
        };
      },
    });
    const expected = await loadDatasetFromDir(dataDir);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.length).toBeGreaterThanOrEqual(2);
    expect(!result.ok && result.problems).toEqual(!expected.ok && expected.problems);
    expect(cancelled).toBe(1);
  }, 60_000);
});

describe('schema defaults and JSON equality', () => {
  it('filled-in parsed files equal what validation returns', async () => {
    await dropDefaults();
    const { bytes } = await readDataBytes(dataDir);
    const validated = validateDataset(parseDataFiles(bytes, dataDir).files, dataDir);
    if (!validated.ok) throw new Error('invalid');
    const lists = listsWithDefaults(parseDataFiles(bytes, dataDir).files);
    expect(lists && sameJson(lists, validated.data)).toBe(true);
    expect(lists).toEqual(validated.data);
    // Without the defaults filled in they differ.
    const bare = parseDataFiles(bytes, dataDir).files as Record<string, Record<string, unknown>>;
    expect(sameJson(bare['events.json']?.events, validated.data.events)).toBe(false);
  });

  it('sameJson agrees with util.isDeepStrictEqual on JSON values', () => {
    const cases: Array<[unknown, unknown]> = [
      [
        { a: 1, b: [1, 2] },
        { b: [1, 2], a: 1 },
      ],
      [{ a: 1 }, { a: 1, b: undefined }],
      [{ a: [] }, { a: {} }],
      [
        [1, 2],
        [1, 2, 3],
      ],
      [{ a: null }, { a: 0 }],
      [{ a: '1' }, { a: 1 }],
      [{ a: { b: { c: [true] } } }, { a: { b: { c: [true] } } }],
      [{ a: { b: { c: [true] } } }, { a: { b: { c: [false] } } }],
      [[{}], [[]]],
      ['x', 'x'],
      [null, {}],
    ];
    for (const [a, b] of cases) expect(sameJson(a, b)).toBe(isDeepStrictEqual(a, b));
  });
});
