/**
 * The store contract shared by every backend (memory, SQLite, Redis, Postgres).
 *
 * Values are JSON: plain objects, arrays, strings, numbers, booleans and null. A `Date` is NOT kept
 * as a Date: callers store `date.toISOString()` and parse it back themselves (keyv's serializer would
 * silently turn a Date into a string, so the type on the way out would lie).
 *
 * Errors: an operation rejects with StoreUnavailableError when the backend fails or does not answer
 * in time; TypeError / RangeError mean a bad call (a bug), never an outage.
 */

import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';

export type StoreKind = 'sqlite' | 'redis' | 'postgres' | 'memory';

/** Namespaces used by the bot. Any `[A-Za-z0-9_.-]{1,64}` string is accepted. */
export type StoreNamespace = 'schedules' | 'deliveries' | 'leases' | 'watermarks' | 'meta' | (string & {});

export interface StoreEntry<T> {
  key: string;
  value: T;
}

export interface OpenStoreOptions {
  /** Backend errors and reconnects are logged here (throttled). Without it they are swallowed. */
  logger?: Logger;
  /** Decides expiry (ttl) on every backend. Default: the system clock. */
  clock?: Clock;
  /**
   * Top-level key prefix, so several bots (or test runs) can share one Redis/Postgres.
   * Keys are stored as `<keyPrefix>:<namespace>:<key>`. Default `briefbot`.
   */
  keyPrefix?: string;
  /** Every operation rejects after this many ms instead of hanging. Default 10 000. */
  operationTimeoutMs?: number;
  /** Connecting at open time gives up after this many ms. Default 5 000. */
  connectTimeoutMs?: number;
}

export interface Store {
  readonly kind: StoreKind;
  /** Where the data lives, for logs. Never contains a password. */
  describe(): string;

  /** The live value, or undefined when absent or expired. */
  get<T>(ns: StoreNamespace, key: string): Promise<T | undefined>;
  /** Unconditional write. `ttlMs` (> 0) makes the entry expire; omitted means it never expires. */
  set<T>(ns: StoreNamespace, key: string, value: T, ttlMs?: number): Promise<void>;
  /** True when a row existed (SQL backends may report true for an expired row not yet swept). */
  delete(ns: StoreNamespace, key: string): Promise<boolean>;
  /** Every live entry of a namespace whose key starts with `prefix`, sorted by key. */
  list<T>(ns: StoreNamespace, prefix?: string): Promise<Array<StoreEntry<T>>>;

  /**
   * Atomic set-if-absent: writes `value` only if there is no live entry (absent or expired) and
   * returns true for exactly one caller, across all processes sharing the backend.
   */
  claim<T>(ns: StoreNamespace, key: string, value: T, ttlMs?: number): Promise<boolean>;

  /**
   * claim() for many keys in one write per batch (a single statement or script on every backend):
   * each entry is written only where no live entry holds its key. Resolves to the keys won.
   */
  claimMany<T>(
    ns: StoreNamespace,
    entries: ReadonlyArray<StoreEntry<T>>,
    ttlMs?: number,
  ): Promise<Set<string>>;

  /**
   * Read-modify-write with compare-and-swap, retried on conflict (atomic across processes on every
   * backend; see core.ts). `fn` may run more than once, so keep it pure.
   * - return a new value to write it; return `current` itself (same reference) to leave the entry alone;
   *   return undefined to delete the entry.
   * - expiry: kept as it was unless `ttlMs` is given, which sets it to now + ttlMs on write.
   * Resolves to the value now stored (undefined when absent).
   */
  update<T>(
    ns: StoreNamespace,
    key: string,
    fn: (current: T | undefined) => T | undefined,
    ttlMs?: number,
  ): Promise<T | undefined>;

  /** Resolves when the backend answers, rejects when it is down. */
  ping(): Promise<void>;
  /** Releases connections. Idempotent; later operations reject. */
  close(): Promise<void>;
}
