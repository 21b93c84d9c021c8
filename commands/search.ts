import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { type Command, type CommandContext, pagesOf, UserError } from '../src/discord/command.ts';
import { READ_COMMAND_CONTEXTS } from '../src/discord/command-data.ts';
import { stringOption } from '../src/discord/options.ts';
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

export const search = {
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
  execute(ctx, input) {
    const query = stringOption(input, 'query');
    if (!query)
      throw new UserError('Type something to search for, e.g. `/search query: security guarantees`.');
    const kind = stringOption(input, 'kind');
    if (kind !== undefined && !KINDS.includes(kind as SearchKind)) {
      throw new UserError(`\`kind\` must be one of: ${KINDS.join(', ')}.`);
    }
    return show(ctx, { query: query.slice(0, 80), kind: kind as SearchKind | undefined }, 0);
  },
} satisfies Command;
