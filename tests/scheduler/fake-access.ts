/** ChannelAccess computed by the fake Discord (Discord's permission algorithm over its world). */
import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { ChannelAccess, PermissionName } from '../../src/scheduler/types.ts';
import type { FakeDiscord } from '../support/fake-discord.ts';

const BITS: Record<PermissionName, bigint> = {
  'View Channel': PermissionFlagsBits.ViewChannel,
  'Send Messages': PermissionFlagsBits.SendMessages,
  'Embed Links': PermissionFlagsBits.EmbedLinks,
};

export function fakeAccess(fake: FakeDiscord): ChannelAccess {
  return {
    async missingPermissions(channelId, needed) {
      if (!fake.channel(channelId)) return { error: 'that channel does not exist (any more)' };
      const perms = fake.botPermissionsIn(channelId);
      return needed.filter((name) => (perms & BITS[name]) !== BITS[name]);
    },
  };
}
