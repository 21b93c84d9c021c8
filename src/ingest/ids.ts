import { normalizeName } from '../domain/text.ts';

/** Kebab-case id words from any text: "J.D. Vance’s speech" → "jd-vances-speech". */
export function kebab(text: string, maxWords = 8): string {
  return normalizeName(text)
    .split(' ')
    .filter((w) => /^[a-z0-9]+$/.test(w))
    .slice(0, maxWords)
    .join('-');
}

/** Hands out ids unique against a set of taken ones (the dataset's and those already given). */
export class IdAllocator {
  private readonly taken: Set<string>;

  constructor(taken: Iterable<string>) {
    this.taken = new Set(taken);
  }

  /** `base` made valid (≤ 64 chars, kebab) and unique with a numeric suffix when needed. */
  allocate(base: string, fallback = 'item'): string {
    let stem = base
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/-+/g, '-')
      .replace(/^-|-$/g, '');
    if (!stem) stem = fallback;
    stem = stem.slice(0, 58).replace(/-$/, '');
    let id = stem;
    for (let n = 2; this.taken.has(id); n++) id = `${stem}-${n}`;
    this.taken.add(id);
    return id;
  }
}

/** Words that carry no meaning in an id. */
const STOP = new Set(
  'a an the of to and or but in on at for with by from that this these those is are was were be been it its we i you they he she our their there as'.split(
    ' ',
  ),
);

/** The first few meaningful words of a text, for quote ids. */
export function keyWords(text: string, n = 4): string[] {
  return normalizeName(text)
    .split(' ')
    .filter((w) => /^[a-z0-9]+$/.test(w) && !STOP.has(w))
    .slice(0, n);
}
