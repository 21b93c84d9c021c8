import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildRankedIndex,
  LARGE_TF,
  postingTfAt,
  type QueryOptions,
  type QueryTerm,
  RankedIndex,
  type RankedIndexParts,
} from '../../src/domain/ranked-index.ts';

/**
 * The ranked index against an exhaustive scorer: every document scored word by word in the
 * index's summation order, all of them sorted, the first `limit` kept. Random small corpora with a
 * skewed vocabulary give rare and very common words (so AND queries take the scan, the
 * binary-search and the all-documents path, several queries on one index's shared work arrays), repeated words (tf > 1), ties (identical documents: the tie order is
 * MiniSearch's) and prefixes of other words; limits cross the top-k's growth.
 */

const VOCAB = ['a', 'ab', 'abc', 'b', 'ba', 'bab', 'c', 'ca', 'cab', 'd', 'da', 'dab', 'e', 'f', 'fa', 'g'];
/** Later words more often: some are in most documents, the first few in few. */
const skewedWord = fc
  .noBias(fc.integer({ min: 0, max: VOCAB.length ** 2 - 1 }))
  .map((i) => VOCAB[Math.floor(Math.sqrt(i))] as string);

/** Documents drawn from a few templates: many are identical, so equal scores (ties) are common. */
const corpus = fc
  .record({
    fieldCount: fc.integer({ min: 1, max: 3 }),
    templates: fc.array(fc.array(fc.array(skewedWord, { maxLength: 10 }), { minLength: 3, maxLength: 3 }), {
      minLength: 1,
      maxLength: 40,
    }),
    picks: fc.array(fc.noBias(fc.nat(1000)), { minLength: 1, maxLength: 400, size: 'max' }),
    /** Documents at and after this share of the corpus lack the last field (as quotes lack event fields). */
    lastFieldShare: fc.double({ min: 0.3, max: 1, noNaN: true }),
  })
  .map(({ templates, picks, ...rest }) => ({
    ...rest,
    docs: picks.map((i) => templates[i % templates.length] as string[][]),
  }));

const query = fc.record({
  words: fc.array(
    fc.record({
      term: fc.oneof(
        { arbitrary: skewedWord, weight: 9 },
        { arbitrary: fc.constantFrom('zz', 'abcd'), weight: 1 },
      ),
      prefix: fc.boolean(),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  combine: fc.constantFrom<'and' | 'or'>('and', 'and', 'or'),
  limit: fc.integer({ min: 1, max: 90 }),
  filter: fc.constantFrom(0, 2, 3),
});

type Corpus = typeof corpus extends fc.Arbitrary<infer T> ? T : never;

function build(c: Corpus): RankedIndexParts {
  const D = c.docs.length;
  const lastDocs = Math.max(1, Math.round(D * c.lastFieldShare));
  return buildRankedIndex({
    docCount: D,
    fields: Array.from({ length: c.fieldCount }, (_, f) => ({ docs: f === c.fieldCount - 1 ? lastDocs : D })),
    tokens: (doc, field) => c.docs[doc]?.[field] ?? [],
  });
}

const K = 1.2;
const B = 0.7;
const DELTA = 0.5;

/** Every document scored as the index scores it, sorted by score then MiniSearch's order. */
function exhaustive(parts: RankedIndexParts, words: readonly QueryTerm[], opts: QueryOptions) {
  const { terms, docCount: D, fieldCount: F } = parts;
  const accept = opts.accept ?? (() => true);
  // Runs per word, in the index's order: exact term, prefix matches by id; fields as given; empty runs skipped.
  const runsOf = (w: QueryTerm) => {
    const expansions: Array<{ id: number; weight: number }> = [];
    const exact = terms.indexOf(w.term);
    if (exact >= 0) expansions.push({ id: exact, weight: 1 });
    if (w.prefix)
      terms.forEach((t, id) => {
        if (id !== exact && t.startsWith(w.term))
          expansions.push({ id, weight: (0.375 * t.length) / (t.length + 0.3 * (t.length - w.term.length)) });
      });
    return expansions.flatMap(({ id, weight }) =>
      opts.fields.flatMap(({ field, boost }) => {
        const start = parts.postingStart[id * F + field] as number;
        const end = parts.postingStart[id * F + field + 1] as number;
        return end > start ? [{ start, end, field, weight: weight * boost }] : [];
      }),
    );
  };
  const perWord = words.map((w) => {
    const score = new Float64Array(D);
    const firstRun = new Float64Array(D).fill(-1);
    runsOf(w).forEach((run, r) => {
      const idf = Math.log(
        1 +
          ((parts.fieldDocs[run.field] as number) - (run.end - run.start) + 0.5) /
            (run.end - run.start + 0.5),
      );
      for (let p = run.start; p < run.end; p++) {
        const doc = parts.postingDoc[p] as number;
        const tf = postingTfAt(parts, p);
        const length = parts.fieldLength[doc * F + run.field] as number;
        const f =
          DELTA + (tf * (K + 1)) / (tf + K * (1 - B + (B * length) / (parts.fieldAvg[run.field] as number)));
        score[doc] = (score[doc] as number) + run.weight * (idf * f);
        if (firstRun[doc] === -1) firstRun[doc] = r;
      }
    });
    return { score, firstRun, runs: runsOf(w) };
  });
  const distinct = words.map((w, i) => words.findIndex((x) => x.term === w.term) === i);
  const quality = distinct.filter(Boolean).length;
  const found: Array<{ doc: number; score: number; order: number }> = [];
  if (opts.combine === 'and') {
    for (let doc = 0; doc < D; doc++) {
      if (!accept(doc) || perWord.some((w) => w.firstRun[doc] === -1)) continue;
      let total = perWord[0]?.score[doc] as number;
      for (let w = 1; w < words.length; w++) total += perWord[w]?.score[doc] as number;
      const last = perWord[words.length - 1];
      found.push({ doc, score: total * quality, order: (last?.firstRun[doc] as number) * D + doc });
    }
  } else {
    // Order: first reach in a scan of every word's runs, words left to right.
    const reached = new Map<number, number>();
    for (const w of perWord)
      for (const run of w.runs)
        for (let p = run.start; p < run.end; p++) {
          const doc = parts.postingDoc[p] as number;
          if (accept(doc) && !reached.has(doc)) reached.set(doc, reached.size);
        }
    for (const [doc, order] of reached) {
      let total = 0;
      let matched = 0;
      perWord.forEach((w, i) => {
        if (w.firstRun[doc] === -1) return;
        total += w.score[doc] as number;
        if (distinct[i]) matched++;
      });
      found.push({ doc, score: total * matched, order });
    }
  }
  found.sort((a, b) => b.score - a.score || a.order - b.order);
  return { total: found.length, hits: found.slice(0, opts.limit).map(({ doc, score }) => ({ doc, score })) };
}

describe('RankedIndex', () => {
  it('returns the same top k, count and order as scoring every document (AND and OR, prefixes, filters)', () => {
    fc.assert(
      fc.property(corpus, fc.array(query, { minLength: 1, maxLength: 8 }), (c, queries) => {
        const parts = build(c);
        const index = new RankedIndex(parts);
        const fields = Array.from({ length: c.fieldCount }, (_, field) => ({
          field,
          boost: [3, 1, 2][field] as number,
        }));
        for (const q of queries) {
          const words = q.words.map((w) => ({ term: w.term, prefix: w.prefix, fuzzy: 0 }));
          const opts: QueryOptions = {
            fields,
            combine: q.combine,
            limit: q.limit,
            accept: q.filter ? (doc) => doc % q.filter !== 0 : undefined,
          };
          const actual = index.query(words, opts);
          const expected = exhaustive(parts, words, opts);
          expect(actual.total).toBe(expected.total);
          expect(actual.hits).toEqual(expected.hits);
        }
      }),
      { numRuns: 300 },
    );
  });
  it('scores long fields exactly too (field lengths in the thousands and past the 16-bit cap)', () => {
    // Field lengths count distinct words: filler words w0…wN make a document's field that long.
    const filler = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`);
    const docs = [
      ['needle', ...filler(3)],
      ['needle', ...filler(2_999)],
      ['needle', 'needle', ...filler(300)],
      ['needle', ...filler(70_000)],
      ['other'],
    ];
    const parts = buildRankedIndex({
      docCount: docs.length,
      fields: [{ docs: docs.length }],
      tokens: (doc) => docs[doc] ?? [],
    });
    expect(parts.fieldLength[3]).toBe(0xffff);
    const opts: QueryOptions = { fields: [{ field: 0, boost: 1 }], combine: 'and', limit: 10 };
    const words = [{ term: 'needle', prefix: false, fuzzy: 0 }];
    const actual = new RankedIndex(parts).query(words, opts);
    expect(actual.total).toBe(4);
    expect(actual.hits).toEqual(exhaustive(parts, words, opts).hits);
  });
  it('keeps term frequencies of 255 and more exact (one byte a posting, the large ones aside)', () => {
    const repeat = (word: string, n: number) => Array.from({ length: n }, () => word);
    const counts = [1, 2, 254, 255, 256, 1_000, 70_000];
    const docs = counts.map((n, i) => [...repeat('needle', n), `filler${i}`]);
    const parts = buildRankedIndex({
      docCount: docs.length,
      fields: [{ docs: docs.length }],
      tokens: (doc) => docs[doc] ?? [],
    });
    expect(parts.postingTf).toBeInstanceOf(Uint8Array);
    const id = parts.terms.indexOf('needle');
    const start = parts.postingStart[id] as number;
    const tfs = counts.map((_, doc) => postingTfAt(parts, start + doc));
    expect(tfs).toEqual([1, 2, 254, 255, 256, 1_000, 0xffff]);
    expect([...parts.postingTf.subarray(start, start + counts.length)]).toEqual([
      1, 2, 254, 255, 255, 255, 255,
    ]);
    expect([...parts.largeTfAt]).toEqual([start + 3, start + 4, start + 5, start + 6]);
    expect(LARGE_TF).toBe(255);
    const opts: QueryOptions = { fields: [{ field: 0, boost: 1 }], combine: 'or', limit: 10 };
    const words = [{ term: 'needle', prefix: false, fuzzy: 0 }];
    const actual = new RankedIndex(parts).query(words, opts);
    expect(actual.hits).toEqual(exhaustive(parts, words, opts).hits);
    // The scores follow the exact tf: more occurrences, a higher score (the field lengths are equal).
    const byDoc = new Map(actual.hits.map((h) => [h.doc, h.score]));
    for (let doc = 1; doc < counts.length; doc++)
      expect(byDoc.get(doc) as number).toBeGreaterThan(byDoc.get(doc - 1) as number);
  });
});
