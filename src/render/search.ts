import type { Briefbook } from '../domain/briefbook.ts';
import type { SearchHit } from '../domain/search.ts';
import type { Translator } from '../i18n/catalog.ts';
import { formatPartialDate } from '../i18n/format.ts';
import { formatCitations } from './cite.ts';
import { attributedText, content } from './content.ts';
import { buildEmbed } from './embed.ts';
import { inlineCode } from './escape.ts';
import { truncate } from './limits.ts';
import { COLORS, type MessagePayload, NO_MENTIONS } from './message.ts';
import { type Page, type PageLink, pagerRow } from './pager.ts';

export const SEARCH_PAGE_SIZE = 6;
/** The best this many results are listed. */
export const SEARCH_LIMIT = 50;

const KIND_HINT = { event: '/event', quote: '/quote', actor: '/actor', topic: '/briefing topic:' } as const;

/** A hit's title, date and snippet in the reader's language (quotes stay verbatim). */
function shown(
  t: Translator,
  book: Briefbook,
  h: SearchHit,
): { title: string; date?: string; snippet: string } {
  const d = book.dataset;
  switch (h.kind) {
    case 'event': {
      const e = d.eventById.get(h.id);
      if (!e) break;
      return {
        title: content(t, e, 'title'),
        date: formatPartialDate(t, e.date),
        snippet: attributedText(t, d, content(t, e, 'summary'), e.attributedTo),
      };
    }
    case 'quote': {
      const q = d.quoteById.get(h.id);
      const e = q && d.eventById.get(q.event);
      if (!q) break;
      return {
        title: h.title,
        ...(e ? { date: formatPartialDate(t, e.date) } : {}),
        snippet: content(t, q, 'context'),
      };
    }
    case 'actor': {
      const a = d.actorById.get(h.id);
      if (!a) break;
      return { title: content(t, a, 'name'), snippet: content(t, a, 'description') };
    }
    case 'topic': {
      const topic = d.topicById.get(h.id);
      if (!topic) break;
      return { title: content(t, topic, 'label'), snippet: content(t, topic, 'description') };
    }
  }
  return { title: h.title, ...(h.date ? { date: h.date } : {}), snippet: h.snippet };
}

export function renderSearch(
  t: Translator,
  book: Briefbook,
  query: string,
  page: Page<SearchHit>,
  link: PageLink,
  opts: { more?: boolean } = {},
): MessagePayload {
  const lines = page.items.map((h, i) => {
    const { title, date, snippet } = shown(t, book, h);
    return (
      `**${page.page * page.pageSize + i + 1}. ${t.t(`search.kind.${h.kind}`)}** — ${truncate(title, 200)}${date ? ` · ${date}` : ''}\n` +
      `${truncate(snippet, 220)} ${formatCitations(book.dataset, h.citations)}\n` +
      `*${KIND_HINT[h.kind]} ${h.id}*`
    );
  });
  const results = opts.more
    ? t.t('search.more', { count: page.total })
    : t.t('count.results', { count: page.total });
  const embed = buildEmbed({
    title: t.t('search.title'),
    description: `${t.t('search.intro', { query: inlineCode(truncate(query, 100)) })}\n\n${page.total === 0 ? t.t('search.empty') : lines.join('\n\n')}`,
    footer: t.t('search.footer', {
      results,
      page: t.t('pager.footerPage', { page: page.page + 1, pages: page.pageCount }),
    }),
    color: COLORS.search,
  });
  return { embeds: [embed], components: pagerRow(t, page, link), allowed_mentions: NO_MENTIONS };
}
