/** SHARD_COUNT + SHARD_IDS for `npm start` (issue 16): what a range means, and what is refused. */
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, shardsOf } from '../../src/config.ts';
import { compactShardIds, ownsGuild, parseShardIds, shardOfGuild } from '../../src/scheduler/shard.ts';
import { TEST_TOKEN } from '../support/bot-process.ts';
import { guildIdForShard } from '../support/fake-discord.ts';

const REDIS = 'redis://127.0.0.1:6379';

function problems(env: Record<string, string>): string[] {
  try {
    parseConfig({ DISCORD_TOKEN: TEST_TOKEN, ...env });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.filter((p) => !p.startsWith('See .env.example'));
  }
  return [];
}

describe('shard ranges in the configuration', () => {
  it('reads ranges and lists, ascending', () => {
    expect(
      parseConfig({ DISCORD_TOKEN: TEST_TOKEN, SHARD_COUNT: '16', SHARD_IDS: '4-7', STORE_URL: REDIS })
        .shards,
    ).toEqual({
      ids: [4, 5, 6, 7],
      count: 16,
    });
    expect(shardsOf({ SHARD_COUNT: '8', SHARD_IDS: ' 6, 0-1 ,3', STORE_URL: 'postgres://u@h/db' })).toEqual({
      ids: [0, 1, 3, 6],
      count: 8,
    });
    // A count alone: every shard of it in this process.
    expect(shardsOf({ SHARD_COUNT: '3', STORE_URL: REDIS })).toEqual({ ids: [0, 1, 2], count: 3 });
    // Nothing set: the one shard, on any store (SQLite included).
    expect(parseConfig({ DISCORD_TOKEN: TEST_TOKEN }).shards).toEqual({ ids: [0], count: 1 });
    expect(shardsOf({ SHARD_COUNT: '1', STORE_URL: 'sqlite://var/x.sqlite' })).toEqual({
      ids: [0],
      count: 1,
    });
  });

  it.each([
    [
      { SHARD_COUNT: '6', SHARD_IDS: '4-7' },
      /SHARD_IDS.*names shard 7, but SHARD_COUNT is 6: shard ids run from 0 to 5/,
    ],
    [{ SHARD_COUNT: '6', SHARD_IDS: '0-3,2' }, /SHARD_IDS.*names shard 2 twice/],
    [{ SHARD_COUNT: '6', SHARD_IDS: '1,1' }, /SHARD_IDS.*names shard 1 twice/],
    [{ SHARD_COUNT: '6', SHARD_IDS: '5-3' }, /SHARD_IDS.*range 5-3 backwards: write 3-5/],
    [{ SHARD_COUNT: '6', SHARD_IDS: 'four' }, /SHARD_IDS.*"four", which is not a shard id or a range/],
    [{ SHARD_COUNT: '6', SHARD_IDS: ' , ' }, /SHARD_IDS.*is empty/],
    [{ SHARD_IDS: '0-1' }, /SHARD_IDS.*needs SHARD_COUNT/],
    [{ SHARD_COUNT: 'auto' }, /SHARD_COUNT.*auto is for npm run start:sharded/],
    [{ SHARD_COUNT: '0' }, /SHARD_COUNT.*positive whole number/],
    [{ SHARD_COUNT: '2.5' }, /SHARD_COUNT.*positive whole number/],
  ])('refuses %o, naming the variable and the fix', (env, message) => {
    const found = problems({ STORE_URL: REDIS, ...env });
    expect(found.join('\n')).toMatch(message);
  });

  it('refuses a shard count on a store other hosts cannot share, naming Redis and Postgres', () => {
    for (const STORE_URL of ['sqlite://var/briefbot.sqlite', 'memory://']) {
      const found = problems({ SHARD_COUNT: '4', SHARD_IDS: '0-1', STORE_URL }).join('\n');
      expect(found).toMatch(/STORE_URL/);
      expect(found).toMatch(/SQLite cannot be shared across hosts/);
      expect(found).toMatch(/Redis \(redis:\/\/host:6379\) or Postgres/);
    }
    expect(problems({ SHARD_COUNT: '4', SHARD_IDS: '0-1', STORE_URL: 'rediss://h:6380' })).toEqual([]);
    expect(problems({ SHARD_COUNT: '4', SHARD_IDS: '0-1', STORE_URL: 'postgresql://u@h/db' })).toEqual([]);
  });

  it('refuses a bad METRICS_PORT or METRICS_HOST and defaults the host to loopback', () => {
    expect(parseConfig({ DISCORD_TOKEN: TEST_TOKEN }).METRICS_HOST).toBe('127.0.0.1');
    expect(parseConfig({ DISCORD_TOKEN: TEST_TOKEN }).METRICS_PORT).toBeUndefined();
    expect(parseConfig({ DISCORD_TOKEN: TEST_TOKEN, METRICS_PORT: '9464' }).METRICS_PORT).toBe(9464);
    expect(problems({ METRICS_PORT: '70000' }).join('\n')).toMatch(/METRICS_PORT.*1 to 65535/);
    expect(problems({ METRICS_PORT: 'http' }).join('\n')).toMatch(/METRICS_PORT.*e\.g\. 9464/);
    expect(problems({ METRICS_HOST: 'a b' }).join('\n')).toMatch(/METRICS_HOST.*0\.0\.0\.0/);
  });

  it('under the ShardingManager, takes the shards it hands the process', () => {
    expect(
      shardsOf({ SHARDING_MANAGER: 'true', SHARDS: '[2]', SHARD_COUNT: '4', STORE_URL: 'sqlite://x' }),
    ).toEqual({ ids: [2], count: 4 });
    expect(
      shardsOf({ SHARDING_MANAGER: 'true', SHARDS: '7', SHARD_COUNT: '4', STORE_URL: 'sqlite://x' }),
    ).toMatchObject({
      variable: 'SHARDS',
    });
  });
});

describe('ownership follows the ids', () => {
  it('a server belongs to exactly one of three disjoint ranges, the one with its shard', () => {
    const ranges = ['0-1', '2-3', '4-5'].map((r) => ({
      ...(parseShardIds(r, 6) as { ids: number[] }),
      count: 6,
    }));
    for (let shard = 0; shard < 6; shard++) {
      const guild = guildIdForShard(shard, 6);
      expect(shardOfGuild(guild, 6)).toBe(shard);
      expect(ranges.filter((r) => ownsGuild(guild, r)).map((r) => compactShardIds(r.ids))).toEqual([
        compactShardIds([shard - (shard % 2), shard - (shard % 2) + 1]),
      ]);
    }
    // The operator's default schedule runs on the range with shard 0 only.
    expect(ranges.map((r) => ownsGuild(null, r))).toEqual([true, false, false]);
  });

  it('names sets compactly', () => {
    expect(compactShardIds([5, 0, 1, 2, 7, 8])).toBe('0-2,5,7-8');
  });
});
