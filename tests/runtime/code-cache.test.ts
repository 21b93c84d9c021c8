/**
 * The vendor bundle's V8 code cache (src/runtime/code-cache.ts): a start compiles the bundle from
 * the cache another start saved, and a missing, damaged or refused cache only costs the compile.
 * Each start is its own Node process, as a restart of the bot is.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { CacheMaker, readCacheFile, writeCacheFile } from '../../src/runtime/code-cache.ts';
import { REPO } from '../support/fixtures.ts';

const LOADER = pathToFileURL(path.join(REPO, 'src/runtime/code-cache.ts')).href;

let dir: string;
let bundle: string;

/** A CommonJS bundle with enough functions that V8 has something to cache, and a require() of a built-in. */
function writeBundle(file: string, marker: string): void {
  const functions = Array.from(
    { length: 200 },
    (_, i) => `function f${i}(x) { return x * ${i} + ${i % 7}; }`,
  );
  writeFileSync(
    file,
    `${functions.join('\n')}
const { join } = require('node:path');
let total = 0;
for (let i = 0; i < 200; i++) total += eval('f' + i)(2);
module.exports = { marker: ${JSON.stringify(marker)}, total, joined: join('a', 'b'), self: __filename };
`,
  );
}

interface Start {
  exports: { marker: string; total: number; joined: string; self: string };
  /** Who made the cache this start compiled from: 'build', 'ready', or 'none' (no usable one). */
  usedCache: string;
  saved: string[];
}

/** One start in a fresh Node process: load the bundle, then save caches as the bot does once READY. */
function start(nodeArgs: string[] = []): Start {
  const script = `
    import { cacheUsedBy, loadCachedBundle, saveCodeCaches } from ${JSON.stringify(LOADER)};
    const exports = loadCachedBundle(${JSON.stringify(bundle)});
    const again = loadCachedBundle(${JSON.stringify(bundle)});
    if (again !== exports) throw new Error('loaded twice');
    const usedCache = ({ 1: 'build', 2: 'ready' })[cacheUsedBy(${JSON.stringify(bundle)})] ?? 'none';
    console.log(JSON.stringify({ exports, usedCache, saved: saveCodeCaches() }));
  `;
  const out = execFileSync(
    process.execPath,
    [...nodeArgs, '--import', 'tsx', '--input-type=module', '-e', script],
    { cwd: REPO, encoding: 'utf8' },
  );
  return JSON.parse(out.trim().split('\n').at(-1) as string) as Start;
}

const cacheFiles = () => {
  const cacheDir = path.join(dir, '.code-cache');
  return existsSync(cacheDir)
    ? execFileSync('ls', [cacheDir], { encoding: 'utf8' }).split('\n').filter(Boolean)
    : [];
};

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'briefbot-code-cache-'));
  bundle = path.join(dir, 'vendor-test.cjs');
  writeBundle(bundle, 'first');
});

describe('the vendor bundle code cache', () => {
  it('runs the bundle as CommonJS, saves its cache once, and the next start compiles from it', () => {
    const first = start();
    expect(first.usedCache).toBe('none');
    expect(first.exports).toEqual({
      marker: 'first',
      total: 40394,
      joined: path.join('a', 'b'),
      self: bundle,
    });
    expect(first.saved).toHaveLength(1);
    expect(cacheFiles()).toHaveLength(1);
    const [file] = first.saved as [string];
    expect(readCacheFile(file)?.maker).toBe(CacheMaker.ready);

    const second = start();
    expect(second.exports).toEqual(first.exports);
    // Compiled from the saved cache, so nothing is written again.
    expect(second.saved).toEqual([]);
    expect(second.usedCache).toBe('ready');
  });

  it('keeps one cache per set of Node flags, since V8 refuses a cache made under other flags', () => {
    start();
    const withFlag = start(['--expose-gc']);
    expect(withFlag.usedCache).toBe('none');
    expect(withFlag.saved).toHaveLength(1);
    expect(cacheFiles()).toHaveLength(2);
    // Neither start overwrote the other's cache.
    expect(start().saved).toEqual([]);
    expect(start(['--expose-gc']).saved).toEqual([]);
  });

  it('replaces a cache the build made (top-level code only) once, with the one a ready start makes', () => {
    const { saved } = start();
    const [file] = saved as [string];
    const data = readCacheFile(file)?.data as Buffer;
    expect(writeCacheFile(file, data, CacheMaker.build)).toBe(true);
    const fromBuild = start();
    expect(fromBuild.usedCache).toBe('build');
    expect(fromBuild.saved).toEqual([file]);
    expect(readCacheFile(file)?.maker).toBe(CacheMaker.ready);
    expect(start().saved).toEqual([]);
  });

  it('reads the V8 bytes 8-byte aligned, so V8 uses them in place instead of copying them', () => {
    const [file] = start().saved as [string];
    const data = readCacheFile(file)?.data as Buffer;
    expect(data.length).toBeGreaterThan(4096); // not from Buffer's shared pool
    expect(data.byteOffset % 8).toBe(0);
    expect(start().usedCache).toBe('ready');
  });

  it('ignores a damaged cache file and writes a good one', () => {
    const [file] = start().saved as [string];
    const bytes = readFileSync(file);
    bytes[bytes.length - 10] = (bytes[bytes.length - 10] as number) ^ 0xff;
    writeFileSync(file, bytes);
    expect(readCacheFile(file)).toBeUndefined();
    const next = start();
    expect(next.usedCache).toBe('none');
    expect(next.exports.marker).toBe('first');
    expect(next.saved).toEqual([file]);
    expect(readCacheFile(file)?.maker).toBe(CacheMaker.ready);
    // Truncated and foreign files are refused the same way.
    writeFileSync(file, bytes.subarray(0, 8));
    expect(readCacheFile(file)).toBeUndefined();
    writeFileSync(file, Buffer.from('not a cache file at all'));
    expect(readCacheFile(file)).toBeUndefined();
    expect(start().exports.marker).toBe('first');
  });

  it('still starts, with no cache, when the directory cannot be written', () => {
    if (process.getuid?.() === 0) {
      // root writes anywhere: a file where the cache directory should be stands in for a read-only disk.
      writeFileSync(path.join(dir, '.code-cache'), 'in the way');
    } else chmodSync(dir, 0o555);
    const first = start();
    expect(first.exports.marker).toBe('first');
    expect(first.saved).toEqual([]);
    chmodSync(dir, 0o755);
  });
});
