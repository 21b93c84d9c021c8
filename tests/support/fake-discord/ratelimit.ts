/** Fixed-window rate limits with Discord's headers, so @discordjs/rest can pace itself. */
import { createHash } from 'node:crypto';

export interface WindowSpec {
  count: number;
  windowMs: number;
}

export interface RateLimitOptions {
  /** Requests per second across the bot (interaction callbacks and webhook routes are exempt). */
  globalPerSecond?: number;
  /** `POST /channels/:id/messages`, per channel (Discord: about 5 per 5 s). */
  perChannelMessages?: WindowSpec;
  /** Every other route bucket (per route and major parameter). Default 1000 per second. */
  defaultRoute?: WindowSpec;
}

export interface BucketState {
  limit: number;
  remaining: number;
  resetAt: number;
  hash: string;
}

class FixedWindow {
  resetAt = 0;
  remaining: number;
  constructor(readonly spec: WindowSpec) {
    this.remaining = spec.count;
  }
  private roll(now: number): void {
    if (now >= this.resetAt) {
      this.resetAt = now + this.spec.windowMs;
      this.remaining = this.spec.count;
    }
  }
  peek(now: number): { remaining: number; resetAt: number } {
    if (now >= this.resetAt) return { remaining: this.spec.count, resetAt: now + this.spec.windowMs };
    return { remaining: this.remaining, resetAt: this.resetAt };
  }
  take(now: number): boolean {
    this.roll(now);
    if (this.remaining <= 0) return false;
    this.remaining--;
    return true;
  }
}

export function bucketHash(key: string): string {
  return createHash('sha1').update(key).digest('hex').slice(0, 32);
}

export class RateLimiter {
  private globalWindow: FixedWindow | null = null;
  private readonly buckets = new Map<string, FixedWindow>();
  private options: RateLimitOptions = {};

  constructor(options: RateLimitOptions = {}) {
    this.configure(options);
  }

  configure(options: RateLimitOptions): void {
    this.options = { ...options };
    this.globalWindow = options.globalPerSecond
      ? new FixedWindow({ count: options.globalPerSecond, windowMs: 1000 })
      : null;
    this.buckets.clear();
  }

  get config(): RateLimitOptions {
    return this.options;
  }

  /** Returns ms to wait when over the global limit, else 0 (and counts the request). */
  takeGlobal(now: number): number {
    const w = this.globalWindow;
    if (!w) return 0;
    if (w.take(now)) return 0;
    return Math.max(1, w.resetAt - now);
  }

  private window(routeKey: string, major: string, perChannelMessages: boolean): FixedWindow {
    const key = `${routeKey}|${major}`;
    let w = this.buckets.get(key);
    if (!w) {
      const spec =
        perChannelMessages && this.options.perChannelMessages
          ? this.options.perChannelMessages
          : (this.options.defaultRoute ?? { count: 1000, windowMs: 1000 });
      w = new FixedWindow(spec);
      this.buckets.set(key, w);
    }
    return w;
  }

  /** Counts a request against its bucket; `ok: false` means answer 429. */
  takeRoute(
    routeKey: string,
    major: string,
    perChannelMessages: boolean,
    now: number,
  ): BucketState & { ok: boolean } {
    const w = this.window(routeKey, major, perChannelMessages);
    const ok = w.take(now);
    return {
      ok,
      limit: w.spec.count,
      remaining: Math.max(0, w.remaining),
      resetAt: w.resetAt,
      hash: bucketHash(routeKey),
    };
  }

  peekRoute(routeKey: string, major: string, perChannelMessages: boolean, now: number): BucketState {
    const w = this.window(routeKey, major, perChannelMessages);
    const p = w.peek(now);
    return { limit: w.spec.count, remaining: p.remaining, resetAt: p.resetAt, hash: bucketHash(routeKey) };
  }
}

export function bucketHeaders(state: BucketState, now: number): Record<string, string> {
  const resetAfter = Math.max(0, state.resetAt - now) / 1000;
  return {
    'X-RateLimit-Limit': String(state.limit),
    'X-RateLimit-Remaining': String(state.remaining),
    'X-RateLimit-Reset': (state.resetAt / 1000).toFixed(3),
    'X-RateLimit-Reset-After': resetAfter.toFixed(3),
    'X-RateLimit-Bucket': state.hash,
  };
}
