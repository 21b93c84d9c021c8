/**
 * The timeline as a picture, PURE: events on a date axis in topic or actor lanes, drawn as SVG for
 * resvg (src/chart/png.ts rasterizes it at 2× with the shipped fonts).
 *
 * - precision is visible: a day is a dot, a month or a longer stretch a bar over every day it may
 *   cover (its earliest/latest bounds when given), an approximate date is hatched with a dashed edge;
 * - labels never collide: each lane packs mark + label into rows, greedily from the left; a label
 *   that fits nowhere is left off (the mark stays) and the legend says how many are shown;
 * - the filter and the date range are in the title; long empty stretches of the axis are collapsed.
 */
import { firstPossibleDay, lastPossibleDay } from '../../domain/dates.ts';
import type { Dataset } from '../../domain/model.ts';
import type { Event } from '../../domain/schema.ts';
import type { Translator } from '../../i18n/catalog.ts';
import { reference } from '../../i18n/languages.ts';
import { fitText, textWidth, wrapText } from './measure.ts';
import { dayNumber, dayOfNumber, type TimeScale, ticks, timeScale } from './scale.ts';
import { type ChartWords, wordsOf } from './words.ts';

export type ChartTheme = 'light' | 'dark';
export type LaneKind = 'topic' | 'actor';

export interface TimelineChartOptions {
  /** What the events were filtered by, in words ("Security guarantees · Zelensky"). */
  filter?: string | undefined;
  /** Lanes by topic or by actor; default: actors when the filter is one topic, else topics. */
  lanes?: LaneKind | undefined;
  /** The user's inclusive date range (YYYY-MM-DD): the axis shows exactly that. */
  range?: { from?: string | undefined; to?: string | undefined } | undefined;
  /** A topic filter: lanes default to actors. */
  topicFiltered?: boolean;
  theme?: ChartTheme | undefined;
  /** The reader's (or schedule's) language; English when absent. */
  t?: Translator | undefined;
}

export interface TimelineChart {
  svg: string;
  /** Logical size (the PNG is twice this). */
  width: number;
  height: number;
  events: number;
  labelled: number;
  /** Label occurrences placed and possible (an event in two lanes counts twice). */
  labels: { shown: number; total: number };
  lanes: LaneKind;
  from: string | undefined;
  to: string | undefined;
  alt: string;
}

const WIDTH = 800;
const MARGIN = 18;
const LANE_NAME_W = 148;
const PLOT_LEFT = MARGIN + LANE_NAME_W + 10;
const PLOT_RIGHT = WIDTH - MARGIN;
const ROW_H = 19;
const MAX_ROWS = 5;
const LANE_PAD = 7;
const MAX_LANES = 6;
const LABEL_SIZE = 11.5;
const LABEL_MAX_W = 250;
/** Below this much room on either side, a long bar carries its label over itself. */
const MIN_SIDE_W = 90;
const DOT_R = 4.5;
const BAR_H = 9;
/** A bar is always wider than a dot, so a month on a long axis does not read as a day. */
const MIN_BAR_W = 15;

interface Palette {
  bg: string;
  fg: string;
  muted: string;
  grid: string;
  band: string;
  lanes: readonly string[];
  other: string;
}

/** Colours chosen for contrast on their own background (the card is opaque, so Discord's theme does not matter). */
const THEMES: Record<ChartTheme, Palette> = {
  light: {
    bg: '#ffffff',
    fg: '#1f2328',
    muted: '#59636e',
    grid: '#d1d9e0',
    band: '#f3f5f7',
    lanes: ['#0b63ce', '#b3307a', '#1a7f37', '#9a5b00', '#7a3fd1', '#c4262e', '#0f7b8a'],
    other: '#6e7781',
  },
  dark: {
    bg: '#232428',
    fg: '#f2f3f5',
    muted: '#b5bac1',
    grid: '#3b3d44',
    band: '#2b2d31',
    lanes: ['#5ba3ff', '#f07ab8', '#4cc764', '#e3a93b', '#b48cff', '#ff7b72', '#39c5cf'],
    other: '#9ba1a9',
  },
};

interface Item {
  event: Event;
  start: number;
  end: number;
  approximate: boolean;
}

interface Lane {
  name: string;
  color: string;
  count: number;
  items: Item[];
}

interface Placed {
  item: Item;
  row: number;
  x0: number;
  x1: number;
  /** `over`: drawn over its own bar (a bar too long for a label beside it), with a halo. */
  label?: { text: string; x: number; anchor: 'start' | 'end' | 'over' };
}

const esc = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const num = (n: number) => String(Math.round(n * 10) / 10);

function itemOf(e: Event): Item {
  return {
    event: e,
    start: dayNumber(firstPossibleDay(e.date)),
    end: dayNumber(lastPossibleDay(e.date)),
    approximate: e.date.approximate === true,
  };
}

/** Lanes: the most frequent keys first, the rest merged into one "other" lane. */
function buildLanes(
  dataset: Dataset,
  events: readonly Event[],
  kind: LaneKind,
  palette: Palette,
  words: ChartWords,
): Lane[] {
  const byKey = new Map<string, Item[]>();
  const none: Item[] = [];
  for (const e of events) {
    const item = itemOf(e);
    const keys = kind === 'topic' ? e.topics : [...new Set(e.actors.map((a) => a.actor))];
    if (keys.length === 0) none.push(item);
    for (const key of new Set(keys)) {
      const list = byKey.get(key);
      if (list) list.push(item);
      else byKey.set(key, [item]);
    }
  }
  const ranked = [...byKey].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  const room = MAX_LANES - (none.length > 0 ? 1 : 0);
  const kept = ranked.length > room + 1 ? ranked.slice(0, room) : ranked;
  const rest = ranked.slice(kept.length);
  const nameOf = (key: string) =>
    kind === 'topic' ? words.topicName(dataset, key) : words.actorName(dataset, key);
  const lanes: Lane[] = kept.map(([key, items], i) => ({
    name: nameOf(key),
    color: palette.lanes[i % palette.lanes.length] as string,
    count: items.length,
    items,
  }));
  if (rest.length > 0) {
    const seen = new Set<string>();
    const items = rest
      .flatMap(([, list]) => list)
      .filter((it) => !seen.has(it.event.id) && seen.add(it.event.id));
    items.sort((a, b) => a.start - b.start);
    lanes.push({
      name: kind === 'topic' ? words.otherTopics(rest.length) : words.otherActors(rest.length),
      color: palette.other,
      count: items.length,
      items,
    });
  }
  if (none.length > 0)
    lanes.push({ name: words.noTopic, color: palette.other, count: none.length, items: none });
  return lanes;
}

/** Packs marks and labels into rows, left to right; a label that fits no row is left off. */
function packLane(lane: Lane, scale: TimeScale, words: ChartWords): { placed: Placed[]; rows: number } {
  const rowEnds: number[] = [];
  const placed: Placed[] = [];
  const items = [...lane.items].sort((a, b) => a.start - b.start || a.end - b.end);
  for (const item of items) {
    const point = item.start === item.end;
    const x0 = point ? scale.x(item.start) - DOT_R : scale.edge(item.start);
    const x1 = point ? scale.x(item.start) + DOT_R : Math.max(scale.edge(item.end + 1), x0 + MIN_BAR_W);
    const title = words.eventTitle(item.event);
    // A label stays within its segment of the axis when it can, so it does not reach across a break.
    const segStart = scale.segmentOf(item.start).x0;
    const segEnd = scale.segmentOf(item.end).x1;
    let right = segEnd - (x1 + 5);
    let left = x0 - 5 - segStart;
    const over = right < MIN_SIDE_W && left < MIN_SIDE_W && x1 - x0 > MIN_SIDE_W;
    if (!over && right < MIN_SIDE_W && left < MIN_SIDE_W) {
      right = PLOT_RIGHT - (x1 + 5);
      left = x0 - 5 - PLOT_LEFT;
    }
    const anchor: 'start' | 'end' | 'over' = over
      ? 'over'
      : right >= Math.min(LABEL_MAX_W, textWidth(title, LABEL_SIZE)) || right >= left
        ? 'start'
        : 'end';
    const room = anchor === 'over' ? PLOT_RIGHT - x0 - 6 : anchor === 'start' ? right : left;
    const text = fitText(title, Math.min(LABEL_MAX_W, room), LABEL_SIZE);
    const w = text ? textWidth(text, LABEL_SIZE) : 0;
    const span =
      anchor === 'start'
        ? { from: x0, to: x1 + 5 + w }
        : anchor === 'end'
          ? { from: x0 - 5 - w, to: x1 }
          : { from: x0, to: Math.max(x1, x0 + 6 + w) };
    let row = text ? rowEnds.findIndex((end) => end + 8 <= span.from) : -1;
    if (row < 0 && text && rowEnds.length < MAX_ROWS) row = rowEnds.length;
    if (row >= 0 && text) {
      rowEnds[row] = Math.max(rowEnds[row] ?? Number.NEGATIVE_INFINITY, span.to);
      placed.push({
        item,
        row,
        x0,
        x1,
        label: { text, x: anchor === 'start' ? x1 + 5 : anchor === 'end' ? x0 - 5 : x0 + 6, anchor },
      });
      continue;
    }
    // No room for its label: the mark goes to the lane's last row, a strip of marks without labels,
    // where marks may overlap each other (drawn translucent, so density shows) but never a label.
    placed.push({ item, row: -1, x0, x1 });
  }
  const strip = placed.some((p) => p.row === -1);
  for (const p of placed) if (p.row === -1) p.row = rowEnds.length;
  return { placed, rows: Math.max(1, rowEnds.length + (strip ? 1 : 0)) };
}

function mark(p: Placed, y: number, color: string, hatch: string, bg: string): string {
  const { item } = p;
  const dash = item.approximate ? ' stroke-dasharray="2.5 2"' : '';
  if (item.start === item.end) {
    const cx = num((p.x0 + p.x1) / 2);
    return item.approximate
      ? `<circle cx="${cx}" cy="${num(y)}" r="${DOT_R}" fill="url(#${hatch})" stroke="${color}" stroke-width="1.5"${dash}/>`
      : `<circle cx="${cx}" cy="${num(y)}" r="${DOT_R}" fill="${color}" stroke="${bg}" stroke-width="1"/>`;
  }
  const fill = item.approximate ? `url(#${hatch})` : color;
  return `<rect x="${num(p.x0)}" y="${num(y - BAR_H / 2)}" width="${num(p.x1 - p.x0)}" height="${BAR_H}" rx="${BAR_H / 2}" fill="${fill}" stroke="${color}" stroke-width="1.2"${dash}/>`;
}

export function timelineChart(
  dataset: Dataset,
  events: readonly Event[],
  opts: TimelineChartOptions = {},
): TimelineChart {
  const words = wordsOf(opts.t ?? reference);
  const palette = THEMES[opts.theme ?? 'dark'];
  const lanesBy: LaneKind = opts.lanes ?? (opts.topicFiltered ? 'actor' : 'topic');
  const lanes = buildLanes(dataset, events, lanesBy, palette, words);
  const items = events.map(itemOf);
  const fixedFrom = opts.range?.from ? dayNumber(opts.range.from) : undefined;
  const fixedTo = opts.range?.to ? dayNumber(opts.range.to) : undefined;
  const minDay = items.length ? Math.min(...items.map((i) => i.start)) : undefined;
  const maxDay = items.length ? Math.max(...items.map((i) => i.end)) : undefined;
  const from = fixedFrom ?? minDay;
  const to = fixedTo ?? maxDay;
  const scale = timeScale({
    intervals: items.map((i) => [i.start, i.end] as const),
    left: PLOT_LEFT,
    right: PLOT_RIGHT,
    fixed:
      fixedFrom !== undefined || fixedTo !== undefined
        ? { from: from ?? 0, to: Math.max(to ?? 0, from ?? 0) }
        : undefined,
  });

  const fromDay = from !== undefined ? dayOfNumber(from) : undefined;
  const toDay = to !== undefined ? dayOfNumber(to) : undefined;
  const title = fitText(words.title(opts.filter), WIDTH - 2 * MARGIN, 19, 'bold');
  const subtitle =
    fromDay && toDay
      ? words.subtitle({ from: fromDay, to: toDay, events: events.length, lanes: lanesBy })
      : words.noEvents;

  const parts: string[] = [];
  const top = 72;
  let y = top;
  let shown = 0;
  let total = 0;
  const labelled = new Set<string>();
  const bands: string[] = [];
  const laneSvg: string[] = [];
  lanes.forEach((lane, i) => {
    const { placed, rows } = packLane(lane, scale, words);
    const nameLines = wrapText(lane.name, LANE_NAME_W - 8, 12, 'bold', 2);
    // Tall enough for its rows and for its name and count.
    const h = Math.max(rows * ROW_H + 2 * LANE_PAD, nameLines.length * 14 + 24);
    if (i % 2 === 0)
      bands.push(
        `<rect x="${MARGIN}" y="${y}" width="${WIDTH - 2 * MARGIN}" height="${h}" rx="6" fill="${palette.band}"/>`,
      );
    const nameY = y + h / 2 - (nameLines.length * 14) / 2 + 10;
    nameLines.forEach((line, k) =>
      laneSvg.push(
        `<text x="${MARGIN + 8}" y="${num(nameY + k * 14)}" font-weight="700" font-size="12" fill="${lane.color}">${esc(line)}</text>`,
      ),
    );
    laneSvg.push(
      `<text x="${MARGIN + 8}" y="${num(nameY + nameLines.length * 14)}" font-size="10.5" fill="${palette.muted}">${esc(words.laneCount(lane.count))}</text>`,
    );
    const hatch = `hatch${i}`;
    parts.push(
      `<pattern id="${hatch}" patternUnits="userSpaceOnUse" width="5" height="5" patternTransform="rotate(45)"><rect width="5" height="5" fill="${lane.color}" fill-opacity="0.22"/><rect width="2" height="5" fill="${lane.color}"/></pattern>`,
    );
    for (const p of placed) {
      const rowY = y + LANE_PAD + p.row * ROW_H + ROW_H / 2;
      const drawn = mark(p, rowY, lane.color, hatch, palette.bg);
      laneSvg.push(p.label ? drawn : `<g opacity="0.7">${drawn}</g>`);
      total++;
      if (p.label) {
        shown++;
        labelled.add(p.item.event.id);
        const attrs = p.label.anchor === 'end' ? ' text-anchor="end"' : '';
        if (p.label.anchor === 'over')
          laneSvg.push(
            `<rect x="${num(p.label.x - 4)}" y="${num(rowY - 8)}" width="${num(textWidth(p.label.text, LABEL_SIZE) + 8)}" height="16" rx="4" fill="${palette.bg}" fill-opacity="0.9"/>`,
          );
        laneSvg.push(
          `<text x="${num(p.label.x)}" y="${num(rowY + 4)}" font-size="${LABEL_SIZE}" fill="${palette.fg}"${attrs}>${esc(p.label.text)}</text>`,
        );
      }
    }
    y += h + 4;
  });
  const plotBottom = Math.max(y, top + 40);

  // Axis: grid lines through the lanes, labels below, breaks where empty stretches were collapsed.
  const grid: string[] = [];
  const axis: string[] = [];
  if (events.length > 0) {
    let lastLabelEnd = Number.NEGATIVE_INFINITY;
    let yearOwed = false;
    for (const t of ticks(scale)) {
      grid.push(
        `<line x1="${num(t.x)}" y1="${top - 4}" x2="${num(t.x)}" y2="${num(plotBottom)}" stroke="${palette.grid}" stroke-width="1"/>`,
      );
      // A tick whose label is skipped (no room) hands the year on to the next label shown.
      const label = words.tick(t.day, t.unit, t.unit !== 'year' && (t.newYear || yearOwed));
      const w = textWidth(label, 11);
      const x = Math.min(Math.max(t.x, PLOT_LEFT + w / 2), PLOT_RIGHT - w / 2);
      if (x - w / 2 < lastLabelEnd + 6) {
        yearOwed ||= t.newYear;
        continue;
      }
      yearOwed = false;
      lastLabelEnd = x + w / 2;
      axis.push(
        `<text x="${num(x)}" y="${num(plotBottom + 16)}" font-size="11" fill="${palette.muted}" text-anchor="middle">${esc(label)}</text>`,
      );
    }
    for (const bx of scale.breaks) {
      grid.push(
        `<rect x="${num(bx - 7)}" y="${top - 6}" width="14" height="${num(plotBottom - top + 12)}" fill="${palette.bg}"/>`,
      );
      axis.push(
        `<path d="M${num(bx - 6)} ${num(plotBottom + 3)} l5 -8 M${num(bx + 1)} ${num(plotBottom + 3)} l5 -8" stroke="${palette.muted}" stroke-width="1.5"/>`,
      );
    }
  }

  // Legend: what a dot, a bar and hatching mean; how many labels fit.
  const legendY = plotBottom + 40;
  const legend: string[] = [];
  let lx = MARGIN + 4;
  const legendItem = (shape: string, text: string) => {
    legend.push(shape);
    legend.push(
      `<text x="${num(lx + 22)}" y="${num(legendY + 4)}" font-size="11" fill="${palette.muted}">${esc(text)}</text>`,
    );
    lx += 22 + textWidth(text, 11) + 18;
  };
  const c = palette.lanes[0] as string;
  legendItem(`<circle cx="${num(lx + 8)}" cy="${legendY}" r="${DOT_R}" fill="${c}"/>`, words.legendDay);
  legendItem(
    `<rect x="${num(lx)}" y="${legendY - BAR_H / 2}" width="17" height="${BAR_H}" rx="${BAR_H / 2}" fill="${c}"/>`,
    words.legendSpan,
  );
  legendItem(
    `<rect x="${num(lx)}" y="${legendY - BAR_H / 2}" width="17" height="${BAR_H}" rx="${BAR_H / 2}" fill="url(#hatch0)" stroke="${c}" stroke-width="1.2" stroke-dasharray="2.5 2"/>`,
    words.legendApproximate,
  );
  if (labelled.size < events.length) {
    legend.push(
      `<text x="${PLOT_RIGHT}" y="${num(legendY + 4)}" font-size="11" fill="${palette.muted}" text-anchor="end">${esc(fitText(words.labelsShown(labelled.size, events.length), PLOT_RIGHT - lx - 8, 11))}</text>`,
    );
  }
  if (lanes.length === 0)
    parts.push(
      `<pattern id="hatch0" width="5" height="5"><rect width="5" height="5" fill="${c}"/></pattern>`,
    );

  const height = Math.ceil(legendY + 20);
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="Noto Sans">`,
    `<defs>${parts.join('')}</defs>`,
    // Opaque and square: Discord rounds the corners, and every pixel is opaque (png.ts relies on it).
    `<rect width="${WIDTH}" height="${height}" fill="${palette.bg}"/>`,
    `<text x="${MARGIN}" y="34" font-size="19" font-weight="700" fill="${palette.fg}">${esc(title)}</text>`,
    `<text x="${MARGIN}" y="55" font-size="12.5" fill="${palette.muted}">${esc(fitText(subtitle, WIDTH - 2 * MARGIN, 12.5))}</text>`,
    `<g class="bands">${bands.join('')}</g>`,
    `<g class="grid">${grid.join('')}</g>`,
    `<g class="lanes">${laneSvg.join('')}</g>`,
    `<g class="axis">${axis.join('')}</g>`,
    `<g class="legend">${legend.join('')}</g>`,
    '</svg>',
  ].join('\n');
  return {
    svg,
    width: WIDTH,
    height,
    events: events.length,
    labelled: labelled.size,
    labels: { shown, total },
    lanes: lanesBy,
    from: fromDay,
    to: toDay,
    alt:
      fromDay && toDay
        ? words.altText({ filter: opts.filter, from: fromDay, to: toDay, events: events.length })
        : words.noEvents,
  };
}
