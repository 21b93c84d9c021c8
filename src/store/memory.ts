/**
 * memory:// — keyv over a private Map, for tests. One process, no persistence; every open is empty.
 * Values go through the same serializer as the real backends, so a value that would not survive
 * JSON fails here too. claim/compareAndSwap are synchronous Map operations, hence atomic.
 */
import Keyv from 'keyv';
import { type Backend, createStore } from './core.ts';
import type { OpenStoreOptions, Store } from './types.ts';

function expiresOf(raw: string): number | undefined {
  try {
    const parsed: unknown = JSON.parse(raw);
    const expires = (parsed as { expires?: unknown } | null)?.expires;
    return typeof expires === 'number' ? expires : undefined;
  } catch {
    return undefined;
  }
}

export async function openMemoryStore(options: OpenStoreOptions = {}): Promise<Store> {
  const map = new Map<string, string>();
  const keyv = new Keyv({ store: map, namespace: undefined, useKeyPrefix: false, throwOnErrors: true });
  keyv.on('error', () => {});

  const backend: Backend = {
    kind: 'memory',
    description: 'memory://',
    keyv,
    sweepExpired: true,
    async scanRaw(prefix) {
      return [...map].filter(([key]) => key.startsWith(prefix));
    },
    async insertIfFree(key, raw, _ttlMs, now) {
      const existing = map.get(key);
      if (existing !== undefined) {
        const expires = expiresOf(existing);
        if (expires === undefined || expires > now) return false;
      }
      map.set(key, raw);
      return true;
    },
    async insertManyIfFree(rows, ttlMs, now) {
      const won: string[] = [];
      for (const [key, raw] of rows) if (await this.insertIfFree(key, raw, ttlMs, now)) won.push(key);
      return won;
    },
    async compareAndSwap(key, expected, next) {
      if (map.get(key) !== expected) return false;
      if (next === undefined) map.delete(key);
      else map.set(key, next);
      return true;
    },
    async ping() {},
    async close() {
      map.clear();
    },
  };
  return createStore(backend, options);
}
