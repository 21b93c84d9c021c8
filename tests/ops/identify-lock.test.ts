/**
 * Identify pacing across processes (issue 16): a lease per max_concurrency bucket in the shared
 * store. Two "hosts" (two throttlers on one store) never identify in one bucket within 5 s; other
 * buckets go at once; a store that does not answer leaves each process pacing its own shards.
 */
import { describe, expect, it } from 'vitest';
import {
  IDENTIFY_WINDOW_MS,
  type IdentifyWait,
  SharedIdentifyThrottler,
} from '../../src/ops/identify-lock.ts';
import { openStore, type Store, StoreUnavailableError } from '../../src/store/index.ts';
import { recordingLogger } from '../support/logger.ts';

function throttler(store: Store, processId: string, maxConcurrency: number, waits: IdentifyWait[]) {
  return new SharedIdentifyThrottler({
    store,
    maxConcurrency,
    processId,
    logger: recordingLogger(),
    onIdentify: (w) => waits.push(w),
  });
}

const signal = () => new AbortController().signal;

describe('shared identify lock', () => {
  it('two hosts: other buckets identify at once, the same bucket waits out the 5 s window', async () => {
    const store = await openStore('memory://');
    const waits: IdentifyWait[] = [];
    const hostA = throttler(store, 'a', 2, waits);
    const hostB = throttler(store, 'b', 2, waits);
    const started = performance.now();
    const at = new Map<number, number>();
    const identify = (t: SharedIdentifyThrottler, shard: number) =>
      t.waitForIdentify(shard, signal()).then(() => at.set(shard, performance.now() - started));
    // Shards 0 and 2 share bucket 0 (on different hosts); shard 1 is alone in bucket 1.
    await Promise.all([identify(hostA, 0), identify(hostA, 1), identify(hostB, 2)]);
    const first = Math.min(at.get(0) as number, at.get(2) as number);
    const second = Math.max(at.get(0) as number, at.get(2) as number);
    expect(first).toBeLessThan(1_000);
    expect(at.get(1)).toBeLessThan(1_000);
    expect(second - first).toBeGreaterThanOrEqual(IDENTIFY_WINDOW_MS);
    expect(second - first).toBeLessThan(IDENTIFY_WINDOW_MS + 1_500);
    expect(waits.map((w) => [w.shardId, w.bucket, w.via]).sort()).toEqual([
      [0, 0, 'store'],
      [1, 1, 'store'],
      [2, 0, 'store'],
    ]);
    await store.close();
  }, 15_000);

  it('stops waiting when discord.js aborts (the client is destroyed)', async () => {
    const store = await openStore('memory://');
    const waits: IdentifyWait[] = [];
    await throttler(store, 'a', 1, waits).waitForIdentify(0, signal());
    const abort = new AbortController();
    const waiting = throttler(store, 'b', 1, waits).waitForIdentify(1, abort.signal);
    setTimeout(() => abort.abort(new Error('destroyed')), 100);
    await expect(waiting).rejects.toThrow('destroyed');
    expect(waits).toHaveLength(1);
    await store.close();
  });

  it('with the store down, paces its own shards and says so once', async () => {
    const store = await openStore('memory://');
    const down = new StoreUnavailableError('redis is down');
    const broken = { ...store, claim: () => Promise.reject(down), get: () => Promise.reject(down) } as Store;
    const logger = recordingLogger();
    const waits: IdentifyWait[] = [];
    const t = new SharedIdentifyThrottler({
      store: broken,
      maxConcurrency: 16,
      processId: 'a',
      logger,
      onIdentify: (w) => waits.push(w),
    });
    await Promise.all([t.waitForIdentify(0, signal()), t.waitForIdentify(1, signal())]);
    expect(waits.map((w) => w.via)).toEqual(['local', 'local']);
    expect(waits.every((w) => w.waitedMs < 1_000)).toBe(true);
    expect(
      logger.lines.filter((l) => l.level === 'warn' && /store is not answering/.test(l.msg)),
    ).toHaveLength(1);
    await store.close();
  });
});
