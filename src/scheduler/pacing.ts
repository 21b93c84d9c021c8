/**
 * Pacing under Discord's limits: ONE pacer per process for every REST request but interaction
 * callbacks (src/discord/rest-pacer.ts wraps discord.js's requests with it; the scheduler's posts go
 * through it), and one per channel for scheduled posts.
 *
 * A sliding window: at most `limit` starts in any `windowMs` interval (49 per 1000 ms by default), which
 * bounds every fixed window Discord may count in; plus even spacing, so an idle pacer starts without a
 * burst. A late start (a stalled event loop, a slow store) keeps the cadence: the slots it missed
 * within the last window are made up at twice the cadence, so each second still gets its share and
 * no window exceeds the limit. Per channel, a second sliding window (5 per 5 s, with a margin)
 * keeps the REST queue from ever holding a request back — a request it holds would go out later,
 * unpaced. The math is pure; Pacer applies it with injected time so tests can drive it.
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

  /**
   * Resolves when the caller may send; the slot is counted as used from that moment. A caller that
   * gives up (`signal` aborted) leaves the queue and rejects with the signal's reason.
   */
  acquire(signal?: AbortSignal): Promise<void> {
    const turn = this.tail.then(() => this.wait(signal));
    this.tail = turn.catch(() => {});
    return turn;
  }

  private async wait(signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const now = this.time.now();
      // Catching up goes at twice the cadence, not in one burst: a burst delayed on its way (a busy
      // event loop between here and the socket) would land in one of Discord's windows whole.
      const catchUp = (this.history.at(-1) ?? Number.NEGATIVE_INFINITY) + this.spacingMs / 2;
      const at = Math.max(
        catchUp,
        nextStartAt(this.history, now, this.window, this.previousSlot, this.spacingMs),
      );
      if (at <= now) {
        // Late (a stalled event loop, a caller slow to come back): keep the cadence, making up the
        // slots missed within the last window; the sliding window still bounds every window. Idle
        // for a whole window: start the cadence afresh.
        const scheduled = nextStartAt(
          this.history,
          Number.NEGATIVE_INFINITY,
          this.window,
          this.previousSlot,
          this.spacingMs,
        );
        const idle = now - (this.history.at(-1) ?? Number.NEGATIVE_INFINITY) > this.window.windowMs;
        this.previousSlot = idle ? now : Math.max(scheduled, now - this.window.windowMs);
        this.history.push(now);
        if (this.history.length > this.window.limit * 2)
          this.history.splice(0, this.history.length - this.window.limit);
        return;
      }
      await this.time.sleep(Math.ceil(at - now));
    }
  }
}

/** Monotonic time with the given sleep: a clock set back (or a test's manual clock) must not unpace sends. */
export function monotonicTime(timers: { sleep(ms: number): Promise<void> }): PacerTime {
  return { now: () => performance.now(), sleep: (ms) => timers.sleep(ms) };
}

/**
 * The process's pacer for Discord's global limit (50 requests per second per bot, shared by the
 * shards of a bot): `ratePerSecond` is this process's share.
 */
export function createRequestPacer(
  ratePerSecond: number,
  timers: { sleep(ms: number): Promise<void> } = { sleep: (ms) => new Promise((r) => setTimeout(r, ms)) },
): Pacer {
  return Pacer.perSecond(ratePerSecond, monotonicTime(timers));
}

/**
 * The two limits a scheduled post waits for: its channel's own window first (so the REST queue never
 * holds the request back, unpaced, later), then the global rate — unless the poster's requests go
 * through the process's request pacer already (`global` null: the bot's REST client).
 */
export class SendPacing {
  private readonly channels = new Map<string, Pacer>();
  private readonly time: PacerTime;

  constructor(
    private readonly global: Pacer | null,
    private readonly perChannel: PacingWindow,
    timers: { sleep(ms: number): Promise<void> },
  ) {
    this.time = monotonicTime(timers);
  }

  async acquire(channelId: string): Promise<void> {
    await this.channel(channelId).acquire();
    await this.global?.acquire();
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
