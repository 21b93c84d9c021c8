/**
 * Two real bot processes sharing one Redis, both owning shard 0 (so both run every schedule), against
 * the fake Discord with its rate limits on: the per-(schedule, run) claim lets exactly one of them post
 * each run. Redis is required in CI (CI=true fails instead of skipping).
 */
import { describe, expect, it } from 'vitest';
import { runNonce } from '../../src/scheduler/ids.ts';
import { DEFAULT_SCHEDULE_ID } from '../../src/scheduler/types.ts';
import { cleanRedis, REDIS_URL } from '../store/helpers.ts';
import { type BotProcess, isReady, spawnBot } from '../support/bot-process.ts';
import { type MessageRecord, startFakeDiscord } from '../support/fake-discord.ts';
import { sleep } from '../support/time.ts';
import { cleanupAfterTest, nonceOf, redisProblem, report, seedSchedules } from './support.ts';

const DEFAULT_EVERY_MS = 2_000;
const GUILD_EVERY_MS = 5_000;
const RUN_FOR_MS = 10_000;

/** The shared Redis, on a database of its own (the bot uses the default key prefix). */
function isolatedRedisUrl(): string {
  const url = new URL(REDIS_URL);
  url.pathname = '/13';
  return url.toString();
}

/** Nonces of every run of `scheduleId` in (from, to], stepping `stepMs` (runs fall on whole steps). */
function runNonces(scheduleId: string, from: number, to: number, stepMs: number): string[] {
  const out: string[] = [];
  for (let t = Math.floor(from / stepMs) * stepMs + stepMs; t <= to; t += stepMs)
    out.push(runNonce(scheduleId, new Date(t).toISOString()));
  return out;
}

describe('two bot processes, one Redis', () => {
  it('both own shard 0: every run of the default and guild schedules is posted exactly once', async (ctx) => {
    const problem = await redisProblem(REDIS_URL);
    if (problem) ctx.skip(`Redis at ${REDIS_URL} unreachable: ${problem}`);
    const redisUrl = isolatedRedisUrl();
    const cleanup = cleanupAfterTest();
    await cleanRedis(redisUrl, 'briefbot');
    cleanup.add(() => cleanRedis(redisUrl, 'briefbot'));
    const fake = await startFakeDiscord();
    cleanup.add(() => fake.close());
    fake.setRateLimits({ globalPerSecond: 50, perChannelMessages: { count: 5, windowMs: 5_000 } });
    const seeded = await seedSchedules(fake, redisUrl, {
      guildCount: 2,
      perGuild: 5,
      cron: '*/5 * * * * *',
    });

    const env = {
      DISCORD_API_URL: fake.apiUrl,
      DISCORD_GUILD_ID: fake.defaultGuildId,
      STORE_URL: redisUrl,
      BRIEFING_CHANNEL_ID: fake.defaultChannelId,
      BRIEFING_CRON: '*/2 * * * * *',
    };
    const bots: BotProcess[] = [spawnBot(env), spawnBot(env)];
    cleanup.add(() => Promise.all(bots.map((b) => b.stop())));
    await Promise.all(bots.map((b) => b.waitForLog(isReady, 30_000)));
    // Both loaded every schedule (nothing is sharded away).
    for (const b of bots) {
      const loaded = await b.waitForLog((l) => /^scheduler loaded/.test(String(l.msg)), 5_000);
      expect(loaded.schedules).toBe(seeded.length + 1);
    }
    const sessions = fake.shards().length;
    const from = Date.now();
    await sleep(RUN_FOR_MS);
    const to = Date.now();
    await sleep(1_500); // runs due just before `to` finish posting
    await Promise.all(bots.map((b) => b.stop()));

    const channels = [fake.defaultChannelId, ...seeded.map((s) => s.channelId)];
    const posts: MessageRecord[] = fake
      .messagesIn()
      .filter((r) => r.source === 'channel' && channels.includes(r.channelId));
    const nonces = new Map<string, number>();
    for (const p of posts) nonces.set(nonceOf(p), (nonces.get(nonceOf(p)) ?? 0) + 1);
    const expected = [
      ...runNonces(DEFAULT_SCHEDULE_ID, from, to, DEFAULT_EVERY_MS),
      ...seeded.flatMap((s) => runNonces(s.scheduleId, from, to, GUILD_EVERY_MS)),
    ];
    const missing = expected.filter((n) => !nonces.has(n)).length;
    const postRequests = fake.requests.filter(
      (r) => r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.path),
    ).length;
    const twice = [...nonces.values()].filter((n) => n > 1).length;
    report('two processes, one Redis, both on shard 0', {
      processes: bots.length,
      schedules: seeded.length + 1,
      runsExpected: expected.length,
      posts: posts.length,
      postRequests,
      gatewaySessions: sessions,
      missing,
      duplicates: twice,
      dedupedByNonce: fake.stats.nonceDeduped,
      rateLimited429: fake.stats.rateLimited,
    });
    expect(sessions).toBe(2);
    expect(twice).toBe(0);
    expect(missing).toBe(0);
    // The claim stopped the second process before it sent anything: one request per post.
    expect(fake.stats.nonceDeduped).toBe(0);
    expect(postRequests).toBe(posts.length);
    expect(fake.stats.rateLimited).toBe(0);
    expect(fake.violations).toEqual([]);
  }, 60_000);
});
