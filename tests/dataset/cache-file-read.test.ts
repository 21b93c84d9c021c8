/**
 * Reading a cache file from disk section by section (cache-body.ts): the same contents as decoding
 * the whole file in memory, whatever the read window, and damage found wherever it is.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checksumOf } from '../../src/dataset/cache-body.ts';
import { decodeCacheFile, encodeCacheFile, readCacheFile } from '../../src/dataset/cache-file.ts';
import { buildActorParts } from '../../src/domain/actors.ts';
import { buildDataset } from '../../src/domain/model.ts';
import { buildSearchParts } from '../../src/domain/search.ts';
import { generateDataset } from '../support/generate.ts';

const key = { digest: 'e'.repeat(64), fingerprint: 'code-1' };
let dir: string;
let file: Uint8Array;
let filePath: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'briefbot-cache-read-'));
  const d = buildDataset(generateDataset({ events: 300, seed: 11, corpus: 'news' }));
  // Small sections: many of them, so windows of every size split some across reads.
  file = encodeCacheFile(key, d, { search: buildSearchParts(d), actors: buildActorParts(d) }, 4_096);
  filePath = path.join(dir, 'dataset.cache');
  await writeFile(filePath, file);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The body's sections as [name, offset, length], from the file's header. */
function layout(bytes: Uint8Array) {
  const length = Buffer.from(bytes).readUInt32LE(8);
  const header = JSON.parse(Buffer.from(bytes.subarray(12, 12 + length)).toString('utf8')) as {
    sections: Record<string, [number, number]>;
  };
  const start = (12 + length + 7) & ~7;
  return { start, sections: Object.entries(header.sections).map(([n, [o, l]]) => ({ n, o, l })) };
}

async function withFile(bytes: Uint8Array, read: (file: string) => Promise<unknown>) {
  const other = path.join(dir, `variant-${Math.random().toString(36).slice(2)}.cache`);
  await writeFile(other, bytes);
  try {
    return await read(other);
  } finally {
    await rm(other, { force: true });
  }
}

describe('readCacheFile', () => {
  it('gives what decoding the whole file gives, for any read window, sync or in the background', async () => {
    const whole = await decodeCacheFile(file, key);
    if (!whole.ok) throw new Error(whole.reason);
    const { sections } = layout(file);
    expect(sections.length).toBeGreaterThan(40);
    const largest = Math.max(...sections.map((s) => s.l));
    for (const windowBytes of [1, 7, 1_000, 4_096, largest, largest + 3, 1 << 20]) {
      for (const background of [false, true]) {
        const pause = background ? () => Promise.resolve() : undefined;
        const read = await readCacheFile(filePath, key, { windowBytes, ...(pause ? { pause } : {}) });
        expect(read, `window ${windowBytes}`).toEqual(whole);
      }
    }
  });

  it('is undefined for a missing file, and says why another file is not usable', async () => {
    expect(await readCacheFile(path.join(dir, 'missing.cache'), key)).toBeUndefined();
    expect(await readCacheFile(filePath, { ...key, digest: 'f'.repeat(64) })).toEqual({
      ok: false,
      reason: 'built from other data files',
    });
    expect(await withFile(file.subarray(0, file.length - 1), (f) => readCacheFile(f, key))).toEqual({
      ok: false,
      reason: 'truncated',
    });
    expect(await withFile(file.subarray(0, 20), (f) => readCacheFile(f, key))).toEqual({
      ok: false,
      reason: 'truncated',
    });
    expect(await withFile(new Uint8Array(4), (f) => readCacheFile(f, key))).toEqual({
      ok: false,
      reason: 'not a dataset cache file',
    });
  });

  it('finds one damaged byte anywhere in the body: record JSON, padding, terms or arrays', async () => {
    const { start, sections } = layout(file);
    const json = sections.find((s) => s.n === 'dataset.events.1');
    const terms = sections.find((s) => s.n === 'search.terms');
    const postings = sections.find((s) => s.n === 'search.postingDoc');
    const padded = sections.find((s) => s.l % 8 !== 0);
    if (!json || !terms || !postings || !padded) throw new Error('unexpected layout');
    const places = [
      // A quote mark inside the JSON: the section no longer parses.
      start + json.o + Buffer.from(file.subarray(start + json.o, start + json.o + json.l)).indexOf('"'),
      start + padded.o + padded.l,
      start + terms.o + 2,
      start + postings.o + postings.l - 1,
      file.length - 1,
    ];
    for (const at of places) {
      const bytes = Uint8Array.from(file);
      bytes[at] = (bytes[at] ?? 0) ^ 0x5a;
      for (const windowBytes of [64, 1 << 20])
        expect(await withFile(bytes, (f) => readCacheFile(f, key, { windowBytes })), `byte ${at}`).toEqual({
          ok: false,
          reason: 'damaged (checksum)',
        });
    }
  });

  it('checks the body it reads against the checksum in memory too', async () => {
    const { start } = layout(file);
    const body = file.subarray(start);
    expect(checksumOf(body)).toMatch(/^(crc32|sha1):[0-9a-f]+$/);
    const bytes = Uint8Array.from(file);
    bytes[bytes.length - 3] = (bytes[bytes.length - 3] ?? 0) ^ 1;
    expect(await decodeCacheFile(bytes, key)).toEqual({ ok: false, reason: 'damaged (checksum)' });
    expect((await decodeCacheFile(bytes, key, { verify: false })).ok).toBe(true);
  });
});
