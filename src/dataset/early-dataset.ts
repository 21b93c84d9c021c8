import type { DatasetSections } from './cache-file.ts';

/**
 * A build's dataset sections sent ahead of its cache file: one buffer (moved to the receiving
 * thread, not copied) and each section's name and length, in order.
 */
export interface EarlyDataset {
  digest: string;
  version: string;
  names: string[];
  lengths: number[];
  body: Uint8Array;
}

export function packDatasetSections(digest: string, data: DatasetSections): EarlyDataset {
  let total = 0;
  for (const [, bytes] of data.sections) total += bytes.byteLength;
  const body = new Uint8Array(total);
  let at = 0;
  for (const [, bytes] of data.sections) {
    body.set(bytes, at);
    at += bytes.byteLength;
  }
  return {
    digest,
    version: data.version,
    names: data.sections.map(([name]) => name),
    lengths: data.sections.map(([, bytes]) => bytes.byteLength),
    body,
  };
}

/** The sections packed by packDatasetSections; undefined when the message is not one. */
export function unpackDatasetSections(early: EarlyDataset): DatasetSections | undefined {
  const { names, lengths, body, version } = early;
  if (!Array.isArray(names) || !Array.isArray(lengths) || names.length !== lengths.length) return undefined;
  if (!(body instanceof Uint8Array) || typeof version !== 'string') return undefined;
  const sections: Array<[string, Uint8Array]> = [];
  let at = 0;
  for (let i = 0; i < names.length; i++) {
    const length = lengths[i] as number;
    if (at + length > body.byteLength) return undefined;
    sections.push([names[i] as string, body.subarray(at, at + length)]);
    at += length;
  }
  return at === body.byteLength ? { version, sections } : undefined;
}
