/**
 * `npm run start:sharded`: one bot process per shard on this host, spawned by discord.js
 * ShardingManager: every shard of SHARD_COUNT, or only SHARD_IDS (`4-7`) when other hosts run the rest.
 *
 * Each child runs src/index.ts (compiled, or through tsx), with the environment of this process plus
 * what ShardingManager adds (SHARDS, SHARD_COUNT): the child's discord.js Client connects as that
 * shard, and its scheduler runs only the schedules of guilds on it (the operator default schedule on
 * shard 0). State is shared through STORE_URL: one SQLite file serves the shards of one host; a
 * range (SHARD_IDS) needs Redis or Postgres, shared with the other hosts. The per-run delivery claim
 * keeps every scheduled post single even while shards restart; identify is paced across processes
 * through the store (src/ops/identify-lock.ts).
 *
 * Environment: DISCORD_TOKEN (required), SHARD_COUNT (a number, or `auto` = Discord's recommendation,
 * the default; a number when SHARD_IDS is set), SHARD_IDS, DISCORD_API_URL (also used to ask for the
 * recommendation), SHARD_SPAWN_DELAY_MS (between shard starts; default 0: the identify lock paces
 * them), METRICS_PORT (shard processes listen on METRICS_PORT, METRICS_PORT+1, … in SHARD_IDS order),
 * plus everything `npm start` reads. Discord's global rate limit is per bot, not per process: each
 * shard process paces its REST requests at its share, DISCORD_REQUESTS_PER_SECOND / SHARD_COUNT.
 */
import { fileURLToPath } from 'node:url';
import { REST, Routes, type Shard, ShardingManager } from 'discord.js';
import type { RESTGetAPIGatewayBotResult } from 'discord-api-types/v10';
import { loadDotEnv, shardsOf } from '../config.ts';

/** Compiled (dist/start-sharded.js beside dist/index.js) or the sources through tsx. */
const COMPILED = import.meta.url.endsWith('.js');
export const BOT_ENTRY = fileURLToPath(new URL(COMPILED ? './index.js' : '../index.ts', import.meta.url));

/** SHARD_COUNT → a positive integer or 'auto' (blank, unset or "auto"); anything else is an error. */
export function parseShardCount(value: string | undefined): number | 'auto' {
  const text = value?.trim().toLowerCase() ?? '';
  if (text === '' || text === 'auto') return 'auto';
  if (!/^\d+$/.test(text) || Number(text) < 1) {
    throw new Error(`SHARD_COUNT must be a positive whole number or "auto" (got "${value}")`);
  }
  return Number(text);
}

/** Discord's recommended shard count, asked through DISCORD_API_URL when set (ShardingManager cannot). */
export async function recommendedShardCount(token: string, api: string | undefined): Promise<number> {
  const rest = new REST({ ...(api ? { api } : {}), retries: 2 }).setToken(token);
  const gateway = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
  return Math.max(1, gateway.shards);
}

function log(msg: string, extra: Record<string, unknown> = {}): void {
  console.log(JSON.stringify({ time: Date.now(), name: 'start-sharded', msg, ...extra }));
}

export async function main(env: NodeJS.ProcessEnv = process.env): Promise<ShardingManager> {
  const token = env.DISCORD_TOKEN?.trim();
  if (!token) {
    throw new Error(
      'DISCORD_TOKEN is missing: copy .env.example to .env and paste your bot token (Developer Portal → Bot → Reset Token)',
    );
  }
  const wanted = parseShardCount(env.SHARD_COUNT);
  const api = env.DISCORD_API_URL?.trim() || undefined;
  let shardList: number[] | undefined;
  if (env.SHARD_IDS?.trim()) {
    if (wanted === 'auto')
      throw new Error(
        'SHARD_IDS needs SHARD_COUNT as a number, the total across all hosts and the same on each (e.g. SHARD_COUNT=16 SHARD_IDS=4-7): "auto" could differ between hosts',
      );
    // A range of the bot's shards: the same rules as npm start (count given, ids inside it, a shared store).
    const range = shardsOf({
      SHARD_COUNT: env.SHARD_COUNT?.trim() || undefined,
      SHARD_IDS: env.SHARD_IDS,
      STORE_URL: env.STORE_URL?.trim() || 'sqlite://var/briefbot.sqlite',
    });
    if ('problem' in range) throw new Error(`${range.variable} ${range.problem}`);
    shardList = [...range.ids];
  }
  const totalShards = wanted === 'auto' ? await recommendedShardCount(token, api) : wanted;
  const delay = Number(env.SHARD_SPAWN_DELAY_MS ?? 0);
  const metricsPort = env.METRICS_PORT?.trim() ? Number(env.METRICS_PORT) : undefined;
  const order = shardList ?? Array.from({ length: totalShards }, (_, i) => i);

  const manager = new ShardingManager(BOT_ENTRY, {
    token,
    totalShards,
    ...(shardList ? { shardList } : {}),
    mode: 'process',
    respawn: true,
    execArgv: COMPILED ? [] : ['--import', 'tsx'],
  });
  manager.on('shardCreate', (shard: Shard) => {
    // One listener per shard process: METRICS_PORT, METRICS_PORT+1, … (0: each picks a free port).
    if (metricsPort !== undefined && metricsPort > 0 && typeof shard.env === 'object')
      (shard.env as Record<string, string>).METRICS_PORT = String(metricsPort + order.indexOf(shard.id));
    log('shard spawned', { shard: shard.id, totalShards });
    shard.on('death', (child) => {
      const code = 'exitCode' in child ? child.exitCode : undefined;
      log('shard process exited', { shard: shard.id, code, respawn: manager.respawn });
    });
    shard.on('ready', () => log('shard ready', { shard: shard.id }));
  });
  log('spawning shards', { totalShards, requested: wanted, shards: order });
  await manager.spawn({
    amount: totalShards,
    delay: Number.isFinite(delay) ? delay : 0,
    timeout: 120_000,
  });
  log('all shards ready', { totalShards, shards: order });
  return manager;
}

/** Stops every shard gracefully (SIGTERM: each bot drains interactions and in-flight posts). */
export async function stopAll(manager: ShardingManager, timeoutMs = 10_000): Promise<void> {
  manager.respawn = false;
  await Promise.all(
    [...manager.shards.values()].map(
      (shard) =>
        new Promise<void>((resolve) => {
          const child = shard.process;
          if (!child || child.exitCode !== null) return resolve();
          const timer = setTimeout(() => {
            child.kill('SIGKILL');
            resolve();
          }, timeoutMs);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  loadDotEnv();
  let manager: ShardingManager | undefined;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log('signal received; stopping shards', { signal });
      void (manager ? stopAll(manager) : Promise.resolve()).finally(() => process.exit(0));
    });
  }
  try {
    manager = await main();
  } catch (error) {
    console.error((error as Error).message);
    if (manager) await stopAll(manager);
    process.exit(1);
  }
}
