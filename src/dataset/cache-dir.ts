import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CacheKey } from './cache-file.ts';
import { parseStampRecord, type StampRecord } from './data-stamp.ts';

/** The pino methods used. */
export interface CacheLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

const PREFIX = 'dataset-';
const SUFFIX = '.cache';
/** Files kept: the current data's and the one before (an edit undone loads at once). */
const KEEP = 2;

/**
 * The directory of dataset cache files (DATASET_CACHE_DIR, default var/cache); files are read
 * by readCacheFile (cache-file.ts), where a missing or unreadable file is a miss. Writing is atomic (temporary file, then rename);
 * when the directory cannot be written, one warning says so and the process stops trying: the bot
 * then validates and indexes on every start, as it would without a cache.
 */
export class DatasetCacheDir {
  private writable = true;

  constructor(
    readonly dir: string,
    private readonly logger?: CacheLogger,
  ) {}

  fileFor(key: CacheKey): string {
    return path.join(this.dir, `${PREFIX}${key.digest.slice(0, 24)}-${key.fingerprint}${SUFFIX}`);
  }

  /** Writes the file for `key`; false when it could not (already reported). */
  async write(key: CacheKey, bytes: Uint8Array): Promise<boolean> {
    if (!this.writable) return false;
    const target = this.fileFor(key);
    try {
      await this.replace(target, bytes);
    } catch (error) {
      this.writable = false;
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      this.logger?.warn(
        { dir: this.dir, code },
        `dataset cache off: cannot write ${this.dir} (${code}); starts will validate and index the data each time. Make it writable, or set DATASET_CACHE_DIR to a writable directory (or "off")`,
      );
      return false;
    }
    await this.prune(target).catch(() => undefined);
    return true;
  }

  /** The data folder's stamp record (see data-stamp.ts); undefined when there is none or it is not usable. */
  async readStamp(dataDir: string): Promise<StampRecord | undefined> {
    const text = await readFile(this.stampFileFor(dataDir), 'utf8').catch(() => undefined);
    return text === undefined ? undefined : parseStampRecord(text, dataDir);
  }

  /** Replaces the data folder's stamp record; silently does nothing when it cannot (a miss costs a hash). */
  async writeStamp(record: StampRecord): Promise<void> {
    if (!this.writable) return;
    await this.replace(this.stampFileFor(record.dir), JSON.stringify(record)).catch(() => undefined);
  }

  /** Writes `target` atomically: a temporary file beside it, then a rename (removed if that fails). */
  private async replace(target: string, data: Uint8Array | string): Promise<void> {
    const tmp = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await mkdir(this.dir, { recursive: true });
      await writeFile(tmp, data);
      await rename(tmp, target);
    } catch (error) {
      await rm(tmp, { force: true }).catch(() => undefined);
      throw error;
    }
  }

  private stampFileFor(dataDir: string): string {
    return path.join(
      this.dir,
      `data-stamp-${createHash('sha256').update(dataDir).digest('hex').slice(0, 16)}.json`,
    );
  }

  /** Removes older cache files beyond the newest KEEP (this one included). */
  private async prune(current: string): Promise<void> {
    const names = (await readdir(this.dir)).filter((n) => n.startsWith(PREFIX) && n.endsWith(SUFFIX));
    const files = await Promise.all(
      names.map(async (n) => {
        const file = path.join(this.dir, n);
        return { file, mtime: file === current ? Number.POSITIVE_INFINITY : (await stat(file)).mtimeMs };
      }),
    );
    files.sort((a, b) => b.mtime - a.mtime);
    for (const { file } of files.slice(KEEP)) await rm(file, { force: true });
  }
}
