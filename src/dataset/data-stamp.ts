import { stat } from 'node:fs/promises';
import path from 'node:path';
import { DATA_FILES, type DataFileName } from '../domain/schema.ts';

/**
 * What the file system says about a data file without reading it, as git's index keeps it: when
 * none of these changed, neither did the bytes (any write sets the change time to the time of the
 * write, and a file put in place by rename has another inode).
 */
export interface FileStamp {
  size: string;
  mtimeNs: string;
  ctimeNs: string;
  ino: string;
  dev: string;
}

/** Each data file's stamp; null for a file that is not there. */
export type DataStamps = Record<DataFileName, FileStamp | null>;

/** The data files' digest as last computed from their bytes, and the stamps they had then. */
export interface StampRecord {
  dir: string;
  digest: string;
  files: DataStamps;
}

const NAMES = Object.keys(DATA_FILES) as DataFileName[];

/**
 * A file changed less than this before its bytes were hashed is "racily clean" (git's term): a
 * second write in the same timestamp tick, with the same size, would leave every stamp field as
 * it was. Such stamps are not recorded. 3 s covers the coarsest common timestamps (FAT's 2 s).
 */
export const RACY_MARGIN_MS = 3000;

export async function statDataFiles(dir: string): Promise<DataStamps | undefined> {
  try {
    const entries = await Promise.all(
      NAMES.map(async (name) => {
        const s = await stat(path.join(dir, name), { bigint: true }).catch((error: NodeJS.ErrnoException) => {
          if (error.code === 'ENOENT') return null;
          throw error;
        });
        const stamp: FileStamp | null = s && {
          size: String(s.size),
          mtimeNs: String(s.mtimeNs),
          ctimeNs: String(s.ctimeNs),
          ino: String(s.ino),
          dev: String(s.dev),
        };
        return [name, stamp] as const;
      }),
    );
    return Object.fromEntries(entries) as DataStamps;
  } catch {
    return undefined; // unreadable: the loader reads the bytes and reports it
  }
}

export function sameStamps(a: DataStamps, b: DataStamps): boolean {
  return NAMES.every((name) => {
    const x = a[name];
    const y = b[name];
    if (!x || !y) return x === y;
    return (
      x.size === y.size &&
      x.mtimeNs === y.mtimeNs &&
      x.ctimeNs === y.ctimeNs &&
      x.ino === y.ino &&
      x.dev === y.dev
    );
  });
}

/** Whether stamps taken before the bytes were read may stand for those bytes at `nowMs`. */
export function settledAt(stamps: DataStamps, nowMs: number): boolean {
  const limit = BigInt(Math.floor(nowMs - RACY_MARGIN_MS)) * 1_000_000n;
  return NAMES.every((name) => {
    const s = stamps[name];
    return s !== null && BigInt(s.mtimeNs) < limit && BigInt(s.ctimeNs) < limit;
  });
}

/** A stamp record read back from disk, or undefined when it is not one (then the bytes are read). */
export function parseStampRecord(text: string, dir: string): StampRecord | undefined {
  try {
    const record = JSON.parse(text) as Partial<StampRecord>;
    if (record.dir !== dir || typeof record.digest !== 'string' || !record.files) return undefined;
    for (const name of NAMES) {
      const s = record.files[name];
      if (s === undefined) return undefined;
      if (
        s !== null &&
        !['size', 'mtimeNs', 'ctimeNs', 'ino', 'dev'].every(
          (k) => typeof s[k as keyof FileStamp] === 'string',
        )
      )
        return undefined;
    }
    return record as StampRecord;
  } catch {
    return undefined;
  }
}
