import { ChannelType } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BotProcess, botOnFakeDiscord, isReady, spawnBot } from '../support/bot-process.ts';
import type { FakeDiscord } from '../support/fake-discord.ts';
import { sleep } from '../support/time.ts';

const MANAGE_GUILD = String(1n << 5n);
const EVERY_2S = '*/2 * * * * *';

let fake: FakeDiscord;
let bot: BotProcess;
let env: Record<string, string | undefined>;
const posts = () => fake.messagesIn(fake.defaultChannelId).filter((r) => r.source === 'channel');
const text = (m: unknown) => JSON.stringify(m);

beforeAll(async () => {
  ({ fake, bot, env } = await botOnFakeDiscord((f) => ({
    BRIEFING_CHANNEL_ID: f.defaultChannelId,
    BRIEFING_CRON: EVERY_2S,
    BRIEFING_TIMEZONE: 'Europe/Kyiv',
  })));
}, 40_000);

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
});

describe('scheduled briefings through the real client', () => {
  it('posts the operator default schedule on time, within limits, mentions off', async () => {
    await sleep(5000);
    const list = posts();
    expect(list.length).toBeGreaterThanOrEqual(2);
    const first = text(list[0]?.message);
    expect(first).toContain('State of play as of');
    expect(first).toContain('/timeline');
    expect(fake.violations).toEqual([]);
    expect(fake.unsafeMentionBodies()).toEqual([]);
  });

  it('refuses /schedule to a member without Manage Server', async () => {
    const reply = await fake.chatInput('schedule', {}, { subcommand: 'list', permissions: '0' }).visible();
    expect(((reply.callback.data as { flags?: number }).flags ?? 0) & 64).toBe(64);
    expect(text(reply.message)).toContain('Manage Server');
    const registered = fake.commands(fake.defaultGuildId).find((c) => c.name === 'schedule');
    expect(registered?.default_member_permissions).toBe(MANAGE_GUILD);
  });

  it('lets an admin add, list and preview a schedule', async () => {
    const add = await fake
      .chatInput(
        'schedule',
        { channel: fake.defaultChannelId, cron: '0 8 * * 1-5', timezone: 'Europe/Kyiv' },
        { subcommand: 'add', permissions: MANAGE_GUILD },
      )
      .visible();
    const added = text(add.message);
    expect(added).toMatch(/08:00/);
    expect(added).toMatch(/Monday through Friday/i);
    const list = text(
      (await fake.chatInput('schedule', {}, { subcommand: 'list', permissions: MANAGE_GUILD }).visible())
        .message,
    );
    expect(list).toMatch(/At 08:00, Monday through Friday/);
    const tooOften = text(
      (
        await fake
          .chatInput(
            'schedule',
            { channel: fake.defaultChannelId, cron: '* * * * *' },
            { subcommand: 'add', permissions: MANAGE_GUILD },
          )
          .visible()
      ).message,
    );
    expect(tooOften).toMatch(/15 minutes/);
  });

  it('adds a forum schedule with a tag and a role ping, and names a missing permission', async () => {
    const guildId = fake.defaultGuildId;
    const forum = fake.addChannel(guildId, {
      name: 'briefings',
      type: ChannelType.GuildForum,
      availableTags: [{ name: 'Daily' }, { name: 'Weekly' }],
    });
    const news = fake.addChannel(guildId, { name: 'news', type: ChannelType.GuildAnnouncement });
    const role = fake.addRole(guildId, { name: 'Briefings', mentionable: true });
    await sleep(300); // CHANNEL_CREATE and GUILD_ROLE_CREATE reach the bot's cache
    const added = text(
      (
        await fake
          .chatInput(
            'schedule',
            { channel: forum.id, cron: '0 8 * * *', tag: 'daily', mention_role: role.id },
            { subcommand: 'add', permissions: MANAGE_GUILD },
          )
          .visible()
      ).message,
    );
    expect(added).toContain(`a new post in <#${forum.id}> · tagged Daily · pings <@&${role.id}>`);
    const refused = text(
      (
        await fake
          .chatInput(
            'schedule',
            { channel: news.id, cron: '0 8 * * *', publish: true },
            { subcommand: 'add', permissions: MANAGE_GUILD },
          )
          .visible()
      ).message,
    );
    expect(refused).toContain('missing **Manage Messages**');
    const list = text(
      (await fake.chatInput('schedule', {}, { subcommand: 'list', permissions: MANAGE_GUILD }).visible())
        .message,
    );
    expect(list).toContain(`a new post in <#${forum.id}>`);
    expect(fake.violations).toEqual([]);
  });

  it('after SIGKILL and restart: no run posted twice, and the missed runs are caught up', async () => {
    const before = posts().length;
    expect(await bot.stop('SIGKILL')).toBe(null);
    await sleep(3000); // runs missed while down
    bot = spawnBot(env);
    await bot.waitForLog(isReady, 30_000);
    await sleep(4500);
    const all = posts();
    const nonces = all.map((r) => String(r.message.nonce));
    const duplicates = nonces.length - new Set(nonces).size;
    console.log(
      `[fault] SIGKILL during scheduled posting: posts before=${before} after=${all.length} duplicates=${duplicates} deduped-by-nonce=${fake.stats.nonceDeduped}`,
    );
    expect(duplicates).toBe(0);
    expect(all.length).toBeGreaterThan(before + 1);
    expect(fake.violations).toEqual([]);
  }, 60_000);
});
