import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { type CommandContext, pagesOf } from '../src/discord/command.ts';
import { READ_COMMAND_CONTEXTS } from '../src/discord/command-data.ts';
import { defineCommand } from '../src/discord/define-command.ts';
import type { SearchKind } from '../src/domain/search.ts';
import type { MessagePayload } from '../src/render/message.ts';
import { definePagedView } from '../src/render/paged-view.ts';
import { paginate } from '../src/render/pager.ts';
import { renderSearch, SEARCH_PAGE_SIZE } from '../src/render/search.ts';

const KINDS: readonly SearchKind[] = ['event', 'quote', 'actor', 'topic'];

interface SearchParams {
  query: string;
  kind?: SearchKind | undefined;
}

export const searchPages = definePagedView<SearchParams>('se', {
  encode: (p) => ({ q: p.query, k: p.kind }),
  decode: (raw) => (raw.q ? { query: raw.q, kind: KINDS.find((k) => k === raw.k) } : undefined),
});

function show(ctx: CommandContext, params: SearchParams, page: number): MessagePayload {
  const { query, kind } = params;
  const hits = ctx.book.search.search(query, kind ? { kinds: [kind] } : {});
  return renderSearch(ctx.book, query, paginate(hits, page, SEARCH_PAGE_SIZE), (n) =>
    searchPages.customId(params, n),
  );
}

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
  pages: pagesOf(searchPages, show),
  heavy: true,
  execute(ctx, args) {
    return show(ctx, { query: args.query.slice(0, 80), kind: args.kind }, 0);
  },
});
