/**
 * The REST pipeline, in Discord's order: injected failures, unknown routes, bot auth, the global limit,
 * the route bucket, then the route's handler. Every request is recorded and counted.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { FakeCore } from './core.ts';
import { ErrorCode, errorBody } from './errors.ts';
import { compileTemplate, decodePath, type ParsedBody, parseBody, readBody } from './http-util.ts';
import { bucketHeaders } from './ratelimit.ts';
import type { Ctx, InjectedResponse, Reply, RequestRecord, RouteDef } from './types.ts';
import { isRecord } from './validate.ts';

const RATE_LIMIT_MESSAGE = 'You are being rate limited.';

/** A route: `template` with `:name` parameters; bot auth unless `auth: false`. */
export function route(
  method: string,
  template: string,
  handler: (ctx: Ctx) => Reply,
  options: { auth?: boolean; exemptGlobal?: boolean; perChannelMessages?: boolean } = {},
): RouteDef {
  const { re, keys } = compileTemplate(template);
  return {
    method,
    template,
    re,
    keys,
    auth: options.auth ?? true,
    exemptGlobal: options.exemptGlobal ?? false,
    perChannelMessages: options.perChannelMessages ?? false,
    handler,
  };
}

/** Handles `/_fake/…` control requests (see control.ts). */
export type ControlHandler = (method: string, url: URL, raw: Buffer, res: ServerResponse) => Promise<void>;

/** The HTTP side of the fake: every request is recorded, then answered by `routes`. */
export function createRequestHandler(core: FakeCore, routes: readonly RouteDef[], control: ControlHandler) {
  return (req: IncomingMessage, res: ServerResponse): Promise<void> =>
    onRequest(core, routes, control, req, res);
}

async function onRequest(
  core: FakeCore,
  routes: readonly RouteDef[],
  control: ControlHandler,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const at = Date.now();
  const atMs = performance.now();
  const method = (req.method ?? 'GET').toUpperCase();
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const raw = await readBody(req);
  if (core.closed) {
    res.writeHead(503).end();
    return;
  }
  if (url.pathname.startsWith('/_fake/')) {
    await control(method, url, raw, res);
    return;
  }
  // `/c/<tag>/api/v10/…` (apiUrlFor): the same API, with the request recorded as the tagged client's.
  const versioned = /^(?:\/c\/([\w-]{1,32}))?\/api\/v(?:9|10)(\/.*)?$/.exec(url.pathname);
  const path = decodePath(versioned ? (versioned[2] ?? '/') : url.pathname);
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
    client: versioned?.[1] ?? null,
    query,
    route: null,
    status: 0,
    body: parsed.body,
    files: parsed.files,
    responseBody: undefined,
    auth,
    at,
    atMs,
    connection: connectionId(req),
    injected: false,
    rateLimited: null,
  };

  const reply = process(core, routes, record, parsed, versioned !== null, authHeader, url.searchParams);
  record.status = reply.status;
  record.responseBody = reply.body;
  count(core, record);
  if (record.dropped) {
    core.log(`${method} ${path} → connection closed (${record.dropped})`);
    core.emit('request', record);
    req.socket.destroy();
    return;
  }

  const headers: Record<string, string> = { ...(reply.headers ?? {}) };
  if (reply.body === undefined || reply.status === 204) {
    res.writeHead(reply.status, headers);
    res.end();
  } else {
    headers['Content-Type'] = 'application/json';
    res.writeHead(reply.status, headers);
    res.end(JSON.stringify(reply.body));
  }
  core.log(`${method} ${path} → ${reply.status}`);
  core.emit('request', record);
}

const connections = new WeakMap<object, number>();
let connectionCount = 0;

/** A number per TCP connection, in the order they were first used: tells a fresh connection. */
function connectionId(req: IncomingMessage): number {
  let id = connections.get(req.socket);
  if (id === undefined) {
    id = ++connectionCount;
    connections.set(req.socket, id);
  }
  return id;
}

function count(core: FakeCore, record: RequestRecord): void {
  core.requestSeq++;
  record.seq = core.requestSeq;
  core.requests.push(record);
  const max = core.options.maxRecords ?? 100_000;
  if (core.requests.length > max) core.requests.splice(0, core.requests.length - max);
  if (core.messageBodies.length > max) core.messageBodies.splice(0, core.messageBodies.length - max);
  const s = core.stats;
  s.requests++;
  s.byStatus[record.status] = (s.byStatus[record.status] ?? 0) + 1;
  if (record.status === 429) s.rateLimited++;
  if (record.status === 429 && record.rateLimited === 'global') s.globalRateLimited++;
  if (record.status === 401 || record.status === 403 || record.status === 429) s.invalidRequests++;
  if (record.injected) s.injected++;
  if (record.route === null) {
    s.unknownRoutes++;
    core.unknownRoutes.push(record);
  }
}

function process(
  core: FakeCore,
  routes: readonly RouteDef[],
  record: RequestRecord,
  parsed: ParsedBody,
  versioned: boolean,
  authHeader: string | undefined,
  query: URLSearchParams,
): Reply {
  // Limits count a request when it arrived (as Discord's edge does), not when this busy event loop
  // got round to reading its body.
  const now = record.at;
  const { method, path } = record;
  const match = versioned ? matchRoute(routes, method, path) : null;
  if (match?.route) record.route = `${match.route.method} ${match.route.template}`;
  const routeKey = match?.route ? `${match.route.method} ${match.route.template}` : `${method} ${path}`;
  const major = match?.route ? majorParameter(match.params) : 'global';
  const perChannel = match?.route?.perChannelMessages ?? false;

  // 1. Injected failures come first.
  const injected = takeInjected(core, method, path);
  if (injected) {
    record.injected = true;
    record.dropped = injected.dropConnection;
    if (injected.dropConnection === 'unhandled') return { status: 0 };
    if (!injected.dropConnection)
      return injectedReply(core, injected, routeKey, major, perChannel, now, record);
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
      typeof authHeader === 'string' && authHeader.startsWith('Bot ') && core.checkToken(authHeader).ok;
    if (!ok) return { status: 401, body: errorBody(0, 401) };
  }

  // 4. Global rate limit (interaction routes are exempt, as on Discord).
  if (!route.exemptGlobal) {
    const wait = core.limiter.takeGlobal(now);
    if (wait > 0) {
      record.rateLimited = 'global';
      return rateLimitReply(wait, true, 'global', null);
    }
  }

  // 5. Route bucket.
  const bucket = core.limiter.takeRoute(routeKey, major, perChannel, now);
  const limitHeaders = bucketHeaders(bucket, now);
  if (!bucket.ok) {
    record.rateLimited = 'route';
    return rateLimitReply(Math.max(1, bucket.resetAt - now), false, 'user', limitHeaders);
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

function matchRoute(
  routes: readonly RouteDef[],
  method: string,
  path: string,
): { route: RouteDef | null; params: Record<string, string>; methodMismatch: boolean } | null {
  let methodMismatch = false;
  for (const route of routes) {
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

function majorParameter(params: Record<string, string>): string {
  if (params.channel) return params.channel;
  if (params.guild) return params.guild;
  if (params.interaction) return params.interaction;
  if (params.token) return `${params.app ?? ''}/${params.token}`;
  return 'global';
}

function takeInjected(core: FakeCore, method: string, path: string): InjectedResponse | null {
  for (const entry of core.failures) {
    if (entry.match.method && entry.match.method.toUpperCase() !== method) continue;
    entry.match.path.lastIndex = 0;
    if (!entry.match.path.test(path)) continue;
    const next = entry.responses.shift();
    if (entry.responses.length === 0) core.failures.splice(core.failures.indexOf(entry), 1);
    if (!next) continue;
    entry.hits++;
    return next;
  }
  return null;
}

function injectedReply(
  core: FakeCore,
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
    const peek = core.limiter.peekRoute(routeKey, major, perChannel, now);
    const headers = global
      ? null
      : bucketHeaders({ ...peek, remaining: 0, resetAt: now + retryAfterMs }, now);
    const reply = rateLimitReply(retryAfterMs, global, scope, headers);
    if (injected.code !== undefined && isRecord(reply.body)) reply.body.code = injected.code;
    return reply;
  }
  const code = injected.code ?? 0;
  const headers = bucketHeaders(core.limiter.peekRoute(routeKey, major, perChannel, now), now);
  return { status: injected.status, body: errorBody(code, injected.status, injected.message), headers };
}

function rateLimitReply(
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
