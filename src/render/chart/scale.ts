/**
 * The date axis, PURE: days → x, with long empty stretches collapsed into a break (⫽) so a lone
 * event years before the rest does not squeeze everything else into a corner; and the ticks.
 */

const DAY_MS = 86_400_000;
/** YYYY-MM-DD → days since 1970-01-01. */
export const dayNumber = (day: string): number => Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
export const dayOfNumber = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);

export interface Segment {
  /** Days covered (inclusive start, exclusive end). */
  from: number;
  to: number;
  /** Pixels. */
  x0: number;
  x1: number;
}

export interface TimeScale {
  segments: Segment[];
  /** x of a day (the middle of it); days outside are clamped to the nearest segment edge. */
  x(day: number): number;
  /** x of the start of a day. */
  edge(day: number): number;
  /** Where breaks are drawn (x of the gap's middle). */
  breaks: number[];
  /** The segment a day is drawn in (the nearest one for a day outside all of them). */
  segmentOf(day: number): Segment;
}

export interface ScaleInput {
  /** [first day, last day] of every item, inclusive. */
  intervals: ReadonlyArray<readonly [number, number]>;
  left: number;
  right: number;
  /** A fixed range (the user's from/to): no breaks, nothing padded. */
  fixed?: { from: number; to: number } | undefined;
}

const BREAK_PX = 26;
const MIN_SEGMENT_PX = 70;

export function timeScale(input: ScaleInput): TimeScale {
  const { left, right } = input;
  let spans: Array<{ from: number; to: number }>;
  if (input.fixed) spans = [{ from: input.fixed.from, to: input.fixed.to + 1 }];
  else {
    const sorted = [...input.intervals].sort((a, b) => a[0] - b[0]);
    if (sorted.length === 0) spans = [{ from: 0, to: 1 }];
    else {
      const first = sorted[0] as readonly [number, number];
      const total = Math.max(...sorted.map((i) => i[1])) + 1 - first[0];
      // A gap is collapsed when it is long in absolute terms and a large part of the whole range.
      const minGap = Math.max(90, total * 0.3);
      spans = [];
      let cur = { from: first[0], to: first[1] + 1 };
      for (const [a, b] of sorted.slice(1)) {
        if (a - cur.to > minGap) {
          spans.push(cur);
          cur = { from: a, to: b + 1 };
        } else cur.to = Math.max(cur.to, b + 1);
      }
      spans.push(cur);
      // Padding: points at the very edge stay whole, and a lone day gets some context.
      spans = spans.map((s) => {
        const pad = Math.max(3, Math.round((s.to - s.from) * 0.03));
        return { from: s.from - pad, to: s.to + pad };
      });
    }
  }
  const width = right - left - BREAK_PX * (spans.length - 1);
  const days = spans.reduce((sum, s) => sum + (s.to - s.from), 0);
  // Proportional widths, but no segment narrower than MIN_SEGMENT_PX (taken from the widest).
  const raw = spans.map((s) => ((s.to - s.from) / days) * width);
  const short = raw.map((w) => Math.max(w, Math.min(MIN_SEGMENT_PX, width / spans.length)));
  const extra = short.reduce((a, b) => a + b, 0) - width;
  const widest = short.indexOf(Math.max(...short));
  short[widest] = (short[widest] as number) - extra;
  const segments: Segment[] = [];
  let x = left;
  spans.forEach((s, i) => {
    const w = short[i] as number;
    segments.push({ from: s.from, to: s.to, x0: x, x1: x + w });
    x += w + BREAK_PX;
  });
  const segmentOf = (day: number): Segment =>
    segments.find((s) => day >= s.from && day < s.to) ??
    (day < (segments[0] as Segment).from
      ? (segments[0] as Segment)
      : (segments.findLast((s) => s.from <= day) ?? (segments[0] as Segment)));
  const edge = (day: number): number => {
    const seg = segmentOf(day);
    const d = Math.min(Math.max(day, seg.from), seg.to);
    return seg.x0 + ((d - seg.from) / (seg.to - seg.from)) * (seg.x1 - seg.x0);
  };
  return {
    segments,
    segmentOf,
    edge,
    x: (day) => (edge(day) + edge(day + 1)) / 2,
    breaks: segments.slice(1).map((s) => s.x0 - BREAK_PX / 2),
  };
}

export interface Tick {
  x: number;
  day: string;
  unit: 'day' | 'month' | 'year';
  /** The first tick of its year in its segment (month ticks show the year there). */
  newYear: boolean;
}

const MONTH_STEPS = [1, 2, 3, 6] as const;
const DAY_STEPS = [1, 2, 7, 14] as const;

/** Ticks at whole days, months or years, at least `minPx` apart, in every segment. */
export function ticks(scale: TimeScale, minPx = 64): Tick[] {
  const out: Tick[] = [];
  for (const seg of scale.segments) {
    const pxPerDay = (seg.x1 - seg.x0) / (seg.to - seg.from);
    const candidates: Array<{ unit: Tick['unit']; step: number; days: number }> = [
      ...DAY_STEPS.map((step) => ({ unit: 'day' as const, step, days: step })),
      ...MONTH_STEPS.map((step) => ({ unit: 'month' as const, step, days: step * 30.4 })),
      ...[1, 2, 5, 10].map((step) => ({ unit: 'year' as const, step, days: step * 365.25 })),
    ];
    const pick = candidates.find((c) => c.days * pxPerDay >= minPx) ?? candidates.at(-1);
    if (!pick) continue;
    let lastYear = '';
    for (const day of tickDays(seg.from, seg.to, pick.unit, pick.step)) {
      const iso = dayOfNumber(day);
      const year = iso.slice(0, 4);
      out.push({ x: scale.edge(day), day: iso, unit: pick.unit, newYear: year !== lastYear });
      lastYear = year;
    }
  }
  return out;
}

function tickDays(from: number, to: number, unit: Tick['unit'], step: number): number[] {
  const out: number[] = [];
  if (unit === 'day') {
    // Weekly steps fall on Mondays (1970-01-01 was a Thursday).
    let d = step >= 7 ? from + ((11 - (from % 7)) % 7) : from;
    for (; d < to; d += step) out.push(d);
    return out;
  }
  const start = new Date(from * DAY_MS);
  let y = start.getUTCFullYear();
  let m = unit === 'year' ? 0 : start.getUTCMonth();
  if (unit === 'year') y = Math.ceil(y / step) * step;
  else m = Math.ceil(m / step) * step;
  for (;;) {
    const t = Date.UTC(y, m, 1) / DAY_MS;
    if (t >= to) break;
    if (t >= from) out.push(t);
    if (unit === 'year') y += step;
    else m += step;
  }
  return out;
}
