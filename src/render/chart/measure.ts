/** Text widths as resvg will draw them with the shipped Noto Sans subsets (kerning ignored: a bound). */
import { FONT_METRICS, type FontMetrics } from './font-metrics.ts';

export type Weight = 'regular' | 'bold';

function table(metrics: FontMetrics): Map<number, number> {
  const map = new Map<number, number>();
  for (const run of metrics.runs) {
    const first = run[0] as number;
    for (let i = 1; i < run.length; i++) map.set(first + i - 1, run[i] as number);
  }
  return map;
}

const TABLES = { regular: table(FONT_METRICS.regular), bold: table(FONT_METRICS.bold) };

/** Width in px of `text` at `size` px. */
export function textWidth(text: string, size: number, weight: Weight = 'regular'): number {
  const metrics = FONT_METRICS[weight];
  const widths = TABLES[weight];
  let units = 0;
  for (const ch of text) units += widths.get(ch.codePointAt(0) ?? 0) ?? metrics.fallback;
  return (units / metrics.unitsPerEm) * size;
}

/** `text`, cut at a word boundary where possible and ended with "…", so it fits in `max` px. */
export function fitText(text: string, max: number, size: number, weight: Weight = 'regular'): string {
  if (textWidth(text, size, weight) <= max) return text;
  const chars = [...text];
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (textWidth(`${chars.slice(0, mid).join('').trimEnd()}…`, size, weight) <= max) lo = mid;
    else hi = mid - 1;
  }
  if (lo === 0) return '';
  let cut = chars.slice(0, lo).join('');
  const space = cut.lastIndexOf(' ');
  if (space > cut.length * 0.6) cut = cut.slice(0, space);
  return `${cut.replace(/[\s,;:.–—-]+$/u, '')}…`;
}

/** Splits `text` into at most `lines` lines of at most `max` px (the last one cut with "…"). */
export function wrapText(text: string, max: number, size: number, weight: Weight, lines: number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const out: string[] = [];
  let line = '';
  for (let i = 0; i < words.length; i++) {
    const next = line ? `${line} ${words[i]}` : (words[i] as string);
    if (textWidth(next, size, weight) <= max || !line) {
      line = next;
      continue;
    }
    if (out.length === lines - 1) {
      out.push(fitText(`${line} ${words.slice(i).join(' ')}`, max, size, weight));
      return out;
    }
    out.push(line);
    line = words[i] as string;
  }
  if (line) out.push(fitText(line, max, size, weight));
  return out.slice(0, lines);
}
