import path from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { PrebuiltIndexes } from '../domain/briefbook.ts';
import { buildDataset, buildDatasetPausing, type Dataset } from '../domain/model.ts';
import type { Problem } from '../domain/validate.ts';
import { dataFilesDigest } from '../domain/version.ts';
import { type BuildResult, buildCacheFile } from './build-cache.ts';
import { DatasetCacheDir } from './cache-dir.ts';
import {
  type DecodedCacheFile,
  type DecodedDatasetPart,
  decodeCacheFile,
  decodeDatasetSections,
  readCacheFile,
} from './cache-file.ts';
import { sameStamps, settledAt, statDataFiles } from './data-stamp.ts';
import { type EarlyDataset, unpackDatasetSections } from './early-dataset.ts';
import { codeFingerprint } from './fingerprint.ts';
import { readDataBytes } from './read-data-dir.ts';
import { runBuildWorker } from './worker-thread.ts';

/** A load's outcome; a valid dataset may come with its index arrays (nothing left to index). */
export type LoadedDataset =
  | { ok: true; dataset: Dataset; indexes?: PrebuiltIndexes }
  | { ok: false; problems: Problem[] };

export interface LoaderLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface DatasetLoaderOptions {
  /** Directory of dataset cache files; undefined: no cache (validate and index on every load). */
  cacheDir?: string | undefined;
  logger?: LoaderLogger;
  /** Validate and index in a worker thread (default); false: on this thread. */
  worker?: boolean;
  /** The time in ms (tests move it on to see stamps as settled). */
  now?: () => number;
}

export interface LoadCall {
  /** A reload on a running bot: yield to the event loop between decoding steps. */
  background?: boolean;
}

export type DatasetLoader = (dir: string, call?: LoadCall) => Promise<LoadedDataset>;

/**
 * Loads data/ the fast way when it can:
 *
 * 1. read the data files and hash their bytes, unless their stamps (size, times, inode: see
 *    data-stamp.ts) are those recorded when these bytes were last hashed;
 * 2. the same bytes as the last load: the same dataset, nothing else to do;
 * 3. a cache file for these bytes and this code: decode it as it is read (no validation, no
 *    indexing);
 * 4. otherwise validate and index in a worker thread, which returns the cache file's bytes;
 *    they are written to the cache directory and decoded here like a cached file. The worker
 *    sends the dataset's part first, decoded here while it finishes the indexes.
 *
 * Invalid data never reaches the cache: the worker returns its problems instead.
 */
export function createDatasetLoader(opts: DatasetLoaderOptions = {}): DatasetLoader {
  const cache = opts.cacheDir ? new DatasetCacheDir(opts.cacheDir, opts.logger) : undefined;
  const fingerprint = codeFingerprint();
  let last: { digest: string; loaded: LoadedDataset } | undefined;

  return async (dir, call = {}) => {
    const pause = call.background ? () => yieldToEventLoop() : undefined;
    const datasetOf = (part: DecodedDatasetPart, version: string) =>
      pause
        ? buildDatasetPausing(part.raw, version, pause, part.prepared)
        : buildDataset(part.raw, version, part.prepared);
    /** The decoded file's Dataset (`built`: made already from its dataset part). */
    const toDataset = async (decoded: DecodedCacheFile, built?: Dataset): Promise<LoadedDataset | string> => {
      if (!decoded.ok) return decoded.reason;
      const { version, indexes } = decoded.contents;
      const dataset = built ?? (await datasetOf(decoded.contents, version));
      return { ok: true, dataset, indexes };
    };
    const folder = path.resolve(dir);
    const stamps = cache && (await statDataFiles(folder));
    const known = stamps && (await cache.readStamp(folder));
    let digest = known && sameStamps(known.files, stamps) ? known.digest : undefined;
    const hashed = digest === undefined;
    if (digest === undefined) digest = dataFilesDigest((await readDataBytes(dir)).bytes);
    /** Records the stamps read before the bytes, when nothing changed since and they are not racy. */
    const remember = async (loadedDigest: string) => {
      if (!cache || !stamps || !hashed) return;
      const now = await statDataFiles(folder);
      if (now && sameStamps(now, stamps) && settledAt(stamps, (opts.now ?? Date.now)()))
        await cache.writeStamp({ dir: folder, digest: loadedDigest, files: stamps });
    };
    if (last && last.digest === digest) return last.loaded;
    const key = { digest, fingerprint };
    const cached = cache && (await readCacheFile(cache.fileFor(key), key, pause ? { pause } : {}));
    if (cached) {
      const loaded = await toDataset(cached);
      if (typeof loaded !== 'string') {
        opts.logger?.info(
          { file: cache.fileFor(key), dataFiles: hashed ? 'hashed' : 'unchanged since hashed' },
          'dataset loaded from the cache',
        );
        last = { digest, loaded };
        await remember(digest);
        return loaded;
      }
      opts.logger?.info(
        { file: cache.fileFor(key), reason: loaded },
        'dataset cache file not usable; rebuilding it',
      );
    }
    // The build sends the dataset's sections ahead of its file: they are decoded here (and the
    // Dataset built) while it finishes the search index, on a core that would otherwise wait.
    let ahead:
      | Promise<{ digest: string; version: string; part: DecodedDatasetPart; dataset: Dataset }>
      | undefined;
    const onDataset = (early: EarlyDataset) => {
      const data = unpackDatasetSections(early);
      if (ahead || !data) return;
      ahead = (async () => {
        const part = await decodeDatasetSections(data, pause ? { pause } : {});
        return {
          digest: early.digest,
          version: data.version,
          part,
          dataset: await datasetOf(part, data.version),
        };
      })();
      ahead.catch(() => undefined); // awaited (and reported) after the build; never unhandled
    };
    const built = await build(dir, fingerprint, opts.worker ?? true, opts.logger, onDataset);
    const early = await ahead?.catch((error: unknown) => {
      opts.logger?.warn(
        { err: error },
        'dataset sections sent ahead did not decode; decoding the cache file',
      );
      return undefined;
    });
    if (!built.ok) return built;
    const builtKey = { digest: built.digest, fingerprint };
    const written = cache?.write(builtKey, built.file);
    const usable =
      early && early.digest === built.digest && early.version === built.version ? early : undefined;
    if (usable)
      opts.logger?.info(
        { events: usable.dataset.events.length },
        'dataset decoded while its index was built',
      );
    const loaded = await toDataset(
      await decodeCacheFile(built.file, builtKey, {
        verify: false,
        ...(pause ? { pause } : {}),
        ...(usable ? { dataset: usable.part } : {}),
      }),
      usable?.dataset,
    );
    await written;
    if (typeof loaded === 'string')
      throw new Error(`a freshly built dataset cache file did not decode: ${loaded}`);
    last = { digest: built.digest, loaded };
    await remember(built.digest);
    return loaded;
  };
}

async function build(
  dir: string,
  fingerprint: string,
  useWorker: boolean,
  logger: LoaderLogger | undefined,
  onDataset: (early: EarlyDataset) => void,
): Promise<BuildResult> {
  const started = performance.now();
  const done = (thread: 'worker' | 'main') => (result: BuildResult) => {
    logger?.info(
      { thread, ms: Math.round(performance.now() - started), valid: result.ok },
      `dataset validated and indexed (${thread === 'worker' ? 'worker thread' : 'main thread'})`,
    );
    return result;
  };
  if (useWorker) {
    try {
      return done('worker')(await buildInWorker(dir, fingerprint, onDataset));
    } catch (error) {
      logger?.warn({ err: error }, 'dataset worker failed; validating and indexing on the main thread');
    }
  }
  return done('main')(await buildCacheFile(dir, fingerprint));
}

function buildInWorker(
  dir: string,
  fingerprint: string,
  onDataset: (early: EarlyDataset) => void,
): Promise<BuildResult> {
  return runBuildWorker<BuildResult, EarlyDataset>({ role: 'build', dir, fingerprint }, {}, onDataset).result;
}
