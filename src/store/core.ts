/**
 * The backend-independent half of the store: key layout, value encoding, expiry, timeouts, and the
 * claim / update algorithms built on two small native primitives each adapter provides.
 *
 * Why keyv alone is not enough: keyv 5 offers get/set/delete, but no set-if-absent, no
 * compare-and-swap and (depending on the adapter) no usable iterator. Doing `if (!(await has(k)))
 * await set(k)` lets two processes both see "absent" and both post the briefing; and keyv's `get`
 * deletes an expired row unconditionally, which can erase a row another process has just claimed.
 * So keyv does the plain writes (and owns the connection, table and value format), and each adapter
 * adds `insertIfFree` (claim) and `compareAndSwap` (update) implemented natively and atomically.
 *
 * Layout, identical on every backend: key `<keyPrefix>:<namespace>:<key>` (namespace may not contain
 * `:`, so namespaces cannot collide), value = keyv's serialization of `{ value, expires }` where
 * `expires` is epoch milliseconds (absent = never). An entry is live while `expires > now`.
 */
import type Keyv from 'keyv';
import { type Clock, sleep, systemClock, withDeadline } from '../clock.ts';
import { type Logger, throttledWarnings } from '../logger.ts';
import { StoreUnavailableError } from './errors.ts';
import type { OpenStoreOptions, Store, StoreEntry, StoreKind } from './types.ts';

/** What each adapter supplies. All keys here are full keys (`<prefix>:<ns>:<key>`). */
export interface Backend {
  readonly kind: StoreKind;
  readonly description: string;
  /** keyv instance with `useKeyPrefix: false`, no namespace and `throwOnErrors: true`. */
  readonly keyv: Keyv;
  /** SQL and memory rows outlive their expiry (no native TTL): list() sweeps the ones it meets. */
  readonly sweepExpired: boolean;
  /** [fullKey, raw] for every stored row whose key starts with `prefix` (expired rows included). */
  scanRaw(prefix: string): Promise<Array<[string, string]>>;
  /** Atomically store `raw` unless a live row exists. True only for the winner. */
  insertIfFree(key: string, raw: string, ttlMs: number | undefined, now: number): Promise<boolean>;
  /** insertIfFree for each row, in ONE statement or script (at most CLAIM_BATCH rows): the keys won. */
  insertManyIfFree(
    rows: ReadonlyArray<readonly [key: string, raw: string]>,
    ttlMs: number | undefined,
    now: number,
  ): Promise<string[]>;
  /**
   * Atomically: if the stored raw string equals `expected` (undefined = no row), replace it with
   * `next` (undefined = delete). True when the swap happened.
   */
  compareAndSwap(
    key: string,
    expected: string | undefined,
    next: string | undefined,
    ttlMs: number | undefined,
  ): Promise<boolean>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

interface StoredData {
  value?: unknown;
  expires?: number | null;
}

const DEFAULT_KEY_PREFIX = 'briefbot';
export const DEFAULT_OPERATION_TIMEOUT_MS = 10_000;
export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
/** The Postgres table keyv creates has `key VARCHAR(255)`; enforce it everywhere for consistency. */
const MAX_FULL_KEY_LENGTH = 255;
const MAX_CAS_ATTEMPTS = 25;
/** Rows per claimMany() write: well under SQLite's and Postgres's bound-parameter limits. */
export const CLAIM_BATCH = 500;
const NAME_RE = /^[A-Za-z0-9_.-]{1,64}$/;

function assertName(what: string, name: unknown): asserts name is string {
  if (typeof name !== 'string' || !NAME_RE.test(name)) {
    throw new TypeError(`store: ${what} must match ${NAME_RE} (got ${JSON.stringify(name)})`);
  }
}

function normalizeTtl(ttlMs: number | undefined): number | undefined {
  if (ttlMs === undefined) return undefined;
  if (typeof ttlMs !== 'number' || !Number.isFinite(ttlMs) || ttlMs <= 0) {
    throw new RangeError(`store: ttlMs must be a positive number of milliseconds (got ${ttlMs})`);
  }
  return Math.ceil(ttlMs);
}

function isLive(data: StoredData, now: number): boolean {
  return typeof data.expires !== 'number' || data.expires > now;
}

/** Rejects with an Error naming `what` when `work` takes longer than `ms` (opening, closing). */
export function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  return withDeadline(work, ms, () => {
    throw new Error(`${what} timed out after ${ms} ms`);
  });
}

/** An exception thrown by the caller's update function: passed through, never "unavailable". */
class UpdateFunctionError {
  constructor(readonly error: unknown) {}
}

/** Serializes async work per key inside this process (update() would otherwise fight itself). */
class KeyedMutex {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release: () => void = () => {};
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => mine);
    this.tails.set(key, tail);
    await previous;
    try {
      return await fn();
    } finally {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

/**
 * Logs backend errors without flooding: the same message is logged at most once per 30 s
 * (a Redis that is down produces one error per reconnect attempt).
 */
export function createErrorReporter(logger: Logger | undefined, store: string, clock?: Clock) {
  const warnings = logger && throttledWarnings(logger, { clock });
  let failing = false;
  return {
    error(error: unknown): void {
      failing = true;
      const message = errorMessage(error);
      warnings?.warn(message, { err: error, store }, `store backend error: ${message}`);
    },
    /** Call when the backend is usable again; logs once after a failure streak. */
    recovered(): void {
      if (!failing) return;
      failing = false;
      warnings?.reset();
      logger?.info({ store }, 'store backend reachable again');
    },
  };
}

export function createStore(backend: Backend, options: OpenStoreOptions = {}): Store {
  const keyPrefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
  assertName('keyPrefix', keyPrefix);
  const timeoutMs = options.operationTimeoutMs ?? DEFAULT_OPERATION_TIMEOUT_MS;
  const clock = options.clock ?? systemClock;
  const now = () => clock.now().getTime();
  const { keyv } = backend;
  const mutex = new KeyedMutex();
  let closed = false;
  let closing: Promise<void> | undefined;

  const nsPrefix = (ns: string): string => {
    assertName('namespace', ns);
    return `${keyPrefix}:${ns}:`;
  };

  const fullKey = (ns: string, key: string): string => {
    if (typeof key !== 'string' || key.length === 0) {
      throw new TypeError(`store: key must be a non-empty string (got ${JSON.stringify(key)})`);
    }
    const full = nsPrefix(ns) + key;
    if (full.length > MAX_FULL_KEY_LENGTH) {
      throw new RangeError(
        `store: key too long (${full.length} > ${MAX_FULL_KEY_LENGTH} with prefix): ${full}`,
      );
    }
    return full;
  };

  const encode = async (value: unknown, expires: number | undefined): Promise<string> => {
    if (value === undefined) throw new TypeError('store: cannot store undefined (use delete)');
    const serialize = keyv.serialize ?? JSON.stringify;
    return serialize({ value, expires });
  };

  const decode = async (raw: unknown): Promise<StoredData | undefined> => {
    if (typeof raw !== 'string') return undefined;
    const data = (await (keyv.deserialize ?? JSON.parse)(raw)) as StoredData | undefined;
    if (data === null || typeof data !== 'object' || data.value === undefined) return undefined;
    return data;
  };

  // The adapter itself, under keyv: its get never deletes an expired row behind our back, and its set
  // stores the expiry we computed from our clock (keyv.set would use Date.now()).
  const adapter = keyv.store as {
    get(key: string): unknown;
    set(key: string, raw: string, ttlMs?: number): Promise<unknown>;
  };
  const getRaw = async (key: string): Promise<string | undefined> => {
    const raw: unknown = await adapter.get(key);
    return typeof raw === 'string' ? raw : undefined;
  };

  /**
   * Every operation: bounded by the timeout; a backend failure or a timeout becomes a
   * StoreUnavailableError, while misuse (TypeError, RangeError) and errors thrown by an update
   * function pass through as they are.
   */
  const run = async <T>(op: string, fn: () => Promise<T>): Promise<T> => {
    const where = `store ${op} on ${backend.description}`;
    if (closed) throw new StoreUnavailableError(`store ${backend.description} is closed (${op})`);
    try {
      return await withDeadline(fn(), timeoutMs, () => {
        throw new StoreUnavailableError(`${where} timed out after ${timeoutMs} ms`);
      });
    } catch (error) {
      if (error instanceof UpdateFunctionError) throw error.error;
      if (error instanceof StoreUnavailableError || error instanceof TypeError || error instanceof RangeError)
        throw error;
      throw new StoreUnavailableError(`${where} failed: ${errorMessage(error)}`, { cause: error });
    }
  };

  const store: Store = {
    kind: backend.kind,
    describe: () => backend.description,

    get<T>(ns: string, key: string): Promise<T | undefined> {
      return run('get', async () => {
        const k = fullKey(ns, key);
        const data = await decode(await getRaw(k));
        return data && isLive(data, now()) ? (data.value as T) : undefined;
      });
    },

    set<T>(ns: string, key: string, value: T, ttlMs?: number): Promise<void> {
      return run('set', async () => {
        const k = fullKey(ns, key);
        const ttl = normalizeTtl(ttlMs);
        const raw = await encode(value, ttl === undefined ? undefined : now() + ttl);
        await adapter.set(k, raw, ttl);
      });
    },

    delete(ns: string, key: string): Promise<boolean> {
      return run('delete', async () => keyv.delete(fullKey(ns, key)));
    },

    list<T>(ns: string, prefix = ''): Promise<Array<StoreEntry<T>>> {
      return run('list', async () => {
        const base = nsPrefix(ns);
        const scanPrefix = base + prefix;
        const rows = await backend.scanRaw(scanPrefix);
        const at = now();
        const entries = new Map<string, T>();
        const expired: Array<[string, string]> = [];
        for (const [k, raw] of rows) {
          if (!k.startsWith(scanPrefix)) continue;
          // One unreadable row must not make the whole namespace unlistable.
          const data = await decode(raw).catch((error: unknown) => {
            options.logger?.warn(
              { err: error, key: k, store: backend.description },
              'store: skipping unreadable entry',
            );
            return undefined;
          });
          if (!data) continue;
          if (isLive(data, at)) entries.set(k.slice(base.length), data.value as T);
          else if (backend.sweepExpired) expired.push([k, raw]);
        }
        // Conditional delete: a row re-claimed since we read it is left alone.
        await Promise.allSettled(
          expired.map(([k, raw]) => backend.compareAndSwap(k, raw, undefined, undefined)),
        );
        return [...entries]
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([key, value]) => ({ key, value }));
      });
    },

    claim<T>(ns: string, key: string, value: T, ttlMs?: number): Promise<boolean> {
      return run('claim', async () => {
        const k = fullKey(ns, key);
        const ttl = normalizeTtl(ttlMs);
        const at = now();
        const raw = await encode(value, ttl === undefined ? undefined : at + ttl);
        return backend.insertIfFree(k, raw, ttl, at);
      });
    },

    claimMany<T>(ns: string, entries: ReadonlyArray<StoreEntry<T>>, ttlMs?: number): Promise<Set<string>> {
      return run('claimMany', async () => {
        const ttl = normalizeTtl(ttlMs);
        const base = nsPrefix(ns);
        const won = new Set<string>();
        for (let i = 0; i < entries.length; i += CLAIM_BATCH) {
          const at = now();
          const expires = ttl === undefined ? undefined : at + ttl;
          const rows = await Promise.all(
            entries
              .slice(i, i + CLAIM_BATCH)
              .map(async (e) => [fullKey(ns, e.key), await encode(e.value, expires)] as const),
          );
          for (const key of await backend.insertManyIfFree(rows, ttl, at)) won.add(key.slice(base.length));
        }
        return won;
      });
    },

    update<T>(
      ns: string,
      key: string,
      fn: (current: T | undefined) => T | undefined,
      ttlMs?: number,
    ): Promise<T | undefined> {
      // In-process calls queue on a per-key mutex (no self-contention); other processes are
      // handled by compare-and-swap with retries.
      return run('update', async () => {
        const k = fullKey(ns, key);
        const ttl = normalizeTtl(ttlMs);
        return mutex.run(k, async () => {
          for (let attempt = 1; attempt <= MAX_CAS_ATTEMPTS; attempt++) {
            const raw = await getRaw(k);
            const at = now();
            const data = await decode(raw);
            const live = data && isLive(data, at) ? data : undefined;
            const current = live?.value as T | undefined;
            let next: T | undefined;
            try {
              next = fn(current);
            } catch (error) {
              throw new UpdateFunctionError(error);
            }
            if (next !== undefined && next === current) return current;
            let swapped: boolean;
            if (next === undefined) {
              if (raw === undefined) return undefined;
              swapped = await backend.compareAndSwap(k, raw, undefined, undefined);
            } else {
              let expires: number | undefined;
              let rowTtl: number | undefined;
              if (ttl !== undefined) {
                expires = at + ttl;
                rowTtl = ttl;
              } else if (typeof live?.expires === 'number') {
                expires = live.expires;
                rowTtl = Math.max(1, expires - at);
              }
              swapped = await backend.compareAndSwap(k, raw, await encode(next, expires), rowTtl);
            }
            if (swapped) return next;
            await sleep(Math.random() * Math.min(200, 5 * 2 ** attempt));
          }
          throw new StoreUnavailableError(
            `store update ${k} gave up after ${MAX_CAS_ATTEMPTS} conflicting writes`,
          );
        });
      });
    },

    ping(): Promise<void> {
      return run('ping', () => backend.ping());
    },

    close(): Promise<void> {
      closed = true;
      closing ??= backend.close();
      return closing;
    },
  };
  return store;
}
