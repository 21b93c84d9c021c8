import { describe, expect, it } from 'vitest';
import { reference } from '../../src/i18n/languages.ts';
import {
  describeScheduleProblem,
  describeZoneProblem,
  timezoneChoiceLabel,
} from '../../src/render/schedule.ts';
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
    return problem && reference.text(describeScheduleProblem(problem).message);
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
  const NOW = Date.parse('2025-09-01T12:00:00Z');

  it('resolves case-insensitively; keeps the IANA name the user chose; empty is UTC', () => {
    expect(resolveTimezone('europe/london')).toEqual({ ok: true, zone: 'Europe/London' });
    expect(resolveTimezone('utc')).toEqual({ ok: true, zone: 'UTC' });
    expect(resolveTimezone('')).toEqual({ ok: true, zone: 'UTC' });
    expect(resolveTimezone('US/Eastern')).toEqual({ ok: true, zone: 'US/Eastern' });
    expect(resolveTimezone('new york')).toEqual({
      ok: false,
      problem: expect.objectContaining({ kind: 'unknown' }),
    });
    expect(resolveTimezone('america/new york')).toEqual({ ok: true, zone: 'America/New_York' });
  });

  // Issue 17 #10: Node 20's ICU calls these zones by their old names; the user's current name is kept.
  it.each([
    ['Asia/Kathmandu', 'Asia/Kathmandu'],
    ['asia/kathmandu', 'Asia/Kathmandu'],
    ['America/Nuuk', 'America/Nuuk'],
    ['Europe/Kyiv', 'Europe/Kyiv'],
    ['Asia/Kolkata', 'Asia/Kolkata'],
    ['asia/ho chi minh', 'Asia/Ho_Chi_Minh'],
    ['Asia/Katmandu', 'Asia/Katmandu'],
    ['Europe/Kiev', 'Europe/Kiev'],
  ])('%s is stored as %s', (typed, stored) => {
    expect(resolveTimezone(typed)).toEqual({ ok: true, zone: stored });
  });

  it('a kept name schedules and formats exactly like the zone ICU knows', () => {
    const modern = compileCron('0 9 * * *', 'Asia/Kathmandu');
    const old = compileCron('0 9 * * *', 'Asia/Katmandu');
    if (!modern.ok || !old.ok) throw new Error('zones must compile');
    expect(nextRuns(modern.cron, NOW, 3)).toEqual(nextRuns(old.cron, NOW, 3));
    expect(nextRuns(modern.cron, NOW, 1)[0]).toBe(Date.parse('2025-09-02T03:15:00Z'));
  });

  it('suggests the closest zone for a typo', () => {
    const r = resolveTimezone('Europe/Londn');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem).toMatchObject({ kind: 'unknown', typed: 'Europe/Londn' });
      expect(r.problem.suggestions).toContain('Europe/London');
      const words = reference.text(describeZoneProblem(r.problem));
      expect(words).toMatch(/Did you mean `Europe\/London`/);
      expect(words).toContain('IANA name');
    }
  });

  it('never maps an abbreviation to a zone: it says so and lists what it may mean', () => {
    for (const typed of ['est', 'EST', 'CET', 'ist', 'EST5EDT', 'bst', 'GMT', 'xyz']) {
      const r = resolveTimezone(typed, NOW);
      expect(r.ok, typed).toBe(false);
      if (!r.ok) expect(r.problem.kind, typed).toBe('abbreviation');
    }
    const est = resolveTimezone('est', NOW);
    if (est.ok) throw new Error('est must be refused');
    expect(est.problem.suggestions).toEqual(['America/New_York', 'America/Toronto', 'Etc/GMT+5']);
    expect(reference.text(describeZoneProblem(est.problem))).toMatch(
      /`est` is an abbreviation, not a time zone.*`America\/New_York`/,
    );
    expect(reference.text(describeZoneProblem(est.problem))).not.toContain('Panama');
  });

  it('an offset ("GMT+3") is explained with its Etc zone (sign inverted) and places at that offset now', () => {
    const r = resolveTimezone('GMT+3', NOW);
    if (r.ok) throw new Error('GMT+3 must be refused');
    expect(r.problem).toMatchObject({ kind: 'offset', offsetMinutes: 180 });
    expect(r.problem.suggestions[0]).toBe('Etc/GMT-3');
    expect(r.problem.suggestions).toContain('Europe/Moscow');
    expect(r.problem.suggestions).not.toContain('UTC');
    expect(reference.text(describeZoneProblem(r.problem))).toMatch(
      /UTC\+3 all year use `Etc\/GMT-3` \(Etc names invert the sign\)/,
    );
    const nepal = resolveTimezone('UTC+5:45', NOW);
    if (nepal.ok) throw new Error('an offset must be refused');
    expect(nepal.problem.suggestions).toEqual(['Asia/Kathmandu']);
    expect(reference.text(describeZoneProblem(nepal.problem))).toMatch(/No zone keeps UTC\+5:45 all year/);
    expect(resolveTimezone('Etc/GMT-3')).toEqual({ ok: true, zone: 'Etc/GMT-3' });
  });

  it('autocompletes common zones first, within 25 choices; current names, no superseded spelling', () => {
    const empty = autocompleteTimezones('');
    expect(empty.length).toBeLessThanOrEqual(25);
    expect(empty[0]).toBe('UTC');
    expect(autocompleteTimezones('lond')[0]).toBe('Europe/London');
    expect(autocompleteTimezones('new york')).toContain('America/New_York');
    expect(autocompleteTimezones('a').length).toBe(25);
    expect(autocompleteTimezones('Kathm')[0]).toBe('Asia/Kathmandu');
    expect(autocompleteTimezones('nuuk')).toEqual(['America/Nuuk']);
    expect(autocompleteTimezones('kiev')).toContain('Europe/Kyiv');
    expect(autocompleteTimezones('kiev')).not.toContain('Europe/Kiev');
    expect(autocompleteTimezones('kyiv')).toEqual(['Europe/Kyiv']);
    expect(autocompleteTimezones('est', 25, NOW).slice(0, 3)).toEqual([
      'America/New_York',
      'America/Toronto',
      'Etc/GMT+5',
    ]);
    expect(autocompleteTimezones('GMT+3', 25, NOW)[0]).toBe('Etc/GMT-3');
    expect(timezoneChoiceLabel(reference, 'Etc/GMT-3', NOW)).toBe('Etc/GMT-3 · UTC+3 all year');
    expect(timezoneChoiceLabel(reference, 'Asia/Kathmandu', NOW)).toBe('Asia/Kathmandu · UTC+5:45 now');
  });
});
