/**
 * Scheduler bench: memory and per-tick time at 1k / 10k / 100k schedules (memory:// store, schedules
 * drawn from 1,152 distinct (cron, zone) pairs), and a fan-out of 1,000 posts through @discordjs/rest to
 * the loopback fake Discord with Discord's limits enforced (50 requests/s global, 5 messages / 5 s per
 * channel), reported as wall time ÷ the 1000/50 s lower bound, with the number of 429s.
 *
 *   npx tsx tests/bench/scheduler.ts [--quick]      (or through `npm run bench`)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { REST } from 'discord.js';
import { DEFAULT_REQUESTS_PER_SECOND } from '../../src/config.ts';
import { loadDatasetFromDir } from '../../src/dataset/read-data-dir.ts';
import { pacedRestOptions } from '../../src/discord/rest-pacer.ts';
import { createBriefbook } from '../../src/domain/briefbook.ts';
import { clearCronCache } from '../../src/scheduler/cron.ts';
import {
  createRestPoster,
  createScheduler,
  type DatasetPort,
  type Poster,
  type ScheduleRecord,
} from '../../src/scheduler/index.ts';
import { createRequestPacer } from '../../src/scheduler/pacing.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { startFakeDiscord } from '../support/fake-discord.ts';
import { table } from './stats.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const DATA_DIR = path.resolve(import.meta.dirname, '../../data');
const ZONES = ['UTC', 'Europe/London', 'Europe/Paris', 'America/New_York', 'Asia/Tokyo', 'Europe/Berlin'];
const MINUTES = [0, 15, 30, 45];

/** 1,152 distinct (cron, zone) pairs: quarter-hour daily times and weekday variants in 6 zones. */
function cronFor(i: number): { cron: string; timezone: string } {
  const zone = ZONES[i % ZONES.length] ?? 'UTC';
  const slot = Math.floor(i / ZONES.length);
  const minute = MINUTES[slot % MINUTES.length] ?? 0;
  const hour = Math.floor(slot / MINUTES.length) % 24;
  const weekdays = Math.floor(slot / (MINUTES.length * 24)) % 2 === 1;
  return { cron: `${minute} ${hour} * * ${weekdays ? '1-5' : '*'}`, timezone: zone };
}

export async function dataset(): Promise<DatasetPort> {
  const loaded = await loadDatasetFromDir(DATA_DIR);
  if (!loaded.ok) throw new Error('data/ is invalid');
  const snapshot = { briefbook: createBriefbook(loaded.dataset), version: loaded.dataset.version };
  return { current: () => snapshot };
}

async function seedSchedules(
  store: Store,
  n: number,
  at: string,
  channelOf: (i: number) => { guildId: string; channelId: string },
  cronOf: (i: number) => { cron: string; timezone: string } = cronFor,
): Promise<void> {
  const batch: Array<Promise<void>> = [];
  for (let i = 0; i < n; i++) {
    const { guildId, channelId } = channelOf(i);
    const record: ScheduleRecord = {
      v: 1,
      id: `b${i.toString(36).padStart(5, '0')}`,
      guildId,
      channelId,
      ...cronOf(i),
      mode: 'always',
      createdBy: '1',
      createdAt: at,
      activeSince: at,
    };
    batch.push(store.set('schedules', record.id, record));
    if (batch.length >= 1000) await Promise.all(batch.splice(0));
  }
  await Promise.all(batch);
}

const instantPoster = (): Poster => {
  let id = 0;
  return { post: async () => ({ id: String(++id) }) };
};

const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
const ms = (x: number) => Math.round(x * 1000) / 1000;

export interface ScaleRow {
  schedules: number;
  distinctCrons: number;
  loadMs: number;
  heapMb: number;
  bytesPerSchedule: number;
  idleTickUs: number;
  dueTick: { due: number; planMs: number; totalMs: number; distinctPosts: number };
}

async function scale(n: number, data: DatasetPort): Promise<ScaleRow> {
  const store = await openStore('memory://', { keyPrefix: 'bench' });
  const loadAt = Date.parse('2025-09-01T08:59:30Z');
  await seedSchedules(store, n, new Date(loadAt).toISOString(), (i) => ({
    guildId: String(300_000_000_000_000_000n + BigInt(Math.floor(i / 10))),
    channelId: String(400_000_000_000_000_000n + BigInt(i)),
  }));
  clearCronCache();
  let now = loadAt;
  let scheduler: ReturnType<typeof createScheduler> | undefined = createScheduler({
    store,
    poster: instantPoster(),
    dataset: data,
    clock: { now: () => new Date(now) },
    options: {
      resyncIntervalMs: 0,
      sendsPerSecond: 1e9,
      maxConcurrentSends: 64,
      perChannel: { limit: 1e9, windowMs: 1 },
    },
  });
  const t0 = performance.now();
  await scheduler.runDue(new Date(now));
  const loadMs = performance.now() - t0;

  // Idle ticks: nothing due (the heap top is in the future).
  const idle: number[] = [];
  for (let k = 0; k < 200; k++) {
    now = loadAt + 1_000 + k;
    const s = performance.now();
    await scheduler.runDue(new Date(now));
    idle.push(performance.now() - s);
  }
  idle.sort((a, b) => a - b);

  // The 09:00 UTC tick: every schedule whose local time is 09:00 UTC now.
  now = Date.parse('2025-09-01T09:00:00Z');
  const s = performance.now();
  const report = await scheduler.runDue(new Date(now));
  const totalMs = performance.now() - s;
  // Memory the scheduler retains: heap with it alive minus heap once it is gone (store kept alive).
  const heapNow = () => {
    for (let k = 0; k < 3; k++) gc();
    return process.memoryUsage().heapUsed;
  };
  const withScheduler = heapNow();
  await scheduler.stop();
  scheduler = undefined;
  clearCronCache();
  const heap = withScheduler - heapNow();
  await store.close();
  return {
    schedules: n,
    distinctCrons: Math.min(n, 1_152),
    loadMs: Math.round(loadMs),
    heapMb: mb(heap),
    bytesPerSchedule: Math.round(heap / n),
    idleTickUs: Math.round((idle[Math.floor(idle.length / 2)] ?? 0) * 1000),
    dueTick: {
      due: report.planned,
      planMs: ms(report.planMs),
      totalMs: Math.round(totalMs),
      distinctPosts: report.distinctPosts,
    },
  };
}

export interface FanOutResult {
  posts: number;
  sendsPerSecond: number;
  wallMs: number;
  boundMs: number;
  ratio: number;
  rateLimited: number;
  posted: number;
  failed: number;
  maxRequestsInAnySecond: number;
  store: string;
}

export async function fanOut(
  posts: number,
  sendsPerSecond: number,
  data: DatasetPort,
): Promise<FanOutResult> {
  const fake = await startFakeDiscord({ guilds: [] });
  fake.setRateLimits({ globalPerSecond: 50, perChannelMessages: { count: 5, windowMs: 5_000 } });
  const dir = await mkdtemp(path.join(tmpdir(), 'briefbot-bench-'));
  const url = `sqlite://${path.join(dir, 'bench.sqlite')}`;
  const store = await openStore(url, { keyPrefix: 'bench' });
  const channels: Array<{ guildId: string; channelId: string }> = [];
  for (let g = 0; g * 10 < posts; g++) {
    const guild = fake.addGuild({ name: `bench-${g}`, channels: [] });
    for (let c = 0; c < 10 && g * 10 + c < posts; c++) {
      channels.push({ guildId: guild.id, channelId: fake.addChannel(guild.id, { name: `c${c}` }).id });
    }
  }
  const loadAt = Date.parse('2025-09-01T08:59:30Z');
  // Same instant for all: 09:00 UTC.
  await seedSchedules(
    store,
    posts,
    new Date(loadAt).toISOString(),
    (i) => channels[i] ?? { guildId: '1', channelId: '1' },
    () => ({ cron: '0 9 * * *', timezone: 'UTC' }),
  );
  // The bot's REST path: every request waits for the one request pacer (src/discord/rest-pacer.ts).
  const pacer = createRequestPacer(sendsPerSecond);
  const rest = new REST(pacedRestOptions({ apiUrl: fake.apiUrl, pacer: () => pacer })).setToken(
    'bench-token',
  );
  let now = loadAt;
  const scheduler = createScheduler({
    store,
    poster: createRestPoster(rest),
    dataset: data,
    clock: { now: () => new Date(now) },
    postsPacedByPoster: true,
    options: { resyncIntervalMs: 0 },
  });
  await scheduler.runDue(new Date(now)); // load
  fake.clearRecords();
  now = Date.parse('2025-09-01T09:00:00Z');
  const started = performance.now();
  const report = await scheduler.runDue(new Date(now));
  const wallMs = performance.now() - started;
  const posted = fake.requestsTo('POST /channels/:channel/messages').map((r) => r.atMs);
  const sorted = posted.sort((a, b) => a - b);
  let maxInSecond = 0;
  for (let lo = 0, hi = 0; hi < sorted.length; hi++) {
    while ((sorted[hi] ?? 0) - (sorted[lo] ?? 0) >= 1000) lo++;
    maxInSecond = Math.max(maxInSecond, hi - lo + 1);
  }
  const rateLimited = fake.stats.rateLimited;
  await scheduler.stop();
  await store.close();
  await fake.close();
  await rm(dir, { recursive: true, force: true });
  const boundMs = (posts / 50) * 1000;
  return {
    posts,
    sendsPerSecond,
    wallMs: Math.round(wallMs),
    boundMs,
    ratio: Math.round((wallMs / boundMs) * 1000) / 1000,
    rateLimited,
    posted: report.outcomes.posted,
    failed: report.outcomes.failed,
    maxRequestsInAnySecond: maxInSecond,
    store: 'sqlite (temp file)',
  };
}

export async function schedulerBench(
  opts: { quick?: boolean; print?: (s: string) => void; sendsPerSecond?: number } = {},
): Promise<{ scale: ScaleRow[]; fanOut: FanOutResult; notes: string[] }> {
  const print = opts.print ?? console.log;
  const data = await dataset();
  // Quick: one size (the full run has the curve); its time goes to the fan-out, a headline figure.
  const sizes = opts.quick ? [1_000] : [1_000, 10_000, 100_000];
  const rows: ScaleRow[] = [];
  for (const n of sizes) rows.push(await scale(n, data));
  print(
    table(
      'Scheduler scale (memory:// store; up to 1,152 distinct cron+zone pairs, compiled cold; instant poster, pacing off for the due tick)',
      rows.map((r) => ({
        schedules: r.schedules,
        'load ms': r.loadMs,
        'heap MB': r.heapMb,
        'bytes/schedule': r.bytesPerSchedule,
        'idle tick µs (p50)': r.idleTickUs,
        'due at 09:00': r.dueTick.due,
        'plan ms': r.dueTick.planMs,
        'tick incl. delivery ms': r.dueTick.totalMs,
        'distinct posts': r.dueTick.distinctPosts,
      })),
    ),
  );
  const rate = opts.sendsPerSecond ?? DEFAULT_REQUESTS_PER_SECOND;
  // The ratio is (N − 1)/rate plus a fixed ~80 ms (planning, the first connection) over N/50: 500
  // posts in the quick run (1.026 at 49/s), where 300 left it at 1.030, on the limit.
  const f = await fanOut(opts.quick ? 500 : 1_000, rate, data);
  print(
    table('Fan-out through @discordjs/rest to the fake Discord (50 req/s global, 5 msg / 5 s per channel)', [
      {
        posts: f.posts,
        'sends/s': f.sendsPerSecond,
        'wall s': Math.round(f.wallMs / 100) / 10,
        'bound s (N/50)': f.boundMs / 1000,
        ratio: f.ratio,
        '429s': f.rateLimited,
        'max req in any 1 s': f.maxRequestsInAnySecond,
        posted: f.posted,
        failed: f.failed,
      },
    ]),
  );
  const notes = [
    `fan-out paced at ${rate}/s (DISCORD_REQUESTS_PER_SECOND, default ${DEFAULT_REQUESTS_PER_SECOND}): one pacer for every REST request of the process, so the bound is 50/${rate} by construction`,
    'scale figures use the memory:// store: they measure the scheduler, not a backend',
  ];
  for (const n of notes) print(`note: ${n}`);
  return { scale: rows, fanOut: f, notes };
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  const result = await schedulerBench({ quick: process.argv.includes('--quick') });
  console.log(JSON.stringify(result, null, 2));
  process.exit(0);
}
