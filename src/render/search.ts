import type { Briefbook } from '../domain/briefbook.ts';
import type { SearchHit } from '../domain/search.ts';
import { formatCitations } from './cite.ts';
import { buildEmbed } from './embed.ts';
import { inlineCode } from './escape.ts';
import { truncate } from './limits.ts';
import { COLORS, type MessagePayload, NO_MENTIONS } from './message.ts';
import { type Page, type PageLink, pagerRow } from './pager.ts';

export const SEARCH_PAGE_SIZE = 6;
/** The best this many results are listed. */
export const SEARCH_LIMIT = 50;

const KIND_LABEL = { event: '📅 Event', quote: '💬 Quote', actor: '👤 Actor', topic: '🏷️ Topic' } as const;
const KIND_HINT = { event: '/event', quote: '/quote', actor: '/actor', topic: '/briefing topic:' } as const;

export function renderSearch(
  book: Briefbook,
  query: string,
  page: Page<SearchHit>,
  link: PageLink,
  opts: { more?: boolean } = {},
): MessagePayload {
  const lines = page.items.map(
    (h, i) =>
      `**${page.page * page.pageSize + i + 1}. ${KIND_LABEL[h.kind]}** — ${truncate(h.title, 200)}${h.date ? ` · ${h.date}` : ''}\n` +
      `${truncate(h.snippet, 220)} ${formatCitations(book.dataset, h.citations)}\n` +
      `*${KIND_HINT[h.kind]} ${h.id}*`,
  );
  const embed = buildEmbed({
    title: 'Search results',
    description:
      `Results for ${inlineCode(truncate(query, 100))}, best match first.\n\n` +
      (page.total === 0
        ? 'Nothing matched. Try fewer or different words, a name, or a topic such as "security guarantees".'
        : lines.join('\n\n')),
    footer: `${opts.more ? `${page.total}+ results, the best ${page.total} listed` : `${page.total} result${page.total === 1 ? '' : 's'}`} · page ${page.page + 1} of ${page.pageCount} · /sources for citations`,
    color: COLORS.search,
  });
  return { embeds: [embed], components: pagerRow(page, link), allowed_mentions: NO_MENTIONS };
}
