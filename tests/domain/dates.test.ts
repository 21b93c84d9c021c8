import { describe, expect, it } from 'vitest';
import {
  checkPartialDate,
  describePartialDate,
  firstPossibleDay,
  formatPartialDate,
  lastPossibleDay,
  sortDay,
} from '../../src/domain/dates.ts';
import type { PartialDate } from '../../src/domain/schema.ts';

const before: PartialDate = {
  value: '2025',
  precision: 'year',
  approximate: true,
  latest: '2025-08-18',
  basis: 'b',
};
const conference: PartialDate = {
  value: '2025-02',
  precision: 'month',
  approximate: true,
  multiDay: true,
  underWay: '2025-02-14',
  basis: 'b',
};

describe('honest partial dates', () => {
  it('shows a date bounded only from above as "by" that day, ordered next to it', () => {
    expect(formatPartialDate(before)).toBe('by 18 Aug 2025');
    expect(describePartialDate(before)).toBe('no later than 18 Aug 2025 (c. 2025; no earlier day given)');
    expect(sortDay(before)).toBe('2025-08-18');
    expect(firstPossibleDay(before)).toBe('2025-01-01');
    expect(lastPossibleDay(before)).toBe('2025-08-18');
  });

  it('shows a multi-day event by the day it is seen under way', () => {
    expect(formatPartialDate(conference)).toBe('under way 14 Feb 2025');
    expect(describePartialDate(conference)).toBe(
      'c. Feb 2025, over several days; under way on 14 Feb 2025; first and last days not given',
    );
    expect(sortDay(conference)).toBe('2025-02-14');
    expect(
      describePartialDate({
        ...conference,
        underWay: undefined,
        earliest: '2025-02-13',
        latest: '2025-02-16',
      }),
    ).toBe(
      'c. Feb 2025, over several days; starting no earlier than 13 Feb 2025; ending no later than 16 Feb 2025',
    );
  });

  it('refuses a multi-day event with day precision, and underWay without multiDay or outside its bounds', () => {
    expect(checkPartialDate({ ...conference, precision: 'day', value: '2025-02-14' })).toMatch(
      /a multi-day event cannot have precision "day"/,
    );
    expect(checkPartialDate({ ...conference, multiDay: undefined })).toBe(
      'underWay is for multi-day events: add "multiDay": true or drop underWay',
    );
    expect(checkPartialDate({ ...conference, latest: '2025-02-13' })).toBe(
      'underWay 2025-02-14 is after latest 2025-02-13',
    );
  });
});
