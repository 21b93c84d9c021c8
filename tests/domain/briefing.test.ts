import { beforeAll, describe, expect, it } from 'vitest';
import type { Briefbook } from '../../src/domain/briefbook.ts';
import { composeBriefing, formatDueWindow } from '../../src/domain/briefing.ts';
import { describePartialDate, formatPartialDate, parseDayOrMonth } from '../../src/domain/dates.ts';
import { realBook } from '../support/fixtures.ts';

let book: Briefbook;
beforeAll(async () => {
  book = await realBook();
});

describe('briefing composition', () => {
  it('gives the state of play per topic as of a date, every point cited', () => {
    const b = composeBriefing(book.dataset, { asOf: '2025-09-01' });
    expect(b.threads.length).toBe(book.dataset.topics.length);
    for (const t of b.threads) expect(t.citations.length).toBeGreaterThan(0);
    const sg = b.threads.find((t) => t.topic.id === 'security-guarantees');
    expect(sg?.since).toBe('2025-08-18');
    // The newest development is of 18 Aug 2025 (since audit 2026-11 it may be a range under way that day).
    expect(book.dataset.eventDay.get(b.latest[0]?.id ?? '')).toBe('2025-08-18');
    expect(b.keyQuote?.quote.fragment).toBe(false);
    expect(b.coverage).toEqual({ first: '2022-02-01', last: '2025-08-18' });
  });

  it('only knows what happened by the as-of date', () => {
    const b = composeBriefing(book.dataset, { asOf: '2025-02-13' });
    expect(b.latest.map((e) => e.id)).toContain('vance-wsj-interview');
    expect(b.latest.map((e) => e.id)).not.toContain('vance-munich-speech');
    expect(b.threads.find((t) => t.topic.id === 'security-guarantees')).toBeUndefined();
    expect(b.commitments.map((c) => c.commitment.id)).not.toContain('security-guarantees-on-paper');
  });

  it('tracks the due window of the guarantees commitment', () => {
    const state = (asOf: string) =>
      composeBriefing(book.dataset, { asOf }).commitments.find(
        (c) => c.commitment.id === 'security-guarantees-on-paper',
      );
    expect(state('2025-08-20')?.state).toBe('pending');
    expect(state('2025-08-26')?.state).toBe('due-now');
    expect(state('2025-09-30')?.state).toBe('window-passed');
    expect(state('2025-08-20')?.label).toBe('due 25–28 Aug 2025');
  });

  it('narrows to one topic', () => {
    const b = composeBriefing(book.dataset, { asOf: '2025-12-31', topic: 'direct-talks-with-putin' });
    expect(b.threads.map((t) => t.topic.id)).toEqual(['direct-talks-with-putin']);
    expect(b.latest.every((e) => e.topics.includes('direct-talks-with-putin'))).toBe(true);
    expect(b.keyQuote?.quote.id).toBe('zelensky-ready-for-bilateral-meeting');
  });

  it('is deterministic and marks new events given by the caller', () => {
    const a = composeBriefing(book.dataset, {
      asOf: '2025-09-01',
      newEventIds: new Set(['white-house-summit']),
    });
    const b = composeBriefing(book.dataset, {
      asOf: '2025-09-01',
      newEventIds: new Set(['white-house-summit']),
    });
    expect(a).toEqual(b);
    expect(a.newEvents.map((e) => e.id)).toEqual(['white-house-summit']);
  });
});

describe('dates', () => {
  it('shows dates with their precision', () => {
    expect(formatPartialDate({ value: '2025-02-14', precision: 'day', basis: 'x' })).toBe('14 Feb 2025');
    expect(formatPartialDate({ value: '2025-02', precision: 'month', basis: 'x' })).toBe('Feb 2025');
    expect(formatPartialDate({ value: '2022-02', precision: 'month', approximate: true, basis: 'x' })).toBe(
      'c. Feb 2022',
    );
    expect(
      describePartialDate({
        value: '2025-02',
        precision: 'month',
        earliest: '2025-02-12',
        latest: '2025-02-14',
        basis: 'x',
      }),
    ).toBe('Feb 2025 (between 12 Feb 2025 and 14 Feb 2025)');
    expect(formatDueWindow({ from: '2025-08-25', to: '2025-08-28' })).toBe('25–28 Aug 2025');
  });

  it('parses user dates strictly', () => {
    expect(parseDayOrMonth('2025-02')).toEqual({ from: '2025-02-01', to: '2025-02-28', precision: 'month' });
    expect(parseDayOrMonth('2024-02')?.to).toBe('2024-02-29');
    expect(parseDayOrMonth('2025-02-30')).toBeUndefined();
    expect(parseDayOrMonth('14/02/2025')).toBeUndefined();
    expect(parseDayOrMonth('2025-13')).toBeUndefined();
  });
});
