/**
 * A loopback fake Discord (REST under /api/v10 + gateway on the same 127.0.0.1 port) that the REAL
 * discord.js client can log in to. See ./index.ts for the public surface.
 */
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import {
  type APIApplicationCommand,
  type APIInteraction,
  type APIMessage,
  type APIUser,
  ApplicationFlags,
  ChannelType,
  GatewayDispatchEvents,
  GatewayIntentBits,
  InteractionResponseType,
  MessageFlags,
  MessageType,
  PermissionFlagsBits,
} from 'discord-api-types/v10';
import { ErrorCode, errorBody, type FieldError, formatPath, invalidFormBody } from './errors.ts';
import { FakeGateway, type GatewaySession, type IdentifyRecord, type ResumeRecord } from './gateway.ts';
import {
  compileTemplate,
  decodePath,
  type ParsedBody,
  parseBody,
  type ReceivedFile,
  readBody,
} from './http-util.ts';
import {
  type BaseContext,
  buttonPayload,
  chatInputPayload,
  hasCustomId,
  type InteractionOptions,
  type OptionsInput,
  stringSelectPayload,
  toOptionList,
} from './interactions.ts';
import {
  applicationObject,
  buildMessage,
  type ChannelState,
  editMessage,
  type FakeChannelSpec,
  type FakeGuildSpec,
  type FakeMemberSpec,
  type FakeOverwriteSpec,
  type GuildState,
  type MemberState,
  makeChannel,
  makeGuild,
  makeUser,
  memberPermissionsIn,
  type PermissionValue,
  storeCommand,
  toAPIChannel,
  toAPIGuild,
  toAPIMember,
  toGuildCreate,
} from './model.ts';
import { ALL_PERMISSIONS, toPermissionBits } from './permissions.ts';
import { bucketHeaders, RateLimiter, type RateLimitOptions } from './ratelimit.ts';
import { makeSnowflake, makeToken, shardForGuild, tokenFingerprint } from './snowflake.ts';
import {
  isRecord,
  validateAutocompleteData,
  validateCommandList,
  validateMessageBody,
  validateModalData,
  validateSingleCommand,
} from './validate.ts';

// ---------------------------------------------------------------------------------------------
// Public types

export interface FakeDiscordOptions {
  /** Port on 127.0.0.1 (default 0: a random free port). */
  port?: number;
  /** If set, only this bot token is accepted (REST 401 / gateway 4004 otherwise). Default: any token. */
  token?: string;
  /** The bot user (default id random, username `briefbot`). */
  bot?: { id?: string; username?: string };
  /** Application id (default: the bot user id, as for real bots). */
  applicationId?: string;
  /** Guilds (default: one guild with one text channel `general`). */
  guilds?: FakeGuildSpec[];
  /** `shards` in `GET /gateway/bot` (default 1). */
  recommendedShards?: number;
  /** `session_start_limit.max_concurrency` (default 16, so several shards identify at once). */
  maxConcurrency?: number;
  /** `session_start_limit.total` (default 1000). */
  sessionStartLimit?: number;
  /** op 10 HELLO `heartbeat_interval` (default 41250). */
  heartbeatIntervalMs?: number;
  /** First interaction response deadline (default 3000, like Discord). */
  interactionDeadlineMs?: number;
  /** How long interaction webhooks (follow-ups/edits) work (default 15 min). */
  interactionTokenTtlMs?: number;
  rateLimits?: RateLimitOptions;
  /** Privileged intents "enabled in the developer portal" (default 0: IDENTIFY with them gets 4014). */
  privilegedIntents?: number;
  /** Refuse channel message posts the bot has no permission for (403 50001/50013). Default true. */
  enforcePermissions?: boolean;
  /** Keep at most this many request and message-body records (oldest dropped first). Default 100,000. */
  maxRecords?: number;
  /** Log gateway/REST activity to stderr, or to a function. */
  debug?: boolean | ((message: string) => void);
}

export interface RequestRecord {
  seq: number;
  method: string;
  /** Decoded path below `/api/v10`, e.g. `/webhooks/1/tok/messages/@original`. */
  path: string;
  /** The raw request path, as sent. */
  rawPath: string;
  query: Record<string, string>;
  /** Route template, e.g. `POST /channels/:channel/messages`; null when unknown. */
  route: string | null;
  status: number;
  body: unknown;
  files: ReceivedFile[];
  responseBody: unknown;
  /** Only whether an Authorization header was sent and whether it looked like `Bot …`. Never the value. */
  auth: { present: boolean; bot: boolean };
  at: number;
  atMs: number;
  /** Set when the answer came from `failNext`, or from a rate limit. */
  injected: boolean;
  rateLimited: 'global' | 'route' | null;
}

export interface MessageRecord {
  id: string;
  channelId: string;
  guildId: string | null;
  source: 'channel' | 'interaction' | 'followup' | 'seed';
  interactionId: string | null;
  /** Current state (after edits). */
  message: APIMessage;
  ephemeral: boolean;
  deleted: boolean;
  edits: number;
  createdAt: number;
  createdAtMs: number;
  /** Embeds were sent without Embed Links permission and were dropped. */
  droppedEmbeds: boolean;
  files: ReceivedFile[];
}

export type MessageBodyKind =
  | 'channel.create'
  | 'channel.edit'
  | 'interaction.reply'
  | 'interaction.update'
  | 'webhook.create'
  | 'webhook.edit';

/** Every message body the fake received, for the `allowed_mentions` audit. */
export interface MessageBodyRecord {
  kind: MessageBodyKind;
  method: string;
  path: string;
  channelId: string | null;
  interactionId: string | null;
  allowedMentionsPresent: boolean;
  allowedMentions: unknown;
  body: unknown;
  at: number;
}

export interface ViolationRecord {
  kind: 'message' | 'command' | 'autocomplete' | 'modal' | 'interaction';
  method: string;
  path: string;
  /** e.g. `embeds[0].title`. */
  field: string;
  code: string;
  message: string;
  /** HTTP status and Discord error code it was answered with. */
  status: number;
  discordCode: number;
  at: number;
}

export interface CallbackRecord {
  type: InteractionResponseType;
  data: unknown;
  at: number;
  atMs: number;
  /** Dispatch → this callback, in ms (high resolution). */
  latencyMs: number;
  status: number;
  /** Discord error code when refused (10062, 40060, 50035…). */
  errorCode: number | null;
  withResponse: boolean;
}

export type InteractionKind = 'chatInput' | 'autocomplete' | 'button' | 'stringSelect';

export interface InteractionRecord {
  id: string;
  token: string;
  kind: InteractionKind;
  name: string | null;
  customId: string | null;
  guildId: string | null;
  channelId: string;
  userId: string;
  shard: [number, number];
  sessionId: string;
  payload: APIInteraction;
  dispatchedAt: number;
  dispatchedAtMs: number;
  /** Every callback attempt, accepted or not. */
  attempts: CallbackRecord[];
  /** The accepted callback. */
  response: CallbackRecord | null;
  originalMessageId: string | null;
  followUpIds: string[];
  originalEdits: number;
}

export interface VisibleReply {
  callback: CallbackRecord;
  /** What the user sees: the reply / edited original / updated message. Null for autocomplete and modals. */
  message: APIMessage | null;
  /** Autocomplete choices, when the callback was type 8. */
  choices: unknown[] | null;
  /** Modal data, when the callback was type 9. */
  modal: unknown;
  atMs: number;
  /** Dispatch → visible, in ms. For deferred replies this includes the edit. */
  latencyMs: number;
}

export interface InteractionHandle {
  id: string;
  token: string;
  payload: APIInteraction;
  record: InteractionRecord;
  /** The first accepted callback; rejects after `timeoutMs` (default deadline + 2 s). */
  callback: Promise<CallbackRecord>;
  /** Dispatch → first accepted callback, in ms. */
  latencyMs(): Promise<number>;
  /** Waits until the reply is visible (after a deferral: the first edit of `@original`). */
  visible(timeoutMs?: number): Promise<VisibleReply>;
}

export interface FailureMatch {
  method?: string;
  /** Tested against the decoded path below `/api/v10`, e.g. `/channels/123/messages`. */
  path: RegExp;
}

export interface InjectedResponse {
  status: number;
  code?: number;
  message?: string;
  /** For 429s (default 100 ms). */
  retryAfterMs?: number;
  /** For 429s: a global rate limit. */
  global?: boolean;
  /** For 429s: `X-RateLimit-Scope` (default `user`, or `global` when global). */
  scope?: 'user' | 'shared' | 'global';
}

export interface FailureRule {
  readonly match: FailureMatch;
  /** Responses not used yet. */
  readonly remaining: number;
  /** Requests this rule answered. */
  readonly hits: number;
  cancel(): void;
}

export type ChannelError = { status: 403; code: 50013 | 50001 } | { status: 404; code: 10003 };

export interface FakeStats {
  requests: number;
  byStatus: Record<number, number>;
  /** 429 answers (real limits and injected). */
  rateLimited: number;
  globalRateLimited: number;
  /** 401 + 403 + 429, which Discord counts towards its 10,000 per 10 min IP ban. */
  invalidRequests: number;
  unknownRoutes: number;
  injected: number;
  identifies: number;
  resumes: number;
  callbacks: number;
  /** Channel posts answered with the existing message because their nonce was seen (enforce_nonce). */
  nonceDeduped: number;
}

export interface ShardInfo {
  sessionId: string;
  shard: [number, number];
  intents: number;
  connected: boolean;
  seq: number;
  resumes: number;
}

// ---------------------------------------------------------------------------------------------
// Internals

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface Ctx {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  files: ReceivedFile[];
  at: number;
  atMs: number;
}

interface RouteDef {
  method: string;
  template: string;
  re: RegExp;
  keys: string[];
  auth: boolean;
  exemptGlobal: boolean;
  perChannelMessages: boolean;
  handler: (ctx: Ctx) => Reply;
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: Error): void;
  settled: boolean;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Nobody has to await it: never an unhandled rejection.
  promise.catch(() => {});
  const d: Deferred<T> = {
    promise,
    settled: false,
    resolve(value) {
      if (d.settled) return;
      d.settled = true;
      resolve(value);
    },
    reject(error) {
      if (d.settled) return;
      d.settled = true;
      reject(error);
    },
  };
  return d;
}

interface InteractionState {
  record: InteractionRecord;
  sourceMessageId: string | null;
  acknowledged: boolean;
  callback: Deferred<CallbackRecord>;
  firstEdit: Deferred<{ message: APIMessage; atMs: number }>;
  timer: NodeJS.Timeout | null;
}

const ALLOWED_CALLBACKS: Record<InteractionKind, ReadonlySet<number>> = {
  chatInput: new Set([4, 5, 9, 10, 12]),
  autocomplete: new Set([8]),
  button: new Set([4, 5, 6, 7, 9, 10, 12]),
  stringSelect: new Set([4, 5, 6, 7, 9, 10, 12]),
};

const RATE_LIMIT_MESSAGE = 'You are being rate limited.';

export function isSafeAllowedMentions(value: unknown): boolean {
  if (!isRecord(value)) return false;
  if (!Array.isArray(value.parse) || value.parse.length !== 0) return false;
  for (const key of ['users', 'roles'] as const) {
    const list = value[key];
    if (list !== undefined && (!Array.isArray(list) || list.length > 0)) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------

export class FakeDiscord extends EventEmitter {
  readonly options: FakeDiscordOptions;
  readonly bot: APIUser;
  readonly applicationId: string;
  readonly guilds = new Map<string, GuildState>();
  /** Every request, in order. */
  readonly requests: RequestRecord[] = [];
  readonly unknownRoutes: RequestRecord[] = [];
  readonly identifies: IdentifyRecord[] = [];
  readonly resumes: ResumeRecord[] = [];
  readonly violations: ViolationRecord[] = [];
  readonly messageBodies: MessageBodyRecord[] = [];
  readonly interactions: InteractionRecord[] = [];
  readonly stats: FakeStats = FakeDiscord.emptyStats();
  /** channel:nonce → the message it created, for enforce_nonce dedupe. */
  private readonly nonces = new Map<string, { messageId: string; at: number }>();
  /** How long Discord remembers a nonce (a few minutes). */
  nonceWindowMs = 5 * 60_000;
  /** Deadline for the first interaction response, ms (default 3000). */
  interactionDeadlineMs: number;
  interactionTokenTtlMs: number;
  enforcePermissions: boolean;

  private readonly server: Server;
  private readonly gateway: FakeGateway;
  private readonly limiter: RateLimiter;
  private readonly routes: RouteDef[] = [];
  private readonly messages = new Map<string, MessageRecord>();
  private readonly commandsByScope = new Map<string, APIApplicationCommand[]>();
  private readonly interactionsById = new Map<string, InteractionState>();
  private readonly interactionsByToken = new Map<string, InteractionState>();
  private readonly channelErrors = new Map<string, ChannelError>();
  private readonly failures: Array<{ match: FailureMatch; responses: InjectedResponse[]; hits: number }> = [];
  private readonly dmChannels = new Map<string, ChannelState>();
  private readonly testUserId = makeSnowflake();
  private sessionStartsUsed = 0;
  private requestSeq = 0;
  private port = 0;
  private closed = false;

  constructor(options: FakeDiscordOptions = {}) {
    super();
    this.setMaxListeners(0);
    this.options = options;
    const botId = options.bot?.id ?? makeSnowflake();
    this.bot = makeUser(botId, options.bot?.username ?? 'briefbot', true);
    this.applicationId = options.applicationId ?? botId;
    this.interactionDeadlineMs = options.interactionDeadlineMs ?? 3000;
    this.interactionTokenTtlMs = options.interactionTokenTtlMs ?? 15 * 60_000;
    this.enforcePermissions = options.enforcePermissions ?? true;
    this.limiter = new RateLimiter(options.rateLimits);
    for (const spec of options.guilds ?? [{}]) {
      const guild = makeGuild(spec, this.bot);
      this.guilds.set(guild.id, guild);
    }
    this.gateway = new FakeGateway({
      heartbeatIntervalMs: () => this.options.heartbeatIntervalMs ?? 41_250,
      resumeUrl: () => this.gatewayUrl,
      checkToken: (token) => this.checkToken(token),
      allowedPrivilegedIntents: () => this.options.privilegedIntents ?? 0,
      readyData: (session) => this.readyData(session),
      guildCreates: (session) => this.ownedGuilds(session).map(toGuildCreate),
      onIdentify: (record) => {
        this.identifies.push(record);
        if (record.refusedWith === null) {
          this.stats.identifies++;
          this.sessionStartsUsed++;
        }
        this.log(
          `IDENTIFY shard ${record.shard.join('/')} intents ${record.intents} → ${record.refusedWith ?? 'READY'}`,
        );
        this.emit('identify', record);
      },
      onResume: (record) => {
        this.resumes.push(record);
        if (record.accepted) this.stats.resumes++;
        this.log(
          `RESUME ${record.sessionId} seq ${record.seq} → ${record.accepted ? `replayed ${record.replayed}` : 'op 9'}`,
        );
        this.emit('resume', record);
      },
      onSessionEnded: (session, code) => this.log(`session ${session.id} ended (${code})`),
      debug: (message) => this.log(message),
    });
    this.server = createServer((req, res) => {
      this.onRequest(req, res).catch((error: unknown) => {
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
    this.defineRoutes();
  }

  private static emptyStats(): FakeStats {
    return {
      requests: 0,
      byStatus: {},
      rateLimited: 0,
      globalRateLimited: 0,
      invalidRequests: 0,
      unknownRoutes: 0,
      injected: 0,
      identifies: 0,
      resumes: 0,
      callbacks: 0,
      nonceDeduped: 0,
    };
  }

  // ------------------------------------------------------------------------------------------
  // Lifecycle

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

  /** `http://127.0.0.1:PORT/api` — pass as `rest: { api }` / `DISCORD_API_URL`. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  /** `ws://127.0.0.1:PORT` — what `GET /gateway/bot` returns. */
  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  get listeningPort(): number {
    return this.port;
  }

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

  // ------------------------------------------------------------------------------------------
  // World configuration

  guild(guildId: string): GuildState | undefined {
    return this.guilds.get(guildId);
  }

  channel(channelId: string): ChannelState | undefined {
    for (const guild of this.guilds.values()) {
      const channel = guild.channels.get(channelId);
      if (channel) return channel;
    }
    return this.dmChannels.get(channelId);
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

  // ------------------------------------------------------------------------------------------
  // Gateway hooks

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

  // ------------------------------------------------------------------------------------------
  // Driving interactions

  /** A slash command. Options in API shape, or `{ name: value }` typed from the registered command. */
  chatInput(name: string, options?: OptionsInput, opts: InteractionOptions = {}): InteractionHandle {
    return this.commandInteraction(name, options, opts, false);
  }

  /** An autocomplete request; mark the focused option with `focused: true` (or `opts.focused`). */
  autocomplete(name: string, options?: OptionsInput, opts: InteractionOptions = {}): InteractionHandle {
    return this.commandInteraction(name, options, opts, true);
  }

  /**
   * A button click. `message` is the message carrying the button (an APIMessage, or the id of a
   * message the fake stored); default: the newest stored message with that custom_id, else a seed.
   */
  button(customId: string, message?: APIMessage | string, opts: InteractionOptions = {}): InteractionHandle {
    const ctx = this.context(opts);
    const source = this.componentMessage(customId, message, ctx.channel, 'button');
    return this.launch(
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
    const ctx = this.context(opts);
    const source = this.componentMessage(customId, message, ctx.channel, 'select');
    return this.launch(
      stringSelectPayload(ctx, customId, values, source.message),
      ctx,
      'stringSelect',
      null,
      customId,
      source.id,
      opts,
    );
  }

  private commandInteraction(
    name: string,
    options: OptionsInput | undefined,
    opts: InteractionOptions,
    autocomplete: boolean,
  ): InteractionHandle {
    const ctx = this.context(opts);
    const guildCommand = ctx.guild ? this.findCommand(ctx.guild.id, name) : undefined;
    const command = guildCommand ?? this.findCommand(null, name);
    const list = toOptionList(options, command, opts);
    const payload = chatInputPayload(
      ctx,
      { id: command?.id ?? makeSnowflake(), name, guildId: guildCommand ? (ctx.guild?.id ?? null) : null },
      list,
      opts.resolved,
      autocomplete,
    );
    return this.launch(payload, ctx, autocomplete ? 'autocomplete' : 'chatInput', name, null, null, opts);
  }

  private context(opts: InteractionOptions): BaseContext {
    const id = makeSnowflake();
    const token = makeToken(`interaction:${id}`);
    const userId = opts.userId ?? this.testUserId;
    const locale = opts.locale ?? 'en-US';
    if (opts.guildId === null) {
      const user = makeUser(userId, opts.username ?? 'tester');
      let channel = this.dmChannels.get(userId);
      if (!channel) {
        channel = makeChannel({ type: ChannelType.DM, name: '' }, null, 0);
        channel.recipient = user;
        this.dmChannels.set(userId, channel);
        this.dmChannels.set(channel.id, channel);
      }
      return {
        id,
        token,
        applicationId: this.applicationId,
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
    const guild = this.requireGuild(opts.guildId ?? this.defaultGuildId);
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
    const appPermissions = opts.appPermissions ?? memberPermissionsIn(guild, channel, this.bot.id);
    return {
      id,
      token,
      applicationId: this.applicationId,
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

  private componentMessage(
    customId: string,
    message: APIMessage | string | undefined,
    channel: ChannelState,
    kind: 'button' | 'select',
  ): { id: string; message: APIMessage } {
    if (typeof message === 'string') {
      const record = this.messages.get(message);
      if (!record) throw new Error(`fake-discord: unknown message ${message}`);
      return { id: record.id, message: record.message };
    }
    if (message) {
      if (!this.messages.has(message.id)) this.storeSeed(message, channel);
      return { id: message.id, message };
    }
    const candidates = [...this.messages.values()].reverse();
    const found = candidates.find((r) => !r.deleted && hasCustomId(r.message.components, customId));
    if (found) return { id: found.id, message: found.message };
    const component =
      kind === 'button'
        ? { type: 2, style: 1, custom_id: customId, label: 'Button' }
        : { type: 3, custom_id: customId, options: [{ label: 'Option', value: 'option' }] };
    const seed = buildMessage({
      id: makeSnowflake(),
      channelId: channel.id,
      author: this.bot,
      body: { content: 'seed message', components: [{ type: 1, components: [component] }] },
      type: MessageType.Default,
    });
    this.storeSeed(seed, channel);
    return { id: seed.id, message: seed };
  }

  private storeSeed(message: APIMessage, channel: ChannelState): void {
    this.messages.set(message.id, {
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

  private launch(
    payload: APIInteraction,
    ctx: BaseContext,
    kind: InteractionKind,
    name: string | null,
    customId: string | null,
    sourceMessageId: string | null,
    opts: InteractionOptions,
  ): InteractionHandle {
    if (this.closed) throw new Error('fake-discord is closed');
    const sessions = ctx.guild
      ? this.gateway.sessionsForGuild(ctx.guild.id)
      : this.gateway.sessionsForShard(0);
    const session = sessions[0];
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
    const timeoutMs = opts.timeoutMs ?? this.interactionDeadlineMs + 2000;
    state.timer = setTimeout(() => {
      state.callback.reject(
        new Error(
          `fake-discord: interaction ${kind} ${name ?? customId} got no accepted callback within ${timeoutMs} ms`,
        ),
      );
    }, timeoutMs);
    state.timer.unref();
    this.interactions.push(record);
    this.interactionsById.set(record.id, state);
    this.interactionsByToken.set(record.token, state);
    this.gateway.dispatch(session, GatewayDispatchEvents.InteractionCreate, payload);
    this.log(`INTERACTION_CREATE ${kind} ${name ?? customId} → shard ${session.shard.join('/')}`);
    return this.handleFor(state);
  }

  private handleFor(state: InteractionState): InteractionHandle {
    const record = state.record;
    const visible = async (timeoutMs = this.interactionDeadlineMs + 10_000): Promise<VisibleReply> => {
      const callback = await state.callback.promise;
      const base = { callback, choices: null, modal: null };
      const at = (atMs: number) => ({ atMs, latencyMs: atMs - record.dispatchedAtMs });
      switch (callback.type) {
        case InteractionResponseType.ChannelMessageWithSource:
        case InteractionResponseType.UpdateMessage: {
          const id = record.originalMessageId;
          return {
            ...base,
            message: id ? (this.messages.get(id)?.message ?? null) : null,
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

  // ------------------------------------------------------------------------------------------
  // Records

  /** Registered commands: global (no argument) or for one guild. */
  commands(guildId?: string): APIApplicationCommand[] {
    return [...(this.commandsByScope.get(guildId ?? 'global') ?? [])];
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

  message(messageId: string): MessageRecord | undefined {
    return this.messages.get(messageId);
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
    Object.assign(this.stats, FakeDiscord.emptyStats());
  }

  // ------------------------------------------------------------------------------------------
  // Gateway host

  private ownedGuilds(session: GatewaySession): GuildState[] {
    return [...this.guilds.values()].filter(
      (g) => shardForGuild(g.id, session.shard[1]) === session.shard[0],
    );
  }

  private readyData(session: GatewaySession) {
    return {
      v: 10,
      user: { ...this.bot, verified: true, mfa_enabled: false, email: null },
      guilds: this.ownedGuilds(session).map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      session_type: 'normal',
      resume_gateway_url: this.gatewayUrl,
      shard: [session.shard[0], session.shard[1]],
      application: { id: this.applicationId, flags: ApplicationFlags.ApplicationCommandBadge },
      user_settings: {},
      relationships: [],
      private_channels: [],
      presences: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      auth: {},
      _trace: ['["fake-discord",{"micros":0}]'],
    };
  }

  private dispatchToGuild(guildId: string, t: string, d: unknown): void {
    const needs =
      t === GatewayDispatchEvents.MessageCreate ? GatewayIntentBits.GuildMessages : GatewayIntentBits.Guilds;
    for (const session of this.gateway.sessionsForGuild(guildId)) {
      if ((session.intents & needs) !== 0) this.gateway.dispatch(session, t, d);
    }
  }

  private checkToken(token: unknown): { ok: boolean; fingerprint: string } {
    if (typeof token !== 'string' || token.trim() === '') return { ok: false, fingerprint: '' };
    const bare = token.replace(/^(Bot|Bearer)\s+/i, '');
    const fingerprint = tokenFingerprint(bare);
    if (this.options.token === undefined) return { ok: true, fingerprint };
    return { ok: bare === this.options.token.replace(/^(Bot|Bearer)\s+/i, ''), fingerprint };
  }

  private log(message: string): void {
    const debug = this.options.debug;
    if (!debug) return;
    const line = `[fake-discord] ${message}`;
    if (typeof debug === 'function') debug(line);
    else process.stderr.write(`${line}\n`);
  }

  private requireGuild(guildId: string): GuildState {
    const guild = this.guilds.get(guildId);
    if (!guild) throw new Error(`fake-discord: unknown guild ${guildId}`);
    return guild;
  }

  // ------------------------------------------------------------------------------------------
  // HTTP

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = Date.now();
    const atMs = performance.now();
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = await readBody(req);
    if (this.closed) {
      res.writeHead(503).end();
      return;
    }
    if (url.pathname.startsWith('/_fake/')) {
      await this.control(method, url, raw, res);
      return;
    }
    const versioned = /^\/api\/v(?:9|10)(\/.*)?$/.exec(url.pathname);
    const path = decodePath(versioned ? (versioned[1] ?? '/') : url.pathname);
    const authHeader = req.headers.authorization;
    const auth = {
      present: typeof authHeader === 'string',
      bot: typeof authHeader === 'string' && authHeader.startsWith('Bot '),
    };
    const parsed: ParsedBody = parseBody(raw, req.headers['content-type']);
    const query: Record<string, string> = {};
    for (const [k, v] of url.searchParams) query[k] = v;
    const record: RequestRecord = {
      seq: 0,
      method,
      path,
      rawPath: url.pathname,
      query,
      route: null,
      status: 0,
      body: parsed.body,
      files: parsed.files,
      responseBody: undefined,
      auth,
      at,
      atMs,
      injected: false,
      rateLimited: null,
    };

    const reply = this.process(record, parsed, versioned !== null, authHeader, url.searchParams);
    record.status = reply.status;
    record.responseBody = reply.body;
    this.count(record);

    const headers: Record<string, string> = { ...(reply.headers ?? {}) };
    if (reply.body === undefined || reply.status === 204) {
      res.writeHead(reply.status, headers);
      res.end();
    } else {
      headers['Content-Type'] = 'application/json';
      res.writeHead(reply.status, headers);
      res.end(JSON.stringify(reply.body));
    }
    this.log(`${method} ${path} → ${reply.status}`);
    this.emit('request', record);
  }

  private count(record: RequestRecord): void {
    this.requestSeq++;
    record.seq = this.requestSeq;
    this.requests.push(record);
    const max = this.options.maxRecords ?? 100_000;
    if (this.requests.length > max) this.requests.splice(0, this.requests.length - max);
    if (this.messageBodies.length > max) this.messageBodies.splice(0, this.messageBodies.length - max);
    const s = this.stats;
    s.requests++;
    s.byStatus[record.status] = (s.byStatus[record.status] ?? 0) + 1;
    if (record.status === 429) s.rateLimited++;
    if (record.status === 429 && record.rateLimited === 'global') s.globalRateLimited++;
    if (record.status === 401 || record.status === 403 || record.status === 429) s.invalidRequests++;
    if (record.injected) s.injected++;
    if (record.route === null) {
      s.unknownRoutes++;
      this.unknownRoutes.push(record);
    }
  }

  private process(
    record: RequestRecord,
    parsed: ParsedBody,
    versioned: boolean,
    authHeader: string | undefined,
    query: URLSearchParams,
  ): Reply {
    const now = Date.now();
    const { method, path } = record;
    const match = versioned ? this.match(method, path) : null;
    if (match?.route) record.route = `${match.route.method} ${match.route.template}`;
    const routeKey = match?.route ? `${match.route.method} ${match.route.template}` : `${method} ${path}`;
    const major = match?.route ? this.majorParameter(match.params) : 'global';
    const perChannel = match?.route?.perChannelMessages ?? false;

    // 1. Injected failures come first.
    const injected = this.takeInjected(method, path);
    if (injected) {
      record.injected = true;
      return this.injectedReply(injected, routeKey, major, perChannel, now, record);
    }

    // 2. Unknown routes.
    if (!match?.route) {
      const status = match?.methodMismatch ? 405 : 404;
      return { status, body: errorBody(0, status) };
    }
    const route = match.route;

    // 3. Auth.
    if (route.auth) {
      const ok =
        typeof authHeader === 'string' && authHeader.startsWith('Bot ') && this.checkToken(authHeader).ok;
      if (!ok) return { status: 401, body: errorBody(0, 401) };
    }

    // 4. Global rate limit (interaction routes are exempt, as on Discord).
    if (!route.exemptGlobal) {
      const wait = this.limiter.takeGlobal(now);
      if (wait > 0) {
        record.rateLimited = 'global';
        return this.rateLimitReply(wait, true, 'global', null);
      }
    }

    // 5. Route bucket.
    const bucket = this.limiter.takeRoute(routeKey, major, perChannel, now);
    const limitHeaders = bucketHeaders(bucket, now);
    if (!bucket.ok) {
      record.rateLimited = 'route';
      return this.rateLimitReply(Math.max(1, bucket.resetAt - now), false, 'user', limitHeaders);
    }

    // 6. Body must parse.
    if (!parsed.ok) {
      return { status: 400, body: errorBody(ErrorCode.InvalidJSON, 400), headers: limitHeaders };
    }

    const reply = route.handler({
      method,
      path,
      params: match.params,
      query,
      body: parsed.body,
      files: parsed.files,
      at: record.at,
      atMs: record.atMs,
    });
    return { ...reply, headers: { ...limitHeaders, ...(reply.headers ?? {}) } };
  }

  private match(
    method: string,
    path: string,
  ): { route: RouteDef | null; params: Record<string, string>; methodMismatch: boolean } | null {
    let methodMismatch = false;
    for (const route of this.routes) {
      const m = route.re.exec(path);
      if (!m) continue;
      if (route.method !== method) {
        methodMismatch = true;
        continue;
      }
      const params: Record<string, string> = {};
      route.keys.forEach((key, i) => {
        params[key] = m[i + 1] ?? '';
      });
      return { route, params, methodMismatch: false };
    }
    return methodMismatch ? { route: null, params: {}, methodMismatch } : null;
  }

  private majorParameter(params: Record<string, string>): string {
    if (params.channel) return params.channel;
    if (params.guild) return params.guild;
    if (params.interaction) return params.interaction;
    if (params.token) return `${params.app ?? ''}/${params.token}`;
    return 'global';
  }

  private takeInjected(method: string, path: string): InjectedResponse | null {
    for (const entry of this.failures) {
      if (entry.match.method && entry.match.method.toUpperCase() !== method) continue;
      entry.match.path.lastIndex = 0;
      if (!entry.match.path.test(path)) continue;
      const next = entry.responses.shift();
      if (entry.responses.length === 0) this.failures.splice(this.failures.indexOf(entry), 1);
      if (!next) continue;
      entry.hits++;
      return next;
    }
    return null;
  }

  private injectedReply(
    injected: InjectedResponse,
    routeKey: string,
    major: string,
    perChannel: boolean,
    now: number,
    record: RequestRecord,
  ): Reply {
    if (injected.status === 429) {
      const retryAfterMs = injected.retryAfterMs ?? 100;
      const global = injected.global === true;
      record.rateLimited = global ? 'global' : 'route';
      const scope = injected.scope ?? (global ? 'global' : 'user');
      const peek = this.limiter.peekRoute(routeKey, major, perChannel, now);
      const headers = global
        ? null
        : bucketHeaders({ ...peek, remaining: 0, resetAt: now + retryAfterMs }, now);
      const reply = this.rateLimitReply(retryAfterMs, global, scope, headers);
      if (injected.code !== undefined && isRecord(reply.body)) reply.body.code = injected.code;
      return reply;
    }
    const code = injected.code ?? 0;
    const headers = bucketHeaders(this.limiter.peekRoute(routeKey, major, perChannel, now), now);
    return { status: injected.status, body: errorBody(code, injected.status, injected.message), headers };
  }

  private rateLimitReply(
    retryAfterMs: number,
    global: boolean,
    scope: 'user' | 'shared' | 'global',
    bucket: Record<string, string> | null,
  ): Reply {
    const seconds = Math.max(0.001, retryAfterMs / 1000);
    const headers: Record<string, string> = {
      ...(bucket ?? {}),
      'Retry-After': seconds.toFixed(3),
      'X-RateLimit-Scope': scope,
    };
    if (global) headers['X-RateLimit-Global'] = 'true';
    return {
      status: 429,
      body: { message: RATE_LIMIT_MESSAGE, retry_after: Number(seconds.toFixed(3)), global },
      headers,
    };
  }

  // ------------------------------------------------------------------------------------------
  // Routes

  private route(
    method: string,
    template: string,
    handler: (ctx: Ctx) => Reply,
    options: { auth?: boolean; exemptGlobal?: boolean; perChannelMessages?: boolean } = {},
  ): void {
    const { re, keys } = compileTemplate(template);
    this.routes.push({
      method,
      template,
      re,
      keys,
      auth: options.auth ?? true,
      exemptGlobal: options.exemptGlobal ?? false,
      perChannelMessages: options.perChannelMessages ?? false,
      handler,
    });
  }

  private defineRoutes(): void {
    const ok = (body: unknown, status = 200): Reply => ({ status, body });
    const fail = (status: number, code: number): Reply => ({ status, body: errorBody(code, status) });

    this.route('GET', '/gateway', () => ok({ url: this.gatewayUrl }), { auth: false });
    this.route('GET', '/gateway/bot', () => {
      const total = this.options.sessionStartLimit ?? 1000;
      return ok({
        url: this.gatewayUrl,
        shards: this.options.recommendedShards ?? 1,
        session_start_limit: {
          total,
          remaining: Math.max(0, total - this.sessionStartsUsed),
          reset_after: 86_400_000,
          max_concurrency: this.options.maxConcurrency ?? 16,
        },
      });
    });
    this.route('GET', '/users/@me', () => ok(this.bot));
    this.route('GET', '/applications/@me', () => ok(applicationObject(this.applicationId, this.bot)));
    this.route('GET', '/oauth2/applications/@me', () => ok(applicationObject(this.applicationId, this.bot)));

    // Application commands, global and per guild.
    const commandRoutes = (prefix: string, scopeOf: (ctx: Ctx) => string | null) => {
      const check = (ctx: Ctx): Reply | null => {
        if (ctx.params.app !== this.applicationId) return fail(404, ErrorCode.UnknownApplication);
        const guildId = scopeOf(ctx);
        if (guildId !== null && !this.guilds.has(guildId)) return fail(403, ErrorCode.MissingAccess);
        return null;
      };
      this.route('GET', prefix, (ctx) => check(ctx) ?? ok(this.commands(scopeOf(ctx) ?? undefined)));
      this.route('PUT', prefix, (ctx) => check(ctx) ?? this.putCommands(ctx, scopeOf(ctx)));
      this.route('POST', prefix, (ctx) => check(ctx) ?? this.postCommand(ctx, scopeOf(ctx)));
      this.route('GET', `${prefix}/:command`, (ctx) => {
        const found = this.commands(scopeOf(ctx) ?? undefined).find((c) => c.id === ctx.params.command);
        return check(ctx) ?? (found ? ok(found) : fail(404, ErrorCode.UnknownApplicationCommand));
      });
      this.route('PATCH', `${prefix}/:command`, (ctx) => check(ctx) ?? this.patchCommand(ctx, scopeOf(ctx)));
      this.route('DELETE', `${prefix}/:command`, (ctx) => {
        const bad = check(ctx);
        if (bad) return bad;
        const key = scopeOf(ctx) ?? 'global';
        const list = this.commandsByScope.get(key) ?? [];
        const next = list.filter((c) => c.id !== ctx.params.command);
        if (next.length === list.length) return fail(404, ErrorCode.UnknownApplicationCommand);
        this.commandsByScope.set(key, next);
        return { status: 204 };
      });
    };
    commandRoutes('/applications/:app/commands', () => null);
    commandRoutes('/applications/:app/guilds/:guild/commands', (ctx) => ctx.params.guild ?? null);

    // Channels and messages.
    this.route('GET', '/channels/:channel', (ctx) => {
      const channel = this.channel(ctx.params.channel ?? '');
      if (!channel) return fail(404, ErrorCode.UnknownChannel);
      if (
        channel.guildId &&
        this.enforcePermissions &&
        !this.botCan(channel, PermissionFlagsBits.ViewChannel)
      ) {
        return fail(403, ErrorCode.MissingAccess);
      }
      return ok(toAPIChannel(channel));
    });
    this.route('POST', '/channels/:channel/messages', (ctx) => this.postChannelMessage(ctx), {
      perChannelMessages: true,
    });
    this.route('GET', '/channels/:channel/messages/:message', (ctx) => {
      const record = this.messages.get(ctx.params.message ?? '');
      if (!record || record.deleted || record.channelId !== ctx.params.channel)
        return fail(404, ErrorCode.UnknownMessage);
      return ok(record.message);
    });
    this.route('PATCH', '/channels/:channel/messages/:message', (ctx) => this.patchChannelMessage(ctx));
    this.route('DELETE', '/channels/:channel/messages/:message', (ctx) => {
      const record = this.messages.get(ctx.params.message ?? '');
      if (!record || record.deleted || record.channelId !== ctx.params.channel)
        return fail(404, ErrorCode.UnknownMessage);
      record.deleted = true;
      this.emit('message', record, 'delete');
      return { status: 204 };
    });
    this.route('POST', '/channels/:channel/typing', (ctx) =>
      this.channel(ctx.params.channel ?? '') ? { status: 204 } : fail(404, ErrorCode.UnknownChannel),
    );

    // Guilds.
    this.route('GET', '/guilds/:guild', (ctx) => {
      const guild = this.guilds.get(ctx.params.guild ?? '');
      if (!guild) return fail(404, ErrorCode.UnknownGuild);
      const counts =
        ctx.query.get('with_counts') === 'true'
          ? {
              approximate_member_count: guild.memberCount ?? guild.members.size,
              approximate_presence_count: 0,
            }
          : {};
      return ok({ ...toAPIGuild(guild), ...counts });
    });
    this.route('GET', '/guilds/:guild/channels', (ctx) => {
      const guild = this.guilds.get(ctx.params.guild ?? '');
      return guild ? ok([...guild.channels.values()].map(toAPIChannel)) : fail(404, ErrorCode.UnknownGuild);
    });
    this.route('GET', '/guilds/:guild/roles', (ctx) => {
      const guild = this.guilds.get(ctx.params.guild ?? '');
      return guild ? ok([...guild.roles.values()]) : fail(404, ErrorCode.UnknownGuild);
    });
    this.route('GET', '/guilds/:guild/members/:user', (ctx) => {
      const guild = this.guilds.get(ctx.params.guild ?? '');
      if (!guild) return fail(404, ErrorCode.UnknownGuild);
      const userId = ctx.params.user === '@me' ? this.bot.id : (ctx.params.user ?? '');
      const member = guild.members.get(userId);
      return member ? ok(toAPIMember(member)) : fail(404, ErrorCode.UnknownMember);
    });

    // Interactions (no bot auth, not under the global limit).
    const open = { auth: false, exemptGlobal: true };
    this.route(
      'POST',
      '/interactions/:interaction/:token/callback',
      (ctx) => this.interactionCallback(ctx),
      open,
    );
    this.route('POST', '/webhooks/:app/:token', (ctx) => this.webhookCreate(ctx), open);
    this.route(
      'GET',
      '/webhooks/:app/:token/messages/:message',
      (ctx) => this.webhookMessage(ctx, 'get'),
      open,
    );
    this.route(
      'PATCH',
      '/webhooks/:app/:token/messages/:message',
      (ctx) => this.webhookMessage(ctx, 'patch'),
      open,
    );
    this.route(
      'DELETE',
      '/webhooks/:app/:token/messages/:message',
      (ctx) => this.webhookMessage(ctx, 'delete'),
      open,
    );
  }

  // ------------------------------------------------------------------------------------------
  // Handlers: commands

  private findCommand(guildId: string | null, name: string): APIApplicationCommand | undefined {
    return this.commandsByScope.get(guildId ?? 'global')?.find((c) => c.name === name && (c.type ?? 1) === 1);
  }

  private putCommands(ctx: Ctx, guildId: string | null): Reply {
    const errors = validateCommandList(ctx.body);
    if (errors.length > 0) return this.invalid('command', ctx, errors);
    const key = guildId ?? 'global';
    const previous = this.commandsByScope.get(key) ?? [];
    const list = (ctx.body as Array<Record<string, unknown>>).map((body) => {
      const type = typeof body.type === 'number' ? body.type : 1;
      const existing = previous.find((c) => c.name === body.name && (c.type ?? 1) === type);
      return storeCommand(body, this.applicationId, guildId, existing);
    });
    this.commandsByScope.set(key, list);
    this.emit('commands', { guildId, commands: list });
    return { status: 200, body: list };
  }

  private postCommand(ctx: Ctx, guildId: string | null): Reply {
    const errors = validateSingleCommand(ctx.body);
    if (errors.length > 0) return this.invalid('command', ctx, errors);
    const body = ctx.body as Record<string, unknown>;
    const key = guildId ?? 'global';
    const list = [...(this.commandsByScope.get(key) ?? [])];
    const type = typeof body.type === 'number' ? body.type : 1;
    const index = list.findIndex((c) => c.name === body.name && (c.type ?? 1) === type);
    const stored = storeCommand(body, this.applicationId, guildId, index >= 0 ? list[index] : undefined);
    if (index >= 0) list[index] = stored;
    else list.push(stored);
    this.commandsByScope.set(key, list);
    return { status: index >= 0 ? 200 : 201, body: stored };
  }

  private patchCommand(ctx: Ctx, guildId: string | null): Reply {
    const key = guildId ?? 'global';
    const list = [...(this.commandsByScope.get(key) ?? [])];
    const index = list.findIndex((c) => c.id === ctx.params.command);
    const existing = list[index];
    if (!existing) return { status: 404, body: errorBody(ErrorCode.UnknownApplicationCommand, 404) };
    const merged = { ...existing, ...(isRecord(ctx.body) ? ctx.body : {}) };
    const errors = validateSingleCommand(merged);
    if (errors.length > 0) return this.invalid('command', ctx, errors);
    const stored = storeCommand(merged, this.applicationId, guildId, existing);
    list[index] = stored;
    this.commandsByScope.set(key, list);
    return { status: 200, body: stored };
  }

  // ------------------------------------------------------------------------------------------
  // Handlers: channel messages

  private botCan(channel: ChannelState, bit: bigint): boolean {
    if (!channel.guildId) return true;
    const guild = this.guilds.get(channel.guildId);
    if (!guild) return false;
    return (memberPermissionsIn(guild, channel, this.bot.id) & bit) === bit;
  }

  private audit(
    kind: MessageBodyKind,
    ctx: Ctx,
    body: unknown,
    channelId: string | null,
    interactionId: string | null,
  ): void {
    const present = isRecord(body) && 'allowed_mentions' in body;
    this.messageBodies.push({
      kind,
      method: ctx.method,
      path: ctx.path,
      channelId,
      interactionId,
      allowedMentionsPresent: present,
      allowedMentions: present && isRecord(body) ? body.allowed_mentions : undefined,
      body,
      at: ctx.at,
    });
  }

  private invalid(kind: ViolationRecord['kind'], ctx: Ctx, errors: FieldError[]): Reply {
    for (const e of errors) {
      const v: ViolationRecord = {
        kind,
        method: ctx.method,
        path: ctx.path,
        field: formatPath(e.path),
        code: e.code,
        message: e.message,
        status: 400,
        discordCode: ErrorCode.InvalidFormBody,
        at: ctx.at,
      };
      this.violations.push(v);
      this.emit('violation', v);
    }
    return { status: 400, body: invalidFormBody(errors) };
  }

  private refuse(
    kind: ViolationRecord['kind'],
    ctx: Ctx,
    status: number,
    code: number,
    field: string,
    message?: string,
  ): Reply {
    const body = errorBody(code, status, message);
    const v: ViolationRecord = {
      kind,
      method: ctx.method,
      path: ctx.path,
      field,
      code: String(code),
      message: body.message,
      status,
      discordCode: code,
      at: ctx.at,
    };
    this.violations.push(v);
    this.emit('violation', v);
    return { status, body };
  }

  /** Validates a message body; returns a Reply when it must be refused. */
  private checkMessage(
    ctx: Ctx,
    body: unknown,
    create: boolean,
    kind: ViolationRecord['kind'] = 'message',
  ): Reply | null {
    const check = validateMessageBody(body, { create, hasFiles: ctx.files.length > 0 });
    if (check.errors.length > 0) return this.invalid(kind, ctx, check.errors);
    if (check.empty) return this.refuse(kind, ctx, 400, ErrorCode.CannotSendEmptyMessage, '(body)');
    return null;
  }

  private postChannelMessage(ctx: Ctx): Reply {
    const channelId = ctx.params.channel ?? '';
    const channel = this.channel(channelId);
    if (!channel) return { status: 404, body: errorBody(ErrorCode.UnknownChannel, 404) };
    const injected = this.channelErrors.get(channelId);
    if (injected) return { status: injected.status, body: errorBody(injected.code, injected.status) };
    if (this.enforcePermissions && channel.guildId) {
      if (!this.botCan(channel, PermissionFlagsBits.ViewChannel)) {
        return { status: 403, body: errorBody(ErrorCode.MissingAccess, 403) };
      }
      if (!this.botCan(channel, PermissionFlagsBits.SendMessages)) {
        return { status: 403, body: errorBody(ErrorCode.MissingPermissions, 403) };
      }
    }
    this.audit('channel.create', ctx, ctx.body, channelId, null);
    const bad = this.checkMessage(ctx, ctx.body, true);
    if (bad) return bad;
    const body = { ...(ctx.body as Record<string, unknown>) };
    // Discord dedupes a resend: with enforce_nonce, the same nonce in the same channel within a few
    // minutes returns the message created first instead of posting again.
    const nonceKey =
      typeof body.nonce === 'string' || typeof body.nonce === 'number'
        ? `${channelId}:${body.nonce}`
        : undefined;
    if (nonceKey && body.enforce_nonce === true) {
      const seen = this.nonces.get(nonceKey);
      const original =
        seen && Date.now() - seen.at < this.nonceWindowMs ? this.messages.get(seen.messageId) : undefined;
      if (original) {
        this.stats.nonceDeduped++;
        return { status: 200, body: original.message };
      }
    }
    let droppedEmbeds = false;
    if (
      this.enforcePermissions &&
      Array.isArray(body.embeds) &&
      body.embeds.length > 0 &&
      !this.botCan(channel, PermissionFlagsBits.EmbedLinks)
    ) {
      body.embeds = [];
      droppedEmbeds = true;
    }
    const message = buildMessage({
      id: makeSnowflake(),
      channelId,
      author: this.bot,
      body,
      type: isRecord(body.message_reference) ? MessageType.Reply : MessageType.Default,
      flags: typeof body.flags === 'number' ? body.flags & (4 | 4096 | (1 << 15)) : 0,
    });
    if (typeof body.nonce === 'string' || typeof body.nonce === 'number') message.nonce = body.nonce;
    const record = this.storeMessage(message, channel, 'channel', null, ctx, droppedEmbeds);
    if (nonceKey && body.enforce_nonce === true)
      this.nonces.set(nonceKey, { messageId: message.id, at: Date.now() });
    if (channel.guildId) {
      this.dispatchToGuild(channel.guildId, GatewayDispatchEvents.MessageCreate, {
        ...message,
        guild_id: channel.guildId,
        member: toAPIMember(
          this.requireGuild(channel.guildId).members.get(this.bot.id) ?? this.botMember(channel.guildId),
        ),
      });
    }
    return { status: 200, body: record.message };
  }

  private botMember(guildId: string): MemberState {
    const guild = this.requireGuild(guildId);
    return { user: this.bot, roles: [guild.botRoleId], nick: null, joinedAt: guild.joinedAt };
  }

  private patchChannelMessage(ctx: Ctx): Reply {
    const channelId = ctx.params.channel ?? '';
    const channel = this.channel(channelId);
    if (!channel) return { status: 404, body: errorBody(ErrorCode.UnknownChannel, 404) };
    const injected = this.channelErrors.get(channelId);
    if (injected) return { status: injected.status, body: errorBody(injected.code, injected.status) };
    const record = this.messages.get(ctx.params.message ?? '');
    if (!record || record.deleted || record.channelId !== channelId) {
      return { status: 404, body: errorBody(ErrorCode.UnknownMessage, 404) };
    }
    if (record.message.author.id !== this.bot.id) {
      return { status: 403, body: errorBody(50005, 403, 'Cannot edit a message authored by another user') };
    }
    this.audit('channel.edit', ctx, ctx.body, channelId, null);
    const bad = this.checkMessage(ctx, ctx.body, false);
    if (bad) return bad;
    this.applyEdit(record, ctx.body as Record<string, unknown>);
    return { status: 200, body: record.message };
  }

  private storeMessage(
    message: APIMessage,
    channel: ChannelState,
    source: MessageRecord['source'],
    interactionId: string | null,
    ctx: Ctx,
    droppedEmbeds = false,
  ): MessageRecord {
    const record: MessageRecord = {
      id: message.id,
      channelId: channel.id,
      guildId: channel.guildId,
      source,
      interactionId,
      message,
      ephemeral: ((message.flags ?? 0) & MessageFlags.Ephemeral) !== 0,
      deleted: false,
      edits: 0,
      createdAt: ctx.at,
      createdAtMs: ctx.atMs,
      droppedEmbeds,
      files: ctx.files,
    };
    this.messages.set(message.id, record);
    if (!record.ephemeral) channel.lastMessageId = message.id;
    this.emit('message', record, 'create');
    return record;
  }

  private applyEdit(record: MessageRecord, body: Record<string, unknown>): void {
    record.message = editMessage(record.message, body);
    record.edits++;
    this.emit('message', record, 'edit');
  }

  // ------------------------------------------------------------------------------------------
  // Handlers: interactions

  private interactionCallback(ctx: Ctx): Reply {
    const state = this.interactionsById.get(ctx.params.interaction ?? '');
    const body = isRecord(ctx.body) ? ctx.body : {};
    const type = typeof body.type === 'number' ? body.type : -1;
    const data = body.data;
    const withResponse = ctx.query.get('with_response') === 'true';
    const attempt = (status: number, errorCode: number | null): CallbackRecord => {
      const atMs = ctx.atMs;
      const cb: CallbackRecord = {
        type: type as InteractionResponseType,
        data,
        at: ctx.at,
        atMs,
        latencyMs: state ? atMs - state.record.dispatchedAtMs : Number.NaN,
        status,
        errorCode,
        withResponse,
      };
      state?.record.attempts.push(cb);
      return cb;
    };
    if (!state || state.record.token !== ctx.params.token) {
      attempt(404, ErrorCode.UnknownInteraction);
      return this.refuse('interaction', ctx, 404, ErrorCode.UnknownInteraction, 'interaction');
    }
    const record = state.record;
    if (state.acknowledged) {
      attempt(400, ErrorCode.InteractionAlreadyAcknowledged);
      return this.refuse('interaction', ctx, 400, ErrorCode.InteractionAlreadyAcknowledged, 'interaction');
    }
    if (ctx.atMs - record.dispatchedAtMs > this.interactionDeadlineMs) {
      attempt(404, ErrorCode.UnknownInteraction);
      return this.refuse(
        'interaction',
        ctx,
        404,
        ErrorCode.UnknownInteraction,
        'interaction',
        `Unknown interaction (answered after ${Math.round(ctx.atMs - record.dispatchedAtMs)} ms)`,
      );
    }
    if (!ALLOWED_CALLBACKS[record.kind].has(type)) {
      attempt(400, ErrorCode.InvalidFormBody);
      return this.invalid('interaction', ctx, [
        {
          path: ['type'],
          code: 'INTERACTION_RESPONSE_TYPE_INVALID',
          message: `Callback type ${type} is not valid for a ${record.kind} interaction`,
        },
      ]);
    }
    // Validate the data for this type.
    let bad: Reply | null = null;
    if (
      type === InteractionResponseType.ChannelMessageWithSource ||
      type === InteractionResponseType.UpdateMessage
    ) {
      this.audit(
        type === InteractionResponseType.UpdateMessage ? 'interaction.update' : 'interaction.reply',
        ctx,
        data,
        record.channelId,
        record.id,
      );
      bad = this.checkMessage(ctx, data ?? {}, type === InteractionResponseType.ChannelMessageWithSource);
    } else if (type === InteractionResponseType.ApplicationCommandAutocompleteResult) {
      const errors = validateAutocompleteData(data);
      if (errors.length > 0) bad = this.invalid('autocomplete', ctx, errors);
    } else if (type === InteractionResponseType.Modal) {
      const errors = validateModalData(data);
      if (errors.length > 0) bad = this.invalid('modal', ctx, errors);
    }
    if (bad) {
      attempt(bad.status, ErrorCode.InvalidFormBody);
      return bad;
    }

    // Accepted.
    state.acknowledged = true;
    const cb = attempt(withResponse ? 200 : 204, null);
    record.response = cb;
    this.stats.callbacks++;
    if (state.timer) clearTimeout(state.timer);
    const channel = this.channel(record.channelId);
    const dataObj = isRecord(data) ? data : {};
    const flags = typeof dataObj.flags === 'number' ? dataObj.flags : 0;
    const metadata = {
      id: record.id,
      type: record.payload.type,
      user: this.userOf(record.payload),
      authorizing_integration_owners: record.payload.authorizing_integration_owners,
      ...(state.sourceMessageId ? { interacted_message_id: state.sourceMessageId } : {}),
    } as APIMessage['interaction_metadata'];
    let resultMessage: APIMessage | null = null;
    switch (type) {
      case InteractionResponseType.ChannelMessageWithSource:
      case InteractionResponseType.DeferredChannelMessageWithSource: {
        const deferredReply = type === InteractionResponseType.DeferredChannelMessageWithSource;
        const message = buildMessage({
          id: makeSnowflake(),
          channelId: record.channelId,
          author: this.bot,
          body: deferredReply ? {} : dataObj,
          type: record.kind === 'chatInput' ? MessageType.ChatInputCommand : MessageType.Reply,
          webhookId: this.applicationId,
          applicationId: this.applicationId,
          interactionMetadata: metadata,
          flags:
            (flags & (MessageFlags.Ephemeral | 4 | 4096 | (1 << 15))) |
            (deferredReply ? MessageFlags.Loading : 0),
        });
        if (channel) this.storeMessage(message, channel, 'interaction', record.id, ctx);
        record.originalMessageId = message.id;
        resultMessage = message;
        break;
      }
      case InteractionResponseType.DeferredMessageUpdate:
      case InteractionResponseType.UpdateMessage: {
        record.originalMessageId = state.sourceMessageId;
        const source = state.sourceMessageId ? this.messages.get(state.sourceMessageId) : undefined;
        if (source && type === InteractionResponseType.UpdateMessage) this.applyEdit(source, dataObj);
        resultMessage = source?.message ?? null;
        break;
      }
      default:
        break;
    }
    state.callback.resolve(cb);
    this.emit('callback', record, cb);
    if (!withResponse) return { status: 204 };
    return {
      status: 200,
      body: {
        interaction: {
          id: record.id,
          type: record.payload.type,
          activity_instance_id: null,
          response_message_id: resultMessage?.id ?? null,
          response_message_loading: type === InteractionResponseType.DeferredChannelMessageWithSource,
          response_message_ephemeral: (flags & MessageFlags.Ephemeral) !== 0,
        },
        resource: { type, ...(resultMessage ? { message: resultMessage } : {}) },
      },
    };
  }

  private userOf(payload: APIInteraction): APIUser {
    const p = payload as { member?: { user: APIUser }; user?: APIUser };
    return p.member?.user ?? p.user ?? makeUser('0', 'unknown');
  }

  /** Resolves the interaction behind a webhook route, or a refusal. */
  private webhookState(ctx: Ctx): InteractionState | Reply {
    const state = this.interactionsByToken.get(ctx.params.token ?? '');
    if (ctx.params.app !== this.applicationId || !state) {
      return { status: 404, body: errorBody(ErrorCode.UnknownWebhook, 404) };
    }
    if (ctx.atMs - state.record.dispatchedAtMs > this.interactionTokenTtlMs) {
      return { status: 401, body: errorBody(ErrorCode.InvalidWebhookToken, 401) };
    }
    if (!state.acknowledged) return { status: 404, body: errorBody(ErrorCode.UnknownWebhook, 404) };
    return state;
  }

  private webhookCreate(ctx: Ctx): Reply {
    const state = this.webhookState(ctx);
    if (!('record' in state)) return state;
    const record = state.record;
    this.audit('webhook.create', ctx, ctx.body, record.channelId, record.id);
    const bad = this.checkMessage(ctx, ctx.body, true);
    if (bad) return bad;
    const channel = this.channel(record.channelId);
    const body = ctx.body as Record<string, unknown>;
    const flags = typeof body.flags === 'number' ? body.flags : 0;
    const message = buildMessage({
      id: makeSnowflake(),
      channelId: record.channelId,
      author: this.bot,
      body,
      type: MessageType.Default,
      webhookId: this.applicationId,
      applicationId: this.applicationId,
      flags: flags & (MessageFlags.Ephemeral | 4 | 4096 | (1 << 15)),
    });
    if (channel) this.storeMessage(message, channel, 'followup', record.id, ctx);
    record.followUpIds.push(message.id);
    if (ctx.query.get('wait') === 'false') return { status: 204 };
    return { status: 200, body: message };
  }

  private webhookMessage(ctx: Ctx, action: 'get' | 'patch' | 'delete'): Reply {
    const state = this.webhookState(ctx);
    if (!('record' in state)) return state;
    const record = state.record;
    const isOriginal = ctx.params.message === '@original';
    const messageId = isOriginal ? record.originalMessageId : (ctx.params.message ?? null);
    const known =
      messageId !== null &&
      (messageId === record.originalMessageId || record.followUpIds.includes(messageId));
    const message = known && messageId ? this.messages.get(messageId) : undefined;
    if (!message || message.deleted) return { status: 404, body: errorBody(ErrorCode.UnknownMessage, 404) };
    if (action === 'get') return { status: 200, body: message.message };
    if (action === 'delete') {
      message.deleted = true;
      this.emit('message', message, 'delete');
      return { status: 204 };
    }
    this.audit('webhook.edit', ctx, ctx.body, record.channelId, record.id);
    const bad = this.checkMessage(ctx, ctx.body, false);
    if (bad) return bad;
    this.applyEdit(message, ctx.body as Record<string, unknown>);
    if (messageId === record.originalMessageId) {
      record.originalEdits++;
      state.firstEdit.resolve({ message: message.message, atMs: ctx.atMs });
    }
    return { status: 200, body: message.message };
  }

  // ------------------------------------------------------------------------------------------
  // Control endpoints for a fake running in another process (`/_fake/...`, never under /api).

  private async control(method: string, url: URL, raw: Buffer, res: ServerResponse): Promise<void> {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
    };
    const input = parseBody(raw, 'application/json').body;
    const args = isRecord(input) ? input : {};
    try {
      if (method === 'GET' && url.pathname === '/_fake/state') {
        send(200, {
          apiUrl: this.apiUrl,
          gatewayUrl: this.gatewayUrl,
          guilds: [...this.guilds.keys()],
          defaultChannelId: this.defaultChannelId,
          stats: this.stats,
          shards: this.shards(),
          violations: this.violations,
          unknownRoutes: this.unknownRoutes.map((r) => `${r.method} ${r.path}`),
          unsafeMentionBodies: this.unsafeMentionBodies().length,
          messages: this.messagesIn().length,
          interactions: this.interactions.length,
        });
        return;
      }
      if (method === 'POST' && url.pathname === '/_fake/chat-input') {
        const handle = this.chatInput(
          String(args.name),
          args.options as OptionsInput | undefined,
          (isRecord(args.opts) ? args.opts : {}) as InteractionOptions,
        );
        const visible = await handle.visible();
        send(200, {
          id: handle.id,
          latencyMs: visible.callback.latencyMs,
          visibleLatencyMs: visible.latencyMs,
          visible,
        });
        return;
      }
      if (method === 'POST' && url.pathname === '/_fake/drop') {
        const dropped = this.dropGateway(typeof args.code === 'number' ? args.code : 1006, {
          ...(typeof args.shardId === 'number' ? { shardId: args.shardId } : {}),
        });
        send(200, { dropped });
        return;
      }
      if (method === 'POST' && url.pathname === '/_fake/clear') {
        this.clearRecords();
        send(200, { ok: true });
        return;
      }
      send(404, { message: 'unknown control route' });
    } catch (error) {
      send(500, { message: String(error) });
    }
  }
}

/** Starts a fake Discord on 127.0.0.1 and returns it once it listens. */
export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  return new FakeDiscord(options).listen();
}
