import { buildActorParts } from '../domain/actors.ts';
import type { PrebuiltIndexes } from '../domain/briefbook.ts';
import { buildDataset, type Dataset } from '../domain/model.ts';
import { DATA_FILES, type DataFileName, type RawDataset } from '../domain/schema.ts';
import { buildSearchParts } from '../domain/search.ts';
import type { Problem } from '../domain/validate.ts';
import { type DataFileContents, dataFilesDigest } from '../domain/version.ts';
import { assembleCacheFile, encodeDatasetSections } from './cache-file.ts';
import { loadDatasetFromBytes, parseDataFiles, readDataBytes } from './read-data-dir.ts';
import { listsWithDefaults, sameJson } from './schema-defaults.ts';

export type BuildResult =
  | { ok: true; digest: string; version: string; file: Uint8Array }
  | { ok: false; problems: Problem[] };

/** Indexes built on another thread (see buildCacheFile's `indexHelper`). */
export interface IndexJob {
  result: Promise<PrebuiltIndexes>;
  cancel(): void;
}

export interface BuildOptions {
  /**
   * Starts building the indexes elsewhere (another thread) from the same bytes, while this thread
   * validates them; undefined: they are built here, after validation.
   */
  indexHelper?: (bytes: DataFileContents) => IndexJob;
}

/**
 * The expensive path, run in a worker thread: read the data files, validate them (every problem,
 * as data:check reports them), index them, and encode the result as a dataset cache file.
 *
 * With an `indexHelper`, the indexes are built on a second thread while this one validates and
 * encodes the dataset. That thread cannot wait for validation, so it indexes the parsed files with
 * the schema's defaults filled in (`indexPartsFromBytes`); its indexes are used only when that is
 * exactly, deep-equal, what validation returned (else, or if it fails, they are built here). The
 * dataset is built from those lists by the same deterministic code, so it indexes the same records
 * in the same order.
 */
export async function buildCacheFile(
  dir: string,
  fingerprint: string,
  opts: BuildOptions = {},
): Promise<BuildResult> {
  const { bytes, problems } = await readDataBytes(dir);
  const digest = dataFilesDigest(bytes);
  const helper = problems.length === 0 ? opts.indexHelper?.(bytes) : undefined;
  try {
    let sameAsHelper = false;
    const loaded = loadDatasetFromBytes(bytes, dir, problems, (files, validated) => {
      if (!helper) return;
      const lists = listsWithDefaults(files);
      sameAsHelper = lists !== undefined && sameLists(lists, validated);
    });
    if (!loaded.ok) return loaded;
    const { dataset } = loaded;
    const sections = encodeDatasetSections(dataset);
    let indexes: PrebuiltIndexes | undefined;
    if (helper && sameAsHelper) {
      indexes = await helper.result.catch(() => undefined);
      if (indexes && !fitsDataset(indexes, dataset)) indexes = undefined;
    }
    indexes ??= indexParts(dataset);
    return {
      ok: true,
      digest,
      version: dataset.version,
      file: assembleCacheFile({ digest, fingerprint }, sections, indexes),
    };
  } finally {
    helper?.cancel();
  }
}

/** The helper thread's work: the indexes of the parsed files, their schema defaults filled in. */
export function indexPartsFromBytes(bytes: DataFileContents): PrebuiltIndexes {
  const { files, problems } = parseDataFiles(bytes, '.');
  const lists = problems.length === 0 ? listsWithDefaults(files) : undefined;
  if (!lists) throw new Error('the data files do not parse as data files');
  return indexParts(buildDataset(lists));
}

function indexParts(dataset: Dataset): PrebuiltIndexes {
  return { search: buildSearchParts(dataset), actors: buildActorParts(dataset) };
}

function sameLists(lists: RawDataset, validated: RawDataset): boolean {
  const names = Object.keys(DATA_FILES) as DataFileName[];
  return names.every((name) => {
    const key = DATA_FILES[name].key;
    return sameJson(lists[key], validated[key]);
  });
}

/** A cheap guard on top of the equality check (loading checks both indexes' sizes again). */
function fitsDataset(indexes: PrebuiltIndexes, dataset: Dataset): boolean {
  const docs = dataset.events.length + dataset.quotes.length + dataset.actors.length + dataset.topics.length;
  return indexes.search.docCount === docs;
}
