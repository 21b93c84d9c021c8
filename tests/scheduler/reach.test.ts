/**
 * Scheduled posts where communities read them (issue 15): forum and media posts, a discussion thread
 * on each post, crossposting from announcement channels, an opted-in role ping, and the permission
 * checks for each — posted through @discordjs/rest to the loopback fake Discord, exactly once across
 * failures and a crash (the nonce proxy stands in for Discord's enforce_nonce dedupe).
 */
import { DefaultRestOptions, REST } from 'discord.js';
import { ChannelType, MessageFlags, PermissionFlagsBits } from 'discord-api-types/v10';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reference as en } from '../../src/i18n/languages.ts';
import { renderList, renderPreview } from '../../src/render/schedule.ts';
import { createRestPoster } from '../../src/scheduler/index.ts';
import { sendOnce } from '../../src/scheduler/rest-poster.ts';
import type { AddScheduleInput } from '../../src/scheduler/service.ts';
import { type FakeDiscord, startFakeDiscord } from '../support/fake-discord.ts';
import { decodePng } from '../support/png.ts';
import { tempSqlite } from '../support/stores.ts';
import { ManualClock } from '../support/time.ts';
import { fakeAccess } from './fake-access.ts';
import { type Harness, harness, refused, text } from './harness.ts';
import { type NonceProxy, startNonceProxy } from './nonce-proxy.ts';
import { FakeDataset, type MemoryPoster, USER } from './support.ts';

let fake: FakeDiscord;
let proxy: NonceProxy;
let temp: Awaited<ReturnType<typeof tempSqlite>>;
const harnesses: Harness[] = [];
const rests: REST[] = [];

const P = PermissionFlagsBits;
const EVERYTHING_NEEDED =
  P.ViewChannel |
  P.SendMessages |
  P.EmbedLinks |
  P.CreatePublicThreads |
  P.SendMessagesInThreads |
  P.ManageMessages |
  P.AttachFiles;

beforeEach(async () => {
  fake = await startFakeDiscord();
  proxy = await startNonceProxy(fake.apiUrl);
  temp = await tempSqlite();
  fake.setBotPermissions(fake.defaultGuildId, EVERYTHING_NEEDED);
});
afterEach(async () => {
  await Promise.allSettled(harnesses.splice(0).map((h) => h.close()));
  for (const r of rests.splice(0)) r.clearHashSweeper?.();
  await proxy.close();
  await fake.close();
  await temp.cleanup();
});

async function make(
  clock: ManualClock,
  dataset: FakeDataset,
  retries = 2,
  options: Parameters<typeof harness>[0]['options'] = {},
): Promise<Harness> {
  const r = new REST({
    api: proxy.apiUrl,
    retries,
    timeout: 60_000,
    makeRequest: sendOnce(DefaultRestOptions.makeRequest),
  }).setToken('fake-token');
  rests.push(r);
  const h = await harness({
    url: temp.url,
    clock,
    poster: createRestPoster(r) as unknown as MemoryPoster,
    dataset,
    channels: fakeAccess(fake),
    options,
  });
  harnesses.push(h);
  return h;
}

function addIn(h: Harness, channelId: string, extra: Partial<AddScheduleInput> = {}) {
  return h.scheduler.service.add(
    { guildId: fake.defaultGuildId, userId: USER, channelId, cron: '0 9 * * *', ...extra },
    fakeAccess(fake),
  );
}

const start = async () => {
  const clock = new ManualClock(Date.parse('2025-09-01T08:00:00Z'));
  const dataset = await FakeDataset.real();
  return { clock, dataset, h: await make(clock, dataset) };
};

const forumWithTags = () =>
  fake.addChannel(fake.defaultGuildId, {
    name: 'briefings',
    type: ChannelType.GuildForum,
    availableTags: [{ name: 'News' }, { name: 'Daily' }],
  });

const posts = (channelId: string) => fake.messagesIn(channelId).filter((m) => m.source === 'channel');

describe('forum and media channels', () => {
  it('one post per run, titled with the briefing and the run time, with the chosen tags', async () => {
    const { h } = await start();
    const forum = forumWithTags();
    const news = forum.tags?.find((t) => t.name === 'News')?.id;
    const view = await addIn(h, forum.id, { post: { tags: ['news'] }, timezone: 'Europe/London' });
    expect(view.post).toMatchObject({ kind: 'forum', tagIds: [news] });

    expect((await h.at('2025-09-02T08:00:00Z')).outcomes.posted).toBe(1);
    expect((await h.at('2025-09-03T08:00:00Z')).outcomes.posted).toBe(1);
    const threads = fake.threadsOf(forum.id).map((id) => fake.channel(id));
    expect(threads.map((t) => t?.name)).toEqual([
      'Briefing · Tue, 2 Sept 2025, 09:00 BST',
      'Briefing · Wed, 3 Sept 2025, 09:00 BST',
    ]);
    expect(threads.map((t) => t?.thread?.appliedTags)).toEqual([[news], [news]]);
    for (const t of threads) {
      const [starter] = posts(t?.id ?? '');
      expect(starter?.id).toBe(t?.id); // the starter message has the thread's id, as on Discord
      expect(starter?.message.embeds[0]?.title).toContain('Briefing');
    }
    expect(fake.violations).toEqual([]);
    expect(fake.unsafeMentionBodies()).toEqual([]);
  });

  it('media channels post the same way', async () => {
    const { h } = await start();
    const media = fake.addChannel(fake.defaultGuildId, { name: 'media', type: ChannelType.GuildMedia });
    await addIn(h, media.id);
    expect((await h.at('2025-09-01T09:00:00Z')).outcomes.posted).toBe(1);
    expect(fake.threadsOf(media.id)).toHaveLength(1);
  });

  it('the post was created but the answer lost: the retry finds it instead of posting again', async () => {
    const { h } = await start();
    const forum = forumWithTags();
    await addIn(h, forum.id);
    fake.failNext({ method: 'POST', path: new RegExp(`/channels/${forum.id}/threads$`) }, [
      { status: 0, dropConnection: 'handled' },
    ]);
    const first = await h.at('2025-09-01T09:00:00Z');
    expect(first.outcomes.retry).toBe(1);
    expect(fake.threadsOf(forum.id)).toHaveLength(1);
    expect((await h.at('2025-09-01T09:00:02Z')).outcomes.posted).toBe(1);
    expect(fake.threadsOf(forum.id)).toHaveLength(1);
    expect(fake.requestsTo('GET /guilds/:guild/threads/active').length).toBeGreaterThanOrEqual(1);
  });

  it('a crash after Discord created the post: the restarted scheduler finds it; one post', async () => {
    const clock = new ManualClock(Date.parse('2025-09-01T08:00:00Z'));
    const dataset = await FakeDataset.real();
    const forum = forumWithTags();
    const a = await make(clock, dataset, 0);
    await addIn(a, forum.id);
    proxy.hold(forum.id, true);
    clock.set('2025-09-01T09:00:00Z');
    void a.scheduler.runDue();
    await fake.waitForRequest((r) => r.path === `/channels/${forum.id}/threads`);
    harnesses.splice(harnesses.indexOf(a), 1);
    await a.kill();
    proxy.hold(forum.id, false);
    expect(fake.threadsOf(forum.id)).toHaveLength(1);

    clock.set('2025-09-01T09:01:30Z');
    const b = await make(clock, dataset);
    expect((await b.scheduler.runDue()).outcomes.posted).toBe(1);
    expect(fake.threadsOf(forum.id)).toHaveLength(1);
    expect(fake.requestsTo('POST /channels/:channel/threads')).toHaveLength(1);
  });

  it('refuses a thread option (a post is one), an unknown tag (listing the tags) and a missing Create Posts', async () => {
    const { h } = await start();
    const forum = forumWithTags();
    expect(await refused(addIn(h, forum.id, { post: { thread: true } }))).toMatch(/forum channel/);
    expect(await refused(addIn(h, forum.id, { post: { tags: ['sport'] } }))).toMatch(
      /no tag `sport`.*`News`.*`Daily`/,
    );
    fake.setChannelOverwrites(forum.id, [{ id: fake.defaultGuildId, type: 0, deny: P.SendMessages }]);
    expect(await refused(addIn(h, forum.id))).toMatch(/missing \*\*Create Posts\*\*/);
  });
});

describe('a discussion thread on each post', () => {
  it('opens one thread per post, with the archive time asked for', async () => {
    const { h } = await start();
    const ch = fake.defaultChannelId;
    await addIn(h, ch, { post: { thread: true, archiveMinutes: 60 } });
    await h.at('2025-09-01T09:00:00Z');
    await h.at('2025-09-02T09:00:00Z');
    const messages = posts(ch);
    expect(messages).toHaveLength(2);
    const threads = fake.threadsOf(ch);
    expect(threads).toEqual(messages.map((m) => m.id));
    expect(threads.map((id) => fake.channel(id)?.thread?.autoArchiveMinutes)).toEqual([60, 60]);
    expect(fake.channel(threads[0] ?? '')?.name).toMatch(/^Briefing · Mon, 1 Sept 2025, 09:00 UTC$/);
  });

  it('a failed thread start is retried with the same nonce: one message, one thread', async () => {
    const { h } = await start();
    const ch = fake.defaultChannelId;
    await addIn(h, ch, { post: { thread: true } });
    fake.failNext(
      { method: 'POST', path: new RegExp(`/channels/${ch}/messages/\\d+/threads$`) },
      Array(3).fill({ status: 500 }),
    );
    expect((await h.at('2025-09-01T09:00:00Z')).outcomes.retry).toBe(1);
    expect((await h.at('2025-09-01T09:00:02Z')).outcomes.posted).toBe(1);
    expect(posts(ch)).toHaveLength(1);
    expect(fake.threadsOf(ch)).toHaveLength(1);
    expect(proxy.deduped).toBe(1);
  });

  it('a crash between the message and its thread, then later runs collapsed at restart: the thread is still made', async () => {
    const clock = new ManualClock(Date.parse('2025-09-01T08:59:50Z'));
    const dataset = await FakeDataset.real();
    const ch = fake.defaultChannelId;
    const every20s = { minIntervalMs: 0 };
    const a = await make(clock, dataset, 0, every20s);
    await a.scheduler.service.add(
      {
        guildId: fake.defaultGuildId,
        userId: USER,
        channelId: ch,
        cron: '*/20 * * * * *',
        post: { thread: true },
      },
      fakeAccess(fake),
    );
    proxy.hold(ch, true); // the message is created, the answer never comes back: the process dies
    clock.set('2025-09-01T09:00:00Z');
    void a.scheduler.runDue();
    await fake.waitForRequest((r) => r.path === `/channels/${ch}/messages`);
    harnesses.splice(harnesses.indexOf(a), 1);
    await a.kill();
    proxy.hold(ch, false);
    expect(posts(ch)).toHaveLength(1);
    expect(fake.threadsOf(ch)).toHaveLength(0);

    // Back 90 s later: the runs missed meanwhile collapse into the latest one.
    clock.set('2025-09-01T09:01:30Z');
    const b = await make(clock, dataset, 2, every20s);
    const report = await b.scheduler.runDue();
    expect(report.collapsed).toBeGreaterThan(0);
    const messages = posts(ch);
    expect(messages).toHaveLength(2); // the interrupted run's message (found by its nonce) and the latest run's
    expect(fake.threadsOf(ch).sort()).toEqual(messages.map((m) => m.id).sort());
  });

  it('names Create Public Threads when the bot may not start threads', async () => {
    const { h } = await start();
    const guildId = fake.defaultGuildId;
    fake.setChannelOverwrites(fake.defaultChannelId, [
      { id: guildId, type: 0, deny: P.CreatePublicThreads | P.SendMessagesInThreads },
    ]);
    expect(await refused(addIn(h, fake.defaultChannelId, { post: { thread: true } }))).toMatch(
      /missing \*\*Create Public Threads\*\* and \*\*Send Messages in Threads\*\*/,
    );
  });
});

describe('announcement channels', () => {
  const announcements = () =>
    fake.addChannel(fake.defaultGuildId, { name: 'news', type: ChannelType.GuildAnnouncement });

  it('publishes each post once; a failed crosspost is retried, never a second post', async () => {
    const { h } = await start();
    const ch = announcements();
    await addIn(h, ch.id, { post: { publish: true } });
    fake.failNext(
      { method: 'POST', path: new RegExp(`/channels/${ch.id}/messages/\\d+/crosspost$`) },
      Array(3).fill({ status: 502 }),
    );
    expect((await h.at('2025-09-01T09:00:00Z')).outcomes.retry).toBe(1);
    expect((await h.at('2025-09-01T09:00:02Z')).outcomes.posted).toBe(1);
    const [message, ...more] = posts(ch.id);
    expect(more).toEqual([]);
    expect((message?.message.flags ?? 0) & MessageFlags.Crossposted).toBe(MessageFlags.Crossposted);
    expect(fake.stats.crossposts).toBe(1);
    const list = await h.scheduler.service.list(fake.defaultGuildId);
    expect(list.schedules[0]?.lastFailure?.outcome).toBe('recovered');
  });

  it('a crosspost refused for good: the post stands, /schedule list says it was not published', async () => {
    const { h } = await start();
    const ch = announcements();
    await addIn(h, ch.id, { post: { publish: true } });
    fake.setBotPermissions(fake.defaultGuildId, P.ViewChannel | P.SendMessages | P.EmbedLinks);
    expect((await h.at('2025-09-01T09:00:00Z')).outcomes.posted).toBe(1);
    expect(posts(ch.id)).toHaveLength(1);
    expect(fake.stats.crossposts).toBe(0);
    const shown = text(renderList(en, await h.scheduler.service.list(fake.defaultGuildId)));
    expect(shown).toMatch(/posted, but it was not published to following servers: Missing Permissions/);
  });

  it('refuses publish outside announcement channels, and names Manage Messages', async () => {
    const { h } = await start();
    expect(await refused(addIn(h, fake.defaultChannelId, { post: { publish: true } }))).toMatch(
      /only an announcement channel can publish/,
    );
    const ch = announcements();
    fake.setBotPermissions(fake.defaultGuildId, P.ViewChannel | P.SendMessages | P.EmbedLinks);
    expect(await refused(addIn(h, ch.id, { post: { publish: true } }))).toMatch(
      /missing \*\*Manage Messages\*\*/,
    );
  });
});

describe('opt-in role ping', () => {
  it('mentions that role, allows exactly it, and pings nobody else', async () => {
    const { h } = await start();
    const ch = fake.defaultChannelId;
    const role = fake.addRole(fake.defaultGuildId, { name: 'Briefings', mentionable: true });
    const other = fake.addRole(fake.defaultGuildId, { name: 'Other', mentionable: true });
    await addIn(h, ch, { post: { mentionRoleId: role.id } });
    await h.at('2025-09-01T09:00:00Z');
    const [message] = posts(ch);
    expect(message?.message.content.startsWith(`<@&${role.id}>`)).toBe(true);
    expect(message?.message.mention_roles).toEqual([role.id]);
    expect(message?.message.mention_roles).not.toContain(other.id);
    expect(message?.message.mention_everyone).toBe(false);
    const body = fake.requestsTo('POST /channels/:channel/messages')[0]?.body as {
      allowed_mentions?: unknown;
    };
    expect(body.allowed_mentions).toEqual({ parse: [], roles: [role.id] });
    expect(fake.unsafeMentionBodies()).toEqual([]);
  });

  it('in a forum post too', async () => {
    const { h } = await start();
    const forum = forumWithTags();
    const role = fake.addRole(fake.defaultGuildId, { name: 'Briefings', mentionable: true });
    await addIn(h, forum.id, { post: { mentionRoleId: role.id } });
    await h.at('2025-09-01T09:00:00Z');
    const [thread] = fake.threadsOf(forum.id);
    expect(posts(thread ?? '')[0]?.message.mention_roles).toEqual([role.id]);
  });

  it('says what is missing when the role cannot be mentioned; never @everyone', async () => {
    const { h } = await start();
    const ch = fake.defaultChannelId;
    const quiet = fake.addRole(fake.defaultGuildId, { name: 'Quiet', mentionable: false });
    fake.setChannelOverwrites(ch, [{ id: fake.defaultGuildId, type: 0, deny: P.MentionEveryone }]);
    expect(await refused(addIn(h, ch, { post: { mentionRoleId: quiet.id } }))).toMatch(
      /\*\*Quiet\*\* is not mentionable and I lack \*\*Mention Everyone\*\*/,
    );
    expect(await refused(addIn(h, ch, { post: { mentionRoleId: fake.defaultGuildId } }))).toMatch(
      /never ping @everyone/,
    );
    // With Mention Everyone the bot may ping a role that is not mentionable.
    fake.setChannelOverwrites(ch, []);
    fake.setBotPermissions(fake.defaultGuildId, EVERYTHING_NEEDED | P.MentionEveryone);
    await addIn(h, ch, { post: { mentionRoleId: quiet.id } });
    await h.at('2025-09-01T09:00:00Z');
    expect(posts(ch)[0]?.message.mention_roles).toEqual([quiet.id]);
  });
});

describe('the timeline picture on scheduled posts', () => {
  it('attaches the PNG of the topic up to the run day, shown by an embed, in a message and a forum post', async () => {
    const { h } = await start();
    const ch = fake.defaultChannelId;
    const forum = forumWithTags();
    await addIn(h, ch, { topic: 'security-guarantees', post: { image: true } });
    await addIn(h, forum.id, { post: { image: true } });
    expect((await h.at('2025-09-01T09:00:00Z')).outcomes.posted).toBe(2);
    const [thread] = fake.threadsOf(forum.id);
    for (const record of [posts(ch)[0], posts(thread ?? '')[0]]) {
      const message = record?.message;
      expect(message?.attachments.map((a) => a.filename)).toEqual(['timeline.png']);
      expect(message?.embeds.at(-1)?.image?.url).toBe('attachment://timeline.png');
      const png = decodePng(record?.files[0]?.data ?? Buffer.alloc(0));
      expect(png.width).toBe(1600);
    }
    const body = fake.requestsTo('POST /channels/:channel/messages')[0];
    expect((body?.body as { nonce?: string } | undefined)?.nonce).toHaveLength(25); // the nonce survives multipart
    expect(fake.violations).toEqual([]);
  });

  it('names Attach Files when the bot may not upload', async () => {
    const { h } = await start();
    const ch = fake.defaultChannelId;
    fake.setChannelOverwrites(ch, [{ id: fake.defaultGuildId, type: 0, deny: P.AttachFiles }]);
    expect(await refused(addIn(h, ch, { post: { image: true } }))).toMatch(/missing \*\*Attach Files\*\*/);
  });
});

describe('/schedule list and preview show where and how', () => {
  it('forum post with tags, thread with archive time, publishing, the role pinged', async () => {
    const { h } = await start();
    const forum = forumWithTags();
    const ch = fake.addChannel(fake.defaultGuildId, { name: 'news', type: ChannelType.GuildAnnouncement });
    const role = fake.addRole(fake.defaultGuildId, { name: 'Briefings', mentionable: true });
    const a = await addIn(h, forum.id, { post: { tags: ['Daily'] } });
    await addIn(h, ch.id, {
      post: { thread: true, archiveMinutes: 4320, publish: true, mentionRoleId: role.id },
    });
    const shown = text(renderList(en, await h.scheduler.service.list(fake.defaultGuildId)));
    expect(shown).toContain(`a new post in <#${forum.id}> · tagged Daily · no ping`);
    expect(shown).toContain(
      `a message in <#${ch.id}> · with a discussion thread (archived after 3 days idle) · published to following servers · pings <@&${role.id}>`,
    );
    const preview = renderPreview(en, await h.scheduler.service.preview(fake.defaultGuildId, a.id));
    expect(preview.content).toMatch(
      /Posts as a new post in <#\d+> .* titled \*\*Briefing · Mon, 1 Sept 2025, 08:00 UTC\*\*/,
    );
    expect(preview.allowed_mentions).toEqual({ parse: [] });
  });
});
