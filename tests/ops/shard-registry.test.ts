/**
 * The shard registry (issue 16): processes announce their ranges in the shared store; an overlap or
 * a SHARD_COUNT that differs is logged as an error, once per peer, and counted for /metrics; a peer
 * that died before this process started (its previous life) is not an overlap.
 */
import { describe, expect, it } from 'vitest';
import { createShardRegistry } from '../../src/ops/shard-registry.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { recordingLogger } from '../support/logger.ts';
import { sleep } from '../support/time.ts';

const registry = (store: Store, processId: string, ids: number[], count: number) => {
  const logger = recordingLogger();
  return {
    logger,
    registry: createShardRegistry({ store, shards: { ids, count }, processId, logger, intervalMs: 50 }),
  };
};

const errors = (l: ReturnType<typeof recordingLogger>) => l.lines.filter((x) => x.level === 'error');

describe('shard registry', () => {
  it('disjoint ranges: no conflict; overlapping ones: one loud error per peer and a count', async () => {
    const store = await openStore('memory://');
    const a = registry(store, 'a', [0, 1], 6);
    const b = registry(store, 'b', [2, 3], 6);
    const c = registry(store, 'c', [3, 4], 6);
    await a.registry.start();
    await b.registry.start();
    await sleep(10);
    await c.registry.start();
    await sleep(200); // a few heartbeats
    expect(a.registry.conflicts()).toBe(0);
    expect(errors(a.logger)).toEqual([]);
    expect(b.registry.conflicts()).toBe(1);
    expect(c.registry.conflicts()).toBe(1);
    const [line] = errors(c.logger);
    expect(errors(c.logger)).toHaveLength(1); // once, not every heartbeat
    expect(line?.msg).toMatch(/^shard ranges overlap: shard\(s\) 3 run both here \(3-4 of 6\)/);
    expect(line?.obj).toMatchObject({ overlap: [3] });
    // The overlap ends when the peer stops (it withdraws its announcement).
    await b.registry.stop();
    await sleep(150);
    expect(c.registry.conflicts()).toBe(0);
    await Promise.all([a.registry.stop(), c.registry.stop()]);
    expect(await store.list('shard-hosts')).toEqual([]);
    await store.close();
  });

  it('a different SHARD_COUNT is an error too', async () => {
    const store = await openStore('memory://');
    const a = registry(store, 'a', [0], 2);
    await a.registry.start();
    await sleep(10);
    const b = registry(store, 'b', [0, 1, 2], 3);
    await b.registry.start();
    await sleep(150);
    expect(b.registry.conflicts()).toBe(1);
    expect(errors(b.logger)[0]?.msg).toMatch(
      /hosts disagree on SHARD_COUNT.*set the same SHARD_COUNT on every host/,
    );
    await Promise.all([a.registry.stop(), b.registry.stop()]);
    await store.close();
  });

  it('an announcement left by a process killed before this one started is not an overlap', async () => {
    const store = await openStore('memory://');
    const dead = new Date(Date.now() - 1_000).toISOString();
    await store.set(
      'shard-hosts',
      'killed',
      { host: 'h', pid: 1, ids: [0, 1], count: 2, startedAt: dead, seenAt: dead },
      60_000,
    );
    const a = registry(store, 'a', [0, 1], 2);
    await a.registry.start();
    await sleep(150);
    expect(a.registry.conflicts()).toBe(0);
    expect(errors(a.logger)).toEqual([]);
    await a.registry.stop();
    await store.close();
  });
});
