/**
 * Bounded-concurrency work queue with one lane per channel: a channel's jobs run one after another
 * (Discord allows ~5 messages / 5 s per channel, and a schedule's runs must not overlap), different
 * channels run side by side, and a slow or failing channel only ever occupies its own lane and one slot.
 * Lanes take turns (round robin) so a channel with many jobs cannot starve the others.
 */

export const DROPPED: unique symbol = Symbol('dropped');

interface Job {
  run: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export class Dispatcher {
  private readonly lanes = new Map<string, Job[]>();
  private readonly ready: string[] = [];
  private readonly busy = new Set<string>();
  private readonly running = new Set<Promise<unknown>>();
  private closed = false;

  constructor(private readonly concurrency: number) {
    if (!(concurrency >= 1)) throw new RangeError(`maxConcurrentSends must be >= 1 (got ${concurrency})`);
  }

  get queued(): number {
    let n = 0;
    for (const jobs of this.lanes.values()) n += jobs.length;
    return n;
  }

  get active(): number {
    return this.running.size;
  }

  /** Runs `fn` in `lane` when a slot is free; resolves to DROPPED if the dispatcher closes first. */
  submit<T>(lane: string, fn: () => Promise<T>): Promise<T | typeof DROPPED> {
    if (this.closed) return Promise.resolve(DROPPED);
    return new Promise<T | typeof DROPPED>((resolve, reject) => {
      const job: Job = { run: fn, resolve: resolve as (value: unknown) => void, reject };
      const jobs = this.lanes.get(lane);
      if (jobs) jobs.push(job);
      else {
        this.lanes.set(lane, [job]);
        if (!this.busy.has(lane)) this.ready.push(lane);
      }
      this.pump();
    });
  }

  private pump(): void {
    while (!this.closed && this.running.size < this.concurrency && this.ready.length > 0) {
      const lane = this.ready.shift() as string;
      const jobs = this.lanes.get(lane);
      const job = jobs?.shift();
      if (!jobs || !job) continue;
      if (jobs.length === 0) this.lanes.delete(lane);
      this.busy.add(lane);
      const p = (async () => job.run())().then(job.resolve, job.reject);
      const tracked = p.finally(() => {
        this.running.delete(tracked);
        this.busy.delete(lane);
        if (this.lanes.has(lane)) this.ready.push(lane);
        this.pump();
      });
      this.running.add(tracked);
    }
  }

  /** Drops queued jobs (they resolve to DROPPED) and waits for the running ones. */
  async close(): Promise<void> {
    this.closed = true;
    for (const jobs of this.lanes.values()) for (const job of jobs) job.resolve(DROPPED);
    this.lanes.clear();
    this.ready.length = 0;
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}
