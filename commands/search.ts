import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { type CommandContext, pagesOf } from '../src/discord/command.ts';
import { READ_COMMAND_CONTEXTS } from '../src/discord/command-data.ts';
import { defineCommand } from '../src/discord/define-command.ts';
import type { SearchKind } from '../src/domain/search.ts';
import type { MessagePayload } from '../src/render/message.ts';
import { definePagedView } from '../src/render/paged-view.ts';
import { type PageLink, paginate } from '../src/render/pager.ts';
import { renderSearch, SEARCH_LIMIT, SEARCH_PAGE_SIZE } from '../src/render/search.ts';

const KINDS: readonly SearchKind[] = ['event', 'quote', 'actor', 'topic'];

interface SearchParams {
  query: string;
  kind?: SearchKind | undefined;
}

export const searchPages = definePagedView<SearchParams>('se', {
  encode: (p) => ({ q: p.query, k: p.kind }),
  decode: (raw) => {
    const kind = raw.k === undefined ? undefined : KINDS.find((k) => k === raw.k);
    if (!raw.q || (raw.k !== undefined && !kind)) return undefined;
    return { query: raw.q, kind };
  },
});

function show(ctx: CommandContext, params: SearchParams, page: number, link: PageLink): MessagePayload {
  const { query, kind } = params;
  // One more than is shown tells whether the list was cut.
  const hits = ctx.book.search.search(query, { kinds: kind ? [kind] : undefined, limit: SEARCH_LIMIT + 1 });
  const shown = hits.slice(0, SEARCH_LIMIT);
  return renderSearch(ctx.t, ctx.book, query, paginate(shown, page, SEARCH_PAGE_SIZE), link, {
    more: hits.length > shown.length,
  });
}

const pages = pagesOf(searchPages, show);

export const search = defineCommand({
  data: {
    name: 'search',
    description: 'Search events, quotes, actors and topics, best match first',
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'query',
        description: 'Words to look for; typos are tolerated',
        required: true,
        max_length: 80,
      },
      {
        type: ApplicationCommandOptionType.String,
        name: 'kind',
        description: 'Only one kind of result',
        choices: KINDS.map((k) => ({ name: `${k}s`, value: k })),
      },
    ],
    ...READ_COMMAND_CONTEXTS,
  },
  pages,
  heavy: true,
  execute(ctx, args) {
    return pages.render(ctx, { query: args.query, kind: args.kind }, 0);
  },
});
