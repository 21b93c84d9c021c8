/** Driving interactions: building INTERACTION_CREATE payloads, dispatching them, awaiting what the user sees. */
import { performance } from 'node:perf_hooks';
import {
  type APIInteraction,
  type APIMessage,
  ChannelType,
  GatewayDispatchEvents,
  InteractionResponseType,
  MessageFlags,
  MessageType,
} from 'discord-api-types/v10';
import { deferred } from './core.ts';
import {
  type BaseContext,
  chatInputPayload,
  hasCustomId,
  type InteractionOptions,
  type OptionsInput,
  toOptionList,
} from './interactions.ts';
import { buildMessage, type ChannelState, makeUser, memberPermissionsIn } from './model.ts';
import { ALL_PERMISSIONS } from './permissions.ts';
import { makeSnowflake, makeToken } from './snowflake.ts';
import type {
  CallbackRecord,
  InteractionHandle,
  InteractionKind,
  InteractionRecord,
  InteractionState,
  VisibleReply,
} from './types.ts';
import { isRecord } from './validate.ts';
import type { FakeWorld } from './world.ts';

export function commandInteraction(
  core: FakeWorld,
  name: string,
  options: OptionsInput | undefined,
  opts: InteractionOptions,
  autocomplete: boolean,
): InteractionHandle {
  const ctx = context(core, opts);
  const guildCommand = ctx.guild ? core.findCommand(ctx.guild.id, name) : undefined;
  const command = guildCommand ?? core.findCommand(null, name);
  const list = toOptionList(options, command, opts);
  const payload = chatInputPayload(
    ctx,
    { id: command?.id ?? makeSnowflake(), name, guildId: guildCommand ? (ctx.guild?.id ?? null) : null },
    list,
    opts.resolved,
    autocomplete,
  );
  return launch(core, payload, ctx, autocomplete ? 'autocomplete' : 'chatInput', name, null, null, opts);
}

export function context(core: FakeWorld, opts: InteractionOptions): BaseContext {
  const id = makeSnowflake();
  const token = makeToken(`interaction:${id}`);
  const userId = opts.userId ?? core.testUserId;
  const locale = opts.locale ?? 'en-US';
  if (opts.guildId === null) {
    const user = makeUser(userId, opts.username ?? 'tester');
    const channel = core.dmChannelOf(userId, opts.username ?? 'tester');
    return {
      id,
      token,
      applicationId: core.applicationId,
      guild: null,
      channel,
      user,
      member: null,
      memberPermissions: '0',
      appPermissions: (opts.appPermissions ?? ALL_PERMISSIONS).toString(),
      locale,
      guildLocale: undefined,
    };
  }
  const guild = core.requireGuild(opts.guildId ?? core.defaultGuildId);
  const channel = opts.channelId
    ? guild.channels.get(opts.channelId)
    : [...guild.channels.values()].find((c) => c.type === ChannelType.GuildText);
  if (!channel)
    throw new Error(`fake-discord: no channel ${opts.channelId ?? '(text)'} in guild ${guild.id}`);
  let member = guild.members.get(userId);
  if (!member || opts.roles || opts.username) {
    member = {
      user: member?.user ?? makeUser(userId, opts.username ?? 'tester'),
      roles: opts.roles ?? member?.roles ?? [],
      nick: member?.nick ?? null,
      joinedAt: member?.joinedAt ?? new Date().toISOString(),
    };
    guild.members.set(userId, member);
  }
  const memberPermissions = opts.permissions ?? memberPermissionsIn(guild, channel, userId);
  const appPermissions = opts.appPermissions ?? memberPermissionsIn(guild, channel, core.bot.id);
  return {
    id,
    token,
    applicationId: core.applicationId,
    guild,
    channel,
    user: member.user,
    member,
    memberPermissions: memberPermissions.toString(),
    appPermissions: appPermissions.toString(),
    locale,
    guildLocale: opts.guildLocale,
  };
}

export function componentMessage(
  core: FakeWorld,
  customId: string,
  message: APIMessage | string | undefined,
  channel: ChannelState,
  kind: 'button' | 'select',
): { id: string; message: APIMessage } {
  if (typeof message === 'string') {
    const record = core.messages.get(message);
    if (!record) throw new Error(`fake-discord: unknown message ${message}`);
    return { id: record.id, message: record.message };
  }
  if (message) {
    if (!core.messages.has(message.id)) storeSeed(core, message, channel);
    return { id: message.id, message };
  }
  const candidates = [...core.messages.values()].reverse();
  const found = candidates.find((r) => !r.deleted && hasCustomId(r.message.components, customId));
  if (found) return { id: found.id, message: found.message };
  const component =
    kind === 'button'
      ? { type: 2, style: 1, custom_id: customId, label: 'Button' }
      : { type: 3, custom_id: customId, options: [{ label: 'Option', value: 'option' }] };
  const seed = buildMessage({
    id: makeSnowflake(),
    channelId: channel.id,
    author: core.bot,
    body: { content: 'seed message', components: [{ type: 1, components: [component] }] },
    type: MessageType.Default,
  });
  storeSeed(core, seed, channel);
  return { id: seed.id, message: seed };
}

export function storeSeed(core: FakeWorld, message: APIMessage, channel: ChannelState): void {
  core.messages.set(message.id, {
    id: message.id,
    channelId: channel.id,
    guildId: channel.guildId,
    source: 'seed',
    interactionId: null,
    message,
    ephemeral: ((message.flags ?? 0) & MessageFlags.Ephemeral) !== 0,
    deleted: false,
    edits: 0,
    createdAt: Date.now(),
    createdAtMs: performance.now(),
    droppedEmbeds: false,
    files: [],
  });
}

export function launch(
  core: FakeWorld,
  payload: APIInteraction,
  ctx: BaseContext,
  kind: InteractionKind,
  name: string | null,
  customId: string | null,
  sourceMessageId: string | null,
  opts: InteractionOptions,
): InteractionHandle {
  if (core.closed) throw new Error('fake-discord is closed');
  const sessions = ctx.guild ? core.gateway.sessionsForGuild(ctx.guild.id) : core.gateway.sessionsForShard(0);
  const session = sessions[opts.via ?? 0];
  if (!session) {
    throw new Error(
      `fake-discord: no gateway session owns ${ctx.guild ? `guild ${ctx.guild.id}` : 'DMs (shard 0)'}`,
    );
  }
  const record: InteractionRecord = {
    id: ctx.id,
    token: ctx.token,
    kind,
    name,
    customId,
    guildId: ctx.guild?.id ?? null,
    channelId: ctx.channel.id,
    userId: ctx.user.id,
    shard: [session.shard[0], session.shard[1]],
    sessionId: session.id,
    payload,
    dispatchedAt: Date.now(),
    dispatchedAtMs: performance.now(),
    attempts: [],
    response: null,
    originalMessageId: null,
    followUpIds: [],
    originalEdits: 0,
  };
  const state: InteractionState = {
    record,
    sourceMessageId,
    acknowledged: false,
    callback: deferred<CallbackRecord>(),
    firstEdit: deferred<{ message: APIMessage; atMs: number }>(),
    timer: null,
  };
  const timeoutMs = opts.timeoutMs ?? core.interactionDeadlineMs + 2000;
  state.timer = setTimeout(() => {
    state.callback.reject(
      new Error(
        `fake-discord: interaction ${kind} ${name ?? customId} got no accepted callback within ${timeoutMs} ms`,
      ),
    );
  }, timeoutMs);
  state.timer.unref();
  core.interactions.push(record);
  core.interactionsById.set(record.id, state);
  core.interactionsByToken.set(record.token, state);
  core.gateway.dispatch(session, GatewayDispatchEvents.InteractionCreate, payload);
  core.log(`INTERACTION_CREATE ${kind} ${name ?? customId} → shard ${session.shard.join('/')}`);
  return handleFor(core, state);
}

export function handleFor(core: FakeWorld, state: InteractionState): InteractionHandle {
  const record = state.record;
  const visible = async (timeoutMs = core.interactionDeadlineMs + 10_000): Promise<VisibleReply> => {
    const callback = await state.callback.promise;
    const base = { callback, choices: null, modal: null };
    const at = (atMs: number) => ({ atMs, latencyMs: atMs - record.dispatchedAtMs });
    switch (callback.type) {
      case InteractionResponseType.ChannelMessageWithSource:
      case InteractionResponseType.UpdateMessage: {
        const id = record.originalMessageId;
        return {
          ...base,
          message: id ? (core.messages.get(id)?.message ?? null) : null,
          ...at(callback.atMs),
        };
      }
      case InteractionResponseType.DeferredChannelMessageWithSource:
      case InteractionResponseType.DeferredMessageUpdate: {
        const timer = setTimeout(
          () =>
            state.firstEdit.reject(
              new Error(`fake-discord: deferred interaction was not edited within ${timeoutMs} ms`),
            ),
          timeoutMs,
        );
        timer.unref();
        try {
          const edit = await state.firstEdit.promise;
          return { ...base, message: edit.message, ...at(edit.atMs) };
        } finally {
          clearTimeout(timer);
        }
      }
      case InteractionResponseType.ApplicationCommandAutocompleteResult: {
        const data =
          isRecord(callback.data) && Array.isArray(callback.data.choices) ? callback.data.choices : [];
        return { ...base, message: null, choices: data, ...at(callback.atMs) };
      }
      default:
        return { ...base, message: null, modal: callback.data, ...at(callback.atMs) };
    }
  };
  return {
    id: record.id,
    token: record.token,
    payload: record.payload,
    record,
    callback: state.callback.promise,
    latencyMs: async () => (await state.callback.promise).latencyMs,
    visible,
  };
}
