import type { Logger } from 'pino';
import { type Briefbook, createBriefbook } from '../domain/briefbook.ts';
import { formatProblem, type Problem } from '../domain/validate.ts';
import { loadDatasetFromDir } from './read-data-dir.ts';

export interface DatasetSnapshot {
  briefbook: Briefbook;
  loadedAt: Date;
  version: string;
}

export class DataError extends Error {
  constructor(readonly problems: Problem[]) {
    super(
      `The dataset is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems
        .map((p) => `  ${formatProblem(p)}`)
        .join('\n')}\nFix them (npm run data:check shows the same list) and start again.`,
    );
    this.name = 'DataError';
  }
}

export interface OpenedDataset {
  current(): DatasetSnapshot;
  close(): void;
}

/** Loads data/ once; refuses (DataError) when it is invalid. */
export async function openDataset(opts: {
  dir: string;
  logger: Logger;
  now: () => Date;
  watch: boolean;
}): Promise<OpenedDataset> {
  const result = await loadDatasetFromDir(opts.dir);
  if (!result.ok) throw new DataError(result.problems);
  const snapshot: DatasetSnapshot = {
    briefbook: createBriefbook(result.dataset),
    loadedAt: opts.now(),
    version: result.dataset.version,
  };
  opts.logger.info({ version: snapshot.version, events: result.dataset.events.length }, 'dataset loaded');
  return { current: () => snapshot, close: () => undefined };
}
