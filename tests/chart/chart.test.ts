/**
 * The timeline picture: the SVG's structure (one mark per event and lane, precision drawn as it is,
 * labels that never overlap and stay in the picture, the filter and range in the title) and the PNG
 * (decodes, twice the SVG's size, opaque theme background, within Discord's upload limit, cached).
 */

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DOMParser } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import { timeline as timelineCommand } from '../../commands/timeline.ts';
import { clearChartCache, timelinePng } from '../../src/chart/index.ts';
import { svgToPng } from '../../src/chart/png.ts';
import { fontAdvances } from '../../src/chart/ttf.ts';
import { metricsSource } from '../../src/cli/chart-metrics.ts';
import { createBriefbook } from '../../src/domain/briefbook.ts';
import { buildDataset, type Dataset } from '../../src/domain/model.ts';
import { timeline } from '../../src/domain/timeline.ts';
import { formatDayRange } from '../../src/i18n/format.ts';
import { reference, translatorFor } from '../../src/i18n/languages.ts';
import { textWidth } from '../../src/render/chart/measure.ts';
import { timelineChart } from '../../src/render/chart/timeline-chart.ts';
import { messageViolations } from '../../src/render/embed.ts';
import { LIMITS } from '../../src/render/limits.ts';
import { fakeContext, fakeInput, REPO, realDataset } from '../support/fixtures.ts';
import { generateDataset } from '../support/generate.ts';
import { decodePng } from '../support/png.ts';

let real: Dataset;
let big: Dataset;

beforeAll(async () => {
  real = await realDataset();
  big = buildDataset(generateDataset({ events: 200, seed: 7 }));
});

interface Box {
  text: string;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

function parse(svg: string) {
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  const root = doc.querySelector('svg');
  if (!root) throw new Error('no <svg> root');
  const lanes = root.querySelector('g.lanes');
  if (!lanes) throw new Error('no lanes group');
  const labels: Box[] = [...lanes.querySelectorAll('text')]
    .filter((t) => Number(t.getAttribute('font-size')) === 11.5)
    .map((t) => {
      const size = Number(t.getAttribute('font-size'));
      const x = Number(t.getAttribute('x'));
      const y = Number(t.getAttribute('y'));
      const w = textWidth(t.textContent ?? '', size);
      const end = t.getAttribute('text-anchor') === 'end';
      return { text: t.textContent ?? '', x0: end ? x - w : x, x1: end ? x : x + w, y0: y - 9, y1: y + 3 };
    });
  return {
    root,
    width: Number(root.getAttribute('width')),
    height: Number(root.getAttribute('height')),
    texts: [...root.querySelectorAll('text')].map((t) => t.textContent ?? ''),
    dots: [...lanes.querySelectorAll('circle')],
    bars: [...lanes.querySelectorAll('rect')].filter((r) => Number(r.getAttribute('height')) === 9),
    labels,
  };
}

const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

function occurrences(events: Dataset['events'], by: 'topic' | 'actor'): number {
  return events.reduce(
    (n, e) =>
      n + Math.max(1, by === 'topic' ? new Set(e.topics).size : new Set(e.actors.map((a) => a.actor)).size),
    0,
  );
}

describe('timeline chart SVG', () => {
  it('draws every event, by precision: a day is a dot, a longer date a bar, approximate hatched', () => {
    const chart = timelineChart(real, real.events, { theme: 'light' });
    const svg = parse(chart.svg);
    const lanesShown = new Set(real.events.flatMap((e) => e.topics)).size + 1; // + "No topic"
    expect(lanesShown).toBeGreaterThan(6); // so some topics merge into "Other topics"
    const marks = svg.dots.length + svg.bars.length;
    // Each event once per lane it is in (merged lanes show an event once).
    expect(marks).toBeLessThanOrEqual(occurrences(real.events, 'topic'));
    expect(marks).toBeGreaterThanOrEqual(real.events.length);
    const dayEvents = real.events.filter((e) => e.date.precision === 'day').length;
    expect(svg.dots.length).toBeGreaterThanOrEqual(dayEvents);
    const approximate = [...svg.dots, ...svg.bars].filter((m) =>
      m.getAttribute('fill')?.startsWith('url(#hatch'),
    );
    expect(approximate.length).toBeGreaterThan(0);
    for (const m of approximate) expect(m.getAttribute('stroke-dasharray')).toBeTruthy();
    for (const b of svg.bars) expect(Number(b.getAttribute('width'))).toBeGreaterThanOrEqual(15);
  });

  it('puts the filter and the date range in the title', () => {
    const events = timeline(real, { topic: 'security-guarantees' });
    const chart = timelineChart(real, events, { filter: 'Security guarantees', topicFiltered: true });
    const [title, subtitle] = parse(chart.svg).texts;
    expect(title).toBe('Timeline — Security guarantees');
    expect(subtitle).toBe(
      `${formatDayRange(reference, '2025-02-14', '2025-08-18')} · 4 events · lanes by actor`,
    );
    expect(chart.lanes).toBe('actor');
    const ranged = timelineChart(real, real.events, { range: { from: '2025-08-01', to: '2025-08-31' } });
    expect(
      parse(ranged.svg).texts[1]?.startsWith(`${formatDayRange(reference, '2025-08-01', '2025-08-31')} · `),
    ).toBe(true);
  });

  it('labels never overlap each other and stay inside the picture (real data, and 200 events)', () => {
    for (const [d, events] of [
      [real, real.events],
      [big, big.events],
    ] as const) {
      for (const lanes of ['topic', 'actor'] as const) {
        const chart = timelineChart(d, events, { lanes });
        const svg = parse(chart.svg);
        expect(svg.labels.length).toBeGreaterThan(0);
        for (const [i, a] of svg.labels.entries()) {
          expect(a.x0).toBeGreaterThanOrEqual(0);
          expect(a.x1).toBeLessThanOrEqual(svg.width);
          for (const b of svg.labels.slice(i + 1)) {
            if (overlaps(a, b)) throw new Error(`labels overlap: "${a.text}" and "${b.text}"`);
          }
        }
        // Marks: every event is drawn, however many labels fit.
        expect(svg.dots.length + svg.bars.length).toBeGreaterThanOrEqual(events.length);
        expect(svg.height).toBeLessThan(1200);
      }
    }
  });

  it('says how many events got a label when not all fit', () => {
    const chart = timelineChart(big, big.events, {});
    expect(chart.labelled).toBeLessThan(200);
    expect(parse(chart.svg).texts.some((t) => /^labels for \d+ of 200; \/timeline lists all$/.test(t))).toBe(
      true,
    );
  });

  it('escapes text and measures Cyrillic with the shipped font', () => {
    const chart = timelineChart(real, real.events.slice(0, 3), { filter: 'Зеленський & <Co>' });
    expect(chart.svg).toContain('Timeline — Зеленський &amp; &lt;Co&gt;');
    expect(() => new DOMParser().parseFromString(chart.svg, 'image/svg+xml')).not.toThrow();
    // Every Cyrillic letter of Ukrainian has a real width in the subset (none falls back to .notdef).
    const font = fontAdvances(readFileSync(path.join(REPO, 'src/render/fonts/NotoSans-Regular.subset.ttf')));
    for (const ch of 'АаБбВвГгҐґДдЕеЄєЖжЗзИиІіЇїЙйКкЛлМмНнОоПпРрСсТтУуФфХхЦцЧчШшЩщЬьЮюЯя’–—…·')
      expect(font.advances.has(ch.codePointAt(0) as number), ch).toBe(true);
  });

  it('font-metrics.ts matches the shipped fonts (npm run chart:metrics)', () => {
    const current = readFileSync(path.join(REPO, 'src/render/chart/font-metrics.ts'), 'utf8');
    expect(current).toBe(metricsSource());
  });
});

describe('timeline chart PNG', () => {
  it('decodes to twice the SVG size, opaque theme background, light and dark differ', () => {
    const pixelsOf = (theme: 'light' | 'dark') => {
      const chart = timelineChart(real, real.events, { theme });
      const png = svgToPng(chart.svg, 2);
      const decoded = decodePng(png.data);
      expect([decoded.width, decoded.height]).toEqual([chart.width * 2, chart.height * 2]);
      expect([png.width, png.height]).toEqual([decoded.width, decoded.height]);
      expect(png.data.byteLength).toBeLessThan(LIMITS.uploadBytes);
      return decoded;
    };
    const light = pixelsOf('light');
    const dark = pixelsOf('dark');
    expect(light.pixel(2, 2)).toEqual([255, 255, 255, 255]);
    expect(dark.pixel(2, 2)).toEqual([0x23, 0x24, 0x28, 255]);
    // Text is drawn: the title row has pixels far from the background.
    const inked = (img: ReturnType<typeof decodePng>, bg: number[]) => {
      let n = 0;
      for (let x = 30; x < 500; x++)
        for (let y = 40; y < 80; y++) if (Math.abs((img.pixel(x, y)[0] ?? 0) - (bg[0] ?? 0)) > 100) n++;
      return n;
    };
    expect(inked(light, [255])).toBeGreaterThan(500);
    expect(inked(dark, [0x23])).toBeGreaterThan(500);
  });

  it('is cached per dataset version, filters, language and theme', () => {
    clearChartCache();
    const req = { key: 'all', theme: 'dark' as const, t: reference };
    const first = timelinePng(real, real.events, req);
    expect(first.renderMs).toBeGreaterThan(0);
    expect(timelinePng(real, real.events, req).renderMs).toBe(0);
    expect(timelinePng(real, real.events, { ...req, t: translatorFor('uk') }).renderMs).toBeGreaterThan(0);
    expect(timelinePng(real, real.events, { ...req, theme: 'light' }).renderMs).toBeGreaterThan(0);
    expect(timelinePng(big, big.events, req).renderMs).toBeGreaterThan(0);
  });
});

describe('/timeline view:chart', () => {
  it('attaches a PNG the embed shows, within Discord limits', async () => {
    const book = createBriefbook(real);
    const payload = await timelineCommand.execute(
      fakeContext(book),
      fakeInput('timeline', { topic: 'security guarantees', view: 'chart', theme: 'light' }),
    );
    expect(messageViolations(payload)).toEqual([]);
    const file = payload.files?.[0];
    expect(file?.name).toBe('timeline.png');
    expect(payload.embeds?.[0]?.image?.url).toBe('attachment://timeline.png');
    expect(payload.embeds?.[0]?.title).toBe('Timeline chart — Security guarantees');
    const png = decodePng(file?.data ?? new Uint8Array());
    expect(png.width).toBe(1600);
    expect(payload.allowed_mentions).toEqual({ parse: [] });
  });

  it('answers with the list when nothing matches (no empty picture)', async () => {
    const book = createBriefbook(real);
    const payload = await timelineCommand.execute(
      fakeContext(book),
      fakeInput('timeline', { from: '2030-01-01', view: 'chart' }),
    );
    expect(payload.files).toBeUndefined();
    expect(JSON.stringify(payload)).toContain('No events match');
  });
});
