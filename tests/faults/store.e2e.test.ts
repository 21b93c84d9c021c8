/**
 * Store outages under the real bot process with a frequent operator schedule (every 2 s) plus a daily
 * guild schedule whose one run falls inside the outage: the SQLite file write-locked by another
 * connection, and a private Redis (AOF, fsync always) SIGKILLed right after a post and restarted.
 * Throughout, slash commands answer (reads from memory when the store refuses); afterwards the schedule
 * resumes at once, no run is posted twice (the nonce is a hash of schedule and run), the runs of the
 * frequent schedule missed during the outage are folded into at most two posts instead of flooding the
 * channel, and the daily run is kept and posted exactly once when the store is back.
 *
 * Without persistence (`--save ''`, no AOF) a killed Redis comes back empty: the env default schedule
 * carries on without duplicates, but schedules added with /schedule (and their runs) are gone. So the
 * Redis test runs with `--appendonly yes --appendfsync always`, where "nothing lost" is a fair claim.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runNonce } from '../../src/scheduler/ids.ts';
import { DEFAULT_SCHEDULE_ID } from '../../src/scheduler/types.ts';
import { openStore } from '../../src/store/index.ts';
import { freePort, hasRedisServerBinary, IN_CI } from '../store/helpers.ts';
import { type BotProcess, isReady, spawnBot } from '../support/bot-process.ts';
import { type FakeDiscord, type MessageRecord, startFakeDiscord } from '../support/fake-discord.ts';
import { sleep, waitFor } from '../support/time.ts';
import {
  type Cleanup,
  channelPosts,
  cleanupAfterTest,
  duplicateNonces,
  lockSqliteFile,
  nonceOf,
  RedisChild,
  report,
  runTimesOf,
  tempDir,
} from './support.ts';

const MANAGE_GUILD = String(1n << 5n);
const EVERY_2S = '*/2 * * * * *';
const STEP = 2_000;
const OUTAGE_MS = 6_000;
const text = (m: unknown) => JSON.stringify(m);

interface Setup {
  fake: FakeDiscord;
  bot: BotProcess;
  /** Posts of the default schedule (every 2 s, in the default channel). */
  posts(): MessageRecord[];
  /** A daily guild schedule added through /schedule add, whose one run falls inside the outage. */
  daily: { id: string; channelId: string; runAt: number; posts(): MessageRecord[] };
}

async function botWithSchedules(cleanup: Cleanup, storeUrl: string): Promise<Setup> {
  const fake = await startFakeDiscord();
  cleanup.add(() => fake.close());
  const bot = spawnBot({
    DISCORD_API_URL: fake.apiUrl,
    DISCORD_GUILD_ID: fake.defaultGuildId,
    STORE_URL: storeUrl,
    BRIEFING_CHANNEL_ID: fake.defaultChannelId,
    BRIEFING_CRON: EVERY_2S,
  });
  cleanup.add(() => bot.stop());
  await bot.waitForLog(isReady, 30_000);
  // Once a day at a second 4-5 s from now: /schedule add accepts it (it is not more often than 15 min).
  const channel = fake.addChannel(fake.defaultGuildId, { name: 'daily-briefing' });
  const runAt = Math.ceil((Date.now() + 4_000) / 1000) * 1000;
  const at = new Date(runAt);
  const added = await fake
    .chatInput(
      'schedule',
      {
        channel: channel.id,
        cron: `${at.getUTCSeconds()} ${at.getUTCMinutes()} ${at.getUTCHours()} * * *`,
        timezone: 'UTC',
      },
      { subcommand: 'add', permissions: MANAGE_GUILD },
    )
    .visible();
  const id = /id `([a-z0-9]{6})`/.exec(text(added.message))?.[1];
  if (!id) throw new Error(`/schedule add did not answer with an id: ${text(added.message)}`);
  const posts = () => channelPosts(fake, fake.defaultChannelId);
  await waitFor('a scheduled post', () => posts().length >= 1, 10_000);
  return {
    fake,
    bot,
    posts,
    daily: { id, channelId: channel.id, runAt, posts: () => channelPosts(fake, channel.id) },
  };
}

/** The daily schedule's run (inside the outage) must be posted once, after the store is back. */
async function dailyRunDelivered(daily: Setup['daily'], storeBackAt: number) {
  await waitFor('the daily run from inside the outage', () => daily.posts().length >= 1, 15_000);
  await sleep(500);
  const posts = daily.posts();
  return {
    posts: posts.length,
    rightRun: posts.filter((p) => nonceOf(p) === runNonce(daily.id, new Date(daily.runAt).toISOString()))
      .length,
    afterStoreBackMs: (posts[0]?.createdAt ?? Number.NaN) - storeBackAt,
  };
}

/** Slash commands during the outage: each must become visible; returns the replies and their latency. */
async function commandsDuringOutage(fake: FakeDiscord) {
  const timed = async (what: string, run: () => Promise<{ message: unknown }>) => {
    const started = Date.now();
    const reply = await run();
    return { what, ms: Date.now() - started, text: text(reply.message) };
  };
  const [about, briefing, list] = await Promise.all([
    timed('about', () => fake.chatInput('about', {}).visible(5_000)),
    timed('briefing', () => fake.chatInput('briefing', {}).visible(5_000)),
    timed('schedule list', () =>
      fake.chatInput('schedule', {}, { subcommand: 'list', permissions: MANAGE_GUILD }).visible(6_000),
    ),
  ]);
  // A write: the store cannot take it, so the answer says so (within the 2.5 s store deadline).
  const add = await timed('schedule add', () =>
    fake
      .chatInput(
        'schedule',
        { channel: fake.defaultChannelId, cron: '30 9 * * *' },
        { subcommand: 'add', permissions: MANAGE_GUILD },
      )
      .visible(6_000),
  );
  return { about, briefing, list, add };
}

/**
 * What the posts of the default schedule say about the outage window [from, to]: run times recovered
 * from the nonces, how many posts carried a run from inside the outage, and how soon after `to` the
 * first post came.
 */
function analyse(posts: MessageRecord[], t0: number, from: number, to: number) {
  const runs = runTimesOf(posts, DEFAULT_SCHEDULE_ID, t0 - 10_000, Date.now() + 10_000, STEP);
  const during = posts.filter((p) => p.createdAt > from && p.createdAt <= to).length;
  const missedRuns = Math.floor(to / STEP) - Math.floor(from / STEP);
  const caughtUp = runs.filter((r) => r > from && r <= to).length;
  const firstAfter = posts.find((p) => p.createdAt > to);
  const burst = posts.filter((p) => p.createdAt > to && p.createdAt <= to + 1_500).length;
  return {
    unmatched: runs.filter((r) => Number.isNaN(r)).length,
    distinctRuns: new Set(runs).size,
    during,
    missedRuns,
    caughtUp,
    resumedMs: firstAfter ? firstAfter.createdAt - to : Number.NaN,
    burst,
  };
}

/** Delivery records still "sending" (an interrupted post whose outcome was never written). */
async function deliveriesStillSending(storeUrl: string): Promise<number> {
  const store = await openStore(storeUrl);
  try {
    const records = await store.list<{ state: string }>('deliveries');
    return records.filter((r) => r.value.state === 'sending').length;
  } finally {
    await store.close();
  }
}

/** Store writes after a post that failed and were kept in memory for a retry. */
const deferredWrites = (bot: BotProcess) =>
  bot.logs.filter((l) => /kept in memory and retried/.test(String(l.msg))).length;

/** Log lines that would mean the outage did damage: a crashed delivery, writes lost at stop. */
const troubles = (bot: BotProcess) =>
  bot.logs
    .filter((l) => /crashed|left unflushed|uncaught|unhandled/.test(String(l.msg)))
    .map((l) => String(l.msg));

describe('store outages under a frequent default schedule (real bot process)', () => {
  it('SQLite file write-locked by another connection for 6 s', async () => {
    const cleanup = cleanupAfterTest();
    const t0 = Date.now();
    const file = path.join(tempDir(cleanup, 'sqlite-lock'), 'bot.sqlite');
    const { fake, bot, posts, daily } = await botWithSchedules(cleanup, `sqlite://${file}`);

    await sleep(Math.max(0, daily.runAt - 2_500 - Date.now()));
    const lock = await lockSqliteFile(file);
    cleanup.add(() => lock.release());
    const lockedAt = Date.now();
    const replies = await commandsDuringOutage(fake);
    await sleep(Math.max(0, lockedAt + OUTAGE_MS - Date.now()));
    await lock.release();
    const releasedAt = Date.now();
    await waitFor(
      'a post after the lock is released',
      () => posts().some((p) => p.createdAt > releasedAt),
      6_000,
    );
    const dailyRun = await dailyRunDelivered(daily, releasedAt);
    await sleep(Math.max(0, releasedAt + 3_000 - Date.now()));

    const all = posts();
    const a = analyse(all, t0, lockedAt, releasedAt);
    await bot.stop();
    const sending = await deliveriesStillSending(`sqlite://${file}`);
    report('SQLite store write-locked', {
      lockedMs: releasedAt - lockedAt,
      posts: all.length,
      postsDuringLock: a.during,
      runsDuringLock: a.missedRuns,
      outageRunsPosted: a.caughtUp,
      burstAfterRelease: a.burst,
      resumedMs: a.resumedMs,
      dailyRunInOutage: new Date(daily.runAt).toISOString().slice(11, 19),
      dailyPosts: dailyRun.posts,
      dailyPostedMsAfterRelease: dailyRun.afterStoreBackMs,
      duplicates: duplicateNonces(all),
      sentWriteDeferred: deferredWrites(bot),
      stillSending: sending,
      aboutMs: replies.about.ms,
      briefingMs: replies.briefing.ms,
      listMs: replies.list.ms,
      addMs: replies.add.ms,
    });
    expect(duplicateNonces(all)).toBe(0);
    expect(a.unmatched).toBe(0);
    expect(a.distinctRuns).toBe(all.length);
    // Commands answered during the outage; the list (reads still work) shows the guild schedule,
    // and the write was refused with the store message instead of timing out.
    expect(replies.about.text).toContain('briefbot');
    expect(replies.briefing.text).toContain('State of play');
    expect(replies.list.text).toContain(daily.id);
    expect(replies.add.text).toMatch(/store is not answering/);
    for (const r of Object.values(replies)) expect(r.ms).toBeLessThan(4_000);
    // The daily run that fell inside the outage was kept and posted once, after the release.
    expect(daily.runAt).toBeGreaterThan(lockedAt);
    expect(daily.runAt).toBeLessThan(releasedAt);
    expect(dailyRun).toMatchObject({ posts: 1, rightRun: 1 });
    expect(dailyRun.afterStoreBackMs).toBeGreaterThanOrEqual(0);
    // Resumed right away; the runs missed while locked were folded into at most two posts.
    expect(a.resumedMs).toBeLessThan(4_000);
    expect(a.caughtUp).toBeGreaterThanOrEqual(1);
    expect(a.caughtUp).toBeLessThanOrEqual(2);
    expect(a.burst).toBeLessThanOrEqual(3);
    // Writes that failed during the lock were kept and made afterwards: no record left "sending".
    expect(sending).toBe(0);
    expect(fake.violations).toEqual([]);
    expect(troubles(bot)).toEqual([]);
  }, 60_000);

  it('Redis SIGKILLed during a post, restarted on the same port 4 s later (AOF, fsync always)', async (ctx) => {
    if (!hasRedisServerBinary()) {
      if (IN_CI) throw new Error('CI is set but redis-server is not installed: this test needs the binary');
      ctx.skip('redis-server binary not installed');
    }
    const cleanup = cleanupAfterTest();
    const t0 = Date.now();
    const redis = new RedisChild(await freePort(), tempDir(cleanup, 'redis'), true);
    cleanup.add(() => redis.kill());
    await redis.start();
    const { fake, bot, posts, daily } = await botWithSchedules(cleanup, redis.url);

    // Kill Redis the moment a default post has been answered, 0.5-2.5 s before the daily run: the bot
    // learns the message id but cannot record "sent" (kept in memory, written when Redis is back).
    await sleep(Math.max(0, daily.runAt - 2_500 - Date.now()));
    const killed = new Promise<number>((resolve) => {
      const onRequest = (r: { method: string; path: string; status: number }) => {
        if (r.method !== 'POST' || r.path !== `/channels/${fake.defaultChannelId}/messages`) return;
        fake.off('request', onRequest);
        void redis.kill();
        resolve(Date.now());
      };
      fake.on('request', onRequest);
    });
    const killedAt = await killed;
    const replies = await commandsDuringOutage(fake);
    await sleep(Math.max(0, killedAt + 4_000 - Date.now()));
    await redis.start();
    const restartedAt = Date.now();
    await waitFor('a post after Redis is back', () => posts().some((p) => p.createdAt > restartedAt), 8_000);
    const dailyRun = await dailyRunDelivered(daily, restartedAt);
    await sleep(Math.max(0, restartedAt + 3_000 - Date.now()));

    const all = posts();
    const a = analyse(all, t0, killedAt, restartedAt);
    // What survived the kill: the guild schedule, and every delivery record is final (none "sending").
    const list = text(
      (await fake.chatInput('schedule', {}, { subcommand: 'list', permissions: MANAGE_GUILD }).visible(5_000))
        .message,
    );
    await bot.stop();
    const sending = await deliveriesStillSending(redis.url);
    report('Redis SIGKILL mid-post + restart (AOF)', {
      downMs: restartedAt - killedAt,
      posts: all.length,
      postsWhileDown: a.during,
      runsWhileDown: a.missedRuns,
      outageRunsPosted: a.caughtUp,
      burstAfterRestart: a.burst,
      resumedMs: a.resumedMs,
      dailyRunInOutage: new Date(daily.runAt).toISOString().slice(11, 19),
      dailyPosts: dailyRun.posts,
      dailyPostedMsAfterRestart: dailyRun.afterStoreBackMs,
      duplicates: duplicateNonces(all),
      sentWriteDeferred: deferredWrites(bot),
      stillSending: sending,
      aboutMs: replies.about.ms,
      briefingMs: replies.briefing.ms,
      listMs: replies.list.ms,
      addMs: replies.add.ms,
    });
    expect(duplicateNonces(all)).toBe(0);
    expect(a.unmatched).toBe(0);
    expect(a.distinctRuns).toBe(all.length);
    expect(replies.about.text).toContain('briefbot');
    expect(replies.briefing.text).toContain('State of play');
    // Redis refuses at once: the list comes from memory and says so; the write says the store is down.
    expect(replies.list.text).toContain(daily.id);
    expect(replies.list.text).toMatch(/comes from memory/);
    expect(replies.add.text).toMatch(/store is not answering/);
    for (const r of Object.values(replies)) expect(r.ms).toBeLessThan(4_000);
    // Back within the client's reconnect backoff (≤ 2 s) plus the next 2-second run.
    expect(a.resumedMs).toBeLessThan(6_000);
    expect(a.caughtUp).toBeLessThanOrEqual(2);
    expect(a.burst).toBeLessThanOrEqual(3);
    expect(daily.runAt).toBeGreaterThan(killedAt);
    expect(daily.runAt).toBeLessThan(restartedAt);
    expect(dailyRun).toMatchObject({ posts: 1, rightRun: 1 });
    expect(dailyRun.afterStoreBackMs).toBeGreaterThanOrEqual(0);
    // Nothing acknowledged was lost: the schedule added before the kill is still there (from the
    // store now), and the post answered during the kill was recorded as sent once Redis came back.
    expect(list).toContain(daily.id);
    expect(list).not.toMatch(/comes from memory/);
    expect(deferredWrites(bot)).toBeGreaterThanOrEqual(1); // the kill did land between post and record
    expect(sending).toBe(0);
    expect(fake.violations).toEqual([]);
    expect(troubles(bot)).toEqual([]);
  }, 60_000);
});
