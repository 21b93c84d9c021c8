import type { Briefbook } from '../domain/briefbook.ts';
import type { Quote } from '../domain/schema.ts';
import type { Translator } from '../i18n/catalog.ts';
import { formatPartialDate } from '../i18n/format.ts';
import { formatCitations } from './cite.ts';
import { actorName, content, quoteNote } from './content.ts';
import { buildEmbed } from './embed.ts';
import { escapeText } from './escape.ts';
import { truncate } from './limits.ts';
import { COLORS, type MessagePayload, NO_MENTIONS } from './message.ts';
import { type Page, type PageLink, pagerRow } from './pager.ts';

export const QUOTES_PAGE_SIZE = 5;

function quoteBlock(t: Translator, book: Briefbook, q: Quote): string {
  const d = book.dataset;
  const event = d.eventById.get(q.event);
  const when = event ? formatPartialDate(t, event.date) : '';
  const about = event ? ` · ${content(t, event, 'title')} (\`${event.id}\`)` : '';
  return (
    `> “${truncate(q.text, 700)}”${quoteNote(t, d, q)}\n` +
    `— **${actorName(t, d, q.speaker)}**${when ? `, ${when}` : ''}${about} ${formatCitations(d, [q.citation])}\n` +
    `*${truncate(content(t, q, 'context'), 200)}*`
  );
}

export function renderQuotes(
  t: Translator,
  book: Briefbook,
  page: Page<Quote>,
  filters: { label: string; link: PageLink },
): MessagePayload {
  const embed = buildEmbed({
    title: filters.label
      ? t.t('quote.titleFiltered', { filters: escapeText(filters.label) })
      : t.t('quote.title'),
    description:
      page.total === 0 ? t.t('quote.empty') : page.items.map((q) => quoteBlock(t, book, q)).join('\n\n'),
    footer: t.t('quote.footer', {
      quotes: t.t('count.quotes', { count: page.total }),
      page: t.t('pager.footerPage', { page: page.page + 1, pages: page.pageCount }),
    }),
    color: COLORS.quote,
  });
  return { embeds: [embed], components: pagerRow(t, page, filters.link), allowed_mentions: NO_MENTIONS };
}
