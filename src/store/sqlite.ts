/**
 * sqlite://relative/path.sqlite or sqlite:///absolute/path.sqlite — keyv's SQLite adapter.
 *
 * Table (created by @keyv/sqlite): `keyv(key VARCHAR(255) PRIMARY KEY, value TEXT)`; the value is
 * keyv's JSON `{"value":…,"expires":<epoch ms>}`. SQLite has no TTL, so expired rows stay until
 * claimed, swept by list() or deleted.
 *
 * Atomicity: claim and compare-and-swap are single statements (`INSERT … ON CONFLICT DO UPDATE …
 * WHERE <expired>` / `UPDATE … WHERE value = ?`, each with `RETURNING`), so SQLite's write lock makes
 * them atomic across connections and processes sharing the file. busy_timeout makes a second process
 * wait for the lock instead of failing; WAL lets readers run alongside the writer.
 */
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import KeyvSqlite from '@keyv/sqlite';
import Keyv from 'keyv';
import {
  type Backend,
  createErrorReporter,
  createStore,
  DEFAULT_CONNECT_TIMEOUT_MS,
  withTimeout,
} from './core.ts';
import { errorSummary, StoreOpenError } from './errors.ts';
import type { OpenStoreOptions, Store } from './types.ts';

type Row = { key: string; value: string };

/** Rows per statement when listing a namespace (see scanRaw). */
export const SCAN_PAGE = 1_000;

/**
 * `mkdir -p` one level at a time. Node's recursive mkdir never returns for a path under /proc
 * (it loops on ENOENT), so the first existing ancestor is found with stat and each missing folder
 * is created on its own: a folder that cannot be created fails at once.
 */
async function ensureDir(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let current = dir; ; current = path.dirname(current)) {
    try {
      if (!(await stat(current)).isDirectory()) {
        throw Object.assign(new Error(`${current} is not a folder`), { code: 'ENOTDIR' });
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || path.dirname(current) === current)
        throw error;
      missing.push(current);
    }
  }
  for (const folder of missing.reverse()) {
    await mkdir(folder).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  }
}

/** "var/" for a folder under the working directory, else the absolute path. */
function shownFolder(dir: string): string {
  const relative = path.relative(process.cwd(), dir);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? `${relative}/` : `${dir}/`;
}

/** Why an SQLite file cannot be used, and the fix, naming STORE_URL. */
function sqliteOpenError(description: string, filename: string, error: unknown): StoreOpenError {
  const code = (error as { code?: unknown }).code;
  const folder = shownFolder(path.dirname(filename));
  const fix =
    code === 'SQLITE_NOTADB'
      ? 'point STORE_URL at another file (this one is not an SQLite database)'
      : code === 'SQLITE_IOERR'
        ? 'point STORE_URL at a regular file in a writable folder, e.g. sqlite://var/briefbot.sqlite'
        : code === 'SQLITE_BUSY'
          ? 'stop the other process holding the file locked, or set STORE_URL to another file'
          : `make ${folder} and the file writable by the bot's user, or set STORE_URL to a writable path`;
  return new StoreOpenError(`STORE_URL ${description} cannot be opened (${errorSummary(error)}): ${fix}`, {
    cause: error,
  });
}

/** `file` is the part after `sqlite://`: relative to process.cwd(), or absolute. */
export async function openSqliteStore(file: string, options: OpenStoreOptions = {}): Promise<Store> {
  const inMemory = file === ':memory:';
  const filename = inMemory ? file : path.resolve(process.cwd(), file);
  const description = `sqlite://${filename}`;
  if (!inMemory) {
    const dir = path.dirname(filename);
    await ensureDir(dir).catch((error: NodeJS.ErrnoException) => {
      throw new StoreOpenError(
        `STORE_URL ${description}: cannot create the folder ${dir} (${error.code ?? error.message}): make ${shownFolder(dir)} writable by the bot's user, or set STORE_URL to a writable path`,
        { cause: error },
      );
    });
  }

  const reporter = createErrorReporter(options.logger, description, options.clock);
  // How long a statement waits for another connection's write lock before failing with SQLITE_BUSY.
  const busyTimeout = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const adapter = new KeyvSqlite({ uri: `sqlite://${filename}`, busyTimeout });
  const keyv = new Keyv({ store: adapter, namespace: undefined, useKeyPrefix: false, throwOnErrors: true });
  keyv.on('error', reporter.error);

  const table = adapter.opts.table ?? 'keyv';
  const query = (sql: string, ...params: unknown[]): Promise<Row[]> => adapter.query(sql, ...params);
  const changed = async (sql: string, ...params: unknown[]) => (await query(sql, ...params)).length > 0;

  const backend: Backend = {
    kind: 'sqlite',
    description,
    keyv,
    sweepExpired: true,
    scanRaw: async (prefix) => {
      // In pages, in key order from where the last one ended: node-sqlite3 copies a whole result
      // into C++ rows on a libuv thread before JavaScript sees it, and glibc keeps that thread's
      // arena when they are freed. One statement over 100k first-seen records left ~35 MB of RSS
      // behind for good; pages of SCAN_PAGE rows reuse one page's worth. Rows written or deleted
      // while the pages are read may or may not be listed (as with Redis's SCAN); none twice.
      // substr/length count characters on both sides; LIKE would be case-insensitive here.
      // Every key is longer than '' (it starts with the namespace prefix), so the first page reads
      // from the start.
      const out: Array<[string, string]> = [];
      let after = '';
      for (;;) {
        const rows = await query(
          `SELECT key, value FROM ${table} WHERE substr(key, 1, length(?)) = ? AND key > ? ORDER BY key LIMIT ${SCAN_PAGE}`,
          prefix,
          prefix,
          after,
        );
        for (const row of rows) out.push([row.key, row.value]);
        if (rows.length < SCAN_PAGE) return out;
        after = rows[rows.length - 1]?.key ?? after;
      }
    },
    insertIfFree: (key, raw, _ttlMs, now) =>
      changed(
        `INSERT INTO ${table} (key, value) VALUES (?, ?)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value
         WHERE (CASE WHEN json_valid(${table}.value) THEN json_extract(${table}.value, '$.expires') END) <= ?
         RETURNING key`,
        key,
        raw,
        now,
      ),
    insertManyIfFree: async (rows, _ttlMs, now) => {
      if (rows.length === 0) return [];
      const values = rows.map(() => '(?, ?)').join(', ');
      const won = await query(
        `INSERT INTO ${table} (key, value) VALUES ${values}
         ON CONFLICT(key) DO UPDATE SET value = excluded.value
         WHERE (CASE WHEN json_valid(${table}.value) THEN json_extract(${table}.value, '$.expires') END) <= ?
         RETURNING key`,
        ...rows.flat(),
        now,
      );
      return won.map((row) => row.key);
    },
    compareAndSwap: async (key, expected, next) => {
      if (expected === undefined && next === undefined) {
        return (await query(`SELECT key FROM ${table} WHERE key = ?`, key)).length === 0;
      }
      if (expected === undefined) {
        return changed(
          `INSERT INTO ${table} (key, value) VALUES (?, ?) ON CONFLICT(key) DO NOTHING RETURNING key`,
          key,
          next,
        );
      }
      if (next === undefined) {
        return changed(`DELETE FROM ${table} WHERE key = ? AND value = ? RETURNING key`, key, expected);
      }
      return changed(
        `UPDATE ${table} SET value = ? WHERE key = ? AND value = ? RETURNING key`,
        next,
        key,
        expected,
      );
    },
    ping: async () => {
      await query('SELECT 1');
    },
    close: () => adapter.disconnect(),
  };

  try {
    // The first query also waits for the adapter's CREATE TABLE.
    await withTimeout(backend.ping(), busyTimeout * 2, `opening ${description}`);
  } catch (error) {
    await adapter.disconnect().catch(() => {});
    throw sqliteOpenError(description, filename, (error as { cause?: unknown }).cause ?? error);
  }
  if (!inMemory) {
    // Persistent per file; best effort (another process may hold a lock right now).
    await query('PRAGMA journal_mode = WAL').catch(reporter.error);
  }
  return createStore(backend, options);
}
