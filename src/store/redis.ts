/**
 * redis://host:port[/db] (or rediss:// for TLS) — keyv's Redis adapter over a node-redis client we
 * configure ourselves.
 *
 * Keys are plain Redis strings named `<keyPrefix>:<ns>:<key>` (keyv's own `namespace::` prefix is
 * switched off); the value is keyv's JSON `{"value":…,"expires":<epoch ms>}` and a TTL is also set
 * natively (PX), so Redis removes expired entries itself.
 *
 * Atomicity: claim and compare-and-swap are small Lua scripts (GET, compare, SET/DEL), which Redis
 * runs atomically, so both hold across processes. Claim reads the stored `expires` against the
 * caller's clock, like the SQL backends: the native TTL only cleans up.
 *
 * Outages: the client reconnects forever with capped backoff; `disableOfflineQueue` makes commands
 * issued while it is reconnecting reject at once instead of queueing, and every store operation has
 * a timeout on top (a hung server cannot block callers). When Redis is back, the same Store works.
 */
import KeyvRedis, { createClient } from '@keyv/redis';
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
import { redactUrl } from './url.ts';

/** Lua: SET KEYS[1] to `value`, with a PX expiry when `ttl` (milliseconds) is positive. */
const luaSet = (value: string, ttl: string) => `
if tonumber(${ttl}) > 0 then
  redis.call('SET', KEYS[1], ${value}, 'PX', ${ttl})
else
  redis.call('SET', KEYS[1], ${value})
end`;

/** Replaces the raw value ARGV[2] (ARGV[1] = '1'; '0': no row) with ARGV[4], or deletes it (ARGV[3] = '1'). */
const CAS_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if ARGV[1] == '1' then
  if current ~= ARGV[2] then return 0 end
elseif current then
  return 0
end
if ARGV[3] == '1' then
  redis.call('DEL', KEYS[1])
else${luaSet('ARGV[4]', 'ARGV[5]')}
end
return 1
`;

/** Sets the key unless a live entry holds it (live: no numeric `expires`, or one after ARGV[3]). */
const CLAIM_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if current then
  local ok, data = pcall(cjson.decode, current)
  if not ok or type(data) ~= 'table' or type(data.expires) ~= 'number' or data.expires > tonumber(ARGV[3]) then
    return 0
  end
end${luaSet('ARGV[1]', 'ARGV[2]')}
return 1
`;

/** CLAIM_SCRIPT for every key: ARGV[i] is the raw value of KEYS[i]; then ttl and now. Returns the keys set. */
const CLAIM_MANY_SCRIPT = `
local n = #KEYS
local ttl = tonumber(ARGV[n + 1])
local now = tonumber(ARGV[n + 2])
local won = {}
for i = 1, n do
  local current = redis.call('GET', KEYS[i])
  local free = true
  if current then
    local ok, data = pcall(cjson.decode, current)
    free = ok and type(data) == 'table' and type(data.expires) == 'number' and data.expires <= now
  end
  if free then
    if ttl > 0 then
      redis.call('SET', KEYS[i], ARGV[i], 'PX', ttl)
    else
      redis.call('SET', KEYS[i], ARGV[i])
    end
    won[#won + 1] = KEYS[i]
  end
end
return won
`;

const escapeGlob = (text: string) => text.replace(/[*?[\]\\]/g, '\\$&');
const MGET_CHUNK = 500;

export async function openRedisStore(url: string, options: OpenStoreOptions = {}): Promise<Store> {
  const description = redactUrl(url);
  const reporter = createErrorReporter(options.logger, description, options.clock);
  const connectTimeout = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;

  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout,
      // Never give up (the bot should heal by itself); 100 ms doubling to 2 s, with jitter.
      reconnectStrategy: (retries: number) =>
        Math.min(100 * 2 ** retries, 2_000) + Math.floor(Math.random() * 100),
    },
  });
  // Attached before connecting: an 'error' without a listener would crash the process.
  let lastError: unknown;
  client.on('error', (error: unknown) => {
    lastError = error;
    reporter.error(error);
  });
  client.on('ready', reporter.recovered);

  // node-redis keeps retrying a failed first connect; the timeout bounds it.
  const connecting = client.connect();
  connecting.catch(() => {});
  try {
    await withTimeout(connecting, connectTimeout, `connecting to ${description}`);
  } catch (error) {
    if (client.isOpen) client.destroy();
    const cause = lastError ?? error;
    throw new StoreOpenError(
      `STORE_URL ${description} is not answering (${errorSummary(cause)}): start Redis there, or fix STORE_URL`,
      { cause },
    );
  }

  const adapter = new KeyvRedis(client, { throwOnErrors: true, throwOnConnectError: true });
  const keyv = new Keyv({ store: adapter, namespace: undefined, useKeyPrefix: false, throwOnErrors: true });
  keyv.on('error', reporter.error);

  const backend: Backend = {
    kind: 'redis',
    description,
    keyv,
    sweepExpired: false,
    scanRaw: async (prefix) => {
      // SCAN walks the whole database (MATCH filters server-side): fine at a bot's scale. SCAN may
      // return a key twice, hence the Set; keys may vanish before MGET, hence the string check.
      const keys = new Set<string>();
      let cursor = '0';
      do {
        const reply = await client.scan(cursor, {
          MATCH: `${escapeGlob(prefix)}*`,
          COUNT: 1_000,
          TYPE: 'string',
        });
        cursor = String(reply.cursor);
        for (const key of reply.keys) keys.add(String(key));
      } while (cursor !== '0');
      const all = [...keys];
      const rows: Array<[string, string]> = [];
      for (let i = 0; i < all.length; i += MGET_CHUNK) {
        const chunk = all.slice(i, i + MGET_CHUNK);
        const values = await client.mGet(chunk);
        chunk.forEach((key, j) => {
          const value = values[j];
          if (typeof value === 'string') rows.push([key, value]);
        });
      }
      return rows;
    },
    insertIfFree: async (key, raw, ttlMs, now) => {
      const reply = await client.eval(CLAIM_SCRIPT, {
        keys: [key],
        arguments: [raw, String(ttlMs ?? 0), String(now)],
      });
      return Number(reply) === 1;
    },
    insertManyIfFree: async (rows, ttlMs, now) => {
      if (rows.length === 0) return [];
      const reply = await client.eval(CLAIM_MANY_SCRIPT, {
        keys: rows.map(([key]) => key),
        arguments: [...rows.map(([, raw]) => raw), String(ttlMs ?? 0), String(now)],
      });
      return (reply as unknown[]).map(String);
    },
    compareAndSwap: async (key, expected, next, ttlMs) => {
      const reply = await client.eval(CAS_SCRIPT, {
        keys: [key],
        arguments: [
          expected === undefined ? '0' : '1',
          expected ?? '',
          next === undefined ? '1' : '0',
          next ?? '',
          String(ttlMs ?? 0),
        ],
      });
      return Number(reply) === 1;
    },
    ping: async () => {
      await client.ping();
      reporter.recovered();
    },
    close: async () => {
      try {
        await withTimeout(client.close(), 2_000, `closing ${description}`);
      } catch {
        // Down or hung: drop the connection instead.
      } finally {
        if (client.isOpen) client.destroy();
      }
    },
  };
  return createStore(backend, options);
}
