/**
 * The work lane's estimate of how long a newcomer waits (what decides whether the router defers
 * before queueing): the jobs ahead, and the time that passes between two of them under a burst
 * (answers sent, interactions received), learnt on a fake clock.
 */
import { describe, expect, it } from 'vitest';
import { createWorkLane } from '../../src/discord/work-lane.ts';

/** A lane on a fake clock: every job takes `jobMs`; between two turns, other work takes `betweenMs`. */
function lane(jobMs: number, betweenMs: number) {
  let clock = 0;
  const l = createWorkLane({
    now: () => clock,
    nextTurn: (run) =>
      setImmediate(() => {
        clock += betweenMs;
        run();
      }),
  });
  const job = (key: string) =>
    l.run(key, () => {
      clock += jobMs;
      return key;
    });
  return { lane: l, job };
}

describe('work lane: the expected wait', () => {
  it('counts the work between queued jobs, not only the jobs', async () => {
    const { lane: l, job } = lane(1, 4);
    await Promise.all(Array.from({ length: 30 }, () => job('/cmd')));
    // 20 jobs queued: each costs 1 ms and is followed by 4 ms of other work before the next starts.
    const queued = Array.from({ length: 20 }, () => job('/cmd'));
    expect(l.expectedMs('/cmd')).toBeGreaterThan(20 * 4.5);
    expect(l.expectedMs('/cmd')).toBeLessThan(20 * 5.5 + 2);
    await Promise.all(queued);
  });

  it('a lone job waits for nothing but itself, and idle time is no cost', async () => {
    const { lane: l, job } = lane(2, 0);
    for (let i = 0; i < 5; i++) {
      await job('/cmd');
      await new Promise((r) => setTimeout(r, 5)); // the lane goes idle between jobs
    }
    expect(l.expectedMs('/cmd')).toBeCloseTo(2, 5);
    const queued = [job('/cmd'), job('/cmd')];
    expect(l.expectedMs('/cmd')).toBeCloseTo(6, 5);
    await Promise.all(queued);
  });
});
