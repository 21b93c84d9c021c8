/**
 * Loads a CommonJS bundle with a V8 code cache, so a start does not compile it again.
 *
 * `npm run build` puts the packages the bot needs at start (discord.js and its dependencies, zod,
 * the scheduler's) into one CommonJS bundle, dist/vendor-<content hash>.cjs, and points every
 * import of them at {@link loadCachedBundle}. Compiling that bundle was most of a start's CPU time
 * (Node 20 keeps no compile cache for ES modules: `module.enableCompileCache` came in Node 22).
 * V8 turns a compiled script into bytes (`script.createCachedData()`) and takes them back on the
 * next start, skipping the parse and the compilation of every function that had run when the bytes
 * were made.
 *
 * The cache files sit beside the bundle in `.code-cache/`, one per Node version and set of
 * Node flags: V8 refuses a cache made under other flags (`--expose-gc` is one), and a file per flag
 * set keeps the bench's and the operator's starts from overwriting each other's. The bundle's name
 * carries its content hash, so a cache never meets a different source. Each file starts with a
 * header: a magic number, who made it (the build, or a bot after READY, which has compiled more of
 * the bundle: the gateway and REST paths) and a CRC-32 of the V8 bytes. A damaged, foreign or
 * refused file is ignored and replaced; a directory the bot cannot write just means no cache.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import zlib from 'node:zlib';

const MAGIC = 0x42424343; // "BBCC"
/**
 * 16, not the 12 the header fields take: the V8 bytes then start 8-byte aligned in the Buffer read
 * from the file. V8 copies cached data that is not pointer-aligned, and freeing those copies (2 MB
 * and 0.5 MB) left glibc's heap ~12 MB larger for the life of the process (settled RSS measured).
 */
const HEADER_BYTES = 16;

/** Who wrote a cache file: the build (top-level code only), or a bot once it was READY. */
export const CacheMaker = { build: 1, ready: 2 } as const;
type CacheMaker = (typeof CacheMaker)[keyof typeof CacheMaker];

interface LoadedBundle {
  exports: Record<string, unknown>;
  script: vm.Script;
  cacheFile: string;
  /** Who made the cache the script was compiled with; undefined when it had none or V8 refused it. */
  readonly compiledFrom: CacheMaker | undefined;
  /** Who made the newest cache of it: compiledFrom, or this process once it saved one. */
  usedCache: CacheMaker | undefined;
}

/**
 * Bundles loaded in this process, shared through a global: the compiled bot carries two copies of
 * this module (dist/index.js's, which loads the bot's bundle, and the bot bundle's own, which loads
 * the vendor bundle and saves the caches once READY), and both must see every bundle.
 */
const LOADED = Symbol.for('briefbot.codeCache.loaded');
const shared = globalThis as { [LOADED]?: Map<string, LoadedBundle> };
shared[LOADED] ??= new Map<string, LoadedBundle>();
const loaded = shared[LOADED];

/** The cache file for `bundle` under this Node and these flags. */
export function cacheFileFor(bundle: string): string {
  const flags = createHash('sha256')
    .update(
      `${process.version}\0${process.arch}\0${process.execArgv.join('\0')}\0${process.env.NODE_OPTIONS ?? ''}`,
    )
    .digest('hex')
    .slice(0, 12);
  return path.join(path.dirname(bundle), '.code-cache', `${path.basename(bundle)}.${flags}.v8`);
}

function crc32(bytes: Uint8Array): number {
  // zlib.crc32 is Node ≥ 20.15, the engines field's floor is 20.6: without it there is no cache.
  const fn = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;
  if (!fn) throw new Error('zlib.crc32 is unavailable');
  return fn(bytes) >>> 0;
}

/** The V8 bytes and their maker from a cache file, or undefined when it is missing or damaged. */
export function readCacheFile(file: string): { data: Buffer; maker: CacheMaker } | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  if (bytes.length <= HEADER_BYTES || bytes.readUInt32LE(0) !== MAGIC) return undefined;
  const maker = bytes.readUInt32LE(4);
  if (maker !== CacheMaker.build && maker !== CacheMaker.ready) return undefined;
  const data = bytes.subarray(HEADER_BYTES);
  try {
    if (crc32(data) !== bytes.readUInt32LE(8)) return undefined;
  } catch {
    return undefined;
  }
  return { data, maker };
}

/** Writes a cache file atomically (several shard processes may write the same one); false if it could not. */
export function writeCacheFile(file: string, data: Buffer, maker: CacheMaker): boolean {
  try {
    const header = Buffer.alloc(HEADER_BYTES);
    header.writeUInt32LE(MAGIC, 0);
    header.writeUInt32LE(maker, 4);
    header.writeUInt32LE(crc32(data), 8);
    mkdirSync(path.dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, Buffer.concat([header, data]));
    renameSync(temp, file);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs the CommonJS bundle at `bundle` (an absolute path) once per process and returns its
 * `module.exports`, compiled from the code cache when there is a usable one.
 */
export function loadCachedBundle(bundle: string): Record<string, unknown> {
  const known = loaded.get(bundle);
  if (known) return known.exports;
  const cacheFile = cacheFileFor(bundle);
  const cached = readCacheFile(cacheFile);
  const script = new vm.Script(Module.wrap(readFileSync(bundle, 'utf8')), {
    filename: bundle,
    cachedData: cached?.data,
  });
  const usedCache = cached && !script.cachedDataRejected ? cached.maker : undefined;
  const module = { exports: {} as Record<string, unknown> };
  const wrapper = script.runInThisContext() as (
    exports: unknown,
    require: NodeJS.Require,
    module: unknown,
    filename: string,
    dirname: string,
  ) => void;
  wrapper.call(module.exports, module.exports, createRequire(bundle), module, bundle, path.dirname(bundle));
  loaded.set(bundle, { exports: module.exports, script, cacheFile, compiledFrom: usedCache, usedCache });
  return module.exports;
}

/** Who made the cache `bundle` was compiled from in this process; undefined if it had none or V8 refused it. */
export function cacheUsedBy(bundle: string): CacheMaker | undefined {
  return loaded.get(bundle)?.usedCache;
}

/**
 * Saves the code cache of every bundle loaded without one made by a running bot: called once the bot
 * is READY, when the functions a start runs are compiled. Returns the files written.
 */
export function saveCodeCaches(maker: CacheMaker = CacheMaker.ready): string[] {
  const written: string[] = [];
  for (const entry of loaded.values()) {
    if (entry.usedCache !== undefined && entry.usedCache >= maker) continue;
    if (writeCacheFile(entry.cacheFile, entry.script.createCachedData(), maker)) {
      written.push(entry.cacheFile);
      entry.usedCache = maker;
    }
  }
  return written;
}
