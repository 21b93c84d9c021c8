/**
 * The bot's persistence: one typed Store over keyv, backend chosen by STORE_URL.
 *
 *   const store = await openStore(config.STORE_URL, { logger });
 *   if (await store.claim('deliveries', `${scheduleId}:${slotIso}`, { at: now.toISOString() }, 7 * DAY)) post();
 *
 * - `sqlite://var/briefbot.sqlite` (relative to cwd, folder created), `sqlite:///abs/path.sqlite`: one
 *   host; several processes may share the file. `redis://host:6379[/db]` (Redis >= 6, not Cluster)
 *   and `postgres://user:pass@host/db` (Postgres >= 11): several hosts. `memory://`: tests only.
 * - Values are JSON. Store dates as ISO strings (a Date comes back as a string).
 * - claim() is the exactly-once primitive (atomic set-if-absent-or-expired, across processes);
 *   update() is compare-and-swap. Why keyv alone is not enough: see core.ts.
 * - Backend failures reject (after at most `operationTimeoutMs`, default 10 s); nothing crashes the
 *   process. Wrap calls that must succeed in withRetry(). A Redis restart heals by itself.
 */
export { StoreOpenError, StoreUnavailableError } from './errors.ts';
export { openStore } from './open.ts';
export { backoffDelay, type RetryOptions, withRetry } from './retry.ts';
export type {
  OpenStoreOptions,
  Store,
  StoreEntry,
  StoreKind,
  StoreNamespace,
} from './types.ts';
export { redactUrl } from './url.ts';
