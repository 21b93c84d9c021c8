/**
 * Following, per member: due computation and digest composition (pure), then the service and the
 * exactly-once DM digests on a real SQLite store (a restart mid-delivery, 50007 pausing, the limit).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Event } from '../../src/domain/schema.ts';
import { reference as en, translatorFor } from '../../src/i18n/languages.ts';
import { messageViolations } from '../../src/render/embed.ts';
import { renderDigest } from '../../src/render/follow.ts';
import {
  digestDue,
  digestItems,
  type FollowerRecord,
  MAX_FOLLOWS,
  parseTimeOfDay,
} from '../../src/scheduler/follow-plan.ts';
import {
  createFollowService,
  FOLLOWS_NS,
  FollowDigests,
  FollowError,
  type FollowService,
} from '../../src/scheduler/follows.ts';
import { Repo } from '../../src/scheduler/repo.ts';
import { SeenEvents } from '../../src/scheduler/seen-events.ts';
import type { Poster } from '../../src/scheduler/types.ts';
import type { Store } from '../../src/store/index.ts';
import { openTempStore, tempSqlite } from '../support/stores.ts';
import { ManualClock } from '../support/time.ts';
import { FakeDataset, MemoryPoster } from './support.ts';

const T0 = Date.parse('2026-03-02T06:00:00Z');
const USER = '200000000000000001';

function record(over: Partial<FollowerRecord> = {}): FollowerRecord {
  return {
    v: 1,
    userId: USER,
    language: 'en',
    follows: [{ kind: 'topic', id: 'x', since: new Date(T0).toISOString() }],
    frequency: 'daily',
    time: '08:00',
    timezone: 'Europe/Kyiv',
    weekday: 1,
    createdAt: new Date(T0).toISOString(),
    cutoff: new Date(T0).toISOString(),
    ...over,
  };
}

describe('follow digests: when they are due (pure)', () => {
  it('parses 24-hour times and refuses the rest', () => {
    expect(parseTimeOfDay('08:30')).toEqual({ hour: 8, minute: 30 });
    expect(parseTimeOfDay('7')).toEqual({ hour: 7, minute: 0 });
    expect(parseTimeOfDay('24:00')).toBeUndefined();
    expect(parseTimeOfDay('8pm')).toBeUndefined();
  });

  it('daily: at the member time in their zone, once per occurrence, never before they followed', () => {
    const r = record();
    const none = () => undefined;
    // 08:00 in Kyiv (UTC+2 in March) is 06:00 UTC: the record was created exactly then.
    expect(digestDue(r, T0 + 60_000, none)).toEqual({ kind: 'none' });
    const next = Date.parse('2026-03-03T06:00:00Z');
    expect(digestDue(r, next + 5_000, none)).toEqual({ kind: 'run', run: next, upTo: next });
    expect(digestDue({ ...r, lastRun: new Date(next).toISOString() }, next + 5_000, none)).toEqual({
      kind: 'none',
    });
  });

  it('weekly: on the member weekday only', () => {
    const r = record({ frequency: 'weekly', weekday: 5 }); // Friday
    const monday = Date.parse('2026-03-09T07:00:00Z');
    const due = digestDue(r, monday, () => undefined);
    expect(due).toEqual({
      kind: 'run',
      run: Date.parse('2026-03-06T06:00:00Z'),
      upTo: Date.parse('2026-03-06T06:00:00Z'),
    });
  });

  it('instant: due when something new was first seen, the run being its first-seen time; an in-flight digest first', () => {
    const r = record({ frequency: 'instant' });
    expect(digestDue(r, T0 + 10_000, () => undefined)).toEqual({ kind: 'none' });
    expect(digestDue(r, T0 + 10_000, () => T0 + 4_000)).toEqual({
      kind: 'run',
      run: T0 + 4_000,
      upTo: T0 + 4_000,
    });
    const inFlight = { run: new Date(T0 + 1_000).toISOString(), upTo: new Date(T0 + 2_000).toISOString() };
    expect(digestDue({ ...r, inFlight }, T0 + 10_000, () => T0 + 9_000)).toEqual({
      kind: 'run',
      run: T0 + 1_000,
      upTo: T0 + 2_000,
    });
    expect(digestDue({ ...r, paused: { at: '', reason: 'dm-closed' } }, T0, () => T0)).toEqual({
      kind: 'none',
    });
  });
});

describe('follow digests: what they hold (pure)', () => {
  let data: FakeDataset;
  beforeEach(async () => {
    data = await FakeDataset.real();
  });

  it('only events first seen after the follow began and after the cutoff, with their quotes', () => {
    const d = data.current().briefbook.dataset;
    const withQuote = d.events.find((e) => d.quotes.some((q) => q.event === e.id)) as Event;
    const topic = withQuote.topics[0] as string;
    const seen = new Map(d.events.map((e) => [e.id, T0 - 60_000]));
    seen.set(withQuote.id, T0 + 5_000);
    const r = record({ follows: [{ kind: 'topic', id: topic, since: new Date(T0).toISOString() }] });
    const items = digestItems(d, r, seen, { after: T0, upTo: T0 + 10_000 });
    expect(items.events.map((e) => e.id)).toEqual([withQuote.id]);
    expect(items.quotes.length).toBeGreaterThan(0);
    expect(items.quotes.every((q) => q.event === withQuote.id)).toBe(true);
    expect(digestItems(d, r, seen, { after: T0 + 5_000, upTo: T0 + 10_000 }).events).toEqual([]);
    const later = record({
      follows: [{ kind: 'topic', id: topic, since: new Date(T0 + 6_000).toISOString() }],
    });
    expect(digestItems(d, later, seen, { after: T0, upTo: T0 + 10_000 }).events).toEqual([]);
  });

  it('one message within Discord limits, cited, the rest "…and N more" with the command, in the member language', () => {
    const book = data.current().briefbook;
    const d = book.dataset;
    const many = Array.from({ length: 12 }, () => d.events).flat();
    for (const t of [en, translatorFor('uk')]) {
      const payload = renderDigest(t, book, { events: many, quotes: d.quotes }, [
        { kind: 'topic', id: d.topics[0]?.id ?? '', since: '' },
      ]);
      expect(messageViolations(payload)).toEqual([]);
      expect(payload.embeds).toHaveLength(1);
      const text = payload.embeds?.[0]?.description ?? '';
      expect(text).toMatch(/\[S\d+ ¶\d+/);
      if (t === en) expect(text).toMatch(/…and \d+ more: `\/timeline from:\d{4}-\d{2}/);
      else expect(text).toMatch(/…і ще \d+: `\/хронологія від:\d{4}-\d{2}/);
    }
    const one = renderDigest(en, book, { events: [d.events[0] as Event], quotes: [] }, []);
    expect(one.embeds?.[0]?.description).toContain('1 new item since your last digest');
    expect(one.embeds?.[0]?.description).not.toContain('more');
  });
});

describe('follow digests on a store', () => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let clock: ManualClock;
  let data: FakeDataset;
  let service: FollowService;
  let seen: SeenEvents;
  let poster: MemoryPoster;
  let topic: string;

  const dms = { openDm: async (userId: string) => `dm-${userId}` };
  const digests = (p: Poster = poster, processId = 'proc-a') =>
    new FollowDigests({
      store,
      repo: new Repo(store),
      poster: p,
      dms,
      dataset: data,
      seen,
      clock,
      logger: { debug() {}, info() {}, warn() {}, error() {} } as never,
      options: {
        processId,
        nonceWindowMs: 120_000,
        leaseMs: 60_000,
        deliveryRecordTtlMs: 86_400_000,
        maxAttemptsPerRun: 3,
        catchUpWindowMs: 3_600_000,
      },
    });

  beforeEach(async () => {
    const tmp = await tempSqlite();
    cleanup = tmp.cleanup;
    store = await openTempStore(tmp.url);
    clock = new ManualClock(T0);
    data = await FakeDataset.real();
    topic = data.current().briefbook.dataset.topics[0]?.id ?? '';
    seen = new SeenEvents(new Repo(store), data, clock);
    await seen.sync();
    service = createFollowService({ store, clock });
    poster = new MemoryPoster(clock);
  });
  afterEach(async () => {
    await store.close();
    await cleanup();
  });

  it('one DM per instant digest, only what is new since the follow; nothing twice', async () => {
    clock.advance(1_000);
    await service.follow({ userId: USER, kind: 'topic', id: topic, language: 'en', frequency: 'instant' });
    const d = digests();
    expect((await d.runDue(clock.ms)).get('sent')).toBeUndefined();
    clock.advance(1_000);
    data.addEvent({ id: 'new-one', title: 'A new meeting', date: '2026-03-01', topics: [topic] });
    data.addEvent({ id: 'other-topic', title: 'Elsewhere', date: '2026-03-01', topics: ['no-such-topic'] });
    clock.advance(1_000);
    await d.runDue(clock.ms);
    expect(poster.in(`dm-${USER}`)).toHaveLength(1);
    const text = JSON.stringify(poster.in(`dm-${USER}`)[0]?.payload);
    expect(text).toContain('new-one');
    expect(text).not.toContain('other-topic');
    clock.advance(5_000);
    await d.runDue(clock.ms);
    expect(poster.in(`dm-${USER}`)).toHaveLength(1);
  });

  it('exactly once across a restart: a crash after Discord took the DM resends with the same nonce', async () => {
    await service.follow({ userId: USER, kind: 'topic', id: topic, language: 'en', frequency: 'instant' });
    clock.advance(1_000);
    data.addEvent({ id: 'crash-one', title: 'A new meeting', date: '2026-03-01', topics: [topic] });
    // The first process's DM reaches Discord, then the process dies before it records anything.
    const dying: Poster = {
      async post(channelId, payload, opts) {
        await poster.post(channelId, payload, opts);
        throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      },
    };
    clock.advance(1_000);
    await digests(dying, 'proc-a').runDue(clock.ms);
    expect(poster.in(`dm-${USER}`)).toHaveLength(1);
    const stored = await store.get<FollowerRecord>(FOLLOWS_NS, USER);
    expect(stored?.inFlight).toBeDefined();
    // A new process (a restart), after the lease: takes the delivery over with the same nonce.
    clock.advance(61_000);
    const restarted = digests(poster, 'proc-b');
    expect((await restarted.runDue(clock.ms)).get('sent')).toBe(1);
    expect(poster.in(`dm-${USER}`)).toHaveLength(1);
    expect(new Set(poster.calls.map((c) => c.nonce)).size).toBe(1);
    expect((await store.get<FollowerRecord>(FOLLOWS_NS, USER))?.inFlight).toBeUndefined();
    clock.advance(10_000);
    await restarted.runDue(clock.ms);
    expect(poster.calls).toHaveLength(2);
  });

  it('a closed DM (50007) pauses the member: no retry storm, told once, resumed by /follow', async () => {
    await service.follow({ userId: USER, kind: 'topic', id: topic, language: 'en', frequency: 'instant' });
    poster.on(`dm-${USER}`, {
      kind: 'fail',
      status: 403,
      code: 50007,
      message: 'Cannot send messages to this user',
    });
    clock.advance(1_000);
    data.addEvent({ id: 'closed-one', title: 'A new meeting', date: '2026-03-01', topics: [topic] });
    const d = digests();
    clock.advance(1_000);
    expect((await d.runDue(clock.ms)).get('paused')).toBe(1);
    for (let i = 0; i < 5; i++) {
      clock.advance(10_000);
      data.addEvent({ id: `closed-${i}`, title: 'More', date: '2026-03-01', topics: [topic] });
      await d.runDue(clock.ms);
    }
    expect(poster.calls).toHaveLength(1);
    expect((await service.list(USER))?.paused?.reason).toBe('dm-closed');
    expect(await service.takeNotice(USER)).toBe(true);
    expect(await service.takeNotice(USER)).toBe(false);
    poster.on(`dm-${USER}`, undefined);
    const again = await service.follow({ userId: USER, kind: 'topic', id: topic, language: 'en' });
    expect(again.resumed).toBe(true);
    expect(again.already).toBe(true);
    clock.advance(1_000);
    await d.runDue(clock.ms);
    expect(poster.in(`dm-${USER}`)).toHaveLength(1);
  });

  it(`at most ${MAX_FOLLOWS} follows per member, with the limit named; unfollow; bad times and zones refused`, async () => {
    for (let i = 0; i < MAX_FOLLOWS; i++)
      await service.follow({ userId: USER, kind: 'actor', id: `a${i}`, language: 'en' });
    const refused = await service
      .follow({ userId: USER, kind: 'actor', id: 'one-more', language: 'en' })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(FollowError);
    expect((refused as FollowError).problem).toEqual({ code: 'limit', max: MAX_FOLLOWS });
    expect((await service.unfollow(USER, 'actor', 'a0')).left).toBe(MAX_FOLLOWS - 1);
    await expect(service.unfollow(USER, 'actor', 'a0')).rejects.toMatchObject({
      problem: { code: 'not-following' },
    });
    await expect(
      service.follow({ userId: USER, kind: 'topic', id: topic, language: 'en', time: '25:00' }),
    ).rejects.toMatchObject({ problem: { code: 'bad-time' } });
    await expect(
      service.follow({ userId: USER, kind: 'topic', id: topic, language: 'en', timezone: 'EST' }),
    ).rejects.toMatchObject({ problem: { code: 'bad-timezone' } });
    const weekly = await service.follow({
      userId: USER,
      kind: 'topic',
      id: topic,
      language: 'uk',
      frequency: 'weekly',
      time: '7:05',
      timezone: 'Europe/Kyiv',
      weekday: 5,
    });
    expect(weekly.record).toMatchObject({
      frequency: 'weekly',
      time: '07:05',
      timezone: 'Europe/Kyiv',
      language: 'uk',
    });
  });

  it('a daily digest arrives at the member time with what was first seen that day, once', async () => {
    await service.follow({
      userId: USER,
      kind: 'topic',
      id: topic,
      language: 'uk',
      frequency: 'daily',
      time: '09:00',
      timezone: 'UTC',
    });
    clock.set('2026-03-02T07:00:00Z');
    data.addEvent({ id: 'daily-one', title: 'A new meeting', date: '2026-03-01', topics: [topic] });
    const d = digests();
    await d.runDue(clock.ms);
    expect(poster.calls).toHaveLength(0);
    clock.set('2026-03-02T09:00:01Z');
    await d.runDue(clock.ms);
    await d.runDue(clock.ms + 1_000);
    expect(poster.in(`dm-${USER}`)).toHaveLength(1);
    expect(JSON.stringify(poster.in(`dm-${USER}`)[0]?.payload)).toContain('Нове з того');
  });
});
