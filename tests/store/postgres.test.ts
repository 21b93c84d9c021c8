import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.ts';
import { storeContract } from './contract.ts';
import { IN_CI, POSTGRES_URL, uniquePrefix } from './helpers.ts';

if (!POSTGRES_URL && IN_CI) {
  throw new Error('CI is set but POSTGRES_URL is not: .ci/run starts PostgreSQL and exports it');
}
if (!POSTGRES_URL) {
  console.warn('[store] POSTGRES_URL is not set; Postgres tests skipped');
  describe.skip('Postgres store — SKIPPED: POSTGRES_URL is not set', () => {
    it('contract', () => {});
  });
} else {
  const cleanup = async (keyPrefix: string) => {
    const { createRequire } = await import('node:module');
    const require = createRequire(import.meta.url);
    const pg = createRequire(require.resolve('@keyv/postgres'))('pg') as {
      Client: new (config: {
        connectionString: string;
      }) => {
        connect(): Promise<void>;
        query(sql: string, values: unknown[]): Promise<unknown>;
        end(): Promise<void>;
      };
    };
    const client = new pg.Client({ connectionString: POSTGRES_URL });
    await client.connect();
    await client.query('DELETE FROM public.keyv WHERE starts_with(key, $1)', [`${keyPrefix}:`]);
    await client.end();
  };

  storeContract({
    name: 'postgres',
    shared: true,
    open: (keyPrefix, clock) => openStore(POSTGRES_URL, { keyPrefix, clock }),
    cleanup,
  });

  describe('Postgres store', () => {
    it('describe() never shows the password', async () => {
      const keyPrefix = uniquePrefix('pg-describe');
      const store = await openStore(POSTGRES_URL, { keyPrefix });
      try {
        expect(store.kind).toBe('postgres');
        const password = new URL(POSTGRES_URL).password;
        if (password) expect(store.describe()).not.toContain(password);
        expect(store.describe()).toMatch(/^postgres(ql)?:\/\//);
      } finally {
        await store.close();
      }
    });

    it('rejects with a clear message when the server is unreachable', async () => {
      const started = Date.now();
      await expect(
        openStore('postgres://nobody:hunter2@127.0.0.1:1/none', { connectTimeoutMs: 1_000 }),
      ).rejects.toThrow(/^STORE_URL postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/none is not answering \(/);
      expect(Date.now() - started).toBeLessThan(5_000);
    });
  });
}
