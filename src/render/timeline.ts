import type { Briefbook } from '../domain/briefbook.ts';
import { formatDay } from '../domain/dates.ts';
import type { Event } from '../domain/schema.ts';
import type { Translator } from '../i18n/catalog.ts';
import { formatPartialDate } from '../i18n/format.ts';
import { formatCitations } from './cite.ts';
import { actorName, attributedText, content } from './content.ts';
import { buildEmbed } from './embed.ts';
import { escapeText } from './escape.ts';
import { truncate } from './limits.ts';
import { COLORS, type MessagePayload, NO_MENTIONS } from './message.ts';
import { type Page, type PageLink, pagerRow } from './pager.ts';

export const TIMELINE_PAGE_SIZE = 5;

export function eventLine(t: Translator, book: Briefbook, e: Event, summaryMax = 280): string {
  const d = book.dataset;
  const who = e.actors
    .filter((a) => d.actorById.get(a.actor)?.kind === 'person')
    .map((a) => actorName(t, d, a.actor))
    .join(', ');
  const summary = attributedText(t, d, content(t, e, 'summary'), e.attributedTo);
  return (
    `**${formatPartialDate(t, e.date)}** · ${content(t, e, 'title')} — \`${e.id}\`\n` +
    `${truncate(summary, summaryMax)}${who ? `\n*${who}*` : ''} ${formatCitations(d, e.citations)}`
  );
}

export function renderTimeline(
  t: Translator,
  book: Briefbook,
  page: Page<Event>,
  filters: { label: string; link: PageLink },
): MessagePayload {
  const description =
    page.total === 0 ? t.t('timeline.empty') : page.items.map((e) => eventLine(t, book, e)).join('\n\n');
  const embed = buildEmbed({
    title: filters.label
      ? t.t('timeline.titleFiltered', { filters: escapeText(filters.label) })
      : t.t('timeline.title'),
    description,
    footer: t.t('timeline.footer', {
      events: t.t('count.events', { count: page.total }),
      page: t.t('pager.footerPage', { page: page.page + 1, pages: page.pageCount }),
    }),
    color: COLORS.timeline,
  });
  return { embeds: [embed], components: pagerRow(t, page, filters.link), allowed_mentions: NO_MENTIONS };
}

/** What a timeline picture shows, for the message around it. */
export interface TimelineChartSummary {
  events: number;
  labelled: number;
  lanes: 'topic' | 'actor';
  from: string | undefined;
  to: string | undefined;
  alt: string;
}

export const TIMELINE_CHART_FILE = 'timeline.png';

/** Words of the message around a timeline picture (moved into the message catalog with issue 13). */
export const chartMessageWords = {
  title: (label: string) => (label ? `Timeline chart — ${label}` : 'Timeline chart'),
  description: (s: TimelineChartSummary) =>
    `${s.events} event${s.events === 1 ? '' : 's'}${s.from && s.to ? ` from ${formatDay(s.from)} to ${formatDay(s.to)}` : ''}, in ${s.lanes} lanes. ` +
    'A dot is an event dated to the day, a bar one dated only to a month or longer (or between bounds), hatching marks an approximate date.' +
    (s.labelled < s.events ? ` Labels fit for ${s.labelled} of them.` : ''),
  footer: '/timeline without view:chart lists the events with their citations · /event <id> for details',
};

/** The message carrying a timeline picture: the PNG is attached by the caller as TIMELINE_CHART_FILE. */
export function renderTimelineChart(label: string, summary: TimelineChartSummary): MessagePayload {
  const w = chartMessageWords;
  const embed = buildEmbed({
    title: w.title(escapeText(label)),
    description: w.description(summary),
    footer: w.footer,
    color: COLORS.timeline,
  });
  return {
    embeds: [{ ...embed, image: { url: `attachment://${TIMELINE_CHART_FILE}` } }],
    allowed_mentions: NO_MENTIONS,
  };
}
