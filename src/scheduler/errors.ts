/** What a failed post means for the schedule. PURE. */

export type PostFailure =
  /** The channel is gone or closed to the bot: disable the schedule (retrying risks an IP ban). */
  | { kind: 'disable'; reason: string; status?: number; code?: number }
  /**
   * Worth another attempt (5xx, 429 after the REST queue gave up, network, timeout). `reachedDiscord`:
   * `no` when the request certainly did not create a message (refused connection, unknown host, 429),
   * `maybe` when it may have (5xx, a connection lost mid-request, a timeout).
   */
  | { kind: 'transient'; reason: string; status?: number; code?: number; reachedDiscord: 'no' | 'maybe' }
  /** Our request was refused for another reason (a bug, a bad token): log it, do not retry. */
  | { kind: 'permanent'; reason: string; status?: number; code?: number };

export const DISABLING_CODES: ReadonlyMap<number, string> = new Map([
  [50001, 'Missing Access'],
  [50013, 'Missing Permissions'],
  [10003, 'Unknown Channel'],
]);

/** Network errors raised before a request is sent: Discord never saw it. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** The error code of a network error (undici puts it on the error or on its cause). */
function networkCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

export function classifyPostError(error: unknown): PostFailure {
  const e = (error ?? {}) as { status?: unknown; code?: unknown; message?: unknown; name?: unknown };
  const status = numberOf(e.status);
  const code = numberOf(e.code);
  const message = typeof e.message === 'string' && e.message ? e.message : String(error);
  const base = { status, code };
  const named = code !== undefined ? DISABLING_CODES.get(code) : undefined;
  if (named) return { kind: 'disable', reason: `${named} (Discord error ${code})`, ...base };
  if (status === 403)
    return { kind: 'disable', reason: `Forbidden (HTTP 403${code ? `, code ${code}` : ''})`, ...base };
  if (status === 429)
    return { kind: 'transient', reason: `HTTP 429: ${message}`, reachedDiscord: 'no', ...base };
  if (status !== undefined && status >= 500)
    return { kind: 'transient', reason: `HTTP ${status}: ${message}`, reachedDiscord: 'maybe', ...base };
  if (status === undefined) {
    const net = networkCode(error);
    const reachedDiscord = net !== undefined && NOT_SENT_CODES.has(net) ? 'no' : 'maybe';
    return { kind: 'transient', reason: `Discord unreachable: ${message}`, reachedDiscord, ...base };
  }
  return { kind: 'permanent', reason: `HTTP ${status}${code ? ` (code ${code})` : ''}: ${message}`, ...base };
}
