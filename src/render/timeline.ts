import type { Briefbook } from '../domain/briefbook.ts';
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

/** The message carrying a timeline picture: the PNG is attached by the caller as TIMELINE_CHART_FILE. */
export function renderTimelineChart(
  t: Translator,
  label: string,
  summary: TimelineChartSummary,
): MessagePayload {
  const lanes = summary.lanes === 'topic' ? t.t('chart.lanes.topic') : t.t('chart.lanes.actor');
  const events = t.t('count.events', { count: summary.events });
  const counts =
    summary.from && summary.to
      ? t.t('chart.message.range', { events, from: { day: summary.from }, to: { day: summary.to }, lanes })
      : t.t('chart.message.noRange', { events, lanes });
  const description = [
    counts,
    t.t('chart.message.legend'),
    ...(summary.labelled < summary.events
      ? [t.t('chart.message.labelled', { shown: t.number(summary.labelled) })]
      : []),
  ].join(' ');
  const embed = buildEmbed({
    title: label
      ? t.t('chart.message.titleFiltered', { filters: escapeText(label) })
      : t.t('chart.message.title'),
    description,
    footer: t.t('chart.message.footer'),
    color: COLORS.timeline,
  });
  return {
    embeds: [{ ...embed, image: { url: `attachment://${TIMELINE_CHART_FILE}` } }],
    allowed_mentions: NO_MENTIONS,
  };
}
