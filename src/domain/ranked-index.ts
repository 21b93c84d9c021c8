import { TermDictionary, termLcp } from './term-dictionary.ts';

/**
 * A compact full-text index that ranks exactly as MiniSearch 7 did here (BM25+ with k 1.2, b 0.7,
 * d 0.5; prefix matches weighted 0.375·len/(len + 0.3·extra), typo matches 0.45·len/(len + edits);
 * a document's score times the number of distinct query words it matched), but keeps only the top
 * k results. MiniSearch scored every document containing any query word or expansion, built an
 * object for each, sorted them all and kept 50: at 100k events that was 400 ms a query and 365 MB of
 * nested Maps. Here:
 *
 * - postings live in typed arrays: per (term, field) a run of ascending doc numbers and term
 *   frequencies, addressed through one offset table; doc field lengths in one array;
 * - an AND query starts from its rarest word: only documents holding it become candidates, the
 *   other words' postings are scanned against a stamp array (no allocation per document), and a
 *   bounded heap keeps the best k; when even the rarest word is in half the documents, the words
 *   are scored over all documents instead (andDense);
 * - terms are a sorted array (TermDictionary) instead of a radix tree of Maps.
 *
 * Scores are summed in MiniSearch's order (per word: expansions, then fields; words left to right)
 * and ties keep MiniSearch's order (first appearance in the last word's postings, for AND), so the
 * same documents come out in the same order; tests/domain/search-parity.test.ts holds it to that.
 * The arrays (`RankedIndexParts`) are what the dataset snapshot stores.
 */

export interface RankedIndexParts {
  /** Sorted; a term's id is its position. */
  terms: readonly string[];
  /** Per term, the prefix length it shares with the term before it (see termLcp). */
  termLcp: Uint8Array;
  docCount: number;
  fieldCount: number;
  /** Per field: the number of documents carrying it (N in the IDF) and their average length. */
  fieldDocs: Float64Array;
  fieldAvg: Float64Array;
  /** docCount × fieldCount: distinct words (stop words included) of each document field. */
  fieldLength: Uint16Array;
  /** (termId × fieldCount + field) → start of its postings; one more entry closes the last run. */
  postingStart: Uint32Array;
  postingDoc: Uint32Array;
  /**
   * Per posting, the term's frequency in the document field: 1–254 as is, LARGE_TF for 255 or more,
   * whose exact value is in `largeTf` (one byte a posting: almost every tf is 1 or 2).
   */
  postingTf: Uint8Array;
  /** The postings whose tf is LARGE_TF, ascending, and their tf (capped at 65535). */
  largeTfAt: Uint32Array;
  largeTf: Uint16Array;
}

export interface IndexInput {
  docCount: number;
  /** Field f is carried by documents [0, fields[f].docs): later documents lack it. */
  fields: readonly { docs: number }[];
  /** The words of a document field (`tokenize` of its text); called once per field. */
  tokens(doc: number, field: number): readonly string[];
  /** Words counted in a field's length but not indexed. */
  stopWords?: ReadonlySet<string>;
}

const BM25 = { k: 1.2, b: 0.7, d: 0.5 } as const;
const PREFIX_WEIGHT = 0.375;
const FUZZY_WEIGHT = 0.45;
const MAX_U16 = 0xffff;
/** A postingTf of 255 stands for 255 or more (see RankedIndexParts). */
export const LARGE_TF = 0xff;

/** Lays the postings of every document field out in typed arrays. */
export function buildRankedIndex(input: IndexInput): RankedIndexParts {
  const F = input.fields.length;
  const D = input.docCount;
  const stop = input.stopWords ?? new Set<string>();
  const fieldLength = new Uint16Array(D * F);
  const fieldDocs = new Float64Array(F);
  const fieldAvg = new Float64Array(F);
  // Words get provisional ids in order of first sight; per id: stop word?, documents per field, and
  // the running count within the current document field (`seen` says which field it counts for).
  const ids = new Map<string, number>();
  const words: string[] = [];
  let isStop = new Uint8Array(1 << 12);
  let df = new Uint32Array((1 << 12) * F);
  let seen = new Int32Array(1 << 12).fill(-1);
  let count = new Uint32Array(1 << 12);
  const inField: number[] = [];
  let entryTerm = new Uint32Array(1 << 16);
  let entryTf = new Uint16Array(1 << 16);
  let entries = 0;
  const entryStart = new Uint32Array(D * F + 1); // doc × F + field → first entry
  for (let doc = 0; doc < D; doc++) {
    for (let f = 0; f < F; f++) {
      const at = doc * F + f;
      entryStart[at] = entries;
      if (doc >= (input.fields[f]?.docs ?? 0)) continue;
      inField.length = 0;
      for (const token of input.tokens(doc, f)) {
        let id = ids.get(token);
        if (id === undefined) {
          id = words.length;
          ids.set(token, id);
          words.push(token);
          if (id === seen.length) {
            isStop = grow(isStop, id * 2);
            df = grow(df, id * 2 * F);
            count = grow(count, id * 2);
            const wider = new Int32Array(id * 2).fill(-1);
            wider.set(seen);
            seen = wider;
          }
          isStop[id] = stop.has(token) ? 1 : 0;
        }
        if (seen[id] !== at) {
          seen[id] = at;
          count[id] = 1;
          inField.push(id);
        } else count[id] = (count[id] as number) + 1;
      }
      const length = inField.length;
      fieldLength[at] = Math.min(length, MAX_U16);
      // MiniSearch's running average, step for step, so scores match to the last bit.
      fieldAvg[f] = ((fieldAvg[f] ?? 0) * doc + length) / (doc + 1);
      for (const id of inField) {
        if (isStop[id]) continue;
        if (entries === entryTerm.length) {
          entryTerm = grow(entryTerm, entries * 2);
          entryTf = grow(entryTf, entries * 2);
        }
        entryTerm[entries] = id;
        entryTf[entries] = Math.min(count[id] as number, MAX_U16);
        entries++;
        df[id * F + f] = (df[id * F + f] as number) + 1;
      }
    }
  }
  entryStart[D * F] = entries;
  for (let f = 0; f < F; f++) fieldDocs[f] = Math.min(D, input.fields[f]?.docs ?? 0);

  // Indexed words, sorted: their position is their id.
  const indexed = words.map((_, i) => i).filter((i) => !isStop[i]);
  indexed.sort((a, b) => ((words[a] as string) < (words[b] as string) ? -1 : 1));
  const terms = indexed.map((i) => words[i] as string);
  const sortedId = new Uint32Array(words.length);
  indexed.forEach((provisional, sorted) => {
    sortedId[provisional] = sorted;
  });
  const postingStart = new Uint32Array(terms.length * F + 1);
  indexed.forEach((provisional, sorted) => {
    for (let f = 0; f < F; f++) postingStart[sorted * F + f + 1] = df[provisional * F + f] as number;
  });
  for (let i = 1; i < postingStart.length; i++)
    postingStart[i] = (postingStart[i] as number) + (postingStart[i - 1] as number);
  const cursor = postingStart.slice(0, -1);
  const postingDoc = new Uint32Array(entries);
  const postingTf = new Uint8Array(entries);
  const large: Array<[at: number, tf: number]> = [];
  for (let doc = 0; doc < D; doc++) {
    for (let f = 0; f < F; f++) {
      const end = entryStart[doc * F + f + 1] as number;
      for (let e = entryStart[doc * F + f] as number; e < end; e++) {
        const slot = (sortedId[entryTerm[e] as number] as number) * F + f;
        const at = cursor[slot] as number;
        cursor[slot] = at + 1;
        postingDoc[at] = doc;
        const tf = entryTf[e] as number;
        postingTf[at] = Math.min(tf, LARGE_TF);
        if (tf >= LARGE_TF) large.push([at, tf]);
      }
    }
  }
  large.sort((a, b) => a[0] - b[0]);
  const largeTfAt = Uint32Array.from(large, ([at]) => at);
  const largeTf = Uint16Array.from(large, ([, tf]) => tf);
  return {
    terms,
    termLcp: termLcp(terms),
    docCount: D,
    fieldCount: F,
    fieldDocs,
    fieldAvg,
    fieldLength,
    postingStart,
    postingDoc,
    postingTf,
    largeTfAt,
    largeTf,
  };
}

/** The tf of posting `p` (LARGE_TF looked up in the large ones). */
export function postingTfAt(
  parts: Pick<RankedIndexParts, 'postingTf' | 'largeTfAt' | 'largeTf'>,
  p: number,
): number {
  const tf = parts.postingTf[p] as number;
  return tf === LARGE_TF ? largeTfOf(parts.largeTfAt, parts.largeTf, p) : tf;
}

/** The tf of a LARGE_TF posting: a binary search of the few large ones (LARGE_TF if absent). */
function largeTfOf(at: Uint32Array, tf: Uint16Array, p: number): number {
  let lo = 0;
  let hi = at.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((at[mid] as number) < p) lo = mid + 1;
    else hi = mid;
  }
  return at[lo] === p ? (tf[lo] as number) : LARGE_TF;
}

function grow<T extends Uint32Array | Uint16Array | Uint8Array>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}

/** One query word and how it may match. */
export interface QueryTerm {
  term: string;
  /** Also match longer terms starting with it. */
  prefix: boolean;
  /** Edit budget for typo matches (0: none). */
  fuzzy: number;
}

export interface QueryOptions {
  /** Fields searched, in MiniSearch's field order, with their boosts. */
  fields: readonly { field: number; boost: number }[];
  combine: 'and' | 'or';
  /** How many of the best documents to return. */
  limit: number;
  /** Only documents this accepts count (and are counted). */
  accept?: (doc: number) => boolean;
}

export interface RankedHit {
  doc: number;
  score: number;
}

export interface QueryResult {
  /** Every matching document (accepted), not only the returned ones. */
  total: number;
  /** The best `limit` documents, best first. */
  hits: RankedHit[];
  /** The index terms (exact, prefix or typo expansions) a document matched, for highlighting. */
  matchedTerms(doc: number): string[];
}

/** A run of postings with what scoring it needs: one (expansion, field) pair of a query word. */
interface Run {
  term: number;
  start: number;
  end: number;
  field: number;
  /** Expansion weight × field boost. */
  weight: number;
  idf: number;
  avg: number;
}

interface Plan {
  /** Index of the query word. */
  word: number;
  runs: Run[];
  cost: number;
}

export class RankedIndex {
  readonly dictionary: TermDictionary;
  private readonly F: number;
  /** Per field, per field length: the BM25+ factor of a term found once (see buildUnitFactors). */
  private readonly unit: Float64Array[];
  private readonly expanded = new Map<string, Array<{ id: number; weight: number }>>();
  private readonly postings: Postings;

  constructor(readonly parts: RankedIndexParts) {
    this.dictionary = new TermDictionary(parts.terms, parts.termLcp);
    this.F = parts.fieldCount;
    // Built here rather than on a field's first query, which then took milliseconds longer.
    this.unit = Array.from({ length: this.F }, (_, field) => buildUnitFactors(parts, field));
    this.postings = {
      doc: parts.postingDoc,
      tf: parts.postingTf,
      largeTfAt: parts.largeTfAt,
      largeTf: parts.largeTf,
      fieldLength: parts.fieldLength,
      F: parts.fieldCount,
    };
  }

  query(words: readonly QueryTerm[], opts: QueryOptions): QueryResult {
    const plans = words.map((w, i) => this.plan(w, i, opts.fields));
    const matchedTerms = (doc: number) => this.matchedTerms(plans, doc);
    if (words.length === 0 || opts.limit <= 0) return { total: 0, hits: [], matchedTerms };
    // MiniSearch's quality factor counts a repeated word once: `first[i]` is the first index of word i's term.
    const first = words.map((w) => words.findIndex((x) => x.term === w.term));
    // The options are read here: callers build them in several shapes, and the loops below should
    // not see those shapes (a new one deoptimized them).
    const found =
      opts.combine === 'and'
        ? this.and(plans, first, opts.limit, opts.accept)
        : this.or(plans, first, opts.limit, opts.accept);
    return { ...found, matchedTerms };
  }

  /**
   * Every document holding any of `words` (an OR query), unranked: `visit(doc, score)` for each, in
   * order of first reach, the order `query` breaks equal scores by. For a caller that ranks by more
   * than the score (actor names: score, then name) and keeps a few of hundreds of equal scores, so
   * that nothing sorts them all. `visit` must not query this or another index (the work arrays are
   * shared). Returns the number of documents visited.
   */
  eachMatch(
    words: readonly QueryTerm[],
    opts: Pick<QueryOptions, 'fields' | 'accept'>,
    visit: (doc: number, score: number) => void,
  ): number {
    if (words.length === 0) return 0;
    const plans = words.map((w, i) => this.plan(w, i, opts.fields));
    const first = words.map((w) => words.findIndex((x) => x.term === w.term));
    const m = this.anyWord(plans, opts.accept);
    const { docs, scores, count, words: n } = m;
    for (let c = 0; c < count; c++) {
      // An any-word query's score (offerAll's): the summed word scores times the distinct words held.
      let total = 0;
      let matched = 0;
      for (let w = 0; w < plans.length; w++) {
        const score = scores[c * n + w] as number;
        if (score !== 0 && first[w] === w) matched++;
        total += score;
      }
      visit(docs[c] as number, total * matched);
    }
    return count;
  }

  /** The index terms of `words` (with their expansions) that document `doc` holds in `fields`. */
  matchedTermsOf(words: readonly QueryTerm[], fields: QueryOptions['fields'], doc: number): string[] {
    return this.matchedTerms(
      words.map((w, i) => this.plan(w, i, fields)),
      doc,
    );
  }

  private matchedTerms(plans: readonly Plan[], doc: number): string[] {
    const out = new Set<string>();
    const docs = this.parts.postingDoc;
    for (const plan of plans) {
      for (const run of plan.runs) {
        let lo = run.start;
        let hi = run.end;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if ((docs[mid] as number) < doc) lo = mid + 1;
          else hi = mid;
        }
        if (lo < run.end && docs[lo] === doc) out.add(this.parts.terms[run.term] as string);
      }
    }
    return [...out];
  }

  /**
   * MiniSearch's expansions of a word: the exact term, then prefix matches, then typo matches.
   * Remembered for the words used last (EXPANSIONS, least recently used out first): a search's
   * fallbacks and successive keystrokes of autocomplete ask for the same ones, and the common words
   * of a community's queries stay, so their typo look-up (the costliest step of a search that
   * falls back to typos) runs once, not once per query that repeats them.
   */
  private expansions(w: QueryTerm): Array<{ id: number; weight: number }> {
    const key = `${w.prefix ? 'p' : '-'}${w.fuzzy} ${w.term}`;
    const cached = this.expanded;
    const hit = cached.get(key);
    if (hit) {
      cached.delete(key); // to the end: a Map's order is then the least-recently-used order
      cached.set(key, hit);
      return hit;
    }
    const out = this.expand(w);
    if (cached.size >= EXPANSIONS) cached.delete(cached.keys().next().value as string);
    cached.set(key, out);
    return out;
  }

  private expand(w: QueryTerm): Array<{ id: number; weight: number }> {
    const dict = this.dictionary;
    const out: Array<{ id: number; weight: number }> = [];
    const exact = dict.id(w.term);
    if (exact >= 0) out.push({ id: exact, weight: 1 });
    const length = w.term.length;
    let prefixStart = 0;
    let prefixEnd = 0;
    if (w.prefix) {
      [prefixStart, prefixEnd] = dict.prefixRange(w.term);
      for (let id = prefixStart; id < prefixEnd; id++) {
        if (id === exact) continue;
        const termLength = (dict.terms[id] as string).length;
        out.push({ id, weight: (PREFIX_WEIGHT * termLength) / (termLength + 0.3 * (termLength - length)) });
      }
    }
    if (w.fuzzy > 0) {
      for (const [id, distance] of dict.fuzzy(w.term, w.fuzzy)) {
        // A term both prefix and typo match counts as a prefix match, as in MiniSearch.
        if (distance === 0 || (id >= prefixStart && id < prefixEnd)) continue;
        const termLength = (dict.terms[id] as string).length;
        out.push({ id, weight: (FUZZY_WEIGHT * termLength) / (termLength + distance) });
      }
    }
    return out;
  }

  private plan(w: QueryTerm, word: number, fields: QueryOptions['fields']): Plan {
    const { postingStart, fieldDocs, fieldAvg } = this.parts;
    const runs: Run[] = [];
    let cost = 0;
    for (const { id, weight } of this.expansions(w)) {
      for (const { field, boost } of fields) {
        const slot = id * this.F + field;
        const start = postingStart[slot] as number;
        const end = postingStart[slot + 1] as number;
        if (end === start) continue;
        const matching = end - start;
        const total = fieldDocs[field] as number;
        runs.push({
          term: id,
          start,
          end,
          field,
          weight: weight * boost,
          idf: Math.log(1 + (total - matching + 0.5) / (matching + 0.5)),
          avg: fieldAvg[field] as number,
        });
        cost += matching;
      }
    }
    return { word, runs, cost };
  }

  private and(
    plans: Plan[],
    first: readonly number[],
    limit: number,
    accept: ((doc: number) => boolean) | undefined,
  ): Omit<QueryResult, 'matchedTerms'> {
    for (const p of plans) if (p.runs.length === 0) return { total: 0, hits: [] };
    const { docCount } = this.parts;
    const n = plans.length;
    const lastWord = n - 1;
    // Cheapest word first (a stable insertion sort: queries have a few words).
    const order: Plan[] = [];
    for (const plan of plans) {
      let i = order.length;
      while (i > 0 && (order[i - 1] as Plan).cost > plan.cost) i--;
      order.splice(i, 0, plan);
    }
    // Candidates: the accepted documents holding the rarest word. A candidate's rank (ties keep
    // MiniSearch's order) is where the last word's postings first reach it: run index × docCount +
    // doc, the order of a scan of those runs. The loops are small functions of their own: each gets
    // optimized on its own type feedback, so a branch first taken by some query deoptimizes that
    // loop only, not the whole intersection (which then ran in the interpreter until re-optimized:
    // the slow first searches after a start).
    const rarest = order[0] as Plan;
    if (n <= DENSE_WORDS && rarest.cost >= docCount >> DENSE_SHIFT)
      return this.andDense(plans, first, limit, accept);
    const m = scratch(docCount).candidates(Math.min(rarest.cost, docCount), n);
    const postings = this.postings;
    {
      const ranked = rarest.word === lastWord;
      for (let r = 0; r < rarest.runs.length; r++) {
        const run = rarest.runs[r] as Run;
        addRarest(
          m,
          postings,
          run,
          this.unit[run.field] as Float64Array,
          rarest.word,
          ranked ? r * docCount : -1,
          accept,
        );
      }
    }
    let alive = m.count;
    for (let o = 1; o < order.length && alive > 0; o++) {
      const plan = order[o] as Plan;
      const { word, runs } = plan;
      const ranked = word === lastWord;
      // Few candidates against long postings: look each candidate up (binary search) instead of scanning.
      let probe = 0;
      for (const run of runs) probe += Math.log2(run.end - run.start + 1);
      if (alive * probe < plan.cost) {
        for (let r = 0; r < runs.length; r++) {
          const run = runs[r] as Run;
          probeRun(m, postings, run, this.unit[run.field] as Float64Array, word, ranked ? r * docCount : -1);
        }
      } else {
        for (let r = 0; r < runs.length; r++) {
          const run = runs[r] as Run;
          scanRun(m, postings, run, this.unit[run.field] as Float64Array, word, ranked ? r * docCount : -1);
        }
      }
      // Candidates this word missed are out; later scans skip them.
      alive -= dropMissed(m, word);
    }
    const top = new TopK(limit);
    offerAll(m, first, true, top);
    return { total: alive, hits: top.sorted() };
  }

  /**
   * An AND query whose every word is in many documents: each word's score in an array over all
   * documents, its runs added in order as they lie (ascending documents, no test per posting), then
   * one pass over the documents keeps those every word reached. The same sums in the same order as
   * the candidate loops above, and the same tie rank, so the same results. At 100k events, two
   * words common to most documents took 21–27 ms through the candidate loops (which test and look
   * up each posting's document) and 14–16 ms this way (see DENSE_SHIFT).
   */
  private andDense(
    plans: Plan[],
    first: readonly number[],
    limit: number,
    accept: ((doc: number) => boolean) | undefined,
  ): Omit<QueryResult, 'matchedTerms'> {
    const { docCount } = this.parts;
    const n = plans.length;
    const d = scratch(docCount).dense(n);
    const postings = this.postings;
    let lo = docCount;
    let hi = 0;
    for (let w = 0; w < n; w++) {
      const plan = plans[w] as Plan;
      for (const run of plan.runs) {
        accumulate(d.scores, w * docCount, postings, run, this.unit[run.field] as Float64Array);
        lo = Math.min(lo, postings.doc[run.start] as number);
        hi = Math.max(hi, (postings.doc[run.end - 1] as number) + 1);
      }
    }
    // A document's tie rank is where the last word's runs first reach it: written from the last
    // run back, the first run's stays.
    const lastRuns = (plans[n - 1] as Plan).runs;
    for (let r = lastRuns.length - 1; r >= 0; r--)
      rankRun(d.rank, postings, lastRuns[r] as Run, r * docCount);
    let matched = 0;
    for (let w = 0; w < n; w++) if (first[w] === w) matched++;
    const top = new TopK(limit);
    const total = offerDense(d, n, docCount, lo, hi, matched, accept, top);
    return { total, hits: top.sorted() };
  }

  /**
   * Any-word matching, on the AND query's loops: every run of every word adds its documents as
   * candidates (numbered in order of first reach, MiniSearch's order for ties here). The OR
   * fallback is rare; on loops of its own it ran unoptimized each time it was needed.
   */
  private or(
    plans: Plan[],
    first: readonly number[],
    limit: number,
    accept: ((doc: number) => boolean) | undefined,
  ): Omit<QueryResult, 'matchedTerms'> {
    const m = this.anyWord(plans, accept);
    const top = new TopK(limit);
    offerAll(m, first, false, top);
    return { total: m.count, hits: top.sorted() };
  }

  /** Every document holding any of the words, as candidates numbered in order of first reach. */
  private anyWord(plans: Plan[], accept: ((doc: number) => boolean) | undefined): Candidates {
    const { docCount } = this.parts;
    let cost = 0;
    for (const plan of plans) cost += plan.cost;
    const m = scratch(docCount).candidates(Math.min(cost, docCount), plans.length);
    for (const plan of plans) {
      for (const run of plan.runs)
        addRarest(m, this.postings, run, this.unit[run.field] as Float64Array, plan.word, -1, accept);
    }
    return m;
  }
}

/**
 * AND queries of at most DENSE_WORDS words whose rarest word has at least docCount >> DENSE_SHIFT
 * postings are scored over all documents (see andDense): 4 words over 150k documents is 4.8 MB,
 * made at the first such query. Measured at 100k events, the candidate loops were as fast up to
 * half the documents.
 */
const DENSE_WORDS = 4;
const DENSE_SHIFT = 1;

/** Word expansions remembered per index (see RankedIndex.expansions). */
const EXPANSIONS = 128;

// BM25+ parameters (MiniSearch's defaults), spelled as calcBM25Score uses them.
const K = BM25.k;
const K1 = BM25.k + 1;
const B = BM25.b;
const D = BM25.d;

/**
 * Per field length, the BM25+ term-frequency factor of a field for tf = 1, the common case:
 * `d + (1·(k+1)) / (1 + k·(1 − b + b·len/avg))`, computed as calcBM25Score does. Indexed by length
 * rather than by document: the same values (the same expression of the same length), in a table
 * of the field's longest length + 1 entries instead of one per document (6.5 MB at 100k events).
 */
function buildUnitFactors(parts: RankedIndexParts, field: number): Float64Array {
  const { fieldLength, fieldAvg, fieldCount: F } = parts;
  const avg = fieldAvg[field] as number;
  const carriers = Math.min(parts.docCount, parts.fieldDocs[field] as number);
  let longest = 0;
  for (let doc = 0; doc < carriers; doc++)
    longest = Math.max(longest, fieldLength[doc * F + field] as number);
  const table = new Float64Array(longest + 1);
  for (let length = 0; length <= longest; length++)
    table[length] = D + (1 * K1) / (1 + K * (1 - B + (B * length) / avg));
  return table;
}

/** The index arrays the scoring loops read. */
interface Postings {
  doc: Uint32Array;
  tf: Uint8Array;
  largeTfAt: Uint32Array;
  largeTf: Uint16Array;
  fieldLength: Uint16Array;
  F: number;
}

/**
 * A term's BM25+ factor in a document, as calcBM25Score computes it; tf = 1 from the field's table.
 * Small enough to be inlined into the posting loops below.
 */
function termFactor(p: number, unit: Float64Array, doc: number, postings: Postings, run: Run): number {
  const length = postings.fieldLength[doc * postings.F + run.field] as number;
  let tf = postings.tf[p] as number;
  if (tf === 1) return unit[length] as number;
  if (tf === LARGE_TF) tf = largeTfOf(postings.largeTfAt, postings.largeTf, p);
  return D + (tf * K1) / (tf + K * (1 - B + (B * length) / run.avg));
}

/**
 * Adds one run of an AND query's rarest word (or of any word of an OR query): its accepted
 * documents become candidates (numbered in order of first reach) and get their score for that
 * word. `reach` ≥ 0 when the word is an AND query's last: the run's index × docCount, from which a
 * candidate's tie rank is taken.
 */
function addRarest(
  m: Candidates,
  postings: Postings,
  run: Run,
  unit: Float64Array,
  word: number,
  reach: number,
  accept: ((doc: number) => boolean) | undefined,
): void {
  const { stamp, slot, docs, scores, rank, epoch, words } = m;
  const { doc: postingDoc } = postings;
  const { weight, idf } = run;
  let count = m.count;
  for (let p = run.start; p < run.end; p++) {
    const doc = postingDoc[p] as number;
    let c: number;
    if (stamp[doc] !== epoch) {
      if (accept !== undefined && !accept(doc)) continue;
      stamp[doc] = epoch;
      c = count++;
      slot[doc] = c;
      docs[c] = doc;
      for (let w = 0; w < words; w++) scores[c * words + w] = 0;
      if (reach >= 0) rank[c] = reach + doc;
    } else c = slot[doc] as number;
    const f = termFactor(p, unit, doc, postings, run);
    const i = c * words + word;
    scores[i] = (scores[i] as number) + weight * (idf * f);
  }
  m.count = count;
}

/** Scores the candidates one run of a later word reaches, scanning the run. */
function scanRun(
  m: Candidates,
  postings: Postings,
  run: Run,
  unit: Float64Array,
  word: number,
  reach: number,
): void {
  const { stamp, slot, scores, rank, epoch, words } = m;
  const { doc: postingDoc } = postings;
  const { weight, idf } = run;
  for (let p = run.start; p < run.end; p++) {
    const doc = postingDoc[p] as number;
    if (stamp[doc] !== epoch) continue;
    const c = slot[doc] as number;
    const i = c * words + word;
    const before = scores[i] as number;
    if (reach >= 0 && before === 0) rank[c] = reach + doc;
    const f = termFactor(p, unit, doc, postings, run);
    scores[i] = before + weight * (idf * f);
  }
}

/** The same as scanRun, looking each live candidate up in the run (binary search): few candidates, long run. */
function probeRun(
  m: Candidates,
  postings: Postings,
  run: Run,
  unit: Float64Array,
  word: number,
  reach: number,
): void {
  const { stamp, docs, scores, rank, epoch, count, words } = m;
  const { doc: postingDoc } = postings;
  const { weight, idf, start, end } = run;
  for (let c = 0; c < count; c++) {
    const doc = docs[c] as number;
    if (stamp[doc] !== epoch) continue;
    let lo = start;
    let hi = end;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((postingDoc[mid] as number) < doc) lo = mid + 1;
      else hi = mid;
    }
    if (lo === end || postingDoc[lo] !== doc) continue;
    const i = c * words + word;
    const before = scores[i] as number;
    if (reach >= 0 && before === 0) rank[c] = reach + doc;
    const f = termFactor(lo, unit, doc, postings, run);
    scores[i] = before + weight * (idf * f);
  }
}

/** Adds one run's scores to a word's array over all documents (at `base`). */
function accumulate(
  scores: Float64Array,
  base: number,
  postings: Postings,
  run: Run,
  unit: Float64Array,
): void {
  const { doc: postingDoc } = postings;
  const { weight, idf } = run;
  for (let p = run.start; p < run.end; p++) {
    const doc = postingDoc[p] as number;
    const f = termFactor(p, unit, doc, postings, run);
    const i = base + doc;
    scores[i] = (scores[i] as number) + weight * (idf * f);
  }
}

/** Sets the tie rank of a run's documents: `reach` + doc. */
function rankRun(rank: Float64Array, postings: Postings, run: Run, reach: number): void {
  const { doc: postingDoc } = postings;
  for (let p = run.start; p < run.end; p++) {
    const doc = postingDoc[p] as number;
    rank[doc] = reach + doc;
  }
}

/**
 * Offers the documents in [lo, hi) that every word reached (and `accept` takes), as offerAll does,
 * clearing the word scores behind it for the next query; returns how many there were.
 */
function offerDense(
  d: Dense,
  words: number,
  docCount: number,
  lo: number,
  hi: number,
  matched: number,
  accept: ((doc: number) => boolean) | undefined,
  top: TopK,
): number {
  const { scores, rank } = d;
  let count = 0;
  for (let doc = lo; doc < hi; doc++) {
    let total = scores[doc] as number;
    let missed = total === 0;
    scores[doc] = 0;
    for (let w = 1; w < words; w++) {
      const i = w * docCount + doc;
      const score = scores[i] as number;
      if (score === 0) missed = true;
      else scores[i] = 0;
      total += score;
    }
    if (missed || (accept !== undefined && !accept(doc))) continue;
    count++;
    top.offer(doc, total * matched, rank[doc] as number);
  }
  return count;
}

/** Drops the live candidates a word did not reach (no score in its slot); returns how many. */
function dropMissed(m: Candidates, word: number): number {
  const { stamp, docs, scores, epoch, count, words } = m;
  let dropped = 0;
  for (let c = 0; c < count; c++) {
    const doc = docs[c] as number;
    if (stamp[doc] === epoch && scores[c * words + word] === 0) {
      stamp[doc] = 0;
      dropped++;
    }
  }
  return dropped;
}

/**
 * Offers every live candidate: its word scores summed left to right (0 for a word that missed it,
 * which leaves the sum as it was) times MiniSearch's quality factor, the number of distinct words
 * (`first[w] === w`) that reached it; in tie order `rank[c]` (AND) or c, the order of first reach
 * (OR). For AND a candidate is live when every word reached it (a score of 0 is what dropMissed
 * drops; a dropped candidate gets no later scores): read in candidate order, without a look-up of
 * its stamp per candidate.
 */
function offerAll(m: Candidates, first: readonly number[], and: boolean, top: TopK): void {
  const { docs, scores, rank, count, words } = m;
  for (let c = 0; c < count; c++) {
    let total = scores[c * words] as number;
    let missed = total === 0;
    let matched = !missed && first[0] === 0 ? 1 : 0;
    for (let w = 1; w < words; w++) {
      const score = scores[c * words + w] as number;
      if (score === 0) missed = true;
      else if (first[w] === w) matched++;
      total += score;
    }
    if (and) {
      if (!missed) top.offer(docs[c] as number, total * matched, rank[c] as number);
    } else top.offer(docs[c] as number, total * matched, c);
  }
}

/** The best `limit` of a stream of (doc, score, order): higher score first, then lower order. */
class TopK {
  // Shared by every query (they run one at a time and copy their hits out with sorted()), so a
  // query allocates no array buffers of its own; grown as entries come (a limit may be far above
  // what a query finds).
  private static docs = new Uint32Array(64);
  private static scores = new Float64Array(64);
  private static orders = new Float64Array(64);
  private docs = TopK.docs;
  private scores = TopK.scores;
  private orders = TopK.orders;
  private size = 0;

  constructor(private readonly limit: number) {}

  /** True when entry a ranks below entry b. */
  private worse(a: number, b: number): boolean {
    const sa = this.scores[a] as number;
    const sb = this.scores[b] as number;
    return sa < sb || (sa === sb && (this.orders[a] as number) > (this.orders[b] as number));
  }

  /** Small enough to be inlined into the loops that call it: most offers are turned away here. */
  offer(doc: number, score: number, order: number): void {
    if (this.size < this.limit) this.push(doc, score, order);
    else {
      // The root is the worst kept entry: replace it when the newcomer ranks above it.
      const rootScore = this.scores[0] as number;
      if (score > rootScore || (score === rootScore && order <= (this.orders[0] as number)))
        this.replaceRoot(doc, score, order);
    }
  }

  private push(doc: number, score: number, order: number): void {
    const size = this.size;
    if (size === this.docs.length) this.grow();
    this.docs[size] = doc;
    this.scores[size] = score;
    this.orders[size] = order;
    this.size = size + 1;
    this.up(size);
  }

  private replaceRoot(doc: number, score: number, order: number): void {
    this.docs[0] = doc;
    this.scores[0] = score;
    this.orders[0] = order;
    this.down(0);
  }

  sorted(): RankedHit[] {
    const idx = Array.from({ length: this.size }, (_, i) => i);
    idx.sort((a, b) => (this.worse(a, b) ? 1 : this.worse(b, a) ? -1 : 0));
    return idx.map((i) => ({ doc: this.docs[i] as number, score: this.scores[i] as number }));
  }

  private grow(): void {
    const n = Math.min(this.limit, this.docs.length * 2);
    const docs = new Uint32Array(n);
    const scores = new Float64Array(n);
    const orders = new Float64Array(n);
    docs.set(this.docs);
    scores.set(this.scores);
    orders.set(this.orders);
    this.docs = TopK.docs = docs;
    this.scores = TopK.scores = scores;
    this.orders = TopK.orders = orders;
  }

  private swap(i: number, j: number): void {
    const { docs, scores, orders } = this;
    const d = docs[i] as number;
    docs[i] = docs[j] as number;
    docs[j] = d;
    const s = scores[i] as number;
    scores[i] = scores[j] as number;
    scores[j] = s;
    const o = orders[i] as number;
    orders[i] = orders[j] as number;
    orders[j] = o;
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.worse(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    const size = this.size;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < size && this.worse(l, m)) m = l;
      if (r < size && this.worse(r, m)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }
}

/**
 * Per-document work arrays shared by every query of the process (queries run one at a time on
 * the event loop): stamps tell this query's entries from stale ones, so nothing is cleared.
 */
class Scratch {
  private epoch = 0;
  readonly stamp: Uint32Array;
  readonly slot: Uint32Array;
  private readonly and: Candidates;
  private denseArrays: Dense | undefined;

  constructor(readonly size: number) {
    this.stamp = new Uint32Array(size);
    this.slot = new Uint32Array(size);
    this.and = new Candidates(this.stamp, this.slot);
  }

  nextEpoch(): number {
    if (this.epoch === 0xfffffffe) {
      this.stamp.fill(0);
      this.epoch = 0;
    }
    return ++this.epoch;
  }

  /** Word score arrays over all documents (all 0), `words` of them, and a tie rank per document. */
  dense(words: number): Dense {
    const need = words * this.size;
    if (!this.denseArrays || this.denseArrays.scores.length < need)
      this.denseArrays = {
        scores: new Float64Array(Math.max(need, 2 * this.size)),
        rank: this.denseArrays?.rank ?? new Float64Array(this.size),
      };
    return this.denseArrays;
  }

  /** The candidates of a new query: `cap` of them at most, `words` words. */
  candidates(cap: number, words: number): Candidates {
    const m = this.and;
    m.epoch = this.nextEpoch();
    m.count = 0;
    m.cap = cap;
    m.words = words;
    if (m.docs.length < cap) {
      m.docs = new Uint32Array(cap * 2);
      m.rank = new Float64Array(cap * 2);
    }
    if (m.scores.length < cap * words) m.scores = new Float64Array(cap * words * 2);
    return m;
  }
}

/**
 * An AND query's candidates: `docs[c]` is candidate c, `slot[doc]` its c, `scores[c × words + word]`
 * its score for a word (0: not reached), `rank[c]` its tie rank; `stamp[doc] === epoch` while it
 * is alive. Kept in the Scratch and reused (one shape, so the loops reading it stay optimized).
 */
class Candidates {
  epoch = 0;
  count = 0;
  cap = 0;
  words = 0;
  docs = new Uint32Array(1024);
  scores = new Float64Array(1024);
  rank = new Float64Array(1024);

  constructor(
    readonly stamp: Uint32Array,
    readonly slot: Uint32Array,
  ) {}
}

/**
 * The work arrays of andDense: `scores[word × docCount + doc]`, left all 0 by each query (offerDense
 * clears what it reads); `rank[doc]`, overwritten where read.
 */
interface Dense {
  scores: Float64Array;
  rank: Float64Array;
}

let shared: Scratch | undefined;

function scratch(docCount: number): Scratch {
  if (!shared || shared.size < docCount) shared = new Scratch(docCount);
  return shared;
}
