import { once } from 'node:events';
import { inflateSync } from 'node:zlib';
import {
  ActionRowBuilder,
  ApplicationCommandOptionType,
  ButtonBuilder,
  ButtonStyle,
  type ChatInputCommandInteraction,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  MessageFlags,
  OverwriteType,
  PermissionFlagsBits,
  type RESTPostAPIApplicationCommandsJSONBody,
  type TextChannel,
} from 'discord.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  type FakeDiscord,
  fakeClientOptions,
  guildIdForShard,
  isSafeAllowedMentions,
  Limits,
  shardForGuild,
  startFakeDiscord,
  summarizeLatencies,
  tokenFingerprint,
  validateCommandList,
  validateMessageBody,
} from './support/fake-discord.ts';
import { sleep } from './support/time.ts';

const TOKEN = 'fake.bot.token-for-tests';
const NONE = { parse: [] } as const;

const clients: Client[] = [];
const fakes: FakeDiscord[] = [];

async function newFake(options: Parameters<typeof startFakeDiscord>[0] = {}): Promise<FakeDiscord> {
  const fake = await startFakeDiscord({ token: TOKEN, ...options });
  fakes.push(fake);
  return fake;
}

async function newClient(
  fake: FakeDiscord,
  extra: Partial<ConstructorParameters<typeof Client>[0]> = {},
): Promise<{ client: Client; readyMs: number }> {
  const client = new Client({ intents: [GatewayIntentBits.Guilds], ...fakeClientOptions(fake), ...extra });
  clients.push(client);
  const started = performance.now();
  const ready = once(client, Events.ClientReady, { signal: AbortSignal.timeout(5000) });
  await client.login(TOKEN);
  await ready;
  return { client, readyMs: performance.now() - started };
}

const handlerErrors: unknown[] = [];

function errorCode(error: unknown): number | string | undefined {
  return error instanceof DiscordAPIError ? error.code : undefined;
}

/** A tiny bot: enough behaviour to exercise every interaction path of the fake. */
function attachBot(client: Client, tag = 'bot'): void {
  client.on(Events.InteractionCreate, async (interaction) => {
    try {
      if (interaction.isAutocomplete()) {
        const typed = interaction.options.getFocused();
        const topics = ['ceasefire', 'sanctions', 'security guarantees', 'prisoner exchange'];
        await interaction.respond(
          topics.filter((t) => t.includes(typed)).map((t) => ({ name: t, value: t.replaceAll(' ', '-') })),
        );
        return;
      }
      if (interaction.isButton()) {
        const page = Number(interaction.customId.split(':')[1] ?? '0');
        await interaction.update({
          content: `page ${page + 1}`,
          components: [pager(page + 1)],
          allowedMentions: NONE,
        });
        return;
      }
      if (!interaction.isChatInputCommand()) return;
      await commands[interaction.commandName]?.(interaction, tag);
    } catch (error) {
      handlerErrors.push(error);
    }
  });
}

function pager(page: number) {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder().setCustomId(`page:${page}`).setLabel('Next').setStyle(ButtonStyle.Primary),
  );
}

const lateErrors: unknown[] = [];
const doubleErrors: unknown[] = [];

const commands: Record<string, (i: ChatInputCommandInteraction, tag: string) => Promise<void>> = {
  async echo(i, tag) {
    const text = i.options.getString('text') ?? '';
    const times = i.options.getInteger('times') ?? 1;
    await i.reply({
      content: `${tag}: ${text.repeat(times)}`,
      components: [pager(0)],
      allowedMentions: NONE,
    });
  },
  async slow(i) {
    await i.deferReply({ flags: MessageFlags.Ephemeral });
    await sleep(30);
    await i.editReply({ content: 'slow answer', allowedMentions: NONE });
    const fetched = await i.fetchReply();
    await i.followUp({
      content: `fetched ${fetched.id}`,
      flags: MessageFlags.Ephemeral,
      allowedMentions: NONE,
    });
  },
  async late(i) {
    await sleep(250);
    try {
      await i.reply({ content: 'too late', allowedMentions: NONE });
    } catch (error) {
      lateErrors.push(error);
    }
  },
  async twice(i) {
    await i.reply({ content: 'first', allowedMentions: NONE });
    try {
      // Bypass discord.js's own guard to prove the fake refuses a second acknowledgement.
      await i.client.rest.post(`/interactions/${i.id}/${i.token}/callback`, {
        body: { type: 4, data: { content: 'second', allowed_mentions: NONE } },
        auth: false,
      });
    } catch (error) {
      doubleErrors.push(error);
    }
  },
  async huge(i) {
    await i.reply({ content: 'x'.repeat(Limits.content + 1), allowedMentions: NONE });
  },
  async response(i) {
    const res = await i.reply({ content: 'with response', allowedMentions: NONE, withResponse: true });
    await i.followUp({ content: `id ${res.resource?.message?.id ?? 'none'}`, allowedMentions: NONE });
  },
};

afterAll(async () => {
  await Promise.allSettled(clients.map((c) => c.destroy()));
  await Promise.allSettled(fakes.map((f) => f.close()));
});

describe('fake Discord with the real discord.js client', () => {
  let fake: FakeDiscord;
  let client: Client;
  let readyMs: number;

  beforeAll(async () => {
    fake = await newFake();
    ({ client, readyMs } = await newClient(fake));
    attachBot(client);
  });

  beforeEach(() => {
    handlerErrors.length = 0;
  });

  it('logs in and gets ready fast, with guild, channel, bot member and permissions cached', async () => {
    expect(readyMs).toBeLessThan(2000);
    expect(client.user?.id).toBe(fake.bot.id);
    expect(client.application?.id).toBe(fake.applicationId);
    const guild = client.guilds.cache.get(fake.defaultGuildId);
    expect(guild?.available).toBe(true);
    const channel = client.channels.cache.get(fake.defaultChannelId) as TextChannel | undefined;
    expect(channel?.isTextBased()).toBe(true);
    const me = guild?.members.me;
    expect(me).toBeTruthy();
    expect(channel?.permissionsFor(me ?? fake.bot.id)?.has(PermissionFlagsBits.SendMessages)).toBe(true);

    const [identify] = fake.identifies;
    expect(identify).toMatchObject({ shard: [0, 1], intents: GatewayIntentBits.Guilds, tokenMatches: true });
    expect(identify?.tokenFingerprint).toBe(tokenFingerprint(TOKEN));
    const gatewayBot = fake.requestsTo('GET /gateway/bot')[0];
    expect(gatewayBot?.responseBody).toMatchObject({ url: fake.gatewayUrl, shards: 1 });
    // The token itself is never recorded anywhere.
    expect(JSON.stringify([fake.requests, fake.identifies])).not.toContain(TOKEN);
    expect(gatewayBot?.auth).toEqual({ present: true, bot: true });

    // A few REST reads discord.js makes.
    expect((await guild?.members.fetchMe({ force: true }))?.id).toBe(fake.bot.id);
    expect((await client.channels.fetch(fake.defaultChannelId, { force: true }))?.id).toBe(
      fake.defaultChannelId,
    );
    expect((await client.application?.fetch())?.id).toBe(fake.applicationId);
    expect((await client.users.fetch('@me', { force: true })).id).toBe(fake.bot.id);
  });

  it('registers commands by bulk overwrite (ids kept on re-put) and refuses invalid ones with 400', async () => {
    const app = client.application;
    if (!app) throw new Error('no application');
    const body: RESTPostAPIApplicationCommandsJSONBody[] = [
      {
        name: 'echo',
        description: 'Echo text',
        options: [
          { type: ApplicationCommandOptionType.String, name: 'text', description: 'Text', required: true },
          { type: ApplicationCommandOptionType.Integer, name: 'times', description: 'Repeat' },
        ],
      },
      {
        name: 'search',
        description: 'Search topics',
        options: [
          {
            type: ApplicationCommandOptionType.String,
            name: 'query',
            description: 'Topic',
            autocomplete: true,
          },
        ],
      },
      { name: 'slow', description: 'Deferred answer', default_member_permissions: '32' },
    ];
    const first = await app.commands.set(body);
    expect(first?.size).toBe(3);
    expect(fake.commands().map((c) => c.name)).toEqual(['echo', 'search', 'slow']);
    const echoId = fake.commands()[0]?.id;
    expect(echoId).toMatch(/^\d{17,19}$/);
    await app.commands.set(body);
    expect(fake.commands()[0]?.id).toBe(echoId);

    await app.commands.set([{ name: 'late', description: 'Guild only' }], fake.defaultGuildId);
    expect(fake.commands(fake.defaultGuildId).map((c) => c.name)).toEqual(['late']);

    const bad: RESTPostAPIApplicationCommandsJSONBody[] = [
      {
        name: 'Bad Name',
        description: '',
        options: Array.from({ length: 26 }, (_, i) => ({
          type: ApplicationCommandOptionType.String,
          name: `o${i}`,
          description: 'd',
        })),
      },
    ];
    const error = await app.commands.set(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(errorCode(error)).toBe(50035);
    expect((error as DiscordAPIError).status).toBe(400);
    const fields = fake.violations.filter((v) => v.kind === 'command').map((v) => v.field);
    expect(fields).toEqual(expect.arrayContaining(['[0].name', '[0].description', '[0].options']));
    // A failed overwrite leaves the registered commands alone.
    expect(fake.commands()).toHaveLength(3);
    fake.violations.length = 0;
  });

  it('answers a chat-input command with reply(), options typed from the registered command', async () => {
    const handle = fake.chatInput('echo', { text: 'ab', times: 2 });
    expect(handle.payload.data).toMatchObject({ name: 'echo', id: fake.commands()[0]?.id });
    const visible = await handle.visible();
    expect(visible.callback.type).toBe(4);
    expect(visible.message?.content).toBe('bot: abab');
    expect(visible.latencyMs).toBeGreaterThan(0);
    expect(visible.latencyMs).toBeLessThan(1000);
    expect(await handle.latencyMs()).toBe(visible.callback.latencyMs);
    const stored = fake.messagesIn(fake.defaultChannelId).find((m) => m.interactionId === handle.id);
    expect(stored?.source).toBe('interaction');

    // The same command from a DM with the bot (no guild, no member).
    const dm = fake.chatInput('echo', { text: 'dm' }, { guildId: null });
    expect(dm.payload.context).toBe(1);
    expect((await dm.visible()).message?.content).toBe('bot: dm');
    expect(handlerErrors).toEqual([]);
  });

  it('answers with deferReply + editReply (+ fetchReply and an ephemeral follow-up)', async () => {
    const handle = fake.chatInput('slow');
    const callback = await handle.callback;
    expect(callback.type).toBe(5);
    const visible = await handle.visible();
    expect(visible.message?.content).toBe('slow answer');
    expect((visible.message?.flags ?? 0) & MessageFlags.Loading).toBe(0);
    expect((visible.message?.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(visible.latencyMs).toBeGreaterThanOrEqual(callback.latencyMs);
    await fake.waitForRequest(
      (r) => r.method === 'POST' && r.path.startsWith(`/webhooks/${fake.applicationId}/`),
    );
    const record = fake.interactions.find((r) => r.id === handle.id);
    expect(record?.followUpIds).toHaveLength(1);
    const followUp = fake.message(record?.followUpIds[0] ?? '');
    expect(followUp?.message.content).toBe(`fetched ${record?.originalMessageId}`);
    expect(followUp?.ephemeral).toBe(true);
    // discord.js encodes '@' in '@original'; the fake decodes it.
    expect(fake.requests.some((r) => r.method === 'PATCH' && r.path.endsWith('/messages/@original'))).toBe(
      true,
    );
    expect(handlerErrors).toEqual([]);
  });

  it('supports with_response callbacks', async () => {
    const handle = fake.chatInput('response');
    const visible = await handle.visible();
    expect(visible.callback.status).toBe(200);
    await fake.waitForRequest(
      (r) => r.method === 'POST' && r.path === `/webhooks/${fake.applicationId}/${handle.token}`,
    );
    const record = fake.interactions.find((r) => r.id === handle.id);
    expect(fake.message(record?.followUpIds[0] ?? '')?.message.content).toBe(`id ${visible.message?.id}`);
  });

  it('answers autocomplete with respond()', async () => {
    const handle = fake.autocomplete('search', { query: 'se' }, { focused: 'query' });
    const visible = await handle.visible();
    expect(visible.callback.type).toBe(8);
    expect(visible.choices).toEqual([
      { name: 'ceasefire', value: 'ceasefire' },
      { name: 'security guarantees', value: 'security-guarantees' },
    ]);
  });

  it('answers a button with update(), editing the message that carries it', async () => {
    const reply = await fake.chatInput('echo', { text: 'pages' }).visible();
    const handle = fake.button('page:0', reply.message?.id);
    const visible = await handle.visible();
    expect(visible.callback.type).toBe(7);
    expect(visible.message?.id).toBe(reply.message?.id);
    expect(visible.message?.content).toBe('page 1');
    expect(fake.message(reply.message?.id ?? '')?.edits).toBe(1);
    // Without a message argument the newest message carrying that custom_id is used.
    const next = await fake.button('page:1').visible();
    expect(next.message?.content).toBe('page 2');
  });

  it('refuses a second acknowledgement (40060) and a late one (10062)', async () => {
    const twice = fake.chatInput('twice');
    await twice.visible();
    await fake.waitForRequest((r) => r.path.includes(twice.id) && r.status === 400);
    await expect.poll(() => doubleErrors.length).toBe(1);
    expect(errorCode(doubleErrors[0])).toBe(40060);

    fake.interactionDeadlineMs = 100;
    try {
      const late = fake.chatInput('late', undefined, { timeoutMs: 5000 });
      await fake.waitForRequest((r) => r.path.includes(late.id), 3000);
      const record = fake.interactions.find((r) => r.id === late.id);
      expect(record?.response).toBeNull();
      expect(record?.attempts[0]).toMatchObject({ status: 404, errorCode: 10062 });
      await expect.poll(() => lateErrors.length).toBe(1);
      expect(errorCode(lateErrors[0])).toBe(10062);
    } finally {
      fake.interactionDeadlineMs = 3000;
    }
    expect(fake.violations.map((v) => v.discordCode)).toEqual([40060, 10062]);
    fake.violations.length = 0;
  });

  it('answers message-limit violations with 400 50035 and records them', async () => {
    const channel = client.channels.cache.get(fake.defaultChannelId) as TextChannel;
    const tooLong = await channel
      .send({ content: 'x'.repeat(2001), allowedMentions: NONE })
      .catch((e: unknown) => e);
    expect(errorCode(tooLong)).toBe(50035);
    const fields = Array.from({ length: 26 }, (_, i) => ({ name: `f${i}`, value: 'v' }));
    const tooManyFields = await channel
      .send({ embeds: [{ fields }], allowedMentions: NONE })
      .catch((e: unknown) => e);
    expect(errorCode(tooManyFields)).toBe(50035);
    const big = { title: 't', description: 'd'.repeat(4000) };
    const tooBig = await channel.send({ embeds: [big, big], allowedMentions: NONE }).catch((e: unknown) => e);
    expect(errorCode(tooBig)).toBe(50035);
    const huge = fake.chatInput('huge');
    await fake.waitForRequest((r) => r.path.includes(huge.id));
    expect(fake.violations.map((v) => v.field)).toEqual(['content', 'embeds[0].fields', 'embeds', 'content']);
    expect(fake.messagesIn(fake.defaultChannelId).some((m) => m.message.content.length > 2000)).toBe(false);
    fake.violations.length = 0;
  });

  it('audits allowed_mentions on every message body', async () => {
    const channel = client.channels.cache.get(fake.defaultChannelId) as TextChannel;
    const before = fake.unsafeMentionBodies().length;
    expect(before).toBe(0);
    await channel.send({ content: 'safe', allowedMentions: NONE });
    await channel.send({ content: 'unsafe @everyone' });
    const unsafe = fake.unsafeMentionBodies();
    expect(unsafe).toHaveLength(1);
    expect(unsafe[0]).toMatchObject({ kind: 'channel.create', allowedMentionsPresent: false });
    expect(isSafeAllowedMentions({ parse: [] })).toBe(true);
    expect(isSafeAllowedMentions({ parse: ['users'] })).toBe(false);
    fake.messageBodies.length = 0;
  });

  it('retries through injected 500s and 429 storms (route and global), counting invalid requests', async () => {
    const channel = client.channels.cache.get(fake.defaultChannelId) as TextChannel;
    const stats0 = structuredClone(fake.stats);
    const path = new RegExp(`^/channels/${fake.defaultChannelId}/messages$`);
    fake.failNext({ method: 'POST', path }, [{ status: 500 }, { status: 500 }]);
    await channel.send({ content: 'after 500s', allowedMentions: NONE });
    const storm = fake.failNext({ method: 'POST', path }, [
      { status: 429, retryAfterMs: 40 },
      { status: 429, retryAfterMs: 40, global: true },
      { status: 429, retryAfterMs: 40 },
    ]);
    const started = performance.now();
    const sent = await channel.send({ content: 'after the storm', allowedMentions: NONE });
    expect(performance.now() - started).toBeGreaterThanOrEqual(100);
    expect(sent.content).toBe('after the storm');
    expect(storm.remaining).toBe(0);
    expect(fake.stats.rateLimited - stats0.rateLimited).toBe(3);
    expect(fake.stats.globalRateLimited - stats0.globalRateLimited).toBe(1);
    expect(fake.stats.invalidRequests - stats0.invalidRequests).toBe(3);
    expect(fake.stats.byStatus[500] ?? 0).toBe((stats0.byStatus[500] ?? 0) + 2);
    const global429 = fake.requests.find((r) => r.rateLimited === 'global');
    expect(global429?.responseBody).toMatchObject({ global: true, message: 'You are being rate limited.' });
  });

  it('enforces the per-channel message limit with headers, so discord.js paces itself', async () => {
    const paced = fake.addChannel(fake.defaultGuildId, { name: 'paced' });
    await expect.poll(() => client.channels.cache.has(paced.id)).toBe(true);
    fake.setRateLimits({ perChannelMessages: { count: 2, windowMs: 300 } });
    try {
      const channel = client.channels.cache.get(paced.id) as TextChannel;
      const before = fake.stats.rateLimited;
      const started = performance.now();
      await Promise.all(
        [1, 2, 3, 4, 5].map((n) => channel.send({ content: `n${n}`, allowedMentions: NONE })),
      );
      expect(performance.now() - started).toBeGreaterThanOrEqual(550);
      expect(fake.messagesIn(paced.id)).toHaveLength(5);
      expect(fake.stats.rateLimited).toBe(before);
      const last = fake.requestsTo(`POST /channels/:channel/messages`).at(-1);
      expect(last?.status).toBe(200);
    } finally {
      fake.setRateLimits({});
    }
  });

  it('enforces a real global limit with 429 global, exempting interaction callbacks', async () => {
    fake.setRateLimits({ globalPerSecond: 3 });
    try {
      const before = fake.stats.globalRateLimited;
      const reads = Array.from({ length: 5 }, () => client.rest.get(`/channels/${fake.defaultChannelId}`));
      const answer = fake.chatInput('echo', { text: 'exempt' }).visible();
      const results = await Promise.all(reads);
      expect(results).toHaveLength(5);
      expect((await answer).message?.content).toBe('bot: exempt');
      expect(fake.stats.globalRateLimited).toBeGreaterThan(before);
      expect(fake.requests.filter((r) => r.path.startsWith('/interactions/') && r.status === 429)).toEqual(
        [],
      );
    } finally {
      fake.setRateLimits({});
    }
  });

  it('answers per-channel errors and permission denials with 403/404', async () => {
    const channel = client.channels.cache.get(fake.defaultChannelId) as TextChannel;
    fake.setChannelError(fake.defaultChannelId, { status: 403, code: 50013 });
    const denied = await channel.send({ content: 'nope', allowedMentions: NONE }).catch((e: unknown) => e);
    expect(errorCode(denied)).toBe(50013);
    fake.setChannelError(fake.defaultChannelId, { status: 404, code: 10003 });
    expect(
      errorCode(await channel.send({ content: 'gone', allowedMentions: NONE }).catch((e: unknown) => e)),
    ).toBe(10003);
    fake.setChannelError(fake.defaultChannelId, null);

    const locked = fake.addChannel(fake.defaultGuildId, { name: 'locked' });
    await expect.poll(() => client.channels.cache.has(locked.id)).toBe(true);
    fake.setChannelOverwrites(locked.id, [
      { id: fake.defaultGuildId, type: OverwriteType.Role, deny: PermissionFlagsBits.SendMessages },
    ]);
    const lockedChannel = client.channels.cache.get(locked.id) as TextChannel;
    await expect
      .poll(() => lockedChannel.permissionsFor(fake.bot.id)?.has(PermissionFlagsBits.SendMessages))
      .toBe(false);
    expect(lockedChannel.permissionsFor(fake.bot.id)?.has(PermissionFlagsBits.ViewChannel)).toBe(true);
    expect(fake.botPermissionsIn(locked.id) & PermissionFlagsBits.SendMessages).toBe(0n);
    const refused = await lockedChannel
      .send({ content: 'x', allowedMentions: NONE })
      .catch((e: unknown) => e);
    expect(errorCode(refused)).toBe(50013);
    // app_permissions and member permissions in interactions follow the same computation.
    const handle = fake.chatInput('echo', { text: 'p' }, { channelId: locked.id, permissions: '0' });
    expect(BigInt(handle.payload.app_permissions) & PermissionFlagsBits.SendMessages).toBe(0n);
    expect((handle.payload as { member?: { permissions: string } }).member?.permissions).toBe('0');
    await handle.visible();
  });

  it('records unknown routes as Discord-style 404s', async () => {
    const error = await client.rest.get('/definitely/not/a/route').catch((e: unknown) => e);
    expect((error as DiscordAPIError).status).toBe(404);
    expect(fake.unknownRoutes.map((r) => `${r.method} ${r.path}`)).toContain('GET /definitely/not/a/route');
  });

  it('resumes after a 4000 close and after an abnormal 1006 drop, replaying missed dispatches', async () => {
    const resumed4000 = once(client, Events.ShardResume, { signal: AbortSignal.timeout(5000) });
    expect(fake.dropGateway(4000)).toBe(1);
    await resumed4000;
    expect((await fake.chatInput('echo', { text: 'after 4000' }).visible()).message?.content).toBe(
      'bot: after 4000',
    );

    const resumed1006 = once(client, Events.ShardResume, { signal: AbortSignal.timeout(5000) });
    fake.dropGateway(1006);
    // Dispatched while the socket is down: buffered, then replayed on RESUME.
    const handle = fake.chatInput('echo', { text: 'while down' });
    await resumed1006;
    expect((await handle.visible()).message?.content).toBe('bot: while down');
    const last = fake.resumes.at(-1);
    expect(last).toMatchObject({ accepted: true });
    expect(last?.replayed).toBeGreaterThanOrEqual(1);
    expect(fake.stats.identifies).toBe(1);
  });

  it('re-identifies after 4009 (session timed out: resume refused with op 9)', async () => {
    const identified = once(fake, 'identify', { signal: AbortSignal.timeout(5000) });
    fake.dropGateway(4009);
    await identified;
    await fake.waitForShards(1);
    expect(fake.resumes.at(-1)).toMatchObject({ accepted: false });
    expect((await fake.chatInput('echo', { text: 'fresh session' }).visible()).message?.content).toBe(
      'bot: fresh session',
    );
    expect(fake.stats.identifies).toBe(2);
  });
});

describe('sharding', () => {
  it('sends READY per IDENTIFY with its shard pair and GUILD_CREATE only for that shard', async () => {
    const guild0 = guildIdForShard(0, 2);
    const guild1 = guildIdForShard(1, 2);
    expect(shardForGuild(guild0, 2)).toBe(0);
    expect(shardForGuild(guild1, 2)).toBe(1);
    const fake = await newFake({ guilds: [{ id: guild0 }, { id: guild1 }], recommendedShards: 2 });

    // Two "processes", one shard each.
    const [a, b] = await Promise.all([
      newClient(fake, { shards: 0, shardCount: 2 }),
      newClient(fake, { shards: 1, shardCount: 2 }),
    ]);
    attachBot(a.client, 'A');
    attachBot(b.client, 'B');
    expect([...a.client.guilds.cache.keys()]).toEqual([guild0]);
    expect([...b.client.guilds.cache.keys()]).toEqual([guild1]);
    expect(fake.identifies.map((i) => i.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(
      (await fake.chatInput('echo', { text: '0' }, { guildId: guild0 }).visible()).message?.content,
    ).toBe('A: 0');
    expect(
      (await fake.chatInput('echo', { text: '1' }, { guildId: guild1 }).visible()).message?.content,
    ).toBe('B: 1');

    // Dropping one shard leaves the other alone.
    const resumed = once(b.client, Events.ShardResume, { signal: AbortSignal.timeout(5000) });
    expect(fake.dropGateway(4000, { shardId: 1 })).toBe(1);
    await resumed;
    expect(fake.resumes.filter((r) => r.accepted)).toHaveLength(1);

    // One client, shards: 'auto' → uses the recommended count and gets both guilds.
    const { client: auto } = await newClient(fake, { shards: 'auto' });
    expect(auto.options.shardCount).toBe(2);
    expect(auto.guilds.cache.size).toBe(2);
    await Promise.all([a.client.destroy(), b.client.destroy(), auto.destroy()]);
  });
});

describe('gateway details', () => {
  it('answers heartbeats, and a client that gets no ACK resumes', async () => {
    const fake = await newFake({ heartbeatIntervalMs: 150 });
    const { client } = await newClient(fake);
    await expect.poll(() => client.ws.ping, { timeout: 3000 }).toBeGreaterThanOrEqual(0);
    fake.pauseHeartbeatAcks(true);
    await once(fake, 'resume', { signal: AbortSignal.timeout(5000) });
    fake.pauseHeartbeatAcks(false);
    expect(fake.resumes[0]?.accepted).toBe(true);
    await client.destroy();
  });

  it('speaks zlib-stream when asked, and refuses a bad token with 4004', async () => {
    const fake = await newFake();
    const ws = new WebSocket(`${fake.gatewayUrl}?v=10&encoding=json&compress=zlib-stream`);
    const [data] = (await once(ws, 'message', { signal: AbortSignal.timeout(3000) })) as [Buffer];
    expect(data.subarray(-4)).toEqual(Buffer.from([0, 0, 0xff, 0xff]));
    expect(JSON.parse(inflateSync(data, { finishFlush: 2 }).toString())).toMatchObject({ op: 10 });
    ws.send(JSON.stringify({ op: 2, d: { token: 'wrong', intents: 1, properties: {} } }));
    const [code] = (await once(ws, 'close', { signal: AbortSignal.timeout(3000) })) as [number];
    expect(code).toBe(4004);
    expect(fake.identifies[0]).toMatchObject({ tokenMatches: false, refusedWith: 4004 });
  });

  it('refuses privileged intents that are not enabled (4014)', async () => {
    const fake = await newFake();
    const client = new Client({
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.MessageContent],
      ...fakeClientOptions(fake),
    });
    clients.push(client);
    await expect(client.login(TOKEN)).rejects.toThrow();
    expect(fake.identifies[0]?.refusedWith).toBe(4014);
  });
});

describe('validators', () => {
  it('check Discord message limits', () => {
    const field = (n: number) => ({ name: 'n', value: 'v'.repeat(n) });
    expect(validateMessageBody({ content: 'ok', allowed_mentions: NONE }, { create: true }).errors).toEqual(
      [],
    );
    expect(validateMessageBody({}, { create: true }).empty).toBe(true);
    const paths = (body: unknown) =>
      validateMessageBody(body, { create: true }).errors.map((e) => e.path.join('.'));
    expect(paths({ embeds: Array.from({ length: 11 }, () => ({ title: 't' })) })).toEqual(['embeds']);
    expect(paths({ embeds: [{ title: 't'.repeat(257) }] })).toEqual(['embeds.0.title']);
    expect(paths({ embeds: [{ description: 'd'.repeat(4097) }] })).toEqual(['embeds.0.description']);
    expect(paths({ embeds: [{ fields: [field(1025)] }] })).toEqual(['embeds.0.fields.0.value']);
    expect(paths({ embeds: [{ footer: { text: 'f'.repeat(2049) } }] })).toEqual(['embeds.0.footer.text']);
    expect(paths({ embeds: [{ author: { name: 'a'.repeat(257) } }] })).toEqual(['embeds.0.author.name']);
    const row = (n: number, id = (i: number) => `b${i}`) => ({
      type: 1,
      components: Array.from({ length: n }, (_, i) => ({ type: 2, style: 1, label: 'l', custom_id: id(i) })),
    });
    expect(paths({ components: Array.from({ length: 6 }, () => row(1, () => `x${Math.random()}`)) })).toEqual(
      ['components'],
    );
    expect(paths({ components: [row(6)] })).toEqual(['components.0.components']);
    expect(paths({ components: [row(1, () => 'c'.repeat(101))] })).toEqual([
      'components.0.components.0.custom_id',
    ]);
    expect(
      paths({
        components: [{ type: 1, components: [{ type: 2, style: 1, label: 'l'.repeat(81), custom_id: 'a' }] }],
      }),
    ).toEqual(['components.0.components.0.label']);
    // Code points, not UTF-16 units.
    expect(validateMessageBody({ content: '😀'.repeat(2000) }, { create: true }).errors).toEqual([]);
  });

  it('check Discord command rules', () => {
    const ok = { name: 'brief', description: 'A briefing' };
    expect(validateCommandList([ok])).toEqual([]);
    const codes = (body: unknown) => validateCommandList(body).map((e) => `${e.path.join('.')}:${e.code}`);
    expect(codes([{ ...ok, name: 'Brief' }])).toEqual(['0.name:APPLICATION_COMMAND_INVALID_NAME']);
    expect(codes([{ ...ok, name: 'x'.repeat(33) }])).toEqual(['0.name:APPLICATION_COMMAND_INVALID_NAME']);
    expect(codes([{ ...ok, description: 'd'.repeat(101) }])).toEqual(['0.description:BASE_TYPE_BAD_LENGTH']);
    expect(codes([ok, ok])).toEqual(['1.name:APPLICATION_COMMANDS_DUPLICATE_NAME']);
    expect(codes(Array.from({ length: 101 }, (_, i) => ({ ...ok, name: `c${i}` })))).toEqual([
      ':BASE_TYPE_MAX_LENGTH',
    ]);
    const choices = Array.from({ length: 26 }, (_, i) => ({ name: `n${i}`, value: `v${i}` }));
    const option = { type: 3, name: 'topic', description: 'Topic' };
    expect(codes([{ ...ok, options: [{ ...option, choices }] }])).toEqual([
      '0.options.0.choices:BASE_TYPE_MAX_LENGTH',
    ]);
    expect(
      codes([{ ...ok, options: [{ ...option, choices: [{ name: 'n'.repeat(101), value: 'v' }] }] }]),
    ).toEqual(['0.options.0.choices.0.name:BASE_TYPE_BAD_LENGTH']);
    expect(codes([{ ...ok, options: [{ ...option, name: 'Topic' }] }])).toEqual([
      '0.options.0.name:APPLICATION_COMMAND_OPTION_INVALID_NAME',
    ]);
    expect(codes([{ ...ok, options: [option, { ...option, name: 'req', required: true }] }])).toEqual([
      '0.options.1.required:APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
    ]);
    expect(codes([{ type: 2, name: 'Open Briefing' }])).toEqual([]);
  });

  it('summarizes latencies', () => {
    expect(summarizeLatencies([5, 1, 3, 2, 4])).toMatchObject({ count: 5, min: 1, p50: 3, max: 5, mean: 3 });
  });
});
