/**
 * The behaviour every Store backend must share. Each backend's test file calls storeContract().
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/clock.ts';
import type { Store } from '../../src/store/index.ts';
import { ManualClock } from '../support/time.ts';
import { uniquePrefix } from './helpers.ts';

export interface ContractTarget {
  name: string;
  /** Opens a store on `clock`; stores opened with the same keyPrefix see the same data when `shared`. */
  open(keyPrefix: string, clock: Clock): Promise<Store>;
  /** True when two open() calls reach the same data (every backend except memory). */
  shared: boolean;
  /** Removes whatever the keyPrefix left behind. */
  cleanup?(keyPrefix: string): Promise<void>;
}

// Expiry follows the store's clock, which the tests move: nothing sleeps. The TTL is long in real
// time, so Redis's native expiry (a clean-up only) never fires during a test.
const TTL = 60_000;
const PAST_TTL = 2 * TTL;

export function storeContract(target: ContractTarget): void {
  describe(`Store contract: ${target.name}`, () => {
    let prefix = '';
    let opened: Store[] = [];
    let store: Store;
    let clock: ManualClock;

    const open = async () => {
      const s = await target.open(prefix, clock);
      opened.push(s);
      return s;
    };

    beforeEach(async () => {
      prefix = uniquePrefix(target.name);
      clock = new ManualClock();
      opened = [];
      store = await open();
    });

    afterEach(async () => {
      await Promise.all(opened.map((s) => s.close()));
      await target.cleanup?.(prefix);
    });

    it('get of a missing key is undefined', async () => {
      expect(await store.get('schedules', 'missing')).toBeUndefined();
    });

    it('set then get round-trips JSON values', async () => {
      const value = {
        text: 'Zelensky — Зеленський 🇺🇦',
        colon: ':starts with a colon',
        base64ish: ':base64:not really',
        n: 42.5,
        ok: true,
        nothing: null,
        list: [1, 'two', { three: [3] }],
      };
      await store.set('schedules', 'guild:1', value);
      expect(await store.get('schedules', 'guild:1')).toEqual(value);
      await store.set('meta', 'version', 'v1');
      expect(await store.get('meta', 'version')).toBe('v1');
      await store.set('meta', 'ids', ['a', 'b']);
      expect(await store.get('meta', 'ids')).toEqual(['a', 'b']);
    });

    it('set overwrites, and a later set without ttl makes the entry permanent', async () => {
      await store.set('meta', 'k', { v: 1 }, TTL);
      await store.set('meta', 'k', { v: 2 });
      clock.advance(PAST_TTL);
      expect(await store.get('meta', 'k')).toEqual({ v: 2 });
    });

    it('Dates are not preserved: callers store ISO strings', async () => {
      await store.set('meta', 'when', { at: new Date(0) });
      expect(await store.get('meta', 'when')).toEqual({ at: '1970-01-01T00:00:00.000Z' });
    });

    it('delete reports whether an entry existed', async () => {
      await store.set('schedules', 'a', { v: 1 });
      expect(await store.delete('schedules', 'a')).toBe(true);
      expect(await store.get('schedules', 'a')).toBeUndefined();
      expect(await store.delete('schedules', 'a')).toBe(false);
    });

    it('list returns the namespace sorted by key (code-unit order), optionally filtered by key prefix', async () => {
      await store.set('schedules', 'guild:2:b', { n: 2 });
      await store.set('schedules', 'guild:1:a', { n: 1 });
      await store.set('schedules', 'guild:10', { n: 10 });
      await store.set('schedules', 'other', { n: 0 });
      expect(await store.list('schedules')).toEqual([
        { key: 'guild:10', value: { n: 10 } },
        { key: 'guild:1:a', value: { n: 1 } },
        { key: 'guild:2:b', value: { n: 2 } },
        { key: 'other', value: { n: 0 } },
      ]);
      expect((await store.list('schedules', 'guild:1')).map((e) => e.key)).toEqual(['guild:10', 'guild:1:a']);
      expect((await store.list('schedules', 'guild:1:')).map((e) => e.key)).toEqual(['guild:1:a']);
      expect(await store.list('schedules', 'nope')).toEqual([]);
      expect(await store.list('empty')).toEqual([]);
    });

    it('list prefixes are case-sensitive and treat wildcard characters literally', async () => {
      for (const key of ['Abc', 'abc', 'a*b', 'a%c', 'a_d', 'axd', 'a[1]', 'a\\e', 'a?f']) {
        await store.set('meta', key, key);
      }
      const keys = async (prefix: string) => (await store.list('meta', prefix)).map((e) => e.key);
      expect(await keys('A')).toEqual(['Abc']);
      expect(await keys('a*')).toEqual(['a*b']);
      expect(await keys('a%')).toEqual(['a%c']);
      expect(await keys('a_')).toEqual(['a_d']);
      expect(await keys('a[')).toEqual(['a[1]']);
      expect(await keys('a\\')).toEqual(['a\\e']);
      expect(await keys('a?')).toEqual(['a?f']);
    });

    it('namespaces are isolated', async () => {
      await store.set('schedules', 'x', { from: 'schedules' });
      await store.set('deliveries', 'x', { from: 'deliveries' });
      await store.set('sched', 'y', { from: 'sched' });
      expect(await store.get('schedules', 'x')).toEqual({ from: 'schedules' });
      expect(await store.get('deliveries', 'x')).toEqual({ from: 'deliveries' });
      expect((await store.list('sched')).map((e) => e.key)).toEqual(['y']);
      expect(await store.delete('deliveries', 'x')).toBe(true);
      expect(await store.get('schedules', 'x')).toEqual({ from: 'schedules' });
      expect(await store.claim('leases', 'x', { owner: 'a' })).toBe(true);
    });

    it('rejects (never throws synchronously) on bad namespaces, keys, ttl and undefined values', async () => {
      const attempts = [
        () => store.get('a:b', 'k'),
        () => store.get('', 'k'),
        () => store.set('meta', '', 1),
        () => store.set('meta', 'k', 1, 0),
        () => store.set('meta', 'k', 1, -5),
        () => store.claim('meta', 'k', 1, Number.NaN),
        () => store.set('meta', 'k', undefined),
        () => store.list('bad namespace'),
        () => store.set('meta', 'x'.repeat(300), 1),
      ];
      for (const attempt of attempts) {
        let promise: Promise<unknown> | undefined;
        expect(() => {
          promise = attempt();
        }).not.toThrow();
        await expect(promise).rejects.toThrow(/store:/);
      }
    });

    it('entries expire after ttlMs (get and list)', async () => {
      await store.set('watermarks', 'w', { at: '2025-01-01T00:00:00.000Z' }, TTL);
      await store.set('watermarks', 'keep', { v: 1 });
      expect(await store.get('watermarks', 'w')).toEqual({ at: '2025-01-01T00:00:00.000Z' });
      clock.advance(PAST_TTL);
      expect(await store.get('watermarks', 'w')).toBeUndefined();
      expect((await store.list('watermarks')).map((e) => e.key)).toEqual(['keep']);
    });

    it('claim succeeds once and keeps the winner value', async () => {
      expect(await store.claim('deliveries', 'd1', { by: 'first' })).toBe(true);
      expect(await store.claim('deliveries', 'd1', { by: 'second' })).toBe(false);
      expect(await store.get('deliveries', 'd1')).toEqual({ by: 'first' });
    });

    it('50 concurrent claims of one key: exactly one wins', async () => {
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => store.claim('deliveries', 'race', { by: i }, 60_000)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = results.indexOf(true);
      expect(await store.get('deliveries', 'race')).toEqual({ by: winner });
    });

    it('an expired claim can be re-claimed, a live one cannot', async () => {
      expect(await store.claim('leases', 'l', { owner: 'a' }, TTL)).toBe(true);
      expect(await store.claim('leases', 'l', { owner: 'b' }, TTL)).toBe(false);
      clock.advance(PAST_TTL);
      expect(await store.claim('leases', 'l', { owner: 'b' }, 60_000)).toBe(true);
      expect(await store.get('leases', 'l')).toEqual({ owner: 'b' });
      expect(await store.claim('leases', 'l', { owner: 'c' })).toBe(false);
    });

    it('claim respects entries written by set: permanent ones stay, expired ones are taken over', async () => {
      await store.set('leases', 'permanent', { owner: 'set' });
      expect(await store.claim('leases', 'permanent', { owner: 'claim' })).toBe(false);
      await store.set('leases', 'short', { owner: 'set' }, TTL);
      expect(await store.claim('leases', 'short', { owner: 'claim' })).toBe(false);
      clock.advance(PAST_TTL);
      expect(await store.claim('leases', 'short', { owner: 'claim' })).toBe(true);
      expect(await store.get('leases', 'short')).toEqual({ owner: 'claim' });
    });

    it('claimMany writes each free key once, in batches, and leaves live entries alone', async () => {
      await store.set('events-seen', 'e00001', 'earlier');
      await store.set('events-seen', 'e00002', 'expiring', TTL);
      clock.advance(PAST_TTL);
      const entries = Array.from({ length: 1_203 }, (_, i) => ({
        key: `e${String(i).padStart(5, '0')}`,
        value: 'now',
      }));
      const won = await store.claimMany('events-seen', entries);
      expect(won.size).toBe(1_202);
      expect(won.has('e00001')).toBe(false);
      expect(won.has('e00002')).toBe(true);
      expect(await store.get('events-seen', 'e00001')).toBe('earlier');
      expect(await store.get('events-seen', 'e01202')).toBe('now');
      expect((await store.claimMany('events-seen', entries)).size).toBe(0);
      expect(await store.claimMany('events-seen', [])).toEqual(new Set());
    });

    it('two concurrent claimMany over the same keys: each key is won exactly once', async () => {
      const entries = (by: string) => Array.from({ length: 600 }, (_, i) => ({ key: `k${i}`, value: by }));
      const [a, b] = await Promise.all([
        store.claimMany('events-seen', entries('a')),
        store.claimMany('events-seen', entries('b')),
      ]);
      expect(a.size + b.size).toBe(600);
      for (const key of a) expect(b.has(key)).toBe(false);
    });

    it('update creates, modifies and deletes', async () => {
      expect(await store.update('meta', 'n', () => undefined)).toBeUndefined();
      expect(await store.get('meta', 'n')).toBeUndefined();
      expect(await store.update<{ n: number }>('meta', 'n', (cur) => ({ n: (cur?.n ?? 0) + 1 }))).toEqual({
        n: 1,
      });
      expect(await store.update<{ n: number }>('meta', 'n', (cur) => ({ n: (cur?.n ?? 0) + 1 }))).toEqual({
        n: 2,
      });
      expect(await store.get('meta', 'n')).toEqual({ n: 2 });
      expect(await store.update('meta', 'n', () => undefined)).toBeUndefined();
      expect(await store.get('meta', 'n')).toBeUndefined();
    });

    it('update returning the current value writes nothing (expiry unchanged even with ttlMs)', async () => {
      await store.set('leases', 'mine', { owner: 'other' }, TTL);
      const result = await store.update<{ owner: string }>(
        'leases',
        'mine',
        (cur) => (cur?.owner === 'me' ? { owner: 'me' } : cur),
        60_000,
      );
      expect(result).toEqual({ owner: 'other' });
      clock.advance(PAST_TTL);
      expect(await store.get('leases', 'mine')).toBeUndefined();
    });

    it('update keeps the existing expiry unless ttlMs is given', async () => {
      const bump = (cur: { n: number } | undefined) => ({ n: (cur?.n ?? 0) + 1 });
      await store.set('leases', 'keep', { n: 1 }, TTL);
      await store.set('leases', 'renew', { n: 1 }, TTL);
      expect(await store.update('leases', 'keep', bump)).toEqual({ n: 2 });
      expect(await store.update('leases', 'renew', bump, 10 * TTL)).toEqual({ n: 2 });
      clock.advance(PAST_TTL);
      expect(await store.get('leases', 'keep')).toBeUndefined();
      expect(await store.get('leases', 'renew')).toEqual({ n: 2 });
    });

    it('update treats an expired entry as absent', async () => {
      await store.set('meta', 'old', { n: 100 }, TTL);
      clock.advance(PAST_TTL);
      expect(await store.update<{ n: number }>('meta', 'old', (cur) => ({ n: (cur?.n ?? 0) + 1 }))).toEqual({
        n: 1,
      });
    });

    it('50 concurrent updates on one store are all applied', async () => {
      await Promise.all(
        Array.from({ length: 50 }, () => store.update<number>('meta', 'counter', (cur) => (cur ?? 0) + 1)),
      );
      expect(await store.get('meta', 'counter')).toBe(50);
    });

    it('an error thrown by the update function propagates and writes nothing', async () => {
      await store.set('meta', 'stable', { v: 1 });
      await expect(
        store.update('meta', 'stable', () => {
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.get('meta', 'stable')).toEqual({ v: 1 });
    });

    it('ping resolves; after close every operation rejects; close is idempotent', async () => {
      await store.ping();
      await store.close();
      await store.close();
      await expect(store.get('meta', 'k')).rejects.toThrow(/closed/);
      await expect(store.set('meta', 'k', 1)).rejects.toThrow(/closed/);
      await expect(store.claim('meta', 'k', 1)).rejects.toThrow(/closed/);
      await expect(store.ping()).rejects.toThrow(/closed/);
    });

    if (target.shared) {
      it('two stores on the same backend see each other’s data', async () => {
        const other = await open();
        await store.set('schedules', 's1', { cron: '0 9 * * *' });
        expect(await other.get('schedules', 's1')).toEqual({ cron: '0 9 * * *' });
        expect(await other.list('schedules')).toEqual([{ key: 's1', value: { cron: '0 9 * * *' } }]);
      });

      it('two stores racing to claim one key: exactly one claim wins overall', async () => {
        const other = await open();
        const claims = Array.from({ length: 50 }, (_, i) =>
          (i % 2 === 0 ? store : other).claim('deliveries', 'shared-race', { by: i }, 60_000),
        );
        const results = await Promise.all(claims);
        expect(results.filter(Boolean)).toHaveLength(1);
      });

      it('two stores updating one key concurrently lose no increments (compare-and-swap)', async () => {
        const other = await open();
        const increments = Array.from({ length: 40 }, (_, i) =>
          (i % 2 === 0 ? store : other).update<number>('meta', 'shared-counter', (cur) => (cur ?? 0) + 1),
        );
        await Promise.all(increments);
        expect(await store.get('meta', 'shared-counter')).toBe(40);
      });
    }
  });
}
