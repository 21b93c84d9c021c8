/** ChannelAccess computed by the fake Discord (Discord's permission algorithm over its world). */
import { ChannelType } from 'discord-api-types/v10';
import { PERMISSION_BITS } from '../../src/discord/client.ts';
import type { ChannelAccess, ChannelKind } from '../../src/scheduler/types.ts';
import type { FakeDiscord } from '../support/fake-discord.ts';

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
      return needed.filter((name) => (perms & PERMISSION_BITS[name]) !== PERMISSION_BITS[name]);
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
