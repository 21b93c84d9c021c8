/** What a failed post means for the schedule. PURE. */

export type PostFailure =
  /** The channel is gone or closed to the bot: disable the schedule (retrying risks an IP ban). */
  | { kind: 'disable'; reason: string; status?: number; code?: number }
  /** Worth another attempt (5xx, 429 after the REST queue gave up, network, timeout). */
  | { kind: 'transient'; reason: string; status?: number; code?: number }
  /** Our request was refused for another reason (a bug, a bad token): log it, do not retry. */
  | { kind: 'permanent'; reason: string; status?: number; code?: number };

export const DISABLING_CODES: ReadonlyMap<number, string> = new Map([
  [50001, 'Missing Access'],
  [50013, 'Missing Permissions'],
  [10003, 'Unknown Channel'],
]);

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
  if (status === undefined || status === 429 || status >= 500) {
    return { kind: 'transient', reason: status ? `HTTP ${status}: ${message}` : message, ...base };
  }
  return { kind: 'permanent', reason: `HTTP ${status}${code ? ` (code ${code})` : ''}: ${message}`, ...base };
}
