import { formatProblem, type Problem } from '../domain/validate.ts';
import type { Logger } from '../logger.ts';
import { LiveDataset } from './live-dataset.ts';

export type { DatasetSnapshot } from './live-dataset.ts';

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

/**
 * Loads data/ (refusing with DataError when invalid) and, when asked, watches it for valid edits.
 * `cacheDir` keeps the validated, indexed dataset between starts ("off" or undefined: no cache).
 */
export async function openDataset(opts: {
  dir: string;
  logger: Logger;
  now: () => Date;
  watch: boolean;
  cacheDir?: string | undefined;
}): Promise<LiveDataset> {
  const cacheDir = opts.cacheDir && opts.cacheDir.toLowerCase() !== 'off' ? opts.cacheDir : undefined;
  const opened = await LiveDataset.open({ dir: opts.dir, now: opts.now, logger: opts.logger, cacheDir });
  if (!opened.ok) throw new DataError(opened.problems);
  const snap = opened.live.current();
  opts.logger.info({ version: snap.version, events: snap.briefbook.dataset.events.length }, 'dataset loaded');
  if (opts.watch) opened.live.watch();
  return opened.live;
}
