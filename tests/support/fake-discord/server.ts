/**
 * A loopback fake Discord (REST under /api/v10 + gateway on the same 127.0.0.1 port) that the REAL
 * discord.js client can log in to. See ./index.ts for the public surface.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIInteractionDataResolved, APIMessage } from 'discord-api-types/v10';
import { control } from './control.ts';
import { FakeCore, isSafeAllowedMentions } from './core.ts';
import { commandInteraction, componentMessage, context, launch } from './driver.ts';
import { errorBody } from './errors.ts';
import {
  buttonPayload,
  type InteractionOptions,
  modalInputs,
  modalSubmitPayload,
  type OptionsInput,
  stringSelectPayload,
} from './interactions.ts';
import { createRequestHandler } from './rest.ts';
import { channelRoutes, infoRoutes } from './routes-channels.ts';
import { commandRoutes } from './routes-commands.ts';
import { interactionRoutes } from './routes-interactions.ts';
import { makeSnowflake } from './snowflake.ts';
import type {
  FakeDiscordOptions,
  InteractionHandle,
  MessageBodyRecord,
  MessageRecord,
  RequestRecord,
  ShardInfo,
} from './types.ts';
import { FakeWorld } from './world.ts';

/**
 * The loopback fake Discord: what tests configure (world.ts), drive (interactions) and inspect
 * (records). Requests are answered by the route modules through rest.ts; the gateway is gateway.ts.
 */
export class FakeDiscord extends FakeWorld {
  private readonly server: Server;

  constructor(options: FakeDiscordOptions = {}) {
    super(options);
    const routes = [
      ...infoRoutes(this),
      ...commandRoutes(this),
      ...channelRoutes(this),
      ...interactionRoutes(this),
    ];
    const handle = createRequestHandler(this, routes, (method, url, raw, res) =>
      control(this, method, url, raw, res),
    );
    this.server = createServer((req, res) => {
      handle(req, res).catch((error: unknown) => {
        this.log(`request handler crashed: ${String(error)}`);
        if (!res.headersSent) {
          res.writeHead(500, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify(errorBody(0, 500)));
        }
      });
    });
    this.server.on('upgrade', (req, socket, head: Buffer) => {
      socket.on('error', () => {});
      this.gateway.handleUpgrade(req, socket, head);
    });
  }

  /** Starts listening on 127.0.0.1 (only ever 127.0.0.1). */
  async listen(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port ?? 0, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** Closes sockets and the server; pending interaction waits reject. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const state of this.interactionsById.values()) {
      if (state.timer) clearTimeout(state.timer);
      state.callback.reject(new Error('fake-discord closed'));
      state.firstEdit.reject(new Error('fake-discord closed'));
    }
    this.gateway.close();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  /**
   * Discord unreachable: stops listening (new connections are refused) and drops every open socket,
   * REST and gateway (sessions stay resumable). The world, records and port are kept for goOnline().
   */
  async goOffline(): Promise<void> {
    this.log('offline');
    this.gateway.drop(1006);
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  /** Listens again on the same port after goOffline(). */
  async goOnline(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.log('online');
  }

  /**
   * Closes gateway sockets (all, or one shard's). `1006` terminates the socket (abnormal drop).
   * Sessions stay resumable except for codes Discord treats as fatal/new-session (1000, 4007, 4009…)
   * or when `invalidateSession` is set. Returns how many sockets were closed.
   */
  dropGateway(closeCode = 1006, options: { shardId?: number; invalidateSession?: boolean } = {}): number {
    this.log(`dropGateway(${closeCode}${options.shardId === undefined ? '' : `, shard ${options.shardId}`})`);
    return this.gateway.drop(closeCode, options);
  }

  /** The next RESUME of these sessions gets op 9 (d: false) and the client must IDENTIFY again. */
  invalidateSessions(shardId?: number): number {
    return this.gateway.invalidateSessions(shardId);
  }

  /**
   * Closes every idle keep-alive connection, as a server does after its keep-alive timeout: a
   * client that writes on one before it notices gets "other side closed".
   */
  closeIdleConnections(): void {
    this.server.closeIdleConnections();
  }

  /** Sends op 7 RECONNECT. */
  requestReconnect(shardId?: number): void {
    this.gateway.requestReconnect(shardId);
  }

  /** Stop answering heartbeats (the client will call the connection a zombie and resume). */
  pauseHeartbeatAcks(paused: boolean): void {
    this.gateway.heartbeatAcksPaused = paused;
  }

  /** Live and resumable sessions, newest first. */
  shards(): ShardInfo[] {
    return this.gateway.activeSessions().map((s) => ({
      sessionId: s.id,
      shard: [s.shard[0], s.shard[1]],
      intents: s.intents,
      connected: s.connection !== null,
      seq: s.seq,
      resumes: s.resumes,
    }));
  }

  /** Raw dispatch to the sessions that own a guild (or to shard 0 when no guild is given). */
  dispatch(t: string, d: unknown, target: { guildId?: string; shardId?: number } = {}): number {
    const sessions =
      target.guildId !== undefined
        ? this.gateway.sessionsForGuild(target.guildId)
        : this.gateway.sessionsForShard(target.shardId ?? 0);
    for (const session of sessions) this.gateway.dispatch(session, t, d);
    return sessions.length;
  }

  /** Resolves when `count` sessions are connected (and READY was sent). */
  async waitForShards(count: number, timeoutMs = 5000): Promise<ShardInfo[]> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const live = this.shards().filter((s) => s.connected);
      if (live.length >= count) return live;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`fake-discord: ${count} shard(s) did not connect within ${timeoutMs} ms`);
  }

  /** A slash command. Options in API shape, or `{ name: value }` typed from the registered command. */
  chatInput(name: string, options?: OptionsInput, opts: InteractionOptions = {}): InteractionHandle {
    return commandInteraction(this, name, options, opts, false);
  }

  /** An autocomplete request; mark the focused option with `focused: true` (or `opts.focused`). */
  autocomplete(name: string, options?: OptionsInput, opts: InteractionOptions = {}): InteractionHandle {
    return commandInteraction(this, name, options, opts, true);
  }

  /**
   * A button click. `message` is the message carrying the button (an APIMessage, or the id of a
   * message the fake stored); default: the newest stored message with that custom_id, else a seed.
   */
  button(customId: string, message?: APIMessage | string, opts: InteractionOptions = {}): InteractionHandle {
    const ctx = context(this, opts);
    const source = componentMessage(this, customId, message, ctx.channel, 'button');
    return launch(
      this,
      buttonPayload(ctx, customId, source.message),
      ctx,
      'button',
      null,
      customId,
      source.id,
      opts,
    );
  }

  /** A string select menu choice. */
  stringSelect(
    customId: string,
    values: string[],
    message?: APIMessage | string,
    opts: InteractionOptions = {},
  ): InteractionHandle {
    const ctx = context(this, opts);
    const source = componentMessage(this, customId, message, ctx.channel, 'select');
    return launch(
      this,
      stringSelectPayload(ctx, customId, values, source.message),
      ctx,
      'stringSelect',
      null,
      customId,
      source.id,
      opts,
    );
  }

  /**
   * Submits a form the bot showed (a VisibleReply's `modal`, i.e. the type 9 callback data): each text
   * input takes `values[custom_id]`, else what it was prefilled with. Like the client, it refuses to
   * submit a required input left empty, a value outside min/max_length, or a field the form lacks.
   * `message`: the id of the message whose component opened the form (enables update callbacks).
   */
  modalSubmit(
    modal: unknown,
    values: Record<string, string> = {},
    opts: InteractionOptions & { message?: string } = {},
  ): InteractionHandle {
    const customId = (modal as { custom_id?: unknown } | null)?.custom_id;
    if (typeof customId !== 'string')
      throw new Error('fake-discord: modalSubmit needs the modal the bot showed');
    const inputs = modalInputs(modal);
    for (const key of Object.keys(values))
      if (!inputs.some((i) => i.custom_id === key))
        throw new Error(`fake-discord: the form has no field "${key}"`);
    const fields = inputs.map((input) => {
      const id = String(input.custom_id);
      const value = values[id] ?? (typeof input.value === 'string' ? input.value : '');
      const required = input.required !== false;
      if (required && value.trim() === '') throw new Error(`fake-discord: required field "${id}" is empty`);
      if (value !== '' && typeof input.min_length === 'number' && value.length < input.min_length)
        throw new Error(`fake-discord: field "${id}" is shorter than ${input.min_length}`);
      if (typeof input.max_length === 'number' && value.length > input.max_length)
        throw new Error(`fake-discord: field "${id}" is longer than ${input.max_length}`);
      return { custom_id: id, value };
    });
    const ctx = context(this, opts);
    const source = opts.message ? this.messages.get(opts.message) : undefined;
    if (opts.message && !source) throw new Error(`fake-discord: unknown message ${opts.message}`);
    return launch(
      this,
      modalSubmitPayload(ctx, customId, fields, source?.message),
      ctx,
      'modalSubmit',
      null,
      customId,
      source?.id ?? null,
      opts,
    );
  }

  /**
   * An uploaded file for an attachment option: pass `id` as the option value and `resolved` in the
   * interaction options. `url` is where the bot downloads it from (a loopback server in tests).
   */
  attachment(spec: { filename: string; url: string; size: number; contentType?: string }): {
    id: string;
    resolved: APIInteractionDataResolved;
  } {
    const id = makeSnowflake();
    return {
      id,
      resolved: {
        attachments: {
          [id]: {
            id,
            filename: spec.filename,
            size: spec.size,
            url: spec.url,
            proxy_url: spec.url,
            ...(spec.contentType ? { content_type: spec.contentType } : {}),
          },
        },
      },
    };
  }

  /** Threads started in a channel (oldest first). */
  threadsOf(channelId: string): string[] {
    const channel = this.channel(channelId);
    const guild = channel?.guildId ? this.guilds.get(channel.guildId) : undefined;
    return guild
      ? [...guild.channels.values()].filter((c) => c.parentId === channelId && c.thread).map((c) => c.id)
      : [];
  }

  /** Messages the bot created (not seeds), optionally for one channel, oldest first. */
  messagesIn(
    channelId?: string,
    options: { includeDeleted?: boolean; includeEphemeral?: boolean } = {},
  ): MessageRecord[] {
    return [...this.messages.values()].filter(
      (r) =>
        r.source !== 'seed' &&
        (channelId === undefined || r.channelId === channelId) &&
        (options.includeDeleted || !r.deleted) &&
        ((options.includeEphemeral ?? true) ? true : !r.ephemeral),
    );
  }

  /** Messages the bot sent in its DM channel with a user (none when no DM was ever opened). */
  dmsTo(userId: string): MessageRecord[] {
    const channel = this.dmChannels.get(userId);
    return channel ? this.messagesIn(channel.id, { includeEphemeral: false }) : [];
  }

  /** Closes (or reopens) a user's DMs to the bot: a DM then answers 50007 "Cannot send messages to this user". */
  setDmsClosed(userId: string, closed = true): void {
    if (closed) this.closedDms.add(userId);
    else this.closedDms.delete(userId);
  }

  /** Message bodies whose `allowed_mentions` is missing or not exactly "mention nobody". */
  unsafeMentionBodies(): MessageBodyRecord[] {
    return this.messageBodies.filter((b) => !isSafeAllowedMentions(b.allowedMentions));
  }

  requestsTo(route: string | RegExp): RequestRecord[] {
    return this.requests.filter((r) => (typeof route === 'string' ? r.route === route : route.test(r.path)));
  }

  /** Resolves with the next request (already recorded or future) matching the predicate. */
  waitForRequest(
    predicate: (r: RequestRecord) => boolean,
    timeoutMs = 5000,
    since = 0,
  ): Promise<RequestRecord> {
    const existing = this.requests.find((r) => r.seq > since && predicate(r));
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const onRequest = (r: RequestRecord) => {
        if (!predicate(r)) return;
        cleanup();
        resolve(r);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`fake-discord: no matching request within ${timeoutMs} ms`));
      }, timeoutMs);
      timer.unref();
      const cleanup = () => {
        clearTimeout(timer);
        this.off('request', onRequest);
      };
      this.on('request', onRequest);
    });
  }

  /** The sequence number of the last recorded request (to pass as `since`). */
  get lastRequestSeq(): number {
    return this.requestSeq;
  }

  /** Forget recorded requests, messages, bodies, violations, interactions and counters (not the world). */
  clearRecords(): void {
    this.requests.length = 0;
    this.unknownRoutes.length = 0;
    this.identifies.length = 0;
    this.resumes.length = 0;
    this.violations.length = 0;
    this.messageBodies.length = 0;
    this.interactions.length = 0;
    for (const [id, r] of this.messages) if (r.source !== 'seed') this.messages.delete(id);
    Object.assign(this.stats, FakeCore.emptyStats());
  }
}

/** Starts a fake Discord on 127.0.0.1 and returns it once it listens. */
export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  return new FakeDiscord(options).listen();
}
