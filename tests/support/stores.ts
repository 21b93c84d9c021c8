/** Stores for tests: a fresh SQLite file per test, and a store that can be made to go down. */
import { mkdtempSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openStore, type Store, StoreUnavailableError } from '../../src/store/index.ts';

/** A STORE_URL for a fresh SQLite file (for a bot process). */
export function tempStoreUrl(): string {
  return `sqlite://${path.join(mkdtempSync(path.join(tmpdir(), 'briefbot-store-')), 'bot.sqlite')}`;
}

/** A fresh SQLite file and how to remove it. */
export async function tempSqlite(): Promise<{ url: string; dir: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'briefbot-sched-'));
  return {
    url: `sqlite://${path.join(dir, 'store.sqlite')}`,
    dir,
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Opens a store under the `test` key prefix. */
export async function openTempStore(url: string): Promise<Store> {
  return openStore(url, { keyPrefix: 'test' });
}

/** A store whose every operation can be made to fail, like a backend outage. */
export function flakyStore(inner: Store): Store & { down: boolean; calls: number } {
  const state = { down: false, calls: 0 };
  const wrap =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => {
      state.calls++;
      if (state.down) return Promise.reject(new StoreUnavailableError('store unavailable (test outage)'));
      return fn(...args);
    };
  const store = {
    get kind() {
      return inner.kind;
    },
    describe: () => inner.describe(),
    get: wrap(inner.get.bind(inner)),
    set: wrap(inner.set.bind(inner)),
    delete: wrap(inner.delete.bind(inner)),
    list: wrap(inner.list.bind(inner)),
    claim: wrap(inner.claim.bind(inner)),
    claimMany: wrap(inner.claimMany.bind(inner)),
    update: wrap(inner.update.bind(inner)),
    ping: wrap(inner.ping.bind(inner)),
    close: () => inner.close(),
    get down() {
      return state.down;
    },
    set down(v: boolean) {
      state.down = v;
    },
    get calls() {
      return state.calls;
    },
  };
  return store as unknown as Store & { down: boolean; calls: number };
}
