/**
 * The fake gateway: HELLO → IDENTIFY → READY (+ GUILD_CREATE per owned guild), heartbeats,
 * RESUME with replay, INVALID_SESSION, sequence numbers, zlib-stream if asked for.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import zlib from 'node:zlib';
import {
  GatewayCloseCodes,
  GatewayDispatchEvents,
  type GatewayIdentifyData,
  GatewayIntentBits,
  GatewayOpcodes,
  type GatewayResumeData,
} from 'discord-api-types/v10';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import { makeSessionId, shardForGuild } from './snowflake.ts';

export const PRIVILEGED_INTENTS =
  GatewayIntentBits.GuildMembers | GatewayIntentBits.GuildPresences | GatewayIntentBits.MessageContent;

/** Close codes after which Discord does not let the session be resumed. */
const NON_RESUMABLE_CODES = new Set<number>([
  1000,
  1001,
  GatewayCloseCodes.InvalidSeq,
  GatewayCloseCodes.SessionTimedOut,
  GatewayCloseCodes.AuthenticationFailed,
  GatewayCloseCodes.InvalidShard,
  GatewayCloseCodes.ShardingRequired,
  GatewayCloseCodes.InvalidAPIVersion,
  GatewayCloseCodes.InvalidIntents,
  GatewayCloseCodes.DisallowedIntents,
]);

const MAX_REPLAY = 5000;

export interface BufferedDispatch {
  s: number;
  t: string;
  d: unknown;
}

export interface GatewaySession {
  readonly id: string;
  readonly shard: readonly [number, number];
  readonly intents: number;
  /** Last sequence number sent (or buffered) on this session. */
  seq: number;
  readonly buffer: BufferedDispatch[];
  connection: GatewayConnection | null;
  /** `active`: alive or resumable; `ended`: closed normally or invalidated. */
  state: 'active' | 'ended';
  readonly identifiedAt: number;
  resumes: number;
}

/** What a test sees about each IDENTIFY (the token itself is never stored). */
export interface IdentifyRecord {
  at: number;
  sessionId: string | null;
  shard: [number, number];
  intents: number;
  tokenFingerprint: string;
  tokenMatches: boolean;
  properties: unknown;
  compress: boolean;
  largeThreshold: number | undefined;
  presence: unknown;
  /** Close code if the IDENTIFY was refused. */
  refusedWith: number | null;
  /** `shard_id % max_concurrency`. */
  bucket: number;
  /** It came within 5 s of the last accepted IDENTIFY of its bucket (refused with op 9 when enforced). */
  tooSoon: boolean;
}

export interface ResumeRecord {
  at: number;
  sessionId: string;
  seq: number;
  replayed: number;
  accepted: boolean;
}

export interface GatewayHost {
  heartbeatIntervalMs(): number;
  resumeUrl(): string;
  /** Whether this token is acceptable; also returns a fingerprint for the records. */
  checkToken(token: unknown): { ok: boolean; fingerprint: string };
  allowedPrivilegedIntents(): number;
  /** `max_concurrency`, and whether an IDENTIFY too soon in its bucket is refused. */
  identifyConcurrency(): { maxConcurrency: number; enforce: boolean };
  /** READY payload `d` for a fresh session. */
  readyData(session: GatewaySession): unknown;
  /** GUILD_CREATE payloads for the guilds that session owns. */
  guildCreates(session: GatewaySession): unknown[];
  onIdentify(record: IdentifyRecord): void;
  onResume(record: ResumeRecord): void;
  onSessionEnded(session: GatewaySession, code: number): void;
  debug(message: string): void;
}

/** Discord's window per identify bucket. */
const IDENTIFY_WINDOW_MS = 5_000;

let nextConnectionId = 1;

export class GatewayConnection {
  readonly id = nextConnectionId++;
  session: GatewaySession | null = null;
  heartbeats = 0;
  lastHeartbeatAt = 0;
  readonly openedAt = Date.now();
  closed = false;
  private readonly deflate: zlib.Deflate | null;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    readonly ws: WebSocket,
    readonly compress: boolean,
  ) {
    this.deflate = compress ? zlib.createDeflate() : null;
  }

  send(payload: unknown): void {
    if (this.closed) return;
    const text = JSON.stringify(payload);
    const deflate = this.deflate;
    if (!deflate) {
      this.ws.send(text);
      return;
    }
    // zlib-stream: one shared deflate context, each payload ends with a Z_SYNC_FLUSH (00 00 ff ff).
    this.chain = this.chain.then(
      () =>
        new Promise<void>((resolve) => {
          deflate.write(text);
          deflate.flush(zlib.constants.Z_SYNC_FLUSH, () => {
            const chunks: Buffer[] = [];
            for (
              let chunk = deflate.read() as Buffer | null;
              chunk !== null;
              chunk = deflate.read() as Buffer | null
            ) {
              chunks.push(chunk);
            }
            if (!this.closed) this.ws.send(Buffer.concat(chunks));
            resolve();
          });
        }),
    );
  }

  dispose(): void {
    this.closed = true;
    this.deflate?.close();
  }
}

export class FakeGateway {
  readonly wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  readonly sessions = new Map<string, GatewaySession>();
  readonly connections = new Set<GatewayConnection>();
  heartbeatAcksPaused = false;
  /** Per identify bucket, when its last IDENTIFY was accepted. */
  private readonly lastIdentifyAt = new Map<number, number>();

  constructor(private readonly host: GatewayHost) {}

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'ws://127.0.0.1');
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const conn = new GatewayConnection(ws, url.searchParams.get('compress') === 'zlib-stream');
      this.connections.add(conn);
      ws.on('message', (data, isBinary) => this.onMessage(conn, data, isBinary));
      ws.on('close', (code) => this.onClose(conn, code));
      ws.on('error', () => {});
      const version = url.searchParams.get('v');
      const encoding = url.searchParams.get('encoding') ?? 'json';
      if (version !== null && version !== '10' && version !== '9') {
        ws.close(GatewayCloseCodes.InvalidAPIVersion, 'Invalid API version');
        return;
      }
      if (encoding !== 'json') {
        ws.close(GatewayCloseCodes.DecodeError, 'The fake gateway only speaks JSON');
        return;
      }
      conn.send({
        op: GatewayOpcodes.Hello,
        d: { heartbeat_interval: this.host.heartbeatIntervalMs() },
        s: null,
        t: null,
      });
    });
  }

  /** Sessions that currently own a guild (by Discord's shard rule), newest first. */
  sessionsForGuild(guildId: string): GatewaySession[] {
    return this.activeSessions().filter((s) => shardForGuild(guildId, s.shard[1]) === s.shard[0]);
  }

  sessionsForShard(shardId: number): GatewaySession[] {
    return this.activeSessions().filter((s) => s.shard[0] === shardId);
  }

  activeSessions(): GatewaySession[] {
    return [...this.sessions.values()]
      .filter((s) => s.state === 'active')
      .sort((a, b) => b.identifiedAt - a.identifiedAt);
  }

  /**
   * Queue a dispatch on a session: sent now if connected, replayed on RESUME otherwise.
   * Returns the sequence number it got.
   */
  dispatch(session: GatewaySession, t: string, d: unknown): number {
    session.seq += 1;
    const event: BufferedDispatch = { s: session.seq, t, d };
    session.buffer.push(event);
    if (session.buffer.length > MAX_REPLAY) session.buffer.splice(0, session.buffer.length - MAX_REPLAY);
    session.connection?.send({ op: GatewayOpcodes.Dispatch, t, s: event.s, d });
    return event.s;
  }

  /** Close sockets (all, or one shard's). 1006 means an abnormal drop (socket terminated). */
  drop(code: number, options: { shardId?: number; invalidateSession?: boolean } = {}): number {
    let dropped = 0;
    for (const conn of [...this.connections]) {
      if (options.shardId !== undefined && conn.session?.shard[0] !== options.shardId) continue;
      const session = conn.session;
      if (session && (options.invalidateSession ?? NON_RESUMABLE_CODES.has(code)))
        this.endSession(session, code);
      this.closeConnection(conn, code);
      dropped++;
    }
    return dropped;
  }

  /** Make every (or one shard's) session non-resumable: the next RESUME gets op 9 `false`. */
  invalidateSessions(shardId?: number): number {
    let n = 0;
    for (const session of this.activeSessions()) {
      if (shardId !== undefined && session.shard[0] !== shardId) continue;
      this.endSession(session, GatewayCloseCodes.SessionTimedOut);
      n++;
    }
    return n;
  }

  /** Send op 7 RECONNECT (the client closes and resumes). */
  requestReconnect(shardId?: number): void {
    for (const conn of this.connections) {
      if (shardId !== undefined && conn.session?.shard[0] !== shardId) continue;
      conn.send({ op: GatewayOpcodes.Reconnect, d: null, s: null, t: null });
    }
  }

  close(): void {
    for (const conn of [...this.connections]) this.closeConnection(conn, 1001);
    for (const session of this.sessions.values()) session.state = 'ended';
    this.wss.close();
  }

  private closeConnection(conn: GatewayConnection, code: number): void {
    this.connections.delete(conn);
    if (conn.session?.connection === conn) conn.session.connection = null;
    conn.dispose();
    if (code === 1006 || code === 1005 || code === 1015) {
      conn.ws.terminate();
    } else {
      try {
        conn.ws.close(code, `fake gateway closed the connection (${code})`);
      } catch {
        conn.ws.terminate();
      }
      // Don't wait forever for the client's close frame.
      setTimeout(() => conn.ws.terminate(), 1000).unref();
    }
  }

  private endSession(session: GatewaySession, code: number): void {
    if (session.state === 'ended') return;
    session.state = 'ended';
    this.host.onSessionEnded(session, code);
  }

  private onClose(conn: GatewayConnection, code: number): void {
    const wasTracked = this.connections.delete(conn);
    conn.dispose();
    const session = conn.session;
    if (!session) return;
    if (session.connection === conn) session.connection = null;
    // A client that closes with 1000/1001 ends its session (Discord does the same).
    if (wasTracked && (code === 1000 || code === 1001)) this.endSession(session, code);
  }

  private onMessage(conn: GatewayConnection, data: RawData, isBinary: boolean): void {
    if (conn.closed) return;
    let payload: { op?: unknown; d?: unknown };
    try {
      const text = isBinary ? Buffer.from(data as Buffer).toString('utf8') : data.toString();
      payload = JSON.parse(text) as { op?: unknown; d?: unknown };
    } catch {
      this.closeConnection(conn, GatewayCloseCodes.DecodeError);
      return;
    }
    switch (payload.op) {
      case GatewayOpcodes.Heartbeat: {
        conn.heartbeats++;
        conn.lastHeartbeatAt = Date.now();
        if (!this.heartbeatAcksPaused)
          conn.send({ op: GatewayOpcodes.HeartbeatAck, d: null, s: null, t: null });
        return;
      }
      case GatewayOpcodes.Identify:
        this.onIdentify(conn, payload.d as GatewayIdentifyData);
        return;
      case GatewayOpcodes.Resume:
        this.onResume(conn, payload.d as GatewayResumeData);
        return;
      case GatewayOpcodes.PresenceUpdate:
      case GatewayOpcodes.VoiceStateUpdate:
      case GatewayOpcodes.RequestGuildMembers:
      case GatewayOpcodes.RequestSoundboardSounds:
        if (!conn.session) this.closeConnection(conn, GatewayCloseCodes.NotAuthenticated);
        return;
      default:
        this.closeConnection(conn, GatewayCloseCodes.UnknownOpcode);
    }
  }

  private onIdentify(conn: GatewayConnection, d: GatewayIdentifyData | undefined): void {
    const shard: [number, number] = Array.isArray(d?.shard)
      ? [Number(d.shard[0]), Number(d.shard[1])]
      : [0, 1];
    const token = this.host.checkToken(d?.token);
    const intents = typeof d?.intents === 'number' ? d.intents : Number.NaN;
    const { maxConcurrency, enforce } = this.host.identifyConcurrency();
    const bucket = (Number.isInteger(shard[0]) ? shard[0] : 0) % Math.max(1, maxConcurrency);
    const now = Date.now();
    const tooSoon = now - (this.lastIdentifyAt.get(bucket) ?? Number.NEGATIVE_INFINITY) < IDENTIFY_WINDOW_MS;
    const record: IdentifyRecord = {
      at: Date.now(),
      sessionId: null,
      shard,
      intents,
      tokenFingerprint: token.fingerprint,
      tokenMatches: token.ok,
      properties: d?.properties,
      compress: d?.compress === true,
      largeThreshold: d?.large_threshold,
      presence: d?.presence,
      refusedWith: null,
      bucket,
      tooSoon,
    };
    const refusal = this.identifyRefusal(conn, token.ok, shard, intents);
    if (refusal) {
      record.refusedWith = refusal.code;
      this.host.onIdentify(record);
      this.host.debug(`IDENTIFY refused with ${refusal.code}: ${refusal.reason}`);
      this.closeConnection(conn, refusal.code);
      return;
    }
    if (tooSoon && enforce) {
      // Discord's answer to an IDENTIFY over the bucket's budget: op 9, not resumable.
      record.refusedWith = GatewayOpcodes.InvalidSession;
      this.host.onIdentify(record);
      this.host.debug(`IDENTIFY shard ${shard[0]} refused: bucket ${bucket} identified < 5 s ago`);
      conn.send({ op: GatewayOpcodes.InvalidSession, d: false, s: null, t: null });
      return;
    }
    this.lastIdentifyAt.set(bucket, now);
    const session: GatewaySession = {
      id: makeSessionId(),
      shard,
      intents,
      seq: 0,
      buffer: [],
      connection: conn,
      state: 'active',
      identifiedAt: performance.now(),
      resumes: 0,
    };
    this.sessions.set(session.id, session);
    conn.session = session;
    record.sessionId = session.id;
    this.host.onIdentify(record);
    this.dispatch(session, GatewayDispatchEvents.Ready, this.host.readyData(session));
    for (const guild of this.host.guildCreates(session))
      this.dispatch(session, GatewayDispatchEvents.GuildCreate, guild);
  }

  private identifyRefusal(
    conn: GatewayConnection,
    tokenOk: boolean,
    shard: [number, number],
    intents: number,
  ): { code: number; reason: string } | null {
    if (conn.session)
      return { code: GatewayCloseCodes.AlreadyAuthenticated, reason: 'already authenticated' };
    if (!tokenOk) return { code: GatewayCloseCodes.AuthenticationFailed, reason: 'bad token' };
    const [id, count] = shard;
    if (!Number.isInteger(id) || !Number.isInteger(count) || count < 1 || id < 0 || id >= count) {
      return { code: GatewayCloseCodes.InvalidShard, reason: 'invalid shard' };
    }
    if (!Number.isInteger(intents) || intents < 0)
      return { code: GatewayCloseCodes.InvalidIntents, reason: 'invalid intents' };
    if ((intents & PRIVILEGED_INTENTS & ~this.host.allowedPrivilegedIntents()) !== 0) {
      return { code: GatewayCloseCodes.DisallowedIntents, reason: 'privileged intents not enabled' };
    }
    return null;
  }

  private onResume(conn: GatewayConnection, d: GatewayResumeData | undefined): void {
    const session = d ? this.sessions.get(d.session_id) : undefined;
    const seq = typeof d?.seq === 'number' ? d.seq : 0;
    const token = this.host.checkToken(d?.token);
    const oldest = session?.buffer[0]?.s ?? (session ? session.seq + 1 : 0);
    const ok =
      session !== undefined &&
      session.state === 'active' &&
      token.ok &&
      !conn.session &&
      seq <= session.seq &&
      seq >= oldest - 1;
    if (!ok || !session) {
      this.host.onResume({
        at: Date.now(),
        sessionId: d?.session_id ?? '',
        seq,
        replayed: 0,
        accepted: false,
      });
      conn.send({ op: GatewayOpcodes.InvalidSession, d: false, s: null, t: null });
      return;
    }
    const previous = session.connection;
    if (previous && previous !== conn) this.closeConnection(previous, GatewayCloseCodes.SessionTimedOut);
    session.connection = conn;
    session.resumes++;
    conn.session = session;
    const missed = session.buffer.filter((event) => event.s > seq);
    for (const event of missed)
      conn.send({ op: GatewayOpcodes.Dispatch, t: event.t, s: event.s, d: event.d });
    this.dispatch(session, GatewayDispatchEvents.Resumed, { _trace: ['fake-discord'] });
    this.host.onResume({
      at: Date.now(),
      sessionId: session.id,
      seq,
      replayed: missed.length,
      accepted: true,
    });
  }
}
