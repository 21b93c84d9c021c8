/**
 * Every word the timeline chart draws or says, as small functions per language. The message
 * catalog (issue 13) takes these over; until then English is what every locale gets.
 */
import { formatDay } from '../../domain/dates.ts';

const MONTHS_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export interface ChartWords {
  title(filter: string | undefined): string;
  /** "24 Feb 2022 – 18 Aug 2025 · 21 events · lanes by topic". */
  subtitle(s: { from: string; to: string; events: number; lanes: 'topic' | 'actor' }): string;
  noEvents: string;
  noTopic: string;
  otherTopics(n: number): string;
  otherActors(n: number): string;
  laneCount(n: number): string;
  legendDay: string;
  legendSpan: string;
  legendApproximate: string;
  labelsShown(shown: number, total: number): string;
  /** Axis tick: a month ("Feb", or "Feb 2025" where the year changes), a year, or a day. */
  tick(day: string, unit: 'day' | 'month' | 'year', withYear: boolean): string;
  day(day: string): string;
  /** Alt text of the picture. */
  altText(s: { filter: string | undefined; from: string; to: string; events: number }): string;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const EN_CHART_WORDS: ChartWords = {
  title: (filter) => (filter ? `Timeline — ${filter}` : 'Timeline — all events'),
  subtitle: ({ from, to, events, lanes }) =>
    `${from === to ? formatDay(from) : `${formatDay(from)} – ${formatDay(to)}`} · ${plural(events, 'event', 'events')} · lanes by ${lanes}`,
  noEvents: 'No events match these filters.',
  noTopic: 'No topic',
  otherTopics: (n) => `Other topics (${n})`,
  otherActors: (n) => `Other actors (${n})`,
  laneCount: (n) => plural(n, 'event', 'events'),
  legendDay: 'a day',
  legendSpan: 'a month or longer',
  legendApproximate: 'approximate',
  labelsShown: (shown, total) => `labels for ${shown} of ${total}; /timeline lists all`,
  tick: (day, unit, withYear) => {
    const [y, m, d] = day.split('-');
    const month = MONTHS_SHORT[Number(m) - 1] ?? '?';
    if (unit === 'year') return String(y);
    if (unit === 'month') return withYear ? `${month} ${y}` : month;
    return withYear ? `${Number(d)} ${month} ${y}` : `${Number(d)} ${month}`;
  },
  day: formatDay,
  altText: ({ filter, from, to, events }) =>
    `Timeline chart${filter ? ` of ${filter}` : ''}: ${plural(events, 'event', 'events')} from ${formatDay(from)} to ${formatDay(to)}`,
};

/** The chart's words for a Discord locale (en-US, uk, …); English until the catalog lands. */
export function chartWords(_locale: string | undefined): ChartWords {
  return EN_CHART_WORDS;
}
