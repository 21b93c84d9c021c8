/**
 * `npm run start:sharded`: one bot process per shard, spawned by discord.js ShardingManager.
 *
 * Each child runs src/index.ts through tsx (`--import tsx`), with the environment of this process plus
 * what ShardingManager adds (SHARDS, SHARD_COUNT): the child's discord.js Client connects as those
 * shards, and its scheduler runs only the schedules of guilds on them (the operator default schedule on
 * shard 0). State is shared through STORE_URL, so use Redis or Postgres here (or one SQLite file on one
 * machine); the per-run delivery claim keeps every scheduled post single even while shards restart.
 *
 * Environment: DISCORD_TOKEN (required), SHARD_COUNT (a number, or `auto` = Discord's recommendation,
 * the default), DISCORD_API_URL (also used to ask for the recommendation), SHARD_SPAWN_DELAY_MS
 * (between shard starts; default 5500, Discord's identify pacing), plus everything `npm start` reads.
 * Discord's global rate limit is per bot, not per process: each shard process paces its REST requests
 * at DISCORD_REQUESTS_PER_SECOND / SHARD_COUNT (src/discord/client.ts).
 */
import { fileURLToPath } from 'node:url';
import { REST, Routes, type Shard, ShardingManager } from 'discord.js';
import type { RESTGetAPIGatewayBotResult } from 'discord-api-types/v10';
import { loadDotEnv } from '../config.ts';

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
  const totalShards = wanted === 'auto' ? await recommendedShardCount(token, api) : wanted;
  const delay = Number(env.SHARD_SPAWN_DELAY_MS ?? 5_500);

  const manager = new ShardingManager(BOT_ENTRY, {
    token,
    totalShards,
    mode: 'process',
    respawn: true,
    execArgv: COMPILED ? [] : ['--import', 'tsx'],
  });
  manager.on('shardCreate', (shard: Shard) => {
    log('shard spawned', { shard: shard.id, totalShards });
    shard.on('death', (child) => {
      const code = 'exitCode' in child ? child.exitCode : undefined;
      log('shard process exited', { shard: shard.id, code, respawn: manager.respawn });
    });
    shard.on('ready', () => log('shard ready', { shard: shard.id }));
  });
  log('spawning shards', { totalShards, requested: wanted });
  await manager.spawn({
    amount: totalShards,
    delay: Number.isFinite(delay) ? delay : 5_500,
    timeout: 120_000,
  });
  log('all shards ready', { totalShards });
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
