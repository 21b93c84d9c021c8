/**
 * Operations bench (issue 16):
 * - the metrics' cost per interaction: what the router's and the REST observer's hooks add to one
 *   interaction (its callback observed, its end counted), in process, and what a scrape costs;
 * - identify timing with three processes: three compiled bot processes (dist/index.js, as `npm
 *   start`) with shards 0-1, 2-3 and 4-5 of 6 on one Redis, against the loopback fake Discord that
 *   refuses an IDENTIFY too soon in its max_concurrency bucket: start → every process READY, and the
 *   spread of the six IDENTIFYs, for several max_concurrency values.
 *
 *   npx tsx tests/bench/ops.ts [--quick]      (or through `npm run bench`; REDIS_URL, default :6379)
 */
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import type { RestResponseEvent } from '../../src/discord/rest-pacer.ts';
import { createMetrics } from '../../src/ops/metrics.ts';
import { cleanRedis, probeRedis } from '../store/helpers.ts';
import { type BotProcess, isReady, spawnBot } from '../support/bot-process.ts';
import { startFakeDiscord } from '../support/fake-discord.ts';
import { REPO } from '../support/fixtures.ts';
import { round, table } from './stats.ts';

const COMMANDS = ['about', 'timeline', 'search', 'event', 'briefing'];

/** Nanoseconds per interaction the metrics hooks add (median of `rounds`), and a scrape's cost. */
export function metricsCost(iterations: number, rounds: number) {
  const m = createMetrics({ commandNames: COMMANDS, botVersion: 'bench' });
  const body = '{"type":4,"data":{"content":"x"}}';
  const event = (id: string): RestResponseEvent => ({
    url: `https://discord.com/api/v10/interactions/${id}/tok/callback`,
    method: 'POST',
    status: 204,
    at: performance.now(),
    body,
    header: () => null,
  });
  const perInteraction: number[] = [];
  const cpuPerInteraction: number[] = [];
  let n = 0;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < iterations; i++, n++) {
      const id = String(1_000_000_000_000_000_000n + BigInt(n));
      const startedAt = performance.now();
      m.rest(event(id));
      m.interactions.finished({
        id,
        kind: 'command',
        command: COMMANDS[i % COMMANDS.length],
        outcome: 'ok',
        startedAt,
      });
    }
    perInteraction.push(((performance.now() - t0) * 1e6) / iterations);
    const cpu = process.cpuUsage(cpu0);
    cpuPerInteraction.push(((cpu.user + cpu.system) * 1e3) / iterations);
  }
  const median = (xs: number[]) => Math.round(xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number);
  return { m, nsPerInteraction: median(perInteraction), cpuNsPerInteraction: median(cpuPerInteraction) };
}

async function scrapeCost(m: ReturnType<typeof createMetrics>, times: number) {
  const samples: number[] = [];
  let bytes = 0;
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    bytes = (await m.render()).length;
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { medianMs: round(samples[Math.floor(times / 2)] as number, 2), bytes };
}

/** Three processes, disjoint ranges of 6 shards, one Redis: start → all READY and the IDENTIFY spread. */
async function threeHosts(redisUrl: string, maxConcurrency: number) {
  await cleanRedis(redisUrl, 'briefbot');
  const fake = await startFakeDiscord({ maxConcurrency, enforceIdentifyConcurrency: true });
  const bots: BotProcess[] = [];
  try {
    const started = Date.now();
    for (const [tag, ids] of [
      ['a', '0-1'],
      ['b', '2-3'],
      ['c', '4-5'],
    ] as const)
      bots.push(
        spawnBot(
          {
            DISCORD_API_URL: fake.apiUrlFor(tag),
            DISCORD_GUILD_ID: fake.defaultGuildId,
            STORE_URL: redisUrl,
            SHARD_COUNT: '6',
            SHARD_IDS: ids,
          },
          { compiled: true },
        ),
      );
    await Promise.all(bots.map((b) => b.waitForLog(isReady, 120_000)));
    const allReadyMs = Date.now() - started;
    const accepted = fake.identifies.filter((r) => r.refusedWith === null);
    const times = accepted.map((r) => r.at);
    const waits = bots.flatMap((b) =>
      b.logs.filter((l) => l.msg === 'identify slot taken').map((l) => Number(l.waitedMs)),
    );
    return {
      max_concurrency: maxConcurrency,
      'start → all READY ms': allReadyMs,
      'first → last IDENTIFY ms': Math.max(...times) - Math.min(...times),
      'lower bound ms': (Math.ceil(6 / maxConcurrency) - 1) * 5_000,
      'longest wait ms': Math.max(...waits),
      identifies: accepted.length,
      'refused (too soon)': fake.identifies.filter((r) => r.tooSoon).length,
    };
  } finally {
    await Promise.all(bots.map((b) => b.stop()));
    await fake.close();
    await cleanRedis(redisUrl, 'briefbot');
  }
}

export async function opsBench(opts: { quick: boolean; identify?: boolean; print?: (s: string) => void }) {
  const print = opts.print ?? console.log;
  if (process.argv.includes('--metrics-only')) opts = { ...opts, identify: false };
  const cost = metricsCost(opts.quick ? 20_000 : 100_000, opts.quick ? 5 : 11);
  const scrape = await scrapeCost(cost.m, opts.quick ? 20 : 100);
  const metricsRows = [
    {
      'hooks per interaction ns (median)': cost.nsPerInteraction,
      'CPU ns per interaction (median)': cost.cpuNsPerInteraction,
      'scrape ms (median)': scrape.medianMs,
      'exposition bytes': scrape.bytes,
    },
  ];
  print(
    table(
      'Metrics cost: REST observer + interaction counter/histogram per interaction, in process; one /metrics render',
      metricsRows,
    ),
  );
  const redisUrl = new URL(process.env.REDIS_URL || 'redis://127.0.0.1:6379');
  redisUrl.pathname = '/8';
  const problem = await probeRedis(redisUrl.toString());
  const identify: Array<Record<string, string | number>> = [];
  if (opts.identify === false) print('\nidentify bench skipped (--metrics-only)');
  else if (problem) print(`\nidentify bench skipped: Redis at ${redisUrl} unreachable (${problem})`);
  else {
    for (const mc of opts.quick ? [3] : [16, 3, 1]) identify.push(await threeHosts(redisUrl.toString(), mc));
    print(
      table(
        'Identify with 3 processes (shards 0-1, 2-3, 4-5 of 6, one Redis), fake Discord enforcing 1 IDENTIFY per bucket per 5 s',
        identify,
      ),
    );
  }
  return { metrics: metricsRows[0], identify };
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: REPO, stdio: 'inherit' });
  const result = await opsBench({ quick: process.argv.includes('--quick') });
  console.log(JSON.stringify(result, null, 2));
  process.exit(0);
}
