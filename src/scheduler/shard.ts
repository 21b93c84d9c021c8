/**
 * Which process runs what: the one place that decides ownership by shard. Schedules, followed feeds
 * and every future per-server background job ask `ownsGuild`; the gateway connects as `ShardSet.ids`.
 * PURE.
 */

/** The shards this process runs, of the bot's total across all processes and hosts. */
export interface ShardSet {
  /** Ascending, distinct, each in [0, count). */
  readonly ids: readonly number[];
  readonly count: number;
}

/** One process running the only shard: the default. */
export const SINGLE_SHARD: ShardSet = { ids: [0], count: 1 };

/** Discord's guild → shard mapping: `(guild_id >> 22) % shard_count`. */
export function shardOfGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** True when a process running `shards` owns the guild (null: the operator default, on shard 0). */
export function ownsGuild(guildId: string | null, shards: ShardSet): boolean {
  if (guildId === null) return shards.ids.includes(0);
  if (shards.count <= 1) return true;
  try {
    return shards.ids.includes(shardOfGuild(guildId, shards.count));
  } catch {
    return false;
  }
}

/** Discord's identify bucket of a shard: one IDENTIFY per bucket per 5 s (`max_concurrency`). */
export function identifyBucket(shardId: number, maxConcurrency: number): number {
  return shardId % Math.max(1, maxConcurrency);
}

/**
 * `SHARD_IDS` as written by an operator: ids and inclusive ranges separated by commas (`4-7`,
 * `4,5,6,7`, `0-1,6`). Returns the ids ascending, or why the text is refused: an id outside
 * [0, count), a reversed range, or the same shard named twice (overlapping forms such as `0-3,2`).
 */
export function parseShardIds(text: string, count: number): { ids: number[] } | { problem: string } {
  const seen = new Set<number>();
  const parts = text.split(',').map((p) => p.trim());
  if (parts.every((p) => p === '')) return { problem: 'is empty: write shard ids such as 0-3 or 0,1,2,3' };
  for (const part of parts) {
    const m = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(part);
    if (!m) return { problem: `has "${part}", which is not a shard id or a range such as 4-7` };
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (to < from) return { problem: `has the range ${part} backwards: write ${to}-${from}` };
    if (to >= count)
      return {
        problem: `names shard ${to}, but SHARD_COUNT is ${count}: shard ids run from 0 to ${count - 1}`,
      };
    for (let id = from; id <= to; id++) {
      if (seen.has(id))
        return {
          problem: `names shard ${id} twice ("${text.trim()}"): list each shard once, e.g. ${compactShardIds([...seen, ...range(from, to)])}`,
        };
      seen.add(id);
    }
  }
  return { ids: [...seen].sort((a, b) => a - b) };
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** `[0, 1, 2, 5]` → `0-2,5`: how logs and the shard registry name a set of shards. */
export function compactShardIds(ids: readonly number[]): string {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] as number) + 1) j++;
    out.push(i === j ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return out.join(',');
}

/** Shards both sets run (empty when the counts differ: then every id means something else). */
export function sharedShards(a: ShardSet, b: ShardSet): number[] {
  if (a.count !== b.count) return [];
  const other = new Set(b.ids);
  return a.ids.filter((id) => other.has(id));
}
