/**
 * Pacing of sends under Discord's global limit.
 *
 * A sliding window: at most `limit` starts in any `windowMs` interval (40 per 1000 ms by default), which
 * bounds every fixed window Discord may count in; plus even spacing, so there are no bursts at window
 * edges. Per channel, a second sliding window (5 per 5 s, with a margin) keeps the REST queue from ever
 * holding a request back — a request it holds would go out later, unpaced. The math is pure; Pacer
 * applies it with injected time so tests can drive it.
 */

export interface PacingWindow {
  limit: number;
  windowMs: number;
}

/** 40/s → 40 per 1000 ms; 2.5/s → 2 per 800 ms. */
export function pacingWindow(ratePerSecond: number): PacingWindow {
  if (!Number.isFinite(ratePerSecond) || ratePerSecond <= 0) {
    throw new RangeError(`sendsPerSecond must be a positive number (got ${ratePerSecond})`);
  }
  const limit = Math.max(1, Math.floor(ratePerSecond));
  return { limit, windowMs: (1000 * limit) / ratePerSecond };
}

/**
 * When the next send may start: never more than `limit` starts in any `windowMs` (the hard guarantee,
 * from the actual start times), and — when `spacingMs` is given — not sooner than `spacingMs` after the
 * previous *scheduled* slot, so sends are spread evenly instead of bursting at window edges (a burst
 * that arrives with network jitter could land in one of Discord's fixed windows twice). Spacing from
 * the scheduled slot, not the actual start, means a late timer does not lower the long-run rate.
 */
export function nextStartAt(
  history: readonly number[],
  now: number,
  w: PacingWindow,
  previousSlot = Number.NEGATIVE_INFINITY,
  spacingMs = 0,
): number {
  let at = Math.max(now, previousSlot + spacingMs);
  if (history.length >= w.limit) {
    const oldest = history[history.length - w.limit] ?? Number.NEGATIVE_INFINITY;
    at = Math.max(at, oldest + w.windowMs);
  }
  return at;
}

/** The most starts inside any window of `windowMs` (for tests and the bench). */
export function maxInWindow(starts: readonly number[], windowMs: number): number {
  const sorted = [...starts].sort((a, b) => a - b);
  let best = 0;
  let lo = 0;
  for (let hi = 0; hi < sorted.length; hi++) {
    while ((sorted[hi] ?? 0) - (sorted[lo] ?? 0) >= windowMs) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

/** After a late wake-up, at most this many sends go back to back to regain the cadence. */
export const CATCH_UP_SLOTS = 3;

export interface PacerTime {
  /** Monotonic milliseconds. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** Hands out send slots in FIFO order. */
export class Pacer {
  private readonly history: number[] = [];
  private previousSlot = Number.NEGATIVE_INFINITY;
  private tail: Promise<void> = Promise.resolve();
  private readonly spacingMs: number;

  constructor(
    private readonly window: PacingWindow,
    private readonly time: PacerTime,
    opts: { smooth?: boolean } = {},
  ) {
    this.spacingMs = opts.smooth ? window.windowMs / window.limit : 0;
  }

  /** Evenly spaced, at most `ratePerSecond` starts in any second. */
  static perSecond(ratePerSecond: number, time: PacerTime): Pacer {
    return new Pacer(pacingWindow(ratePerSecond), time, { smooth: true });
  }

  /** When the last slot was handed out (monotonic ms), for pruning idle pacers. */
  get lastUsed(): number {
    return this.history.at(-1) ?? Number.NEGATIVE_INFINITY;
  }

  /** Resolves when the caller may send; the slot is counted as used from that moment. */
  acquire(): Promise<void> {
    const turn = this.tail.then(() => this.wait());
    this.tail = turn.catch(() => {});
    return turn;
  }

  private async wait(): Promise<void> {
    for (;;) {
      const now = this.time.now();
      const at = nextStartAt(this.history, now, this.window, this.previousSlot, this.spacingMs);
      if (at <= now) {
        // Keep the cadence when late (a busy event loop must not lower the rate), but catch up by at
        // most CATCH_UP_SLOTS back-to-back sends, so an idle pacer does not burst; the sliding window
        // still bounds every window.
        const scheduled = nextStartAt(
          this.history,
          Number.NEGATIVE_INFINITY,
          this.window,
          this.previousSlot,
          this.spacingMs,
        );
        this.previousSlot = Math.max(scheduled, now - CATCH_UP_SLOTS * this.spacingMs);
        this.history.push(now);
        if (this.history.length > this.window.limit * 2)
          this.history.splice(0, this.history.length - this.window.limit);
        return;
      }
      await this.time.sleep(Math.ceil(at - now));
    }
  }
}

/**
 * The two limits a scheduled post waits for: its channel's own window first (so the REST queue never
 * holds the request back, unpaced, later), then this process's global rate.
 */
export class SendPacing {
  private readonly global: Pacer;
  private readonly channels = new Map<string, Pacer>();
  /** Monotonic time: a clock set back (or a test's manual clock) must not unpace sends. */
  private readonly time: PacerTime;

  constructor(
    sendsPerSecond: number,
    private readonly perChannel: PacingWindow,
    timers: { sleep(ms: number): Promise<void> },
  ) {
    this.time = { now: () => performance.now(), sleep: (ms) => timers.sleep(ms) };
    this.global = Pacer.perSecond(sendsPerSecond, this.time);
  }

  async acquire(channelId: string): Promise<void> {
    await this.channel(channelId).acquire();
    await this.global.acquire();
  }

  private channel(channelId: string): Pacer {
    let pacer = this.channels.get(channelId);
    if (!pacer) {
      if (this.channels.size > 10_000) {
        const idleBefore = this.time.now() - this.perChannel.windowMs;
        for (const [id, old] of this.channels) if (old.lastUsed < idleBefore) this.channels.delete(id);
      }
      pacer = new Pacer(this.perChannel, this.time);
      this.channels.set(channelId, pacer);
    }
    return pacer;
  }
}
