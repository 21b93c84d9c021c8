/** The fake Discord's state and shared helpers (see FakeCore). */
import { EventEmitter } from 'node:events';
import {
  type APIApplicationCommand,
  type APIMessage,
  type APIUser,
  ApplicationFlags,
  ChannelType,
  GatewayDispatchEvents,
  GatewayIntentBits,
  MessageFlags,
} from 'discord-api-types/v10';
import { ErrorCode, errorBody, type FieldError, formatPath, invalidFormBody } from './errors.ts';
import { FakeGateway, type GatewaySession, type IdentifyRecord, type ResumeRecord } from './gateway.ts';
import type { ReceivedFile } from './http-util.ts';
import {
  type ChannelState,
  editMessage,
  type GuildState,
  type MemberState,
  makeChannel,
  makeGuild,
  makeUser,
  memberPermissionsIn,
  toGuildCreate,
} from './model.ts';
import { RateLimiter } from './ratelimit.ts';
import { makeSnowflake, shardForGuild, tokenFingerprint } from './snowflake.ts';
import type {
  ChannelError,
  Ctx,
  Deferred,
  FailureMatch,
  FakeDiscordOptions,
  FakeStats,
  InjectedResponse,
  InteractionRecord,
  InteractionState,
  MessageBodyKind,
  MessageBodyRecord,
  MessageRecord,
  Reply,
  RequestRecord,
  ViolationRecord,
} from './types.ts';
import { isRecord, validateMessageBody } from './validate.ts';

export function deferred<T>(): Deferred<T> {
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

export function isSafeAllowedMentions(value: unknown): boolean {
  if (!isRecord(value)) return false;
  if (!Array.isArray(value.parse) || value.parse.length !== 0) return false;
  if (value.users !== undefined && (!Array.isArray(value.users) || value.users.length > 0)) return false;
  // At most one role: the one a server opted into for its scheduled posts (what it pings is checked
  // on the message, `mention_roles`).
  if (value.roles !== undefined && (!Array.isArray(value.roles) || value.roles.length > 1)) return false;
  return value.replied_user !== true;
}

/**
 * The fake's state: the world (guilds, channels, members), what it recorded (requests, messages,
 * interactions, violations) and the helpers every area shares. Its members are internal to the fake
 * except those FakeDiscord documents.
 */
export class FakeCore extends EventEmitter {
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
  readonly stats: FakeStats = FakeCore.emptyStats();
  /** channel:nonce → the message it created, for enforce_nonce dedupe. */
  readonly nonces = new Map<string, { messageId: string; at: number }>();
  /** How long Discord remembers a nonce (a few minutes). */
  nonceWindowMs = 5 * 60_000;
  /** Deadline for the first interaction response, ms (default 3000). */
  interactionDeadlineMs: number;
  interactionTokenTtlMs: number;
  enforcePermissions: boolean;

  readonly gateway: FakeGateway;
  readonly limiter: RateLimiter;
  readonly messages = new Map<string, MessageRecord>();
  readonly commandsByScope = new Map<string, APIApplicationCommand[]>();
  readonly interactionsById = new Map<string, InteractionState>();
  readonly interactionsByToken = new Map<string, InteractionState>();
  readonly channelErrors = new Map<string, ChannelError>();
  readonly failures: Array<{ match: FailureMatch; responses: InjectedResponse[]; hits: number }> = [];
  /** DM channels by their id and by their recipient's user id. */
  readonly dmChannels = new Map<string, ChannelState>();
  /** Users whose DMs are closed to the bot: a message there answers 50007. */
  readonly closedDms = new Set<string>();
  readonly testUserId = makeSnowflake();
  sessionStartsUsed = 0;
  requestSeq = 0;
  port = 0;
  closed = false;

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
      identifyConcurrency: () => ({
        maxConcurrency: this.options.maxConcurrency ?? 16,
        enforce: this.options.enforceIdentifyConcurrency ?? false,
      }),
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
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  /**
   * The API URL for one of several bot processes: the same API, but each request it makes is
   * recorded with `client: tag` (which process posted what).
   */
  apiUrlFor(tag: string): string {
    if (!/^[\w-]{1,32}$/.test(tag)) throw new Error(`fake-discord: bad client tag "${tag}"`);
    return `http://127.0.0.1:${this.port}/c/${tag}/api`;
  }

  /** `ws://127.0.0.1:PORT` — what `GET /gateway/bot` returns. */
  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  get listeningPort(): number {
    return this.port;
  }

  static emptyStats(): FakeStats {
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
      crossposts: 0,
    };
  }

  channel(channelId: string): ChannelState | undefined {
    for (const guild of this.guilds.values()) {
      const channel = guild.channels.get(channelId);
      if (channel) return channel;
    }
    return this.dmChannels.get(channelId);
  }

  /** The DM channel with a user, opened (once) as POST /users/@me/channels does. */
  dmChannelOf(userId: string, username = 'member'): ChannelState {
    let channel = this.dmChannels.get(userId);
    if (!channel) {
      channel = makeChannel({ type: ChannelType.DM, name: '' }, null, 0);
      channel.recipient = makeUser(userId, username);
      this.dmChannels.set(userId, channel);
      this.dmChannels.set(channel.id, channel);
    }
    return channel;
  }

  /** Registered commands: global (no argument) or for one guild. */
  commands(guildId?: string): APIApplicationCommand[] {
    return [...(this.commandsByScope.get(guildId ?? 'global') ?? [])];
  }

  message(messageId: string): MessageRecord | undefined {
    return this.messages.get(messageId);
  }

  findCommand(guildId: string | null, name: string): APIApplicationCommand | undefined {
    return this.commandsByScope.get(guildId ?? 'global')?.find((c) => c.name === name && (c.type ?? 1) === 1);
  }

  ownedGuilds(session: GatewaySession): GuildState[] {
    return [...this.guilds.values()].filter(
      (g) => shardForGuild(g.id, session.shard[1]) === session.shard[0],
    );
  }

  readyData(session: GatewaySession) {
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

  dispatchToGuild(guildId: string, t: string, d: unknown): void {
    const needs =
      t === GatewayDispatchEvents.MessageCreate ? GatewayIntentBits.GuildMessages : GatewayIntentBits.Guilds;
    for (const session of this.gateway.sessionsForGuild(guildId)) {
      if ((session.intents & needs) !== 0) this.gateway.dispatch(session, t, d);
    }
  }

  checkToken(token: unknown): { ok: boolean; fingerprint: string } {
    if (typeof token !== 'string' || token.trim() === '') return { ok: false, fingerprint: '' };
    const bare = token.replace(/^(Bot|Bearer)\s+/i, '');
    const fingerprint = tokenFingerprint(bare);
    if (this.options.token === undefined) return { ok: true, fingerprint };
    return { ok: bare === this.options.token.replace(/^(Bot|Bearer)\s+/i, ''), fingerprint };
  }

  log(message: string): void {
    const debug = this.options.debug;
    if (!debug) return;
    const line = `[fake-discord] ${message}`;
    if (typeof debug === 'function') debug(line);
    else process.stderr.write(`${line}\n`);
  }

  requireGuild(guildId: string): GuildState {
    const guild = this.guilds.get(guildId);
    if (!guild) throw new Error(`fake-discord: unknown guild ${guildId}`);
    return guild;
  }

  botCan(channel: ChannelState, bit: bigint): boolean {
    if (!channel.guildId) return true;
    const guild = this.guilds.get(channel.guildId);
    if (!guild) return false;
    return (memberPermissionsIn(guild, channel, this.bot.id) & bit) === bit;
  }

  botMember(guildId: string): MemberState {
    const guild = this.requireGuild(guildId);
    return { user: this.bot, roles: [guild.botRoleId], nick: null, joinedAt: guild.joinedAt };
  }

  audit(
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

  invalid(kind: ViolationRecord['kind'], ctx: Ctx, errors: FieldError[]): Reply {
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

  refuse(
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
  checkMessage(
    ctx: Ctx,
    body: unknown,
    create: boolean,
    kind: ViolationRecord['kind'] = 'message',
  ): Reply | null {
    const check = validateMessageBody(body, { create, hasFiles: ctx.files.length > 0 });
    if (check.errors.length > 0) return this.invalid(kind, ctx, check.errors);
    // Uploads: at most 10 files, 10 MiB in all for a bot in a server without boosts.
    const bytes = ctx.files.reduce((sum, f) => sum + f.size, 0);
    if (ctx.files.length > 10 || bytes > UPLOAD_LIMIT_BYTES)
      return this.refuse(kind, ctx, 413, ErrorCode.RequestEntityTooLarge, 'files');
    if (check.empty) return this.refuse(kind, ctx, 400, ErrorCode.CannotSendEmptyMessage, '(body)');
    return null;
  }

  storeMessage(
    message: APIMessage,
    channel: ChannelState,
    source: MessageRecord['source'],
    interactionId: string | null,
    ctx: Ctx,
    droppedEmbeds = false,
  ): MessageRecord {
    if (ctx.files.length > 0) message = withAttachments(message, ctx.files);
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

  applyEdit(record: MessageRecord, body: Record<string, unknown>, files: ReceivedFile[] = []): void {
    record.message = editMessage(record.message, body);
    if (files.length > 0) {
      record.message = withAttachments(record.message, files);
      record.files = files;
    }
    record.edits++;
    this.emit('message', record, 'edit');
  }
}

const UPLOAD_LIMIT_BYTES = 10 * 1024 * 1024;

/** The message as Discord returns it after an upload: one attachment per file, with a CDN-like url. */
function withAttachments(message: APIMessage, files: readonly ReceivedFile[]): APIMessage {
  return {
    ...message,
    attachments: files.map((f, i) => ({
      id: `${message.id}${i}`,
      filename: f.filename,
      size: f.size,
      content_type: f.contentType,
      url: `https://cdn.discordapp.invalid/attachments/${message.channel_id}/${message.id}/${f.filename}`,
      proxy_url: `https://media.discordapp.invalid/attachments/${message.channel_id}/${message.id}/${f.filename}`,
    })),
  };
}
