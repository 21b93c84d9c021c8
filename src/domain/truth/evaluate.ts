import type { RawDataset } from '../schema.ts';
import { checkTruth, type SentenceResult } from './index.ts';
import { type BrokenCopy, brokenCopies, type MutationKind } from './mutations.ts';
import { isSupported } from './support.ts';

/**
 * Precision and recall of the support guard over a range of thresholds. Positives are broken
 * copies (one broken record each): caught when the broken record gets a support problem.
 * Negatives are the records of the dataset as it is: a false alarm when one of them does.
 * Records are the units on both sides (an event's title and summary, a thread entry, a
 * commitment, a quote's context).
 */

export interface ThresholdRow {
  threshold: number;
  truePositives: number;
  falseNegatives: number;
  falsePositives: number;
  trueNegatives: number;
  precision: number;
  recall: number;
  f1: number;
  recallByKind: Record<MutationKind, { caught: number; total: number }>;
}

export interface SupportEvaluation {
  rows: ThresholdRow[];
  copies: number;
  records: number;
  /** Broken copies missed at `threshold`, for the report. */
  missedAt: (threshold: number) => BrokenCopy[];
  /** Clean records flagged at `threshold`. */
  falseAlarmsAt: (threshold: number) => string[];
}

const recordOf = (path: string) => /^([a-z]+\[\d+\](?:\.thread\[\d+\])?)/.exec(path)?.[1] ?? path;

export function evaluateSupport(
  data: RawDataset,
  texts: ReadonlyMap<string, string>,
  thresholds: readonly number[],
): SupportEvaluation {
  const guards = new Set(['support'] as const);
  const clean = checkTruth(data, texts, { guards });
  const byRecord = new Map<string, SentenceResult[]>();
  for (const s of clean.sentences) {
    const key = `${s.file}|${recordOf(s.path)}`;
    byRecord.set(key, [...(byRecord.get(key) ?? []), s]);
  }
  const copies = brokenCopies(data).map((copy) => {
    const { key, index } = copy.target;
    const report = checkTruth(copy.data, texts, { guards, only: (k, i) => k === key && i === index });
    const sentences = report.sentences.filter((s) => recordOf(s.path) === copy.target.path);
    return { copy, sentences };
  });
  const flagged = (sentences: readonly SentenceResult[], t: number) =>
    sentences.some((s) => !isSupported(s.support, t));

  const rows = thresholds.map((t): ThresholdRow => {
    const recallByKind = {} as ThresholdRow['recallByKind'];
    let tp = 0;
    for (const { copy, sentences } of copies) {
      const hit = flagged(sentences, t);
      if (hit) tp++;
      const k = recallByKind[copy.kind] ?? { caught: 0, total: 0 };
      recallByKind[copy.kind] = k;
      k.total++;
      if (hit) k.caught++;
    }
    let fp = 0;
    for (const sentences of byRecord.values()) if (flagged(sentences, t)) fp++;
    const fn = copies.length - tp;
    const tn = byRecord.size - fp;
    const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
    const recall = copies.length === 0 ? 1 : tp / copies.length;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return {
      threshold: t,
      truePositives: tp,
      falseNegatives: fn,
      falsePositives: fp,
      trueNegatives: tn,
      precision,
      recall,
      f1,
      recallByKind,
    };
  });
  return {
    rows,
    copies: copies.length,
    records: byRecord.size,
    missedAt: (t) => copies.filter((c) => !flagged(c.sentences, t)).map((c) => c.copy),
    falseAlarmsAt: (t) =>
      [...byRecord.entries()].filter(([, s]) => flagged(s, t)).map(([k]) => k.replace('|', ': ')),
  };
}
