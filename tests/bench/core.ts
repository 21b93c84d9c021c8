import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { commands } from '../../commands/index.ts';
import { loadDatasetFromDir } from '../../src/dataset/read-data-dir.ts';
import type { CommandInput } from '../../src/discord/command.ts';
import { type Briefbook, createBriefbook } from '../../src/domain/briefbook.ts';
import type { RawDataset } from '../../src/domain/schema.ts';
import { DATA_DIR, fakeContext, fakeInput } from '../support/fixtures.ts';
import { generateDataset } from '../support/generate.ts';
import { mb, round, summarize } from './stats.ts';

/** Writes a generated dataset as data files, so loading measures read + parse + validate + index. */
export function writeGeneratedDataDir(events: number, seed = 7): string {
  const raw: RawDataset = generateDataset({ events, seed });
  const dir = mkdtempSync(path.join(tmpdir(), `briefbot-gen-${events}-`));
  for (const key of Object.keys(raw) as Array<keyof RawDataset>) {
    writeFileSync(path.join(dir, `${key}.json`), JSON.stringify({ [key]: raw[key] }));
  }
  return dir;
}

export async function loadBook(
  dir: string,
): Promise<{ book: Briefbook; loadMs: number; indexMs: number; heapMb: number }> {
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const result = await loadDatasetFromDir(dir);
  const t1 = performance.now();
  if (!result.ok)
    throw new Error(
      `dataset in ${dir} is invalid: ${result.problems
        .slice(0, 3)
        .map((p) => p.message)
        .join('; ')}`,
    );
  const book = createBriefbook(result.dataset);
  const t2 = performance.now();
  globalThis.gc?.();
  return {
    book,
    loadMs: round(t1 - t0, 1),
    indexMs: round(t2 - t1, 1),
    heapMb: mb(process.memoryUsage().heapUsed - heapBefore),
  };
}

/** Representative inputs per command, drawn from the dataset itself. */
function workload(book: Briefbook): Array<{ label: string; run: () => unknown }> {
  const d = book.dataset;
  const ctx = fakeContext(book);
  const actor = d.actors[Math.floor(d.actors.length / 2)];
  const topic = d.topics[0];
  const event = d.events[Math.floor(d.events.length / 2)];
  const cmd = (name: string) => {
    const c = commands.find((x) => x.data.name === name);
    if (!c) throw new Error(name);
    return c;
  };
  const exec = (name: string, options: CommandInput['options']) => () =>
    cmd(name).execute(ctx, fakeInput(name, options));
  const auto = (name: string, focus: string, value: string) => () =>
    cmd(name).autocomplete?.(ctx, { ...fakeInput(name), focused: { name: focus, value } });
  const word = event?.title.split(' ')[1] ?? 'talks';
  return [
    { label: 'briefing', run: exec('briefing', {}) },
    { label: 'briefing topic', run: exec('briefing', { topic: topic?.id ?? '' }) },
    { label: 'timeline', run: exec('timeline', {}) },
    { label: 'timeline actor', run: exec('timeline', { actor: actor?.name ?? '' }) },
    { label: 'event', run: exec('event', { event: event?.id ?? '' }) },
    { label: 'quote speaker', run: exec('quote', { speaker: actor?.id ?? '' }) },
    { label: 'actor', run: exec('actor', { name: actor?.name ?? '' }) },
    { label: 'search', run: exec('search', { query: `${word} security` }) },
    { label: 'search typo', run: exec('search', { query: 'secrity guarantes' }) },
    { label: 'sources', run: exec('sources', {}) },
    { label: 'about', run: exec('about', {}) },
    { label: 'autocomplete actor', run: auto('timeline', 'actor', (actor?.name ?? 'vo').slice(0, 4)) },
    { label: 'autocomplete event', run: auto('event', 'event', word.slice(0, 5)) },
  ];
}

export async function handlerLatencies(book: Briefbook, iterations: number) {
  const rows: Array<Record<string, string | number>> = [];
  for (const w of workload(book)) {
    for (let i = 0; i < Math.min(5, iterations); i++) await w.run();
    const samples: number[] = [];
    for (let i = 0; i < iterations; i++) {
      const t = performance.now();
      await w.run();
      samples.push(performance.now() - t);
    }
    const s = summarize(samples);
    rows.push({ command: w.label, n: s.n, 'p50 ms': s.p50, 'p99 ms': s.p99 });
  }
  return rows;
}

export async function coreBench(opts: { sizes: number[]; iterations: number }) {
  const load: Array<Record<string, string | number>> = [];
  const handlers: Record<string, Array<Record<string, string | number>>> = {};
  const targets: Array<{ label: string; dir: () => string }> = [
    { label: 'real', dir: () => DATA_DIR },
    ...opts.sizes.map((n) => ({ label: `${n / 1000}k`, dir: () => writeGeneratedDataDir(n) })),
  ];
  for (const t of targets) {
    const { book, loadMs, indexMs, heapMb } = await loadBook(t.dir());
    const d = book.dataset;
    load.push({
      dataset: t.label,
      events: d.events.length,
      quotes: d.quotes.length,
      actors: d.actors.length,
      'read+validate ms': loadMs,
      'index ms': indexMs,
      'total ms': round(loadMs + indexMs, 1),
      'heap MB': heapMb,
    });
    const iterations =
      d.events.length > 20_000 ? Math.max(20, Math.floor(opts.iterations / 5)) : opts.iterations;
    handlers[t.label] = await handlerLatencies(book, iterations);
  }
  return { load, handlers };
}
