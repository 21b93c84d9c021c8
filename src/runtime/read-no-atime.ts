/**
 * Reads a cache file without updating its access time (Linux O_NOATIME).
 *
 * A cache file is written by one start and read by the next. The first read after a write updates
 * the file's access time (relatime does so whenever atime is not newer than mtime), a metadata
 * write: on ext4 it joins the journal, and when the journal is committing the previous start's
 * writes just then (the commit runs every 5 s), the read waits for that commit. The first restart
 * after a start that wrote the caches was the one to wait. Nothing reads the access time of a
 * cache file. O_NOATIME is refused (EPERM) for a file the process does not own: then a plain read.
 */
import { constants, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

const NO_ATIME = constants.O_NOATIME;

function refused(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'EPERM';
}

export async function readFileNoAtime(file: string): Promise<Buffer> {
  if (NO_ATIME === undefined) return readFile(file);
  try {
    return await readFile(file, { flag: constants.O_RDONLY | NO_ATIME });
  } catch (error) {
    if (refused(error)) return readFile(file);
    throw error;
  }
}

export function readFileNoAtimeSync(file: string): Buffer {
  if (NO_ATIME === undefined) return readFileSync(file);
  try {
    return readFileSync(file, { flag: constants.O_RDONLY | NO_ATIME });
  } catch (error) {
    if (refused(error)) return readFileSync(file);
    throw error;
  }
}
