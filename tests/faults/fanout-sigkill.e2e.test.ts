/**
 * SIGKILL in the middle of a fan-out to 200 channels, then a restart: every (channel, run) ends up with
 * exactly one message. The real bot process posts through discord.js to the fake Discord with Discord's
 * rate limits on; the schedules are seeded into its SQLite store through the real ScheduleService.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runNonce } from '../../src/scheduler/ids.ts';
import { type BotProcess, isReady, spawnBot } from '../support/bot-process.ts';
import { type MessageRecord, startFakeDiscord } from '../support/fake-discord.ts';
import { sleep, waitFor } from '../support/time.ts';
import { cleanupAfterTest, nonceOf, report, seedSchedules, tempDir } from './support.ts';

const GUILDS = 20;
const PER_GUILD = 10; // the per-server limit
const CHANNELS = GUILDS * PER_GUILD;

describe('SIGKILL during a fan-out', () => {
  it(`kill at about half of ${CHANNELS} posts, restart: every channel gets the run exactly once`, async () => {
    const cleanup = cleanupAfterTest();
    const fake = await startFakeDiscord();
    cleanup.add(() => fake.close());
    const storeUrl = `sqlite://${path.join(tempDir(cleanup, 'fanout'), 'bot.sqlite')}`;

    // One run for all 200 schedules, a few seconds ahead (a daily cron at that second, UTC). If the bot
    // starts later than that, the run is caught up at start: the fan-out happens either way.
    const runAt = Math.ceil((Date.now() + 5_000) / 1000) * 1000;
    const at = new Date(runAt);
    const cron = `${at.getUTCSeconds()} ${at.getUTCMinutes()} ${at.getUTCHours()} * * *`;
    const seeded = await seedSchedules(fake, storeUrl, { guildCount: GUILDS, perGuild: PER_GUILD, cron });
    expect(seeded).toHaveLength(CHANNELS);
    const expected = new Map(seeded.map((s) => [s.channelId, runNonce(s.scheduleId, at.toISOString())]));

    fake.setRateLimits({ globalPerSecond: 50, perChannelMessages: { count: 5, windowMs: 5_000 } });
    const env = {
      DISCORD_API_URL: fake.apiUrl,
      DISCORD_GUILD_ID: fake.defaultGuildId,
      STORE_URL: storeUrl,
    };
    const bots: BotProcess[] = [];
    cleanup.add(() => Promise.all(bots.map((b) => b.stop('SIGKILL'))));
    const start = async () => {
      const bot = spawnBot(env);
      bots.push(bot);
      await bot.waitForLog(isReady, 30_000);
      return bot;
    };

    const posts = (): MessageRecord[] =>
      fake.messagesIn().filter((r) => r.source === 'channel' && expected.has(r.channelId));
    const first = await start();
    await waitFor('half of the fan-out', () => posts().length >= CHANNELS / 2, 30_000, 5);
    const killedAt = Date.now();
    expect(await first.stop('SIGKILL')).toBe(null);
    const beforeKill = posts().length;
    const dedupedBefore = fake.stats.nonceDeduped;

    const second = await start();
    const restartMs = Date.now() - killedAt;
    // Without a takeover at restart, runs in flight at the kill wait for their 60 s lease: allow for it.
    const covered = () => new Set(posts().map((r) => r.channelId)).size === CHANNELS;
    await waitFor('every channel posted', covered, 80_000, 20);
    const allPostedMs = Date.now() - killedAt;
    await sleep(1_500); // a late duplicate would land now

    const all = posts();
    const perChannel = new Map<string, MessageRecord[]>();
    for (const r of all) perChannel.set(r.channelId, [...(perChannel.get(r.channelId) ?? []), r]);
    const duplicates = all.length - perChannel.size;
    const wrongRun = all.filter((r) => nonceOf(r) !== expected.get(r.channelId)).length;
    const takeovers = second.logs.filter((l) => /taking over an interrupted delivery/.test(String(l.msg)));
    const abandoned = second.logs.filter((l) => /run abandoned/.test(String(l.msg)));
    report(`SIGKILL during a fan-out to ${CHANNELS} channels`, {
      postedBeforeKill: beforeKill,
      postedAfterRestart: all.length - beforeKill,
      channelsCovered: perChannel.size,
      takeovers: takeovers.length,
      dedupedByNonce: fake.stats.nonceDeduped,
      abandoned: abandoned.length,
      duplicates,
      wrongRun,
      rateLimited429: fake.stats.rateLimited,
      invalidRequests: fake.stats.invalidRequests,
      restartMs,
      allPostedMsAfterKill: allPostedMs,
    });
    expect(beforeKill).toBeGreaterThanOrEqual(CHANNELS / 2);
    expect(beforeKill).toBeLessThan(CHANNELS);
    expect(dedupedBefore).toBe(0);
    expect(perChannel.size).toBe(CHANNELS);
    expect(duplicates).toBe(0);
    expect(wrongRun).toBe(0);
    expect(abandoned).toHaveLength(0);
    // The bot paces itself under Discord's limits, before and after the restart.
    expect(fake.stats.rateLimited).toBe(0);
    expect(fake.stats.invalidRequests).toBe(0);
    expect(fake.violations).toEqual([]);
  }, 120_000);
});
