import { commands } from '../../commands/index.ts';
import { type BotProcess, isReady, spawnBot } from '../support/bot-process.ts';
import { type FakeDiscord, startFakeDiscord } from '../support/fake-discord.ts';
import { tempStoreUrl } from '../support/stores.ts';
import { mb, round, summarize } from './stats.ts';

type Call = { command: string; options: Record<string, string>; kind?: 'autocomplete'; subcommand?: string };

const CALLS: Call[] = [
  { command: 'briefing', options: {} },
  { command: 'timeline', options: {} },
  { command: 'event', options: { event: 'white-house-summit' } },
  { command: 'quote', options: { speaker: 'Vance' } },
  { command: 'actor', options: { name: 'Zelensky' } },
  { command: 'search', options: { query: 'security guarantees' } },
  { command: 'sources', options: {} },
  { command: 'about', options: {} },
  { command: 'schedule', options: {}, subcommand: 'list' },
  { command: 'timeline', options: { actor: 'volo' }, kind: 'autocomplete' },
];

function fire(fake: FakeDiscord, call: Call) {
  const handle = launch(fake, call);
  handle.callback.catch(() => undefined); // counted as unanswered by the caller
  return handle;
}

function launch(fake: FakeDiscord, call: Call) {
  if (call.kind === 'autocomplete') {
    const [name, value] = Object.entries(call.options)[0] ?? ['actor', ''];
    return fake.autocomplete(call.command, [{ name, type: 3, value, focused: true }]);
  }
  if (call.subcommand) {
    return fake.chatInput(call.command, call.options, {
      subcommand: call.subcommand,
      permissions: String(1n << 5n),
    });
  }
  return fake.chatInput(call.command, call.options);
}

/** Starts a bot process on a fresh fake Discord and measures start → READY and RSS once ready. */
export async function startMeasured(
  dataDir?: string,
): Promise<{ fake: FakeDiscord; bot: BotProcess; readyMs: number; rssMb: number }> {
  const fake = await startFakeDiscord();
  const t0 = performance.now();
  const bot = spawnBot({
    DISCORD_API_URL: fake.apiUrl,
    DISCORD_GUILD_ID: fake.defaultGuildId,
    STORE_URL: tempStoreUrl(),
    ...(dataDir ? { DATA_DIR: dataDir } : {}),
  });
  const ready = await bot.waitForLog(isReady, 300_000);
  const readyMs = round(performance.now() - t0, 0);
  return { fake, bot, readyMs, rssMb: mb(Number(ready.rssBytes ?? 0)) };
}

/** Dispatch → first response through the real discord.js client, per command, at several concurrencies. */
export async function e2eBench(opts: {
  concurrency: number[];
  rounds: number;
  dataDir?: string;
  label: string;
}) {
  const { fake, bot, readyMs, rssMb } = await startMeasured(opts.dataDir);
  const rows: Array<Record<string, string | number>> = [];
  try {
    for (const call of CALLS) for (let i = 0; i < 3; i++) await fire(fake, call).latencyMs(); // warm-up
    for (const c of opts.concurrency) {
      for (const call of CALLS) {
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
  }
  // Late answers (10062: past the 3 s deadline) and any size-limit violation, reported, not hidden.
  const late = fake.violations.filter((v) => v.discordCode === 10062).length;
  const otherViolations = fake.violations.length - late;
  return { readyMs, rssMb, rows, late, otherViolations, commands: commands.length };
}
