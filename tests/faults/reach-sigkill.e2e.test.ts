/**
 * Forum posts, threaded and crossposted announcements with a role ping, from the real bot process
 * (discord.js REST, rate limits on) to the fake Discord, with a SIGKILL and a restart in the middle:
 * one forum post per run, one thread per message, one crosspost per message, the ping reaches only
 * the opted-in role.
 */
import path from 'node:path';
import { ChannelType, MessageFlags, PermissionFlagsBits as P } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { createScheduler } from '../../src/scheduler/index.ts';
import { openStore } from '../../src/store/index.ts';
import { fakeAccess } from '../scheduler/fake-access.ts';
import { FakeDataset, MemoryPoster, USER } from '../scheduler/support.ts';
import { type BotProcess, isReady, spawnBot } from '../support/bot-process.ts';
import { startFakeDiscord } from '../support/fake-discord.ts';
import { sleep, waitFor } from '../support/time.ts';
import { cleanupAfterTest, report, tempDir } from './support.ts';

describe('forum, thread, crosspost and ping across SIGKILL', () => {
  it('one post, thread and crosspost per run; the ping reaches only the opted-in role', async () => {
    const cleanup = cleanupAfterTest();
    const fake = await startFakeDiscord();
    cleanup.add(() => fake.close());
    const guildId = fake.defaultGuildId;
    fake.setBotPermissions(
      guildId,
      P.ViewChannel |
        P.SendMessages |
        P.EmbedLinks |
        P.CreatePublicThreads |
        P.SendMessagesInThreads |
        P.ManageMessages,
    );
    const forum = fake.addChannel(guildId, {
      name: 'briefings',
      type: ChannelType.GuildForum,
      availableTags: [{ name: 'Daily' }],
    });
    const news = fake.addChannel(guildId, { name: 'news', type: ChannelType.GuildAnnouncement });
    const role = fake.addRole(guildId, { name: 'Briefings', mentionable: true });
    fake.addRole(guildId, { name: 'Bystanders', mentionable: true });
    fake.setRateLimits({ globalPerSecond: 50, perChannelMessages: { count: 5, windowMs: 5_000 } });

    // Seeded through the real ScheduleService as /schedule add does, but every 3 s (no 15-minute minimum).
    const storeUrl = `sqlite://${path.join(tempDir(cleanup, 'reach'), 'bot.sqlite')}`;
    const store = await openStore(storeUrl);
    const seeding = createScheduler({
      store,
      poster: new MemoryPoster(),
      dataset: await FakeDataset.real(),
      options: { minIntervalMs: 0, resyncIntervalMs: 0 },
    });
    const every3s = '*/3 * * * * *';
    await seeding.service.add(
      {
        guildId,
        userId: USER,
        channelId: forum.id,
        cron: every3s,
        post: { tags: ['Daily'], mentionRoleId: role.id },
      },
      fakeAccess(fake),
    );
    await seeding.service.add(
      { guildId, userId: USER, channelId: news.id, cron: every3s, post: { thread: true, publish: true } },
      fakeAccess(fake),
    );
    await seeding.stop();
    await store.close();

    const env = { DISCORD_API_URL: fake.apiUrl, DISCORD_GUILD_ID: guildId, STORE_URL: storeUrl };
    const bots: BotProcess[] = [];
    cleanup.add(() => Promise.all(bots.map((b) => b.stop('SIGKILL'))));
    const start = async () => {
      const bot = spawnBot(env);
      bots.push(bot);
      await bot.waitForLog(isReady, 30_000);
      return bot;
    };
    const forumPosts = () => fake.threadsOf(forum.id);
    const newsPosts = () => fake.messagesIn(news.id).filter((m) => m.source === 'channel');

    const first = await start();
    await waitFor('two forum posts', () => forumPosts().length >= 2, 30_000, 20);
    expect(await first.stop('SIGKILL')).toBe(null);
    const beforeKill = { forum: forumPosts().length, news: newsPosts().length };
    await sleep(2_000);
    const second = await start();
    await waitFor(
      'two more runs after the restart',
      () => forumPosts().length >= beforeKill.forum + 2 && newsPosts().length >= beforeKill.news + 2,
      30_000,
      20,
    );
    await second.stop();
    await sleep(500);

    // Forum: one post per run (each run's title carries its time), tagged, pinging the role only.
    const titles = forumPosts().map((id) => fake.channel(id)?.name);
    expect(new Set(titles).size).toBe(titles.length);
    for (const id of forumPosts()) {
      expect(fake.channel(id)?.thread?.appliedTags).toEqual([forum.tags?.[0]?.id]);
      const starter = fake.messagesIn(id)[0]?.message;
      expect(starter?.mention_roles).toEqual([role.id]);
      expect(starter?.mention_everyone).toBe(false);
    }
    // Announcements: one message per run, one thread and one crosspost on each.
    const messages = newsPosts();
    const nonces = messages.map((m) => String(m.message.nonce));
    expect(new Set(nonces).size).toBe(messages.length);
    expect(fake.threadsOf(news.id).sort()).toEqual(messages.map((m) => m.id).sort());
    for (const m of messages)
      expect((m.message.flags ?? 0) & MessageFlags.Crossposted).toBe(MessageFlags.Crossposted);
    expect(fake.stats.crossposts).toBe(messages.length);
    expect(fake.unsafeMentionBodies()).toEqual([]);
    expect(fake.violations).toEqual([]);
    report('forum / thread / crosspost across SIGKILL', {
      forumPosts: titles.length,
      forumPostsBeforeKill: beforeKill.forum,
      announcements: messages.length,
      threads: fake.threadsOf(news.id).length,
      crossposts: fake.stats.crossposts,
      dedupedByNonce: fake.stats.nonceDeduped,
    });
  }, 120_000);
});
