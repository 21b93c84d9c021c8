/**
 * The operator's side of a running bot, started before anything else so /healthz answers from the
 * first moment and /readyz says what it is waiting for: the listener (METRICS_PORT), the metrics
 * (prom-client, loaded only when the listener is on), and readiness from the parts once they exist.
 */
import { type Client, Status } from 'discord.js';
import { withDeadline } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { ShardSet } from '../scheduler/shard.ts';
import type { Store } from '../store/index.ts';
import { type HealthServer, startHealthServer } from './health-server.ts';
import type { BotMetrics } from './metrics.ts';

/** /readyz gives the store this long to answer a ping. */
const STORE_PING_TIMEOUT_MS = 2_000;

export interface OperationsParts {
  dataset?: () => { version: string; events: number; loadedAt: Date };
  store?: Store;
  client?: Client;
  shardConflicts?: () => number;
}

export interface Operations {
  /** Undefined when METRICS_PORT is not set: the hooks stay off and cost nothing. */
  readonly metrics: BotMetrics | undefined;
  /** The port the listener took (METRICS_PORT=0 picks one); undefined when off. */
  readonly port: number | undefined;
  /** The parts readiness and the state gauges read, as they come into existence. */
  attach(parts: OperationsParts): void;
  /** Why this process cannot serve yet (empty: ready). */
  notReady(): Promise<string[]>;
  /** From now on /readyz answers 503 "shutting down" (graceful stop: in-flight work finishes). */
  markStopping(): void;
  close(): Promise<void>;
}

const statusName = (status: number) => Status[status]?.toLowerCase() ?? String(status);

export async function startOperations(opts: {
  port: number | undefined;
  host: string;
  shards: ShardSet;
  commandNames: readonly string[];
  botVersion: string;
  logger: Logger;
}): Promise<Operations> {
  let parts: OperationsParts = {};
  let metrics: BotMetrics | undefined;
  if (opts.port !== undefined) {
    const { createMetrics } = await import('./metrics.ts');
    metrics = createMetrics({ commandNames: opts.commandNames, botVersion: opts.botVersion });
  }

  const gateway = () => {
    const shards = parts.client?.ws.shards;
    return opts.shards.ids.map((id) => {
      const shard = shards?.get(id);
      return {
        shard: id,
        pingMs: shard?.ping ?? -1,
        status: shard?.status,
        ready: shard?.status === Status.Ready,
      };
    });
  };

  let stopping = false;

  async function notReady(): Promise<string[]> {
    const reasons: string[] = stopping ? ['shutting down: finishing in-flight work'] : [];
    for (const s of gateway())
      if (!s.ready)
        reasons.push(
          `gateway: shard ${s.shard} of ${opts.shards.count} is not READY (${s.status === undefined ? 'not connected yet' : statusName(s.status)})`,
        );
    if (!parts.dataset) reasons.push('dataset: still loading');
    const { store } = parts;
    if (!store) reasons.push('store: not open yet');
    else {
      const problem = await withDeadline(
        store.ping().then(
          () => undefined,
          (error: unknown) => (error as Error).message,
        ),
        STORE_PING_TIMEOUT_MS,
        () => `no answer within ${STORE_PING_TIMEOUT_MS} ms`,
      );
      if (problem) reasons.push(`store: not answering (${problem})`);
    }
    return reasons;
  }

  let server: HealthServer | undefined;
  if (opts.port !== undefined) {
    server = await startHealthServer({ port: opts.port, host: opts.host, notReady, metrics });
    opts.logger.info(
      { host: opts.host, port: server.port },
      `health and metrics on http://${opts.host}:${server.port} (/healthz, /readyz, /metrics)`,
    );
  }

  return {
    metrics,
    port: server?.port,
    attach(next) {
      parts = { ...parts, ...next };
      metrics?.attach({
        dataset: parts.dataset,
        gateway: () => gateway().map(({ shard, pingMs, ready }) => ({ shard, pingMs, ready })),
        shardConflicts: parts.shardConflicts,
      });
    },
    notReady,
    markStopping() {
      stopping = true;
    },
    close: async () => {
      await server?.close();
    },
  };
}
