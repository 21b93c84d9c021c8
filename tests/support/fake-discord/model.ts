/** The fake's world: guilds, roles, channels, members, and the API objects built from them. */
import {
  type APIApplicationCommand,
  type APIChannel,
  type APIGuild,
  type APIGuildMember,
  type APIMessage,
  type APIOverwrite,
  type APIRole,
  type APIUser,
  ApplicationFlags,
  ChannelType,
  type GatewayGuildCreateDispatchData,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  type GuildFeature,
  type GuildMemberFlags,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildSystemChannelFlags,
  GuildVerificationLevel,
  type Locale,
  type OverwriteType,
  type RoleFlags,
} from 'discord-api-types/v10';
import {
  channelPermissions,
  DEFAULT_BOT_PERMISSIONS,
  DEFAULT_EVERYONE_PERMISSIONS,
  type PermissionContext,
  toPermissionBits,
} from './permissions.ts';
import { makeSnowflake } from './snowflake.ts';

export type PermissionValue = bigint | string | number;

export interface FakeOverwriteSpec {
  /** Role id (the guild id for @everyone) or user id. */
  id: string;
  type: OverwriteType;
  allow?: PermissionValue;
  deny?: PermissionValue;
}

export interface FakeChannelSpec {
  id?: string;
  name?: string;
  /** Default: GuildText. */
  type?: ChannelType;
  topic?: string | null;
  parentId?: string | null;
  position?: number;
  nsfw?: boolean;
  permissionOverwrites?: FakeOverwriteSpec[];
  /** Forum and media channels: the tags a post can carry. */
  availableTags?: Array<{ id?: string; name: string }>;
}

export interface FakeRoleSpec {
  id?: string;
  name?: string;
  permissions?: PermissionValue;
  position?: number;
  color?: number;
  /** Anyone may @mention it (Discord's "Allow anyone to @mention this role"). */
  mentionable?: boolean;
}

export interface FakeMemberSpec {
  id: string;
  username?: string;
  globalName?: string | null;
  roles?: string[];
  bot?: boolean;
  nick?: string | null;
}

export interface FakeGuildSpec {
  id?: string;
  name?: string;
  /** Owner user id (an owner has every permission). Default: a made-up user. */
  ownerId?: string;
  /** Permissions of @everyone (role id = guild id). */
  everyonePermissions?: PermissionValue;
  /** Permissions of the bot's managed role. */
  botPermissions?: PermissionValue;
  /** Extra roles. */
  roles?: FakeRoleSpec[];
  /** Extra role ids the bot member has (besides its managed role). */
  botRoleIds?: string[];
  /** Default: one text channel named `general`. */
  channels?: FakeChannelSpec[];
  members?: FakeMemberSpec[];
  /** Reported member_count (default: number of known members). */
  memberCount?: number;
  preferredLocale?: Locale | string;
  features?: string[];
}

export interface ChannelState {
  id: string;
  guildId: string | null;
  type: ChannelType;
  name: string;
  topic: string | null;
  parentId: string | null;
  position: number;
  nsfw: boolean;
  overwrites: APIOverwrite[];
  lastMessageId: string | null;
  /** DM recipient, for DM channels. */
  recipient?: APIUser;
  /** Threads: who started it, and whether it is archived. */
  thread?: {
    ownerId: string;
    archived: boolean;
    createdAt: string;
    autoArchiveMinutes?: number;
    appliedTags?: string[];
  };
  /** Forum and media channels: their tags. */
  tags?: Array<{ id: string; name: string }>;
}

const THREAD_TYPES: ReadonlySet<ChannelType> = new Set([
  ChannelType.PublicThread,
  ChannelType.PrivateThread,
  ChannelType.AnnouncementThread,
]);

export function isThread(channel: ChannelState): boolean {
  return THREAD_TYPES.has(channel.type);
}

export interface MemberState {
  user: APIUser;
  roles: string[];
  nick: string | null;
  joinedAt: string;
}

export interface GuildState {
  id: string;
  name: string;
  ownerId: string;
  preferredLocale: string;
  features: string[];
  memberCount: number | null;
  joinedAt: string;
  botRoleId: string;
  roles: Map<string, APIRole>;
  channels: Map<string, ChannelState>;
  members: Map<string, MemberState>;
}

export function makeUser(
  id: string,
  username: string,
  bot = false,
  globalName: string | null = null,
): APIUser {
  return {
    id,
    username,
    discriminator: bot ? '0000' : '0',
    global_name: globalName,
    avatar: null,
    ...(bot ? { bot: true } : {}),
  };
}

function overwrite(spec: FakeOverwriteSpec): APIOverwrite {
  return {
    id: spec.id,
    type: spec.type,
    allow: toPermissionBits(spec.allow, 0n).toString(),
    deny: toPermissionBits(spec.deny, 0n).toString(),
  };
}

function role(
  id: string,
  name: string,
  permissions: bigint,
  position: number,
  managed: boolean,
  botId?: string,
  mentionable = false,
): APIRole {
  return {
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position,
    permissions: permissions.toString(),
    managed,
    mentionable,
    flags: 0 as RoleFlags,
    ...(botId ? { tags: { bot_id: botId } } : {}),
  };
}

export function makeChannel(spec: FakeChannelSpec, guildId: string | null, index: number): ChannelState {
  return {
    id: spec.id ?? makeSnowflake(),
    guildId,
    type: spec.type ?? ChannelType.GuildText,
    name: spec.name ?? (index === 0 ? 'general' : `channel-${index}`),
    topic: spec.topic ?? null,
    parentId: spec.parentId ?? null,
    position: spec.position ?? index,
    nsfw: spec.nsfw ?? false,
    overwrites: (spec.permissionOverwrites ?? []).map(overwrite),
    lastMessageId: null,
    ...(spec.availableTags || spec.type === ChannelType.GuildForum || spec.type === ChannelType.GuildMedia
      ? { tags: (spec.availableTags ?? []).map((t) => ({ id: t.id ?? makeSnowflake(), name: t.name })) }
      : {}),
  };
}

export function makeGuild(spec: FakeGuildSpec, bot: APIUser): GuildState {
  const id = spec.id ?? makeSnowflake();
  const ownerId = spec.ownerId ?? makeSnowflake();
  const botRoleId = makeSnowflake();
  const roles = new Map<string, APIRole>();
  roles.set(
    id,
    role(id, '@everyone', toPermissionBits(spec.everyonePermissions, DEFAULT_EVERYONE_PERMISSIONS), 0, false),
  );
  roles.set(
    botRoleId,
    role(
      botRoleId,
      bot.username,
      toPermissionBits(spec.botPermissions, DEFAULT_BOT_PERMISSIONS),
      1,
      true,
      bot.id,
    ),
  );
  (spec.roles ?? []).forEach((r, i) => {
    const roleId = r.id ?? makeSnowflake();
    roles.set(
      roleId,
      role(
        roleId,
        r.name ?? `role-${i + 1}`,
        toPermissionBits(r.permissions, 0n),
        r.position ?? i + 2,
        false,
        undefined,
        r.mentionable ?? false,
      ),
    );
  });
  const channelSpecs = spec.channels ?? [{ name: 'general' }];
  const channels = new Map<string, ChannelState>();
  channelSpecs.forEach((c, i) => {
    const channel = makeChannel(c, id, i);
    channels.set(channel.id, channel);
  });
  const joinedAt = new Date().toISOString();
  const members = new Map<string, MemberState>();
  members.set(bot.id, { user: bot, roles: [botRoleId, ...(spec.botRoleIds ?? [])], nick: null, joinedAt });
  for (const m of spec.members ?? []) {
    members.set(m.id, {
      user: makeUser(m.id, m.username ?? `user${m.id.slice(-4)}`, m.bot ?? false, m.globalName ?? null),
      roles: m.roles ?? [],
      nick: m.nick ?? null,
      joinedAt,
    });
  }
  if (!members.has(ownerId)) {
    members.set(ownerId, { user: makeUser(ownerId, 'owner'), roles: [], nick: null, joinedAt });
  }
  return {
    id,
    name: spec.name ?? 'Fake Guild',
    ownerId,
    preferredLocale: spec.preferredLocale ?? 'en-US',
    features: spec.features ?? [],
    memberCount: spec.memberCount ?? null,
    joinedAt,
    botRoleId,
    roles,
    channels,
    members,
  };
}

export function permissionContext(guild: GuildState): PermissionContext {
  const rolePermissions = new Map<string, bigint>();
  for (const r of guild.roles.values()) rolePermissions.set(r.id, BigInt(r.permissions));
  return { guildId: guild.id, ownerId: guild.ownerId, rolePermissions };
}

/** Effective permissions of a member in a channel (Discord's algorithm, with category sync ignored). */
export function memberPermissionsIn(
  guild: GuildState,
  channel: ChannelState | undefined,
  userId: string,
): bigint {
  const roles = guild.members.get(userId)?.roles ?? [];
  return channelPermissions(permissionContext(guild), userId, roles, channel?.overwrites ?? []);
}

export function toAPIChannel(channel: ChannelState): APIChannel {
  if (channel.thread && channel.guildId) {
    return {
      id: channel.id,
      type: channel.type,
      guild_id: channel.guildId,
      name: channel.name,
      parent_id: channel.parentId,
      owner_id: channel.thread.ownerId,
      last_message_id: channel.lastMessageId,
      rate_limit_per_user: 0,
      message_count: 0,
      member_count: 1,
      total_message_sent: 0,
      flags: 0,
      ...(channel.thread.appliedTags ? { applied_tags: channel.thread.appliedTags } : {}),
      thread_metadata: {
        archived: channel.thread.archived,
        auto_archive_duration: channel.thread.autoArchiveMinutes ?? 1440,
        archive_timestamp: channel.thread.createdAt,
        locked: false,
        create_timestamp: channel.thread.createdAt,
      },
    } as unknown as APIChannel;
  }
  if (channel.guildId === null) {
    return {
      id: channel.id,
      type: ChannelType.DM,
      last_message_id: channel.lastMessageId,
      recipients: channel.recipient ? [channel.recipient] : [],
      flags: 0,
    } as unknown as APIChannel;
  }
  return {
    id: channel.id,
    type: channel.type,
    guild_id: channel.guildId,
    name: channel.name,
    position: channel.position,
    permission_overwrites: channel.overwrites,
    parent_id: channel.parentId,
    nsfw: channel.nsfw,
    flags: 0,
    ...(channel.type === ChannelType.GuildCategory
      ? {}
      : { topic: channel.topic, last_message_id: channel.lastMessageId, rate_limit_per_user: 0 }),
    ...(channel.tags
      ? {
          available_tags: channel.tags.map((t) => ({
            ...t,
            moderated: false,
            emoji_id: null,
            emoji_name: null,
          })),
          default_reaction_emoji: null,
          default_thread_rate_limit_per_user: 0,
          default_sort_order: null,
          default_forum_layout: 0,
        }
      : {}),
  } as unknown as APIChannel;
}

export function toAPIMember(member: MemberState): APIGuildMember {
  return {
    user: member.user,
    nick: member.nick,
    avatar: null,
    banner: null,
    roles: member.roles,
    joined_at: member.joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
    pending: false,
    communication_disabled_until: null,
  };
}

export function toAPIGuild(guild: GuildState): APIGuild {
  const system = [...guild.channels.values()].find((c) => c.type === ChannelType.GuildText);
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    icon_hash: null,
    splash: null,
    discovery_splash: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    widget_enabled: false,
    widget_channel_id: null,
    verification_level: GuildVerificationLevel.None,
    default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
    explicit_content_filter: GuildExplicitContentFilter.Disabled,
    roles: [...guild.roles.values()],
    emojis: [],
    features: guild.features as GuildFeature[],
    mfa_level: GuildMFALevel.None,
    application_id: null,
    system_channel_id: system?.id ?? null,
    system_channel_flags: GuildSystemChannelFlags.SuppressJoinNotifications,
    rules_channel_id: null,
    max_presences: null,
    max_members: 500_000,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: GuildPremiumTier.None,
    premium_subscription_count: 0,
    preferred_locale: guild.preferredLocale as Locale,
    public_updates_channel_id: null,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    nsfw_level: GuildNSFWLevel.Default,
    stickers: [],
    premium_progress_bar_enabled: false,
    hub_type: null,
    safety_alerts_channel_id: null,
    incidents_data: null,
  };
}

export function toGuildCreate(guild: GuildState): GatewayGuildCreateDispatchData {
  return {
    ...toAPIGuild(guild),
    joined_at: guild.joinedAt,
    large: false,
    unavailable: false,
    member_count: guild.memberCount ?? guild.members.size,
    voice_states: [],
    members: [...guild.members.values()].map(toAPIMember),
    channels: [...guild.channels.values()]
      .filter((c) => !c.thread)
      .map(toAPIChannel) as GatewayGuildCreateDispatchData['channels'],
    threads: [...guild.channels.values()]
      .filter((c) => c.thread)
      .map(toAPIChannel) as GatewayGuildCreateDispatchData['threads'],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export function applicationObject(applicationId: string, bot: APIUser) {
  return {
    id: applicationId,
    name: bot.username,
    icon: null,
    description: 'Loopback fake application',
    rpc_origins: [],
    bot_public: false,
    bot_require_code_grant: false,
    bot,
    terms_of_service_url: undefined,
    privacy_policy_url: undefined,
    verify_key: '0'.repeat(64),
    summary: '',
    team: null,
    flags: ApplicationFlags.ApplicationCommandBadge,
    approximate_guild_count: 0,
    integration_types_config: { 0: {}, 1: {} },
    owner: makeUser('100000000000000001', 'owner'),
  };
}

/** What a stored command looks like after a PUT (ids and defaults filled in like Discord). */
export function storeCommand(
  body: Record<string, unknown>,
  applicationId: string,
  guildId: string | null,
  existing: APIApplicationCommand | undefined,
): APIApplicationCommand {
  const type = typeof body.type === 'number' ? body.type : 1;
  return {
    ...(body as object),
    id: existing?.id ?? makeSnowflake(),
    application_id: applicationId,
    version: makeSnowflake(),
    type,
    name: String(body.name),
    description: typeof body.description === 'string' ? body.description : '',
    default_member_permissions: (body.default_member_permissions as string | null | undefined) ?? null,
    nsfw: body.nsfw === true,
    ...(guildId ? { guild_id: guildId } : {}),
    ...(guildId ? {} : { integration_types: (body.integration_types as number[] | undefined) ?? [0] }),
    contexts: (body.contexts as number[] | null | undefined) ?? null,
    dm_permission: body.dm_permission === false ? false : !guildId,
  } as APIApplicationCommand;
}

/** Message as Discord returns it. `body` is the validated create body. */
export function buildMessage(input: {
  id: string;
  channelId: string;
  author: APIUser;
  body: Record<string, unknown>;
  type: number;
  webhookId?: string;
  applicationId?: string;
  interactionMetadata?: APIMessage['interaction_metadata'];
  flags?: number;
}): APIMessage {
  const body = input.body;
  const embeds = Array.isArray(body.embeds)
    ? (body.embeds as Array<Record<string, unknown>>).map((e) => ({ type: 'rich', ...e }))
    : [];
  return {
    id: input.id,
    channel_id: input.channelId,
    author: input.author,
    content: typeof body.content === 'string' ? body.content : '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: body.tts === true,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds,
    pinned: false,
    type: input.type,
    flags: input.flags ?? (typeof body.flags === 'number' ? body.flags : 0),
    components: Array.isArray(body.components) ? body.components : [],
    ...(input.webhookId ? { webhook_id: input.webhookId } : {}),
    ...(input.applicationId ? { application_id: input.applicationId } : {}),
    ...(input.interactionMetadata ? { interaction_metadata: input.interactionMetadata } : {}),
  } as APIMessage;
}

/** Apply a PATCH body to a stored message. */
export function editMessage(message: APIMessage, body: Record<string, unknown>): APIMessage {
  const next = { ...message, edited_timestamp: new Date().toISOString() } as APIMessage &
    Record<string, unknown>;
  if ('content' in body) next.content = typeof body.content === 'string' ? body.content : '';
  if ('embeds' in body) {
    next.embeds = Array.isArray(body.embeds)
      ? (body.embeds as Array<Record<string, unknown>>).map(
          (e) => ({ type: 'rich', ...e }) as APIMessage['embeds'][number],
        )
      : [];
  }
  if ('components' in body)
    next.components = Array.isArray(body.components) ? (body.components as APIMessage['components']) : [];
  if (typeof body.flags === 'number') {
    // Only SUPPRESS_EMBEDS (4) and IS_COMPONENTS_V2 can change on edit; keep the rest.
    next.flags = ((message.flags ?? 0) & ~(4 | (1 << 15))) | (body.flags & (4 | (1 << 15)));
  }
  // The loading flag goes away once a deferred response is edited.
  next.flags = (next.flags ?? 0) & ~128;
  return next;
}
