import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import * as zlib from 'node:zlib';

/**
 * A cache file's body as the decoder reads it: section by section, in the order they were written.
 * `take` gives bytes valid until the next call; `takeInto` copies bytes into their final buffer;
 * `finish` reads what is left and says whether the body's checksum is the header's.
 */
export interface CacheBody {
  readonly byteLength: number;
  take(offset: number, length: number): Promise<Uint8Array>;
  takeInto(offset: number, dest: Uint8Array): Promise<void>;
  finish(): Promise<boolean>;
}

/** A running checksum of the body (see checksumOf): CRC-32 where zlib has it, else SHA-1. */
export class BodyChecksum {
  private crc = 0;
  private readonly sha1 = (zlib as { crc32?: unknown }).crc32 ? undefined : createHash('sha1');

  update(bytes: Uint8Array): void {
    if (this.sha1) this.sha1.update(bytes);
    else
      this.crc = (zlib as unknown as { crc32: (d: Uint8Array, v: number) => number }).crc32(bytes, this.crc);
  }

  digest(): string {
    return this.sha1 ? `sha1:${this.sha1.digest('hex')}` : `crc32:${this.crc.toString(16)}`;
  }
}

export function checksumOf(body: Uint8Array): string {
  const sum = new BodyChecksum();
  sum.update(body);
  return sum.digest();
}

/** A body already in memory (a file just built): views, no copies; the checksum only when asked. */
export function memoryBody(body: Uint8Array, expected: string | undefined): CacheBody {
  return {
    byteLength: body.byteLength,
    take: async (offset, length) => body.subarray(offset, offset + length),
    takeInto: async (offset, dest) => dest.set(body.subarray(offset, offset + dest.byteLength)),
    finish: async () => expected === undefined || checksumOf(body) === expected,
  };
}

/** Reads `length` bytes at `position` of the file into `into` at `at`; fewer only at the file's end. */
type ReadAt = (into: Uint8Array, at: number, length: number, position: number) => Promise<number>;

/** Bytes read from the file at a time for small sections (one buffer, reused through the load). */
export const WINDOW_BYTES = 1024 * 1024;

/**
 * A body read from its file through one reused window, each byte once, in order. Reading the
 * whole file into one buffer first cost a fresh allocation of its size on every start, and fresh
 * memory is paid for page by page (~3 ms per MB on the machines measured: 45–60 ms of a 15 MB file
 * at 10k events); the index arrays are read straight into the buffers they are kept in.
 */
class FileBody implements CacheBody {
  private window = new Uint8Array(0);
  /** Body offset of window[0]. */
  private windowStart = 0;
  /** Body bytes read so far (and added to the checksum); the window ends here. */
  private loaded = 0;
  private readonly sum: BodyChecksum | undefined;

  constructor(
    private readonly readAt: ReadAt,
    /** Where the body starts in the file. */
    private readonly start: number,
    readonly byteLength: number,
    private readonly expected: string | undefined,
    private readonly windowBytes: number,
  ) {
    this.sum = expected === undefined ? undefined : new BodyChecksum();
  }

  async take(offset: number, length: number): Promise<Uint8Array> {
    await this.skipTo(offset);
    const end = offset + length;
    if (end <= this.loaded) return this.window.subarray(offset - this.windowStart, end - this.windowStart);
    const size = Math.max(this.windowBytes, length);
    // The start of the section may be read already: it moves to the front of the window.
    const from = offset - this.windowStart;
    const to = Math.max(from, this.loaded - this.windowStart);
    const have = to - from;
    let next = this.window;
    if (next.byteLength >= size) next.copyWithin(0, from, to);
    else {
      next = new Uint8Array(size);
      next.set(this.window.subarray(from, to));
    }
    this.window = next;
    this.windowStart = offset;
    const until = Math.min(this.byteLength, offset + size);
    await this.fill(next, have, until - this.loaded);
    if (end > this.loaded) throw new Error('section past the end of the body');
    return next.subarray(0, length);
  }

  async takeInto(offset: number, dest: Uint8Array): Promise<void> {
    await this.skipTo(offset);
    const inWindow = Math.max(0, Math.min(dest.byteLength, this.loaded - offset));
    if (inWindow > 0)
      dest.set(this.window.subarray(offset - this.windowStart, offset - this.windowStart + inWindow));
    if (inWindow === dest.byteLength) return;
    await this.fill(dest, inWindow, dest.byteLength - inWindow);
    // The window holds nothing from here on: what follows starts past the bytes just read.
    this.windowStart = this.loaded;
  }

  async finish(): Promise<boolean> {
    await this.skipTo(this.byteLength);
    return this.sum === undefined || this.sum.digest() === this.expected;
  }

  /** Reads (and checksums) the bytes before `offset` not read yet: padding between sections. */
  private async skipTo(offset: number): Promise<void> {
    if (offset < this.windowStart) throw new Error('sections read out of order');
    while (this.loaded < offset) {
      const n = Math.min(this.windowBytes, offset - this.loaded);
      if (this.window.byteLength < n) this.window = new Uint8Array(this.windowBytes);
      this.windowStart = this.loaded;
      await this.fill(this.window, 0, n);
    }
  }

  /** Reads the next `length` body bytes into `into` at `at`, checksummed; the body ends early: throws. */
  private async fill(into: Uint8Array, at: number, length: number): Promise<void> {
    let done = 0;
    while (done < length) {
      const n = await this.readAt(into, at + done, length - done, this.start + this.loaded + done);
      if (n === 0) throw new Error('truncated');
      done += n;
    }
    this.sum?.update(into.subarray(at, at + length));
    this.loaded += length;
  }
}

/** An open cache file: its size, its first bytes, and a body reader over the rest. */
export interface OpenCacheFile {
  size: number;
  readHead(length: number): Promise<Uint8Array>;
  body(start: number, byteLength: number, expected: string | undefined): CacheBody;
  close(): Promise<void>;
}

/**
 * Opens `file` for reading; undefined when it cannot be opened (a miss). Synchronous reads unless
 * `background` (a reload on a running bot, whose event loop must not wait on the disk).
 */
export async function openCacheFile(
  file: string,
  background: boolean,
  windowBytes = WINDOW_BYTES,
): Promise<OpenCacheFile | undefined> {
  if (background) {
    let handle: FileHandle;
    try {
      handle = await open(file, 'r');
    } catch {
      return undefined;
    }
    const readAt: ReadAt = async (into, at, length, position) =>
      (await handle.read(into, at, length, position)).bytesRead;
    return fileAccess((await handle.stat()).size, readAt, () => handle.close(), windowBytes);
  }
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined;
  }
  const readAt: ReadAt = async (into, at, length, position) => readSync(fd, into, at, length, position);
  return fileAccess(fstatSync(fd).size, readAt, async () => closeSync(fd), windowBytes);
}

function fileAccess(
  size: number,
  readAt: ReadAt,
  close: () => Promise<void>,
  windowBytes: number,
): OpenCacheFile {
  return {
    size,
    async readHead(length) {
      const bytes = new Uint8Array(Math.min(length, size));
      let done = 0;
      while (done < bytes.byteLength) {
        const n = await readAt(bytes, done, bytes.byteLength - done, done);
        if (n === 0) break;
        done += n;
      }
      return bytes.subarray(0, done);
    },
    body: (start, byteLength, expected) => new FileBody(readAt, start, byteLength, expected, windowBytes),
    close,
  };
}
