/**
 * Identify pacing across hosts. Discord lets a bot start `max_concurrency` sessions per 5 seconds,
 * one per bucket (`shard_id % max_concurrency`); discord.js's own throttler only knows the shards
 * of its process, so hosts starting at once would identify in the same bucket together and be
 * refused. Here the bucket is a lease in the shared store: a shard identifies only once it has
 * claimed `gateway-identify/<bucket>` for the 5-second window (plus a margin for clock skew), so
 * the whole bot, across processes and hosts, identifies at most once per bucket per window.
 *
 * discord.js calls `waitForIdentify` before each IDENTIFY (not before a RESUME), through the
 * `ws.buildIdentifyThrottler` client option. If the store is down, the process falls back to pacing
 * its own shards (one per bucket per window), logged once: a store outage never keeps the bot off
 * the gateway.
 */
import { type Clock, systemClock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { identifyBucket } from '../scheduler/shard.ts';
import { type Store, StoreUnavailableError } from '../store/index.ts';

/** Discord's window per identify bucket. */
export const IDENTIFY_WINDOW_MS = 5_000;
/** Added to each lease: hosts' clocks and the IDENTIFY's own trip differ by a little. */
const MARGIN_MS = 400;
const NS = 'gateway-identify';

export interface IdentifyWait {
  shardId: number;
  bucket: number;
  /** How long the shard waited for its bucket. */
  waitedMs: number;
  /** `store`: the shared lease; `local`: the store did not answer, this process paced itself. */
  via: 'store' | 'local';
}

export interface IdentifyLockDeps {
  store: Store;
  maxConcurrency: number;
  /** Names this process in the lease (for logs when someone inspects the store). */
  processId: string;
  logger: Logger;
  clock?: Clock;
  onIdentify?: (wait: IdentifyWait) => void;
}

interface Lease {
  owner: string;
  shardId: number;
  until: number;
}

function abortable(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason ?? new Error('aborted'));
    const timer = setTimeout(done, ms);
    function done() {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }
    function onAbort() {
      clearTimeout(timer);
      reject(signal.reason ?? new Error('aborted'));
    }
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** discord.js's IIdentifyThrottler over the shared store. */
export class SharedIdentifyThrottler {
  /** Per bucket, the tail of this process's waiters (one asks the store at a time). */
  private readonly queues = new Map<number, Promise<void>>();
  /** Per bucket, when this process may identify again if it has to pace itself (store down). */
  private readonly localUntil = new Map<number, number>();
  private warned = false;
  private readonly clock: Clock;

  constructor(private readonly deps: IdentifyLockDeps) {
    this.clock = deps.clock ?? systemClock;
  }

  async waitForIdentify(shardId: number, signal: AbortSignal): Promise<void> {
    const bucket = identifyBucket(shardId, this.deps.maxConcurrency);
    const previous = this.queues.get(bucket) ?? Promise.resolve();
    const mine = previous.catch(() => undefined).then(() => this.acquire(shardId, bucket, signal));
    const tail = mine.catch(() => undefined);
    this.queues.set(bucket, tail);
    try {
      await mine;
    } finally {
      if (this.queues.get(bucket) === tail) this.queues.delete(bucket);
    }
  }

  private now(): number {
    return this.clock.now().getTime();
  }

  private async acquire(shardId: number, bucket: number, signal: AbortSignal): Promise<void> {
    const started = this.now();
    const key = `${bucket}of${this.deps.maxConcurrency}`;
    for (;;) {
      if (signal.aborted) throw signal.reason ?? new Error('aborted');
      let waitMs: number;
      try {
        const until = this.now() + IDENTIFY_WINDOW_MS + MARGIN_MS;
        const lease: Lease = { owner: this.deps.processId, shardId, until };
        if (await this.deps.store.claim(NS, key, lease, IDENTIFY_WINDOW_MS + MARGIN_MS)) {
          this.localUntil.set(bucket, until);
          return this.report(shardId, bucket, started, 'store');
        }
        const held = await this.deps.store.get<Lease>(NS, key);
        waitMs = held ? held.until - this.now() : 0;
      } catch (error) {
        if (!(error instanceof StoreUnavailableError)) throw error;
        if (!this.warned) {
          this.warned = true;
          this.deps.logger.warn(
            { err: error },
            'identify pacing: the store is not answering; this process paces its own shards (other hosts may identify in the same window)',
          );
        }
        const wait = (this.localUntil.get(bucket) ?? 0) - this.now();
        if (wait <= 0) {
          this.localUntil.set(bucket, this.now() + IDENTIFY_WINDOW_MS + MARGIN_MS);
          return this.report(shardId, bucket, started, 'local');
        }
        waitMs = wait;
      }
      // A little jitter so hosts waiting on one bucket do not all ask the store at the same instant.
      await abortable(
        Math.max(25, Math.min(waitMs, IDENTIFY_WINDOW_MS + MARGIN_MS)) + Math.random() * 50,
        signal,
      );
    }
  }

  private report(shardId: number, bucket: number, started: number, via: IdentifyWait['via']): void {
    const wait: IdentifyWait = { shardId, bucket, waitedMs: this.now() - started, via };
    this.deps.logger.info({ ...wait }, 'identify slot taken');
    this.deps.onIdentify?.(wait);
  }
}
