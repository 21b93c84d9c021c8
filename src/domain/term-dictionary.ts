/**
 * The terms of an index, sorted (UTF-16 code unit order, as `Array.prototype.sort` leaves them):
 * a term's id is its position. Exact look-up and prefix ranges are binary searches; typo matches
 * walk the sorted list as the trie it implies, reusing the edit-distance rows of the prefix shared
 * with the previous term and skipping every term under a prefix that is already too far away. The
 * matches are those of MiniSearch's `SearchableMap.fuzzyGet` (Levenshtein distance ≤ the budget),
 * in sorted order.
 */
export class TermDictionary {
  constructor(readonly terms: readonly string[]) {}

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
    let prev = ''; // the term whose rows are computed
    let valid = 0; // rows 1..valid are computed for prev's first `valid` characters
    for (let t = 0; t < terms.length; ) {
      const term = terms[t] as string;
      let shared = 0;
      const limit = Math.min(valid, term.length);
      while (shared < limit && prev.charCodeAt(shared) === term.charCodeAt(shared)) shared++;
      let depth = shared;
      let tooFar = false;
      const last = Math.min(term.length, cap);
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
        depth = i;
        if (min > maxDistance) {
          tooFar = true;
          break;
        }
      }
      prev = term;
      valid = depth;
      if (tooFar || term.length > cap) {
        // Every term under this prefix is too far (or too long): jump past them.
        t = this.prefixEnd(term.slice(0, tooFar ? depth : cap + 1), t + 1);
        continue;
      }
      const d = rows[term.length * width + n] as number;
      if (d <= maxDistance) out.push([t, d]);
      t++;
    }
    return out;
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
