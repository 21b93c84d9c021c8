/**
 * One lane for the synchronous work of interactions, so a burst is served fairly. Each job runs in
 * its own turn of the event loop (setImmediate), so what the previous interactions sent — their
 * replies, their deferrals — is written before the next job's CPU work starts; autocomplete (which
 * cannot be deferred) goes ahead of queued commands. The lane also keeps a running estimate of
 * each kind of job's cost, and of the time that passes between two queued jobs (the answers sent,
 * the interactions received, garbage collection: under a burst, as much as the jobs themselves),
 * which tells the router how long a newcomer would wait: past a bound, it acknowledges (defers)
 * before queueing, so first responses stay fast however long the queue.
 *
 * A job is the synchronous part of a command (what blocks the loop); a promise it returns resolves
 * outside the lane, so I/O never holds the queue. The answers already computed, though, go out
 * before a long job starts (see `hold`).
 */
import { performance } from 'node:perf_hooks';

export interface WorkLane {
  /**
   * Runs `work` in its turn; `key` names the kind of job (its cost is learnt per key). `first` goes
   * ahead of queued jobs; `heavy` counts as long until the key has been measured.
   */
  run<T>(key: string, work: () => T | Promise<T>, opts?: { first?: boolean; heavy?: boolean }): Promise<T>;
  /** Estimated ms before a new job of this key would be done: the queue ahead plus the job itself. */
  expectedMs(key: string): number;
  /** Jobs waiting or running. */
  size(): number;
  /**
   * An answer on its way to Discord: a long job does not start until the answers held are sent (or
   * `holdCapMs` passes), since no I/O progresses while it runs, not even the connection they need.
   */
  hold(sending: Promise<unknown>): void;
}

interface Job {
  key: string;
  first: boolean;
  heavy: boolean;
  start(): void;
}

/** Until a key has been measured, its jobs are assumed to cost this much (heavy ones: much more). */
const UNMEASURED_MS = 2;
const UNMEASURED_HEAVY_MS = 500;
/** Weight of the newest measurement in the running estimate. */
const ALPHA = 0.3;
/** Jobs expected to take at least this long wait for the answers held before they start… */
const LONG_JOB_MS = 20;
/** …but no longer than this: a slow network must not stall the lane. */
const HOLD_CAP_MS = 200;

export function createWorkLane(
  opts: { now?: () => number; nextTurn?: (run: () => void) => void; holdCapMs?: number } = {},
): WorkLane {
  const holdCapMs = opts.holdCapMs ?? HOLD_CAP_MS;
  const held = new Set<Promise<unknown>>();
  const now = opts.now ?? (() => performance.now());
  const nextTurn = opts.nextTurn ?? ((run) => setImmediate(run));
  const queue: Job[] = [];
  const cost = new Map<string, number>();
  let running: Job | undefined;
  let scheduled = false;
  /** Running estimate of the time from one job's end to the next one's start, while jobs wait. */
  let between = 0;
  /** When the last job ended with others waiting (undefined: the lane went idle since). */
  let endedWithBacklog: number | undefined;

  const estimate = (key: string, heavy = false) =>
    cost.get(key) ?? (heavy ? UNMEASURED_HEAVY_MS : UNMEASURED_MS);
  const learn = (key: string, ms: number) => {
    const prev = cost.get(key);
    cost.set(key, prev === undefined ? ms : prev + ALPHA * (ms - prev));
  };

  /** Resolves when the answers held now are sent, or after the cap. */
  const sent = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, holdCapMs);
      void Promise.allSettled([...held]).then(() => {
        clearTimeout(timer);
        resolve();
      });
    });

  const turn = () => {
    const next = queue[0];
    if (next && held.size > 0 && estimate(next.key, next.heavy) >= LONG_JOB_MS) {
      void sent().then(() => nextTurn(start));
      return;
    }
    start();
  };
  const start = () => {
    scheduled = false;
    running = queue.shift();
    if (!running) return;
    if (endedWithBacklog !== undefined) between += ALPHA * (now() - endedWithBacklog - between);
    running.start();
    running = undefined;
    endedWithBacklog = queue.length > 0 ? now() : undefined;
    if (queue.length > 0) schedule();
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    nextTurn(turn);
  };

  return {
    run(key, work, { first = false, heavy = false } = {}) {
      return new Promise((resolve, reject) => {
        const job: Job = {
          key,
          first,
          heavy,
          start() {
            const t0 = now();
            try {
              resolve(work());
            } catch (error) {
              reject(error);
            } finally {
              learn(key, now() - t0);
            }
          },
        };
        const at = first ? queue.findIndex((j) => !j.first) : -1;
        if (at >= 0) queue.splice(at, 0, job);
        else queue.push(job);
        schedule();
      });
    },
    expectedMs(key) {
      let ms = estimate(key);
      for (const job of queue) ms += estimate(job.key, job.heavy) + between;
      if (running) ms += estimate(running.key, running.heavy);
      return ms;
    },
    size: () => queue.length + (running ? 1 : 0),
    hold(sending) {
      held.add(sending);
      const release = () => held.delete(sending);
      sending.then(release, release);
    },
  };
}
