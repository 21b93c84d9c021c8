import * as localized from '../i18n/format.ts';
import { reference } from '../i18n/languages.ts';
import type { PartialDate } from './schema.ts';

/** A calendar day as YYYY-MM-DD; string order is chronological order. */
export type Day = string;

/** Years 0001–9999: the Gregorian calendar has no year 0, and dates are written with four digits. */
function isRealYear(year: number): boolean {
  return year >= 1 && year <= 9999;
}

export function isRealDay(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!isRealYear(y) || mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

export function isRealMonth(value: string): boolean {
  const m = /^(\d{4})-(\d{2})$/.exec(value);
  return !!m && isRealYear(Number(m[1])) && Number(m[2]) >= 1 && Number(m[2]) <= 12;
}

/** The shape a value must have for its precision, or a message saying what is wrong. */
export function checkPartialDate(date: PartialDate): string | undefined {
  const { value, precision } = date;
  if (precision === 'day' && !/^\d{4}-\d{2}-\d{2}$/.test(value))
    return `precision "day" needs a value like 2025-02-14, got "${value}"`;
  if (precision === 'month' && !/^\d{4}-\d{2}$/.test(value))
    return `precision "month" needs a value like 2025-02, got "${value}"`;
  if (precision === 'year' && !/^\d{4}$/.test(value))
    return `precision "year" needs a value like 2025, got "${value}"`;
  if (precision === 'day' && !isRealDay(value)) return `"${value}" is not a real calendar day`;
  if (precision === 'month' && !isRealMonth(value)) return `"${value}" is not a real month`;
  for (const bound of ['earliest', 'latest'] as const) {
    const b = date[bound];
    if (b !== undefined && !isRealDay(b)) return `${bound} "${b}" is not a real calendar day`;
  }
  if (date.earliest && date.latest && date.earliest > date.latest)
    return `earliest ${date.earliest} is after latest ${date.latest}`;
  if (date.underWay !== undefined) {
    if (!isRealDay(date.underWay)) return `underWay "${date.underWay}" is not a real calendar day`;
    if (!date.multiDay) return 'underWay is for multi-day events: add "multiDay": true or drop underWay';
    if (date.earliest && date.underWay < date.earliest)
      return `underWay ${date.underWay} is before earliest ${date.earliest}`;
    if (date.latest && date.underWay > date.latest)
      return `underWay ${date.underWay} is after latest ${date.latest}`;
  }
  if (date.multiDay && date.precision === 'day')
    return 'a multi-day event cannot have precision "day": use the month or year it falls in, with earliest/latest/underWay';
  const start = periodStart(date);
  const end = periodEnd(date);
  if (date.earliest && !date.approximate && (date.earliest < start || date.earliest > end))
    return `earliest ${date.earliest} lies outside ${value}`;
  if (date.latest && !date.approximate && (date.latest < start || date.latest > end))
    return `latest ${date.latest} lies outside ${value}`;
  return undefined;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month of the proleptic Gregorian calendar (what Date uses), without a Date. */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return MONTH_DAYS[month - 1] ?? Number.NaN;
}

/** First day the date can denote (its earliest bound when one is given). */
export function periodStart(date: PartialDate): Day {
  if (date.precision === 'day') return date.value;
  if (date.precision === 'month') return `${date.value.slice(0, 7)}-01`;
  return `${date.value.slice(0, 4)}-01-01`;
}

/** Last day the date can denote. */
export function periodEnd(date: PartialDate): Day {
  if (date.precision === 'day') return date.value;
  const [ys, ms] = date.value.split('-');
  const y = Number(ys);
  if (date.precision === 'month') {
    const m = Number(ms);
    return `${ys}-${ms}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
  }
  return `${ys}-12-31`;
}

/**
 * The day used to order events: the earliest day the text allows; for a multi-day event known only
 * to be under way on a day, that day; for a date the text bounds only from above ("before the
 * talks"), that bound, so it stays next to what it is told relative to.
 */
export function sortDay(date: PartialDate): Day {
  if (date.earliest) return date.earliest;
  if (date.underWay) return date.underWay;
  if (date.latest && date.precision !== 'day') return date.latest;
  return periodStart(date);
}

/** The first day the date can denote, honouring an explicit bound (ranges: "may it fall on or after…"). */
export function firstPossibleDay(date: PartialDate): Day {
  return date.earliest ?? periodStart(date);
}

/** The last day the date can denote, honouring an explicit bound. */
export function lastPossibleDay(date: PartialDate): Day {
  return date.latest ?? periodEnd(date);
}

/**
 * The first day by which the event has certainly happened: "c. Feb 2022" only by 28 Feb 2022,
 * "by 18 Aug 2025" by that day, a multi-day event once the text shows it under way (else by its
 * last possible day). What is known "as of" a day is what happened by it.
 */
export function certainByDay(date: PartialDate): Day {
  // The common case, a plain day, without the string work below (the same answer).
  if (date.precision === 'day' && !date.multiDay && !date.latest && !date.earliest && !date.underWay)
    return date.value;
  const certain = date.multiDay ? (date.underWay ?? lastPossibleDay(date)) : lastPossibleDay(date);
  const first = sortDay(date);
  return certain < first ? first : certain;
}

/** English month names, for matching text written in English (display goes through the catalog). */
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

const LOOSENESS = { day: 0, month: 1, year: 2 } as const;
/** How loosely a date is known (lower is more precise): dateSpan's tie-break. */
export const looseness = (d: PartialDate): number =>
  LOOSENESS[d.precision] * 4 + (d.multiDay ? 2 : 0) + (d.approximate || (d.latest && !d.earliest) ? 1 : 0);

/**
 * The span a set of dates covers, each end as precisely as it is known: the first to start
 * (sortDay) and the last to have certainly happened (certainByDay); on a tie, the more precise date.
 */
export function dateSpan(
  dates: Iterable<PartialDate>,
): { first: PartialDate; last: PartialDate } | undefined {
  let first: PartialDate | undefined;
  let last: PartialDate | undefined;
  // The current first's sort day and last's certain day, kept rather than recomputed per date.
  let firstDay = '';
  let lastDay = '';
  for (const d of dates) {
    const day = sortDay(d);
    if (!first || day < firstDay || (day === firstDay && looseness(d) < looseness(first))) {
      first = d;
      firstDay = day;
    }
    const end = certainByDay(d);
    if (!last || end > lastDay || (end === lastDay && looseness(d) < looseness(last))) {
      last = d;
      lastDay = end;
    }
  }
  return first && last ? { first, last } : undefined;
}

/**
 * English wording of dates, for logs, data checks and curation tools; what readers see goes through
 * src/i18n/format.ts in their language.
 */
export function formatDay(day: Day): string {
  return localized.formatDay(reference, day);
}

/** "14 Feb 2025", "Feb 2025", "2025", "c. Feb 2025", "by 14 Feb 2025", "under way 14 Feb 2025". */
export function formatPartialDate(date: PartialDate): string {
  return localized.formatPartialDate(reference, date);
}

/** A partial date as a date range sentence fragment including bounds, for detail views. */
export function describePartialDate(date: PartialDate): string {
  return localized.describePartialDate(reference, date);
}

/** Today's date in UTC as YYYY-MM-DD, from an injected clock. */
export function dayOf(instant: Date): Day {
  return instant.toISOString().slice(0, 10);
}

/** Parses user input "2025-02-14" | "2025-02" | "2025" into an inclusive day range. */
export function parseDayOrMonth(
  input: string,
): { from: Day; to: Day; precision: 'day' | 'month' | 'year' } | undefined {
  const text = input.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    return isRealDay(text) ? { from: text, to: text, precision: 'day' } : undefined;
  }
  if (/^\d{4}-\d{2}$/.test(text)) {
    if (!isRealMonth(text)) return undefined;
    const d: PartialDate = { value: text, precision: 'month', basis: 'input' };
    return { from: periodStart(d), to: periodEnd(d), precision: 'month' };
  }
  if (/^\d{4}$/.test(text) && isRealYear(Number(text)))
    return { from: `${text}-01-01`, to: `${text}-12-31`, precision: 'year' };
  return undefined;
}

/** How many of the ascending `days` (YYYY-MM-DD) are on or before `day`: a binary search. */
export function countAtMost(days: readonly string[], day: string): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((days[mid] as string) <= day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
