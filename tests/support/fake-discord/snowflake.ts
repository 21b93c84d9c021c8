/** Snowflakes, shard arithmetic and small id helpers for the loopback fake Discord. */
import { createHash, randomBytes } from 'node:crypto';

export const DISCORD_EPOCH_MS = 1_420_070_400_000n;

let lastTimestamp = 0n;
let increment = 0n;

/**
 * A process-unique, monotonic snowflake (19 digits today), so @discordjs/rest recognises it as a
 * major parameter (`\d{17,19}`) and `DiscordSnowflake.timestampFrom` gives a sensible time.
 */
export function makeSnowflake(atMs: number = Date.now()): string {
  let timestamp = BigInt(Math.floor(atMs)) - DISCORD_EPOCH_MS;
  if (timestamp < lastTimestamp) timestamp = lastTimestamp;
  if (timestamp === lastTimestamp) {
    increment += 1n;
    if (increment >= 4096n) {
      timestamp += 1n;
      increment = 0n;
    }
  } else {
    increment = 0n;
  }
  lastTimestamp = timestamp;
  // worker 1, process 0
  return ((timestamp << 22n) | (1n << 17n) | increment).toString();
}

/** Discord's guild → shard rule: `(guild_id >> 22) % shard_count`. */
export function shardForGuild(guildId: string, shardCount: number): number {
  if (shardCount <= 1) return 0;
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

let shardSeed = 0n;

/** A fresh guild id that Discord would route to `shardId` of `shardCount`. */
export function guildIdForShard(shardId: number, shardCount: number): string {
  if (shardId < 0 || shardId >= shardCount)
    throw new RangeError(`shard ${shardId} is not in [0, ${shardCount})`);
  const count = BigInt(shardCount);
  shardSeed += 1n;
  const base = BigInt(Date.now()) - DISCORD_EPOCH_MS - 86_400_000n * 30n + shardSeed * count;
  const timestamp = base - (base % count) + BigInt(shardId);
  return ((timestamp << 22n) | (2n << 17n) | (shardSeed % 4096n)).toString();
}

/** Opaque interaction token (URL safe, like Discord's). */
export function makeToken(prefix: string): string {
  return `${Buffer.from(prefix).toString('base64url')}.${randomBytes(24).toString('base64url')}`;
}

export function makeSessionId(): string {
  return randomBytes(16).toString('hex');
}

/** A short, non-reversible fingerprint of a secret, so records never hold the secret itself. */
export function tokenFingerprint(token: string): string {
  return createHash('sha256')
    .update(token.replace(/^(Bot|Bearer)\s+/i, ''))
    .digest('hex')
    .slice(0, 12);
}
