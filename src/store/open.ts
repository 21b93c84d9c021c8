/**
 * openStore(STORE_URL): picks the backend from the URL scheme. Adapter modules are imported lazily,
 * so a Redis deployment never loads the native sqlite3 binding and vice versa.
 */
import type { OpenStoreOptions, Store } from './types.ts';
import { invalidStoreUrl } from './url.ts';

export async function openStore(url: string, options: OpenStoreOptions = {}): Promise<Store> {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase();
  const rest = scheme === undefined ? '' : url.slice(scheme.length + 3);
  switch (scheme) {
    case 'memory':
      return (await import('./memory.ts')).openMemoryStore(options);
    case 'sqlite':
      if (rest === '') throw invalidStoreUrl(url, 'has no file path');
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
