/**
 * Worker thread entry. `build`: builds a dataset cache file (see build-cache.ts) off the bot's
 * event loop, with a second `index` thread building the indexes meanwhile, and hands its bytes
 * back without copying them. `index`: builds the indexes of the given data file bytes.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { PrebuiltIndexes } from '../domain/briefbook.ts';
import type { DataFileContents } from '../domain/version.ts';
import { buildCacheFile, indexPartsFromBytes } from './build-cache.ts';
import { runBuildWorker } from './worker-thread.ts';

type Job =
  | { role: 'build'; dir: string; fingerprint: string; helper?: boolean }
  | { role: 'index'; bytes: DataFileContents };

const job = workerData as Job;
try {
  if (job.role === 'index') {
    const indexes = indexPartsFromBytes(job.bytes);
    parentPort?.postMessage(indexes, buffersOf(indexes));
  } else {
    const result = await buildCacheFile(job.dir, job.fingerprint, {
      ...(job.helper === false
        ? {}
        : { indexHelper: (bytes) => runBuildWorker<PrebuiltIndexes>({ role: 'index', bytes }) }),
    });
    if (result.ok) {
      const { buffer } = result.file;
      parentPort?.postMessage(result, [buffer as ArrayBuffer]);
    } else parentPort?.postMessage(result);
  }
} catch (error) {
  parentPort?.postMessage({ error: (error as Error).stack ?? String(error) });
}

/** The index arrays' buffers, each once: moved to the receiving thread, not copied. */
function buffersOf(indexes: PrebuiltIndexes): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const parts of Object.values(indexes))
    for (const value of Object.values(parts))
      if (ArrayBuffer.isView(value) && value.buffer instanceof ArrayBuffer) buffers.add(value.buffer);
  return [...buffers];
}
