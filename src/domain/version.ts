import { createHash, type Hash } from 'node:crypto';
import { DATA_FILES, type DataFileName } from './schema.ts';

/** The data files' contents as read (bytes or text), by file name. */
export type DataFileContents = Partial<Record<DataFileName, Uint8Array | string>>;

const NAMES = Object.keys(DATA_FILES) as DataFileName[];

/**
 * The dataset's version as /about shows it: a hash of the data files' bytes in which the layout
 * of the JSON (whitespace between tokens) does not count, so re-indenting or minifying a file is
 * not a new version while any change of a value, key or order is. One pass over the bytes; no
 * parsing, no re-serialising.
 */
export function datasetVersionOf(files: DataFileContents): string {
  const hash = createHash('sha256');
  for (const name of NAMES) {
    hash.update(`${name}\0`);
    const content = files[name];
    if (content !== undefined) hashWithoutLayout(hash, bytesOf(content));
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 12);
}

/** A hash of the files' exact bytes: the key of the validated snapshot (any change re-validates). */
export function dataFilesDigest(files: DataFileContents): string {
  const hash = createHash('sha256');
  for (const name of NAMES) {
    const content = files[name];
    const bytes = content === undefined ? undefined : bytesOf(content);
    hash.update(`${name}\0${bytes?.length ?? -1}\0`);
    if (bytes) hash.update(bytes);
  }
  return hash.digest('hex');
}

function bytesOf(content: Uint8Array | string): Uint8Array {
  return typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Feeds `bytes` to `hash` without the whitespace outside JSON strings. */
function hashWithoutLayout(hash: Hash, bytes: Uint8Array): void {
  const out = new Uint8Array(bytes.length);
  let o = 0;
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const c = bytes[i] as number;
    if (c === QUOTE) {
      // Copy the whole string, escapes included, up to its closing quote.
      let j = i + 1;
      while (j < n) {
        const d = bytes[j] as number;
        if (d === BACKSLASH) j += 2;
        else if (d === QUOTE) break;
        else j++;
      }
      const end = Math.min(j + 1, n);
      out.set(bytes.subarray(i, end), o);
      o += end - i;
      i = end;
    } else {
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) out[o++] = c;
      i++;
    }
  }
  hash.update(out.subarray(0, o));
}
