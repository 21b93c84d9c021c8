/**
 * Every REST request of the process goes through here (discord.js's `makeRequest` hook, below its
 * route queues and retries): scheduled posts, interaction follow-ups and edits, registration,
 * permission look-ups. Two jobs:
 *
 * - PACING: one pacer for Discord's global limit (50 requests per second per bot): each request,
 *   retries included, waits for a slot. Interaction callbacks are exempt, as on Discord, and must
 *   meet their 3-second deadline, so they never queue here. A request whose timeout fires while it
 *   waits leaves the queue (discord.js then retries it).
 * - REACHABILITY: a failed connection or a gateway error (502/503/504) marks Discord unreachable,
 *   the next answer marks it reachable again; each change is logged once, not once per request.
 * - OBSERVING (optional): each answer (status, headers) is handed to `observe`, where the operator's
 *   counters (429s, invalid requests, first interaction responses) are kept.
 */
import { DefaultRestOptions, type RESTOptions } from 'discord.js';
import { type Clock, systemClock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { Pacer } from '../scheduler/pacing.ts';
import { sendOnce } from '../scheduler/rest-poster.ts';

type MakeRequest = RESTOptions['makeRequest'];

/** One REST request, once answered or failed (what the metrics count; never the token or user text). */
export interface RestResponseEvent {
  url: string;
  method: string;
  /** undefined: no answer (a network failure or an abort). */
  status: number | undefined;
  /** Response headers (rate limit scope and bucket), when answered. */
  header(name: string): string | null;
  /** The body sent when it is JSON text (an interaction callback's type is there), else undefined. */
  body: string | undefined;
  /** performance.now() when the answer arrived. */
  at: number;
}

export type RestObserver = (event: RestResponseEvent) => void;

const CALLBACK_URL =
  /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*(?:\/[^?#]*)?\/interactions\/\d+\/[^/?#]+\/callback(?:[?#]|$)/;

/**
 * `POST /interactions/:id/:token/callback`: exempt from the global limit. Read from the URL's text
 * (scheme and host, then the path up to a query or fragment): every REST request asks, and parsing a
 * URL cost more than the rest of the check.
 */
export function isInteractionCallback(url: string): boolean {
  return CALLBACK_URL.test(url);
}

const GATEWAY_ERRORS = new Set([502, 503, 504]);

/** Logs Discord becoming unreachable and reachable again, once per change. */
export class Reachability {
  private downSince: number | undefined;
  private failures = 0;

  constructor(
    private readonly logger: Logger,
    private readonly clock: Clock = systemClock,
  ) {}

  get reachable(): boolean {
    return this.downSince === undefined;
  }

  failed(why: string): void {
    this.failures++;
    if (this.downSince !== undefined) return;
    this.downSince = this.clock.now().getTime();
    this.logger.warn(
      { reason: why },
      `Discord unreachable (${why}); scheduled posts are retried until their catch-up window, interactions cannot be answered meanwhile`,
    );
  }

  answered(): void {
    if (this.downSince === undefined) return;
    const seconds = Math.round((this.clock.now().getTime() - this.downSince) / 1000);
    this.logger.info(
      { downForSeconds: seconds, failedRequests: this.failures },
      `Discord reachable again after ${seconds} s (${this.failures} request(s) failed meanwhile)`,
    );
    this.downSince = undefined;
    this.failures = 0;
  }
}

const describeError = (error: unknown): string => {
  const e = error as { message?: unknown; cause?: { message?: unknown } };
  const cause = typeof e?.cause?.message === 'string' ? `: ${e.cause.message}` : '';
  return `${typeof e?.message === 'string' ? e.message : String(error)}${cause}`;
};

export interface PacedRequestOptions {
  /** The process's request pacer (read per request, so it may be set after the client exists). */
  pacer: () => Pacer | undefined;
  reachability?: Reachability;
  /** The transport underneath (default: discord.js's own). */
  inner?: MakeRequest;
  observe?: RestObserver | undefined;
}

function observed(
  url: string,
  init: Parameters<MakeRequest>[1],
  response: { status: number; headers: { get(name: string): string | null } } | undefined,
): RestResponseEvent {
  return {
    url,
    method: init.method ?? 'GET',
    status: response?.status,
    header: (name) => response?.headers.get(name) ?? null,
    body: typeof init.body === 'string' ? init.body : undefined,
    at: performance.now(),
  };
}

/** discord.js's `makeRequest`, paced and watched. */
export function pacedMakeRequest(opts: PacedRequestOptions): MakeRequest {
  // Forum posts have no nonce: the REST queue must not resend them on its own (rest-poster.ts).
  const inner = sendOnce(opts.inner ?? DefaultRestOptions.makeRequest);
  return async (url, init) => {
    const signal = (init.signal ?? undefined) as AbortSignal | undefined;
    if (!isInteractionCallback(url)) await opts.pacer()?.acquire(signal);
    try {
      const response = await inner(url, init);
      if (GATEWAY_ERRORS.has(response.status)) opts.reachability?.failed(`HTTP ${response.status}`);
      else opts.reachability?.answered();
      opts.observe?.(observed(url, init, response));
      return response;
    } catch (error) {
      if ((error as { name?: unknown }).name !== 'AbortError')
        opts.reachability?.failed(describeError(error));
      opts.observe?.(observed(url, init, undefined));
      throw error;
    }
  };
}

/**
 * The REST options of every client of the bot (discord.js's Client, or a bare REST such as the
 * bench's): two retries for 5xx and resets inside the REST queue (the scheduler retries beyond them),
 * requests paced and watched as above.
 */
export function pacedRestOptions(o: {
  apiUrl?: string | undefined;
  pacer: () => Pacer | undefined;
  logger?: Logger;
  observe?: RestObserver | undefined;
}): Partial<RESTOptions> {
  return {
    retries: 2,
    // `api: undefined` would replace discord.js's default URL, so the key is set only when given.
    ...(o.apiUrl ? { api: o.apiUrl } : {}),
    makeRequest: pacedMakeRequest({
      pacer: o.pacer,
      reachability: o.logger ? new Reachability(o.logger) : undefined,
      observe: o.observe,
    }),
    // Our pacer is the global limit; discord.js's own fixed-window count would also count requests
    // still waiting in it. A global 429 from Discord is still honoured by discord.js.
    globalRequestsPerSecond: 1_000,
  };
}
