import type { Briefbook } from '../domain/briefbook.ts';
import { formatPartialDate } from '../domain/dates.ts';
import type { Quote } from '../domain/schema.ts';
import { formatCitations } from './cite.ts';
import { buildEmbed } from './embed.ts';
import { escapeText } from './escape.ts';
import { truncate } from './limits.ts';
import { COLORS, type MessagePayload, NO_MENTIONS } from './message.ts';
import { type Page, type PageLink, pagerRow } from './pager.ts';

export const QUOTES_PAGE_SIZE = 5;

function quoteBlock(book: Briefbook, q: Quote): string {
  const d = book.dataset;
  const event = d.eventById.get(q.event);
  const speaker = d.actorById.get(q.speaker)?.name ?? q.speaker;
  const when = event ? formatPartialDate(event.date) : '';
  return (
    `> “${truncate(q.text, 700)}”\n` +
    `— **${speaker}**${when ? `, ${when}` : ''}${event ? ` · ${event.title} (\`${event.id}\`)` : ''} ${formatCitations(d, [q.citation])}\n` +
    `*${truncate(q.context, 200)}*`
  );
}

export function renderQuotes(
  book: Briefbook,
  page: Page<Quote>,
  filters: { label: string; link: PageLink },
): MessagePayload {
  const embed = buildEmbed({
    title: `Quotes${filters.label ? ` — ${escapeText(filters.label)}` : ''}`,
    description:
      page.total === 0
        ? 'No quotes match. Try another speaker or fewer words, or /search for a broader match.'
        : page.items.map((q) => quoteBlock(book, q)).join('\n\n'),
    footer: `${page.total} quote${page.total === 1 ? '' : 's'}, verbatim · page ${page.page + 1} of ${page.pageCount} · /sources for citations`,
    color: COLORS.quote,
  });
  return { embeds: [embed], components: pagerRow(page, filters.link), allowed_mentions: NO_MENTIONS };
}
