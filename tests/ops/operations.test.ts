/**
 * The operator's listener (issue 16): /healthz, /readyz with its reasons, /metrics in Prometheus
 * format, nothing else; bounded labels with no ids, tokens or user text; a port in use refused
 * with the variable to change. Asserted over HTTP, as a probe or Prometheus sees it.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { type Client, Status } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { RestResponseEvent } from '../../src/discord/rest-pacer.ts';
import { createMetrics } from '../../src/ops/metrics.ts';
import { type Operations, startOperations } from '../../src/ops/operations.ts';
import { timedStore } from '../../src/ops/timed-store.ts';
import { StartupError } from '../../src/startup-error.ts';
import { openStore, type Store, StoreUnavailableError } from '../../src/store/index.ts';
import { REPO } from '../support/fixtures.ts';
import { recordingLogger } from '../support/logger.ts';
import { httpGet, metricSum, parsePrometheus } from '../support/ops-http.ts';

const SHARDS = { ids: [2, 3], count: 4 };

/** A REST answer as the pacer reports it (`headers`: the ones Discord sent). */
function answer(
  url: string,
  status: number,
  at: number,
  extra: { body?: string; headers?: Record<string, string> } = {},
): RestResponseEvent {
  const headers = extra.headers ?? {};
  return { url, method: 'POST', status, at, body: extra.body, header: (n) => headers[n] ?? null };
}
let ops: Operations | undefined;
const opened: Store[] = [];
afterEach(async () => {
  await ops?.close();
  ops = undefined;
  for (const s of opened.splice(0)) await s.close();
});

async function start(port = 0): Promise<Operations> {
  ops = await startOperations({
    port,
    host: '127.0.0.1',
    shards: SHARDS,
    commandNames: ['about', 'timeline'],
    botVersion: '9.9.9',
    logger: recordingLogger(),
  });
  return ops;
}

/** A client as /readyz reads it: this process's shards and their status. */
function clientWith(shards: Record<number, { status: Status; ping: number }>): Client {
  return {
    ws: { shards: new Map(Object.entries(shards).map(([id, s]) => [Number(id), s])) },
  } as unknown as Client;
}

describe('health and readiness', () => {
  it('/healthz answers at once; /readyz says what it waits for, then 200; nothing else is served', async () => {
    const o = await start();
    const port = o.port as number;
    expect(await httpGet(port, '/healthz')).toMatchObject({ status: 200, body: 'ok\n' });
    const waiting = await httpGet(port, '/readyz');
    expect(waiting.status).toBe(503);
    expect(waiting.body).toContain('gateway: shard 2 of 4 is not READY (not connected yet)');
    expect(waiting.body).toContain('dataset: still loading');
    expect(waiting.body).toContain('store: not open yet');

    const store = await openStore('memory://');
    opened.push(store);
    o.attach({
      store,
      dataset: () => ({ version: 'v1', events: 21, loadedAt: new Date() }),
      client: clientWith({ 2: { status: Status.Ready, ping: 40 }, 3: { status: Status.Resuming, ping: 41 } }),
    });
    const oneShard = await httpGet(port, '/readyz');
    expect(oneShard.status).toBe(503);
    expect(oneShard.body).toBe('gateway: shard 3 of 4 is not READY (resuming)\n');

    o.attach({
      client: clientWith({ 2: { status: Status.Ready, ping: 40 }, 3: { status: Status.Ready, ping: 41 } }),
    });
    expect(await httpGet(port, '/readyz')).toMatchObject({ status: 200, body: 'ready\n' });

    o.markStopping();
    expect((await httpGet(port, '/readyz')).body).toMatch(/^shutting down/);
    expect((await httpGet(port, '/healthz')).status).toBe(200);
    expect((await httpGet(port, '/')).status).toBe(404);
    const post = await fetch(`http://127.0.0.1:${port}/healthz`, { method: 'POST' });
    expect(post.status).toBe(405);
  });

  it('/readyz is 503 naming the store when it does not answer', async () => {
    const o = await start();
    const store = await openStore('memory://');
    opened.push(store);
    const broken = {
      ...store,
      ping: () => Promise.reject(new StoreUnavailableError('connection refused')),
    } as Store;
    o.attach({
      store: broken,
      dataset: () => ({ version: 'v1', events: 21, loadedAt: new Date() }),
      client: clientWith({ 2: { status: Status.Ready, ping: 1 }, 3: { status: Status.Ready, ping: 1 } }),
    });
    const res = await httpGet(o.port as number, '/readyz');
    expect(res).toMatchObject({ status: 503, body: 'store: not answering (connection refused)\n' });
  });

  it('a METRICS_PORT in use is refused with the variable and the fix, no stack', async () => {
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const port = (squatter.address() as { port: number }).port;
    try {
      const error = await start(port).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StartupError);
      expect((error as Error).message).toMatch(
        new RegExp(`^METRICS_PORT ${port} is already in use on 127.0.0.1: pick a free port`),
      );
    } finally {
      squatter.close();
    }
  });
});

describe('metrics', () => {
  it('counts what happened, with bounded labels and no ids, tokens or user text', async () => {
    const o = await start();
    const m = o.metrics;
    if (!m) throw new Error('metrics are on when METRICS_PORT is set');
    const store = timedStore(await openStore('memory://'), m.store);
    opened.push(store);
    o.attach({
      store,
      dataset: () => ({ version: 'abc123', events: 21, loadedAt: new Date(1_700_000_000_000) }),
      client: clientWith({ 2: { status: Status.Ready, ping: 40 }, 3: { status: Status.Ready, ping: 55 } }),
      shardConflicts: () => 0,
    });
    const t0 = performance.now();
    // A command answered at once, one deferred, one Discord no longer knew (404: too late).
    const answered = [
      { id: '111111111111111111', type: 4, status: 204, command: 'about' },
      { id: '222222222222222222', type: 5, status: 204, command: 'timeline' },
      { id: '333333333333333333', type: 4, status: 404, command: 'timeline' },
    ];
    for (const a of answered) {
      m.rest(
        answer(`http://x/api/v10/interactions/${a.id}/secret-token/callback`, a.status, t0 + 20, {
          body: `{"type":${a.type},"data":{"content":"hi"}}`,
        }),
      );
      m.interactions.finished({
        id: a.id,
        kind: 'command',
        command: a.command,
        outcome: 'ok',
        startedAt: t0,
      });
    }
    // A command this bot does not have (a stale registration, or a forged name) is `unknown`.
    m.interactions.finished({
      id: '4',
      kind: 'command',
      command: 'DROP TABLE <@123>',
      outcome: 'user-error',
      startedAt: t0,
    });
    const post = 'http://x/api/v10/channels/5/messages';
    m.rest(answer(post, 429, t0, { headers: { 'x-ratelimit-scope': 'user' } }));
    m.rest(answer(post, 429, t0, { headers: { 'x-ratelimit-scope': 'shared' } }));
    m.rest(answer(post, 403, t0));
    m.scheduler.runs('posted', 3);
    m.scheduler.runs('caught-up');
    m.scheduler.runs('abandoned');
    m.identified({ shardId: 2, bucket: 2, waitedMs: 5_100, via: 'store' });
    await store.set('ns', 'k', 1);
    await store.get('ns', 'k');

    const res = await httpGet(o.port as number, '/metrics');
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    const s = parsePrometheus(res.body);
    expect(metricSum(s, 'briefbot_interactions_total', { command: 'about', outcome: 'ok' })).toBe(1);
    expect(metricSum(s, 'briefbot_interactions_total', { command: 'timeline' })).toBe(2);
    expect(metricSum(s, 'briefbot_interactions_total', { command: 'unknown', outcome: 'user-error' })).toBe(
      1,
    );
    expect(metricSum(s, 'briefbot_interaction_first_response_seconds_count')).toBe(3);
    expect(metricSum(s, 'briefbot_interactions_deferred_total', { command: 'timeline' })).toBe(1);
    expect(metricSum(s, 'briefbot_interactions_late_total', { command: 'timeline' })).toBe(1);
    expect(metricSum(s, 'briefbot_scheduled_runs_total', { outcome: 'posted' })).toBe(3);
    expect(metricSum(s, 'briefbot_scheduled_runs_total', { outcome: 'caught_up' })).toBe(1);
    expect(metricSum(s, 'briefbot_scheduled_runs_total', { outcome: 'abandoned' })).toBe(1);
    expect(metricSum(s, 'briefbot_scheduled_runs_total', { outcome: 'disabled' })).toBe(0);
    expect(metricSum(s, 'briefbot_discord_rate_limited_total', { scope: 'user' })).toBe(1);
    expect(metricSum(s, 'briefbot_discord_rate_limited_total', { scope: 'shared' })).toBe(1);
    // Shared-scope 429s do not count against the 10,000 / 10 min invalid-request budget.
    expect(metricSum(s, 'briefbot_discord_invalid_requests_total')).toBe(2);
    expect(metricSum(s, 'briefbot_discord_invalid_requests_10m')).toBe(2);
    expect(metricSum(s, 'briefbot_store_operation_seconds_count', { op: 'set' })).toBe(1);
    expect(metricSum(s, 'briefbot_store_operation_seconds_count', { op: 'get' })).toBe(1);
    expect(metricSum(s, 'briefbot_dataset_events')).toBe(21);
    expect(metricSum(s, 'briefbot_dataset_info', { version: 'abc123' })).toBe(1);
    expect(metricSum(s, 'briefbot_gateway_ping_seconds', { shard: '3' })).toBeCloseTo(0.055);
    expect(metricSum(s, 'briefbot_gateway_shard_ready')).toBe(2);
    expect(metricSum(s, 'briefbot_gateway_identify_wait_seconds_sum')).toBeCloseTo(5.1);
    expect(metricSum(s, 'briefbot_build_info', { version: '9.9.9' })).toBe(1);
    expect(metricSum(s, 'process_cpu_seconds_total')).toBeGreaterThan(0);
    // No interaction id, token, channel id or user text anywhere in the exposition.
    for (const leak of ['111111111111111111', 'secret-token', 'DROP TABLE', '<@123>', 'channels/5'])
      expect(res.body).not.toContain(leak);
  });

  it('label sets stay bounded whatever arrives', async () => {
    const m = createMetrics({ commandNames: ['about'], botVersion: '1', processMetrics: false });
    const t0 = performance.now();
    for (let i = 0; i < 2_000; i++) {
      m.interactions.finished({
        id: String(i),
        kind: 'command',
        command: `cmd${i}`,
        outcome: 'ok',
        startedAt: t0,
      });
      m.rest(
        answer(`http://x/api/v10/channels/${i}/messages`, 200 + (i % 400), t0, {
          headers: { 'x-ratelimit-scope': String(i) },
        }),
      );
    }
    const s = parsePrometheus(await m.render());
    expect(s.filter((x) => x.name === 'briefbot_interactions_total')).toHaveLength(1);
    expect(
      new Set(s.filter((x) => x.name === 'briefbot_discord_requests_total').map((x) => x.labels.status_class))
        .size,
    ).toBeLessThanOrEqual(5);
    expect(
      new Set(s.filter((x) => x.name === 'briefbot_discord_rate_limited_total').map((x) => x.labels.scope)),
    ).toEqual(new Set(['user', 'global', 'shared']));
  });

  it('off unless METRICS_PORT is set: no listener, no metrics', async () => {
    const o = await startOperations({
      port: undefined,
      host: '127.0.0.1',
      shards: SHARDS,
      commandNames: [],
      botVersion: '1',
      logger: recordingLogger(),
    });
    expect(o.port).toBeUndefined();
    expect(o.metrics).toBeUndefined();
    await o.close();
  });

  it("README's metric table names exactly the metrics the bot exposes", async () => {
    const m = createMetrics({ commandNames: ['about'], botVersion: '1', processMetrics: false });
    const exposed = new Set([...(await m.render()).matchAll(/^# HELP (briefbot_\w+)/gm)].map((x) => x[1]));
    const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
    const section = readme.slice(
      readme.indexOf('### Health and metrics'),
      readme.indexOf('### Running under systemd'),
    );
    const documented = new Set([...section.matchAll(/`(briefbot_\w+)`/g)].map((x) => x[1]));
    expect([...documented].sort()).toEqual([...exposed].sort());
  });

  it("README's example alert rules use only metrics the bot exposes", async () => {
    const m = createMetrics({ commandNames: ['about'], botVersion: '1', processMetrics: false });
    const exposed = new Set([...(await m.render()).matchAll(/^# TYPE (briefbot_\w+)/gm)].map((x) => x[1]));
    const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
    const section = readme.slice(
      readme.indexOf('### Alerts and what to do'),
      readme.indexOf('### Running under systemd'),
    );
    const rules = /```yaml\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
    const used = [...rules.matchAll(/\b(briefbot_\w+)/g)].map((x) => x[1]);
    expect(used.length).toBeGreaterThan(5);
    for (const name of used) expect(exposed, name).toContain(name);
    // Label values the rules match on are ones the bot writes.
    expect(await m.render()).toMatch(/briefbot_scheduled_runs_total\{outcome="abandoned"\}/);
  });
});
