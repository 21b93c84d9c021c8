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
