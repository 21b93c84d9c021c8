import { type ChildProcess, spawn } from 'node:child_process';
import { type FakeDiscord, startFakeDiscord } from './fake-discord.ts';
import { REPO } from './fixtures.ts';
import { tempStoreUrl } from './stores.ts';

/** What `npm start` and the README's systemd unit run (after the build): `node dist/index.js`. */
export const COMPILED_ENTRY = ['dist/index.js'] as const;

/** A syntactically valid fake token: the bot checks the shape, the fake Discord accepts any. */
export const TEST_TOKEN = 'MTAxMjM0NTY3ODkwMTIzNDU2Nzg.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB';

export interface BotProcess {
  proc: ChildProcess;
  /** Parsed JSON log lines (and raw text lines that were not JSON). */
  logs: Array<Record<string, unknown>>;
  stdout(): string;
  waitForLog(
    match: (line: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
  /** SIGTERM (graceful) or SIGKILL; resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  exited: Promise<number | null>;
  startedAt: number;
}

/**
 * Starts the bot process pointed at a fake Discord: from the sources through tsx (what `npm run dev`
 * runs; the e2e tests use it, so they need no build), or `compiled`: dist/index.js as `npm start`
 * runs it (build first: `npm run build`); `entry` runs another build of it (a bench comparing two).
 */
export function spawnBot(
  env: Record<string, string | undefined>,
  opts: { compiled?: boolean; nodeArgs?: string[]; entry?: string } = {},
): BotProcess {
  const startedAt = performance.now();
  const args = opts.compiled ? [opts.entry ?? COMPILED_ENTRY[0]] : ['--import', 'tsx', 'src/index.ts'];
  const proc = spawn(process.execPath, [...(opts.nodeArgs ?? []), ...args], {
    cwd: REPO,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DISCORD_TOKEN: TEST_TOKEN,
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Array<Record<string, unknown>> = [];
  let text = '';
  const waiters = new Set<() => void>();
  const onLine = (line: string) => {
    if (!line.trim()) return;
    try {
      logs.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      logs.push({ raw: line });
    }
    for (const w of waiters) w();
  };
  for (const stream of [proc.stdout, proc.stderr]) {
    let buf = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      text += chunk;
      buf += chunk;
      const lines = buf.split('\n');
      buf = lines.pop() ?? '';
      for (const l of lines) onLine(l);
    });
  }
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return {
    proc,
    logs,
    stdout: () => text,
    startedAt,
    exited,
    waitForLog(match, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = logs.find(match);
          if (hit) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(hit);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`bot log line not seen within ${timeoutMs} ms; output:\n${text.slice(-4000)}`));
        }, timeoutMs);
        waiters.add(check);
        void exited.then(() => setTimeout(check, 10));
        check();
      });
    },
    async stop(signal = 'SIGTERM') {
      if (proc.exitCode !== null || proc.signalCode !== null) return proc.exitCode;
      proc.kill(signal);
      return exited;
    },
  };
}

export const isReady = (l: Record<string, unknown>) => l.msg === 'briefbot ready';

type Env = Record<string, string | undefined>;

/**
 * A fake Discord plus the bot process connected to it and READY (fresh SQLite store). `env` may
 * depend on the fake (its channel ids). The returned `env` starts the same bot again, same store.
 */
export async function botOnFakeDiscord(
  env: Env | ((fake: FakeDiscord) => Env) = {},
  fakeOptions: Parameters<typeof startFakeDiscord>[0] = {},
): Promise<{ fake: FakeDiscord; bot: BotProcess; env: Env }> {
  const fake = await startFakeDiscord(fakeOptions);
  const full: Env = {
    DISCORD_API_URL: fake.apiUrl,
    DISCORD_GUILD_ID: fake.defaultGuildId,
    STORE_URL: tempStoreUrl(),
    ...(typeof env === 'function' ? env(fake) : env),
  };
  const bot = spawnBot(full);
  await bot.waitForLog(isReady, 30_000);
  return { fake, bot, env: full };
}
