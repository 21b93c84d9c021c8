/** REST routes: gateway discovery, users and applications, channels and messages, guilds. */
import { ChannelType, GatewayDispatchEvents, MessageType, PermissionFlagsBits } from 'discord-api-types/v10';
import type { FakeCore } from './core.ts';
import { ErrorCode, errorBody } from './errors.ts';
import {
  applicationObject,
  buildMessage,
  isThread,
  makeChannel,
  toAPIChannel,
  toAPIGuild,
  toAPIMember,
} from './model.ts';
import { route } from './rest.ts';
import { activeThreads, createForumPost, crosspost, pingsOf } from './routes-forums.ts';
import { makeSnowflake } from './snowflake.ts';
import type { Ctx, Reply, RouteDef } from './types.ts';
import { isRecord } from './validate.ts';

/** Gateway discovery and the bot's own user and application. */
export function infoRoutes(core: FakeCore): RouteDef[] {
  const routes: RouteDef[] = [];
  const add = (...args: Parameters<typeof route>) => {
    routes.push(route(...args));
  };
  const ok = (body: unknown, status = 200): Reply => ({ status, body });

  add('GET', '/gateway', () => ok({ url: core.gatewayUrl }), { auth: false });
  add('GET', '/gateway/bot', () => {
    const total = core.options.sessionStartLimit ?? 1000;
    return ok({
      url: core.gatewayUrl,
      shards: core.options.recommendedShards ?? 1,
      session_start_limit: {
        total,
        remaining: Math.max(0, total - core.sessionStartsUsed),
        reset_after: 86_400_000,
        max_concurrency: core.options.maxConcurrency ?? 16,
      },
    });
  });
  add('GET', '/users/@me', () => ok(core.bot));
  // Opening a DM: the same channel for the same user every time.
  add('POST', '/users/@me/channels', (ctx) => {
    const recipient = isRecord(ctx.body) ? ctx.body.recipient_id : undefined;
    if (typeof recipient !== 'string' || !/^\d{1,20}$/.test(recipient))
      return { status: 400, body: errorBody(ErrorCode.InvalidFormBody, 400) };
    return ok(toAPIChannel(core.dmChannelOf(recipient)));
  });
  add('GET', '/applications/@me', () => ok(applicationObject(core.applicationId, core.bot)));
  add('GET', '/oauth2/applications/@me', () => ok(applicationObject(core.applicationId, core.bot)));
  return routes;
}

/** Channels, their messages (with permissions, nonce dedupe and the per-channel limit) and guilds. */
export function channelRoutes(core: FakeCore): RouteDef[] {
  const routes: RouteDef[] = [];
  const add = (...args: Parameters<typeof route>) => {
    routes.push(route(...args));
  };
  const ok = (body: unknown, status = 200): Reply => ({ status, body });
  const fail = (status: number, code: number): Reply => ({ status, body: errorBody(code, status) });
  // Channels and messages.
  add('GET', '/channels/:channel', (ctx) => {
    const channel = core.channel(ctx.params.channel ?? '');
    if (!channel) return fail(404, ErrorCode.UnknownChannel);
    if (
      channel.guildId &&
      core.enforcePermissions &&
      !core.botCan(channel, PermissionFlagsBits.ViewChannel)
    ) {
      return fail(403, ErrorCode.MissingAccess);
    }
    return ok(toAPIChannel(channel));
  });
  add('POST', '/channels/:channel/messages', (ctx) => postChannelMessage(core, ctx), {
    perChannelMessages: true,
  });
  add('GET', '/channels/:channel/messages/:message', (ctx) => {
    const record = core.messages.get(ctx.params.message ?? '');
    if (!record || record.deleted || record.channelId !== ctx.params.channel)
      return fail(404, ErrorCode.UnknownMessage);
    return ok(record.message);
  });
  add('PATCH', '/channels/:channel/messages/:message', (ctx) => patchChannelMessage(core, ctx));
  add('DELETE', '/channels/:channel/messages/:message', (ctx) => {
    const record = core.messages.get(ctx.params.message ?? '');
    if (!record || record.deleted || record.channelId !== ctx.params.channel)
      return fail(404, ErrorCode.UnknownMessage);
    record.deleted = true;
    core.emit('message', record, 'delete');
    return { status: 204 };
  });
  add('POST', '/channels/:channel/messages/:message/threads', (ctx) => startThread(core, ctx));
  add('POST', '/channels/:channel/threads', (ctx) => createForumPost(core, ctx));
  add('POST', '/channels/:channel/messages/:message/crosspost', (ctx) => crosspost(core, ctx));
  add('GET', '/guilds/:guild/threads/active', (ctx) => activeThreads(core, ctx));
  add('POST', '/channels/:channel/typing', (ctx) =>
    core.channel(ctx.params.channel ?? '') ? { status: 204 } : fail(404, ErrorCode.UnknownChannel),
  );

  // Guilds.
  add('GET', '/guilds/:guild', (ctx) => {
    const guild = core.guilds.get(ctx.params.guild ?? '');
    if (!guild) return fail(404, ErrorCode.UnknownGuild);
    const counts =
      ctx.query.get('with_counts') === 'true'
        ? {
            approximate_member_count: guild.memberCount ?? guild.members.size,
            approximate_presence_count: 0,
          }
        : {};
    return ok({ ...toAPIGuild(guild), ...counts });
  });
  add('GET', '/guilds/:guild/channels', (ctx) => {
    const guild = core.guilds.get(ctx.params.guild ?? '');
    return guild ? ok([...guild.channels.values()].map(toAPIChannel)) : fail(404, ErrorCode.UnknownGuild);
  });
  add('GET', '/guilds/:guild/roles', (ctx) => {
    const guild = core.guilds.get(ctx.params.guild ?? '');
    return guild ? ok([...guild.roles.values()]) : fail(404, ErrorCode.UnknownGuild);
  });
  add('GET', '/guilds/:guild/members/:user', (ctx) => {
    const guild = core.guilds.get(ctx.params.guild ?? '');
    if (!guild) return fail(404, ErrorCode.UnknownGuild);
    const userId = ctx.params.user === '@me' ? core.bot.id : (ctx.params.user ?? '');
    const member = guild.members.get(userId);
    return member ? ok(toAPIMember(member)) : fail(404, ErrorCode.UnknownMember);
  });
  return routes;
}

function postChannelMessage(core: FakeCore, ctx: Ctx): Reply {
  const channelId = ctx.params.channel ?? '';
  const channel = core.channel(channelId);
  if (!channel) return { status: 404, body: errorBody(ErrorCode.UnknownChannel, 404) };
  const injected = core.channelErrors.get(channelId);
  if (injected) return { status: injected.status, body: errorBody(injected.code, injected.status) };
  if (core.enforcePermissions && channel.guildId) {
    if (!core.botCan(channel, PermissionFlagsBits.ViewChannel)) {
      return { status: 403, body: errorBody(ErrorCode.MissingAccess, 403) };
    }
    const send = isThread(channel)
      ? PermissionFlagsBits.SendMessagesInThreads
      : PermissionFlagsBits.SendMessages;
    if (!core.botCan(channel, send)) {
      return { status: 403, body: errorBody(ErrorCode.MissingPermissions, 403) };
    }
  }
  if (channel.thread?.archived) return { status: 400, body: errorBody(50083, 400, 'Thread is archived') };
  if (channel.recipient && core.closedDms.has(channel.recipient.id))
    return { status: 403, body: errorBody(ErrorCode.CannotSendMessagesToThisUser, 403) };
  core.audit('channel.create', ctx, ctx.body, channelId, null);
  const bad = core.checkMessage(ctx, ctx.body, true);
  if (bad) return bad;
  const body = { ...(ctx.body as Record<string, unknown>) };
  // Discord dedupes a resend: with enforce_nonce, the same nonce in the same channel within a few
  // minutes returns the message created first instead of posting again.
  const nonceKey =
    typeof body.nonce === 'string' || typeof body.nonce === 'number'
      ? `${channelId}:${body.nonce}`
      : undefined;
  if (nonceKey && body.enforce_nonce === true) {
    const seen = core.nonces.get(nonceKey);
    const original =
      seen && Date.now() - seen.at < core.nonceWindowMs ? core.messages.get(seen.messageId) : undefined;
    if (original) {
      core.stats.nonceDeduped++;
      return { status: 200, body: original.message };
    }
  }
  let droppedEmbeds = false;
  if (
    core.enforcePermissions &&
    Array.isArray(body.embeds) &&
    body.embeds.length > 0 &&
    !core.botCan(channel, PermissionFlagsBits.EmbedLinks)
  ) {
    body.embeds = [];
    droppedEmbeds = true;
  }
  const message = buildMessage({
    id: makeSnowflake(),
    channelId,
    author: core.bot,
    body,
    type: isRecord(body.message_reference) ? MessageType.Reply : MessageType.Default,
    flags: typeof body.flags === 'number' ? body.flags & (4 | 4096 | (1 << 15)) : 0,
  });
  if (typeof body.nonce === 'string' || typeof body.nonce === 'number') message.nonce = body.nonce;
  Object.assign(message, pingsOf(core, channel, body));
  const record = core.storeMessage(message, channel, 'channel', null, ctx, droppedEmbeds);
  if (nonceKey && body.enforce_nonce === true)
    core.nonces.set(nonceKey, { messageId: message.id, at: Date.now() });
  if (channel.guildId) {
    core.dispatchToGuild(channel.guildId, GatewayDispatchEvents.MessageCreate, {
      ...message,
      guild_id: channel.guildId,
      member: toAPIMember(
        core.requireGuild(channel.guildId).members.get(core.bot.id) ?? core.botMember(channel.guildId),
      ),
    });
  }
  return { status: 200, body: record.message };
}

function patchChannelMessage(core: FakeCore, ctx: Ctx): Reply {
  const channelId = ctx.params.channel ?? '';
  const channel = core.channel(channelId);
  if (!channel) return { status: 404, body: errorBody(ErrorCode.UnknownChannel, 404) };
  const injected = core.channelErrors.get(channelId);
  if (injected) return { status: injected.status, body: errorBody(injected.code, injected.status) };
  const record = core.messages.get(ctx.params.message ?? '');
  if (!record || record.deleted || record.channelId !== channelId) {
    return { status: 404, body: errorBody(ErrorCode.UnknownMessage, 404) };
  }
  if (record.message.author.id !== core.bot.id) {
    return { status: 403, body: errorBody(50005, 403, 'Cannot edit a message authored by another user') };
  }
  core.audit('channel.edit', ctx, ctx.body, channelId, null);
  const bad = core.checkMessage(ctx, ctx.body, false);
  if (bad) return bad;
  core.applyEdit(record, ctx.body as Record<string, unknown>, ctx.files);
  return { status: 200, body: record.message };
}

/** Starts a public thread from a message (the thread's id is the message's, as on Discord). */
function startThread(core: FakeCore, ctx: Ctx): Reply {
  const channel = core.channel(ctx.params.channel ?? '');
  if (!channel?.guildId) return { status: 404, body: errorBody(ErrorCode.UnknownChannel, 404) };
  const record = core.messages.get(ctx.params.message ?? '');
  if (!record || record.deleted || record.channelId !== channel.id)
    return { status: 404, body: errorBody(ErrorCode.UnknownMessage, 404) };
  if (channel.type !== ChannelType.GuildText && channel.type !== ChannelType.GuildAnnouncement)
    return { status: 400, body: errorBody(50024, 400, 'Cannot execute action on this channel type') };
  if (core.enforcePermissions) {
    if (!core.botCan(channel, PermissionFlagsBits.ViewChannel))
      return { status: 403, body: errorBody(ErrorCode.MissingAccess, 403) };
    if (!core.botCan(channel, PermissionFlagsBits.CreatePublicThreads))
      return { status: 403, body: errorBody(ErrorCode.MissingPermissions, 403) };
  }
  const guild = core.requireGuild(channel.guildId);
  if (guild.channels.has(record.id))
    return {
      status: 400,
      body: errorBody(160004, 400, 'A thread has already been created for this message'),
    };
  const body = isRecord(ctx.body) ? ctx.body : {};
  const name = typeof body.name === 'string' ? body.name : '';
  if (name.length < 1 || name.length > 100)
    return core.invalid('message', ctx, [
      { path: ['name'], code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' },
    ]);
  const thread = makeChannel(
    { id: record.id, type: ChannelType.PublicThread, name, parentId: channel.id },
    channel.guildId,
    guild.channels.size,
  );
  thread.overwrites = channel.overwrites;
  const archive = body.auto_archive_duration;
  if (archive !== undefined && ![60, 1440, 4320, 10080].includes(archive as number))
    return core.invalid('message', ctx, [
      {
        path: ['auto_archive_duration'],
        code: 'BASE_TYPE_CHOICES',
        message: 'Value must be one of (60, 1440, 4320, 10080).',
      },
    ]);
  thread.thread = {
    ownerId: core.bot.id,
    archived: false,
    createdAt: new Date().toISOString(),
    ...(typeof archive === 'number' ? { autoArchiveMinutes: archive } : {}),
  };
  guild.channels.set(thread.id, thread);
  const api = toAPIChannel(thread);
  record.message = { ...record.message, thread: api } as typeof record.message;
  core.dispatchToGuild(channel.guildId, GatewayDispatchEvents.ThreadCreate, { ...api, newly_created: true });
  return { status: 201, body: api };
}
