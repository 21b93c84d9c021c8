import type { QuoteOutcome } from './corpus.ts';

/**
 * Speaker confidences measured, not set by hand: for every sieve/resolution pair ("adjacent/name",
 * "paragraph/pronoun-far"), how often the first sieve's candidate named the right speaker on the
 * training articles. A pair seen a few times is pulled towards the lower of its sieve's and its
 * resolution's precision (an m-estimate with weight M), and those towards one half (Laplace), so a
 * rare pair cannot borrow certainty from a precise sieve ("adjacent/role-ambiguous" is as unsure as
 * an ambiguous role anywhere). The
 * review threshold is the lowest confidence at which the speakers chosen on the training articles
 * stay confidently wrong on at most TARGET_WRONG of all quotes.
 */

/** Weight of the sieve's precision in a pair's estimate, in quotes. */
export const M = 6;
/** Share of all quotes allowed to be chosen and wrong on the training articles: below the 3 % goal, for text never seen. */
export const TARGET_WRONG = 0.005;
/** Never choose a speaker below this, whatever the training articles say: their precision flatters rules written while reading them. */
export const MIN_THRESHOLD = 0.8;

export interface CalibrationCell {
  n: number;
  right: number;
  confidence: number;
}

export interface SpeakerCalibration {
  threshold: number;
  prior: number;
  cells: Record<string, CalibrationCell>;
  sieves: Record<string, CalibrationCell>;
  resolutions: Record<string, CalibrationCell>;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export function computeCalibration(outcomes: readonly QuoteOutcome[]): SpeakerCalibration {
  const tops = outcomes.flatMap((o) => (o.top ? [o.top] : []));
  const count = (key: (rule: string) => string) => {
    const out = new Map<string, { n: number; right: number }>();
    for (const t of tops) {
      const k = key(t.rule);
      const c = out.get(k) ?? { n: 0, right: 0 };
      c.n++;
      if (t.right) c.right++;
      out.set(k, c);
    }
    return out;
  };
  const sieveOf = (rule: string) => rule.split('/')[0] ?? rule;
  const sieves: Record<string, CalibrationCell> = {};
  for (const [k, c] of [...count(sieveOf)].sort(([a], [b]) => a.localeCompare(b)))
    sieves[k] = { ...c, confidence: round((c.right + 1) / (c.n + 2)) };
  const resolutionOf = (rule: string) => rule.split('/')[1] ?? rule;
  const resolutionCells: Record<string, CalibrationCell> = {};
  for (const [k, c] of [...count(resolutionOf)].sort(([a], [b]) => a.localeCompare(b)))
    resolutionCells[k] = { ...c, confidence: round((c.right + 1) / (c.n + 2)) };
  const resolutions = new Map(Object.entries(resolutionCells).map(([k, c]) => [k, c.confidence] as const));
  const cells: Record<string, CalibrationCell> = {};
  for (const [k, c] of [...count((r) => r)].sort(([a], [b]) => a.localeCompare(b))) {
    const parent = Math.min(sieves[sieveOf(k)]?.confidence ?? 0.5, resolutions.get(resolutionOf(k)) ?? 0.5);
    cells[k] = { ...c, confidence: round((c.right + M * parent) / (c.n + M)) };
  }
  // The threshold: the lowest confidence whose chosen speakers keep wrong ones under the target.
  const scored = tops.map((t) => ({ confidence: cells[t.rule]?.confidence ?? 0, right: t.right }));
  const levels = [...new Set(scored.map((s) => s.confidence))]
    .filter((c) => c >= MIN_THRESHOLD)
    .sort((a, b) => a - b);
  let threshold = 1;
  for (const level of levels) {
    const wrong = scored.filter((s) => s.confidence >= level && !s.right).length;
    if (wrong <= TARGET_WRONG * outcomes.length) {
      threshold = level;
      break;
    }
  }
  return { threshold, prior: 0.5, cells, sieves, resolutions: resolutionCells };
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
