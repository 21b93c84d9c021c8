import type { PartialDate } from './schema.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** A calendar day as YYYY-MM-DD; string order is chronological order. */
export type Day = string;

export function isRealDay(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export function isRealMonth(value: string): boolean {
  const m = /^(\d{4})-(\d{2})$/.exec(value);
  return !!m && Number(m[2]) >= 1 && Number(m[2]) <= 12;
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
  const start = periodStart(date);
  const end = periodEnd(date);
  if (date.earliest && !date.approximate && (date.earliest < start || date.earliest > end))
    return `earliest ${date.earliest} lies outside ${value}`;
  if (date.latest && !date.approximate && (date.latest < start || date.latest > end))
    return `latest ${date.latest} lies outside ${value}`;
  return undefined;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** First day the date can denote (its earliest bound when one is given). */
export function periodStart(date: PartialDate): Day {
  const [y, m] = date.value.split('-');
  if (date.precision === 'day') return date.value;
  if (date.precision === 'month') return `${y}-${m}-01`;
  return `${y}-01-01`;
}

/** Last day the date can denote. */
export function periodEnd(date: PartialDate): Day {
  const [ys, ms] = date.value.split('-');
  const y = Number(ys);
  if (date.precision === 'day') return date.value;
  if (date.precision === 'month') {
    const m = Number(ms);
    return `${ys}-${ms}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
  }
  return `${ys}-12-31`;
}

/** The day used to order events: the earliest day the text allows. */
export function sortDay(date: PartialDate): Day {
  return date.earliest ?? periodStart(date);
}

/** The last day the date can denote, honouring an explicit bound. */
export function lastPossibleDay(date: PartialDate): Day {
  return date.latest ?? periodEnd(date);
}

export function formatDay(day: Day): string {
  const [y, m, d] = day.split('-');
  return `${Number(d)} ${MONTHS[Number(m) - 1] ?? '?'} ${y}`;
}

/** "14 Feb 2025", "Feb 2025", "2025", with "~" for approximate dates. */
export function formatPartialDate(date: PartialDate): string {
  const [y, m] = date.value.split('-');
  let text: string;
  if (date.precision === 'day') text = formatDay(date.value);
  else if (date.precision === 'month') text = `${MONTHS[Number(m) - 1] ?? '?'} ${y}`;
  else text = String(y);
  return date.approximate ? `c. ${text}` : text;
}

/** A partial date as a date range sentence fragment including bounds, for detail views. */
export function describePartialDate(date: PartialDate): string {
  const base = formatPartialDate(date);
  if (date.earliest && date.latest)
    return `${base} (between ${formatDay(date.earliest)} and ${formatDay(date.latest)})`;
  if (date.latest) return `${base} (no later than ${formatDay(date.latest)})`;
  if (date.earliest) return `${base} (no earlier than ${formatDay(date.earliest)})`;
  return base;
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
  if (/^\d{4}$/.test(text)) return { from: `${text}-01-01`, to: `${text}-12-31`, precision: 'year' };
  return undefined;
}
