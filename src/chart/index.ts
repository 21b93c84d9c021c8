/**
 * Timeline pictures: the pure SVG (src/render/chart) rasterized by resvg (png.ts), cached per
 * (dataset version, filters, language, theme): a chart is drawn once per dataset version.
 */
import type { Dataset } from '../domain/model.ts';
import type { Event } from '../domain/schema.ts';
import {
  type TimelineChart,
  type TimelineChartOptions,
  timelineChart,
} from '../render/chart/timeline-chart.ts';
import { type Png, svgToPng } from './png.ts';

export interface ChartPng extends Png {
  chart: Omit<TimelineChart, 'svg'>;
  /** Time spent drawing and rasterizing (0 when it came from the cache), ms. */
  renderMs: number;
}

export interface ChartRequest extends TimelineChartOptions {
  /** The filters in a stable form (ids and days): with the dataset version, the cache key. */
  key: string;
}

const MAX_CACHED = 64;
const cache = new Map<string, ChartPng>();

/** The timeline picture of `events` (already filtered by the caller, as `request.key` says). */
export function timelinePng(dataset: Dataset, events: readonly Event[], request: ChartRequest): ChartPng {
  const key = JSON.stringify([
    dataset.version,
    request.key,
    request.t?.language.code ?? '',
    request.theme ?? '',
    request.lanes ?? '',
  ]);
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit); // most recently used last
    return { ...hit, renderMs: 0 };
  }
  const started = performance.now();
  const { svg, ...chart } = timelineChart(dataset, events, request);
  const png = svgToPng(svg, 2);
  const result: ChartPng = { ...png, chart, renderMs: performance.now() - started };
  cache.set(key, result);
  if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value as string);
  return result;
}

/** For tests and the bench. */
export function clearChartCache(): void {
  cache.clear();
}
