import { buildActorParts } from '../domain/actors.ts';
import type { PrebuiltIndexes } from '../domain/briefbook.ts';
import { type Dataset, indexedLists } from '../domain/model.ts';
import type { RankedIndexParts } from '../domain/ranked-index.ts';
import { DATA_FILES, type DataFileName, type RawDataset } from '../domain/schema.ts';
import { buildSearchParts } from '../domain/search.ts';
import type { Problem } from '../domain/validate.ts';
import { type DataFileContents, dataFilesDigest } from '../domain/version.ts';
import { assembleCacheFile, type DatasetSections, encodeDatasetSections } from './cache-file.ts';
import { loadDatasetFromBytes, parseDataFiles, readDataBytes } from './read-data-dir.ts';
import { listsWithDefaults, sameJson } from './schema-defaults.ts';

export type BuildResult =
  | { ok: true; digest: string; version: string; file: Uint8Array }
  | { ok: false; problems: Problem[] };

/** The search index built on another thread (see buildCacheFile's `indexHelper`). */
export interface IndexJob {
  result: Promise<RankedIndexParts>;
  cancel(): void;
}

export interface BuildOptions {
  /**
   * Starts building the search index elsewhere (another thread) from the same bytes, while this
   * thread validates them; undefined: it is built here, after validation.
   */
  indexHelper?: (bytes: DataFileContents) => IndexJob;
  /** Data files smaller than this in all are indexed here: starting a thread costs more than it saves. */
  helperMinBytes?: number;
  /**
   * Called with the valid dataset's encoded sections as soon as they exist, before the indexes are
   * done: the bot decodes them while this thread waits for the search index (see the loader).
   */
  onDataset?: (digest: string, data: DatasetSections) => void;
}

/**
 * The expensive path, run in a worker thread: read the data files, validate them (every problem,
 * as data:check reports them), index them, and encode the result as a dataset cache file.
 *
 * With an `indexHelper`, the search index (most of the work) is built on a second thread while this
 * one validates, encodes the dataset and builds the actor index. That thread cannot wait for
 * validation, so it indexes the parsed files with the schema's defaults filled in
 * (`searchPartsFromBytes`); its index is used only when those lists are exactly, deep-equal, what
 * validation returned (else, or if it fails, it is built here). Its dataset is built from those
 * lists by the same deterministic sorts (indexedLists), so it indexes the same records in the same
 * order.
 */
export async function buildCacheFile(
  dir: string,
  fingerprint: string,
  opts: BuildOptions = {},
): Promise<BuildResult> {
  const { bytes, problems } = await readDataBytes(dir);
  const digest = dataFilesDigest(bytes);
  const worthIt = problems.length === 0 && totalBytes(bytes) >= (opts.helperMinBytes ?? 0);
  const helper = worthIt ? opts.indexHelper?.(bytes) : undefined;
  // Caught at once: a helper that fails while this thread validates is not an unhandled rejection.
  const helped = helper?.result.catch(() => undefined);
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
    opts.onDataset?.(digest, sections);
    const actors = buildActorParts(dataset);
    let search: RankedIndexParts | undefined;
    if (helped && sameAsHelper) {
      search = await helped;
      if (search && search.docCount !== documentsOf(dataset)) search = undefined;
    }
    const indexes: PrebuiltIndexes = { search: search ?? buildSearchParts(dataset), actors };
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

/** The helper thread's work: the search index of the parsed files, their schema defaults filled in. */
export function searchPartsFromBytes(bytes: DataFileContents): RankedIndexParts {
  const { files, problems } = parseDataFiles(bytes, '.');
  const lists = problems.length === 0 ? listsWithDefaults(files) : undefined;
  if (!lists) throw new Error('the data files do not parse as data files');
  return buildSearchParts(indexedLists(lists));
}

function sameLists(lists: RawDataset, validated: RawDataset): boolean {
  const names = Object.keys(DATA_FILES) as DataFileName[];
  return names.every((name) => {
    const key = DATA_FILES[name].key;
    return sameJson(lists[key], validated[key]);
  });
}

/** A cheap guard on top of the equality check (loading checks the index's size again). */
function documentsOf(dataset: Dataset): number {
  return dataset.events.length + dataset.quotes.length + dataset.actors.length + dataset.topics.length;
}

function totalBytes(bytes: DataFileContents): number {
  let n = 0;
  for (const content of Object.values(bytes)) n += content?.length ?? 0;
  return n;
}
