/**
 * Dates, ranges, precision labels, times in a zone and cron descriptions in the reader's language,
 * through Intl (and cronstrue's locales). Formatters are built once per language and options. PURE.
 */
import cronstrue from 'cronstrue';
import type { PartialDate } from '../domain/schema.ts';
import type { Translator } from './catalog.ts';

// Per options (the constant objects below are found by identity, other options by their JSON),
// then per language: building a formatter costs far more than formatting, and so did the key.
const byOptions = new Map<Intl.DateTimeFormatOptions | string, Map<string, Intl.DateTimeFormat>>();
function dateFormat(intl: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let perLanguage = byOptions.get(options);
  if (!perLanguage) {
    const key = JSON.stringify(options);
    perLanguage = byOptions.get(key) ?? new Map();
    byOptions.set(key, perLanguage);
    if (options === DAY || options === MONTH) byOptions.set(options, perLanguage);
  }
  let f = perLanguage.get(intl);
  if (!f) {
    f = new Intl.DateTimeFormat(intl, options);
    perLanguage.set(intl, f);
  }
  return f;
}

const numberFormats = new Map<string, Intl.NumberFormat>();
function unitFormat(intl: string, unit: string, unitDisplay: 'narrow' | 'long'): Intl.NumberFormat {
  const key = `${intl}|${unit}|${unitDisplay}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(intl, { style: 'unit', unit, unitDisplay });
    numberFormats.set(key, f);
  }
  return f;
}

/** Days already written, per language: answers show the same dates over and over. */
const daysWritten = new Map<string, string>();
const DAYS_KEPT = 20_000;

/** Noon UTC of a YYYY-MM-DD (or YYYY-MM, YYYY) value; years below 100 stay as written. */
function instantOf(value: string): Date {
  const [y, m, d] = value.split('-').map(Number);
  const date = new Date(0);
  date.setUTCFullYear(y ?? 1970, (m ?? 1) - 1, d ?? 1);
  date.setUTCHours(12);
  return date;
}

const DAY: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' };
const MONTH: Intl.DateTimeFormatOptions = { month: 'short', year: 'numeric', timeZone: 'UTC' };

/** Years are written with four digits ("1 Jan 0001"), as the dataset and the options take them. */
function withFullYear(parts: Intl.DateTimeFormatPart[]): string {
  return parts.map((p) => (p.type === 'year' ? p.value.padStart(4, '0') : p.value)).join('');
}

/** "14 Feb 2025", "14 лют. 2025 р.". */
export function formatDay(t: Translator, day: string): string {
  // Parts, not format(): V8's format() writes a plain space where the parts have U+202F (uk).
  const key = `${t.language.intl}|${day}`;
  let text = daysWritten.get(key);
  if (text === undefined) {
    text = withFullYear(dateFormat(t.language.intl, DAY).formatToParts(instantOf(day)));
    if (daysWritten.size >= DAYS_KEPT) daysWritten.clear();
    daysWritten.set(key, text);
  }
  return text;
}

/** "25–28 Aug 2025", "25 Aug – 2 Sept 2025"; one day when both ends are the same. */
export function formatDayRange(t: Translator, from: string, to: string): string {
  if (from === to) return formatDay(t, from);
  return withFullYear(dateFormat(t.language.intl, DAY).formatRangeToParts(instantOf(from), instantOf(to)));
}

/**
 * "14 Feb 2025", "Feb 2025", "2025", approximate ("c. Feb 2025"), bounded only from above ("by 14
 * Feb 2025"), or a multi-day event known on one day ("under way 14 Feb 2025").
 */
export function formatPartialDate(t: Translator, date: PartialDate): string {
  if (date.multiDay && date.underWay) return t.t('date.underWay', { date: formatDay(t, date.underWay) });
  if (!date.multiDay && date.precision !== 'day' && date.latest && !date.earliest)
    return t.t('date.by', { date: formatDay(t, date.latest) });
  let text: string;
  if (date.precision === 'day') text = formatDay(t, date.value);
  else if (date.precision === 'month')
    text = dateFormat(t.language.intl, MONTH).format(instantOf(date.value));
  else text = date.value.slice(0, 4);
  return date.approximate ? t.t('date.approximate', { date: text }) : text;
}

function periodText(t: Translator, date: PartialDate): string {
  return formatPartialDate(t, {
    ...date,
    multiDay: false,
    latest: undefined,
    earliest: undefined,
    underWay: undefined,
  });
}

/** A partial date with its bounds, for detail views. */
export function describePartialDate(t: Translator, date: PartialDate): string {
  const day = (d: string) => formatDay(t, d);
  if (date.multiDay) {
    const parts = [t.t('date.multiDay', { period: periodText(t, date) })];
    if (date.underWay) parts.push(t.t('date.underWayOn', { date: day(date.underWay) }));
    if (date.earliest) parts.push(t.t('date.startingNoEarlier', { date: day(date.earliest) }));
    if (date.latest) parts.push(t.t('date.endingNoLater', { date: day(date.latest) }));
    if (!date.earliest && !date.latest) parts.push(t.t('date.noFirstLast'));
    return parts.join('; ');
  }
  if (date.precision !== 'day' && date.latest && !date.earliest)
    return t.t('date.noLaterOnly', { latest: day(date.latest), period: periodText(t, date) });
  const base = formatPartialDate(t, date);
  if (date.earliest && date.latest)
    return t.t('date.between', { date: base, from: day(date.earliest), to: day(date.latest) });
  if (date.latest) return t.t('date.noLaterThan', { date: base, latest: day(date.latest) });
  if (date.earliest) return t.t('date.noEarlierThan', { date: base, earliest: day(date.earliest) });
  return base;
}

const IN_ZONE: Intl.DateTimeFormatOptions = {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
};

/** "Mon 3 Mar 2025, 09:00 GMT" in the zone, in the language. */
export function formatInZone(t: Translator, ms: number, zone: string): string {
  return dateFormat(t.language.intl, { ...IN_ZONE, timeZone: zone }).format(new Date(ms));
}

/** "1h 5m", "2d 3h 0m", in the language's units. */
export function formatDuration(t: Translator, ms: number): string {
  const s = Math.floor(ms / 1000);
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const unit = (value: number, u: 'day' | 'hour' | 'minute' | 'second') =>
    unitFormat(t.language.intl, u, 'narrow').format(value);
  if (d > 0) return [unit(d, 'day'), unit(h, 'hour'), unit(m, 'minute')].join(' ');
  if (h > 0) return [unit(h, 'hour'), unit(m, 'minute')].join(' ');
  if (m > 0) return [unit(m, 'minute'), unit(s % 60, 'second')].join(' ');
  return unit(s, 'second');
}

/** "5 minutes", "2 hours": an interval in whole units, in the language. */
export function formatInterval(t: Translator, ms: number): string {
  const s = Math.round(ms / 1000);
  const unit = (value: number, u: 'hour' | 'minute' | 'second') =>
    unitFormat(t.language.intl, u, 'long').format(value);
  if (s < 60) return unit(s, 'second');
  const m = Math.round(s / 60);
  if (m < 60 || m % 60 !== 0) return unit(m, 'minute');
  return unit(m / 60, 'hour');
}

/**
 * The schedule in words, in the language ("At 09:00, Monday through Friday"); node-cron requires
 * both day fields when both are given, which cronstrue words as either (`bothDays` says so).
 */
export function describeCronIn(t: Translator, expression: string, bothDays = false): string {
  let text: string;
  try {
    text = cronstrue.toString(expression, {
      use24HourTimeFormat: true,
      throwExceptionOnParseError: true,
      locale: t.language.cron,
    });
  } catch {
    return `cron \`${expression}\``;
  }
  return bothDays ? t.t('cron.bothDays', { description: text }) : text;
}
