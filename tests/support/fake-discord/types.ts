/** The fake Discord's public record and option types, and the internal shapes its areas share. */
import type { APIInteraction, APIMessage, InteractionResponseType } from 'discord-api-types/v10';
import type { ReceivedFile } from './http-util.ts';
import type { FakeGuildSpec } from './model.ts';
import type { RateLimitOptions } from './ratelimit.ts';

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
  /**
   * Refuse an IDENTIFY that comes within 5 s of the last accepted one in its bucket
   * (`shard_id % max_concurrency`), as Discord does: op 9 Invalid Session instead of READY. Every
   * IDENTIFY records its bucket and whether it came too soon either way. Default false.
   */
  enforceIdentifyConcurrency?: boolean;
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
  /** The tag of the API URL the client was given (`apiUrlFor(tag)`); null for `apiUrl`. */
  client: string | null;
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
  /** Which TCP connection carried it (numbered in order of first use). */
  connection?: number;
  injected: boolean;
  rateLimited: 'global' | 'route' | null;
  /** The connection was closed instead of answering (an injected `dropConnection`). */
  dropped?: 'unhandled' | 'handled';
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

export type InteractionKind = 'chatInput' | 'autocomplete' | 'button' | 'stringSelect' | 'modalSubmit';

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
  /** Ignored when `dropConnection` is set. */
  status: number;
  /**
   * Close the connection instead of answering, as a server does with a keep-alive socket it had
   * already closed: `unhandled` — the request never takes effect (the client sees "other side
   * closed"); `handled` — it takes effect, then the connection closes before the answer is sent.
   */
  dropConnection?: 'unhandled' | 'handled';
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
  /** Messages published to following channels (each at most once). */
  crossposts: number;
}

export interface ShardInfo {
  sessionId: string;
  shard: [number, number];
  intents: number;
  connected: boolean;
  seq: number;
  resumes: number;
}

// Internal shapes shared by the fake's areas.

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Ctx {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  files: ReceivedFile[];
  at: number;
  atMs: number;
}

export interface RouteDef {
  method: string;
  template: string;
  re: RegExp;
  keys: string[];
  auth: boolean;
  exemptGlobal: boolean;
  perChannelMessages: boolean;
  handler: (ctx: Ctx) => Reply;
}

export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: Error): void;
  settled: boolean;
}

export interface InteractionState {
  record: InteractionRecord;
  sourceMessageId: string | null;
  acknowledged: boolean;
  callback: Deferred<CallbackRecord>;
  firstEdit: Deferred<{ message: APIMessage; atMs: number }>;
  timer: NodeJS.Timeout | null;
}
