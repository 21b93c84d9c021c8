/**
 * The timeline picture: SVG layout and PNG rendering (resvg at 2×, our PNG encoder) for 200
 * generated events and for the real dataset, uncached, wall and CPU time. Run alone with
 * `npx tsx tests/bench/chart.ts`; `npm run bench` includes it.
 */
import { fileURLToPath } from 'node:url';
import { svgToPng } from '../../src/chart/png.ts';
import { buildDataset, type Dataset } from '../../src/domain/model.ts';
import { timelineChart } from '../../src/render/chart/timeline-chart.ts';
import { realDataset } from '../support/fixtures.ts';
import { generateDataset } from '../support/generate.ts';
import { percentile } from './stats.ts';

export interface ChartFigures {
  events: number;
  width: number;
  height: number;
  pngKb: number;
  svgMsP50: number;
  totalMsP50: number;
  totalMsP95: number;
  cpuMsP50: number;
}

function measure(d: Dataset, iterations: number): ChartFigures {
  const svgMs: number[] = [];
  const totalMs: number[] = [];
  const cpuMs: number[] = [];
  let last = { width: 0, height: 0, bytes: 0 };
  for (let i = 0; i < iterations + 2; i++) {
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    const chart = timelineChart(d, d.events, { theme: i % 2 ? 'light' : 'dark' });
    const t1 = performance.now();
    const png = svgToPng(chart.svg, 2);
    const t2 = performance.now();
    const used = process.cpuUsage(cpu);
    if (i < 2) continue; // warm-up: font loading, JIT
    svgMs.push(t1 - t0);
    totalMs.push(t2 - t0);
    cpuMs.push((used.user + used.system) / 1000);
    last = { width: png.width, height: png.height, bytes: png.data.byteLength };
  }
  const r = (x: number) => Math.round(x * 10) / 10;
  return {
    events: d.events.length,
    width: last.width,
    height: last.height,
    pngKb: Math.round(last.bytes / 1024),
    svgMsP50: r(percentile(svgMs, 50)),
    totalMsP50: r(percentile(totalMs, 50)),
    totalMsP95: r(percentile(totalMs, 95)),
    cpuMsP50: r(percentile(cpuMs, 50)),
  };
}

export async function chartBench(
  iterations = 20,
): Promise<{ generated200: ChartFigures; real: ChartFigures }> {
  const generated = buildDataset(generateDataset({ events: 200, seed: 7 }));
  return { generated200: measure(generated, iterations), real: measure(await realDataset(), iterations) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(JSON.stringify(await chartBench(), null, 2));
}
