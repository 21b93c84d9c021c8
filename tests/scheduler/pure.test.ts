import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileCron } from '../../src/scheduler/cron.ts';
import { Dispatcher, DROPPED } from '../../src/scheduler/dispatch.ts';
import { classifyPostError } from '../../src/scheduler/errors.ts';
import { MinHeap } from '../../src/scheduler/heap.ts';
import { normalizeScheduleId, runNonce } from '../../src/scheduler/ids.ts';
import { maxInWindow, nextStartAt, Pacer, pacingWindow } from '../../src/scheduler/pacing.ts';
import { COUNT_CAP, decideTakeOver, loadFloor, planDue, planRetry } from '../../src/scheduler/plan.ts';
import { ownsGuild, shardOfGuild } from '../../src/scheduler/shard.ts';
import type { DeliveryRecord } from '../../src/scheduler/types.ts';
import { guildOnShard } from './support.ts';

const HOUR = 3_600_000;
const t = (iso: string) => Date.parse(iso);
function cron(expr: string, tz = 'UTC') {
  const r = compileCron(expr, tz);
  if (!r.ok) throw new Error(r.message);
  return r.cron;
}

describe('planDue: catch-up and collapse', () => {
  const every15 = cron('*/15 * * * *');

  it('nothing due before the next run', () => {
    const plan = planDue(every15, {
      after: t('2025-03-01T09:00:00Z'),
      now: t('2025-03-01T09:14:59Z'),
      windowMs: HOUR,
    });
    expect(plan).toEqual({ collapsed: 0, countCapped: false, next: t('2025-03-01T09:15:00Z') });
  });

  it('one due run is delivered as is', () => {
    const plan = planDue(every15, {
      after: t('2025-03-01T09:00:00Z'),
      now: t('2025-03-01T09:15:00Z'),
      windowMs: HOUR,
    });
    expect(plan).toEqual({
      run: t('2025-03-01T09:15:00Z'),
      collapsed: 0,
      countCapped: false,
      next: t('2025-03-01T09:30:00Z'),
    });
  });

  it('several missed runs within the window collapse into the latest one', () => {
    const plan = planDue(every15, {
      after: t('2025-03-01T09:00:00Z'),
      now: t('2025-03-01T09:50:00Z'),
      windowMs: HOUR,
    });
    expect(plan.run).toBe(t('2025-03-01T09:45:00Z'));
    expect(plan.collapsed).toBe(2); // 09:15 and 09:30
    expect(plan.next).toBe(t('2025-03-01T10:00:00Z'));
  });

  it('a latest run older than the window is dropped, not posted', () => {
    const daily = cron('0 9 * * *');
    const plan = planDue(daily, {
      after: t('2025-03-01T09:00:00Z'),
      now: t('2025-03-02T10:30:00Z'),
      windowMs: HOUR,
    });
    expect(plan.run).toBeUndefined();
    expect(plan.dropped).toEqual({ count: 1, latest: t('2025-03-02T09:00:00Z') });
    expect(plan.next).toBe(t('2025-03-03T09:00:00Z'));
  });

  it('exempt runs (store outage) are delivered whatever their age', () => {
    const daily = cron('0 9 * * *');
    const plan = planDue(daily, {
      after: t('2025-03-01T09:00:00Z'),
      now: t('2025-03-02T10:30:00Z'),
      windowMs: HOUR,
      exempt: true,
    });
    expect(plan.run).toBe(t('2025-03-02T09:00:00Z'));
  });

  it('counting missed runs is capped (an every-second schedule down for a day)', () => {
    const everySecond = cron('* * * * * *');
    const plan = planDue(everySecond, {
      after: t('2025-03-01T00:00:00Z'),
      now: t('2025-03-01T00:30:00Z'),
      windowMs: HOUR,
    });
    expect(plan.run).toBe(t('2025-03-01T00:30:00Z'));
    expect(plan.collapsed).toBe(COUNT_CAP);
    expect(plan.countCapped).toBe(true);
  });

  it('the load floor skips what can only be dropped', () => {
    expect(loadFloor(0, 10 * HOUR, HOUR)).toBe(9 * HOUR);
    expect(loadFloor(9.5 * HOUR, 10 * HOUR, HOUR)).toBe(9.5 * HOUR);
  });

  it('property: the planned run is always the latest due one and never older than the window', () => {
    const daily = cron('0 9 * * *');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 * 24 }),
        fc.integer({ min: 0, max: 5 * 24 }),
        (afterH, gapH) => {
          const after = t('2025-03-01T00:00:00Z') + afterH * HOUR;
          const now = after + gapH * HOUR;
          const plan = planDue(daily, { after, now, windowMs: HOUR });
          const latest = daily.latestAtOrBefore(now);
          if (plan.run !== undefined) {
            expect(plan.run).toBe(latest);
            expect(now - plan.run).toBeLessThanOrEqual(HOUR);
            expect(plan.run).toBeGreaterThan(after);
          }
          if (plan.next !== undefined) expect(plan.next).toBeGreaterThan(now);
        },
      ),
    );
  });
});

describe('decideTakeOver: a refused claim', () => {
  const T = Date.parse('2025-09-01T09:00:00Z');
  const sending = (o: Partial<Extract<DeliveryRecord, { state: 'sending' }>> = {}): DeliveryRecord => ({
    state: 'sending',
    owner: 'other-host-1-abc',
    nonce: 'n',
    claimedAt: new Date(T).toISOString(),
    leaseUntil: new Date(T + 60_000).toISOString(),
    attempts: 1,
    cutoff: new Date(T).toISOString(),
    ...o,
  });
  const at = (now: number, o: Partial<Parameters<typeof decideTakeOver>[1]> = {}) => ({
    now,
    processId: 'me-1-xyz',
    attemptedHere: false,
    ownerGone: false,
    nonceWindowMs: 120_000,
    maxAttemptsPerRun: 3,
    ...o,
  });

  it('claims again when the record expired between the claim and the read', () => {
    expect(decideTakeOver(undefined, at(T))).toEqual({ action: 'claim-again' });
  });

  it('leaves a settled run alone', () => {
    const sent: DeliveryRecord = { state: 'sent', nonce: 'n', messageId: '1', sentAt: 'x', attempts: 1 };
    expect(decideTakeOver(sent, at(T))).toEqual({ action: 'duplicate' });
    expect(decideTakeOver({ state: 'abandoned', at: 'x', reason: 'r' }, at(T))).toEqual({
      action: 'duplicate',
    });
  });

  it('resumes its own claim whose reply was lost, unless it already posted', () => {
    const mine = sending({ owner: 'me-1-xyz', attempts: 2 });
    expect(decideTakeOver(mine, at(T + 1_000))).toEqual({ action: 'resume', attempts: 2 });
    expect(decideTakeOver(mine, at(T + 1_000, { attemptedHere: true }))).toEqual({
      action: 'wait',
      until: T + 61_000,
    });
  });

  it('waits out a live lease, but not one whose owner is gone from this host', () => {
    expect(decideTakeOver(sending(), at(T + 10_000))).toEqual({ action: 'wait', until: T + 61_000 });
    expect(decideTakeOver(sending(), at(T + 10_000, { ownerGone: true }))).toEqual({ action: 'take-over' });
  });

  it('takes over an expired lease inside the nonce window', () => {
    expect(decideTakeOver(sending(), at(T + 61_000))).toEqual({ action: 'take-over' });
  });

  it('abandons past the nonce window or when the attempts are used up', () => {
    const late = decideTakeOver(sending(), at(T + 121_000));
    expect(late).toMatchObject({ action: 'abandon' });
    expect(late.action === 'abandon' && late.reason).toMatch(/past the 120 s nonce window/);
    expect(decideTakeOver(sending({ attempts: 3 }), at(T + 61_000))).toEqual({
      action: 'abandon',
      reason: 'interrupted after 3 attempts',
    });
  });
});

describe('planRetry: transient failures (issue 17 #2)', () => {
  const RUN = Date.parse('2025-09-01T09:00:00Z');
  const base = {
    now: RUN,
    run: RUN,
    failedAttempts: 1,
    unsureSince: null,
    catchUpWindowMs: HOUR,
    nonceWindowMs: 120_000,
    random: () => 1,
  };

  it('backs off from 1 s doubling to 60 s', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => {
      const plan = planRetry({ ...base, failedAttempts: n });
      return plan.action === 'retry' ? plan.at - RUN : -1;
    });
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000]);
  });

  it('retries a run that never reached Discord until it leaves the catch-up window', () => {
    expect(planRetry({ ...base, now: RUN + HOUR - 70_000, failedAttempts: 9 })).toMatchObject({
      action: 'retry',
    });
    expect(planRetry({ ...base, now: RUN + HOUR - 30_000, failedAttempts: 9 })).toEqual({
      action: 'give-up',
      why: 'window',
    });
  });

  it('after an attempt that may have posted, retries only inside the nonce window', () => {
    const unsure = { ...base, unsureSince: RUN, failedAttempts: 7 };
    expect(planRetry({ ...unsure, now: RUN + 60_000 })).toEqual({ action: 'retry', at: RUN + 105_000 });
    expect(planRetry({ ...unsure, now: RUN + 106_000 })).toEqual({ action: 'give-up', why: 'nonce' });
  });
});

describe('pacing math', () => {
  it('turns a rate into a sliding window', () => {
    expect(pacingWindow(40)).toEqual({ limit: 40, windowMs: 1000 });
    expect(pacingWindow(2.5)).toEqual({ limit: 2, windowMs: 800 });
    expect(() => pacingWindow(0)).toThrow(/positive/);
  });

  it('the next start waits for the oldest send of a full window to leave it', () => {
    const w = { limit: 3, windowMs: 1000 };
    expect(nextStartAt([0, 10, 20], 30, w)).toBe(1000);
    expect(nextStartAt([0, 10], 30, w)).toBe(30);
    expect(nextStartAt([0, 10, 20], 2000, w)).toBe(2000);
  });

  it('with spacing, starts are spread evenly after the previous slot', () => {
    const w = { limit: 40, windowMs: 1000 };
    expect(nextStartAt([0], 1, w, 0, 25)).toBe(25);
    expect(nextStartAt([0], 100, w, 0, 25)).toBe(100);
  });

  it('a pacer spreads a burst of requests evenly (no edge bursts) and keeps the long-run rate', async () => {
    let now = 0;
    const pacer = Pacer.perSecond(40, {
      now: () => now,
      sleep: async (ms) => {
        now += ms + 1; // every timer 1 ms late
      },
    });
    const starts: number[] = [];
    for (let k = 0; k < 200; k++) {
      await pacer.acquire();
      starts.push(now);
    }
    expect(maxInWindow(starts, 1000)).toBeLessThanOrEqual(40);
    // Evenly spread from the start (an idle pacer does not burst): 4 per 100 ms at 40/s, one more at most.
    expect(maxInWindow(starts, 100)).toBeLessThanOrEqual(5);
    expect(now).toBeLessThan(5_300); // 200 at 40/s: 5 s, late timers do not add up
  });

  // Issue 12: after a stall only 3 sends caught up, so every stall lowered the rate for good.
  it('after a stall, the slots missed within the window are made up at twice the cadence', async () => {
    let now = 0;
    let stalls = 0;
    const pacer = Pacer.perSecond(49, {
      now: () => now,
      sleep: async (ms) => {
        now += ms + (stalls++ === 20 ? 500 : 0); // one 500 ms stall of the event loop
      },
    });
    const starts: number[] = [];
    for (let k = 0; k < 245; k++) {
      await pacer.acquire();
      starts.push(now);
    }
    expect(maxInWindow(starts, 1000)).toBeLessThanOrEqual(49);
    // The slots missed during the stall were made up right after it at twice the cadence, as far
    // as the window allowed (a sliding limit cannot give the stalled half-second back later: 245
    // starts take 5 s at 49/s, plus the stall, and not a millisecond more).
    const stallEnd = starts.findIndex((t, i) => i > 0 && t - (starts[i - 1] ?? 0) > 400);
    const after = starts.slice(stallEnd, stallEnd + 21);
    expect((after.at(-1) ?? 0) - (after[0] ?? 0)).toBeLessThanOrEqual(20 * Math.ceil(1000 / 49 / 2));
    expect(maxInWindow(starts, 10)).toBeLessThanOrEqual(1);
    expect(now).toBeLessThanOrEqual(5_000 + 500 + 10);
  });

  it("keeps a slot's worth of arrival jitter below Discord's limit, catching up after stalls included", async () => {
    let now = 0;
    let sleeps = 0;
    const pacer = Pacer.perSecond(49, {
      now: () => now,
      // Stalls of 60–400 ms every so often, timers 0–2 ms late otherwise.
      sleep: async (ms) => {
        sleeps++;
        now += ms + (sleeps % 37 === 0 ? 60 + (sleeps % 5) * 85 : sleeps % 3);
      },
    });
    const starts: number[] = [];
    for (let k = 0; k < 1000; k++) {
      await pacer.acquire();
      starts.push(now);
    }
    const slot = 1000 / 49;
    // 51 starts (Discord's 50 plus one) never come within a window and a slot of each other: a request
    // would have to arrive a whole slot late, and the next ones on time, for Discord to count 51.
    let closest = Number.POSITIVE_INFINITY;
    for (let i = 50; i < starts.length; i++)
      closest = Math.min(closest, (starts[i] as number) - (starts[i - 50] as number));
    expect(closest).toBeGreaterThanOrEqual(1000 + slot - 1e-6);
    expect(maxInWindow(starts, 1000)).toBeLessThanOrEqual(49);
    // Stalled time aside, the long-run rate stays 49/s.
    const stalled = starts.reduce((sum, t, i) => sum + Math.max(0, t - (starts[i - 1] ?? t) - 50), 0);
    expect(now - stalled).toBeLessThan((1000 / 49) * 1000 * 1.01);
  });

  it('a waiter that gives up leaves the queue without taking a slot', async () => {
    let now = 0;
    const pacer = Pacer.perSecond(1, {
      now: () => now,
      sleep: async (ms) => {
        now += ms;
      },
    });
    await pacer.acquire();
    const aborted = AbortSignal.abort(new Error('timed out'));
    await expect(pacer.acquire(aborted)).rejects.toThrow('timed out');
    await pacer.acquire();
    expect(now).toBe(1_000);
  });

  it('maxInWindow counts the densest window', () => {
    expect(maxInWindow([0, 100, 999, 1000, 1001], 1000)).toBe(4); // 100, 999, 1000, 1001
    expect(maxInWindow([0, 1000, 2000], 1000)).toBe(1);
  });

  it('property: a Pacer driven by virtual time never exceeds the rate in any window', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 60 }),
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 150 }),
        async (rate, lateness) => {
          let now = 0;
          let i = 0;
          // Timers that wake late by a random amount, like a busy event loop.
          const pacer = Pacer.perSecond(rate, {
            now: () => now,
            sleep: async (ms) => {
              now += ms + (lateness[i++ % lateness.length] ?? 0);
            },
          });
          const starts: number[] = [];
          for (let k = 0; k < lateness.length; k++) {
            await pacer.acquire();
            starts.push(now);
          }
          const w = pacingWindow(rate);
          expect(maxInWindow(starts, w.windowMs)).toBeLessThanOrEqual(w.limit);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('heap', () => {
  it('pops in time order (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1_000_000 })), (ats) => {
        const heap = new MinHeap<{ at: number }>();
        for (const at of ats) heap.push({ at });
        const out: number[] = [];
        for (let x = heap.pop(); x; x = heap.pop()) out.push(x.at);
        expect(out).toEqual([...ats].sort((a, b) => a - b));
      }),
    );
  });

  it('popDue returns exactly the due items', () => {
    const heap = new MinHeap<{ at: number; id: string }>();
    for (const [at, id] of [
      [5, 'e'],
      [1, 'a'],
      [3, 'c'],
      [9, 'z'],
    ] as const)
      heap.push({ at, id });
    expect(heap.popDue(5).map((x) => x.id)).toEqual(['a', 'c', 'e']);
    expect(heap.size).toBe(1);
  });
});

describe('dispatcher: per-channel lanes, bounded concurrency', () => {
  it('a slow lane does not hold up the others; a lane runs one job at a time', async () => {
    const d = new Dispatcher(4);
    const order: string[] = [];
    let slowRunning = 0;
    let maxSlow = 0;
    const slow = () =>
      d.submit('slow', async () => {
        slowRunning++;
        maxSlow = Math.max(maxSlow, slowRunning);
        await new Promise((r) => setTimeout(r, 200));
        slowRunning--;
        order.push('slow');
      });
    const fast = (lane: string) =>
      d.submit(lane, async () => {
        order.push(lane);
      });
    const all = [slow(), slow(), ...Array.from({ length: 10 }, (_, i) => fast(`c${i}`))];
    await Promise.all(all);
    expect(order.slice(0, 10).every((x) => x.startsWith('c'))).toBe(true);
    expect(maxSlow).toBe(1);
  });

  it('close drops queued jobs and waits for running ones', async () => {
    const d = new Dispatcher(1);
    let finished = false;
    const running = d.submit('a', async () => {
      await new Promise((r) => setTimeout(r, 50));
      finished = true;
      return 'done';
    });
    const queued = d.submit('b', async () => 'never');
    await d.close();
    expect(finished).toBe(true);
    expect(await running).toBe('done');
    expect(await queued).toBe(DROPPED);
  });
});

describe('errors, ids, shards', () => {
  it('classifies Discord errors', () => {
    expect(classifyPostError({ status: 403, code: 50013, message: 'Missing Permissions' })).toMatchObject({
      kind: 'disable',
      reason: 'Missing Permissions (Discord error 50013)',
    });
    expect(classifyPostError({ status: 403, code: 50001 }).kind).toBe('disable');
    expect(classifyPostError({ status: 404, code: 10003 }).kind).toBe('disable');
    expect(classifyPostError({ status: 500, code: 0 }).kind).toBe('transient');
    expect(classifyPostError(new Error('socket hang up')).kind).toBe('transient');
    expect(classifyPostError({ status: 400, code: 50035 }).kind).toBe('permanent');
  });

  it('ids are typed loosely; nonces are deterministic and short', () => {
    expect(normalizeScheduleId(' #K3M9XQ ')).toBe('k3m9xq');
    expect(normalizeScheduleId('`k3m9xq`')).toBe('k3m9xq');
    expect(normalizeScheduleId('a b')).toBeUndefined();
    const n = runNonce('k3m9xq', '2025-03-01T09:00:00.000Z');
    expect(n).toHaveLength(25);
    expect(runNonce('k3m9xq', '2025-03-01T09:00:00.000Z')).toBe(n);
    expect(runNonce('k3m9xq', '2025-03-02T09:00:00.000Z')).not.toBe(n);
  });

  it('guild → shard is (id >> 22) % count; the default schedule is on shard 0', () => {
    for (let shard = 0; shard < 4; shard++) expect(shardOfGuild(guildOnShard(shard, 4, 3), 4)).toBe(shard);
    expect(ownsGuild(guildOnShard(2, 4), { ids: [2], count: 4 })).toBe(true);
    expect(ownsGuild(guildOnShard(2, 4), { ids: [0, 1], count: 4 })).toBe(false);
    expect(ownsGuild(null, { ids: [0], count: 4 })).toBe(true);
    expect(ownsGuild(null, { ids: [1], count: 4 })).toBe(false);
    expect(ownsGuild('81384788765712384', { ids: [0], count: 1 })).toBe(true);
  });
});
