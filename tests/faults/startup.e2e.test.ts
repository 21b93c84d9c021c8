/**
 * Issue 17 #13: each expected start-up failure, through the real bot process, exits non-zero with
 * ONE line that names the variable and the fix, and no stack trace. Nothing hangs.
 */
import { spawn } from 'node:child_process';
import { chmodSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.ts';
import { botOnFakeDiscord, TEST_TOKEN } from '../support/bot-process.ts';
import { startFakeDiscord } from '../support/fake-discord.ts';
import { REPO } from '../support/fixtures.ts';
import { cleanupAfterTest, report, tempDir } from './support.ts';

const TSX = pathToFileURL(path.join(REPO, 'node_modules/tsx/dist/loader.mjs')).href;
const ENTRY = path.join(REPO, 'src/index.ts');
/** Root ignores file permissions: the unwritable cases then run the bot as `nobody`. */
const AS_ROOT = process.getuid?.() === 0;
const NOBODY = 65534;
/** Port 9 (discard) on the loopback: nothing listens, a connection is refused at once. */
const REFUSING_API_URL = 'http://127.0.0.1:9/api';

interface Exit {
  code: number | null;
  ms: number;
  lines: string[];
}

/**
 * Runs the bot until it exits (or kills it after `timeoutMs`, reported as code null). The gateway
 * connection starts alongside the store, so a test that gives no DISCORD_API_URL gets one on the
 * loopback that refuses connections: no test reaches out to Discord.
 */
function runToExit(
  env: Record<string, string>,
  opts: { cwd?: string; unprivileged?: boolean; timeoutMs?: number } = {},
): Promise<Exit> {
  const started = Date.now();
  const proc = spawn(process.execPath, ['--import', TSX, ENTRY], {
    cwd: opts.cwd ?? REPO,
    env: {
      PATH: process.env.PATH,
      HOME: opts.unprivileged ? '/tmp' : process.env.HOME,
      DISCORD_TOKEN: TEST_TOKEN,
      DATA_DIR: path.join(REPO, 'data'),
      LOG_LEVEL: 'info',
      DISCORD_API_URL: REFUSING_API_URL,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(opts.unprivileged && AS_ROOT ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  let out = '';
  proc.stdout?.on('data', (c: Buffer) => {
    out += c.toString();
  });
  proc.stderr?.on('data', (c: Buffer) => {
    out += c.toString();
  });
  return new Promise((resolve) => {
    const timer = setTimeout(() => proc.kill('SIGKILL'), opts.timeoutMs ?? 30_000);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, ms: Date.now() - started, lines: out.split('\n').filter((l) => l.trim()) });
    });
  });
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The one line that explains the failure; fails the test if there is none, or more, or a stack. */
function explanation(exit: Exit, variable: string): string {
  const problems = exit.lines.filter((l) => /cannot start:|^Invalid configuration|^ {2}[A-Z_]+ /.test(l));
  const errorLogs = exit.lines.filter((l) => /"level":(50|60)/.test(l));
  expect(exit.lines.some((l) => /\n?\s+at .+:\d+:\d+\)?$/.test(l) || l.includes('"stack"'))).toBe(false);
  expect(errorLogs).toEqual([]);
  expect(exit.code).toBe(1);
  const named = problems.filter((l) => l.includes(variable));
  expect(named).toHaveLength(1);
  return named[0] as string;
}

describe('start-up failures an operator can act on (real process)', () => {
  it('a wrong token: DISCORD_TOKEN refused, reset it in the Developer Portal', async () => {
    const cleanup = cleanupAfterTest();
    const fake = await startFakeDiscord({ token: `${TEST_TOKEN.slice(0, -2)}zz` });
    cleanup.add(() => fake.close());
    const exit = await runToExit({ DISCORD_API_URL: fake.apiUrl, STORE_URL: 'memory://' });
    const line = explanation(exit, 'DISCORD_TOKEN');
    expect(line).toMatch(/DISCORD_TOKEN was refused by Discord.*Reset Token/);
    expect(exit.lines.join('\n')).not.toContain(TEST_TOKEN);
    report('wrong token', { exit: exit.code ?? 'none', ms: exit.ms });
  }, 40_000);

  it('an unknown DISCORD_GUILD_ID: refuses to start, naming the id and the fix', async () => {
    const cleanup = cleanupAfterTest();
    const fake = await startFakeDiscord();
    cleanup.add(() => fake.close());
    const exit = await runToExit({
      DISCORD_API_URL: fake.apiUrl,
      DISCORD_GUILD_ID: '123456789012345678',
      STORE_URL: 'memory://',
    });
    const line = explanation(exit, 'DISCORD_GUILD_ID');
    expect(line).toMatch(/DISCORD_GUILD_ID 123456789012345678 is not a server the bot is in.*invite the bot/);
    report('unknown DISCORD_GUILD_ID', { exit: exit.code ?? 'none', ms: exit.ms });
  }, 40_000);

  it('an unreachable DISCORD_API_URL', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/api`;
    const exit = await runToExit({ DISCORD_API_URL: url, STORE_URL: 'memory://' });
    const line = explanation(exit, 'DISCORD_API_URL');
    expect(line).toContain(`DISCORD_API_URL ${url} is not reachable (`);
    expect(line).toMatch(/ECONNREFUSED.*leave DISCORD_API_URL empty/);
    report('unreachable DISCORD_API_URL', { exit: exit.code ?? 'none', ms: exit.ms });
  }, 40_000);

  it('STORE_URL=sqlite:// without a path', async () => {
    const exit = await runToExit({ STORE_URL: 'sqlite://' });
    expect(explanation(exit, 'STORE_URL')).toMatch(
      /STORE_URL has no file path: write sqlite:\/\/var\/briefbot.sqlite/,
    );
  }, 40_000);

  it('Redis not listening: refuses to start without identifying to the gateway', async () => {
    const cleanup = cleanupAfterTest();
    const fake = await startFakeDiscord();
    cleanup.add(() => fake.close());
    const url = `redis://127.0.0.1:${await closedPort()}`;
    const exit = await runToExit({ STORE_URL: url, DISCORD_API_URL: fake.apiUrl });
    const line = explanation(exit, 'STORE_URL');
    expect(line).toMatch(
      /STORE_URL redis:\/\/127\.0\.0\.1:\d+ is not answering \(.*ECONNREFUSED.*\): start Redis there, or fix STORE_URL/,
    );
    // The gateway was connecting meanwhile; the IDENTIFY waits for the store: no session start used.
    expect(fake.identifies).toEqual([]);
    report('Redis not listening', { exit: exit.code ?? 'none', ms: exit.ms });
  }, 40_000);

  it('Postgres not listening', async () => {
    const url = `postgres://briefbot@127.0.0.1:${await closedPort()}/briefbot`;
    const exit = await runToExit({ STORE_URL: url });
    const line = explanation(exit, 'STORE_URL');
    expect(line).toMatch(
      /STORE_URL postgres:\/\/briefbot@127\.0\.0\.1:\d+\/briefbot is not answering \(.*ECONNREFUSED.*\): start Postgres there/,
    );
  }, 40_000);

  it('var/ not writable (the default STORE_URL): make var/ writable or set STORE_URL', async () => {
    const cleanup = cleanupAfterTest();
    const cwd = tempDir(cleanup, 'readonly-cwd');
    chmodSync(cwd, 0o555);
    cleanup.add(() => chmodSync(cwd, 0o755));
    const exit = await runToExit({}, { cwd, unprivileged: true });
    const line = explanation(exit, 'STORE_URL');
    expect(line).toMatch(
      /cannot create the folder .*var \(EACCES\): make var\/ writable by the bot's user, or set STORE_URL/,
    );
    report('var/ not writable', { exit: exit.code ?? 'none', ms: exit.ms });
  }, 40_000);

  it('a read-only SQLite file is detected at start, not at the first /schedule add', async () => {
    const cleanup = cleanupAfterTest();
    const dir = tempDir(cleanup, 'readonly-sqlite');
    const file = path.join(dir, 'bot.sqlite');
    const store = await openStore(`sqlite://${file}`);
    await store.set('meta', 'seed', { ok: true });
    await store.close();
    // Readable, not writable, by the bot's user (root: the bot runs as nobody; files stay root's).
    chmodSync(dir, AS_ROOT ? 0o755 : 0o555);
    for (const f of ['bot.sqlite', 'bot.sqlite-wal', 'bot.sqlite-shm']) {
      try {
        chmodSync(path.join(dir, f), 0o444);
      } catch {
        // not every file exists
      }
    }
    cleanup.add(() => chmodSync(dir, 0o755));
    const exit = await runToExit({ STORE_URL: `sqlite://${file}` }, { unprivileged: true });
    const line = explanation(exit, 'STORE_URL');
    expect(line).toContain(`STORE_URL sqlite://${file}`);
    expect(line).toMatch(
      /(refuses writes|cannot be opened) \(SQLITE_(READONLY|CANTOPEN).*writable by the bot's user, or set STORE_URL/,
    );
    report('read-only SQLite file', { exit: exit.code ?? 'none', ms: exit.ms });
  }, 40_000);

  it('a STORE_URL path under /proc fails at once instead of hanging', async () => {
    const exit = await runToExit({ STORE_URL: 'sqlite:///proc/briefbot/bot.sqlite' }, { timeoutMs: 20_000 });
    const line = explanation(exit, 'STORE_URL');
    expect(line).toMatch(/cannot create the folder \/proc\/briefbot \(ENOENT\)/);
    expect(exit.ms).toBeLessThan(15_000);
    report('STORE_URL under /proc', { exit: exit.code ?? 'none', ms: exit.ms });
  }, 40_000);

  // The dataset, the store and the gateway are opened at the same time: bad data still stops the
  // start with the data's problems (not whichever failure came first), nothing gets registered.
  it('invalid data: refuses to start with the problems, before registering anything, whatever else fails', async () => {
    const cleanup = cleanupAfterTest();
    const dataDir = tempDir(cleanup, 'bad-data');
    cpSync(path.join(REPO, 'data'), dataDir, { recursive: true });
    const file = path.join(dataDir, 'events.json');
    const events = JSON.parse(readFileSync(file, 'utf8')) as { events: Array<{ date: unknown }> };
    (events.events[0] as { date: unknown }).date = 'soon';
    writeFileSync(file, JSON.stringify(events));
    const fake = await startFakeDiscord();
    cleanup.add(() => fake.close());
    const unreachableRedis = `redis://127.0.0.1:${await closedPort()}`;
    for (const storeUrl of ['memory://', unreachableRedis]) {
      const exit = await runToExit({
        DATA_DIR: dataDir,
        DISCORD_API_URL: fake.apiUrl,
        DISCORD_GUILD_ID: fake.defaultGuildId,
        STORE_URL: storeUrl,
      });
      expect(exit.code).toBe(1);
      const text = exit.lines.join('\n');
      expect(text).toMatch(/The dataset is invalid \(1 problem\)/);
      expect(text).toMatch(/events\.json/);
      expect(text).toContain('npm run data:check');
      expect(text).not.toContain('STORE_URL');
      expect(exit.lines.some((l) => /\n?\s+at .+:\d+:\d+\)?$/.test(l) || l.includes('"stack"'))).toBe(false);
      expect(exit.lines.filter((l) => /"level":(50|60)/.test(l))).toEqual([]);
      expect(fake.commands(fake.defaultGuildId)).toEqual([]);
      report('invalid data', { store: storeUrl.split(':')[0] ?? '', exit: exit.code ?? 'none', ms: exit.ms });
    }
  }, 60_000);

  it('BRIEFING_CHANNEL_ID of a channel that does not exist is said at start (issue 17 #14)', async () => {
    const cleanup = cleanupAfterTest();
    const { fake, bot } = await botOnFakeDiscord({
      BRIEFING_CHANNEL_ID: '123456789012345678',
      BRIEFING_CRON: '0 9 * * *',
    });
    cleanup.add(() => fake.close());
    cleanup.add(() => bot.stop('SIGKILL'));
    const line = await bot.waitForLog((l) => /^BRIEFING_CHANNEL_ID/.test(String(l.msg)), 10_000);
    expect(line.msg).toMatch(
      /BRIEFING_CHANNEL_ID 123456789012345678 does not exist \(Discord: Unknown Channel\): copy the channel id again/,
    );
    expect(line.level).toBe(50);
  }, 40_000);
});
