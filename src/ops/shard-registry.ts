/**
 * Each process announces the shards it runs in the shared store (namespace `shard-hosts`, refreshed
 * by a heartbeat, expiring when the process is gone) and reads what the others announce. Two live
 * processes running the same shard, or disagreeing on SHARD_COUNT, is a misconfiguration: the
 * per-run lease still keeps every scheduled post single, but the overlap is logged as an error, once
 * per other process, so an operator notices it before the doubled work does.
 */
import { hostname } from 'node:os';
import { type Clock, systemClock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { compactShardIds, type ShardSet, sharedShards } from '../scheduler/shard.ts';
import type { Store } from '../store/index.ts';

const NS = 'shard-hosts';

export interface HostAnnouncement {
  host: string;
  pid: number;
  ids: number[];
  count: number;
  startedAt: string;
  seenAt: string;
}

export interface ShardRegistryDeps {
  store: Store;
  shards: ShardSet;
  processId: string;
  logger: Logger;
  clock?: Clock;
  /** Heartbeat period (default 5 s); an announcement lives for four of them. */
  intervalMs?: number;
}

export interface ShardRegistry {
  /** Announces this process and checks the others; then does so every interval. */
  start(): Promise<void>;
  /** Withdraws the announcement. */
  stop(): Promise<void>;
  /** Live processes whose shards overlap this one's (or whose SHARD_COUNT differs), at the last check. */
  conflicts(): number;
}

const describe = (s: { ids: readonly number[]; count: number }) => `${compactShardIds(s.ids)} of ${s.count}`;

export function createShardRegistry(deps: ShardRegistryDeps): ShardRegistry {
  const clock = deps.clock ?? systemClock;
  const intervalMs = deps.intervalMs ?? 5_000;
  const startedAt = clock.now().toISOString();
  const reported = new Set<string>();
  let conflicting = 0;
  let timer: NodeJS.Timeout | undefined;
  let beat: Promise<void> | undefined;
  let failing = false;

  function check(others: Array<{ key: string; value: HostAnnouncement }>): void {
    let n = 0;
    for (const { key, value: other } of others) {
      // Only announcements refreshed since this process started: a process killed just before
      // (this one's previous life, restarted by systemd) stays in the store until its entry
      // expires, but it never heartbeats again. A live one does within an interval.
      if (Date.parse(other.seenAt) <= Date.parse(startedAt)) continue;
      const where = `host ${other.host} (pid ${other.pid})`;
      if (other.count !== deps.shards.count) {
        n++;
        if (reported.has(key)) continue;
        reported.add(key);
        deps.logger.error(
          { peer: key, peerShards: describe(other), shards: describe(deps.shards) },
          `hosts disagree on SHARD_COUNT: this process runs shards ${describe(deps.shards)}, ${where} runs ${describe(other)}; servers are assigned to shards by the count, so some would be run twice and some by no one: set the same SHARD_COUNT on every host`,
        );
        continue;
      }
      const both = sharedShards(deps.shards, other);
      if (both.length === 0) continue;
      n++;
      if (reported.has(key)) continue;
      reported.add(key);
      deps.logger.error(
        { peer: key, overlap: both, peerShards: describe(other), shards: describe(deps.shards) },
        `shard ranges overlap: shard(s) ${compactShardIds(both)} run both here (${describe(deps.shards)}) and on ${where} (${describe(other)}); scheduled posts stay single (each run is claimed once in the store), but both processes receive those servers' events and do their work: give each host its own SHARD_IDS`,
      );
    }
    conflicting = n;
  }

  async function heartbeat(): Promise<void> {
    const now = clock.now();
    const me: HostAnnouncement = {
      host: hostname(),
      pid: process.pid,
      ids: [...deps.shards.ids],
      count: deps.shards.count,
      startedAt,
      seenAt: now.toISOString(),
    };
    try {
      await deps.store.set(NS, deps.processId, me, intervalMs * 4);
      const all = await deps.store.list<HostAnnouncement>(NS);
      check(all.filter((e) => e.key !== deps.processId));
      failing = false;
    } catch (error) {
      if (!failing) deps.logger.warn({ err: error }, 'could not announce this host’s shards; retrying');
      failing = true;
    }
  }

  return {
    async start() {
      if (timer) return;
      await heartbeat();
      timer = setInterval(() => {
        beat ??= heartbeat().finally(() => {
          beat = undefined;
        });
      }, intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await beat;
      await deps.store.delete(NS, deps.processId).catch(() => false);
    },
    conflicts: () => conflicting,
  };
}
