import type { PrebuiltIndexes } from '../domain/briefbook.ts';
import type { Dataset, PreparedOrder } from '../domain/model.ts';
import type { RankedIndexParts } from '../domain/ranked-index.ts';
import type { RawDataset } from '../domain/schema.ts';
import { type CacheBody, checksumOf, memoryBody, openCacheFile } from './cache-body.ts';

/**
 * The validated dataset and its index arrays in one file, so that a start with unchanged data
 * files skips validation and indexing. Layout:
 *
 *   "BBSNAP01" · u32 header length · header JSON · padding to 8 · sections, each 8-aligned
 *
 * The header names the data files' digest and the code fingerprint the file was built for, the
 * version, and each section's place in the body with a checksum of the whole body. Sections:
 * the dataset's record lists as ASCII JSON in its sorted order (in chunks of SECTION_BYTES at most,
 * so a reload can yield between them), each event's sort day ("\n"-separated, in chunks too, so
 * the load neither sorts nor computes days), then for each index its sorted terms
 * ("\n"-separated) and typed arrays. Sections are decoded in this order, so a file is read once,
 * front to back; the arrays are read or copied into buffers of their own.
 */

const MAGIC = 'BBSNAP01';
const FORMAT = 4;
/** Records per JSON section at most: a reload yields to the event loop between sections. */
const CHUNK = 2_000;
/**
 * Bytes per JSON section at most (one record may exceed it): each section becomes one string for
 * JSON.parse, and strings stay below V8's large-object size (128 KB). Strings of 1 MB or more
 * (EXTERN_APEX) are made with malloc, outside the JavaScript heap (75 MB of events in 1.5 MB
 * sections left ~30 MB of glibc's heap fragmented and resident); large objects get pages of their
 * own, fresh memory paid for page by page: 7.4 MB of events in 768 KB strings took 25–45 ms to
 * decode, in 120 KB strings 2–5 ms.
 */
export const SECTION_BYTES = 120 * 1024;
const LISTS = ['sources', 'actors', 'topics', 'events', 'quotes', 'commitments'] as const;
const ARRAYS = [
  'termLcp',
  'fieldLength',
  'postingStart',
  'postingDoc',
  'postingTf',
  'largeTfAt',
  'largeTf',
] as const;
const INDEXES = ['search', 'actors'] as const;

interface IndexHeader {
  docCount: number;
  fieldCount: number;
  fieldDocs: number[];
  fieldAvg: number[];
}

interface Header {
  format: number;
  digest: string;
  fingerprint: string;
  version: string;
  bodyLength: number;
  checksum: string;
  /** Section name → [offset in the body, byte length]. */
  sections: Record<string, [number, number]>;
  indexes: Record<(typeof INDEXES)[number], IndexHeader>;
}

export interface CacheContents {
  /** The records in the dataset's order (see PreparedOrder). */
  raw: RawDataset;
  prepared: PreparedOrder;
  version: string;
  indexes: PrebuiltIndexes;
}

/** What a cache file is for: these exact data files, read by this code. */
export interface CacheKey {
  digest: string;
  fingerprint: string;
}

export function encodeCacheFile(
  key: CacheKey,
  dataset: Dataset,
  indexes: PrebuiltIndexes,
  sectionBytes = SECTION_BYTES,
): Uint8Array {
  return assembleCacheFile(key, encodeDatasetSections(dataset, sectionBytes), indexes);
}

/** The dataset's part of a cache file (see encodeCacheFile), encoded ahead of its indexes. */
export interface DatasetSections {
  version: string;
  sections: Array<[string, Uint8Array]>;
}

export function encodeDatasetSections(dataset: Dataset, sectionBytes = SECTION_BYTES): DatasetSections {
  const sections: Array<[string, Uint8Array]> = [];
  for (const list of LISTS) {
    const items = dataset[list] as readonly unknown[];
    jsonChunks(items, sectionBytes).forEach((chunk, c) => {
      sections.push([`dataset.${list}.${c}`, Buffer.from(chunk, 'latin1')]);
    });
  }
  const { eventDay } = dataset;
  const days = dataset.events.map((e) => eventDay.get(e.id) ?? '');
  lineChunks(days, sectionBytes).forEach((chunk, c) => {
    sections.push([`dataset.eventDays.${c}`, Buffer.from(chunk, 'latin1')]);
  });
  return { version: dataset.version, sections };
}

/** A cache file of encoded dataset sections and the dataset's index arrays. */
export function assembleCacheFile(
  key: CacheKey,
  data: DatasetSections,
  indexes: PrebuiltIndexes,
): Uint8Array {
  const sections = [...data.sections];
  const indexHeaders = {} as Header['indexes'];
  for (const name of INDEXES) {
    const parts = indexes[name];
    indexHeaders[name] = {
      docCount: parts.docCount,
      fieldCount: parts.fieldCount,
      fieldDocs: [...parts.fieldDocs],
      fieldAvg: [...parts.fieldAvg],
    };
    sections.push([`${name}.terms`, Buffer.from(parts.terms.join('\n'), 'utf8')]);
    for (const a of ARRAYS) {
      const array = parts[a];
      sections.push([`${name}.${a}`, new Uint8Array(array.buffer, array.byteOffset, array.byteLength)]);
    }
  }
  const places: Header['sections'] = {};
  let offset = 0;
  for (const [name, bytes] of sections) {
    places[name] = [offset, bytes.byteLength];
    offset = align8(offset + bytes.byteLength);
  }
  const body = new Uint8Array(offset);
  for (const [name, bytes] of sections) body.set(bytes, places[name]?.[0] ?? 0);
  const header: Header = {
    format: FORMAT,
    digest: key.digest,
    fingerprint: key.fingerprint,
    version: data.version,
    bodyLength: body.byteLength,
    checksum: checksumOf(body),
    sections: places,
    indexes: indexHeaders,
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const start = align8(12 + headerBytes.byteLength);
  const out = new Uint8Array(start + body.byteLength);
  out.set(Buffer.from(MAGIC, 'latin1'), 0);
  new DataView(out.buffer).setUint32(8, headerBytes.byteLength, true);
  out.set(headerBytes, 12);
  out.set(body, start);
  return out;
}

/** A decoded cache file, or why it is not usable (another data version, other code, damaged). */
export type DecodedCacheFile = { ok: true; contents: CacheContents } | { ok: false; reason: string };

/**
 * Checks a cache file in memory against the expected key and decodes it. `verify: false` skips
 * the checksum (bytes that never left memory); `pause`, when given, is awaited between sections:
 * a reload on a busy bot lets interactions through while it decodes. `dataset`: the file's dataset
 * part, decoded already from its sections (decodeDatasetSections); only the indexes are read.
 */
export async function decodeCacheFile(
  file: Uint8Array,
  expected: CacheKey,
  opts: { verify?: boolean; pause?: () => Promise<void>; dataset?: DecodedDatasetPart } = {},
): Promise<DecodedCacheFile> {
  const head = readHeader(file, expected);
  if (!head.ok) return head;
  const { header, start } = head;
  if (file.byteLength - start !== header.bodyLength) return fail('truncated');
  const body = memoryBody(file.subarray(start), opts.verify === false ? undefined : header.checksum);
  return decodeBody(header, body, opts.pause, opts.dataset);
}

/**
 * The cache file at `file`, read section by section through one small buffer (see cache-body.ts)
 * and decoded, its checksum verified; undefined when there is no such file.
 */
export async function readCacheFile(
  file: string,
  expected: CacheKey,
  opts: { pause?: () => Promise<void>; windowBytes?: number } = {},
): Promise<DecodedCacheFile | undefined> {
  const opened = await openCacheFile(file, opts.pause !== undefined, opts.windowBytes);
  if (!opened) return undefined;
  try {
    let headBytes = await opened.readHead(HEAD_BYTES);
    const declared = headBytes.byteLength >= 12 ? headerLengthOf(headBytes) : 0;
    if (12 + declared > headBytes.byteLength && 12 + declared <= opened.size)
      headBytes = await opened.readHead(12 + declared);
    const head = readHeader(headBytes, expected);
    if (!head.ok) return head;
    const { header, start } = head;
    if (opened.size - start !== header.bodyLength) return fail('truncated');
    return await decodeBody(header, opened.body(start, header.bodyLength, header.checksum), opts.pause);
  } catch (error) {
    return fail(`unreadable (${(error as Error).message})`);
  } finally {
    await opened.close();
  }
}

/** Bytes read for the header first (it names every section: ~60 KB at 100k events). */
const HEAD_BYTES = 64 * 1024;

function fail(reason: string) {
  return { ok: false as const, reason };
}

function headerLengthOf(bytes: Uint8Array): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);
}

/** The header, checked against the expected key; `start` is where the body begins. */
function readHeader(
  bytes: Uint8Array,
  expected: CacheKey,
): { ok: true; header: Header; start: number } | { ok: false; reason: string } {
  if (bytes.byteLength < 12 || view(bytes.subarray(0, 8)).toString('latin1') !== MAGIC)
    return fail('not a dataset cache file');
  const headerLength = headerLengthOf(bytes);
  if (12 + headerLength > bytes.byteLength) return fail('truncated');
  let header: Header;
  try {
    header = JSON.parse(view(bytes.subarray(12, 12 + headerLength)).toString('utf8')) as Header;
  } catch {
    return fail('damaged header');
  }
  if (header.format !== FORMAT) return fail(`format ${header.format}, expected ${FORMAT}`);
  if (header.digest !== expected.digest) return fail('built from other data files');
  if (header.fingerprint !== expected.fingerprint) return fail('built by another version of the bot');
  return { ok: true, header, start: align8(12 + headerLength) };
}

/** The dataset part of a cache file: what a load builds the Dataset from. */
export interface DecodedDatasetPart {
  raw: RawDataset;
  prepared: PreparedOrder;
}

/** Section bytes by name, in body order, awaited one at a time (each valid until the next). */
type SectionReader = (name: string) => Promise<Uint8Array>;

/** The record lists and event days, from sections named as encodeDatasetSections names them. */
async function decodeLists(
  has: (name: string) => boolean,
  section: SectionReader,
  pause: (() => Promise<void>) | undefined,
): Promise<DecodedDatasetPart> {
  // The record lists are ASCII (see asciiJson): UTF-8 decoding takes V8's fast one-byte path.
  const ascii = async (name: string) => view(await section(name)).toString('utf8');
  const raw = {} as Record<string, unknown[]>;
  for (const list of LISTS) {
    let items: unknown[] = [];
    for (let c = 0; has(`dataset.${list}.${c}`); c++) {
      const chunk = JSON.parse(await ascii(`dataset.${list}.${c}`)) as unknown[];
      if (c === 0) items = chunk;
      else for (const item of chunk) items.push(item);
      await pause?.();
    }
    raw[list] = items;
  }
  const eventDays: string[] = [];
  for (let c = 0; has(`dataset.eventDays.${c}`); c++) {
    // A section holds one line at least (lineChunks): '' is one empty day, not none.
    for (const day of (await ascii(`dataset.eventDays.${c}`)).split('\n')) eventDays.push(day);
  }
  if (eventDays.length !== raw.events?.length) throw new Error('event days disagree with the events');
  return { raw: raw as unknown as RawDataset, prepared: { eventDays } };
}

/**
 * The dataset part of a cache file from its sections alone, sent ahead of the rest by a build
 * (see build-cache.ts `onDataset`): the bot decodes it while the build finishes the index.
 */
export async function decodeDatasetSections(
  data: DatasetSections,
  opts: { pause?: () => Promise<void> } = {},
): Promise<DecodedDatasetPart> {
  const byName = new Map(data.sections);
  return decodeLists(
    (name) => byName.has(name),
    async (name) => {
      const bytes = byName.get(name);
      if (!bytes) throw new Error(`missing section ${name}`);
      return bytes;
    },
    opts.pause,
  );
}

/**
 * The sections of `body`, in the order they were written (a file's body is read once, front to
 * back); with `known`, the dataset part decoded already (its sections are skipped). A section that
 * does not decode is reported as a checksum failure when the body is damaged, as the decoding
 * error otherwise.
 */
async function decodeBody(
  header: Header,
  body: CacheBody,
  pause: (() => Promise<void>) | undefined,
  known?: DecodedDatasetPart,
): Promise<DecodedCacheFile> {
  const place = (name: string): [number, number] => {
    const p = header.sections[name];
    if (!p) throw new Error(`missing section ${name}`);
    return p;
  };
  const section = (name: string) => body.take(...place(name));
  const array = async <T extends Uint8Array | Uint16Array | Uint32Array>(
    name: string,
    Type: { new (buffer: ArrayBuffer): T; BYTES_PER_ELEMENT: number },
  ): Promise<T> => {
    const [offset, length] = place(name);
    if (length % Type.BYTES_PER_ELEMENT !== 0) throw new Error('misaligned array');
    const buffer = new ArrayBuffer(length);
    await body.takeInto(offset, new Uint8Array(buffer));
    return new Type(buffer);
  };
  try {
    const { raw, prepared } =
      known ?? (await decodeLists((n) => Object.hasOwn(header.sections, n), section, pause));
    const indexes = {} as Record<(typeof INDEXES)[number], RankedIndexParts>;
    for (const name of INDEXES) {
      const h = header.indexes[name];
      const terms = lines(await section(`${name}.terms`));
      indexes[name] = {
        terms,
        termLcp: await array(`${name}.termLcp`, Uint8Array),
        docCount: h.docCount,
        fieldCount: h.fieldCount,
        fieldDocs: Float64Array.from(h.fieldDocs),
        fieldAvg: Float64Array.from(h.fieldAvg),
        fieldLength: await array(`${name}.fieldLength`, Uint16Array),
        postingStart: await array(`${name}.postingStart`, Uint32Array),
        postingDoc: await array(`${name}.postingDoc`, Uint32Array),
        postingTf: await array(`${name}.postingTf`, Uint8Array),
        largeTfAt: await array(`${name}.largeTfAt`, Uint32Array),
        largeTf: await array(`${name}.largeTf`, Uint16Array),
      };
      checkIndex(indexes[name]);
    }
    if (!(await body.finish())) return fail('damaged (checksum)');
    return { ok: true, contents: { raw, prepared, version: header.version, indexes } };
  } catch (error) {
    const intact = await body.finish().catch(() => false);
    return fail(intact ? `damaged (${(error as Error).message})` : 'damaged (checksum)');
  }
}

/** Bytes per string made from a long text section: below V8's large-object size (see SECTION_BYTES). */
const STRING_PIECE = 96 * 1024;

/** The "\n"-separated lines of UTF-8 `bytes` (none for no bytes), decoded a piece at a time. */
function lines(bytes: Uint8Array): string[] {
  if (bytes.byteLength === 0) return [];
  const buf = view(bytes);
  const out: string[] = [];
  for (let from = 0; ; ) {
    let to = from + STRING_PIECE;
    if (to >= buf.length) to = buf.length;
    else {
      const newline = buf.indexOf(10, to);
      to = newline === -1 ? buf.length : newline;
    }
    for (const line of buf.toString('utf8', from, to).split('\n')) out.push(line);
    if (to === buf.length) return out;
    from = to + 1;
  }
}

/**
 * Bounds the index arrays agree on, so a query can never read past them. The postings' document
 * numbers are not scanned (4 ms per 10k events): the body's checksum already says the bytes are
 * the ones this code wrote (the file name carries the code's fingerprint).
 */
function checkIndex(p: RankedIndexParts): void {
  const slots = p.terms.length * p.fieldCount + 1;
  const ok =
    p.termLcp.length === p.terms.length &&
    p.postingStart.length === slots &&
    p.fieldLength.length === p.docCount * p.fieldCount &&
    p.postingDoc.length === p.postingTf.length &&
    p.largeTfAt.length === p.largeTf.length &&
    p.postingStart[slots - 1] === p.postingDoc.length &&
    p.fieldDocs.length === p.fieldCount &&
    p.fieldAvg.length === p.fieldCount;
  if (!ok) throw new Error('index arrays disagree');
  const large = p.largeTfAt;
  for (let i = 0; i < large.length; i++)
    if (
      (large[i] as number) >= p.postingDoc.length ||
      (i > 0 && (large[i] as number) <= (large[i - 1] as number))
    )
      throw new Error('large term frequencies out of order');
}

/**
 * `items` as JSON arrays (ASCII, see asciiJson) of at most CHUNK records and `sectionBytes` bytes
 * each, unless one record is larger; always at least one array.
 */
function jsonChunks(items: readonly unknown[], sectionBytes: number): string[] {
  const chunks: string[] = [];
  let parts: string[] = [];
  let bytes = 2;
  for (const item of items) {
    const json = asciiJson(item);
    if (parts.length > 0 && (parts.length === CHUNK || bytes + json.length + 1 > sectionBytes)) {
      chunks.push(`[${parts.join(',')}]`);
      parts = [];
      bytes = 2;
    }
    parts.push(json);
    bytes += json.length + 1;
  }
  if (parts.length > 0 || chunks.length === 0) chunks.push(`[${parts.join(',')}]`);
  return chunks;
}

/** `lines` ("\n"-separated) in pieces of at most `sectionBytes` bytes; none for no lines. */
function lineChunks(lines: readonly string[], sectionBytes: number): string[] {
  const chunks: string[] = [];
  let parts: string[] = [];
  let bytes = 0;
  for (const line of lines) {
    if (parts.length > 0 && bytes + line.length + 1 > sectionBytes) {
      chunks.push(parts.join('\n'));
      parts = [];
      bytes = 0;
    }
    parts.push(line);
    bytes += line.length + 1;
  }
  if (parts.length > 0) chunks.push(parts.join('\n'));
  return chunks;
}

/**
 * JSON with every non-ASCII character escaped (\uXXXX): decoding it is a byte copy into a
 * one-byte string, and JSON.parse restores the characters.
 */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u0080-\uffff]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** A Buffer over the same bytes (Buffer.from(Uint8Array) would copy them). */
function view(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function align8(n: number): number {
  return (n + 7) & ~7;
}
