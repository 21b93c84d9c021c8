import { cp, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeCacheFile, encodeCacheFile, SECTION_BYTES } from '../../src/dataset/cache-file.ts';
import { LiveDataset } from '../../src/dataset/live-dataset.ts';
import { createDatasetLoader, type LoadedDataset } from '../../src/dataset/loader.ts';
import { loadDatasetFromDir } from '../../src/dataset/read-data-dir.ts';
import { buildActorParts } from '../../src/domain/actors.ts';
import { createBriefbook } from '../../src/domain/briefbook.ts';
import { buildRankedIndex } from '../../src/domain/ranked-index.ts';
import type { RawDataset } from '../../src/domain/schema.ts';
import { buildSearchParts } from '../../src/domain/search.ts';
import { DATA_DIR } from '../support/fixtures.ts';
import { generateDataset } from '../support/generate.ts';

interface Line {
  level: 'info' | 'warn' | 'error';
  obj: Record<string, unknown>;
  msg: string | undefined;
}

let dataDir: string;
let cacheDir: string;
let lines: Line[];
const logger = {
  info: (obj: object, msg?: string) => lines.push({ level: 'info', obj: obj as Line['obj'], msg }),
  warn: (obj: object, msg?: string) => lines.push({ level: 'warn', obj: obj as Line['obj'], msg }),
  error: (obj: object, msg?: string) => lines.push({ level: 'error', obj: obj as Line['obj'], msg }),
};
const said = (pattern: RegExp) => lines.filter((l) => pattern.test(l.msg ?? ''));

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'briefbot-cache-data-'));
  cacheDir = await mkdtemp(path.join(tmpdir(), 'briefbot-cache-'));
  await cp(DATA_DIR, dataDir, { recursive: true, filter: (src) => !src.includes(`${path.sep}drafts`) });
  lines = [];
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
  await rm(cacheDir, { recursive: true, force: true });
});

function valid(result: LoadedDataset) {
  if (!result.ok) throw new Error(`invalid: ${result.problems[0]?.message}`);
  return result;
}

/** Each section's byte length, from a cache file's header. */
function sectionSizes(file: Uint8Array): Record<string, number> {
  const length = new DataView(file.buffer, file.byteOffset).getUint32(8, true);
  const header = JSON.parse(Buffer.from(file.subarray(12, 12 + length)).toString('utf8')) as {
    sections: Record<string, [number, number]>;
  };
  return Object.fromEntries(Object.entries(header.sections).map(([name, [, bytes]]) => [name, bytes]));
}

async function cacheFiles(): Promise<string[]> {
  return (await readdir(cacheDir)).filter((n) => n.endsWith('.cache'));
}

async function addEvent(id: string): Promise<void> {
  const file = path.join(dataDir, 'events.json');
  const json = JSON.parse(await readFile(file, 'utf8')) as { events: Record<string, unknown>[] };
  json.events.push({ ...json.events[0], id, title: `Added for a test: ${id}` });
  await writeFile(file, JSON.stringify(json, null, 2));
}

describe('the dataset cache', () => {
  it('validates and indexes in a worker on the first start, then loads the same dataset from the cache', async () => {
    const first = valid(await createDatasetLoader({ cacheDir, logger })(dataDir));
    expect(said(/validated and indexed/)[0]?.obj).toMatchObject({ thread: 'worker', valid: true });
    expect(await cacheFiles()).toHaveLength(1);
    const reference = await loadDatasetFromDir(dataDir);
    if (!reference.ok) throw new Error('data/ is invalid');
    expect(first.dataset.version).toBe(reference.dataset.version);
    expect(first.dataset.events.map((e) => e.id)).toEqual(reference.dataset.events.map((e) => e.id));

    lines = [];
    const second = valid(await createDatasetLoader({ cacheDir, logger })(dataDir)); // a restart
    expect(said(/validated and indexed/)).toHaveLength(0);
    expect(said(/loaded from the cache/)).toHaveLength(1);
    expect(second.dataset.version).toBe(reference.dataset.version);
    expect(second.dataset.events).toEqual(reference.dataset.events);
    expect(second.dataset.quotes).toEqual(reference.dataset.quotes);
    expect(second.dataset.actors).toEqual(reference.dataset.actors);
    expect(second.dataset.commitments).toEqual(reference.dataset.commitments);
    // Stored with the records, not recomputed: each event's sort day, hence the order and coverage.
    expect([...second.dataset.eventDay]).toEqual([...reference.dataset.eventDay]);
    expect([...second.dataset.eventOrder]).toEqual([...reference.dataset.eventOrder]);
    expect(second.dataset.coverage).toEqual(reference.dataset.coverage);
    // The stored index answers exactly as one built from scratch.
    const cached = createBriefbook(second.dataset, second.indexes);
    const fresh = createBriefbook(reference.dataset);
    for (const q of ['security guarantees', 'secrity guarantes', 'Zelen', 'Vance Munich'])
      expect(cached.search.search(q)).toEqual(fresh.search.search(q));
    expect(cached.search.suggestEvents('whi')).toEqual(fresh.search.suggestEvents('whi'));
    expect(cached.actors.suggest('Volodomyr')).toEqual(fresh.actors.suggest('Volodomyr'));
  });

  it('a generated dataset loads from the cache with the order, days and groups a fresh build gives', async () => {
    const raw = generateDataset({ events: 600, seed: 11, corpus: 'news' });
    for (const key of Object.keys(raw) as Array<keyof RawDataset>)
      await writeFile(path.join(dataDir, `${key}.json`), JSON.stringify({ [key]: raw[key] }));
    const reference = await loadDatasetFromDir(dataDir);
    if (!reference.ok) throw new Error(`generated data is invalid: ${reference.problems[0]?.message}`);
    valid(await createDatasetLoader({ cacheDir })(dataDir));
    const cached = valid(await createDatasetLoader({ cacheDir, logger })(dataDir)).dataset;
    expect(said(/loaded from the cache/)).toHaveLength(1);
    const r = reference.dataset;
    expect(cached.events).toEqual(r.events);
    expect(cached.quotes).toEqual(r.quotes);
    expect(cached.commitments).toEqual(r.commitments);
    expect([...cached.eventDay]).toEqual([...r.eventDay]);
    expect([...cached.eventOrder]).toEqual([...r.eventOrder]);
    expect([...cached.quotesByEvent]).toEqual([...r.quotesByEvent]);
    expect([...cached.commitmentsByEvent]).toEqual([...r.commitmentsByEvent]);
    expect(cached.coverage).toEqual(r.coverage);
  });

  it('rebuilds when a data file changes, keeping the previous cache file and no older one', async () => {
    const load = createDatasetLoader({ cacheDir, logger });
    const before = valid(await load(dataDir));
    await addEvent('cache-test-one');
    const after = valid(await load(dataDir));
    expect(after.dataset.version).not.toBe(before.dataset.version);
    expect(after.dataset.eventById.has('cache-test-one')).toBe(true);
    await addEvent('cache-test-two');
    valid(await load(dataDir));
    expect(await cacheFiles()).toHaveLength(2);
    expect(said(/validated and indexed/)).toHaveLength(3);
  });

  it('does not read anything again when the files are byte for byte the same', async () => {
    const load = createDatasetLoader({ cacheDir, logger });
    const first = valid(await load(dataDir));
    lines = [];
    const again = valid(await load(dataDir));
    expect(again.dataset).toBe(first.dataset);
    expect(lines).toEqual([]);
  });

  describe('data files unchanged since they were hashed (stamps, as git keeps them)', () => {
    // A start some time after the files were written: their stamps are settled, not racy.
    const later = () => Date.now() + 60_000;
    const fileState = (l: Line) => l.obj.dataFiles;

    it('a restart trusts the recorded digest instead of reading and hashing the files', async () => {
      const first = valid(await createDatasetLoader({ cacheDir, logger, now: later })(dataDir));
      lines = [];
      const again = valid(await createDatasetLoader({ cacheDir, logger, now: later })(dataDir));
      expect(said(/loaded from the cache/).map(fileState)).toEqual(['unchanged since hashed']);
      expect(again.dataset.version).toBe(first.dataset.version);
      expect(again.dataset.events).toEqual(first.dataset.events);
    });

    it('hashes again after an edit that keeps the size and the modification time', async () => {
      const file = path.join(dataDir, 'events.json');
      // Whole seconds, so that the edit below can put the very same modification time back.
      const mtime = new Date('2026-01-05T10:00:00Z');
      await utimes(file, mtime, mtime);
      const before = valid(await createDatasetLoader({ cacheDir, logger, now: later })(dataDir));
      const text = await readFile(file, 'utf8');
      const at = text.indexOf('"summary"') + '"summary": "'.length + 2;
      const letter = text[at] ?? 'a';
      const swapped = letter === letter.toUpperCase() ? letter.toLowerCase() : letter.toUpperCase();
      expect(swapped).not.toBe(letter);
      await writeFile(file, text.slice(0, at) + swapped + text.slice(at + 1));
      await utimes(file, mtime, mtime);
      const edited = await stat(file, { bigint: true });
      expect(edited.size).toBe(BigInt(Buffer.byteLength(text)));
      expect(edited.mtimeNs).toBe(BigInt(mtime.getTime()) * 1_000_000n);

      lines = [];
      const after = valid(await createDatasetLoader({ cacheDir, logger, now: later })(dataDir));
      expect(after.dataset.version).not.toBe(before.dataset.version);
      expect(said(/validated and indexed/)).toHaveLength(1);
      const changed = after.dataset.events.filter((e, i) => e.summary !== before.dataset.events[i]?.summary);
      expect(changed).toHaveLength(1);
    });

    it('does not record files changed moments before the load: the next start hashes them again', async () => {
      valid(await createDatasetLoader({ cacheDir, logger })(dataDir)); // the files were copied just now
      lines = [];
      valid(await createDatasetLoader({ cacheDir, logger })(dataDir));
      expect(said(/loaded from the cache/).map(fileState)).toEqual(['hashed']);
      lines = [];
      valid(await createDatasetLoader({ cacheDir, logger, now: later })(dataDir));
      valid(await createDatasetLoader({ cacheDir, logger, now: later })(dataDir));
      expect(said(/loaded from the cache/).map(fileState)).toEqual(['hashed', 'unchanged since hashed']);
    });

    it('a missing data file is never taken for an unchanged one', async () => {
      valid(await createDatasetLoader({ cacheDir, logger, now: later })(dataDir));
      await rm(path.join(dataDir, 'topics.json'));
      const result = await createDatasetLoader({ cacheDir, logger, now: later })(dataDir);
      expect(result.ok).toBe(false);
    });
  });

  it('rebuilds a damaged cache file instead of loading it', async () => {
    valid(await createDatasetLoader({ cacheDir, logger })(dataDir));
    const [name] = await cacheFiles();
    const file = path.join(cacheDir, name ?? '');
    const bytes = await readFile(file);
    bytes[bytes.length - 100] = (bytes[bytes.length - 100] ?? 0) ^ 0xff;
    await writeFile(file, bytes);
    lines = [];
    const loaded = valid(await createDatasetLoader({ cacheDir, logger })(dataDir));
    expect(said(/not usable/)[0]?.obj).toMatchObject({ reason: 'damaged (checksum)' });
    expect(said(/validated and indexed/)).toHaveLength(1);
    expect(loaded.dataset.events.length).toBeGreaterThan(0);
    const repaired = valid(await createDatasetLoader({ cacheDir, logger })(dataDir));
    expect(repaired.dataset.version).toBe(loaded.dataset.version);
  });

  it('rebuilds a cache file of another format, a truncated one or one with a broken header, saying why', async () => {
    valid(await createDatasetLoader({ cacheDir, logger })(dataDir));
    const [name] = await cacheFiles();
    const file = path.join(cacheDir, name ?? '');
    const good = await readFile(file);
    const headerLength = good.readUInt32LE(8);
    const header = JSON.parse(good.subarray(12, 12 + headerLength).toString('utf8')) as { format: number };
    const body = good.subarray((12 + headerLength + 7) & ~7);
    // The same body under a header of an older format (the layout the header describes changed).
    const withFormat = (format: number) => {
      const head = Buffer.from(JSON.stringify({ ...header, format }), 'utf8');
      const start = (12 + head.length + 7) & ~7;
      const out = Buffer.alloc(start + body.length);
      good.copy(out, 0, 0, 8);
      out.writeUInt32LE(head.length, 8);
      head.copy(out, 12);
      body.copy(out, start);
      return out;
    };
    const broken = Buffer.from(good);
    broken.write('{"format":', 12, 'latin1');
    broken[12 + headerLength - 1] = 0x2c; // the header's closing brace: JSON that does not parse
    const cases: Array<[Uint8Array, string]> = [
      [withFormat(header.format - 1), `format ${header.format - 1}, expected ${header.format}`],
      [good.subarray(0, Math.floor(good.length / 2)), 'truncated'],
      [good.subarray(0, 10), 'not a dataset cache file'],
      [broken, 'damaged header'],
    ];
    const reference = await loadDatasetFromDir(dataDir);
    if (!reference.ok) throw new Error('data/ is invalid');
    for (const [bytes, reason] of cases) {
      await writeFile(file, bytes);
      lines = [];
      const loaded = valid(await createDatasetLoader({ cacheDir, logger })(dataDir));
      expect(said(/not usable/)[0]?.obj).toMatchObject({ reason });
      expect(said(/validated and indexed/)).toHaveLength(1);
      expect(loaded.dataset.events).toEqual(reference.dataset.events);
      // The rebuilt file replaced the bad one: the next start loads it.
      lines = [];
      valid(await createDatasetLoader({ cacheDir, logger })(dataDir));
      expect(said(/loaded from the cache/)).toHaveLength(1);
    }
  });

  it('stores record lists and days in sections of at most SECTION_BYTES, and reads them back in order', async () => {
    // Node makes a Latin-1 string of 1 MB or more outside V8's heap (malloc); sections stay below.
    expect(SECTION_BYTES).toBeLessThan(0xfbee9);
    const raw = generateDataset({ events: 400, seed: 5, corpus: 'news' });
    for (const key of Object.keys(raw) as Array<keyof RawDataset>)
      await writeFile(path.join(dataDir, `${key}.json`), JSON.stringify({ [key]: raw[key] }));
    const loaded = await loadDatasetFromDir(dataDir);
    if (!loaded.ok) throw new Error(`generated data is invalid: ${loaded.problems[0]?.message}`);
    const d = loaded.dataset;
    const key = { digest: 'c'.repeat(64), fingerprint: 'code-1' };
    const indexes = { search: buildSearchParts(d), actors: buildActorParts(d) };
    for (const limit of [SECTION_BYTES, 2_048, 1]) {
      const file = encodeCacheFile(key, d, indexes, limit);
      const sizes = sectionSizes(file);
      const count = (list: string) =>
        Object.keys(sizes).filter((n) => n.startsWith(`dataset.${list}.`)).length;
      for (const [name, bytes] of Object.entries(sizes)) {
        if (!name.startsWith('dataset.')) continue;
        // Over the limit only when the section holds one record (or one day) alone.
        if (bytes > limit) expect(limit).toBe(1);
      }
      if (limit === 1) {
        expect(count('events')).toBe(d.events.length);
        expect(count('eventDays')).toBe(d.events.length);
      } else if (limit === 2_048) {
        expect(count('events')).toBeGreaterThan(10);
        expect(count('eventDays')).toBeGreaterThan(1);
      }
      const decoded = await decodeCacheFile(file, key);
      if (!decoded.ok) throw new Error(decoded.reason);
      const back = decoded.contents;
      expect(back.raw.events).toEqual(d.events);
      expect(back.raw.quotes).toEqual(d.quotes);
      expect(back.raw.actors).toEqual(d.actors);
      expect(back.raw.commitments).toEqual(d.commitments);
      expect(back.prepared.eventDays).toEqual(d.events.map((e) => d.eventDay.get(e.id)));
    }
  });

  it('stores the index arrays as they are, term frequencies of 255 and more included', async () => {
    const loaded = await loadDatasetFromDir(dataDir);
    if (!loaded.ok) throw new Error('data/ is invalid');
    const d = loaded.dataset;
    const many = (word: string, n: number) => Array.from({ length: n }, () => word);
    const docs = [[...many('peace', 300), 'talks'], ['peace', 'talks'], [...many('talks', 70_000)]];
    const actors = buildRankedIndex({
      docCount: docs.length,
      fields: [{ docs: docs.length }],
      tokens: (doc) => docs[doc] ?? [],
    });
    expect(actors.largeTfAt.length).toBe(2);
    const key = { digest: 'd'.repeat(64), fingerprint: 'code-1' };
    const search = buildSearchParts(d);
    const decoded = await decodeCacheFile(encodeCacheFile(key, d, { search, actors }), key);
    if (!decoded.ok) throw new Error(decoded.reason);
    expect(decoded.contents.indexes.actors).toEqual(actors);
    expect(decoded.contents.indexes.search).toEqual(search);
  });

  it('refuses a file built from other data or by other code', async () => {
    const loaded = await loadDatasetFromDir(dataDir);
    if (!loaded.ok) throw new Error('data/ is invalid');
    const d = loaded.dataset;
    const file = encodeCacheFile({ digest: 'a'.repeat(64), fingerprint: 'code-1' }, d, {
      search: buildSearchParts(d),
      actors: buildActorParts(d),
    });
    expect(await decodeCacheFile(file, { digest: 'b'.repeat(64), fingerprint: 'code-1' })).toEqual({
      ok: false,
      reason: 'built from other data files',
    });
    expect(await decodeCacheFile(file, { digest: 'a'.repeat(64), fingerprint: 'code-2' })).toEqual({
      ok: false,
      reason: 'built by another version of the bot',
    });
    expect(
      await decodeCacheFile(file.subarray(0, file.length - 8), {
        digest: 'a'.repeat(64),
        fingerprint: 'code-1',
      }),
    ).toEqual({
      ok: false,
      reason: 'truncated',
    });
    const ok = await decodeCacheFile(file, { digest: 'a'.repeat(64), fingerprint: 'code-1' });
    expect(ok.ok && ok.contents.raw.events).toEqual(d.events);
  });

  it('works without a writable cache directory: one warning, then plain loads', async () => {
    const blocker = path.join(cacheDir, 'not-a-directory');
    await writeFile(blocker, 'x');
    const load = createDatasetLoader({ cacheDir: path.join(blocker, 'cache'), logger });
    valid(await load(dataDir));
    await addEvent('no-cache-either');
    const after = valid(await load(dataDir));
    expect(after.dataset.eventById.has('no-cache-either')).toBe(true);
    const warnings = lines.filter((l) => l.level === 'warn');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.msg).toMatch(/dataset cache off: cannot write .*DATASET_CACHE_DIR/);
  });

  it('returns every problem of invalid data from the worker and caches nothing', async () => {
    const file = path.join(dataDir, 'quotes.json');
    const json = JSON.parse(await readFile(file, 'utf8')) as { quotes: Record<string, unknown>[] };
    if (json.quotes[0]) json.quotes[0].speaker = 'nobody-at-all';
    await writeFile(file, JSON.stringify(json));
    const result = await createDatasetLoader({ cacheDir, logger })(dataDir);
    const expected = await loadDatasetFromDir(dataDir);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toEqual(!expected.ok && expected.problems);
    expect(await cacheFiles()).toHaveLength(0);
  });

  it('hot reload: LiveDataset validates the edit in a worker and swaps it in', async () => {
    const opened = await LiveDataset.open({ dir: dataDir, cacheDir, logger });
    if (!opened.ok) throw new Error('invalid');
    const live = opened.live;
    const before = live.current();
    await addEvent('reloaded-through-the-worker');
    lines = [];
    const result = await live.reload();
    expect(result).toMatchObject({ ok: true, changed: true, addedEventIds: ['reloaded-through-the-worker'] });
    expect(said(/validated and indexed/)[0]?.obj).toMatchObject({ thread: 'worker' });
    expect(live.current()).not.toBe(before);
    expect(live.current().briefbook.search.search('reloaded through the worker')[0]?.id).toBe(
      'reloaded-through-the-worker',
    );
    expect(before.briefbook.dataset.eventById.has('reloaded-through-the-worker')).toBe(false);
  });
});
