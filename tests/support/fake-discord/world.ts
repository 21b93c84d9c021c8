/** World fixtures: the guilds, channels, members and permissions tests set up, and injected failures. */
import { type APIRole, ChannelType, GatewayDispatchEvents } from 'discord-api-types/v10';
import { FakeCore } from './core.ts';
import {
  type ChannelState,
  type FakeChannelSpec,
  type FakeGuildSpec,
  type FakeMemberSpec,
  type FakeOverwriteSpec,
  type FakeRoleSpec,
  type GuildState,
  type MemberState,
  makeChannel,
  makeGuild,
  makeUser,
  memberPermissionsIn,
  type PermissionValue,
  toAPIChannel,
  toGuildCreate,
} from './model.ts';
import { ALL_PERMISSIONS, toPermissionBits } from './permissions.ts';
import type { RateLimitOptions } from './ratelimit.ts';
import { makeSnowflake } from './snowflake.ts';
import type { ChannelError, FailureMatch, FailureRule, InjectedResponse } from './types.ts';

export class FakeWorld extends FakeCore {
  /** The first guild (the default guild when none were configured). */
  get defaultGuildId(): string {
    const first = this.guilds.keys().next();
    if (first.done) throw new Error('fake-discord: no guilds');
    return first.value;
  }

  /** The first text channel of the first guild. */
  get defaultChannelId(): string {
    const guild = this.requireGuild(this.defaultGuildId);
    const channel = [...guild.channels.values()].find((c) => c.type === ChannelType.GuildText);
    if (!channel) throw new Error('fake-discord: the default guild has no text channel');
    return channel.id;
  }

  /** The user id interactions come from unless `userId` is given. */
  get defaultUserId(): string {
    return this.testUserId;
  }

  guild(guildId: string): GuildState | undefined {
    return this.guilds.get(guildId);
  }

  /** Adds a guild; connected shards that own it get GUILD_CREATE. */
  addGuild(spec: FakeGuildSpec = {}): GuildState {
    const guild = makeGuild(spec, this.bot);
    this.guilds.set(guild.id, guild);
    this.dispatchToGuild(guild.id, GatewayDispatchEvents.GuildCreate, toGuildCreate(guild));
    return guild;
  }

  /** Removes a guild (the bot was kicked); owners get GUILD_DELETE. */
  removeGuild(guildId: string): void {
    if (!this.guilds.has(guildId)) return;
    this.dispatchToGuild(guildId, GatewayDispatchEvents.GuildDelete, { id: guildId });
    this.guilds.delete(guildId);
  }

  addChannel(guildId: string, spec: FakeChannelSpec = {}): ChannelState {
    const guild = this.requireGuild(guildId);
    const channel = makeChannel(spec, guildId, guild.channels.size);
    guild.channels.set(channel.id, channel);
    this.dispatchToGuild(guildId, GatewayDispatchEvents.ChannelCreate, toAPIChannel(channel));
    return channel;
  }

  addMember(guildId: string, spec: FakeMemberSpec): MemberState {
    const guild = this.requireGuild(guildId);
    const member: MemberState = {
      user: makeUser(
        spec.id,
        spec.username ?? `user${spec.id.slice(-4)}`,
        spec.bot ?? false,
        spec.globalName ?? null,
      ),
      roles: spec.roles ?? [],
      nick: spec.nick ?? null,
      joinedAt: new Date().toISOString(),
    };
    guild.members.set(spec.id, member);
    return member;
  }

  /** Replaces a channel's permission overwrites; owners get CHANNEL_UPDATE. */
  setChannelOverwrites(channelId: string, overwrites: FakeOverwriteSpec[]): void {
    const channel = this.channel(channelId);
    if (!channel?.guildId) throw new Error(`fake-discord: unknown guild channel ${channelId}`);
    channel.overwrites = overwrites.map((o) => ({
      id: o.id,
      type: o.type,
      allow: toPermissionBits(o.allow, 0n).toString(),
      deny: toPermissionBits(o.deny, 0n).toString(),
    }));
    this.dispatchToGuild(channel.guildId, GatewayDispatchEvents.ChannelUpdate, toAPIChannel(channel));
  }

  /** Adds a role to a guild (not assigned to anyone); owners get GUILD_ROLE_CREATE. */
  addRole(guildId: string, spec: FakeRoleSpec = {}): APIRole {
    const guild = this.requireGuild(guildId);
    const id = spec.id ?? makeSnowflake();
    const role: APIRole = {
      id,
      name: spec.name ?? `role-${guild.roles.size}`,
      color: spec.color ?? 0,
      colors: { primary_color: spec.color ?? 0, secondary_color: null, tertiary_color: null },
      hoist: false,
      icon: null,
      unicode_emoji: null,
      position: spec.position ?? guild.roles.size,
      permissions: toPermissionBits(spec.permissions, 0n).toString(),
      managed: false,
      mentionable: spec.mentionable ?? false,
      flags: 0 as APIRole['flags'],
    };
    guild.roles.set(id, role);
    this.dispatchToGuild(guildId, GatewayDispatchEvents.GuildRoleCreate, { guild_id: guildId, role });
    return role;
  }

  /** Changes a role's permissions (role id = guild id for @everyone); owners get GUILD_ROLE_UPDATE. */
  setRolePermissions(guildId: string, roleId: string, permissions: PermissionValue): void {
    const guild = this.requireGuild(guildId);
    const role = guild.roles.get(roleId);
    if (!role) throw new Error(`fake-discord: unknown role ${roleId}`);
    const next = { ...role, permissions: BigInt(permissions).toString() };
    guild.roles.set(roleId, next);
    this.dispatchToGuild(guildId, GatewayDispatchEvents.GuildRoleUpdate, { guild_id: guildId, role: next });
  }

  /** Permissions of the bot's managed role in a guild. */
  setBotPermissions(guildId: string, permissions: PermissionValue): void {
    this.setRolePermissions(guildId, this.requireGuild(guildId).botRoleId, permissions);
  }

  /** The bot's effective permissions in a channel, as Discord computes them. */
  botPermissionsIn(channelId: string): bigint {
    const channel = this.channel(channelId);
    if (!channel) throw new Error(`fake-discord: unknown channel ${channelId}`);
    if (!channel.guildId) return ALL_PERMISSIONS;
    return memberPermissionsIn(this.requireGuild(channel.guildId), channel, this.bot.id);
  }

  /** Makes message posts (and edits) in a channel fail, until set back to null. */
  setChannelError(channelId: string, error: ChannelError | null): void {
    if (error) this.channelErrors.set(channelId, error);
    else this.channelErrors.delete(channelId);
  }

  setRateLimits(rateLimits: RateLimitOptions): void {
    this.limiter.configure(rateLimits);
  }

  /**
   * The next requests matching `match` get these responses, in order (one each), before any
   * other processing. Use for 500s, 429 storms (global or per route), 403/404.
   */
  failNext(match: FailureMatch, responses: InjectedResponse[]): FailureRule {
    const entry = { match, responses: [...responses], hits: 0 };
    this.failures.push(entry);
    const failures = this.failures;
    return {
      match,
      get remaining() {
        return entry.responses.length;
      },
      get hits() {
        return entry.hits;
      },
      cancel() {
        const i = failures.indexOf(entry);
        if (i >= 0) failures.splice(i, 1);
      },
    };
  }
}
