import { describe, expect, it } from 'vitest';
import { describeScheduleProblem } from '../../src/render/schedule.ts';
import {
  compileCron,
  describeCron,
  minIntervalProblem,
  nextRuns,
  shortestGapMs,
} from '../../src/scheduler/cron.ts';
import { autocompleteTimezones, dayInZone, resolveTimezone } from '../../src/scheduler/timezones.ts';

const MIN15 = 15 * 60_000;

function cron(expr: string, tz = 'UTC') {
  const r = compileCron(expr, tz);
  if (!r.ok) throw new Error(r.message);
  return r.cron;
}

function problem(expr: string): string {
  const r = compileCron(expr, 'UTC');
  if (r.ok) throw new Error(`${expr} was accepted`);
  return r.message;
}

const isoRuns = (expr: string, tz: string, from: string, n: number) =>
  nextRuns(cron(expr, tz), Date.parse(from), n).map((t) => new Date(t).toISOString());

describe('cron validation (node-cron syntax) and messages', () => {
  it('names the bad field and shows what to type', () => {
    const m = problem('61 * * * *');
    expect(m).toContain('`61 * * * *` is not a valid cron expression');
    expect(m).toContain('minute');
    expect(m).toContain('`0 9 * * *` (09:00 every day)');
  });

  it('explains the field count', () => {
    expect(problem('* * *')).toMatch(/expected 5 or 6 fields/);
    expect(problem('')).toMatch(/needs a cron expression/);
  });

  it('refuses forms cron-parser cannot compute, with an alternative', () => {
    expect(problem('0 0 L-3 * *')).toMatch(/`L-3` is not supported.*`L` for the last day/);
    expect(problem('0 0 15W * *')).toMatch(/`15W` is not supported/);
  });

  it('refuses an impossible date', () => {
    expect(problem('0 0 31 2 *')).toMatch(/impossible|never runs/);
  });

  it('accepts names, ?, @daily, 7 for Sunday and seconds, in a canonical form', () => {
    expect(cron('0 9 ? * MON-FRI').canonical).toBe('0 0 9 * * 1,2,3,4,5');
    expect(cron('@daily').canonical).toBe('0 0 0 * * *');
    expect(cron('0 0 * * 7').canonical).toBe('0 0 0 * * 0');
    expect(cron('*/10 * * * * *').canonical).toBe('0,10,20,30,40,50 * * * * *');
  });
});

describe('run times computed with cron-parser in node-cron meaning', () => {
  it('wrapping hour ranges (22-2) run through midnight', () => {
    expect(isoRuns('0 22-2 * * *', 'UTC', '2025-01-01T00:30:00Z', 5)).toEqual([
      '2025-01-01T01:00:00.000Z',
      '2025-01-01T02:00:00.000Z',
      '2025-01-01T22:00:00.000Z',
      '2025-01-01T23:00:00.000Z',
      '2025-01-02T00:00:00.000Z',
    ]);
  });

  it('day of month AND day of week (node-cron), not OR: Friday the 13th only', () => {
    expect(isoRuns('0 0 13 * 5', 'UTC', '2025-01-01T00:00:00Z', 3)).toEqual([
      '2025-06-13T00:00:00.000Z',
      '2026-02-13T00:00:00.000Z',
      '2026-03-13T00:00:00.000Z',
    ]);
    const c = cron('0 0 13 * 5');
    expect(c.latestAtOrBefore(Date.parse('2026-01-01T00:00:00Z'))).toBe(Date.parse('2025-06-13T00:00:00Z'));
  });

  it('the last Tuesday-style forms work (L, #)', () => {
    expect(isoRuns('0 0 L * *', 'UTC', '2025-02-10T00:00:00Z', 1)).toEqual(['2025-02-28T00:00:00.000Z']);
    expect(isoRuns('0 9 * * 2#3', 'UTC', '2025-03-01T00:00:00Z', 1)).toEqual(['2025-03-18T09:00:00.000Z']);
  });

  it('nextAfter is strict and latestAtOrBefore is inclusive', () => {
    const c = cron('0 9 * * *');
    const nine = Date.parse('2025-03-01T09:00:00Z');
    expect(c.nextAfter(nine)).toBe(Date.parse('2025-03-02T09:00:00Z'));
    expect(c.nextAfter(nine - 1)).toBe(nine);
    expect(c.latestAtOrBefore(nine)).toBe(nine);
    expect(c.latestAtOrBefore(nine - 1)).toBe(Date.parse('2025-02-28T09:00:00Z'));
  });

  it('Europe/London 01:30 daily across the March change: the skipped 01:30 runs at 02:30 BST, once', () => {
    expect(isoRuns('30 1 * * *', 'Europe/London', '2025-03-28T12:00:00Z', 4)).toEqual([
      '2025-03-29T01:30:00.000Z', // 01:30 GMT
      '2025-03-30T01:30:00.000Z', // 01:30 does not exist: 02:30 BST
      '2025-03-31T00:30:00.000Z', // 01:30 BST
      '2025-04-01T00:30:00.000Z',
    ]);
  });

  it('Europe/London 01:30 daily across the October change: the repeated 01:30 runs once (BST)', () => {
    expect(isoRuns('30 1 * * *', 'Europe/London', '2025-10-24T12:00:00Z', 3)).toEqual([
      '2025-10-25T00:30:00.000Z',
      '2025-10-26T00:30:00.000Z', // first 01:30 (BST); the second (GMT) is not a second run
      '2025-10-27T01:30:00.000Z',
    ]);
  });

  it('a zone with a different offset', () => {
    expect(isoRuns('0 9 * * *', 'America/New_York', '2025-01-01T00:00:00Z', 1)).toEqual([
      '2025-01-01T14:00:00.000Z',
    ]);
    expect(dayInZone(Date.parse('2025-01-01T03:00:00Z'), 'America/New_York')).toBe('2024-12-31');
  });
});

describe('at most one post per 15 minutes (schedules added through Discord)', () => {
  const from = Date.parse('2025-03-01T00:00:00Z');
  const tooOften = (expr: string) => {
    const problem = minIntervalProblem(cron(expr), MIN15, from);
    return problem && describeScheduleProblem(problem).message;
  };

  it('refuses */5 and close pairs with a suggestion', () => {
    const m = tooOften('*/5 * * * *');
    expect(m).toContain('every 5 minutes');
    expect(m).toContain('at most once per 15 minutes');
    expect(m).toContain('`0 9 * * *`');
    expect(tooOften('0,10 9 * * *')).toContain('every 10 minutes');
    expect(tooOften('*/30 * * * * *')).toContain('every 30 seconds');
  });

  it('counts the gap across midnight', () => {
    expect(shortestGapMs(cron('5,55 0,23 * * *'), from)).toBe(10 * 60_000);
  });

  it('accepts exactly 15 minutes, hourly and daily', () => {
    for (const e of ['*/15 * * * *', '0 * * * *', '0 9 * * *', '0 9,17 * * 1-5', '30 1 * * *']) {
      expect(minIntervalProblem(cron(e, 'Europe/London'), MIN15, from)).toBeUndefined();
    }
  });
});

describe('schedules in words', () => {
  it('uses cronstrue in 24-hour time', () => {
    expect(describeCron(cron('30 8 * * 1-5'))).toBe('At 08:30, Monday through Friday');
    expect(describeCron(cron('*/15 * * * *'))).toBe('Every 15 minutes');
  });

  it('says that both day fields must match', () => {
    expect(describeCron(cron('0 9 13 * 5'))).toBe('At 09:00, on day 13 of the month, if it falls on Friday');
  });
});

describe('time zones', () => {
  it('resolves case-insensitively and through aliases; empty is UTC', () => {
    expect(resolveTimezone('europe/london')).toEqual({ ok: true, zone: 'Europe/London' });
    expect(resolveTimezone('utc')).toEqual({ ok: true, zone: 'UTC' });
    expect(resolveTimezone('')).toEqual({ ok: true, zone: 'UTC' });
    expect(resolveTimezone('US/Eastern')).toEqual({ ok: true, zone: 'America/New_York' });
  });

  it('suggests the closest zone for a typo', () => {
    const r = resolveTimezone('Europe/Londn');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.suggestions).toContain('Europe/London');
      expect(r.message).toMatch(/Did you mean `Europe\/London`/);
      expect(r.message).toContain('IANA name');
    }
  });

  it('autocompletes common zones first, within 25 choices', () => {
    const empty = autocompleteTimezones('');
    expect(empty.length).toBeLessThanOrEqual(25);
    expect(empty[0]).toBe('UTC');
    expect(autocompleteTimezones('lond')[0]).toBe('Europe/London');
    expect(autocompleteTimezones('new york')).toContain('America/New_York');
    expect(autocompleteTimezones('a').length).toBe(25);
  });
});
