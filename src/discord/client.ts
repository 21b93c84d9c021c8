import { ChannelType, Client, GatewayIntentBits, Options, PermissionFlagsBits } from 'discord.js';
import type { Logger } from '../logger.ts';
import { createRequestPacer, type Pacer } from '../scheduler/pacing.ts';
import { type ShardSet, SINGLE_SHARD } from '../scheduler/shard.ts';
import type { ChannelAccess, PermissionName } from '../scheduler/types.ts';
import { StartupError } from '../startup-error.ts';
import { pacedRestOptions, type RestObserver } from './rest-pacer.ts';

/** discord.js's identify throttler (@discordjs/ws IIdentifyThrottler). */
export interface IdentifyThrottler {
  waitForIdentify(shardId: number, signal: AbortSignal): Promise<void>;
}

export interface DiscordClientOptions {
  apiUrl?: string | undefined;
  /** REST requests per second for the whole bot (Discord allows 50); the shards split it. */
  requestsPerSecond: number;
  logger: Logger;
  /** The shards this process connects as (config SHARD_COUNT / SHARD_IDS). Default: shard 0 of 1. */
  shards?: ShardSet;
  /**
   * Paces IDENTIFY (given Discord's max_concurrency from /gateway/bot), asked for when the first
   * shard is about to identify, so it may also hold the identify back; default: discord.js's own,
   * which knows only this process's shards.
   */
  identifyThrottler?:
    | ((maxConcurrency: number) => IdentifyThrottler | Promise<IdentifyThrottler>)
    | undefined;
  /** Sees every REST answer (the operator's metrics). */
  observeRest?: RestObserver | undefined;
}

/**
 * Guilds intent only; caches trimmed to what slash commands and permission checks need. Connects as
 * exactly the configured shards. Every REST request waits for the process's one pacer
 * (rest-pacer.ts), whose rate is this process's share of the bot's: its shards of the count.
 */
export function createDiscordClient(opts: DiscordClientOptions): { client: Client; pacer: Pacer } {
  const shards = opts.shards ?? SINGLE_SHARD;
  const pacer = createRequestPacer((opts.requestsPerSecond * shards.ids.length) / shards.count);
  const throttler = opts.identifyThrottler;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    // Embeds, components, forms and choices are built in the API's own shape (APIEmbed, custom_id…):
    // discord.js's default transformer would rename every key of every answer to the same name.
    jsonTransformer: (data: unknown) => data,
    shards: [...shards.ids],
    shardCount: shards.count,
    ...(throttler
      ? {
          ws: {
            buildIdentifyThrottler: async (manager) =>
              throttler((await manager.fetchGatewayInformation()).session_start_limit.max_concurrency),
          },
        }
      : {}),
    rest: pacedRestOptions({
      apiUrl: opts.apiUrl,
      pacer: () => pacer,
      logger: opts.logger,
      observe: opts.observeRest,
    }),
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 0,
      ReactionManager: 0,
      ReactionUserManager: 0,
      PresenceManager: 0,
      VoiceStateManager: 0,
      GuildEmojiManager: 0,
      GuildStickerManager: 0,
      GuildScheduledEventManager: 0,
      StageInstanceManager: 0,
      ThreadMemberManager: 0,
      GuildInviteManager: 0,
      GuildBanManager: 0,
      AutoModerationRuleManager: 0,
      ApplicationCommandManager: 0,
      UserManager: { maxSize: 0, keepOverLimit: (user) => user.id === user.client.user.id },
      GuildMemberManager: { maxSize: 0, keepOverLimit: (member) => member.id === member.client.user.id },
    }),
  });
  return { client, pacer };
}

/** The permission flag behind each name the scheduler asks about (a forum post needs Send Messages). */
export const PERMISSION_BITS: Record<PermissionName, bigint> = {
  'View Channel': PermissionFlagsBits.ViewChannel,
  'Send Messages': PermissionFlagsBits.SendMessages,
  'Embed Links': PermissionFlagsBits.EmbedLinks,
  'Create Posts': PermissionFlagsBits.SendMessages,
  'Send Messages in Threads': PermissionFlagsBits.SendMessagesInThreads,
  'Create Public Threads': PermissionFlagsBits.CreatePublicThreads,
  'Manage Messages': PermissionFlagsBits.ManageMessages,
  'Mention Everyone': PermissionFlagsBits.MentionEveryone,
  'Attach Files': PermissionFlagsBits.AttachFiles,
};

/** Live permission checks for the bot in a channel, from the gateway caches (fetching on a miss). */
export function channelAccessFor(client: Client): ChannelAccess {
  const channelOf = async (channelId: string) =>
    client.channels.cache.get(channelId) ?? (await client.channels.fetch(channelId).catch(() => null));
  return {
    async missingPermissions(channelId, needed) {
      const channel = await channelOf(channelId);
      if (!channel) return { error: 'the bot cannot see that channel (it may be private or deleted)' };
      if (channel.isDMBased() || !('guild' in channel)) return { error: 'that is not a server channel' };
      if (!channel.isTextBased() && !channel.isThreadOnly())
        return { error: 'that channel does not take messages' };
      const me = channel.guild.members.me ?? (await channel.guild.members.fetchMe().catch(() => null));
      if (!me) return { error: 'the bot could not read its own permissions in that server' };
      const perms = channel.permissionsFor(me);
      return needed.filter((name) => !perms?.has(PERMISSION_BITS[name]));
    },
    async describe(channelId) {
      const channel = await channelOf(channelId);
      if (!channel) return { error: 'the bot cannot see that channel (it may be private or deleted)' };
      const kind =
        channel.type === ChannelType.GuildText
          ? 'text'
          : channel.type === ChannelType.GuildAnnouncement
            ? 'announcement'
            : channel.type === ChannelType.GuildForum
              ? 'forum'
              : channel.type === ChannelType.GuildMedia
                ? 'media'
                : 'other';
      const tags = channel.isThreadOnly()
        ? channel.availableTags.map((t) => ({ id: t.id, name: t.name }))
        : [];
      return { kind, tags };
    },
    async role(channelId, roleId) {
      const channel = await channelOf(channelId);
      if (!channel || channel.isDMBased() || !('guild' in channel)) return undefined;
      const role =
        channel.guild.roles.cache.get(roleId) ?? (await channel.guild.roles.fetch(roleId).catch(() => null));
      if (!role) return undefined;
      return { name: role.name, mentionable: role.mentionable, everyone: role.id === channel.guild.id };
    },
  };
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'ECONNRESET',
]);

function codeOf(error: unknown): string | number | undefined {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' || typeof code === 'number') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

const messageOf = (error: unknown) =>
  error instanceof Error && error.message ? error.message : String(error);

/**
 * What a failed login means for the operator: a refused token or an unreachable API, as one line
 * naming the variable and the fix (undefined: not an operator's mistake, a bug to show in full).
 */
export function explainLoginError(
  error: unknown,
  opts: { apiUrl?: string | undefined },
): StartupError | undefined {
  const code = codeOf(error);
  const status = (error as { status?: unknown }).status;
  if (code === 'TokenInvalid' || status === 401)
    return new StartupError(
      'DISCORD_TOKEN was refused by Discord (invalid token): reset it in the Developer Portal → your application → Bot → Reset Token, and paste the new one after DISCORD_TOKEN= in .env',
      { cause: error },
    );
  if (typeof code === 'string' && NETWORK_CODES.has(code)) {
    return new StartupError(
      opts.apiUrl
        ? `DISCORD_API_URL ${opts.apiUrl} is not reachable (${messageOf(error)}): check the URL and that the proxy runs, or leave DISCORD_API_URL empty to use Discord itself`
        : `Discord's API is not reachable (${messageOf(error)}): check the network, DNS and firewall of this machine`,
      { cause: error },
    );
  }
  return undefined;
}

/** Registering to DISCORD_GUILD_ID was refused because of the id itself: say so, with the fix. */
export function explainRegistrationError(
  error: unknown,
  guildId: string | undefined,
): StartupError | undefined {
  if (!guildId) return undefined;
  const code = codeOf(error);
  if (code === 50001 || code === 10004 || (error as { status?: unknown }).status === 404)
    return new StartupError(
      `DISCORD_GUILD_ID ${guildId} is not a server the bot is in (Discord: ${code === 10004 ? 'Unknown Guild' : 'Missing Access'}), so its slash commands cannot be registered: invite the bot there (OAuth2 URL with the bot and applications.commands scopes), copy the server id again (right-click the server → Copy Server ID), or leave DISCORD_GUILD_ID empty to register globally`,
      { cause: error },
    );
  return undefined;
}

/**
 * Why the default schedule's channel cannot be used, checked once at start (undefined: it can, or
 * Discord did not say). A deleted or mistyped channel is reported here rather than at its first run.
 */
export async function defaultChannelProblem(client: Client, channelId: string): Promise<string | undefined> {
  try {
    const channel = await client.channels.fetch(channelId);
    if (!channel?.isTextBased() || channel.isDMBased())
      return `BRIEFING_CHANNEL_ID ${channelId} is not a server text channel: pick a text or announcement channel`;
    return undefined;
  } catch (error) {
    const code = codeOf(error);
    if (code === 10003 || (error as { status?: unknown }).status === 404)
      return `BRIEFING_CHANNEL_ID ${channelId} does not exist (Discord: Unknown Channel): copy the channel id again (right-click the channel → Copy Channel ID) or leave BRIEFING_CHANNEL_ID empty`;
    if (code === 50001 || (error as { status?: unknown }).status === 403)
      return `BRIEFING_CHANNEL_ID ${channelId} is hidden from the bot (Discord: Missing Access): give it View Channel, Send Messages and Embed Links there`;
    return undefined;
  }
}
