/**
 * postgres://user:pass@host[:port]/db (or postgresql://) — keyv's Postgres adapter on a pg.Pool we own.
 *
 * Table (created by @keyv/postgres, and again here so a store opened while the database was down
 * still gets it): `public.keyv(key VARCHAR(255) PRIMARY KEY, value TEXT)`; the value is keyv's JSON
 * `{"value":…,"expires":<epoch ms>}`. No native TTL: expired rows stay until claimed/swept/deleted.
 *
 * Why our own pool: @keyv/postgres keeps ONE module-level pool (a second store with another URL
 * silently replaces it, and closing any store ends it for all) and attaches no 'error' listener to it,
 * so an idle connection dropped by the server would crash the process.
 *
 * Atomicity: claim is `INSERT … ON CONFLICT (key) DO UPDATE … WHERE <existing row expired>
 * RETURNING key` and compare-and-swap is `UPDATE/DELETE … WHERE key = $1 AND value = $2` or
 * `INSERT … ON CONFLICT DO NOTHING`: single statements; Postgres locks the row and re-checks the
 * condition on the newest version under READ COMMITTED, so exactly one concurrent caller wins.
 */
import { createRequire } from 'node:module';
import KeyvPostgres from '@keyv/postgres';
import Keyv from 'keyv';
import {
  type Backend,
  createErrorReporter,
  createStore,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_OPERATION_TIMEOUT_MS,
  withTimeout,
} from './core.ts';
import { errorSummary, StoreOpenError } from './errors.ts';
import type { OpenStoreOptions, Store } from './types.ts';
import { redactUrl } from './url.ts';

type Row = { key: string; value: string };

interface PgPool {
  query(sql: string, values?: unknown[]): Promise<{ rows: Row[] }>;
  end(): Promise<void>;
  on(event: 'error', listener: (error: Error) => void): unknown;
}
type PgModule = { Pool: new (config: Record<string, unknown>) => PgPool };

/**
 * `pg` is @keyv/postgres's own dependency (and ships no types): load that very copy, resolved from
 * the adapter's location, so the versions always match.
 */
function loadPg(): PgModule {
  const adapterEntry = createRequire(import.meta.url).resolve('@keyv/postgres');
  const mod = createRequire(adapterEntry)('pg') as PgModule | { default: PgModule };
  return 'Pool' in mod ? mod : mod.default;
}

/** The stock adapter, but querying through the pool passed in `opts.pool`. */
class PooledKeyvPostgres extends KeyvPostgres {
  override async connect() {
    const { pool } = this.opts as { pool?: PgPool };
    if (!pool) throw new Error('PooledKeyvPostgres needs opts.pool');
    return async (sql: string, values?: unknown) =>
      (await pool.query(sql, values as unknown[] | undefined)).rows;
  }

  override async disconnect() {
    // The pool belongs to the store, which ends it.
  }
}

export async function openPostgresStore(url: string, options: OpenStoreOptions = {}): Promise<Store> {
  const description = redactUrl(url);
  const reporter = createErrorReporter(options.logger, description, options.clock);
  const connectTimeout = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const { Pool } = loadPg();
  const pool = new Pool({
    connectionString: url,
    max: 5,
    connectionTimeoutMillis: connectTimeout,
    idleTimeoutMillis: 30_000,
    query_timeout: options.operationTimeoutMs ?? DEFAULT_OPERATION_TIMEOUT_MS,
    application_name: 'briefbot',
    keepAlive: true,
  });
  pool.on('error', reporter.error);

  const table = 'public.keyv';
  // A variable, not a literal: `pool` is our extra option (no excess-property check if pg gets types).
  const adapterOptions = { uri: url, schema: 'public', table: 'keyv', pool };
  const adapter = new PooledKeyvPostgres(adapterOptions);
  const keyv = new Keyv({ store: adapter, namespace: undefined, useKeyPrefix: false, throwOnErrors: true });
  keyv.on('error', reporter.error);

  const query = async (sql: string, values: unknown[] = []): Promise<Row[]> =>
    (await pool.query(sql, values)).rows;
  const changed = async (sql: string, values: unknown[]) => (await query(sql, values)).length > 0;

  const backend: Backend = {
    kind: 'postgres',
    description,
    keyv,
    sweepExpired: true,
    scanRaw: async (prefix) => {
      const rows = await query(`SELECT key, value FROM ${table} WHERE starts_with(key, $1)`, [prefix]);
      return rows.map((row): [string, string] => [row.key, row.value]);
    },
    insertIfFree: (key, raw, _ttlMs, now) =>
      changed(
        `INSERT INTO ${table} AS t (key, value) VALUES ($1, $2)
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value
         WHERE (t.value::jsonb ->> 'expires')::numeric <= $3
         RETURNING t.key`,
        [key, raw, now],
      ),
    insertManyIfFree: async (rows, _ttlMs, now) => {
      if (rows.length === 0) return [];
      const values = rows.map((_, i) => `($${2 * i + 1}, $${2 * i + 2})`).join(', ');
      const won = await query(
        `INSERT INTO ${table} AS t (key, value) VALUES ${values}
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value
         WHERE (t.value::jsonb ->> 'expires')::numeric <= $${2 * rows.length + 1}
         RETURNING t.key`,
        [...rows.flat(), now],
      );
      return won.map((row) => row.key);
    },
    compareAndSwap: async (key, expected, next) => {
      if (expected === undefined && next === undefined) {
        return (await query(`SELECT key FROM ${table} WHERE key = $1`, [key])).length === 0;
      }
      if (expected === undefined) {
        return changed(
          `INSERT INTO ${table} (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING RETURNING key`,
          [key, next],
        );
      }
      if (next === undefined) {
        return changed(`DELETE FROM ${table} WHERE key = $1 AND value = $2 RETURNING key`, [key, expected]);
      }
      return changed(`UPDATE ${table} SET value = $1 WHERE key = $2 AND value = $3 RETURNING key`, [
        next,
        key,
        expected,
      ]);
    },
    ping: async () => {
      await query('SELECT 1');
      reporter.recovered();
    },
    close: () => pool.end(),
  };

  try {
    await withTimeout(
      (async () => {
        await adapter.query('SELECT 1'); // waits for the adapter's own CREATE TABLE attempt
        await query(`CREATE TABLE IF NOT EXISTS ${table} (key VARCHAR(255) PRIMARY KEY, value TEXT)`).catch(
          (error: { code?: string }) => {
            if (error.code !== '23505') throw error; // lost a concurrent CREATE race: the table exists
          },
        );
      })(),
      connectTimeout * 2,
      `connecting to ${description}`,
    );
  } catch (error) {
    await pool.end().catch(() => {});
    const code = (error as { code?: unknown }).code;
    const fix =
      code === '28P01' || code === '28000'
        ? 'check the user and password in STORE_URL'
        : code === '3D000'
          ? 'create that database (createdb) or fix its name in STORE_URL'
          : 'start Postgres there, or fix STORE_URL';
    throw new StoreOpenError(`STORE_URL ${description} is not answering (${errorSummary(error)}): ${fix}`, {
      cause: error,
    });
  }
  return createStore(backend, options);
}
