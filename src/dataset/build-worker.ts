/**
 * Worker thread entry. `build`: builds a dataset cache file (see build-cache.ts) off the bot's
 * event loop, with a second `index` thread building the search index meanwhile, and hands its
 * bytes back without copying them; the dataset's sections go ahead as a progress message (see
 * early-dataset.ts). `index`: builds the search index of the given data file bytes.
 */
import { availableParallelism } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type { RankedIndexParts } from '../domain/ranked-index.ts';
import type { DataFileContents } from '../domain/version.ts';
import { buildCacheFile, searchPartsFromBytes } from './build-cache.ts';
import { packDatasetSections } from './early-dataset.ts';
import { runBuildWorker } from './worker-thread.ts';

type Job = { role: 'build'; dir: string; fingerprint: string } | { role: 'index'; bytes: DataFileContents };

/**
 * About 1,500 events. Below it the helper thread's start (loading the code, ~0.3 s of CPU) costs
 * more than it saves: the real dataset's cold start took 1.2 s with it against 0.8 s without.
 */
const HELPER_MIN_BYTES = 1024 * 1024;

const job = workerData as Job;
try {
  if (job.role === 'index') {
    const parts = searchPartsFromBytes(job.bytes);
    parentPort?.postMessage(parts, buffersOf(parts));
  } else {
    const result = await buildCacheFile(job.dir, job.fingerprint, {
      helperMinBytes: HELPER_MIN_BYTES,
      onDataset: (digest, data) => {
        const early = packDatasetSections(digest, data);
        parentPort?.postMessage({ progress: early }, [early.body.buffer as ArrayBuffer]);
      },
      // One core: a second thread would only add its parsing to the same core's work.
      ...(availableParallelism() < 2
        ? {}
        : {
            indexHelper: (bytes) =>
              runBuildWorker<RankedIndexParts>(
                { role: 'index', bytes },
                // A larger young generation: fewer scavenges of the tokens and arrays the index
                // build makes by the million (at 100k events: 23-27 s of process CPU in four runs,
                // against 28-30 s in three with the default; a noisy, shared machine).
                { resourceLimits: { maxYoungGenerationSizeMb: 96 } },
              ),
          }),
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
function buffersOf(parts: RankedIndexParts): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const value of Object.values(parts))
    if (ArrayBuffer.isView(value) && value.buffer instanceof ArrayBuffer) buffers.add(value.buffer);
  return [...buffers];
}
