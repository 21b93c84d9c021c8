/**
 * The terms of an index, sorted (UTF-16 code unit order, as `Array.prototype.sort` leaves them):
 * a term's id is its position. Exact look-up and prefix ranges are binary searches; typo matches
 * walk the sorted list as the trie it implies, reusing the edit-distance rows of the prefix shared
 * with the previous term and skipping every term under a prefix that is already too far away. The
 * matches are those of MiniSearch's `SearchableMap.fuzzyGet` (Levenshtein distance ≤ the budget),
 * in sorted order.
 *
 * The walk reads the shared prefixes from `lcp` (common prefix length of each term with the one
 * before it, built once): the prefix a term shares with the last term visited is one array read,
 * and the end of the terms under a prefix is the next position whose `lcp` is shorter than it,
 * found by skipping whole blocks through their minimum. A skip used to be a binary search of
 * string comparisons; typo look-ups visit up to a few thousand prefixes, so that was most of their
 * cost (and of a /search that falls back to typos).
 */
const BLOCK = 64;
const LCP_CAP = 255;

/**
 * Per term, the length of the prefix it shares with the term before it (0 for the first; capped at
 * 255). An index computes it once, with its terms, and a dataset snapshot stores it: at 10k events
 * its string comparisons were the largest part of making the dictionary at a start.
 */
export function termLcp(terms: readonly string[]): Uint8Array {
  const lcp = new Uint8Array(terms.length);
  let prev = '';
  for (let t = 0; t < terms.length; t++) {
    const term = terms[t] as string;
    const limit = Math.min(prev.length, term.length, LCP_CAP);
    let k = 0;
    while (k < limit && prev.charCodeAt(k) === term.charCodeAt(k)) k++;
    lcp[t] = k;
    prev = term;
  }
  return lcp;
}

export class TermDictionary {
  /** lcp[t]: length of the prefix terms[t] shares with terms[t − 1] (0 for the first; capped at 255). */
  private readonly lcp: Uint8Array;
  /** blockMin[b]: the least lcp in positions [b·BLOCK, (b + 1)·BLOCK). */
  private readonly blockMin: Uint8Array;

  /** `lcp`: termLcp(terms), when it was worked out already (an index's parts carry it). */
  constructor(
    readonly terms: readonly string[],
    lcp: Uint8Array = termLcp(terms),
  ) {
    if (lcp.length !== terms.length)
      throw new Error(`${lcp.length} prefix lengths for ${terms.length} terms`);
    const blockMin = new Uint8Array(Math.ceil(terms.length / BLOCK)).fill(LCP_CAP);
    for (let t = 0; t < lcp.length; t++) {
      const b = (t / BLOCK) | 0;
      if ((lcp[t] as number) < (blockMin[b] as number)) blockMin[b] = lcp[t] as number;
    }
    this.lcp = lcp;
    this.blockMin = blockMin;
  }

  get size(): number {
    return this.terms.length;
  }

  /** The id of `term`, or -1. */
  id(term: string): number {
    const i = this.lowerBound(term);
    return this.terms[i] === term ? i : -1;
  }

  /** Ids of the terms that start with `prefix` (the term itself included when present). */
  prefixRange(prefix: string): [start: number, end: number] {
    const start = this.lowerBound(prefix);
    return [start, this.prefixEnd(prefix, start)];
  }

  /** Terms within `maxDistance` edits of `query`: [id, distance] pairs in id order. */
  fuzzy(query: string, maxDistance: number): Array<[id: number, distance: number]> {
    const out: Array<[number, number]> = [];
    const terms = this.terms;
    const n = query.length;
    const width = n + 1;
    const cap = n + maxDistance; // a longer term is more than maxDistance edits away
    // Only cells within maxDistance of the diagonal can stay within budget: rows compute that band;
    // the other cells keep "too far" (maxDistance + 1), as in MiniSearch's fuzzySearch.
    const rows = new Uint16Array(width * (cap + 1)).fill(maxDistance + 1);
    for (let j = 0; j <= n; j++) rows[j] = j;
    for (let i = 1; i <= cap; i++) rows[i * width] = i;
    const lcp = this.lcp;
    // Rows 1..valid are computed for the first `valid` characters of the last term visited. The
    // next term visited shares lcp[t] characters with it: the last visit was t − 1, or a skip
    // over terms that all share more with it than t does.
    let valid = 0;
    for (let t = 0; t < terms.length; ) {
      const term = terms[t] as string;
      const shared = Math.min(valid, lcp[t] as number);
      const depth = extendRows(rows, width, query, maxDistance, term, shared, Math.min(term.length, cap));
      if (depth < 0) {
        // Every term under this prefix is too far: jump past them.
        valid = -depth;
        t = this.skipPast(valid, t + 1);
        continue;
      }
      valid = depth;
      if (term.length > cap) {
        // Too long, and so is every term under this prefix.
        t = this.skipPast(cap + 1, t + 1);
        continue;
      }
      const d = rows[term.length * width + n] as number;
      if (d <= maxDistance) out.push([t, d]);
      t++;
    }
    return out;
  }

  /** First position at or after `from` whose term shares fewer than `length` characters with the one before `from`. */
  private skipPast(length: number, from: number): number {
    const { lcp, blockMin } = this;
    const n = lcp.length;
    let t = from;
    while (t < n && t % BLOCK !== 0) {
      if ((lcp[t] as number) < length) return t;
      t++;
    }
    if (t >= n) return n;
    let b = t / BLOCK; // a whole number here
    while (b < blockMin.length && (blockMin[b] as number) >= length) b++;
    for (t = b * BLOCK; t < n; t++) if ((lcp[t] as number) < length) return t;
    return n;
  }

  private lowerBound(key: string, from = 0): number {
    let lo = from;
    let hi = this.terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.terms[mid] as string) < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** First id at or after `from` whose term does not start with `prefix` (ids from `from` on are ≥ prefix). */
  private prefixEnd(prefix: string, from: number): number {
    let lo = from;
    let hi = this.terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.terms[mid] as string).startsWith(prefix)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/**
 * Computes the edit-distance rows shared + 1 … last of `term` against `query` (row i: the first i
 * characters of the term; only the band within maxDistance of the diagonal) and returns the last
 * row computed (`shared` when none), or minus the first row whose every cell is over the budget
 * (every term with that prefix is too far). A function of its own: it runs for every prefix the
 * walk visits, so it is optimized within the first typo look-ups of a process.
 */
function extendRows(
  rows: Uint16Array,
  width: number,
  query: string,
  maxDistance: number,
  term: string,
  shared: number,
  last: number,
): number {
  const n = query.length;
  for (let i = shared + 1; i <= last; i++) {
    const c = term.charCodeAt(i - 1);
    const row = i * width;
    const above = row - width;
    let min = i;
    const from = Math.max(1, i - maxDistance);
    const to = Math.min(n, i + maxDistance);
    for (let j = from; j <= to; j++) {
      const substitute = (rows[above + j - 1] as number) + (query.charCodeAt(j - 1) === c ? 0 : 1);
      const del = (rows[above + j] as number) + 1;
      const ins = (rows[row + j - 1] as number) + 1;
      const v = substitute < del ? (substitute < ins ? substitute : ins) : del < ins ? del : ins;
      rows[row + j] = v;
      if (v < min) min = v;
    }
    if (min > maxDistance) return -i;
  }
  return last > shared ? last : shared;
}
