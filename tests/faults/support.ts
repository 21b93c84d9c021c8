/**
 * Helpers for the end-to-end fault tests: cleanup that runs even on failure, the `[fault] …` report
 * line, waiting, nonce bookkeeping, a private redis-server child, an SQLite lock held from another
 * connection, and seeding schedules into a store the bot will open.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { onTestFinished } from 'vitest';
import { runNonce } from '../../src/scheduler/ids.ts';
import { createScheduler } from '../../src/scheduler/index.ts';
import { openStore } from '../../src/store/index.ts';
import { fakeAccess } from '../scheduler/fake-access.ts';
import { FakeDataset, MemoryPoster, USER } from '../scheduler/support.ts';
import { IN_CI, probeRedis, REDIS_URL } from '../store/helpers.ts';
import type { FakeDiscord, MessageRecord } from '../support/fake-discord.ts';
import { sleep } from '../support/time.ts';

/** Prints `[fault] what: key=value …` (what was injected, what was counted). */
export function report(what: string, counts: Record<string, number | string>): void {
  console.log(
    `[fault] ${what}: ${Object.entries(counts)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}`,
  );
}

/** Cleanup steps run in reverse order; every step runs even when an earlier one throws. */
export class Cleanup {
  private readonly steps: Array<() => unknown> = [];
  add(step: () => unknown): void {
    this.steps.push(step);
  }
  async run(): Promise<void> {
    while (this.steps.length > 0) {
      const step = this.steps.pop();
      try {
        await step?.();
      } catch (error) {
        console.warn('cleanup step failed:', error);
      }
    }
  }
}

/**
 * A Cleanup that runs when the test finishes, passed, failed or timed out (vitest's onTestFinished),
 * so bot processes, fakes, redis children and temp dirs never outlive a test.
 */
export function cleanupAfterTest(): Cleanup {
  const cleanup = new Cleanup();
  onTestFinished(() => cleanup.run());
  return cleanup;
}

export function tempDir(cleanup: Cleanup, label: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `briefbot-${label}-`));
  cleanup.add(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Scheduled posts (not interaction replies) in a channel. */
export const channelPosts = (fake: FakeDiscord, channelId: string): MessageRecord[] =>
  fake.messagesIn(channelId).filter((r) => r.source === 'channel');

export const nonceOf = (r: MessageRecord) => String(r.message.nonce);

/** Posts whose nonce an earlier post already carried (a run posted twice). */
export function duplicateNonces(records: readonly MessageRecord[]): number {
  const nonces = records.map(nonceOf);
  return nonces.length - new Set(nonces).size;
}

/**
 * Maps each post of a schedule back to its run time: the nonce is a hash of (schedule id, run), so
 * every run in `[fromMs, toMs]` stepping `stepMs` is a candidate. Unmatched posts map to NaN.
 */
export function runTimesOf(
  records: readonly MessageRecord[],
  scheduleId: string,
  fromMs: number,
  toMs: number,
  stepMs: number,
): number[] {
  const byNonce = new Map<string, number>();
  for (let t = Math.ceil(fromMs / stepMs) * stepMs; t <= toMs; t += stepMs)
    byNonce.set(runNonce(scheduleId, new Date(t).toISOString()), t);
  return records.map((r) => byNonce.get(nonceOf(r)) ?? Number.NaN);
}

/** When a CI run must not skip Redis: throws; otherwise returns why Redis is not usable (or undefined). */
export async function redisProblem(url = REDIS_URL): Promise<string | undefined> {
  const unreachable = await probeRedis(url);
  if (unreachable && IN_CI) throw new Error(`CI is set but Redis at ${url} is unreachable: ${unreachable}`);
  return unreachable;
}

/**
 * A private redis-server child on a fixed port. With `aof`, every write is fsynced to an append-only
 * file in `dir` before Redis acknowledges it, so a SIGKILL loses nothing that was acknowledged.
 */
export class RedisChild {
  private child: ChildProcess | undefined;
  constructor(
    readonly port: number,
    readonly dir: string,
    readonly aof: boolean,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--dir', this.dir];
    args.push(...(this.aof ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no']));
    const child = spawn('redis-server', args, { stdio: 'ignore' });
    this.child = child;
    const deadline = Date.now() + 10_000;
    while ((await probeRedis(this.url)) !== undefined) {
      if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
      if (Date.now() > deadline) throw new Error(`redis-server on port ${this.port} did not start`);
      await sleep(25);
    }
  }

  async kill(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
  }
}

interface RawDb {
  exec(sql: string, cb: (err: Error | null) => void): void;
  close(cb: (err: Error | null) => void): void;
}

/**
 * Write-locks an SQLite store file from another connection, as a stuck writer or a backup tool would:
 * `BEGIN EXCLUSIVE` + a write, held until `release()`. In WAL mode other connections can still read,
 * but every write fails with SQLITE_BUSY after their busy timeout: the file is effectively read-only.
 * Works as root, unlike chmod 0444.
 */
export async function lockSqliteFile(file: string): Promise<{ release(): Promise<void> }> {
  const require = createRequire(import.meta.url);
  const sqlite3 = createRequire(require.resolve('@keyv/sqlite'))('sqlite3') as {
    Database: new (file: string, cb: (err: Error | null) => void) => RawDb;
  };
  const db = await new Promise<RawDb>((resolve, reject) => {
    const opened: RawDb = new sqlite3.Database(file, (err) => (err ? reject(err) : resolve(opened)));
  });
  const exec = (sql: string) =>
    new Promise<void>((resolve, reject) => db.exec(sql, (err) => (err ? reject(err) : resolve())));
  await exec(
    'PRAGMA busy_timeout = 10000; BEGIN EXCLUSIVE; ' +
      "INSERT INTO keyv (key, value) VALUES ('fault-test:lock', '{}') ON CONFLICT(key) DO NOTHING;",
  );
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      await exec("DELETE FROM keyv WHERE key = 'fault-test:lock'; COMMIT;").catch(() => {});
      await new Promise<void>((resolve) => db.close(() => resolve()));
    },
  };
}

/**
 * Creates `perGuild` schedules in each of `guildCount` new fake guilds (one new channel each) through
 * the real ScheduleService, the way /schedule add does, but without the 15-minute minimum interval
 * (so a cron with a seconds field is accepted). Returns each schedule's id and channel.
 */
export async function seedSchedules(
  fake: FakeDiscord,
  storeUrl: string,
  spec: {
    guildCount: number;
    perGuild: number;
    cron: string;
    /** The id of the g-th new guild (e.g. one on a given shard); default: a fresh snowflake. */
    guildId?: (g: number) => string;
  },
): Promise<Array<{ scheduleId: string; channelId: string; guildId: string }>> {
  const store = await openStore(storeUrl);
  const scheduler = createScheduler({
    store,
    poster: new MemoryPoster(),
    dataset: await FakeDataset.real(),
    options: { minIntervalMs: 0, resyncIntervalMs: 0 },
  });
  const access = fakeAccess(fake);
  const seeded: Array<{ scheduleId: string; channelId: string; guildId: string }> = [];
  try {
    await Promise.all(
      Array.from({ length: spec.guildCount }, async (_, g) => {
        const id = spec.guildId?.(g);
        const guild = fake.addGuild({ ...(id ? { id } : {}), name: `fanout-${g}`, channels: [] });
        for (let i = 0; i < spec.perGuild; i++) {
          const channel = fake.addChannel(guild.id, { name: `briefings-${i}` });
          const view = await scheduler.service.add(
            { guildId: guild.id, userId: USER, channelId: channel.id, cron: spec.cron, timezone: 'UTC' },
            access,
          );
          seeded.push({ scheduleId: view.id, channelId: channel.id, guildId: guild.id });
        }
      }),
    );
  } finally {
    await scheduler.stop();
    await store.close();
  }
  return seeded;
}
