import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { commands } from '../../commands/index.ts';
import { createDatasetLoader, type LoadedDataset } from '../../src/dataset/loader.ts';
import { loadDatasetFromBytes, readDataBytes } from '../../src/dataset/read-data-dir.ts';
import type { CommandInput } from '../../src/discord/command.ts';
import { buildActorParts } from '../../src/domain/actors.ts';
import { type Briefbook, createBriefbook } from '../../src/domain/briefbook.ts';
import type { RawDataset } from '../../src/domain/schema.ts';
import { buildSearchParts } from '../../src/domain/search.ts';
import { DATA_DIR, fakeContext, fakeInput } from '../support/fixtures.ts';
import { generateDataset } from '../support/generate.ts';
import { mb, round, summarize } from './stats.ts';

export type Corpus = 'adversarial' | 'news';

/** Writes a generated dataset as data files, so loading measures read + parse + validate + index. */
export function writeGeneratedDataDir(events: number, seed = 7, corpus: Corpus = 'adversarial'): string {
  const raw: RawDataset = generateDataset({ events, seed, corpus });
  const dir = mkdtempSync(path.join(tmpdir(), `briefbot-gen-${corpus}-${events}-`));
  for (const key of Object.keys(raw) as Array<keyof RawDataset>) {
    writeFileSync(path.join(dir, `${key}.json`), JSON.stringify({ [key]: raw[key] }));
  }
  return dir;
}

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function ok(result: LoadedDataset, dir: string) {
  if (!result.ok)
    throw new Error(
      `dataset in ${dir} is invalid: ${result.problems
        .slice(0, 3)
        .map((p) => p.message)
        .join('; ')}`,
    );
  return result;
}

/**
 * Loads `dir` the ways the bot does and times each:
 * - phases on this thread: read + parse + validate, then index (what a cold start costs in CPU);
 * - cold: the bot's loader with an empty cache (worker thread validates and indexes, cache written);
 * - warm: a new loader on that cache (a restart with unchanged files), up to a usable Briefbook.
 */
export async function loadBook(dir: string, holder: { book?: Briefbook }) {
  const t0 = performance.now();
  const { bytes, problems } = await readDataBytes(dir);
  const loaded = ok(loadDatasetFromBytes(bytes, dir, problems), dir);
  const t1 = performance.now();
  buildSearchParts(loaded.dataset);
  buildActorParts(loaded.dataset);
  const t2 = performance.now();

  const cacheDir = mkdtempSync(path.join(tmpdir(), 'briefbot-bench-cache-'));
  const t3 = performance.now();
  ok(await createDatasetLoader({ cacheDir })(dir), dir);
  const t4 = performance.now();
  gc();
  const t5 = performance.now();
  const warm = ok(await createDatasetLoader({ cacheDir })(dir), dir);
  holder.book = createBriefbook(warm.dataset, warm.indexes);
  const t6 = performance.now();
  rmSync(cacheDir, { recursive: true, force: true });
  return {
    validateMs: round(t1 - t0, 1),
    indexMs: round(t2 - t1, 1),
    coldMs: round(t4 - t3, 1),
    warmMs: round(t6 - t5, 1),
  };
}

/** Heap and array-buffer memory `hold` keeps alive: measured with it, then without it. */
function retained(release: () => void): { heapMb: number; arraysMb: number } {
  const measure = () => {
    for (let i = 0; i < 3; i++) gc();
    return process.memoryUsage();
  };
  const withIt = measure();
  release();
  const without = measure();
  return {
    heapMb: mb(withIt.heapUsed - without.heapUsed),
    arraysMb: mb(withIt.arrayBuffers - without.arrayBuffers),
  };
}

/** Representative inputs per command, drawn from the dataset itself; searches differ per call (no cache hits). */
function workload(book: Briefbook): Array<{ label: string; run: (i: number) => unknown }> {
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
  const exec = (name: string, options: (i: number) => CommandInput['options']) => (i: number) =>
    cmd(name).execute(ctx, fakeInput(name, options(i)));
  const auto = (name: string, focus: string, value: (i: number) => string) => (i: number) =>
    cmd(name).autocomplete?.(ctx, { ...fakeInput(name), focused: { name: focus, value: value(i) } });
  // A different title word for each call, from events spread over the dataset.
  const wordAt = (i: number, k: number) => {
    const e = d.events[(i * 7919 + k * 104_729) % d.events.length];
    const words = (e?.title ?? 'talks').split(' ').filter((w) => w.length >= 3);
    return words[(i + k) % Math.max(1, words.length)] ?? 'talks';
  };
  const typo = (w: string) => (w.length > 4 ? `${w.slice(0, 2)}${w.slice(3)}` : `${w}x`);
  return [
    { label: 'briefing', run: exec('briefing', () => ({})) },
    { label: 'briefing topic', run: exec('briefing', () => ({ topic: topic?.id ?? '' })) },
    { label: 'timeline', run: exec('timeline', () => ({})) },
    { label: 'timeline actor', run: exec('timeline', () => ({ actor: actor?.name ?? '' })) },
    { label: 'event', run: exec('event', () => ({ event: event?.id ?? '' })) },
    { label: 'quote speaker', run: exec('quote', () => ({ speaker: actor?.id ?? '' })) },
    { label: 'actor', run: exec('actor', () => ({ name: actor?.name ?? '' })) },
    { label: 'search', run: exec('search', (i) => ({ query: `${wordAt(i, 0)} security` })) },
    { label: 'search 2 words', run: exec('search', (i) => ({ query: `${wordAt(i, 1)} ${wordAt(i, 2)}` })) },
    { label: 'search typo', run: exec('search', (i) => ({ query: `${typo(wordAt(i, 3))} guarantes` })) },
    { label: 'search again (page)', run: exec('search', () => ({ query: 'security guarantees' })) },
    { label: 'sources', run: exec('sources', () => ({})) },
    { label: 'about', run: exec('about', () => ({})) },
    {
      label: 'autocomplete actor',
      run: auto('timeline', 'actor', (i) => (d.actors[(i * 31) % d.actors.length]?.name ?? 'vo').slice(0, 4)),
    },
    { label: 'autocomplete event', run: auto('event', 'event', (i) => wordAt(i, 4).slice(0, 5)) },
  ];
}

export async function handlerLatencies(
  book: Briefbook,
  iterations: number,
  include: (label: string) => boolean = () => true,
) {
  const rows: Array<Record<string, string | number>> = [];
  for (const w of workload(book).filter((x) => include(x.label))) {
    for (let i = 0; i < Math.min(5, iterations); i++) await w.run(10_000 + i);
    const samples: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < iterations; i++) {
      const c = process.cpuUsage();
      const t = performance.now();
      await w.run(i);
      samples.push(performance.now() - t);
      const used = process.cpuUsage(c);
      cpu.push((used.user + used.system) / 1000);
    }
    const s = summarize(samples);
    const c = summarize(cpu);
    rows.push({
      command: w.label,
      n: s.n,
      'p50 ms': s.p50,
      'p99 ms': s.p99,
      'max ms': s.max,
      // CPU time of the process during the call (GC helpers included): what it costs without preemption.
      'p99 cpu ms': c.p99,
    });
  }
  return rows;
}

export async function coreBench(opts: {
  sizes: Array<{ events: number; corpus: Corpus }>;
  iterations: number;
}) {
  const load: Array<Record<string, string | number>> = [];
  const handlers: Record<string, Array<Record<string, string | number>>> = {};
  const targets: Array<{ label: string; dir: () => string }> = [
    { label: 'real', dir: () => DATA_DIR },
    ...opts.sizes.map(({ events, corpus }) => ({
      label: `${events / 1000}k ${corpus}`,
      dir: () => writeGeneratedDataDir(events, 7, corpus),
    })),
  ];
  for (const t of targets) {
    const dir = t.dir();
    // The book lives only in `holder`, so dropping it there frees it (for the memory figures).
    const holder: { book?: Briefbook } = {};
    const figures = await loadBook(dir, holder);
    const facts = (b: Briefbook) => ({
      events: b.dataset.events.length,
      quotes: b.dataset.quotes.length,
      terms: b.search.parts.terms.length,
    });
    const row: Record<string, string | number> = {
      dataset: t.label,
      ...(holder.book ? facts(holder.book) : {}),
      'read+validate ms': figures.validateMs,
      'index ms': figures.indexMs,
      'cold load ms': figures.coldMs,
      'warm load ms': figures.warmMs,
    };
    load.push(row);
    const iterations =
      Number(row.events) > 20_000 ? Math.max(40, Math.floor(opts.iterations / 3)) : opts.iterations;
    gc();
    if (holder.book) handlers[t.label] = await handlerLatencies(holder.book, iterations);
    if (dir !== DATA_DIR) rmSync(dir, { recursive: true, force: true });
    // What the loaded dataset and its indexes occupy (the bench's own references dropped).
    const memory = retained(() => {
      holder.book = undefined;
    });
    row['heap MB'] = memory.heapMb;
    row['arrays MB'] = memory.arraysMb;
  }
  return { load, handlers };
}
