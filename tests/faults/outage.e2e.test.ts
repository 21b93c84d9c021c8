/**
 * Issue 17 #2 and #4, through the real bot process on the loopback fake Discord: Discord becomes
 * unreachable (connections refused, gateway dropped) from before a scheduled run until after it,
 * three times. Every run is posted once after recovery, with its own nonce; each outage is logged
 * once when it starts and once when it ends.
 */
import { describe, expect, it } from 'vitest';
import { runNonce } from '../../src/scheduler/ids.ts';
import { botOnFakeDiscord } from '../support/bot-process.ts';
import { sleep, waitFor } from '../support/time.ts';
import { channelPosts, cleanupAfterTest, duplicateNonces, nonceOf, report } from './support.ts';

const EVERY_MS = 15_000;

describe('Discord unreachable around scheduled runs', () => {
  it('three outages, each from before a run until after it: every run is posted once after recovery', async () => {
    const cleanup = cleanupAfterTest();
    const { fake, bot } = await botOnFakeDiscord((f) => ({
      BRIEFING_CHANNEL_ID: f.defaultChannelId,
      BRIEFING_CRON: '*/15 * * * * *',
      BRIEFING_TIMEZONE: 'UTC',
    }));
    cleanup.add(() => fake.close());
    cleanup.add(() => bot.stop('SIGKILL'));
    const channel = fake.defaultChannelId;
    const posted = (run: number) =>
      channelPosts(fake, channel).some(
        (r) => nonceOf(r) === runNonce('default', new Date(run).toISOString()),
      );

    const outageRuns: number[] = [];
    const recoveredAfterMs: number[] = [];
    for (let i = 0; i < 3; i++) {
      // The next run at least 4 s ahead: offline 3 s before it, back 4 s after it.
      const run = Math.ceil((Date.now() + 4_000) / EVERY_MS) * EVERY_MS;
      outageRuns.push(run);
      await sleep(run - 3_000 - Date.now());
      await fake.goOffline();
      await sleep(run + 4_000 - Date.now());
      expect(posted(run)).toBe(false);
      await fake.goOnline();
      const back = Date.now();
      await waitFor(
        `the run of ${new Date(run).toISOString()} after recovery`,
        () => posted(run),
        20_000,
        50,
      );
      recoveredAfterMs.push(Date.now() - back);
    }
    await sleep(1_500); // a late duplicate would land now

    const posts = channelPosts(fake, channel);
    const unreachable = bot.logs.filter((l) => /^Discord unreachable/.test(String(l.msg)));
    const reachable = bot.logs.filter((l) => /^Discord reachable again/.test(String(l.msg)));
    report('Discord unreachable from 3 s before a run to 4 s after it, three times', {
      outages: outageRuns.length,
      posts: posts.length,
      duplicates: duplicateNonces(posts),
      postedAfterRecoveryMs: recoveredAfterMs.join('/'),
      unreachableLogs: unreachable.length,
      reachableLogs: reachable.length,
    });
    for (const run of outageRuns) expect(posted(run)).toBe(true);
    expect(duplicateNonces(posts)).toBe(0);
    // Once per state change, not once per attempt.
    expect(unreachable).toHaveLength(3);
    expect(reachable).toHaveLength(3);
    expect(bot.logs.filter((l) => /scheduled run missed/.test(String(l.msg)))).toHaveLength(0);
  }, 120_000);
});
