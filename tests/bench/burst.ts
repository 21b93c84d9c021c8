/**
 * `npx tsx tests/bench/burst.ts [--events N] [--corpus adversarial|news] [--rounds R] [--mixed-only |
 * --per-command-only] [--entry other-build/index.js]`:
 * first-callback latency (dispatch → first accepted callback) through the real bot process and
 * discord.js at 1, 10 and 100 concurrent interactions, per command (the bench's e2e runs) and for a mixed burst of every
 * command at once, through the compiled bot (`npm run build` first). Without --events: the real
 * dataset. Writes bench-results/burst-<label>.json.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DATA_DIR } from '../support/fixtures.ts';
import { tempStoreUrl } from '../support/stores.ts';
import { type Corpus, writeGeneratedDataDir } from './core.ts';
import { e2eBench, startMeasured } from './e2e.ts';
import { summarize, table } from './stats.ts';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const events = arg('events') ? Number(arg('events')) : undefined;
const rounds = Number(arg('rounds') ?? 3);
// `npm run bench` measures its 100k burst on the news-like corpus; the adversarial one stays the default here.
const corpus = (arg('corpus') ?? 'adversarial') as Corpus;
const label = events ? `${events / 1000}k${corpus === 'news' ? ' news' : ''}` : 'real';
const concurrency = [1, 10, 100];
const entry = arg('entry');
const dataDir = events ? writeGeneratedDataDir(events, 7, corpus) : DATA_DIR;

const MIXED: Array<[string, Record<string, string>]> = [
  ['briefing', {}],
  ['timeline', {}],
  ['event', { event: 'white-house-summit' }],
  ['quote', { speaker: 'Vance' }],
  ['actor', { name: 'Zelensky' }],
  ['search', { query: 'security guarantees' }],
  ['sources', {}],
  ['about', {}],
];

/** A burst of `n` interactions cycling through every command, all dispatched at once. */
async function mixedBursts() {
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'briefbot-burst-cache-'));
  const { fake, bot, readyMs } = await startMeasured({
    dataDir,
    cacheDir,
    storeUrl: tempStoreUrl(),
    ...(entry ? { entry } : {}),
  });
  const rows: Array<Record<string, string | number>> = [];
  try {
    for (const [name, options] of MIXED)
      await fake
        .chatInput(name, options)
        .latencyMs()
        .catch(() => undefined); // warm-up
    for (const n of concurrency) {
      const samples: number[] = [];
      let unanswered = 0;
      for (let r = 0; r < rounds; r++) {
        const handles = Array.from({ length: n }, (_, i) => {
          const [name, options] = MIXED[i % MIXED.length] ?? ['about', {}];
          return fake.chatInput(name, options);
        });
        for (const ms of await Promise.all(handles.map((h) => h.latencyMs().catch(() => undefined)))) {
          if (ms === undefined) unanswered++;
          else samples.push(ms);
        }
      }
      const s = summarize(samples);
      rows.push({
        dataset: label,
        concurrency: n,
        n: s.n,
        'p50 ms': s.p50,
        'p99 ms': s.p99,
        max: s.max,
        unanswered,
      });
    }
  } finally {
    await bot.stop();
    await fake.close();
  }
  const late = fake.violations.filter((v) => v.discordCode === 10062).length;
  return { readyMs, rows, late };
}

const report: Record<string, unknown> = { label, rounds, at: new Date().toISOString() };
if (!process.argv.includes('--per-command-only')) {
  const mixed = await mixedBursts();
  report.mixed = mixed;
  console.log(table(`Mixed bursts, ${label} dataset: dispatch → first callback`, mixed.rows));
  console.log(`late answers (10062): ${mixed.late}`);
}
if (!process.argv.includes('--mixed-only')) {
  // e2eBench's warm-up gives up on the first interaction not answered within 5 s.
  const perCommand = await e2eBench({
    concurrency,
    rounds,
    dataDir,
    label,
    ...(entry ? { entry } : {}),
  }).catch((error: unknown) => {
    console.log(`per-command runs stopped: ${(error as Error).message}`);
    return undefined;
  });
  if (perCommand) reportPerCommand(perCommand);
}

function reportPerCommand(perCommand: Awaited<ReturnType<typeof e2eBench>>) {
  report.perCommand = perCommand;
  console.log(table(`Per command (the bench's e2e), ${label} dataset`, perCommand.rows));
  const byConcurrency = concurrency.map((c) => {
    const rows = perCommand.rows.filter((r) => r.concurrency === c);
    return {
      concurrency: c,
      'worst p50 ms': Math.max(...rows.map((r) => Number(r['p50 ms']))),
      'worst p99 ms': Math.max(...rows.map((r) => Number(r['p99 ms']))),
      unanswered: rows.reduce((n, r) => n + Number(r.unanswered), 0),
    };
  });
  report.byConcurrency = byConcurrency;
  console.log(table(`Worst command per concurrency, ${label}`, byConcurrency));
  console.log(`late answers (10062): ${perCommand.late}; other violations: ${perCommand.otherViolations}`);
}
mkdirSync('bench-results', { recursive: true });
writeFileSync(`bench-results/burst-${label.replace(' ', '-')}.json`, `${JSON.stringify(report, null, 2)}\n`);
process.exit(0);
