import { describe, expect, it } from 'vitest';
import { findDates, minusMonths, rangeDate } from '../../src/ingest/dates.ts';
import { findQuotes } from '../../src/ingest/text.ts';

/** Date expressions of a one-sentence text published on `published`. */
function dates(text: string, published: string) {
  return findDates(text, { start: 0, end: text.length }, findQuotes(text), published).map((d) => ({
    text: d.text,
    rule: d.rule,
    value: d.date?.value,
    precision: d.date?.precision,
    approximate: d.date?.approximate ?? false,
    ...(d.partOfDay ? { partOfDay: d.partOfDay } : {}),
    future: d.future,
  }));
}

describe('findDates', () => {
  // 2025-02-14 is a Friday; 2025-08-18 a Monday.
  it('resolves a weekday to the most recent such day on or before publication', () => {
    expect(dates('They met on Friday evening.', '2025-02-14')[0]).toMatchObject({
      value: '2025-02-14',
      precision: 'day',
      partOfDay: 'evening',
    });
    expect(dates('The call was on Wednesday.', '2025-02-14')[0]?.value).toBe('2025-02-12');
    expect(dates('He was interviewed Thursday by a paper.', '2025-02-14')[0]?.value).toBe('2025-02-13');
    expect(dates('Monday’s talks were warm.', '2025-08-18')[0]?.value).toBe('2025-08-18');
    expect(dates('On Saturday they flew home.', '2025-08-18')[0]?.value).toBe('2025-08-16');
  });

  it('reads "last Friday" as before the publication day and "next Friday" as a plan', () => {
    expect(dates('They met last Friday.', '2025-02-14')[0]?.value).toBe('2025-02-07');
    expect(dates('They meet next Friday.', '2025-02-14')[0]?.future).toBe(true);
  });

  it('resolves a month name to the most recent such month', () => {
    expect(dates('The meeting in February was tense.', '2025-08-18')[0]).toMatchObject({
      value: '2025-02',
      precision: 'month',
    });
    expect(dates('The summit in December failed.', '2025-08-18')[0]?.value).toBe('2024-12');
    expect(dates('Theresa May said no.', '2025-08-18')).toEqual([]);
  });

  it('reads calendar dates, with and without a year', () => {
    expect(dates('They met on February 28.', '2025-08-18')[0]).toMatchObject({
      value: '2025-02-28',
      precision: 'day',
    });
    expect(dates('They met on 28 February 2024.', '2025-08-18')[0]?.value).toBe('2024-02-28');
    expect(dates('The deal of Sept. 30 held.', '2025-08-18')[0]?.value).toBe('2024-09-30');
  });

  it('dates durations back from publication, approximately', () => {
    expect(dates('It began nearly three and a half years ago.', '2025-08-18')[0]).toMatchObject({
      rule: 'ago',
      value: '2022-02',
      precision: 'month',
      approximate: true,
    });
    expect(dates('The three-year war goes on.', '2025-02-14')[0]).toMatchObject({
      rule: 'n-year',
      value: '2022-02',
      precision: 'month',
      approximate: true,
    });
    expect(dates('They spoke two days ago.', '2025-08-18')[0]).toMatchObject({
      value: '2025-08-16',
      precision: 'day',
    });
  });

  it('reads days and periods relative to publication', () => {
    expect(dates('Yesterday, he resigned.', '2025-08-18')[0]?.value).toBe('2025-08-17');
    expect(dates('It was agreed earlier this month.', '2025-08-18')[0]).toMatchObject({
      value: '2025-08',
      precision: 'month',
    });
    expect(dates('They met last week.', '2025-08-18')[0]).toMatchObject({
      value: '2025-08',
      approximate: true,
    });
    expect(dates('Talks resume next week.', '2025-08-18')[0]?.future).toBe(true);
  });

  it('marks "Earlier," as relative to the event being told', () => {
    expect(dates('Earlier, in a speech, he said more.', '2025-02-14')[0]).toMatchObject({ rule: 'earlier' });
  });
});

describe('date helpers', () => {
  it('minusMonths clamps to the end of shorter months', () => {
    expect(minusMonths('2025-03-31', 1)).toBe('2025-02-28');
    expect(minusMonths('2025-08-18', 42)).toBe('2022-02-18');
  });

  it('rangeDate is a day, a month with bounds, or a year with bounds', () => {
    expect(rangeDate('2025-02-14', '2025-02-14', 'b')).toEqual({
      value: '2025-02-14',
      precision: 'day',
      basis: 'b',
    });
    expect(rangeDate('2025-02-12', '2025-02-14', 'b')).toEqual({
      value: '2025-02',
      precision: 'month',
      earliest: '2025-02-12',
      latest: '2025-02-14',
      basis: 'b',
    });
    expect(rangeDate('2025-01-30', '2025-02-02', 'b')).toMatchObject({ value: '2025', precision: 'year' });
    // Only an upper bound: the month is not known.
    expect(rangeDate(undefined, '2025-02-14', 'b')).toEqual({
      value: '2025',
      precision: 'year',
      approximate: true,
      latest: '2025-02-14',
      basis: 'b',
    });
  });
});
