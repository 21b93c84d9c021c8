import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { commands } from '../../commands/index.ts';
import { type BotProcess, isReady, spawnBot } from '../support/bot-process.ts';
import { type FakeDiscord, startFakeDiscord } from '../support/fake-discord.ts';
import { tempStoreUrl } from '../support/stores.ts';
import { mb, percentile, round, summarize } from './stats.ts';

/** One kind of interaction; `options(i)` varies per call so that searches are not cache hits. */
export type Call = {
  command: string;
  options: (i: number) => Record<string, string>;
  kind?: 'autocomplete';
  subcommand?: string;
};

/** The interactions measured, with inputs drawn from the dataset being served. */
export function callsFor(d: {
  eventIds: readonly string[];
  actorNames: readonly string[];
  searchWords: readonly string[];
}): Call[] {
  const at = <T>(xs: readonly T[], i: number, fallback: T) => xs[i % Math.max(1, xs.length)] ?? fallback;
  return [
    { command: 'briefing', options: () => ({}) },
    { command: 'timeline', options: () => ({}) },
    { command: 'event', options: (i) => ({ event: at(d.eventIds, i, 'white-house-summit') }) },
    { command: 'quote', options: (i) => ({ speaker: at(d.actorNames, i, 'Vance') }) },
    { command: 'actor', options: (i) => ({ name: at(d.actorNames, i + 1, 'Zelensky') }) },
    {
      command: 'search',
      options: (i) => ({
        query: `${at(d.searchWords, i, 'security')} ${at(d.searchWords, i * 7 + 3, 'guarantees')}`,
      }),
    },
    { command: 'sources', options: () => ({}) },
    { command: 'about', options: () => ({}) },
    { command: 'schedule', options: () => ({}), subcommand: 'list' },
    {
      command: 'timeline',
      options: (i) => ({ actor: at(d.actorNames, i + 2, 'volo').slice(0, 4) }),
      kind: 'autocomplete',
    },
  ];
}

/** Inputs for callsFor from a data directory's files. */
export function callInputs(dataDir: string) {
  const read = <T>(name: string, key: string) =>
    (JSON.parse(readFileSync(path.join(dataDir, name), 'utf8')) as Record<string, T[]>)[key] ?? [];
  const events = read<{ id: string; title: string }>('events.json', 'events');
  const actors = read<{ name: string }>('actors.json', 'actors');
  const step = Math.max(1, Math.floor(events.length / 200));
  const sample = events.filter((_, i) => i % step === 0);
  return {
    eventIds: sample.map((e) => e.id),
    actorNames: actors.slice(0, 200).map((a) => a.name),
    searchWords: sample.flatMap((e) => e.title.split(' ').filter((w) => w.length >= 4)),
  };
}

let fired = 0;

export function fire(fake: FakeDiscord, call: Call) {
  const handle = launch(fake, call, fired++);
  handle.callback.catch(() => undefined); // counted as unanswered by the caller
  return handle;
}

function launch(fake: FakeDiscord, call: Call, i: number) {
  const options = call.options(i);
  if (call.kind === 'autocomplete') {
    const [name, value] = Object.entries(options)[0] ?? ['actor', ''];
    return fake.autocomplete(call.command, [{ name, type: 3, value, focused: true }]);
  }
  if (call.subcommand) {
    return fake.chatInput(call.command, options, {
      subcommand: call.subcommand,
      permissions: String(1n << 5n),
    });
  }
  return fake.chatInput(call.command, options);
}

/** Lets the bench ask the bot process for a full GC (SIGUSR2) without any hook in the bot itself. */
const GC_ON_SIGNAL = `data:text/javascript,${encodeURIComponent(
  'process.on("SIGUSR2", () => { globalThis.gc(); setTimeout(() => globalThis.gc(), 200); })',
)}`;

/** Resident set size of a process, from /proc (Linux), in MB. */
function rssOf(pid: number | undefined): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return Number.isFinite(kb) ? round(kb / 1024, 1) : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

export interface StartFigures {
  fake: FakeDiscord;
  bot: BotProcess;
  /** Spawn → "briefbot ready". */
  readyMs: number;
  /** RSS the bot logged at READY. */
  rssMb: number;
  /** RSS 3 s after READY, after a full GC. */
  settledRssMb: number;
  /** How the dataset was obtained: "cache" (warm) or "worker" (validated and indexed). */
  dataset: string;
  /** Spawn → dataset loaded (node start, module loading, dataset). */
  datasetMs: number;
  /** Gateway READY and dataset loaded → bot ready (command registration, scheduler start). */
  afterGatewayMs: number;
  /** CPU time the bot process had used at READY (all threads): start-up cost without preemption. */
  cpuMsAtReady: number;
}

/** CPU time (user + system, all threads) a process has used, from /proc (Linux), in ms. */
export function cpuMsOf(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
    return Math.round((ticks * 1000) / 100); // USER_HZ is 100 on Linux
  } catch {
    return Number.NaN;
  }
}

/**
 * Starts the compiled bot (dist/, as `npm start` runs it) on a fresh fake Discord and measures
 * start → READY, RSS at READY, and settled RSS. `cacheDir` is the dataset cache: empty for a cold
 * start, filled by a previous start for a warm one.
 */
export async function startMeasured(opts: {
  dataDir?: string;
  cacheDir: string;
  storeUrl: string;
  /** Wait 3 s, full GC, then read the RSS (default true); false: settledRssMb is NaN. */
  settle?: boolean;
  /** More node flags for the bot process (e.g. `--cpu-prof`). */
  nodeArgs?: string[];
  /** Another compiled entry than dist/index.js (to compare two builds). */
  entry?: string;
}): Promise<StartFigures> {
  const fake = await startFakeDiscord();
  const t0 = performance.now();
  const wall0 = Date.now();
  const bot = spawnBot(
    {
      DISCORD_API_URL: fake.apiUrl,
      DISCORD_GUILD_ID: fake.defaultGuildId,
      STORE_URL: opts.storeUrl,
      DATASET_CACHE_DIR: opts.cacheDir,
      ...(opts.dataDir ? { DATA_DIR: opts.dataDir } : {}),
    },
    {
      compiled: true,
      nodeArgs: ['--expose-gc', '--import', GC_ON_SIGNAL, ...(opts.nodeArgs ?? [])],
      ...(opts.entry ? { entry: opts.entry } : {}),
    },
  );
  const ready = await bot.waitForLog(isReady, 300_000);
  const readyMs = round(performance.now() - t0, 0);
  const cpuMsAtReady = cpuMsOf(bot.proc.pid);
  const settle = opts.settle ?? true;
  if (settle) {
    await new Promise((r) => setTimeout(r, 3_000));
    bot.proc.kill('SIGUSR2'); // two full GCs, 200 ms apart (the second collects what the first finalized)
    await new Promise((r) => setTimeout(r, 1_200));
  }
  const dataset = bot.logs.some((l) => l.msg === 'dataset loaded from the cache') ? 'cache' : 'worker';
  const at = (msg: string) => Number(bot.logs.find((l) => l.msg === msg)?.time ?? Number.NaN);
  return {
    cpuMsAtReady,
    datasetMs: at('dataset loaded') - wall0,
    // The gateway connects while the dataset loads: count from whichever of the two came last.
    afterGatewayMs: at('briefbot ready') - Math.max(at('gateway ready'), at('dataset loaded')),
    fake,
    bot,
    readyMs,
    rssMb: mb(Number(ready.rssBytes ?? 0)),
    settledRssMb: settle ? rssOf(bot.proc.pid) : Number.NaN,
    dataset,
  };
}

/**
 * The first start on a machine (empty dataset cache, empty store), then restarts with the same
 * files and store (the cache and the store's records from the first start). Start times vary
 * with the machine's load, so there are `warmStarts` restarts and the warm figures are their
 * medians; the last restarted bot stays up, with its settled RSS, for the load figures. The cold
 * start's settled RSS is measured only when `settleCold` (the full run).
 */
export async function coldAndWarm(
  dataDir?: string,
  opts: { warmStarts?: number; settleCold?: boolean; settleWarm?: boolean; entry?: string } = {},
) {
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'briefbot-bench-cache-'));
  const storeUrl = tempStoreUrl();
  const dirOpt = { ...(dataDir ? { dataDir } : {}), ...(opts.entry ? { entry: opts.entry } : {}) };
  const cold = await startMeasured({ ...dirOpt, cacheDir, storeUrl, settle: opts.settleCold ?? true });
  await cold.bot.stop();
  await cold.fake.close();
  const earlier: StartFigures[] = [];
  for (let i = 1; i < (opts.warmStarts ?? 1); i++) {
    const f = await startMeasured({ ...dirOpt, cacheDir, storeUrl, settle: false });
    await f.bot.stop();
    await f.fake.close();
    earlier.push(f);
  }
  const last = await startMeasured({ ...dirOpt, cacheDir, storeUrl, settle: opts.settleWarm ?? true });
  const all = [...earlier, last];
  const median = (pick: (f: StartFigures) => number) => percentile(all.map(pick), 50);
  const warm: StartFigures = {
    ...last,
    readyMs: median((f) => f.readyMs),
    datasetMs: median((f) => f.datasetMs),
    afterGatewayMs: median((f) => f.afterGatewayMs),
    cpuMsAtReady: median((f) => f.cpuMsAtReady),
    rssMb: median((f) => f.rssMb),
  };
  return { cold, warm, cacheDir, warmReadyMs: all.map((f) => f.readyMs) };
}

/** Dispatch → first response through the real discord.js client, per command, at several concurrencies. */
export async function e2eBench(opts: {
  concurrency: number[];
  rounds: number;
  dataDir: string;
  label: string;
  /** Restarts measured (medians reported); default 1. */
  warmStarts?: number;
  /** Settled RSS of the cold start too (default true). */
  settleCold?: boolean;
  /** Settled RSS of the (last) warm start (default true). */
  settleWarm?: boolean;
  /** Another compiled entry than dist/index.js (to compare two builds). */
  entry?: string;
}) {
  const calls = callsFor(callInputs(opts.dataDir));
  const { cold, warm, cacheDir, warmReadyMs } = await coldAndWarm(opts.dataDir, {
    ...(opts.warmStarts ? { warmStarts: opts.warmStarts } : {}),
    ...(opts.settleCold !== undefined ? { settleCold: opts.settleCold } : {}),
    ...(opts.settleWarm !== undefined ? { settleWarm: opts.settleWarm } : {}),
    ...(opts.entry ? { entry: opts.entry } : {}),
  });
  const { fake, bot } = warm;
  const rows: Array<Record<string, string | number>> = [];
  try {
    for (const call of calls) for (let i = 0; i < 3; i++) await fire(fake, call).latencyMs(); // warm-up
    for (const c of opts.concurrency) {
      for (const call of calls) {
        const samples: number[] = [];
        let unanswered = 0;
        for (let r = 0; r < opts.rounds; r++) {
          const handles = Array.from({ length: c }, () => fire(fake, call));
          const results = await Promise.all(handles.map((h) => h.latencyMs().catch(() => undefined)));
          for (const ms of results) {
            if (ms === undefined) unanswered++;
            else samples.push(ms);
          }
        }
        const s = summarize(samples);
        rows.push({
          dataset: opts.label,
          concurrency: c,
          command:
            call.kind === 'autocomplete'
              ? `${call.command} (autocomplete)`
              : `${call.command}${call.subcommand ? ` ${call.subcommand}` : ''}`,
          n: s.n,
          'p50 ms': s.p50,
          'p99 ms': s.p99,
          unanswered,
        });
      }
    }
  } finally {
    await bot.stop();
    await fake.close();
    rmSync(cacheDir, { recursive: true, force: true });
  }
  // Late answers (10062: past the 3 s deadline) and any size-limit violation, reported, not hidden.
  const late = fake.violations.filter((v) => v.discordCode === 10062).length;
  const otherViolations = fake.violations.length - late;
  const start = (f: StartFigures) => ({
    readyMs: f.readyMs,
    datasetMs: f.datasetMs,
    afterGatewayMs: f.afterGatewayMs,
    cpuMsAtReady: f.cpuMsAtReady,
    rssMbAtReady: f.rssMb,
    rssMbSettled: f.settledRssMb,
    dataset: f.dataset,
  });
  return {
    cold: start(cold),
    warm: { ...start(warm), readyMsEach: warmReadyMs },
    rows,
    late,
    otherViolations,
    commands: commands.length,
  };
}
