/**
 * Store writes made after the point of no return (a post went out, a schedule must be disabled) that
 * failed because the store was down. They are kept in memory and retried every tick, in order; each
 * is a compare-and-swap over the current value, so running it again later is safe.
 */
import type { ThrottledWarnings } from '../logger.ts';

interface PendingWrite {
  what: string;
  run: () => Promise<unknown>;
}

export class PendingWrites {
  private readonly queue: PendingWrite[] = [];

  constructor(private readonly warnings: ThrottledWarnings) {}

  get size(): number {
    return this.queue.length;
  }

  /** What is still waiting, for the stop log. */
  get names(): string[] {
    return this.queue.map((w) => w.what);
  }

  /** Runs the write now; if it fails it is kept and retried by flush(). */
  async persist(what: string, run: () => Promise<unknown>): Promise<void> {
    try {
      await run();
    } catch (error) {
      this.warnings.warn('persist', { err: error, what }, 'store write failed; kept in memory and retried');
      this.queue.push({ what, run });
    }
  }

  /** Retries the kept writes in order; stops at the first that still fails. */
  async flush(): Promise<void> {
    for (let next = this.queue[0]; next; next = this.queue[0]) {
      try {
        await next.run();
        this.queue.shift();
      } catch (error) {
        this.warnings.warn(
          'pending',
          { err: error, pending: this.queue.length },
          'store still unavailable; will retry writes',
        );
        return;
      }
    }
  }
}
