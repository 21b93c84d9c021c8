import { buildActorParts } from '../domain/actors.ts';
import { buildSearchParts } from '../domain/search.ts';
import type { Problem } from '../domain/validate.ts';
import { dataFilesDigest } from '../domain/version.ts';
import { encodeCacheFile } from './cache-file.ts';
import { loadDatasetFromBytes, readDataBytes } from './read-data-dir.ts';

export type BuildResult =
  | { ok: true; digest: string; version: string; file: Uint8Array }
  | { ok: false; problems: Problem[] };

/**
 * The expensive path, run in a worker thread: read the data files, validate them (every problem,
 * as data:check reports them), index them, and encode the result as a dataset cache file.
 */
export async function buildCacheFile(dir: string, fingerprint: string): Promise<BuildResult> {
  const { bytes, problems } = await readDataBytes(dir);
  const digest = dataFilesDigest(bytes);
  const loaded = loadDatasetFromBytes(bytes, dir, problems);
  if (!loaded.ok) return loaded;
  const { dataset } = loaded;
  const indexes = { search: buildSearchParts(dataset), actors: buildActorParts(dataset) };
  return {
    ok: true,
    digest,
    version: dataset.version,
    file: encodeCacheFile({ digest, fingerprint }, dataset, indexes),
  };
}
