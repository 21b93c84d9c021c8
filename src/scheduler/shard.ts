/** Which process runs which schedules. PURE. */

/** Discord's guild → shard mapping: `(guild_id >> 22) % shard_count`. */
export function shardOfGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** True when a process running `shards` owns the guild (null: the operator default, on shard 0). */
export function ownsGuild(
  guildId: string | null,
  shards: { ids: readonly number[]; count: number },
): boolean {
  if (guildId === null) return shards.ids.includes(0);
  if (shards.count <= 1) return true;
  try {
    return shards.ids.includes(shardOfGuild(guildId, shards.count));
  } catch {
    return false;
  }
}
