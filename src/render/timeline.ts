import type { Briefbook } from '../domain/briefbook.ts';
import { formatPartialDate } from '../domain/dates.ts';
import type { Event } from '../domain/schema.ts';
import { attributed } from './attributed.ts';
import { formatCitations } from './cite.ts';
import { buildEmbed } from './embed.ts';
import { escapeText } from './escape.ts';
import { truncate } from './limits.ts';
import { COLORS, type MessagePayload, NO_MENTIONS } from './message.ts';
import { type Page, type PageLink, pagerRow } from './pager.ts';

export const TIMELINE_PAGE_SIZE = 5;

export function eventLine(book: Briefbook, e: Event, summaryMax = 280): string {
  const d = book.dataset;
  const who = e.actors
    .filter((a) => d.actorById.get(a.actor)?.kind === 'person')
    .map((a) => d.actorById.get(a.actor)?.name)
    .filter(Boolean)
    .join(', ');
  return (
    `**${formatPartialDate(e.date)}** · ${e.title} — \`${e.id}\`\n` +
    `${truncate(attributed(d, e.summary, e.attributedTo), summaryMax)}${who ? `\n*${who}*` : ''} ${formatCitations(d, e.citations)}`
  );
}

export function renderTimeline(
  book: Briefbook,
  page: Page<Event>,
  filters: { label: string; link: PageLink },
): MessagePayload {
  const description =
    page.total === 0
      ? 'No events match these filters. Try a wider date range, or drop the actor or topic filter.'
      : page.items.map((e) => eventLine(book, e)).join('\n\n');
  const embed = buildEmbed({
    title: `Timeline${filters.label ? ` — ${escapeText(filters.label)}` : ''}`,
    description,
    footer: `${page.total} event${page.total === 1 ? '' : 's'} · page ${page.page + 1} of ${page.pageCount} · /event <id> for details · /sources for citations`,
    color: COLORS.timeline,
  });
  return { embeds: [embed], components: pagerRow(page, filters.link), allowed_mentions: NO_MENTIONS };
}
