import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reference as en } from '../../src/i18n/languages.ts';
import { messageViolations } from '../../src/render/embed.ts';
import { renderList } from '../../src/render/schedule.ts';
import { DEFAULT_SCHEDULE_ID, type DeliveryRecord, type Watermark } from '../../src/scheduler/index.ts';
import { maxInWindow } from '../../src/scheduler/pacing.ts';
import { deliveryKey } from '../../src/scheduler/repo.ts';
import { flakyStore, openTempStore, tempSqlite } from '../support/stores.ts';
import { ManualClock, waitFor } from '../support/time.ts';
import { fieldNames, type Harness, harness, refused, text } from './harness.ts';
import { channel, FakeDataset, GUILD, guildOnShard, MemoryPoster, USER } from './support.ts';

let temp: Awaited<ReturnType<typeof tempSqlite>>;
const open: Harness[] = [];
async function make(...args: Parameters<typeof harness>): Promise<Harness> {
  const h = await harness(...args);
  open.push(h);
  return h;
}
beforeEach(async () => {
  temp = await tempSqlite();
});
afterEach(async () => {
  await Promise.allSettled(open.splice(0).map((h) => h.close()));
  await temp.cleanup();
});

async function setup(start: string, options: Parameters<typeof harness>[0]['options'] = {}) {
  const clock = new ManualClock(Date.parse(start));
  const poster = new MemoryPoster(clock);
  const dataset = await FakeDataset.real();
  const h = await make({ url: temp.url, clock, poster, dataset, options });
  return h;
}

const C1 = channel(1);
const C2 = channel(2);

describe('due times', () => {
  it('posts at the run time, not before, exactly once however often it ticks', async () => {
    const h = await setup('2025-09-01T08:00:00Z');
    await h.add({ channelId: C1, cron: '0 9 * * *' });
    expect((await h.at('2025-09-01T08:59:59Z')).outcomes.posted).toBe(0);
    expect((await h.at('2025-09-01T09:00:00Z')).outcomes.posted).toBe(1);
    expect((await h.at('2025-09-01T09:00:00Z')).outcomes.posted).toBe(0);
    expect((await h.at('2025-09-01T09:00:01Z')).outcomes.posted).toBe(0);
    expect(h.poster.in(C1)).toHaveLength(1);
    const message = h.poster.in(C1)[0];
    expect(message && messageViolations(message.payload)).toEqual([]);
    expect(message?.payload.allowed_mentions).toEqual({ parse: [] });
    expect(message?.payload.flags).toBeUndefined();
  });

  it('Europe/London 01:30 daily over both DST changes: one post a day at the right instant', async () => {
    const h = await setup('2025-03-28T12:00:00Z');
    await h.add({ channelId: C1, cron: '30 1 * * *', timezone: 'Europe/London' });
    const step = async (from: string, to: string) => {
      for (let t = Date.parse(from); t <= Date.parse(to); t += 5 * 60_000) {
        h.clock.set(t);
        await h.scheduler.runDue();
      }
    };
    await step('2025-03-28T12:00:00Z', '2025-04-01T03:00:00Z');
    expect(h.poster.in(C1).map((m) => new Date(m.clockAt ?? 0).toISOString())).toEqual([
      '2025-03-29T01:30:00.000Z',
      '2025-03-30T01:30:00.000Z', // 01:30 does not exist that night: 02:30 BST
      '2025-03-31T00:30:00.000Z',
      '2025-04-01T00:30:00.000Z',
    ]);
    await step('2025-10-24T12:00:00Z', '2025-10-27T03:00:00Z');
    expect(
      h.poster
        .in(C1)
        .slice(4)
        .map((m) => new Date(m.clockAt ?? 0).toISOString()),
    ).toEqual(['2025-10-25T00:30:00.000Z', '2025-10-26T00:30:00.000Z', '2025-10-27T01:30:00.000Z']);
  });
});

describe('what is posted: watermark and "new"', () => {
  it('first post has no "new" section; a curated event is new exactly once; then "no new developments"', async () => {
    const h = await setup('2025-09-01T08:00:00Z');
    await h.add({ channelId: C1, cron: '0 9 * * *' });
    await h.at('2025-09-01T09:00:00Z');
    const first = h.poster.in(C1)[0]?.payload;
    if (!first) throw new Error('no first post');
    expect(fieldNames(first).some((n) => n.startsWith('🆕'))).toBe(false);
    expect(text(first)).toContain('State of play as of **1 Sept 2025**');
    expect(text(first)).toMatch(/\[S\d+ ¶\d+/); // citations
    expect(text(first)).toContain('/timeline');

    h.clock.set('2025-09-01T12:00:00Z');
    h.dataset.addEvent({
      id: 'test-new-talks',
      title: 'Negotiators announce a new round of talks',
      date: '2025-08-31',
    });
    await h.at('2025-09-02T09:00:00Z');
    const second = h.poster.in(C1)[1]?.payload;
    if (!second) throw new Error('no second post');
    expect(fieldNames(second)).toContain('🆕 New since 1 Sept 2025');
    expect(text(second)).toContain('Negotiators announce a new round of talks');

    await h.at('2025-09-03T09:00:00Z');
    const third = h.poster.in(C1)[2]?.payload;
    if (!third) throw new Error('no third post');
    expect(text(third)).toContain('No new developments since 2 Sept 2025.');
    expect(text(third)).not.toMatch(/🆕[^\n]*\n[^\n]*Negotiators announce/);
  });

  it('an event curated with an old date is still new once (the watermark is first-seen, not the event date)', async () => {
    const h = await setup('2025-09-01T08:00:00Z');
    await h.add({ channelId: C1, cron: '0 9 * * *' });
    await h.at('2025-09-01T09:00:00Z');
    h.dataset.addEvent({
      id: 'test-old-call',
      title: 'A February phone call comes to light',
      date: '2025-02-03',
    });
    await h.at('2025-09-02T09:00:00Z');
    await h.at('2025-09-03T09:00:00Z');
    const [, second, third] = h.poster.in(C1).map((m) => text(m.payload));
    expect(second).toMatch(/🆕 New since 1 Sept 2025[\s\S]*A February phone call comes to light/);
    expect(third).toContain('No new developments since 2 Sept 2025.');
  });

  it('new-only: skips runs with nothing new (recorded as done) and posts when something is new', async () => {
    const h = await setup('2025-09-01T08:00:00Z');
    const view = await h.add({ channelId: C1, cron: '0 9 * * *', mode: 'new-only' });
    expect((await h.at('2025-09-01T09:00:00Z')).outcomes.skipped).toBe(1);
    expect((await h.at('2025-09-02T09:00:00Z')).outcomes.skipped).toBe(1);
    expect(h.poster.in(C1)).toHaveLength(0);
    const record = await h.store.get<DeliveryRecord>(
      'deliveries',
      deliveryKey(view.id, Date.parse('2025-09-02T09:00:00Z')),
    );
    expect(record?.state).toBe('skipped');
    h.dataset.addEvent({ id: 'test-new-only', title: 'Leaders agree to meet again', date: '2025-09-02' });
    expect((await h.at('2025-09-03T09:00:00Z')).outcomes.posted).toBe(1);
    expect(text(h.poster.in(C1)[0]?.payload ?? { allowed_mentions: { parse: [] } })).toContain(
      'Leaders agree to meet again',
    );
    expect((await h.at('2025-09-04T09:00:00Z')).outcomes.skipped).toBe(1);
    expect(h.poster.in(C1)).toHaveLength(1);
  });

  it('a topic schedule only counts new events of its topic', async () => {
    const h = await setup('2025-09-01T08:00:00Z');
    const topic = h.dataset.current().briefbook.dataset.topics[0];
    const other = h.dataset.current().briefbook.dataset.topics[1];
    if (!topic || !other) throw new Error('need two topics');
    await h.add({ channelId: C1, cron: '0 9 * * *', topic: topic.id, mode: 'new-only' });
    await h.at('2025-09-01T09:00:00Z');
    h.dataset.addEvent({
      id: 'test-other-topic',
      title: 'Something on another topic',
      date: '2025-09-01',
      topics: [other.id],
    });
    expect((await h.at('2025-09-02T09:00:00Z')).outcomes.skipped).toBe(1);
    h.dataset.addEvent({
      id: 'test-this-topic',
      title: 'Something on this topic',
      date: '2025-09-02',
      topics: [topic.id],
    });
    expect((await h.at('2025-09-03T09:00:00Z')).outcomes.posted).toBe(1);
    const out = text(h.poster.in(C1)[0]?.payload ?? { allowed_mentions: { parse: [] } });
    expect(out).toContain('Something on this topic');
    expect(out).not.toContain('Something on another topic');
    expect(out).toContain(topic.label);
  });

  it('renders each distinct summary once per run and reuses it across channels', async () => {
    const h = await setup('2025-09-01T08:00:00Z');
    for (let i = 1; i <= 5; i++) await h.add({ channelId: channel(i), cron: '0 9 * * *' });
    // 09:00 in Tokyo is 00:00 UTC: a post as of 2 Sep there, while it is still 1 Sep in UTC.
    await h.add({ channelId: channel(6), cron: '0 9 * * *', timezone: 'Asia/Tokyo' });
    await h.at('2025-09-02T00:00:00Z');
    const report = await h.at('2025-09-02T09:00:00Z');
    expect(report.outcomes.posted).toBe(5);
    expect(report.distinctPosts).toBe(1);
    const payloads = [1, 2, 3, 4, 5].map((i) => h.poster.in(channel(i))[0]?.payload);
    expect(new Set(payloads).size).toBe(1);
    expect(text(h.poster.in(channel(6))[0]?.payload ?? { allowed_mentions: { parse: [] } })).toContain(
      'as of **2 Sept 2025**',
    );
  });
});

describe('catch-up after downtime', () => {
  it('runs missed within the hour collapse into one post (logged); older ones are not posted (logged)', async () => {
    const clock = new ManualClock(Date.parse('2025-09-01T08:50:00Z'));
    const poster = new MemoryPoster(clock);
    const dataset = await FakeDataset.real();
    const a = await make({ url: temp.url, clock, poster, dataset });
    const view = await a.add({ channelId: C1, cron: '*/15 * * * *' });
    await a.at('2025-09-01T09:00:00Z');
    await a.scheduler.stop();
    expect(poster.in(C1)).toHaveLength(1);

    // Down from 09:00 to 09:50: 09:15, 09:30 and 09:45 were missed.
    const b = await make({ url: temp.url, clock, poster, dataset });
    const report = await b.at('2025-09-01T09:50:00Z');
    expect(report.outcomes.posted).toBe(1);
    expect(report.collapsed).toBe(2);
    expect(b.logger.has('info', /collapsed 2 missed run/)).toBe(true);
    expect(poster.in(C1)).toHaveLength(2);
    const wm = await b.store.get<Watermark>('watermarks', view.id);
    expect(wm?.lastRun).toBe('2025-09-01T09:45:00.000Z');
    expect((await b.at('2025-09-01T10:00:00Z')).outcomes.posted).toBe(1);
    await b.scheduler.stop();

    // Down for three hours with a 5-minute window: the latest missed run (13:15) is 7 minutes old.
    const c = await make({ url: temp.url, clock, poster, dataset, options: { catchUpWindowMs: 5 * 60_000 } });
    const late = await c.at('2025-09-01T13:22:00Z');
    expect(late.outcomes.posted).toBe(0);
    expect(c.logger.has('warn', /missed runs older than the catch-up window/)).toBe(true);
    expect((await c.at('2025-09-01T13:30:00Z')).outcomes.posted).toBe(1);
    expect(poster.in(C1)).toHaveLength(4);
  });

  it('a daily run missed by less than the window is delivered once at start, with an hour default', async () => {
    const clock = new ManualClock(Date.parse('2025-09-01T08:00:00Z'));
    const poster = new MemoryPoster(clock);
    const dataset = await FakeDataset.real();
    const a = await make({ url: temp.url, clock, poster, dataset });
    await a.add({ channelId: C1, cron: '0 9 * * *' });
    await a.at('2025-09-01T09:00:00Z');
    await a.scheduler.stop();
    const b = await make({ url: temp.url, clock, poster, dataset });
    expect((await b.at('2025-09-02T09:40:00Z')).outcomes.posted).toBe(1);
    expect((await b.at('2025-09-02T09:41:00Z')).outcomes.posted).toBe(0);
    expect(poster.in(C1).map((m) => m.clockAt)).toEqual([
      Date.parse('2025-09-01T09:00:00Z'),
      Date.parse('2025-09-02T09:40:00Z'),
    ]);
    await b.scheduler.stop();
    // Back 90 minutes after the 09:00 run: too late, nothing is posted (and it is logged).
    const c = await make({ url: temp.url, clock, poster, dataset });
    expect((await c.at('2025-09-03T10:30:00Z')).outcomes.posted).toBe(0);
    expect(c.logger.has('warn', /older than the catch-up window/)).toBe(true);
    expect((await c.at('2025-09-04T09:00:00Z')).outcomes.posted).toBe(1);
    expect(poster.in(C1)).toHaveLength(3);
  });
});

describe('CATCH_UP_MINUTES=0: on-time runs only (issue 17 #1)', () => {
  it('posts runs on time (a late tick included) and never catches up runs missed while down', async () => {
    const clock = new ManualClock(Date.parse('2025-09-01T08:00:00Z'));
    const poster = new MemoryPoster(clock);
    const dataset = await FakeDataset.real();
    const options = { catchUpWindowMs: 0 };
    const a = await make({ url: temp.url, clock, poster, dataset, options });
    await a.at('2025-09-01T08:00:00Z'); // running (loaded) before the first run
    await a.add({ channelId: C1, cron: '0 9 * * *' });
    expect((await a.at('2025-09-01T09:00:00.000Z')).outcomes.posted).toBe(1);
    // A tick 20 s late (a busy event loop) is still the on-time run.
    expect((await a.at('2025-09-02T09:00:20Z')).outcomes.posted).toBe(1);
    await a.scheduler.stop();

    // Down over the 3 September run, back at 09:05: that run is not caught up (and it is logged).
    const b = await make({ url: temp.url, clock, poster, dataset, options });
    expect((await b.at('2025-09-03T09:05:00Z')).outcomes.posted).toBe(0);
    expect(b.logger.has('warn', /older than the catch-up window/)).toBe(true);
    expect((await b.at('2025-09-04T09:00:00Z')).outcomes.posted).toBe(1);
    expect(poster.in(C1).map((m) => new Date(m.clockAt ?? 0).toISOString())).toEqual([
      '2025-09-01T09:00:00.000Z',
      '2025-09-02T09:00:20.000Z',
      '2025-09-04T09:00:00.000Z',
    ]);
  });
});

describe('restart mid-delivery (new scheduler over the same SQLite file)', () => {
  async function crashDuring(behaviour: 'deliver-then-hang' | 'hang') {
    const clock = new ManualClock(Date.parse('2025-09-01T08:00:00Z'));
    const poster = new MemoryPoster(clock);
    const dataset = await FakeDataset.real();
    const a = await make({ url: temp.url, clock, poster, dataset });
    const view = await a.add({ channelId: C1, cron: '0 9 * * *' });
    poster.on(C1, { kind: behaviour });
    clock.set('2025-09-01T09:00:00Z');
    void a.scheduler.runDue(); // never finishes: the process "dies" while posting
    await waitFor('the first post() call', () => poster.calls.length === 1, 5_000, 5);
    poster.on(C1, undefined);
    open.splice(open.indexOf(a), 1);
    const key0 = deliveryKey(view.id, Date.parse('2025-09-01T09:00:00Z'));
    expect((await a.store.get<DeliveryRecord>('deliveries', key0))?.state).toBe('sending');
    await a.kill();
    return { clock, poster, dataset, view, key: key0 };
  }

  it('the post reached Discord before the crash: the resend carries the same nonce, Discord keeps one message', async () => {
    const { clock, poster, dataset, key } = await crashDuring('deliver-then-hang');
    expect(poster.in(C1)).toHaveLength(1);
    clock.set('2025-09-01T09:01:10Z'); // lease (60 s) expired, nonce window (2 min) not
    const b = await make({ url: temp.url, clock, poster, dataset });
    const report = await b.scheduler.runDue();
    expect(report.outcomes.posted).toBe(1);
    expect(poster.calls).toHaveLength(2);
    expect(poster.calls[0]?.nonce).toBe(poster.calls[1]?.nonce);
    expect(poster.in(C1)).toHaveLength(1); // no duplicate
    const record = await b.store.get<DeliveryRecord>('deliveries', key);
    expect(record).toMatchObject({ state: 'sent', attempts: 2, messageId: poster.in(C1)[0]?.id });
    expect(b.logger.has('info', /taking over an interrupted delivery/)).toBe(true);
  });

  it('the post never left: the restart sends it (no loss)', async () => {
    const { clock, poster, dataset } = await crashDuring('hang');
    expect(poster.in(C1)).toHaveLength(0);
    clock.set('2025-09-01T09:01:10Z');
    const b = await make({ url: temp.url, clock, poster, dataset });
    expect((await b.scheduler.runDue()).outcomes.posted).toBe(1);
    expect(poster.in(C1)).toHaveLength(1);
  });

  it('restarted inside the lease: waits for it to expire, then takes over', async () => {
    const { clock, poster, dataset } = await crashDuring('deliver-then-hang');
    clock.set('2025-09-01T09:00:20Z');
    const b = await make({ url: temp.url, clock, poster, dataset });
    expect((await b.scheduler.runDue()).outcomes['in-progress']).toBe(1);
    expect(poster.calls).toHaveLength(1);
    expect((await b.at('2025-09-01T09:01:05Z')).outcomes.posted).toBe(1);
    expect(poster.in(C1)).toHaveLength(1);
  });

  it('restarted after the nonce window: never resent (never twice), marked abandoned and logged', async () => {
    const { clock, poster, dataset, key, view } = await crashDuring('deliver-then-hang');
    clock.set('2025-09-01T09:05:00Z');
    const b = await make({ url: temp.url, clock, poster, dataset });
    const report = await b.scheduler.runDue();
    expect(report.outcomes.abandoned).toBe(1);
    expect(poster.calls).toHaveLength(1);
    expect((await b.store.get<DeliveryRecord>('deliveries', key))?.state).toBe('abandoned');
    expect(b.logger.has('warn', /run abandoned: interrupted/)).toBe(true);
    await b.at('2025-09-01T09:30:00Z');
    expect(poster.calls).toHaveLength(1);
    expect((await b.at('2025-09-02T09:00:00Z')).outcomes.posted).toBe(1);
    expect(await b.store.get<Watermark>('watermarks', view.id)).toMatchObject({
      lastRun: '2025-09-02T09:00:00.000Z',
    });
  });

  it('a completed delivery is never repeated by a restart', async () => {
    const clock = new ManualClock(Date.parse('2025-09-01T08:00:00Z'));
    const poster = new MemoryPoster(clock);
    const dataset = await FakeDataset.real();
    const a = await make({ url: temp.url, clock, poster, dataset });
    await a.add({ channelId: C1, cron: '0 9 * * *' });
    await a.at('2025-09-01T09:00:00Z');
    const b = await make({ url: temp.url, clock, poster, dataset });
    await b.at('2025-09-01T09:00:30Z');
    await b.at('2025-09-01T09:30:00Z');
    expect(poster.calls).toHaveLength(1);
  });
});

describe('Discord refusing the channel', () => {
  it.each([
    [403, 50001, 'Missing Access'],
    [403, 50013, 'Missing Permissions'],
    [404, 10003, 'Unknown Channel'],
  ])(
    '%i/%i disables the schedule with the reason; no retries; resume re-checks',
    async (status, code, name) => {
      const h = await setup('2025-09-01T08:00:00Z');
      const view = await h.add({ channelId: C1, cron: '0 9 * * *' });
      h.poster.on(C1, { kind: 'fail', status, code, message: name });
      expect((await h.at('2025-09-01T09:00:00Z')).outcomes.disabled).toBe(1);
      const listed = (await h.scheduler.service.list(GUILD)).schedules[0];
      expect(listed).toMatchObject({ id: view.id, status: 'disabled' });
      expect(listed?.disabledReason).toContain(`${name} (Discord error ${code})`);
      await h.at('2025-09-02T09:00:00Z');
      await h.at('2025-09-03T09:00:00Z');
      expect(h.poster.calls).toHaveLength(1);

      const missing = { missingPermissions: async () => ['Send Messages' as const] };
      expect(await refused(h.scheduler.service.resume(GUILD, view.id, missing))).toMatch(
        /missing \*\*Send Messages\*\*/,
      );
      h.poster.on(C1, undefined);
      const resumed = await h.scheduler.service.resume(GUILD, view.id, {
        missingPermissions: async () => [],
      });
      expect(resumed.status).toBe('active');
      expect((await h.at('2025-09-04T09:00:00Z')).outcomes.posted).toBe(1);
    },
  );
});

describe('transient failures are retried, never lost (issue 17 #2)', () => {
  const RUN = Date.parse('2025-09-01T09:00:00Z');
  const sinceRun = (ms: number) => new Date(RUN + ms).toISOString();
  const record = (h: Harness, id: string) => h.store.get<DeliveryRecord>('deliveries', deliveryKey(id, RUN));
  const listed = async (h: Harness) => (await h.scheduler.service.list(GUILD)).schedules[0];

  it('Discord unreachable at the run time: retried with backoff and the same nonce, posted once when back', async () => {
    const h = await setup('2025-09-01T08:00:00Z');
    const view = await h.add({ channelId: C1, cron: '0 9 * * *' });
    h.poster.on(C1, { kind: 'unreachable' });
    expect((await h.at(sinceRun(0))).outcomes.retry).toBe(1);
    expect(await record(h, view.id)).toMatchObject({
      state: 'sending',
      failedAttempts: 1,
      unsureSince: null,
      lastFailure: { reason: expect.stringContaining('ECONNREFUSED') },
    });
    expect((await listed(h))?.lastFailure).toMatchObject({ outcome: 'retrying', run: RUN });
    expect(text(renderList(en, await h.scheduler.service.list(GUILD)))).toMatch(
      /Last failure .*Discord unreachable: connect ECONNREFUSED.* — retrying \(next attempt/,
    );
    // Backoff: nothing before the retry time; then one attempt per retry, doubling.
    for (const ms of [1_000, 3_000, 7_000]) await h.at(sinceRun(ms));
    expect(h.poster.calls).toHaveLength(4);
    h.poster.on(C1, undefined);
    await h.at(sinceRun(15_000));
    expect(h.poster.in(C1)).toHaveLength(1);
    expect(new Set(h.poster.calls.map((c) => c.nonce)).size).toBe(1);
    expect(await record(h, view.id)).toMatchObject({ state: 'sent', attempts: 5 });
    expect((await listed(h))?.lastFailure?.outcome).toBe('recovered');
    await h.at(sinceRun(120_000));
    expect(h.poster.in(C1)).toHaveLength(1);
    // One warning for the run, not one per attempt.
    expect(
      h.logger.lines.filter((l) => l.level === 'warn' && /scheduled post failed/.test(l.msg)),
    ).toHaveLength(1);
  });

  it('still unreachable when the run leaves the catch-up window: recorded as missed with the reason', async () => {
    const h = await setup('2025-09-01T08:00:00Z', { catchUpWindowMs: 5 * 60_000 });
    const view = await h.add({ channelId: C1, cron: '0 9 * * *' });
    h.poster.on(C1, { kind: 'unreachable' });
    for (let ms = 0; ms <= 6 * 60_000; ms += 10_000) await h.at(sinceRun(ms));
    const calls = h.poster.calls.length;
    expect(calls).toBeGreaterThan(5);
    expect(await record(h, view.id)).toMatchObject({
      state: 'failed',
      message: expect.stringMatching(/ECONNREFUSED.*older than the catch-up window/),
    });
    expect(h.logger.has('warn', /scheduled run missed: .*ECONNREFUSED/)).toBe(true);
    const failure = (await listed(h))?.lastFailure;
    expect(failure).toMatchObject({ outcome: 'missed', run: RUN });
    expect(text(renderList(en, await h.scheduler.service.list(GUILD)))).toMatch(/Missed run .*ECONNREFUSED/);
    await h.at(sinceRun(20 * 60_000));
    expect(h.poster.calls).toHaveLength(calls);
    // The next run posts (and the "new" events it would have shown come with it).
    h.poster.on(C1, undefined);
    expect((await h.at('2025-09-02T09:00:00Z')).outcomes.posted).toBe(1);
  });

  it('an attempt that may have posted (5xx) is resent only inside the nonce window: never twice', async () => {
    const h = await setup('2025-09-01T08:00:00Z');
    const view = await h.add({ channelId: C1, cron: '0 9 * * *' });
    h.poster.on(C1, { kind: 'fail', status: 502 });
    await h.at(sinceRun(0));
    expect(await record(h, view.id)).toMatchObject({ state: 'sending', unsureSince: sinceRun(0) });
    for (let ms = 10_000; ms <= 5 * 60_000; ms += 10_000) await h.at(sinceRun(ms));
    const rec = await record(h, view.id);
    expect(rec?.state).toBe('abandoned');
    // Every resend happened while Discord still recognised the nonce (2 minutes here).
    const last = Math.max(...h.poster.calls.map((c) => c.at));
    expect(h.poster.calls.length).toBeGreaterThan(3);
    expect(last - (h.poster.calls[0]?.at ?? 0)).toBeLessThan(120_000);
    expect((await listed(h))?.lastFailure?.outcome).toBe('missed');
  });

  it('a restart while a retry waits takes the run over and posts it once (a refused connection never posted)', async () => {
    const clock = new ManualClock(Date.parse('2025-09-01T08:00:00Z'));
    const poster = new MemoryPoster(clock);
    const dataset = await FakeDataset.real();
    const a = await make({ url: temp.url, clock, poster, dataset });
    const view = await a.add({ channelId: C1, cron: '0 9 * * *' });
    poster.on(C1, { kind: 'unreachable' });
    for (const ms of [0, 1_000, 3_000]) await a.at(sinceRun(ms));
    await a.scheduler.stop();
    open.splice(open.indexOf(a), 1);
    await a.kill();
    // Back after the nonce window (5 min): nothing can have posted, so the run is still sent.
    poster.on(C1, undefined);
    const b = await make({ url: temp.url, clock, poster, dataset });
    await b.at(sinceRun(5 * 60_000));
    await b.at(sinceRun(7 * 60_000)); // another host's lease (retryAt + 60 s) has expired by now
    expect(poster.in(C1)).toHaveLength(1);
    expect(await b.store.get<DeliveryRecord>('deliveries', deliveryKey(view.id, RUN))).toMatchObject({
      state: 'sent',
    });
  });
});

describe('fan-out', () => {
  it('starts never exceed the configured rate in any 1-second window', async () => {
    const h = await setup('2025-09-01T08:00:00Z', { sendsPerSecond: 20, maxConcurrentSends: 8 });
    let n = 0;
    for (let g = 0; g < 6; g++) {
      for (let i = 0; i < 10; i++) {
        n++;
        await h.scheduler.service.add(
          { guildId: guildOnShard(0, 1, 100 + g), userId: USER, channelId: channel(n), cron: '0 9 * * *' },
          { missingPermissions: async () => [] },
        );
      }
    }
    const started = performance.now();
    const report = await h.at('2025-09-01T09:00:00Z');
    const elapsed = performance.now() - started;
    expect(report.outcomes.posted).toBe(60);
    // The poster stamps a call after the pacer releases it; on a loaded machine that stamp can lag
    // by tens of ms, so the window is 950 ms: 21 starts paced at 20/s span 1,000 ms, and a burst
    // still shows.
    expect(
      maxInWindow(
        h.poster.calls.map((c) => c.at),
        950,
      ),
    ).toBeLessThanOrEqual(20);
    expect(elapsed).toBeGreaterThan(1900); // 60 posts at 20/s: at least 2 s
  });

  it('a slow channel and a failing channel do not hold the others back', async () => {
    const h = await setup('2025-09-01T08:00:00Z');
    for (let i = 1; i <= 8; i++) await h.add({ channelId: channel(i), cron: '0 9 * * *' });
    h.poster.on(channel(1), { kind: 'delay', ms: 2_000 });
    h.poster.on(channel(2), { kind: 'fail', status: 500 });
    const started = performance.now();
    const done = h.at('2025-09-01T09:00:00Z');
    await waitFor(
      'the six other channels',
      () => h.poster.messages.filter((m) => m.channelId !== channel(1)).length === 6,
      1_500,
      5,
    );
    const fastDone = performance.now() - started;
    expect(fastDone).toBeLessThan(1_500);
    const report = await done;
    expect(report.outcomes).toMatchObject({ posted: 7, retry: 1 });
  });
});

describe('store outage', () => {
  it('a run due during an outage is kept and posted once when the store is back; commands still answer', async () => {
    const clock = new ManualClock(Date.parse('2025-09-01T08:00:00Z'));
    const poster = new MemoryPoster(clock);
    const dataset = await FakeDataset.real();
    const store = flakyStore(await openTempStore(temp.url));
    const h = await make({
      url: temp.url,
      clock,
      poster,
      dataset,
      store,
      options: { commandStoreTimeoutMs: 300 },
    });
    await h.add({ channelId: C1, cron: '0 9 * * *' });
    await h.at('2025-09-01T08:30:00Z'); // loaded

    store.down = true;
    expect((await h.at('2025-09-01T09:00:00Z')).outcomes.retry).toBe(1);
    expect(poster.calls).toHaveLength(0);

    const started = performance.now();
    expect(await refused(h.add({ channelId: C2, cron: '0 10 * * *' }))).toBe(en.t('schedule.storeDown'));
    const list = await h.scheduler.service.list(GUILD);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(list.fromMemory).toBe(true);
    expect(text(renderList(en, list))).toMatch(/comes from memory/);
    expect(list.schedules.map((s) => s.channelId)).toEqual([C1]);

    await h.at('2025-09-01T09:00:30Z');
    expect(poster.calls).toHaveLength(0);
    store.down = false;
    expect((await h.at('2025-09-01T09:02:00Z')).outcomes.posted).toBe(1);
    await h.at('2025-09-01T09:05:00Z');
    expect(poster.in(C1)).toHaveLength(1);
  });

  it('a store failure right after the post keeps the completion in memory and writes it later (no duplicate)', async () => {
    const clock = new ManualClock(Date.parse('2025-09-01T08:00:00Z'));
    const poster = new MemoryPoster(clock);
    const dataset = await FakeDataset.real();
    const store = flakyStore(await openTempStore(temp.url));
    const h = await make({ url: temp.url, clock, poster, dataset, store });
    const view = await h.add({ channelId: C1, cron: '0 9 * * *' });
    const original = poster.post.bind(poster);
    poster.post = async (...args) => {
      const result = await original(...args);
      store.down = true; // the store dies just after Discord accepted the post
      return result;
    };
    expect((await h.at('2025-09-01T09:00:00Z')).outcomes.posted).toBe(1);
    expect(h.scheduler.stats().pendingWrites).toBeGreaterThan(0);
    poster.post = original;
    store.down = false;
    await h.at('2025-09-01T09:00:05Z');
    expect(h.scheduler.stats().pendingWrites).toBe(0);
    const key = deliveryKey(view.id, Date.parse('2025-09-01T09:00:00Z'));
    expect((await store.get<DeliveryRecord>('deliveries', key))?.state).toBe('sent');
    await h.at('2025-09-01T09:30:00Z');
    expect(poster.calls).toHaveLength(1);
  });

  it('a store down at start: the scheduler keeps trying and loads when it is back', async () => {
    const clock = new ManualClock(Date.parse('2025-09-01T08:00:00Z'));
    const poster = new MemoryPoster(clock);
    const dataset = await FakeDataset.real();
    const store = flakyStore(await openTempStore(temp.url));
    const h = await make({ url: temp.url, clock, poster, dataset, store });
    await h.add({ channelId: C1, cron: '0 9 * * *' });
    store.down = true;
    const h2 = await make({ url: temp.url, clock, poster, dataset, store });
    expect((await h2.at('2025-09-01T09:00:00Z')).error).toMatch(/unavailable/);
    store.down = false;
    expect((await h2.at('2025-09-01T09:00:02Z')).outcomes.posted).toBe(1);
  });
});

describe('more than one scheduler', () => {
  it('each runs only the guilds on its shards; the operator default belongs to shard 0', async () => {
    const clock = new ManualClock(Date.parse('2025-09-01T08:00:00Z'));
    const poster = new MemoryPoster(clock);
    const dataset = await FakeDataset.real();
    const defaultSchedule = { channelId: channel(99), cron: '0 9 * * *', timezone: 'UTC' };
    const s0 = await make({
      url: temp.url,
      clock,
      poster,
      dataset,
      shards: { ids: [0], count: 2 },
      defaultSchedule,
    });
    const s1 = await make({
      url: temp.url,
      clock,
      poster,
      dataset,
      shards: { ids: [1], count: 2 },
      defaultSchedule,
    });
    const g0 = guildOnShard(0, 2, 1);
    const g1 = guildOnShard(1, 2, 1);
    const allow = { missingPermissions: async () => [] };
    await s0.scheduler.service.add({ guildId: g0, userId: USER, channelId: C1, cron: '0 9 * * *' }, allow);
    // Added through shard 0's service (say, by an operator script), run by shard 1.
    await s0.scheduler.service.add({ guildId: g1, userId: USER, channelId: C2, cron: '0 9 * * *' }, allow);
    await s0.at('2025-09-01T08:30:00Z');
    await s1.at('2025-09-01T08:30:00Z');
    const [r0, r1] = await Promise.all([s0.at('2025-09-01T09:00:00Z'), s1.at('2025-09-01T09:00:00Z')]);
    expect(r0.outcomes.posted).toBe(2); // g0's schedule and the default
    expect(r1.outcomes.posted).toBe(1);
    expect(poster.in(C1)).toHaveLength(1);
    expect(poster.in(C2)).toHaveLength(1);
    expect(poster.in(channel(99))).toHaveLength(1);
  });

  it('two schedulers owning the same guild still post each run once (the claim is the lease)', async () => {
    const clock = new ManualClock(Date.parse('2025-09-01T08:00:00Z'));
    const poster = new MemoryPoster(clock);
    const dataset = await FakeDataset.real();
    const a = await make({ url: temp.url, clock, poster, dataset });
    const b = await make({ url: temp.url, clock, poster, dataset });
    for (let i = 1; i <= 5; i++) await a.add({ channelId: channel(i), cron: '0 9 * * *' });
    const [ra, rb] = await Promise.all([a.at('2025-09-01T09:00:00Z'), b.at('2025-09-01T09:00:00Z')]);
    expect(ra.outcomes.posted + rb.outcomes.posted).toBe(5);
    expect(poster.messages).toHaveLength(5);
  });
});

describe('operator default schedule', () => {
  it('accepts seconds and any interval, does not catch up on first start, and validates at creation', async () => {
    const clock = new ManualClock(Date.parse('2025-09-01T09:00:05Z'));
    const poster = new MemoryPoster(clock);
    const dataset = await FakeDataset.real();
    const h = await make({
      url: temp.url,
      clock,
      poster,
      dataset,
      defaultSchedule: { channelId: channel(50), cron: '*/10 * * * * *', timezone: 'Europe/London' },
    });
    expect((await h.at('2025-09-01T09:00:05Z')).outcomes.posted).toBe(0); // 09:00:00 was before the first start
    expect((await h.at('2025-09-01T09:00:10Z')).outcomes.posted).toBe(1);
    expect((await h.at('2025-09-01T09:00:20Z')).outcomes.posted).toBe(1);
    expect(await h.store.get<Watermark>('watermarks', DEFAULT_SCHEDULE_ID)).toMatchObject({
      lastRun: '2025-09-01T09:00:20.000Z',
    });
    const store = await openTempStore(temp.url);
    try {
      await expect(
        harness({
          url: temp.url,
          clock,
          poster,
          dataset,
          store,
          defaultSchedule: { channelId: channel(50), cron: '61 * * * *', timezone: 'UTC' },
        }),
      ).rejects.toThrow(/BRIEFING_CRON: `61 \* \* \* \*` is not a valid cron expression/);
    } finally {
      await store.close();
    }
  });
  it.each([
    [
      404,
      10003,
      /BRIEFING_CHANNEL_ID \d+ does not exist \(Discord: Unknown Channel\): copy the channel id again/,
    ],
    [
      403,
      50013,
      /cannot post in BRIEFING_CHANNEL_ID \d+ \(Missing Permissions .*\): give the bot View Channel/,
    ],
  ])(
    'a %i/%i on its channel says what is wrong with BRIEFING_CHANNEL_ID (issue 17 #14)',
    async (status, code, words) => {
      const clock = new ManualClock(Date.parse('2025-09-01T09:00:05Z'));
      const poster = new MemoryPoster(clock);
      const h = await make({
        url: temp.url,
        clock,
        poster,
        dataset: await FakeDataset.real(),
        defaultSchedule: { channelId: channel(50), cron: '*/10 * * * * *', timezone: 'UTC' },
      });
      poster.on(channel(50), { kind: 'fail', status, code, message: 'refused' });
      await h.at('2025-09-01T09:00:05Z');
      expect((await h.at('2025-09-01T09:00:10Z')).outcomes.disabled).toBe(1);
      const errors = h.logger.lines.filter((l) => l.level === 'error');
      expect(errors).toHaveLength(1);
      expect(errors[0]?.msg).toMatch(words);
    },
  );
});

describe('node-cron ticking', () => {
  it('start() ticks every second on the real clock and stop() lets the in-flight post finish', async () => {
    const dataset = await FakeDataset.real();
    const poster = new MemoryPoster();
    const store = await openTempStore(temp.url);
    const { createScheduler } = await import('../../src/scheduler/index.ts');
    const scheduler = createScheduler({
      store,
      poster,
      dataset,
      defaultSchedule: { channelId: channel(60), cron: '* * * * * *', timezone: 'UTC' },
    });
    try {
      await scheduler.start();
      poster.on(channel(60), { kind: 'delay', ms: 300 });
      await waitFor('a post() call', () => poster.calls.length >= 1, 4_000, 5);
      await scheduler.stop();
      const calls = poster.calls.length;
      expect(poster.messages).toHaveLength(calls); // the in-flight one finished
      await new Promise((r) => setTimeout(r, 1_200));
      expect(poster.calls).toHaveLength(calls); // no more ticks
    } finally {
      await store.close();
    }
  });
});
