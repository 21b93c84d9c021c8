import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.ts';
import { SCAN_PAGE } from '../../src/store/sqlite.ts';
import { recordingLogger } from '../support/logger.ts';
import { ManualClock } from '../support/time.ts';
import { storeContract } from './contract.ts';

let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'briefbot-store-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

storeContract({
  name: 'sqlite',
  shared: true,
  open: (keyPrefix, clock) =>
    openStore(`sqlite://${path.join(dir, 'contract.sqlite')}`, { keyPrefix, clock }),
});

describe('sqlite store', () => {
  it('accepts sqlite:///absolute paths and creates missing parent folders', async () => {
    const file = path.join(dir, 'nested', 'deeper', 'abs.sqlite');
    const store = await openStore(`sqlite://${file}`);
    expect(store.kind).toBe('sqlite');
    expect(store.describe()).toBe(`sqlite://${file}`);
    await store.set('meta', 'k', { v: 1 });
    await store.close();
    expect(existsSync(file)).toBe(true);
  });

  it('resolves sqlite://relative/paths against the working directory', async () => {
    const file = path.join(dir, 'relative', 'rel.sqlite');
    const relative = path.relative(process.cwd(), file);
    expect(path.isAbsolute(relative)).toBe(false);
    const store = await openStore(`sqlite://${relative}`);
    expect(store.describe()).toBe(`sqlite://${file}`);
    await store.close();
    expect(existsSync(file)).toBe(true);
  });

  it('keeps data across close and reopen (expired entries stay expired)', async () => {
    const url = `sqlite://${path.join(dir, 'persist.sqlite')}`;
    const clock = new ManualClock();
    const first = await openStore(url, { clock });
    await first.set('schedules', 'guild:1', { cron: '0 9 * * *', tz: 'Europe/Kyiv' });
    expect(await first.claim('deliveries', '2025-08-15:chan', { messageId: '1' })).toBe(true);
    await first.set('leases', 'short', { owner: 'a' }, 100);
    await first.close();
    clock.advance(250);

    const second = await openStore(url, { clock });
    expect(await second.get('schedules', 'guild:1')).toEqual({ cron: '0 9 * * *', tz: 'Europe/Kyiv' });
    expect(await second.claim('deliveries', '2025-08-15:chan', { messageId: '2' })).toBe(false);
    expect(await second.get('leases', 'short')).toBeUndefined();
    expect(await second.claim('leases', 'short', { owner: 'b' })).toBe(true);
    await second.close();
  });

  it('list skips (and logs) a row it cannot decode instead of failing', async () => {
    const file = path.join(dir, 'corrupt.sqlite');
    const logger = recordingLogger();
    const store = await openStore(`sqlite://${file}`, { logger });
    await store.set('schedules', 'good', { v: 1 });
    const require = createRequire(import.meta.url);
    const sqlite3 = createRequire(require.resolve('@keyv/sqlite'))('sqlite3') as {
      Database: new (
        file: string,
      ) => {
        run(sql: string, params: unknown[], cb: (err: Error | null) => void): void;
        close(cb: () => void): void;
      };
    };
    const raw = new sqlite3.Database(file);
    await new Promise<void>((resolve, reject) =>
      raw.run("INSERT INTO keyv (key, value) VALUES ('briefbot:schedules:bad', '{not json')", [], (err) =>
        err ? reject(err) : resolve(),
      ),
    );
    await new Promise<void>((resolve) => raw.close(() => resolve()));

    expect(await store.list('schedules')).toEqual([{ key: 'good', value: { v: 1 } }]);
    expect(logger.has('warn', /unreadable/)).toBe(true);
    await expect(store.get('schedules', 'bad')).rejects.toThrow();
    expect(await store.claim('schedules', 'bad', { v: 2 })).toBe(false);
    await store.close();
  });

  it('rejects with a clear message when the file cannot be opened', async () => {
    const blocker = path.join(dir, 'not-a-dir');
    const first = await openStore(`sqlite://${blocker}`); // a file where a folder is needed below
    await first.close();
    await expect(openStore(`sqlite://${path.join(blocker, 'x.sqlite')}`)).rejects.toThrow(
      /^STORE_URL sqlite:\/\/.*x\.sqlite: cannot create the folder .*not-a-dir \(ENOTDIR\): make .* writable by the bot's user, or set STORE_URL/,
    );
  });
  it('lists a namespace of several pages completely: each key once, in order, neighbours left out', async () => {
    const clock = new ManualClock();
    const store = await openStore(`sqlite://${path.join(dir, 'pages.sqlite')}`, { clock });
    const count = Math.round(SCAN_PAGE * 2.5);
    const keys = Array.from({ length: count }, (_, i) => `event-${String(i).padStart(5, '0')}`);
    // Non-ASCII keys: SQLite orders UTF-8 bytes, JavaScript UTF-16 code units (they differ here).
    keys.push('\u{1F600}-emoji', '\uFFFD-replacement', '\u00E9t\u00E9');
    const won = await store.claimMany(
      'events-seen',
      keys.map((key) => ({ key, value: key })),
    );
    expect(won.size).toBe(keys.length);
    // Rows just before and after the namespace in key order, and one expiring inside the last page.
    await store.set('events-see', 'before', 1);
    await store.set('events-seen0', 'after', 2);
    await store.set('events-seen', 'zz-expiring', 'x', 100);
    clock.advance(250);
    const listed = await store.list<string>('events-seen');
    expect(listed.length).toBe(keys.length);
    expect(listed.map((e) => e.key)).toEqual([...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(listed.every((e) => e.value === e.key)).toBe(true);
    expect((await store.list('events-seen', 'event-0100')).map((e) => e.key)).toEqual(
      keys.filter((k) => k.startsWith('event-0100')),
    );
    await store.close();
  });
});
