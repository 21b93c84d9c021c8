/**
 * Real OS processes sharing one store post to the fake Discord: the per-(schedule, run) claim is the
 * lease, so each run is posted once even by processes that both own the guild; with sharding, each
 * process posts only its own guilds. Redis is required in CI (CI=true fails instead of skipping).
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createScheduler } from '../../src/scheduler/index.ts';
import { openStore } from '../../src/store/index.ts';
import { cleanRedis, IN_CI, probeRedis, REDIS_URL, uniquePrefix } from '../store/helpers.ts';
import { type FakeDiscord, startFakeDiscord } from '../support/fake-discord.ts';
import { tempSqlite } from '../support/stores.ts';
import { ManualClock } from '../support/time.ts';
import { fakeAccess } from './fake-access.ts';
import { FakeDataset, guildOnShard, MemoryPoster, USER } from './support.ts';

const run = promisify(execFile);
const worker = fileURLToPath(new URL('./fixtures/worker.ts', import.meta.url));
const RUN_AT = '2025-09-01T09:00:00.000Z';

let fake: FakeDiscord;
let temp: Awaited<ReturnType<typeof tempSqlite>>;
beforeEach(async () => {
  fake = await startFakeDiscord({ guilds: [] });
  fake.setRateLimits({ globalPerSecond: 50, perChannelMessages: { count: 5, windowMs: 5_000 } });
  temp = await tempSqlite();
});
afterEach(async () => {
  await fake.close();
  await temp.cleanup();
});

/** Creates `perGuild` schedules in each guild through the service, all at 09:00 UTC. */
async function seed(url: string, keyPrefix: string, guildIds: string[], perGuild: number): Promise<string[]> {
  const store = await openStore(url, { keyPrefix });
  const clock = new ManualClock(Date.parse('2025-09-01T08:00:00Z'));
  const scheduler = createScheduler({
    store,
    poster: new MemoryPoster(),
    dataset: await FakeDataset.real(),
    clock,
    options: { resyncIntervalMs: 0 },
  });
  const channels: string[] = [];
  try {
    for (const guildId of guildIds) {
      fake.addGuild({ id: guildId, channels: [] });
      for (let i = 0; i < perGuild; i++) {
        const channel = fake.addChannel(guildId, { name: `briefings-${i}` });
        channels.push(channel.id);
        await scheduler.service.add(
          { guildId, userId: USER, channelId: channel.id, cron: '0 9 * * *' },
          fakeAccess(fake),
        );
      }
    }
  } finally {
    await scheduler.stop();
    await store.close();
  }
  return channels;
}

async function race(url: string, keyPrefix: string, shards: Array<{ ids: number[]; count: number }>) {
  const startAt = Date.now() + 4_000;
  const outputs = await Promise.all(
    shards.map((s) =>
      run(
        process.execPath,
        [
          '--import',
          'tsx',
          worker,
          url,
          keyPrefix,
          fake.apiUrl,
          RUN_AT,
          String(startAt),
          s.ids.join(','),
          String(s.count),
        ],
        { timeout: 60_000 },
      ),
    ),
  );
  return outputs.map(({ stdout }) => JSON.parse(stdout) as { pid: number; outcomes: Record<string, number> });
}

async function scenario(url: string, keyPrefix: string) {
  // Both processes own every guild: only the claim stops them both posting.
  const guilds = [guildOnShard(0, 1, 11), guildOnShard(0, 1, 12)];
  const channels = await seed(url, keyPrefix, guilds, 10);
  const reports = await race(url, keyPrefix, [
    { ids: [0], count: 1 },
    { ids: [0], count: 1 },
  ]);
  const posted = reports.reduce((n, r) => n + (r.outcomes.posted ?? 0), 0);
  expect(posted).toBe(20);
  for (const ch of channels) expect(fake.messagesIn(ch)).toHaveLength(1);
  expect(reports.every((r) => (r.outcomes.failed ?? 0) === 0)).toBe(true);
}

async function sharded(url: string, keyPrefix: string) {
  const g0 = guildOnShard(0, 2, 21);
  const g1 = guildOnShard(1, 2, 22);
  const channels = await seed(url, keyPrefix, [g0, g1], 3);
  const [r0, r1] = await race(url, keyPrefix, [
    { ids: [0], count: 2 },
    { ids: [1], count: 2 },
  ]);
  expect(r0?.outcomes.posted).toBe(3);
  expect(r1?.outcomes.posted).toBe(3);
  for (const ch of channels) expect(fake.messagesIn(ch)).toHaveLength(1);
}

describe('two bot processes, one store', () => {
  it('SQLite file: each run posted once; each shard posts its own guilds', async () => {
    await scenario(temp.url, uniquePrefix('sched'));
    await sharded(temp.url, uniquePrefix('shard'));
  }, 90_000);

  it('Redis: each run posted once; each shard posts its own guilds', async (ctx) => {
    const unreachable = await probeRedis(REDIS_URL);
    if (unreachable && IN_CI)
      throw new Error(`CI is set but Redis at ${REDIS_URL} is unreachable: ${unreachable}`);
    if (unreachable) ctx.skip(`Redis at ${REDIS_URL} unreachable: ${unreachable}`);
    const a = uniquePrefix('sched');
    const b = uniquePrefix('shard');
    try {
      await scenario(REDIS_URL, a);
      await sharded(REDIS_URL, b);
    } finally {
      await cleanRedis(REDIS_URL, a);
      await cleanRedis(REDIS_URL, b);
    }
  }, 90_000);
});
