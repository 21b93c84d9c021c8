/**
 * `npx tsx tests/bench/handlers.ts --events 100000 --corpus news [--quick] [--samples N] [--only search]`:
 * the in-process handler latencies of one generated dataset, without the rest of the bench. The data
 * folder and the dataset cache are kept under $TMPDIR/briefbot-handlers-<corpus>-<events> so a rerun
 * starts warm (profile it with `node --import tsx --cpu-prof tests/bench/handlers.ts …`).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { createDatasetLoader } from '../../src/dataset/loader.ts';
import { createBriefbook } from '../../src/domain/briefbook.ts';
import type { RawDataset } from '../../src/domain/schema.ts';
import { generateDataset } from '../support/generate.ts';
import { type Corpus, fullSampling, gc, handlerLatencies, QUICK_SAMPLING } from './core.ts';
import { table } from './stats.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const events = Number(arg('events', '100000'));
const corpus = arg('corpus', 'news') as Corpus;
// The full bench's sampling (the quick one with --quick); --samples caps the timed calls per command.
const base0 = process.argv.includes('--quick') ? QUICK_SAMPLING : fullSampling(events);
const sampling = { ...base0, samples: Number(arg('samples', String(base0.samples))) };
const only = arg('only', '');

const base = path.join(tmpdir(), `briefbot-handlers-${corpus}-${events}`);
const dataDir = path.join(base, 'data');
const cacheDir = path.join(base, 'cache');
if (!existsSync(path.join(dataDir, 'events.json'))) {
  mkdirSync(dataDir, { recursive: true });
  const raw: RawDataset = generateDataset({ events, seed: 7, corpus });
  for (const key of Object.keys(raw) as Array<keyof RawDataset>)
    writeFileSync(path.join(dataDir, `${key}.json`), JSON.stringify({ [key]: raw[key] }));
}
const t0 = performance.now();
const loaded = await createDatasetLoader({ cacheDir })(dataDir);
if (!loaded.ok) throw new Error(loaded.problems[0]?.message);
const book = createBriefbook(loaded.dataset, loaded.indexes);
console.log(
  `loaded ${events} ${corpus} in ${Math.round(performance.now() - t0)} ms; load average ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
gc();
const t1 = performance.now();
const rows = await handlerLatencies(book, sampling, only ? (label) => label.includes(only) : undefined);
const took = Math.round(performance.now() - t1);
console.log(table(`Handler latency in process, ${events / 1000}k ${corpus} (${took} ms)`, rows));
console.log(
  `load average at end ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
process.exit(0);
