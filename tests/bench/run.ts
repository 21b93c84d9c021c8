/**
 * `npm run bench [-- --quick]`: one report of the figures the issues ask for. Prints tables and
 * writes bench-results/bench.json. Quick: under a minute; full: under ten.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { coreBench, writeGeneratedDataDir } from './core.ts';
import { e2eBench, startMeasured } from './e2e.ts';
import { table } from './stats.ts';

const quick = process.argv.includes('--quick');
const started = performance.now();
const report: Record<string, unknown> = {
  mode: quick ? 'quick' : 'full',
  at: new Date().toISOString(),
  machine: { cpus: os.cpus().length, node: process.version, memGb: Math.round(os.totalmem() / 2 ** 30) },
};
const out: string[] = [];
const print = (s: string) => {
  out.push(s);
  console.log(s);
};

print(`briefbot bench (${quick ? 'quick' : 'full'}) on ${os.cpus().length} cores, Node ${process.version}`);

// 1. Dataset load + validate + index, and handler latency in process.
const sizes = quick ? [1_000, 10_000] : [1_000, 10_000, 100_000];
const core = await coreBench({ sizes, iterations: quick ? 50 : 200 });
report.load = core.load;
report.handlers = core.handlers;
print(table('Dataset load: read + validate (zod + integrity) + index (MiniSearch)', core.load));
for (const [label, rows] of Object.entries(core.handlers)) {
  print(table(`Handler latency in process, ${label} dataset (command → message JSON)`, rows));
}

// 2. Through the real discord.js client on the loopback fake Discord.
const concurrency = quick ? [1, 10] : [1, 10, 100];
const e2eReal = await e2eBench({ concurrency, rounds: quick ? 3 : 10, label: 'real' });
report.e2e = { real: e2eReal };
print(
  table('Dispatch → first response through discord.js (loopback fake Discord), real dataset', e2eReal.rows),
);
const startup: Array<Record<string, string | number>> = [
  { dataset: 'real', 'start → READY ms': e2eReal.readyMs, 'RSS when ready MB': e2eReal.rssMb },
];
if (!quick) {
  const big = writeGeneratedDataDir(100_000);
  const e2eBig = await e2eBench({ concurrency, rounds: 1, label: '100k', dataDir: big });
  (report.e2e as Record<string, unknown>).big = e2eBig;
  print(table('Dispatch → first response through discord.js, 100k-event dataset', e2eBig.rows));
  print(`late answers (past 3 s): ${e2eBig.late}; other Discord-limit violations: ${e2eBig.otherViolations}`);
  startup.push({ dataset: '100k', 'start → READY ms': e2eBig.readyMs, 'RSS when ready MB': e2eBig.rssMb });
} else {
  const tenK = await startMeasured(writeGeneratedDataDir(10_000));
  await tenK.bot.stop();
  await tenK.fake.close();
  startup.push({ dataset: '10k', 'start → READY ms': tenK.readyMs, 'RSS when ready MB': tenK.rssMb });
}
report.startup = startup;
print(table('Process start (node + tsx + data + index + gateway) → READY, and resident memory', startup));

// 3. Scheduler figures and the fan-out ratio.
try {
  const { schedulerBench } = (await import('./scheduler.ts')) as {
    schedulerBench: (o: { quick: boolean; print: (s: string) => void }) => Promise<unknown>;
  };
  report.scheduler = await schedulerBench({ quick, print });
} catch (error) {
  print(`\nscheduler bench unavailable: ${(error as Error).message}`);
  report.scheduler = { error: (error as Error).message };
}

const seconds = Math.round((performance.now() - started) / 1000);
report.seconds = seconds;
print(`\nbench finished in ${seconds} s`);
mkdirSync('bench-results', { recursive: true });
writeFileSync(`bench-results/bench${quick ? '-quick' : ''}.json`, `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(`bench-results/bench${quick ? '-quick' : ''}.txt`, `${out.join('\n')}\n`);
console.log(`wrote bench-results/bench${quick ? '-quick' : ''}.json`);
process.exit(0);
