/** Discord's permission computation (roles, then channel overwrites), as documented. */
import { type APIOverwrite, OverwriteType, PermissionFlagsBits } from 'discord-api-types/v10';

export const ALL_PERMISSIONS: bigint = Object.values(PermissionFlagsBits).reduce((all, bit) => all | bit, 0n);

/** What a fresh guild's @everyone role gets. */
export const DEFAULT_EVERYONE_PERMISSIONS: bigint =
  PermissionFlagsBits.CreateInstantInvite |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.MentionEveryone |
  PermissionFlagsBits.UseExternalEmojis |
  PermissionFlagsBits.Connect |
  PermissionFlagsBits.Speak |
  PermissionFlagsBits.UseVAD |
  PermissionFlagsBits.ChangeNickname |
  PermissionFlagsBits.UseApplicationCommands |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.CreatePrivateThreads |
  PermissionFlagsBits.SendMessagesInThreads;

/** What the bot's managed role gets by default (a typical "send briefings" invite). */
export const DEFAULT_BOT_PERMISSIONS: bigint =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.UseApplicationCommands;

export interface PermissionContext {
  guildId: string;
  ownerId: string;
  /** role id → permissions; must contain the @everyone role (id = guild id). */
  rolePermissions: ReadonlyMap<string, bigint>;
}

export function basePermissions(
  ctx: PermissionContext,
  userId: string,
  memberRoles: readonly string[],
): bigint {
  if (userId === ctx.ownerId) return ALL_PERMISSIONS;
  let perms = ctx.rolePermissions.get(ctx.guildId) ?? 0n;
  for (const roleId of memberRoles) perms |= ctx.rolePermissions.get(roleId) ?? 0n;
  if ((perms & PermissionFlagsBits.Administrator) === PermissionFlagsBits.Administrator)
    return ALL_PERMISSIONS;
  return perms;
}

export function channelPermissions(
  ctx: PermissionContext,
  userId: string,
  memberRoles: readonly string[],
  overwrites: readonly APIOverwrite[],
): bigint {
  const base = basePermissions(ctx, userId, memberRoles);
  if ((base & PermissionFlagsBits.Administrator) === PermissionFlagsBits.Administrator)
    return ALL_PERMISSIONS;
  let perms = base;
  const everyone = overwrites.find((o) => o.id === ctx.guildId);
  if (everyone) {
    perms &= ~BigInt(everyone.deny);
    perms |= BigInt(everyone.allow);
  }
  let allow = 0n;
  let deny = 0n;
  for (const o of overwrites) {
    if (o.type === OverwriteType.Role && o.id !== ctx.guildId && memberRoles.includes(o.id)) {
      allow |= BigInt(o.allow);
      deny |= BigInt(o.deny);
    }
  }
  perms &= ~deny;
  perms |= allow;
  const member = overwrites.find((o) => o.type === OverwriteType.Member && o.id === userId);
  if (member) {
    perms &= ~BigInt(member.deny);
    perms |= BigInt(member.allow);
  }
  // Without ViewChannel nothing else in the channel is usable.
  if ((perms & PermissionFlagsBits.ViewChannel) === 0n) return 0n;
  return perms;
}

export function toPermissionBits(value: bigint | string | number | undefined, fallback: bigint): bigint {
  if (value === undefined) return fallback;
  return BigInt(value);
}
