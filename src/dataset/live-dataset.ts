import { type FSWatcher, watch as fsWatch, statSync } from 'node:fs';
import path from 'node:path';
import { type Briefbook, createBriefbook, type PrebuiltIndexes } from '../domain/briefbook.ts';
import { prepareBriefings } from '../domain/briefing.ts';
import { type Dataset, groupingSteps } from '../domain/model.ts';
import { DATA_FILES } from '../domain/schema.ts';
import { formatProblem, type Problem } from '../domain/validate.ts';
import type { Logger } from '../logger.ts';
import { createDatasetLoader, type DatasetLoader } from './loader.ts';

/**
 * The dataset the running bot serves, reloaded without a restart. A change under `data/` is
 * validated first, in a worker thread (see loader.ts: unchanged files come from the dataset cache
 * without validating or indexing); a valid dataset replaces the current one in a single
 * assignment, so a command that took its snapshot at the start finishes on the old one. An invalid
 * one is logged problem by problem, as `data:check` prints them, and the old one stays.
 */

/** What commands read: taken once per command with `current()`, never mutated. */
export interface DatasetSnapshot {
  readonly briefbook: Briefbook;
  readonly version: string;
  readonly loadedAt: Date;
}

/** Told to subscribers after each swap. */
export interface DatasetSwap {
  readonly previous: DatasetSnapshot;
  readonly current: DatasetSnapshot;
  /** Events in the new version the previous one lacked: "new" for scheduled posts. */
  readonly addedEventIds: readonly string[];
  readonly removedEventIds: readonly string[];
}

export type ReloadResult =
  | { ok: true; version: string; changed: boolean; addedEventIds: readonly string[] }
  | { ok: false; problems: Problem[] };

/** The logger methods used. */
export type LiveDatasetLogger = Pick<Logger, 'info' | 'warn' | 'error'>;

export interface LiveDatasetOptions {
  /** The data directory (`data`). */
  dir: string;
  /** Injected clock for `loadedAt`. */
  now?: () => Date;
  logger?: LiveDatasetLogger;
  /** Quiet time after the last file event before reloading: editors save in several steps. */
  debounceMs?: number;
  /**
   * Reads and validates the directory. Default: the data:check rules in a worker thread, with the
   * dataset cache in `cacheDir`.
   */
  load?: DatasetLoader;
  /** Dataset cache directory for the default loader (DATASET_CACHE_DIR); none: no cache. */
  cacheDir?: string | undefined;
}

export type DatasetListener = (swap: DatasetSwap) => void;

const DATA_FILE_NAMES: ReadonlySet<string> = new Set(Object.keys(DATA_FILES));
const silent: LiveDatasetLogger = { info() {}, warn() {}, error() {} };

export class LiveDataset {
  private snapshot: DatasetSnapshot;
  private readonly listeners = new Set<DatasetListener>();
  private readonly now: () => Date;
  private readonly logger: LiveDatasetLogger;
  private readonly load: DatasetLoader;
  private readonly debounceMs: number;
  private watcher: FSWatcher | undefined;
  /** Watches the parent folder and polls, to notice the data folder replaced (see watch). */
  private guard: { parent: FSWatcher | undefined; poll: NodeJS.Timeout; ino: number | undefined } | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<ReloadResult> | undefined;
  private queued: Promise<ReloadResult> | undefined;

  constructor(
    initial: Dataset,
    private readonly options: LiveDatasetOptions,
    indexes?: PrebuiltIndexes,
  ) {
    this.now = options.now ?? (() => new Date());
    this.logger = options.logger ?? silent;
    this.load = options.load ?? createDatasetLoader({ cacheDir: options.cacheDir, logger: this.logger });
    this.debounceMs = options.debounceMs ?? 300;
    this.snapshot = Object.freeze({
      briefbook: createBriefbook(initial, indexes),
      version: initial.version,
      loadedAt: this.now(),
    });
    // The groupings some commands read, then what briefings read, are arranged in the next turns
    // (one each), while the bot waits on the gateway, so the load itself ends sooner; a command
    // asked before then arranges what it reads on its own.
    const steps = [...groupingSteps(initial), () => prepareBriefings(initial)];
    const next = () => {
      steps.shift()?.();
      if (steps.length > 0) setImmediate(next).unref();
    };
    setImmediate(next).unref();
  }

  /** Loads the directory once; fails with every problem when the data does not pass data:check. */
  static async open(
    options: LiveDatasetOptions,
  ): Promise<{ ok: true; live: LiveDataset } | { ok: false; problems: Problem[] }> {
    const load =
      options.load ??
      createDatasetLoader({
        cacheDir: options.cacheDir,
        ...(options.logger ? { logger: options.logger } : {}),
      });
    const result = await load(options.dir);
    if (!result.ok) return result;
    const live = new LiveDataset(result.dataset, { ...options, load }, result.indexes);
    live.logger.info({ version: live.snapshot.version, dir: options.dir }, 'dataset loaded');
    return { ok: true, live };
  }

  /** The dataset now. Take it once per command so the whole command sees one version. */
  current(): DatasetSnapshot {
    return this.snapshot;
  }

  /** Told after every swap; returns the unsubscribe function. */
  subscribe(listener: DatasetListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /**
   * Re-reads and validates the directory and swaps a valid, changed dataset in. Calls made while a
   * reload runs share one follow-up reload, so the last write is always read.
   */
  reload(): Promise<ReloadResult> {
    if (!this.running) {
      this.running = this.reloadOnce().finally(() => {
        this.running = undefined;
      });
      return this.running;
    }
    if (!this.queued) {
      this.queued = this.running.then(
        () => {
          this.queued = undefined;
          return this.reload();
        },
        () => {
          this.queued = undefined;
          return this.reload();
        },
      );
    }
    return this.queued;
  }

  /** Watches the data files (not drafts/ or schema/) and reloads after a quiet period. */
  /**
   * Watches the data files (not drafts/ or schema/) and reloads after a quiet period. A watcher
   * follows the folder it was opened on, so a data folder replaced (`mv data data.old && cp -a
   * data.old data`, a checkout that recreates it) or deleted and recreated is noticed — through a
   * watch on the parent folder and a poll of the folder's inode every `pollMs` — and watched anew,
   * with a log line and a reload.
   */
  watch(pollMs = 2_000): void {
    if (this.guard) return;
    this.arm();
    const parentDir = path.dirname(path.resolve(this.options.dir));
    const name = path.basename(path.resolve(this.options.dir));
    let parent: FSWatcher | undefined;
    try {
      parent = fsWatch(parentDir, { persistent: false }, (_event, filename) => {
        if (filename?.toString() === name) this.checkFolder();
      });
      parent.on('error', () => undefined);
    } catch {
      parent = undefined; // the poll still notices
    }
    const poll = setInterval(() => this.checkFolder(), pollMs);
    poll.unref?.();
    this.guard = { parent, poll, ino: this.folderIno() };
    this.logger.info(
      { dir: this.options.dir, debounceMs: this.debounceMs },
      'watching the dataset for changes',
    );
  }

  private folderIno(): number | undefined {
    try {
      const st = statSync(this.options.dir);
      return st.isDirectory() ? st.ino : undefined;
    } catch {
      return undefined;
    }
  }

  /** Watches the data folder as it is now (nothing when it is missing). */
  private arm(): void {
    this.watcher?.close();
    this.watcher = undefined;
    try {
      this.watcher = fsWatch(this.options.dir, { persistent: false }, (_event, filename) => {
        const name = filename?.toString();
        if (name !== undefined && !DATA_FILE_NAMES.has(name)) return;
        this.schedule();
      });
      this.watcher.on('error', (err) =>
        this.logger.warn({ err, dir: this.options.dir }, 'watching the data directory failed'),
      );
    } catch (err) {
      this.watcher = undefined;
      this.logger.warn({ err, dir: this.options.dir }, 'watching the data directory failed');
    }
  }

  /** The folder replaced, gone or back: watch what is there now and reload. Logged once per change. */
  private checkFolder(): void {
    const guard = this.guard;
    if (!guard) return;
    const ino = this.folderIno();
    if (ino === guard.ino) return;
    guard.ino = ino;
    const version = this.snapshot.version;
    if (ino === undefined) {
      this.watcher?.close();
      this.watcher = undefined;
      this.logger.warn(
        { dir: this.options.dir, version },
        `the data directory ${this.options.dir} is gone; still serving version ${version} until it is back`,
      );
      return;
    }
    this.arm();
    this.logger.info(
      { dir: this.options.dir, version },
      `the data directory ${this.options.dir} was replaced; watching the new one and reloading`,
    );
    this.schedule();
  }

  /** Stops watching; a pending reload is cancelled. */
  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.watcher?.close();
    this.watcher = undefined;
    if (this.guard) {
      this.guard.parent?.close();
      clearInterval(this.guard.poll);
      this.guard = undefined;
    }
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.reload().catch((err: unknown) => this.logger.error({ err }, 'dataset reload failed'));
    }, this.debounceMs);
    this.timer.unref?.();
  }

  private async reloadOnce(): Promise<ReloadResult> {
    const previous = this.snapshot;
    const result = await this.load(this.options.dir, { background: true });
    if (!result.ok) {
      this.logger.error(
        { version: previous.version, problems: result.problems.length },
        `dataset change rejected: ${result.problems.length} problem(s); still serving version ${previous.version}`,
      );
      for (const p of result.problems) this.logger.error({ file: p.file, path: p.path }, formatProblem(p));
      return { ok: false, problems: result.problems };
    }
    const dataset = result.dataset;
    if (dataset.version === previous.version) {
      this.logger.info({ version: dataset.version }, 'dataset files changed but the data did not');
      return { ok: true, version: dataset.version, changed: false, addedEventIds: [] };
    }
    // The groupings and what briefings read are arranged in turns of their own, apart from the indexes.
    for (const step of [...groupingSteps(dataset), () => prepareBriefings(dataset)]) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      step();
    }
    await new Promise<void>((resolve) => setImmediate(resolve));
    const next: DatasetSnapshot = Object.freeze({
      briefbook: createBriefbook(dataset, result.indexes),
      version: dataset.version,
      loadedAt: this.now(),
    });
    const before = previous.briefbook.dataset.eventById;
    const addedEventIds = dataset.events.filter((e) => !before.has(e.id)).map((e) => e.id);
    const removedEventIds = [...before.keys()].filter((id) => !dataset.eventById.has(id));
    this.snapshot = next;
    this.logger.info(
      {
        version: next.version,
        previousVersion: previous.version,
        loadedAt: next.loadedAt.toISOString(),
        addedEvents: addedEventIds,
        removedEvents: removedEventIds,
      },
      `dataset reloaded: version ${next.version}`,
    );
    const swap: DatasetSwap = Object.freeze({ previous, current: next, addedEventIds, removedEventIds });
    for (const listener of [...this.listeners]) {
      try {
        listener(swap);
      } catch (err) {
        this.logger.error({ err }, 'a dataset listener failed');
      }
    }
    return { ok: true, version: next.version, changed: true, addedEventIds };
  }
}
