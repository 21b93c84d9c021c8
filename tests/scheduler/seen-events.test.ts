import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Repo } from '../../src/scheduler/repo.ts';
import { SeenEvents } from '../../src/scheduler/seen-events.ts';
import type { DatasetPort, ScheduledSnapshot } from '../../src/scheduler/types.ts';
import type { Store } from '../../src/store/index.ts';
import { openTempStore, tempSqlite } from '../support/stores.ts';
import { ManualClock } from '../support/time.ts';

/** What SeenEvents reads of a dataset: the event ids and a version. */
function datasetOf(ids: readonly string[], version = 'v1'): DatasetPort {
  const snapshot = { version, briefbook: { dataset: { events: ids.map((id) => ({ id })) } } };
  return { current: () => snapshot as unknown as ScheduledSnapshot };
}

/** Counts the store calls each method receives. */
function counting(store: Store): Store & { counts: Record<string, number> } {
  const counts: Record<string, number> = {};
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'counts') return counts;
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        counts[String(prop)] = (counts[String(prop)] ?? 0) + 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  }) as Store & { counts: Record<string, number> };
}

let temp: Awaited<ReturnType<typeof tempSqlite>>;
const stores: Store[] = [];
beforeEach(async () => {
  temp = await tempSqlite();
});
afterEach(async () => {
  await Promise.allSettled(stores.splice(0).map((s) => s.close()));
  await temp.cleanup();
});

async function store(): Promise<Store & { counts: Record<string, number> }> {
  const s = await openTempStore(temp.url);
  stores.push(s);
  return counting(s);
}

describe('first-seen bookkeeping (issue 12)', () => {
  const ids = Array.from({ length: 12_000 }, (_, i) => `event-${i}`);

  it('a fresh store records 12,000 new events in batched writes, not one claim per event', async () => {
    const s = await store();
    const clock = new ManualClock(Date.parse('2025-09-01T09:00:00Z'));
    const seen = new SeenEvents(new Repo(s), datasetOf(ids), clock);
    await seen.sync();
    expect(seen.times.size).toBe(12_000);
    expect(s.counts.claim ?? 0).toBe(0);
    expect(s.counts.get ?? 0).toBe(0);
    // 12,000 events: 3 claimMany calls of 5,000, each one write per 500 events.
    expect(s.counts.claimMany).toBe(3);
  });

  it("the earliest writer wins: a second process keeps the first one's times, and only new events are written", async () => {
    const first = await store();
    const clock = new ManualClock(Date.parse('2025-09-01T09:00:00Z'));
    await new SeenEvents(new Repo(first), datasetOf(ids.slice(0, 100)), clock).sync();
    clock.advance(60_000);
    const second = await store();
    const seen = new SeenEvents(new Repo(second), datasetOf(ids.slice(0, 150), 'v2'), clock);
    await seen.sync();
    expect(seen.times.get('event-0')).toBe(Date.parse('2025-09-01T09:00:00Z'));
    expect(seen.times.get('event-149')).toBe(Date.parse('2025-09-01T09:01:00Z'));
    expect(second.counts.claimMany).toBe(1);
  });
  it('a restart reads the stored times (one list, no writes), and keeps those of events no longer in the dataset', async () => {
    const first = await store();
    const clock = new ManualClock(Date.parse('2025-09-01T09:00:00Z'));
    await new SeenEvents(new Repo(first), datasetOf(ids.slice(0, 3_000)), clock).sync();
    clock.advance(60_000);
    await new SeenEvents(new Repo(first), datasetOf(ids.slice(0, 4_000), 'v2'), clock).sync();
    clock.advance(60_000);
    const second = await store();
    // The restarted bot's dataset lost the first 1,000 events and holds 500 new ones.
    const seen = new SeenEvents(new Repo(second), datasetOf(ids.slice(1_000, 4_500), 'v3'), clock);
    await seen.sync();
    expect(second.counts.list).toBe(1);
    expect(second.counts.claimMany).toBe(1);
    expect(seen.times.size).toBe(4_500);
    expect(seen.times.get('event-0')).toBe(Date.parse('2025-09-01T09:00:00Z'));
    expect(seen.times.get('event-2999')).toBe(Date.parse('2025-09-01T09:00:00Z'));
    expect(seen.times.get('event-3000')).toBe(Date.parse('2025-09-01T09:01:00Z'));
    expect(seen.times.get('event-4499')).toBe(Date.parse('2025-09-01T09:02:00Z'));
  });
});
