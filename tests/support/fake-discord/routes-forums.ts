/**
 * Forum and media posts, active threads, crossposting, and who a message pings — as Discord does them:
 *   - `POST /channels/:forum/threads` creates a thread and its starter message (same id); no nonce.
 *   - `GET /guilds/:guild/threads/active` lists the threads not archived.
 *   - `POST /channels/:channel/messages/:message/crosspost` publishes an announcement-channel message
 *     once (40033 after that).
 *   - `mention_roles`: the roles a message really pings, from its content and allowed_mentions.
 */
import {
  type APIMessage,
  ChannelType,
  GatewayDispatchEvents,
  MessageFlags,
  MessageType,
  PermissionFlagsBits,
} from 'discord-api-types/v10';
import type { FakeCore } from './core.ts';
import { ErrorCode, errorBody } from './errors.ts';
import {
  buildMessage,
  type ChannelState,
  isThread,
  makeChannel,
  toAPIChannel,
  toAPIMember,
} from './model.ts';
import { makeSnowflake } from './snowflake.ts';
import type { Ctx, Reply } from './types.ts';
import { isRecord } from './validate.ts';

const fail = (status: number, code: number): Reply => ({ status, body: errorBody(code, status) });

export const isForum = (channel: ChannelState) =>
  channel.type === ChannelType.GuildForum || channel.type === ChannelType.GuildMedia;

/**
 * The roles a message pings (Discord's rules): a `<@&id>` in its content, allowed by allowed_mentions
 * (`parse: ["roles"]` or listed in `roles`), and mentionable or sent by someone with Mention Everyone.
 * @everyone/@here ping only with `parse: ["everyone"]`.
 */
export function pingsOf(
  core: FakeCore,
  channel: ChannelState,
  body: Record<string, unknown>,
): Pick<APIMessage, 'mention_roles' | 'mention_everyone'> {
  const content = typeof body.content === 'string' ? body.content : '';
  const allowed = isRecord(body.allowed_mentions) ? body.allowed_mentions : undefined;
  const parse = Array.isArray(allowed?.parse) ? (allowed.parse as unknown[]) : ['roles', 'users', 'everyone'];
  const listed = Array.isArray(allowed?.roles) ? (allowed.roles as unknown[]).map(String) : [];
  const guild = channel.guildId ? core.guilds.get(channel.guildId) : undefined;
  const everyoneAllowed = guild ? core.botCan(channel, PermissionFlagsBits.MentionEveryone) : false;
  const roles = [...content.matchAll(/<@&(\d+)>/g)]
    .map((m) => m[1] as string)
    .filter((id, i, all) => all.indexOf(id) === i)
    .filter((id) => parse.includes('roles') || listed.includes(id))
    .filter((id) => {
      const role = guild?.roles.get(id);
      return role !== undefined && (role.mentionable || everyoneAllowed);
    });
  const everyone = parse.includes('everyone') && /@(everyone|here)/.test(content) && everyoneAllowed;
  return { mention_roles: roles, mention_everyone: everyone };
}

/** A post in a forum or media channel: the thread and its first message, in one request. */
export function createForumPost(core: FakeCore, ctx: Ctx): Reply {
  const channel = core.channel(ctx.params.channel ?? '');
  if (!channel?.guildId) return fail(404, ErrorCode.UnknownChannel);
  if (!isForum(channel)) return fail(400, ErrorCode.CannotExecuteOnThisChannelType);
  if (core.enforcePermissions) {
    if (!core.botCan(channel, PermissionFlagsBits.ViewChannel)) return fail(403, ErrorCode.MissingAccess);
    if (!core.botCan(channel, PermissionFlagsBits.SendMessages))
      return fail(403, ErrorCode.MissingPermissions);
  }
  const body = isRecord(ctx.body) ? ctx.body : {};
  const name = typeof body.name === 'string' ? body.name : '';
  if (name.length < 1 || name.length > 100)
    return core.invalid('message', ctx, [
      { path: ['name'], code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' },
    ]);
  const tags = Array.isArray(body.applied_tags) ? body.applied_tags.map(String) : [];
  const unknown = tags.findIndex((t) => !channel.tags?.some((known) => known.id === t));
  if (unknown >= 0 || tags.length > 5)
    return core.invalid('message', ctx, [
      { path: ['applied_tags', Math.max(0, unknown)], code: 'BASE_TYPE_CHOICES', message: 'Unknown tag.' },
    ]);
  const archive = body.auto_archive_duration;
  if (archive !== undefined && ![60, 1440, 4320, 10080].includes(archive as number))
    return core.invalid('message', ctx, [
      {
        path: ['auto_archive_duration'],
        code: 'BASE_TYPE_CHOICES',
        message: 'Value must be one of (60, 1440, 4320, 10080).',
      },
    ]);
  const messageBody = isRecord(body.message) ? body.message : undefined;
  core.audit('channel.create', ctx, messageBody, channel.id, null);
  const bad = core.checkMessage(ctx, messageBody ?? {}, true);
  if (bad) return bad;
  const guild = core.requireGuild(channel.guildId);
  const id = makeSnowflake();
  const thread = makeChannel(
    { id, type: ChannelType.PublicThread, name, parentId: channel.id },
    channel.guildId,
    guild.channels.size,
  );
  thread.overwrites = channel.overwrites;
  thread.thread = {
    ownerId: core.bot.id,
    archived: false,
    createdAt: new Date().toISOString(),
    ...(typeof archive === 'number' ? { autoArchiveMinutes: archive } : {}),
    appliedTags: tags,
  };
  guild.channels.set(id, thread);
  const message = buildMessage({
    id,
    channelId: id,
    author: core.bot,
    body: messageBody ?? {},
    type: MessageType.Default,
    flags: typeof messageBody?.flags === 'number' ? messageBody.flags & (4 | 4096 | (1 << 15)) : 0,
  });
  Object.assign(message, pingsOf(core, thread, messageBody ?? {}));
  const record = core.storeMessage(message, thread, 'channel', null, ctx);
  const api = toAPIChannel(thread);
  core.dispatchToGuild(channel.guildId, GatewayDispatchEvents.ThreadCreate, { ...api, newly_created: true });
  core.dispatchToGuild(channel.guildId, GatewayDispatchEvents.MessageCreate, {
    ...record.message,
    guild_id: channel.guildId,
    member: toAPIMember(guild.members.get(core.bot.id) ?? core.botMember(channel.guildId)),
  });
  return { status: 201, body: { ...api, message: record.message } };
}

/** The server's threads that are not archived (all of them: the fake has no private-thread rules). */
export function activeThreads(core: FakeCore, ctx: Ctx): Reply {
  const guild = core.guilds.get(ctx.params.guild ?? '');
  if (!guild) return fail(404, ErrorCode.UnknownGuild);
  const threads = [...guild.channels.values()].filter((c) => isThread(c) && c.thread && !c.thread.archived);
  return { status: 200, body: { threads: threads.map(toAPIChannel), members: [] } };
}

/** Publishes a message of an announcement channel to the channels following it, once. */
export function crosspost(core: FakeCore, ctx: Ctx): Reply {
  const channel = core.channel(ctx.params.channel ?? '');
  if (!channel?.guildId) return fail(404, ErrorCode.UnknownChannel);
  const record = core.messages.get(ctx.params.message ?? '');
  if (!record || record.deleted || record.channelId !== channel.id)
    return fail(404, ErrorCode.UnknownMessage);
  if (channel.type !== ChannelType.GuildAnnouncement)
    return fail(400, ErrorCode.CannotExecuteOnThisChannelType);
  if (core.enforcePermissions) {
    const own = record.message.author.id === core.bot.id;
    const needed = own ? PermissionFlagsBits.SendMessages : PermissionFlagsBits.ManageMessages;
    if (!core.botCan(channel, PermissionFlagsBits.ViewChannel)) return fail(403, ErrorCode.MissingAccess);
    if (!core.botCan(channel, needed) || !core.botCan(channel, PermissionFlagsBits.ManageMessages))
      return fail(403, ErrorCode.MissingPermissions);
  }
  if (((record.message.flags ?? 0) & MessageFlags.Crossposted) !== 0)
    return fail(400, ErrorCode.AlreadyCrossposted);
  record.message = { ...record.message, flags: (record.message.flags ?? 0) | MessageFlags.Crossposted };
  core.stats.crossposts++;
  core.emit('message', record, 'edit');
  return { status: 200, body: record.message };
}
