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

/**
 * Feeds `bytes` to `hash` without the whitespace outside JSON strings. The bytes between two
 * whitespace runs go to the hash as they are (a minified file: in one piece), and a string's end is
 * found with a native search once the string is longer than a few bytes: hashing 10 MB takes
 * milliseconds, not a byte-by-byte copy.
 */
function hashWithoutLayout(hash: Hash, bytes: Uint8Array): void {
  const n = bytes.length;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, n);
  let run = 0; // start of the bytes not yet hashed
  let i = 0;
  while (i < n) {
    const c = bytes[i] as number;
    if (c === QUOTE) {
      // The closing quote: the next quote preceded by an even number of backslashes.
      let from = i + 1;
      let end = n;
      while (from < n) {
        let q = from;
        const near = Math.min(n, from + 16);
        while (q < near && bytes[q] !== QUOTE) q++;
        if (q === near) q = q < n ? buffer.indexOf(QUOTE, q) : -1;
        if (q < 0) break;
        let slashes = 0;
        for (let b = q - 1; b > i && bytes[b] === BACKSLASH; b--) slashes++;
        if ((slashes & 1) === 0) {
          end = q;
          break;
        }
        from = q + 1;
      }
      i = end + 1;
    } else if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
      if (i > run) hash.update(bytes.subarray(run, i));
      run = ++i;
    } else i++;
  }
  if (n > run) hash.update(bytes.subarray(run, n));
}
