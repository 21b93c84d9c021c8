/**
 * claim() and update() across real OS processes sharing one backend: every delivery key is won by
 * exactly one process, and no counter increment is lost.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.ts';
import { cleanRedis, POSTGRES_URL, probeRedis, REDIS_URL, uniquePrefix } from './helpers.ts';

const run = promisify(execFile);
const fixture = fileURLToPath(new URL('./fixtures/claimer.ts', import.meta.url));
const PROCESSES = 4;
const KEYS = 20;
const INCREMENTS = 10;

async function race(url: string, keyPrefix: string) {
  const startAt = Date.now() + 2_500; // lets every child finish loading before the race starts
  const outputs = await Promise.all(
    Array.from({ length: PROCESSES }, () =>
      run(
        process.execPath,
        ['--import', 'tsx', fixture, url, keyPrefix, String(startAt), String(KEYS), String(INCREMENTS)],
        {
          timeout: 30_000,
        },
      ),
    ),
  );
  const won = outputs.flatMap(({ stdout }) => (JSON.parse(stdout) as { won: string[] }).won);
  expect(won.sort()).toEqual(Array.from({ length: KEYS }, (_, i) => `k${i}`).sort());
  const store = await openStore(url, { keyPrefix });
  try {
    expect(await store.get('meta', 'counter')).toBe(PROCESSES * INCREMENTS);
  } finally {
    await store.close();
  }
}

describe(`${PROCESSES} processes racing on one backend`, () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('sqlite file: each key claimed exactly once, no lost updates', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'briefbot-mp-'));
    dirs.push(dir);
    await race(`sqlite://${path.join(dir, 'shared.sqlite')}`, uniquePrefix('mp'));
  });

  it('redis: each key claimed exactly once, no lost updates', async (ctx) => {
    const unreachable = await probeRedis(REDIS_URL);
    // redis.test.ts already fails CI when Redis is missing; here a visible skip is enough.
    if (unreachable) ctx.skip(`Redis at ${REDIS_URL} unreachable: ${unreachable}`);
    const keyPrefix = uniquePrefix('mp');
    try {
      await race(REDIS_URL, keyPrefix);
    } finally {
      await cleanRedis(REDIS_URL, keyPrefix);
    }
  });

  it('postgres: each key claimed exactly once, no lost updates', async (ctx) => {
    if (!POSTGRES_URL) ctx.skip('POSTGRES_URL is not set');
    await race(POSTGRES_URL, uniquePrefix('mp'));
  });
});
