/**
 * Every word the timeline chart draws or says, in the reader's language (the message catalog; axis
 * months and days through Intl in the language). PURE.
 */
import type { Dataset } from '../../domain/model.ts';
import type { Event } from '../../domain/schema.ts';
import type { Translator } from '../../i18n/catalog.ts';
import { formatDay, formatDayRange } from '../../i18n/format.ts';
import { actorName, content } from '../content.ts';

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
  /** A lane's name: the topic's label or the actor's name in the language (the id when unknown). */
  topicName(dataset: Pick<Dataset, 'topicById'>, id: string): string;
  actorName(dataset: Pick<Dataset, 'actorById'>, id: string): string;
  /** An event's label: its title in the language. */
  eventTitle(event: Event): string;
  /** Alt text of the picture. */
  altText(s: { filter: string | undefined; from: string; to: string; events: number }): string;
}

const tickFormats = new Map<string, Intl.DateTimeFormat>();

function tickFormat(intl: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${intl}|${JSON.stringify(options)}`;
  let f = tickFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(intl, { ...options, timeZone: 'UTC' });
    tickFormats.set(key, f);
  }
  return f;
}

/** The chart's words in the translator's language. */
export function wordsOf(t: Translator): ChartWords {
  const intl = t.language.intl;
  const period = (from: string, to: string) =>
    from === to ? formatDay(t, from) : formatDayRange(t, from, to);
  return {
    title: (filter) => (filter ? t.t('chart.title', { filter }) : t.t('chart.titleAll')),
    subtitle: ({ from, to, events, lanes }) =>
      t.t('chart.subtitle', {
        period: period(from, to),
        events: t.t('count.events', { count: events }),
        lanes: lanes === 'topic' ? t.t('chart.lanes.topic') : t.t('chart.lanes.actor'),
      }),
    noEvents: t.t('chart.noEvents'),
    noTopic: t.t('chart.noTopic'),
    otherTopics: (count) => t.t('chart.otherTopics', { count }),
    otherActors: (count) => t.t('chart.otherActors', { count }),
    laneCount: (count) => t.t('count.events', { count }),
    legendDay: t.t('chart.legendDay'),
    legendSpan: t.t('chart.legendSpan'),
    legendApproximate: t.t('chart.legendApproximate'),
    labelsShown: (shown, total) => t.t('chart.labelsShown', { shown, total }),
    tick: (day, unit, withYear) => {
      const date = new Date(`${day}T00:00:00Z`);
      if (unit === 'year') return String(date.getUTCFullYear());
      const options: Intl.DateTimeFormatOptions =
        unit === 'month' ? { month: 'short' } : { day: 'numeric', month: 'short' };
      return tickFormat(intl, withYear ? { ...options, year: 'numeric' } : options).format(date);
    },
    day: (day) => formatDay(t, day),
    topicName: (dataset, id) => {
      const topic = dataset.topicById.get(id);
      return topic ? content(t, topic, 'label') : id;
    },
    actorName: (dataset, id) => actorName(t, dataset, id),
    eventTitle: (event) => content(t, event, 'title'),
    altText: ({ filter, from, to, events }) => {
      const params = {
        events: t.t('count.events', { count: events }),
        from: formatDay(t, from),
        to: formatDay(t, to),
      };
      return filter ? t.t('chart.altFiltered', { ...params, filter }) : t.t('chart.alt', params);
    },
  };
}
