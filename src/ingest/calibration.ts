import type { QuoteOutcome } from './corpus.ts';

/**
 * Speaker confidences measured, not set by hand: for every sieve/resolution pair ("adjacent/name",
 * "paragraph/pronoun-far"), how often the first sieve's candidate named the right speaker on the
 * training articles.
 *
 * Estimates borrow strength up a hierarchy (empirical Bayes): a sieve's and a resolution's
 * precision are pulled towards the precision of all picks (weight K), and a pair's towards the
 * lower of its sieve's and its resolution's (weight M), so a pair seen three times is neither
 * trusted as 100 % nor dragged to a coin toss; a pair never seen takes that lower parent.
 *
 * The review threshold is chosen out of sample: each training folder (each written by other
 * people at another time) is scored with confidences learnt from the other folders, and the
 * threshold is the lowest level at which the speakers chosen that way are wrong on at most
 * TARGET_WRONG of all quotes. A confidence learnt in sample flatters the rules that were written
 * while reading those articles; one measured on folders the estimate did not see flatters less.
 */

/** Weight of the precision of all picks in a sieve's or a resolution's estimate, in quotes. */
export const K = 4;
/** Weight of the parent (the lower of sieve and resolution) in a pair's estimate, in quotes. */
export const M = 4;
/** Share of all quotes allowed to be chosen and wrong, measured leave-one-folder-out: below the 3 % goal. */
export const TARGET_WRONG = 0.015;
/** Never choose a speaker below this, whatever the folders say. */
export const MIN_THRESHOLD = 0.7;
/** A sieve or resolution never seen: no evidence, no confidence. */
const PRIOR = 0.5;

export interface CalibrationCell {
  n: number;
  right: number;
  confidence: number;
}

export interface SpeakerCalibration {
  threshold: number;
  prior: number;
  /** Precision of all first-sieve picks on the training folders. */
  global?: number;
  cells: Record<string, CalibrationCell>;
  sieves: Record<string, CalibrationCell>;
  resolutions: Record<string, CalibrationCell>;
  /** The threshold's out-of-sample check: chosen, right and wrong at it, leave-one-folder-out. */
  outOfSample?: { quotes: number; chosen: number; right: number; wrong: number };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
const sieveOf = (rule: string) => rule.split('/')[0] ?? rule;
const resolutionOf = (rule: string) => rule.split('/')[1] ?? rule;

interface Estimate {
  global: number;
  cells: Record<string, CalibrationCell>;
  sieves: Record<string, CalibrationCell>;
  resolutions: Record<string, CalibrationCell>;
}

function estimate(outcomes: readonly QuoteOutcome[]): Estimate {
  const tops = outcomes.flatMap((o) => (o.top ? [o.top] : []));
  const global = tops.length === 0 ? PRIOR : tops.filter((t) => t.right).length / tops.length;
  const count = (key: (rule: string) => string) => {
    const out = new Map<string, { n: number; right: number }>();
    for (const t of tops) {
      const k = key(t.rule);
      const c = out.get(k) ?? { n: 0, right: 0 };
      c.n++;
      if (t.right) c.right++;
      out.set(k, c);
    }
    return [...out].sort(([a], [b]) => a.localeCompare(b));
  };
  const level = (key: (rule: string) => string) =>
    Object.fromEntries(
      count(key).map(([k, c]) => [k, { ...c, confidence: round((c.right + K * global) / (c.n + K)) }]),
    ) as Record<string, CalibrationCell>;
  const sieves = level(sieveOf);
  const resolutions = level(resolutionOf);
  const cells: Record<string, CalibrationCell> = {};
  for (const [k, c] of count((r) => r)) {
    const parent = parentOf({ sieves, resolutions }, k);
    cells[k] = { ...c, confidence: round((c.right + M * parent) / (c.n + M)) };
  }
  return { global: round(global), cells, sieves, resolutions };
}

function parentOf(e: Pick<Estimate, 'sieves' | 'resolutions'>, rule: string): number {
  return Math.min(
    e.sieves[sieveOf(rule)]?.confidence ?? PRIOR,
    e.resolutions[resolutionOf(rule)]?.confidence ?? PRIOR,
  );
}

/** A rule whose speaker is a name the text does not give (speakers.ts caps it below the threshold). */
export function isInferredRule(rule: string): boolean {
  return rule.endsWith('/role-outside');
}

/** A pronoun that people other than the one chosen could fit (speakers.ts caps it below the threshold). */
export function isOpenRule(rule: string): boolean {
  return rule.endsWith('/pronoun-rivals');
}

/** The confidence a calibration gives a rule: its pair's, else the lower of its sieve's and resolution's. */
export function confidenceOf(
  c: Pick<SpeakerCalibration, 'cells' | 'sieves' | 'resolutions'>,
  rule: string,
): number {
  return c.cells[rule]?.confidence ?? parentOf(c, rule);
}

/**
 * The calibration of the training folders' outcomes (one array per folder). With one folder only,
 * the threshold is chosen in sample.
 */
export function computeCalibration(folders: readonly (readonly QuoteOutcome[])[]): SpeakerCalibration {
  const all = folders.flat();
  const fit = estimate(all);
  // Each folder scored by what the others taught.
  const scored: { confidence: number; right: boolean }[] = [];
  for (const [i, folder] of folders.entries()) {
    const others = folders.length > 1 ? estimate(folders.filter((_, j) => j !== i).flat()) : fit;
    // An inferred speaker (a holder the text does not name) or an open pronoun is never chosen,
    // whatever its precision.
    for (const o of folder)
      if (o.top && !o.top.inferred && !isInferredRule(o.top.rule) && !isOpenRule(o.top.rule))
        scored.push({ confidence: confidenceOf(others, o.top.rule), right: o.top.right });
  }
  const levels = [...new Set([...scored.map((s) => s.confidence), 1])]
    .filter((c) => c >= MIN_THRESHOLD)
    .sort((a, b) => a - b);
  let threshold = 1;
  for (const level of levels) {
    const wrong = scored.filter((s) => s.confidence >= level && !s.right).length;
    if (wrong <= TARGET_WRONG * all.length) {
      threshold = level;
      break;
    }
  }
  const chosen = scored.filter((s) => s.confidence >= threshold);
  return {
    threshold,
    prior: PRIOR,
    global: fit.global,
    cells: fit.cells,
    sieves: fit.sieves,
    resolutions: fit.resolutions,
    outOfSample: {
      quotes: all.length,
      chosen: chosen.length,
      right: chosen.filter((s) => s.right).length,
      wrong: chosen.filter((s) => !s.right).length,
    },
  };
}

/** Pairs whose counts on the training articles differ from the stored calibration. */
export function staleCells(stored: SpeakerCalibration, fresh: SpeakerCalibration): string[] {
  const keys = new Set([...Object.keys(stored.cells), ...Object.keys(fresh.cells)]);
  const stale = [...keys].filter(
    (k) => stored.cells[k]?.n !== fresh.cells[k]?.n || stored.cells[k]?.right !== fresh.cells[k]?.right,
  );
  if (stored.threshold !== fresh.threshold) stale.push(`threshold ${stored.threshold} → ${fresh.threshold}`);
  return stale;
}
