/**
 * `npx tsx tests/bench/burst-profile.ts [--events N] [--corpus news|adversarial] [--only label,…]
 * [--n 100] [--rounds 5] [--cpu-prof DIR] [--entry other-build/index.js]`: bursts of `n` concurrent interactions of one kind at a
 * time through the compiled bot (`npm run build` first), with the CPU each side spent per
 * interaction: the bot process (from /proc) and this process (the fake Discord and the driver).
 * CPU per interaction is what a burst costs without preemption; the machine is shared, so it is the
 * figure to compare between runs, beside the first-callback latencies. `--cpu-prof DIR` writes the
 * bot's V8 CPU profile there when it exits. Generated data, its dataset cache and the store are kept
 * under $TMPDIR/briefbot-burst-<corpus>-<events> so a rerun starts warm. Without --events: the real
 * dataset.
 */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import type { RawDataset } from '../../src/domain/schema.ts';
import { DATA_DIR } from '../support/fixtures.ts';
import { generateDataset } from '../support/generate.ts';
import { tempStoreUrl } from '../support/stores.ts';
import type { Corpus } from './core.ts';
import { callInputs, callsFor, cpuMsOf, fire, startMeasured } from './e2e.ts';
import { round, summarize, table } from './stats.ts';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const events = arg('events') ? Number(arg('events')) : undefined;
const corpus = (arg('corpus') ?? 'news') as Corpus;
const n = Number(arg('n') ?? 100);
const rounds = Number(arg('rounds') ?? 5);
const only = arg('only');
const profDir = arg('cpu-prof');
const entry = arg('entry');
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');

function dataDirFor(count: number): { dataDir: string; cacheDir: string; storeUrl: string } {
  const base = path.join(tmpdir(), `briefbot-burst-${corpus}-${count}`);
  const dataDir = path.join(base, 'data');
  if (!existsSync(path.join(dataDir, 'events.json'))) {
    mkdirSync(dataDir, { recursive: true });
    const raw: RawDataset = generateDataset({ events: count, seed: 7, corpus });
    for (const key of Object.keys(raw) as Array<keyof RawDataset>)
      writeFileSync(path.join(dataDir, `${key}.json`), JSON.stringify({ [key]: raw[key] }));
  }
  // The store is kept too: on a fresh one, the first-seen bookkeeping of 100k events would still be
  // running during the first bursts (the bench measures a restart, with the store of its first start).
  return {
    dataDir,
    cacheDir: path.join(base, 'cache'),
    storeUrl: `sqlite://${path.join(base, 'store.sqlite')}`,
  };
}

const { dataDir, cacheDir, storeUrl } = events
  ? dataDirFor(events)
  : {
      dataDir: DATA_DIR,
      cacheDir: mkdtempSync(path.join(tmpdir(), 'briefbot-burst-cache-')),
      storeUrl: tempStoreUrl(),
    };
const label = events ? `${events / 1000}k ${corpus}` : 'real';
const calls = callsFor(callInputs(dataDir));
const labelOf = (c: (typeof calls)[number]) =>
  c.kind === 'autocomplete'
    ? `${c.command} (autocomplete)`
    : `${c.command}${c.subcommand ? ` ${c.subcommand}` : ''}`;
const chosen = only ? calls.filter((c) => only.split(',').some((o) => labelOf(c).includes(o))) : calls;

console.log(`${label}: starting the bot; load average ${load()}`);
const { fake, bot, readyMs } = await startMeasured({
  dataDir,
  cacheDir,
  storeUrl,
  ...(profDir ? { nodeArgs: ['--cpu-prof', '--cpu-prof-dir', profDir] } : {}),
  ...(entry ? { entry } : {}),
});
console.log(`ready in ${readyMs} ms; load average ${load()}`);
const rows: Array<Record<string, string | number>> = [];
try {
  for (const call of chosen) for (let i = 0; i < 3; i++) await fire(fake, call).latencyMs();
  for (const call of chosen) {
    const samples: number[] = [];
    const deferredMs: number[] = [];
    const directMs: number[] = [];
    let unanswered = 0;
    const bot0 = cpuMsOf(bot.proc.pid);
    const self0 = process.cpuUsage();
    const seq0 = fake.requests.length;
    for (let r = 0; r < rounds; r++) {
      const handles = Array.from({ length: n }, () => fire(fake, call));
      for (const cb of await Promise.all(handles.map((h) => h.callback.catch(() => undefined)))) {
        if (cb === undefined) unanswered++;
        else {
          samples.push(cb.latencyMs);
          ([5, 6].includes(cb.type) ? deferredMs : directMs).push(cb.latencyMs);
        }
      }
      await new Promise((r) => setTimeout(r, 200)); // follow-ups (edits) of the round finish
    }
    const self = process.cpuUsage(self0);
    const sent = fake.requests.slice(seq0);
    const botMs = cpuMsOf(bot.proc.pid) - bot0;
    const s = summarize(samples);
    rows.push({
      command: labelOf(call),
      n: s.n,
      'p50 ms': s.p50,
      'p99 ms': s.p99,
      unanswered,
      'requests/interaction': round(sent.length / (n * rounds), 2),
      deferred: deferredMs.length,
      'p99 deferred': summarize(deferredMs).p99,
      'p99 direct': summarize(directMs).p99,
      'bot cpu ms/interaction': round(botMs / (n * rounds), 2),
      'fake cpu ms/interaction': round((self.user + self.system) / 1000 / (n * rounds), 2),
      load: load(),
    });
  }
} finally {
  await bot.stop();
  await fake.close();
}
console.log(table(`${n} concurrent × ${rounds} rounds, ${label}: dispatch → first callback`, rows));
const late = fake.violations.filter((v) => v.discordCode === 10062).length;
console.log(`late answers (10062): ${late}; other violations: ${fake.violations.length - late}`);
process.exit(0);
