/**
 * Fetching for curation (articles, feeds, attachments) with every limit a bot that fetches what users
 * paste needs: an overall timeout, a size cap (counted while reading, not trusted from headers), a
 * capped number of redirects each re-checked, only the content types asked for, and no connection to
 * an address url-safety.ts refuses. The connection is pinned: the addresses checked are the ones the
 * socket connects to (the agent's `lookup` resolves, checks and hands over the same answer), so a
 * name cannot be re-pointed between the check and the connect (DNS rebinding).
 */

import type { LookupAddress } from 'node:dns';
import { lookup as dnsLookup } from 'node:dns/promises';
import { Agent, request } from 'undici';
import { CurationError } from './errors.ts';
import {
  type AllowedHosts,
  checkLiteralHost,
  parseFetchableUrl,
  type Resolver,
  resolveChecked,
} from './url-safety.ts';

export interface FetchLimits {
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
}

export const DEFAULT_FETCH_LIMITS: FetchLimits = {
  timeoutMs: 15_000,
  maxBytes: 2 * 1024 * 1024,
  maxRedirects: 5,
};

export interface FetchRequest {
  /** Media types accepted (`text/html`, `text/plain`, …); anything else is refused. */
  accept: readonly string[];
  /** Conditional request (feeds): a 304 answer comes back as `notModified`. */
  etag?: string | undefined;
  lastModified?: string | undefined;
}

export type Fetched =
  | {
      notModified: false;
      /** Where the text came from after redirects. */
      url: string;
      contentType: string;
      text: string;
      bytes: number;
      etag: string | undefined;
      lastModified: string | undefined;
    }
  | { notModified: true; url: string; etag: string | undefined; lastModified: string | undefined };

export interface SafeFetcher {
  fetchText(url: string, req: FetchRequest): Promise<Fetched>;
  close(): Promise<void>;
}

export interface SafeFetchOptions {
  allowed: AllowedHosts;
  /** Default: the system resolver (getaddrinfo, so /etc/hosts counts), every address. */
  resolver?: Resolver;
  limits?: Partial<FetchLimits>;
  userAgent?: string;
}

export const systemResolver: Resolver = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => ({
    address: a.address,
    family: a.family === 6 ? 6 : 4,
  }));

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Stops reading a body we refuse; the abort it causes is expected, not an error to report. */
function discard(body: { on(event: 'error', fn: () => void): unknown; destroy(): unknown }): void {
  body.on('error', () => undefined);
  body.destroy();
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The CurationError somewhere in an error's cause chain (undici wraps socket errors). */
function curationCause(error: unknown): CurationError | undefined {
  let e: unknown = error;
  for (let depth = 0; depth < 5 && e; depth++) {
    if (e instanceof CurationError) return e;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function isTimeout(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? '';
  const name = (error as { name?: string }).name ?? '';
  return (
    name === 'AbortError' ||
    code === 'UND_ERR_ABORTED' ||
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT' ||
    code === 'UND_ERR_CONNECT_TIMEOUT'
  );
}

/** The charset a response declares (header first, then a <meta> in the first bytes of HTML). */
function charsetOf(contentType: string, head: Uint8Array): string {
  const fromHeader = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType)?.[1];
  if (fromHeader) return fromHeader;
  const start = new TextDecoder('latin1').decode(head.subarray(0, 2048));
  return /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(start)?.[1] ?? 'utf-8';
}

function decode(bytes: Uint8Array, contentType: string): string {
  try {
    return new TextDecoder(charsetOf(contentType, bytes)).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

export function createSafeFetcher(options: SafeFetchOptions): SafeFetcher {
  const limits = { ...DEFAULT_FETCH_LIMITS, ...options.limits };
  const resolver = options.resolver ?? systemResolver;
  const { allowed } = options;

  // Called by net/tls connect for every name: resolve, check every address, connect to those.
  const pinnedLookup = (hostname: string, lookupOptions: { all?: boolean }, callback: LookupCallback) => {
    resolveChecked(hostname, resolver, allowed).then(
      (addresses) => {
        if (lookupOptions.all) callback(null, addresses);
        else callback(null, addresses[0]?.address ?? '', addresses[0]?.family ?? 4);
      },
      (error: NodeJS.ErrnoException) => callback(error, ''),
    );
  };
  const agent = new Agent({
    connect: { lookup: pinnedLookup as never, timeout: limits.timeoutMs },
    headersTimeout: limits.timeoutMs,
    bodyTimeout: limits.timeoutMs,
    keepAliveTimeout: 4_000,
  });
  const userAgent = options.userAgent ?? 'briefbot-curation/1 (+self-hosted Discord bot)';

  async function fetchText(input: string, req: FetchRequest): Promise<Fetched> {
    let url = parseFetchableUrl(input);
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), limits.timeoutMs);
    timer.unref();
    try {
      for (let hop = 0; ; hop++) {
        checkLiteralHost(url, allowed);
        const headers: Record<string, string> = {
          'user-agent': userAgent,
          accept: `${req.accept.join(', ')};q=1, */*;q=0.1`,
        };
        if (req.etag) headers['if-none-match'] = req.etag;
        if (req.lastModified) headers['if-modified-since'] = req.lastModified;
        const res = await request(url, {
          method: 'GET',
          headers,
          dispatcher: agent,
          signal: abort.signal,
        });
        const location = headerValue(res.headers.location);
        if (REDIRECTS.has(res.statusCode) && location) {
          await res.body.dump().catch(() => undefined);
          if (hop >= limits.maxRedirects)
            throw new CurationError({ code: 'fetch-redirects', url: input, max: limits.maxRedirects });
          let next: URL;
          try {
            next = new URL(location, url);
          } catch {
            throw new CurationError({ code: 'fetch-failed', url: url.href, reason: 'a broken redirect' });
          }
          url = parseFetchableUrl(next.href);
          continue;
        }
        const etag = headerValue(res.headers.etag);
        const lastModified = headerValue(res.headers['last-modified']);
        if (res.statusCode === 304 && (req.etag || req.lastModified)) {
          await res.body.dump().catch(() => undefined);
          return {
            notModified: true,
            url: url.href,
            etag: etag ?? req.etag,
            lastModified: lastModified ?? req.lastModified,
          };
        }
        if (res.statusCode !== 200) {
          await res.body.dump().catch(() => undefined);
          throw new CurationError({ code: 'fetch-status', url: url.href, status: res.statusCode });
        }
        const contentType = headerValue(res.headers['content-type']) ?? '';
        const media = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
        if (!req.accept.includes(media)) {
          discard(res.body);
          throw new CurationError({
            code: 'fetch-type',
            url: url.href,
            contentType: media || '(none)',
            expected: req.accept,
          });
        }
        const declared = Number(headerValue(res.headers['content-length']));
        if (Number.isFinite(declared) && declared > limits.maxBytes) {
          discard(res.body);
          throw new CurationError({ code: 'fetch-too-large', url: url.href, limitBytes: limits.maxBytes });
        }
        const chunks: Buffer[] = [];
        let bytes = 0;
        for await (const chunk of res.body) {
          bytes += (chunk as Buffer).length;
          if (bytes > limits.maxBytes) {
            discard(res.body);
            throw new CurationError({ code: 'fetch-too-large', url: url.href, limitBytes: limits.maxBytes });
          }
          chunks.push(chunk as Buffer);
        }
        const body = Buffer.concat(chunks);
        return {
          notModified: false,
          url: url.href,
          contentType: media,
          text: decode(body, contentType),
          bytes,
          etag,
          lastModified,
        };
      }
    } catch (error) {
      const refused = curationCause(error);
      if (refused) throw refused;
      if (abort.signal.aborted || isTimeout(error))
        throw new CurationError({
          code: 'fetch-timeout',
          url: input,
          seconds: Math.round(limits.timeoutMs / 1000),
        });
      const code = (error as { code?: string }).code;
      throw new CurationError({
        code: 'fetch-failed',
        url: url.href,
        reason: code ?? (error instanceof Error ? error.message : String(error)),
      });
    } finally {
      clearTimeout(timer);
    }
  }

  return { fetchText, close: () => agent.close() };
}
