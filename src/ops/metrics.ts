/**
 * The operator's counters (Prometheus, prom-client). The rooms do not know about them: each
 * exposes a small port (router: InteractionEvents, scheduler: SchedulerEvents, feeds: FeedEvents,
 * REST: RestObserver, store: the timedStore decorator, identify: onIdentify) and this module is
 * the one implementation, wired in bot.ts. Gauges that describe state (dataset, gateway, shard
 * conflicts) are read when Prometheus scrapes.
 *
 * Labels never carry a token, a user id, a guild or channel id, or anything a user typed: commands
 * are named from the registered set only (anything else is `unknown`), outcomes and kinds are
 * fixed lists, shards are this process's own. So every label set is bounded.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { FeedEvents } from '../curation/feeds.ts';
import type { InteractionEvents } from '../discord/interaction-events.ts';
import type { RestObserver } from '../discord/rest-pacer.ts';
import type { RunOutcome, SchedulerEvents } from '../scheduler/types.ts';
import type { IdentifyWait } from './identify-lock.ts';
import type { StoreEvents } from './timed-store.ts';

/** Discord's deadline for the first response to an interaction. */
const FIRST_RESPONSE_DEADLINE_S = 3;
/** Discord bans an IP for a while after 10,000 invalid requests (401, 403, 429) in 10 minutes. */
const INVALID_WINDOW_S = 600;
const RUN_OUTCOMES: readonly RunOutcome[] = [
  'posted',
  'caught-up',
  'skipped',
  'retried',
  'missed',
  'failed',
  'disabled',
  'abandoned',
  'folded',
  'elsewhere',
];
const CALLBACK = /\/interactions\/(\d+)\/[^/]+\/callback(?:\?|$)/;
/** First responses remembered until their interaction reports its end. */
const MAX_PENDING_CALLBACKS = 10_000;
/** Interaction response types that acknowledge now and answer later. */
const DEFERRED_TYPES = new Set([5, 6]);

export interface MetricsSources {
  dataset?: () => { version: string; events: number; loadedAt: Date } | undefined;
  /** This process's shards: ping in ms (negative: not measured yet) and READY. */
  gateway?: () => Array<{ shard: number; pingMs: number; ready: boolean }>;
  shardConflicts?: () => number;
}

export interface BotMetrics {
  readonly registry: Registry;
  readonly contentType: string;
  /** The text Prometheus scrapes. */
  render(): Promise<string>;
  /** Sets what the state gauges read at scrape time (the parts exist only after wiring). */
  attach(sources: MetricsSources): void;
  readonly interactions: InteractionEvents;
  readonly scheduler: SchedulerEvents;
  readonly rest: RestObserver;
  readonly store: StoreEvents;
  readonly feeds: FeedEvents;
  identified(wait: IdentifyWait): void;
}

/** Counts invalid requests in the last 10 minutes, in one-second slots (constant memory). */
class SlidingCount {
  private readonly slots = new Uint32Array(INVALID_WINDOW_S);
  private readonly stamps = new Float64Array(INVALID_WINDOW_S);

  add(nowS: number): void {
    const second = Math.floor(nowS);
    const i = second % INVALID_WINDOW_S;
    if (this.stamps[i] !== second) {
      this.stamps[i] = second;
      this.slots[i] = 0;
    }
    this.slots[i] = (this.slots[i] as number) + 1;
  }

  total(nowS: number): number {
    const oldest = Math.floor(nowS) - INVALID_WINDOW_S;
    let sum = 0;
    for (let i = 0; i < INVALID_WINDOW_S; i++)
      if ((this.stamps[i] as number) > oldest) sum += this.slots[i] as number;
    return sum;
  }
}

const statusClass = (status: number | undefined) =>
  status === undefined ? 'network' : `${Math.floor(status / 100)}xx`;

export function createMetrics(opts: {
  commandNames: readonly string[];
  botVersion: string;
  /** Node's process metrics (CPU, memory, event loop lag, GC). Default true. */
  processMetrics?: boolean;
}): BotMetrics {
  const registry = new Registry();
  if (opts.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const known = new Set(opts.commandNames);
  const commandLabel = (name: string | undefined) =>
    name !== undefined && known.has(name) ? name : 'unknown';
  let sources: MetricsSources = {};

  new Gauge({
    name: 'briefbot_build_info',
    help: 'The running bot version (always 1)',
    labelNames: ['version'],
    registers,
  }).set({ version: opts.botVersion }, 1);

  // Interactions.
  const interactions = new Counter({
    name: 'briefbot_interactions_total',
    help: 'Interactions handled, by kind, registered command and outcome (ok, user-error, error, unanswered, draining)',
    labelNames: ['kind', 'command', 'outcome'],
    registers,
  });
  const firstResponse = new Histogram({
    name: 'briefbot_interaction_first_response_seconds',
    help: 'From receiving an interaction to Discord accepting its first response (reply, defer, form, choices)',
    labelNames: ['kind', 'command'],
    buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 1.5, 2, 2.5, 3, 5],
    registers,
  });
  const deferred = new Counter({
    name: 'briefbot_interactions_deferred_total',
    help: 'Interactions whose first response was a deferral ("thinking…"), answered later',
    labelNames: ['kind', 'command'],
    registers,
  });
  const late = new Counter({
    name: 'briefbot_interactions_late_total',
    help: "Interactions whose first response missed Discord's 3-second deadline (or that Discord no longer knew)",
    labelNames: ['kind', 'command'],
    registers,
  });
  /** interaction id → its first callback: when Discord answered it, the response type, the status. */
  const callbacks = new Map<string, { at: number; type: number | undefined; status: number | undefined }>();

  // Scheduled posts.
  const runs = new Counter({
    name: 'briefbot_scheduled_runs_total',
    help: 'Scheduled runs by outcome: posted, caught_up (posted over a minute late), skipped (nothing new), retried, missed, failed, disabled, abandoned, folded (into a later run), elsewhere (another process had it)',
    labelNames: ['outcome'],
    registers,
  });
  for (const outcome of RUN_OUTCOMES) runs.inc({ outcome: outcome.replace('-', '_') }, 0);

  // REST.
  const requests = new Counter({
    name: 'briefbot_discord_requests_total',
    help: 'REST requests answered by Discord, by status class (network: no answer)',
    labelNames: ['status_class'],
    registers,
  });
  const rateLimited = new Counter({
    name: 'briefbot_discord_rate_limited_total',
    help: 'REST 429 answers, by scope (user, global, shared)',
    labelNames: ['scope'],
    registers,
  });
  const invalid = new Counter({
    name: 'briefbot_discord_invalid_requests_total',
    help: 'Invalid requests as Discord counts them (401, 403, 429 except shared-scope 429s)',
    labelNames: ['status'],
    registers,
  });
  const invalidWindow = new SlidingCount();
  new Gauge({
    name: 'briefbot_discord_invalid_requests_10m',
    help: 'Invalid requests in the last 10 minutes (Discord blocks the IP at 10,000)',
    registers,
    collect() {
      this.set(invalidWindow.total(performance.now() / 1000));
    },
  });
  for (const scope of ['user', 'global', 'shared']) rateLimited.inc({ scope }, 0);
  for (const status of ['401', '403', '429']) invalid.inc({ status }, 0);

  // Store.
  const storeLatency = new Histogram({
    name: 'briefbot_store_operation_seconds',
    help: 'Store operations by kind (get, set, delete, list, claim, claimMany, update, ping)',
    labelNames: ['op'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
    registers,
  });
  const storeErrors = new Counter({
    name: 'briefbot_store_errors_total',
    help: 'Store operations that failed because the store did not answer (down, timeout)',
    labelNames: ['op'],
    registers,
  });

  // Dataset, gateway, shards: read at scrape time.
  new Gauge({
    name: 'briefbot_dataset_events',
    help: 'Events in the dataset being served',
    registers,
    collect() {
      const d = sources.dataset?.();
      if (d) this.set(d.events);
    },
  });
  new Gauge({
    name: 'briefbot_dataset_info',
    help: 'The dataset version being served (always 1)',
    labelNames: ['version'],
    registers,
    collect() {
      const d = sources.dataset?.();
      this.reset();
      if (d) this.set({ version: d.version }, 1);
    },
  });
  new Gauge({
    name: 'briefbot_dataset_loaded_timestamp_seconds',
    help: 'When the dataset being served was loaded (Unix time)',
    registers,
    collect() {
      const d = sources.dataset?.();
      if (d) this.set(d.loadedAt.getTime() / 1000);
    },
  });
  new Gauge({
    name: 'briefbot_gateway_ping_seconds',
    help: 'Gateway heartbeat round trip per shard of this process',
    labelNames: ['shard'],
    registers,
    collect() {
      this.reset();
      for (const s of sources.gateway?.() ?? [])
        if (s.pingMs >= 0) this.set({ shard: String(s.shard) }, s.pingMs / 1000);
    },
  });
  new Gauge({
    name: 'briefbot_gateway_shard_ready',
    help: 'Per shard of this process: 1 when its gateway session is READY',
    labelNames: ['shard'],
    registers,
    collect() {
      this.reset();
      for (const s of sources.gateway?.() ?? []) this.set({ shard: String(s.shard) }, s.ready ? 1 : 0);
    },
  });
  new Gauge({
    name: 'briefbot_shard_range_conflicts',
    help: 'Live processes whose shards overlap this one (or whose SHARD_COUNT differs)',
    registers,
    collect() {
      this.set(sources.shardConflicts?.() ?? 0);
    },
  });
  const identifyWait = new Histogram({
    name: 'briefbot_gateway_identify_wait_seconds',
    help: 'How long a shard waited for its identify bucket (max_concurrency per 5 s, across hosts)',
    labelNames: ['via'],
    buckets: [0.01, 0.1, 0.5, 1, 2.5, 5, 7.5, 10, 15, 30, 60],
    registers,
  });

  // Curation feeds.
  const feedPolls = new Counter({
    name: 'briefbot_feed_polls_total',
    help: 'Polls of followed feeds by outcome (ok, not-modified, failed)',
    labelNames: ['outcome'],
    registers,
  });
  const feedItems = new Counter({
    name: 'briefbot_feed_items_new_total',
    help: 'New feed items taken for review',
    registers,
  });

  /**
   * Callbacks whose interaction never reported its end (rare: a crash mid-answer) would pile up:
   * entries are in arrival order, so the old ones are dropped from the front, at most once a second,
   * and the map never holds more than MAX_PENDING_CALLBACKS.
   */
  let prunedAt = 0;
  const pruneCallbacks = (now: number) => {
    if (callbacks.size > MAX_PENDING_CALLBACKS) {
      const oldest = callbacks.keys().next();
      if (!oldest.done) callbacks.delete(oldest.value);
    }
    if (now - prunedAt < 1_000) return;
    prunedAt = now;
    for (const [id, c] of callbacks) {
      if (now - c.at <= 60_000) break;
      callbacks.delete(id);
    }
  };

  return {
    registry,
    contentType: registry.contentType,
    render: () => registry.metrics(),
    attach(next) {
      sources = { ...sources, ...next };
    },
    interactions: {
      finished(e) {
        const labels = { kind: e.kind, command: commandLabel(e.command) };
        interactions.inc({ ...labels, outcome: e.outcome });
        const first = callbacks.get(e.id);
        callbacks.delete(e.id);
        if (!first) return;
        const seconds = Math.max(0, (first.at - e.startedAt) / 1000);
        firstResponse.observe(labels, seconds);
        if (first.type !== undefined && DEFERRED_TYPES.has(first.type)) deferred.inc(labels);
        if (seconds > FIRST_RESPONSE_DEADLINE_S || first.status === 404) late.inc(labels);
      },
    },
    scheduler: {
      runs(outcome, count = 1) {
        runs.inc({ outcome: outcome.replace('-', '_') }, count);
      },
    },
    rest(e) {
      requests.inc({ status_class: statusClass(e.status) });
      if (e.status === 429) {
        const scope = e.header('x-ratelimit-scope') ?? 'user';
        rateLimited.inc({ scope: ['user', 'global', 'shared'].includes(scope) ? scope : 'user' });
        if (scope !== 'shared') {
          invalid.inc({ status: '429' });
          invalidWindow.add(e.at / 1000);
        }
      } else if (e.status === 401 || e.status === 403) {
        invalid.inc({ status: String(e.status) });
        invalidWindow.add(e.at / 1000);
      }
      const callback = CALLBACK.exec(e.url);
      if (callback?.[1] && !callbacks.has(callback[1])) {
        // discord.js writes `{"type":N,"data":…}`: the type is read without parsing the message.
        const typed = /^\{"type":(\d+)/.exec(e.body ?? '');
        const type = typed ? Number(typed[1]) : undefined;
        pruneCallbacks(e.at);
        callbacks.set(callback[1], { at: e.at, type, status: e.status });
      }
    },
    store: {
      operation(op, seconds, failed) {
        storeLatency.observe({ op }, seconds);
        if (failed) storeErrors.inc({ op });
      },
    },
    feeds: {
      polled(outcome, newItems) {
        feedPolls.inc({ outcome });
        if (newItems > 0) feedItems.inc(newItems);
      },
    },
    identified(wait) {
      identifyWait.observe({ via: wait.via }, wait.waitedMs / 1000);
    },
  };
}
