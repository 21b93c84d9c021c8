/**
 * The store as the metrics see it: every operation timed, every StoreUnavailableError counted. A
 * decorator, so the store and its callers stay as they are.
 */
import { type Store, StoreUnavailableError } from '../store/index.ts';

export type StoreOperation = 'get' | 'set' | 'delete' | 'list' | 'claim' | 'claimMany' | 'update' | 'ping';

export interface StoreEvents {
  /** `seconds` the operation took; `failed`: it rejected with StoreUnavailableError (down, timeout). */
  operation(op: StoreOperation, seconds: number, failed: boolean): void;
}

export function timedStore(inner: Store, events: StoreEvents): Store {
  const timed =
    <A extends unknown[], R>(op: StoreOperation, fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const started = performance.now();
      try {
        const result = await fn(...args);
        events.operation(op, (performance.now() - started) / 1000, false);
        return result;
      } catch (error) {
        events.operation(op, (performance.now() - started) / 1000, error instanceof StoreUnavailableError);
        throw error;
      }
    };
  // `satisfies`: a method added to the Store interface must be timed here too (or it fails to compile).
  return {
    get kind() {
      return inner.kind;
    },
    describe: () => inner.describe(),
    get: timed('get', inner.get.bind(inner)),
    set: timed('set', inner.set.bind(inner)),
    delete: timed('delete', inner.delete.bind(inner)),
    list: timed('list', inner.list.bind(inner)),
    claim: timed('claim', inner.claim.bind(inner)),
    claimMany: timed('claimMany', inner.claimMany.bind(inner)),
    update: timed('update', inner.update.bind(inner)),
    ping: timed('ping', inner.ping.bind(inner)),
    close: () => inner.close(),
  } satisfies Record<keyof Store, unknown> as Store;
}
