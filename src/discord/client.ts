import {
  Client,
  GatewayIntentBits,
  Options,
  PermissionFlagsBits,
  type PermissionResolvable,
} from 'discord.js';
import type { Logger } from '../logger.ts';
import { createRequestPacer, type Pacer } from '../scheduler/pacing.ts';
import type { ChannelAccess, PermissionName } from '../scheduler/types.ts';
import { pacedRestOptions } from './rest-pacer.ts';

export interface DiscordClientOptions {
  apiUrl?: string | undefined;
  /** REST requests per second for the whole bot (Discord allows 50); the shards split it. */
  requestsPerSecond: number;
  logger: Logger;
}

/**
 * Guilds intent only; caches trimmed to what slash commands and permission checks need. Every REST
 * request waits for the process's one pacer (rest-pacer.ts), set once the shard count is known.
 */
export function createDiscordClient(opts: DiscordClientOptions): { client: Client; pacer: Pacer } {
  let pacer: Pacer | undefined;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    rest: pacedRestOptions({ apiUrl: opts.apiUrl, pacer: () => pacer, logger: opts.logger }),
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
  pacer = createRequestPacer(opts.requestsPerSecond / (client.shard?.count ?? 1));
  return { client, pacer };
}

const BITS: Record<PermissionName, PermissionResolvable> = {
  'View Channel': PermissionFlagsBits.ViewChannel,
  'Send Messages': PermissionFlagsBits.SendMessages,
  'Embed Links': PermissionFlagsBits.EmbedLinks,
};

/** Live permission checks for the bot in a channel, from the gateway caches (fetching on a miss). */
export function channelAccessFor(client: Client): ChannelAccess {
  return {
    async missingPermissions(channelId, needed) {
      const channel =
        client.channels.cache.get(channelId) ?? (await client.channels.fetch(channelId).catch(() => null));
      if (!channel) return { error: 'the bot cannot see that channel (it may be private or deleted)' };
      if (channel.isDMBased() || !('guild' in channel)) return { error: 'that is not a server channel' };
      if (!channel.isTextBased()) return { error: 'that channel does not take messages' };
      const me = channel.guild.members.me ?? (await channel.guild.members.fetchMe().catch(() => null));
      if (!me) return { error: 'the bot could not read its own permissions in that server' };
      const perms = channel.permissionsFor(me);
      return needed.filter((name) => !perms?.has(BITS[name]));
    },
  };
}
