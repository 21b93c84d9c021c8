/**
 * Worker thread entry: builds a dataset cache file (see build-cache.ts) off the bot's event loop
 * and hands its bytes back without copying them.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildCacheFile } from './build-cache.ts';

const { dir, fingerprint } = workerData as { dir: string; fingerprint: string };
try {
  const result = await buildCacheFile(dir, fingerprint);
  if (result.ok) {
    const { buffer } = result.file;
    parentPort?.postMessage(result, [buffer as ArrayBuffer]);
  } else parentPort?.postMessage(result);
} catch (error) {
  parentPort?.postMessage({ error: (error as Error).stack ?? String(error) });
}
