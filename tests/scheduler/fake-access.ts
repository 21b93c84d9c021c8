/** ChannelAccess computed by the fake Discord (Discord's permission algorithm over its world). */
import { ChannelType, PermissionFlagsBits } from 'discord-api-types/v10';
import type { ChannelAccess, ChannelKind, PermissionName } from '../../src/scheduler/types.ts';
import type { FakeDiscord } from '../support/fake-discord.ts';

const BITS: Record<PermissionName, bigint> = {
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

const KINDS: Partial<Record<ChannelType, ChannelKind>> = {
  [ChannelType.GuildText]: 'text',
  [ChannelType.GuildAnnouncement]: 'announcement',
  [ChannelType.GuildForum]: 'forum',
  [ChannelType.GuildMedia]: 'media',
};

export function fakeAccess(fake: FakeDiscord): ChannelAccess {
  return {
    async missingPermissions(channelId, needed) {
      if (!fake.channel(channelId)) return { error: 'that channel does not exist (any more)' };
      const perms = fake.botPermissionsIn(channelId);
      return needed.filter((name) => (perms & BITS[name]) !== BITS[name]);
    },
    async describe(channelId) {
      const channel = fake.channel(channelId);
      if (!channel) return { error: 'that channel does not exist (any more)' };
      const kind = KINDS[channel.type] ?? 'other';
      return { kind, tags: channel.tags ?? [] };
    },
    async role(channelId, roleId) {
      const guildId = fake.channel(channelId)?.guildId;
      const role = guildId ? fake.guilds.get(guildId)?.roles.get(roleId) : undefined;
      return role && guildId
        ? { name: role.name, mentionable: role.mentionable, everyone: role.id === guildId }
        : undefined;
    },
  };
}
