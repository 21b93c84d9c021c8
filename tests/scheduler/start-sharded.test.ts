/** src/cli/start-sharded.ts: ShardingManager spawns src/index.ts per shard with tsx, against the fake. */
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { parseShardCount } from '../../src/cli/start-sharded.ts';
import { cleanRedis, IN_CI, probeRedis, REDIS_URL } from '../store/helpers.ts';
import { TEST_TOKEN } from '../support/bot-process.ts';
import { type FakeDiscord, startFakeDiscord } from '../support/fake-discord.ts';
import { REPO } from '../support/fixtures.ts';
import { httpGet } from '../support/ops-http.ts';
import { tempStoreUrl } from '../support/stores.ts';

describe('SHARD_COUNT', () => {
  it('is a positive number or auto', () => {
    expect(parseShardCount(undefined)).toBe('auto');
    expect(parseShardCount(' auto ')).toBe('auto');
    expect(parseShardCount('3')).toBe(3);
    expect(() => parseShardCount('0')).toThrow(/positive whole number or "auto"/);
    expect(() => parseShardCount('two')).toThrow(/SHARD_COUNT/);
  });
});

let fake: FakeDiscord | undefined;
afterEach(async () => {
  await fake?.close();
});

describe('npm run start:sharded', () => {
  it('asks the (fake) API for the shard count and brings every shard up as its own process', async () => {
    fake = await startFakeDiscord({ recommendedShards: 2 });
    const launcher = spawn(process.execPath, ['--import', 'tsx', 'src/cli/start-sharded.ts'], {
      cwd: REPO,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DISCORD_TOKEN: TEST_TOKEN,
        DISCORD_API_URL: fake.apiUrl,
        DISCORD_GUILD_ID: fake.defaultGuildId,
        STORE_URL: tempStoreUrl(),
        SHARD_COUNT: 'auto',
        SHARD_SPAWN_DELAY_MS: '0',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    launcher.stdout?.on('data', (c: Buffer) => {
      output += c.toString();
    });
    launcher.stderr?.on('data', (c: Buffer) => {
      output += c.toString();
    });
    const exited = new Promise<number | null>((resolve) => launcher.once('exit', (code) => resolve(code)));
    try {
      const shards = await fake.waitForShards(2, 60_000);
      expect(shards.map((s) => s.shard).sort()).toEqual([
        [0, 2],
        [1, 2],
      ]);
      const deadline = Date.now() + 30_000;
      while (!output.includes('all shards ready') && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      expect(output).toContain('all shards ready');
    } finally {
      launcher.kill('SIGTERM');
      const code = await Promise.race([
        exited,
        new Promise<'hung'>((r) => setTimeout(() => r('hung'), 15_000)),
      ]);
      if (code === 'hung') launcher.kill('SIGKILL');
    }
    expect(fake.shards().filter((s) => s.connected)).toHaveLength(0);
  }, 90_000);

  it('spawns only a range (SHARD_IDS) of a fixed SHARD_COUNT, each shard process ready on its own metrics port', async (ctx) => {
    const problem = await probeRedis(REDIS_URL);
    if (problem && IN_CI) throw new Error(`CI is set but Redis at ${REDIS_URL} is unreachable: ${problem}`);
    if (problem) ctx.skip(`Redis at ${REDIS_URL} unreachable: ${problem}`);
    const url = new URL(REDIS_URL);
    url.pathname = '/9';
    await cleanRedis(url.toString(), 'briefbot');
    fake = await startFakeDiscord();
    const launcher = spawn(process.execPath, ['--import', 'tsx', 'src/cli/start-sharded.ts'], {
      cwd: REPO,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DISCORD_TOKEN: TEST_TOKEN,
        DISCORD_API_URL: fake.apiUrl,
        DISCORD_GUILD_ID: fake.defaultGuildId,
        STORE_URL: url.toString(),
        SHARD_COUNT: '4',
        SHARD_IDS: '2-3',
        METRICS_PORT: '0',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    for (const stream of [launcher.stdout, launcher.stderr])
      stream?.on('data', (c: Buffer) => {
        output += c.toString();
      });
    const exited = new Promise<number | null>((resolve) => launcher.once('exit', (code) => resolve(code)));
    try {
      const shards = await fake.waitForShards(2, 60_000);
      expect(shards.map((s) => s.shard).sort()).toEqual([
        [2, 4],
        [3, 4],
      ]);
      const deadline = Date.now() + 30_000;
      while (!output.includes('all shards ready') && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      const ports = [...output.matchAll(/health and metrics on http:\/\/127\.0\.0\.1:(\d+)/g)].map((m) =>
        Number(m[1]),
      );
      expect(new Set(ports).size).toBe(2);
      for (const port of ports) expect((await httpGet(port, '/readyz')).status).toBe(200);
    } finally {
      launcher.kill('SIGTERM');
      const code = await Promise.race([
        exited,
        new Promise<'hung'>((r) => setTimeout(() => r('hung'), 15_000)),
      ]);
      if (code === 'hung') launcher.kill('SIGKILL');
      await cleanRedis(url.toString(), 'briefbot');
    }
  }, 90_000);
});
