/**
 * openStore(STORE_URL): picks the backend from the URL scheme. Adapter modules are imported lazily,
 * so a Redis deployment never loads the native sqlite3 binding and vice versa.
 *
 * Opening is all or nothing: the backend must answer AND accept a write (a read-only SQLite file,
 * a Redis replica or a read-only Postgres user is refused here, not discovered at the first
 * /schedule add). A failure is one StoreOpenError naming STORE_URL and the fix; what the backend
 * reported while opening is not logged separately.
 */
import type { Logger } from '../logger.ts';
import { errorSummary, StoreOpenError } from './errors.ts';
import type { OpenStoreOptions, Store, StoreKind } from './types.ts';
import { invalidStoreUrl, redactUrl } from './url.ts';

/** Opening gives up after this, whatever the backend does (a hung mount, a black-holed host). */
const OPEN_TIMEOUT_MS = 20_000;

/** A logger that drops lines until `open()`: failures while opening are the thrown error. */
function quietUntilOpen(logger: Logger | undefined) {
  let open = false;
  const gated = (level: keyof Logger) => (obj: object, msg?: string) => {
    if (open) logger?.[level](obj, msg);
  };
  return {
    logger: logger && {
      debug: gated('debug'),
      info: gated('info'),
      warn: gated('warn'),
      error: gated('error'),
    },
    open: () => {
      open = true;
    },
  };
}

const WRITE_FIX: Record<StoreKind, string> = {
  sqlite: "make the file and its folder writable by the bot's user, or set STORE_URL to a writable path",
  redis: 'point STORE_URL at a Redis primary that accepts writes (a replica is read-only)',
  postgres: 'let the user write to public.keyv (INSERT, UPDATE, DELETE) or point STORE_URL at the primary',
  memory: 'use another STORE_URL',
};

async function openBackend(url: string, options: OpenStoreOptions): Promise<Store> {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase();
  const rest = scheme === undefined ? '' : url.slice(scheme.length + 3);
  switch (scheme) {
    case 'memory':
      return (await import('./memory.ts')).openMemoryStore(options);
    case 'sqlite':
      if (rest === '' || rest === '/') throw invalidStoreUrl(url, 'has no file path');
      return (await import('./sqlite.ts')).openSqliteStore(rest, options);
    case 'redis':
    case 'rediss':
      return (await import('./redis.ts')).openRedisStore(url, options);
    case 'postgres':
    case 'postgresql':
      return (await import('./postgres.ts')).openPostgresStore(url, options);
    default:
      throw invalidStoreUrl(
        url,
        scheme === undefined ? 'is not a URL' : `has an unsupported scheme "${scheme}:"`,
      );
  }
}

export async function openStore(url: string, options: OpenStoreOptions = {}): Promise<Store> {
  const gate = quietUntilOpen(options.logger);
  const opening = openBackend(url, { ...options, logger: gate.logger });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new StoreOpenError(
            `STORE_URL ${redactUrl(url)} did not open within ${OPEN_TIMEOUT_MS / 1000} s: check that the path or server is reachable, or set STORE_URL to another store`,
          ),
        ),
      OPEN_TIMEOUT_MS,
    );
    timer.unref();
  });
  let store: Store;
  try {
    store = await Promise.race([opening, timeout]);
  } finally {
    clearTimeout(timer);
  }
  try {
    await store.set('meta', 'write-check', { at: (options.clock?.now() ?? new Date()).toISOString() });
  } catch (error) {
    await store.close().catch(() => {});
    throw new StoreOpenError(
      `STORE_URL ${store.describe()} refuses writes (${errorSummary(error)}): ${WRITE_FIX[store.kind]}`,
      { cause: error },
    );
  }
  gate.open();
  return store;
}
