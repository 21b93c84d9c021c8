/**
 * Shard ranges across hosts (issue 16): three real bot processes, each `npm start`ed with the same
 * SHARD_COUNT and its own SHARD_IDS, on one Redis, against the loopback fake Discord, which refuses
 * an IDENTIFY that comes too soon in its max_concurrency bucket. Servers are spread over every shard.
 * Every run of every schedule is posted exactly once, by the process that owns the server's shard;
 * one process is SIGKILLed and restarted: nothing lost, nothing doubled. Health, readiness and the
 * counters are read from outside, over HTTP, as Prometheus and a load balancer would.
 *
 * A second test runs two processes whose ranges overlap by mistake: the overlap is logged as an
 * error and shown in /metrics, and the per-run claim still keeps every post single.
 */
import { describe, expect, it } from 'vitest';
import { runNonce } from '../../src/scheduler/ids.ts';
import { shardOfGuild } from '../../src/scheduler/shard.ts';
import { DEFAULT_SCHEDULE_ID } from '../../src/scheduler/types.ts';
import { cleanupAfterTest, nonceOf, redisProblem, report, seedSchedules } from '../faults/support.ts';
import { cleanRedis, REDIS_URL } from '../store/helpers.ts';
import { type BotProcess, isReady, spawnBot } from '../support/bot-process.ts';
import {
  type FakeDiscord,
  guildIdForShard,
  type MessageRecord,
  startFakeDiscord,
} from '../support/fake-discord.ts';
import { httpGet, metricSum, metricsPortOf, type Sample, scrape } from '../support/ops-http.ts';
import { sleep } from '../support/time.ts';

const EVERY_MS = 5_000;
const CRON = '*/5 * * * * *';

/** The shared Redis, on a database of its own (the bots use the default key prefix). */
function isolatedRedisUrl(db: number): string {
  const url = new URL(REDIS_URL);
  url.pathname = `/${db}`;
  return url.toString();
}

/** Run times of a `*\/5 s` schedule in (from, to]. */
function runsIn(from: number, to: number): number[] {
  const out: number[] = [];
  for (let t = Math.floor(from / EVERY_MS) * EVERY_MS + EVERY_MS; t <= to; t += EVERY_MS) out.push(t);
  return out;
}

/** Waits until `ms` past a run boundary (so no run is in flight when something is done to a process). */
async function untilPastBoundary(ms: number): Promise<void> {
  const now = Date.now();
  const into = now % EVERY_MS;
  await sleep(into <= ms ? ms - into : EVERY_MS - into + ms);
}

interface Host {
  tag: string;
  ids: string;
  bot: BotProcess;
  port: number;
}

/** Which client (process tag) sent each scheduled post: the request that created the message. */
function posterOf(fake: FakeDiscord): Map<string, string | null> {
  const byMessage = new Map<string, string | null>();
  for (const r of fake.requests) {
    if (r.method !== 'POST' || !/^\/channels\/\d+\/messages$/.test(r.path) || r.status !== 200) continue;
    const id = (r.responseBody as { id?: unknown } | undefined)?.id;
    if (typeof id === 'string') byMessage.set(id, r.client);
  }
  return byMessage;
}

describe('shard ranges across hosts', () => {
  it('three processes with disjoint ranges of 6 shards: each schedule posted once, by its owner, through a SIGKILL and restart', async (ctx) => {
    const problem = await redisProblem(REDIS_URL);
    if (problem) ctx.skip(`Redis at ${REDIS_URL} unreachable: ${problem}`);
    const redisUrl = isolatedRedisUrl(11);
    const cleanup = cleanupAfterTest();
    await cleanRedis(redisUrl, 'briefbot');
    cleanup.add(() => cleanRedis(redisUrl, 'briefbot'));
    const SHARDS = 6;
    // max_concurrency 3, enforced: shards 0 and 3, 1 and 4, 2 and 5 share a bucket across hosts.
    const fake = await startFakeDiscord({ maxConcurrency: 3, enforceIdentifyConcurrency: true });
    cleanup.add(() => fake.close());
    fake.setRateLimits({ globalPerSecond: 50, perChannelMessages: { count: 5, windowMs: 5_000 } });
    const seeded = await seedSchedules(fake, redisUrl, {
      guildCount: SHARDS * 2,
      perGuild: 1,
      cron: CRON,
      guildId: (g) => guildIdForShard(g % SHARDS, SHARDS),
    });
    const shardOf = new Map(seeded.map((s) => [s.scheduleId, shardOfGuild(s.guildId, SHARDS)]));
    expect(new Set(shardOf.values()).size).toBe(SHARDS);

    const envFor = (tag: string, ids: string) => ({
      DISCORD_API_URL: fake.apiUrlFor(tag),
      DISCORD_GUILD_ID: fake.defaultGuildId,
      STORE_URL: redisUrl,
      BRIEFING_CHANNEL_ID: fake.defaultChannelId,
      BRIEFING_CRON: CRON,
      SHARD_COUNT: String(SHARDS),
      SHARD_IDS: ids,
      METRICS_PORT: '0',
    });
    const bots: BotProcess[] = [];
    cleanup.add(() => Promise.all(bots.map((b) => b.stop('SIGKILL'))));
    const startHost = async (tag: string, ids: string): Promise<Host> => {
      const bot = spawnBot(envFor(tag, ids));
      bots.push(bot);
      const port = await metricsPortOf(bot);
      return { tag, ids, bot, port };
    };
    const startedAt = Date.now();
    const hosts = await Promise.all([startHost('a', '0-1'), startHost('b', '2,3'), startHost('c', '4-5')]);
    // Not ready until its gateway is: /readyz says why, and /healthz is up from the start.
    const early = await httpGet(hosts[0]?.port ?? 0, '/healthz');
    expect(early.status).toBe(200);
    await Promise.all(hosts.map((h) => h.bot.waitForLog(isReady, 60_000)));
    const identifyMs = Date.now() - startedAt;
    for (const h of hosts) {
      const ready = await httpGet(h.port, '/readyz');
      expect(ready.status, `${h.tag}: ${ready.body}`).toBe(200);
      const loaded = await h.bot.waitForLog((l) => /^scheduler loaded/.test(String(l.msg)), 10_000);
      // Every line names the range that wrote it, so the logs of many hosts can be told apart.
      const lines = h.bot.logs.filter((l) => 'level' in l);
      expect(lines.filter((l) => l.shardRange !== `${h.ids.replace(',', '-')}/${SHARDS}`)).toEqual([]);
      const own = seeded.filter((s) => h.ids.includes(String(shardOf.get(s.scheduleId))));
      // Its own servers' schedules only (and the operator default on the host with shard 0).
      expect(loaded.schedules, h.tag).toBe(own.length + (h.tag === 'a' ? 1 : 0));
    }
    // Identify: one accepted per bucket per 5 s across the three processes, none refused.
    const accepted = fake.identifies.filter((r) => r.refusedWith === null);
    const identifySpreadMs = Math.max(...accepted.map((r) => r.at)) - Math.min(...accepted.map((r) => r.at));
    expect(accepted.map((r) => r.shard[0]).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(fake.identifies.filter((r) => r.tooSoon)).toEqual([]);
    // An interaction in a server of shard 1 reaches host a only.
    const onShard1 = seeded.find((s) => shardOf.get(s.scheduleId) === 1);
    const about = await fake.chatInput('about', {}, { guildId: onShard1?.guildId ?? null }).visible();
    expect(about.message).toBeTruthy();

    const from = Date.now();
    await sleep(6_000);
    await untilPastBoundary(2_000);
    const killed = hosts[1] as Host;
    const killedAt = Date.now();
    expect(await killed.bot.stop('SIGKILL')).toBe(null);
    const restarted = await startHost('b2', killed.ids);
    await restarted.bot.waitForLog(isReady, 60_000);
    const backAt = Date.now();
    await sleep(6_000);
    const to = Date.now();
    // Scrape between runs (the runs due just before `to` have posted, the next is seconds away),
    // so the counters and the fake's messages describe the same moment.
    await untilPastBoundary(2_000);
    const scrapedAt = Date.now();

    const live = [hosts[0] as Host, restarted, hosts[2] as Host];
    const metrics = new Map<string, Sample[]>();
    for (const h of live) metrics.set(h.tag, await scrape(h.port));
    for (const h of live) {
      const ready = await httpGet(h.port, '/readyz');
      expect(ready.status, `${h.tag}: ${ready.body}`).toBe(200);
    }
    await Promise.all(live.map((h) => h.bot.stop()));

    const channelOf = new Map(seeded.map((s) => [s.channelId, s.scheduleId]));
    channelOf.set(fake.defaultChannelId, DEFAULT_SCHEDULE_ID);
    const posts: MessageRecord[] = fake
      .messagesIn()
      .filter((r) => r.source === 'channel' && channelOf.has(r.channelId));
    const posters = posterOf(fake);
    const ownerTag = (scheduleId: string, at: number): string => {
      const shard = scheduleId === DEFAULT_SCHEDULE_ID ? 0 : (shardOf.get(scheduleId) as number);
      if (shard <= 1) return 'a';
      if (shard >= 4) return 'c';
      return at < killedAt ? 'b' : 'b2';
    };
    const nonceCount = new Map<string, number>();
    for (const p of posts) nonceCount.set(nonceOf(p), (nonceCount.get(nonceOf(p)) ?? 0) + 1);
    const duplicates = [...nonceCount.values()].filter((n) => n > 1).length;
    const wrongPoster = posts.filter((p) => {
      const scheduleId = channelOf.get(p.channelId) as string;
      return posters.get(p.message.id) !== ownerTag(scheduleId, p.createdAt);
    });
    // Every run in (from, to]; the killed host's runs while it was down fold into the first one
    // after its restart (missed runs collapse into the latest), so those may be absent, no others.
    const missing: string[] = [];
    let foldedAway = 0;
    for (const scheduleId of new Set(channelOf.values())) {
      const onKilled = [2, 3].includes(shardOf.get(scheduleId) ?? 0);
      for (const t of runsIn(from, to)) {
        if (nonceCount.has(runNonce(scheduleId, new Date(t).toISOString()))) continue;
        if (onKilled && t > killedAt && t < backAt) foldedAway++;
        else missing.push(`${scheduleId}@${new Date(t).toISOString()}`);
      }
    }
    const postRequests = fake.requests.filter(
      (r) => r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.path),
    ).length;
    const postsBy = (tag: string) => posts.filter((p) => posters.get(p.message.id) === tag).length;
    const postsBeforeScrape = (tag: string) =>
      posts.filter((p) => posters.get(p.message.id) === tag && p.createdAt < scrapedAt).length;
    report('three hosts, shards 0-1, 2-3, 4-5 of 6, one Redis', {
      schedules: channelOf.size,
      posts: posts.length,
      byA: postsBy('a'),
      byB: postsBy('b'),
      byBRestarted: postsBy('b2'),
      byC: postsBy('c'),
      startToAllReadyMs: identifyMs,
      identifySpreadMs,
      restartToReadyMs: backAt - killedAt,
      foldedWhileDown: foldedAway,
      missing: missing.length,
      duplicates,
      rateLimited429: fake.stats.rateLimited,
    });
    expect(missing).toEqual([]);
    expect(duplicates).toBe(0);
    expect(wrongPoster.map((p) => `${p.channelId}:${posters.get(p.message.id)}`)).toEqual([]);
    expect(postRequests).toBe(posts.length); // no run was even attempted twice
    expect(fake.stats.rateLimited).toBe(0);
    expect(fake.identifies.filter((r) => r.tooSoon)).toEqual([]);
    expect(fake.violations).toEqual([]);

    // The counters moved as the run did, each process counting its own work.
    for (const h of live) {
      const m = metrics.get(h.tag) as Sample[];
      expect(metricSum(m, 'briefbot_scheduled_runs_total', { outcome: 'posted' }), h.tag).toBe(
        postsBeforeScrape(h.tag),
      );
      expect(metricSum(m, 'briefbot_scheduled_runs_total', { outcome: 'abandoned' }), h.tag).toBe(0);
      expect(metricSum(m, 'briefbot_shard_range_conflicts'), h.tag).toBe(0);
      for (const shard of h.ids === '0-1' ? ['0', '1'] : h.ids === '2,3' ? ['2', '3'] : ['4', '5'])
        expect(metricSum(m, 'briefbot_gateway_shard_ready', { shard }), `${h.tag} shard ${shard}`).toBe(1);
      expect(metricSum(m, 'briefbot_gateway_identify_wait_seconds_count', { via: 'store' }), h.tag).toBe(2);
      expect(metricSum(m, 'briefbot_dataset_events'), h.tag).toBeGreaterThan(0);
      expect(metricSum(m, 'briefbot_discord_rate_limited_total'), h.tag).toBe(0);
      expect(metricSum(m, 'briefbot_store_operation_seconds_count'), h.tag).toBeGreaterThan(0);
      expect(metricSum(m, 'process_resident_memory_bytes'), h.tag).toBeGreaterThan(0);
      const answered = metricSum(m, 'briefbot_interactions_total', { command: 'about', outcome: 'ok' });
      expect(answered, h.tag).toBe(h.tag === 'a' ? 1 : 0);
      expect(metricSum(m, 'briefbot_interaction_first_response_seconds_count'), h.tag).toBe(answered);
    }
    // The restarted host counted the runs it folded while it was down.
    expect(
      metricSum(metrics.get('b2') as Sample[], 'briefbot_scheduled_runs_total', { outcome: 'folded' }),
    ).toBe(foldedAway);
  }, 150_000);

  it('two processes whose ranges overlap by mistake: logged loudly, shown in /metrics, still no double post', async (ctx) => {
    const problem = await redisProblem(REDIS_URL);
    if (problem) ctx.skip(`Redis at ${REDIS_URL} unreachable: ${problem}`);
    const redisUrl = isolatedRedisUrl(10);
    const cleanup = cleanupAfterTest();
    await cleanRedis(redisUrl, 'briefbot');
    cleanup.add(() => cleanRedis(redisUrl, 'briefbot'));
    const SHARDS = 3;
    const fake = await startFakeDiscord();
    cleanup.add(() => fake.close());
    const seeded = await seedSchedules(fake, redisUrl, {
      guildCount: SHARDS * 2,
      perGuild: 1,
      cron: CRON,
      guildId: (g) => guildIdForShard(g % SHARDS, SHARDS),
    });
    const env = (tag: string, ids: string) => ({
      DISCORD_API_URL: fake.apiUrlFor(tag),
      DISCORD_GUILD_ID: fake.defaultGuildId,
      STORE_URL: redisUrl,
      SHARD_COUNT: String(SHARDS),
      SHARD_IDS: ids,
      METRICS_PORT: '0',
    });
    const bots = [spawnBot(env('x', '0-1')), spawnBot(env('y', '1-2'))];
    cleanup.add(() => Promise.all(bots.map((b) => b.stop('SIGKILL'))));
    const ports = await Promise.all(bots.map((b) => metricsPortOf(b)));
    await Promise.all(bots.map((b) => b.waitForLog(isReady, 60_000)));
    for (const b of bots) {
      const loaded = await b.waitForLog((l) => /^scheduler loaded/.test(String(l.msg)), 10_000);
      expect(loaded.schedules).toBe(4); // two shards of servers each, shard 1's on both
    }
    const overlap = (l: Record<string, unknown>) =>
      l.level === 50 && /^shard ranges overlap/.test(String(l.msg));
    // Each process sees the other within a heartbeat (5 s).
    const lines = await Promise.all(bots.map((b) => b.waitForLog(overlap, 15_000)));
    for (const line of lines) expect(line.overlap).toEqual([1]);
    for (const port of ports) expect(metricSum(await scrape(port), 'briefbot_shard_range_conflicts')).toBe(1);
    const from = Date.now();
    await sleep(7_000);
    const to = Date.now();
    await untilPastBoundary(2_000);
    const scrapedAt = Date.now();
    const posted = (await Promise.all(ports.map(scrape))).map((m) =>
      metricSum(m, 'briefbot_scheduled_runs_total', { outcome: 'posted' }),
    );
    await Promise.all(bots.map((b) => b.stop()));

    const channels = new Map(seeded.map((s) => [s.channelId, s.scheduleId]));
    const posts = fake.messagesIn().filter((r) => r.source === 'channel' && channels.has(r.channelId));
    const nonces = posts.map(nonceOf);
    const missing = seeded.flatMap((s) =>
      runsIn(from, to)
        .map((t) => runNonce(s.scheduleId, new Date(t).toISOString()))
        .filter((n) => !nonces.includes(n)),
    );
    report('two processes, shards 0-1 and 1-2 of 3 (overlap on 1)', {
      posts: posts.length,
      duplicates: nonces.length - new Set(nonces).size,
      missing: missing.length,
      postedByX: posted[0] ?? 0,
      postedByY: posted[1] ?? 0,
    });
    expect(nonces.length - new Set(nonces).size).toBe(0);
    expect(missing).toEqual([]);
    // Shard 1's servers ran on both; the claim stopped the loser before it sent anything.
    const postRequests = fake.requests.filter(
      (r) => r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.path),
    ).length;
    expect(postRequests).toBe(posts.length);
    expect(fake.stats.nonceDeduped).toBe(0);
    expect((posted[0] ?? 0) + (posted[1] ?? 0)).toBe(posts.filter((p) => p.createdAt < scrapedAt).length);
  }, 90_000);
});
