import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { type Command, type CommandContext, UserError } from '../src/discord/command.ts';
import { READ_COMMAND_CONTEXTS } from '../src/discord/command-data.ts';
import { stringOption } from '../src/discord/options.ts';
import type { SearchKind } from '../src/domain/search.ts';
import { paginate } from '../src/domain/timeline.ts';
import type { MessagePayload } from '../src/render/message.ts';
import { renderSearch, SEARCH_PAGE_SIZE } from '../src/render/search.ts';

const KINDS: readonly SearchKind[] = ['event', 'quote', 'actor', 'topic'];

function show(
  ctx: CommandContext,
  query: string,
  kind: SearchKind | undefined,
  page: number,
): MessagePayload {
  const hits = ctx.book.search.search(query, kind ? { kinds: [kind] } : {});
  return renderSearch(ctx.book, query, paginate(hits, page, SEARCH_PAGE_SIZE), {
    view: 'se',
    params: { q: query, ...(kind ? { k: kind } : {}) },
  });
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
  pages: ['se'],
  heavy: true,
  execute(ctx, input) {
    const query = stringOption(input, 'query');
    if (!query)
      throw new UserError('Type something to search for, e.g. `/search query: security guarantees`.');
    const kind = stringOption(input, 'kind');
    if (kind !== undefined && !KINDS.includes(kind as SearchKind)) {
      throw new UserError(`\`kind\` must be one of: ${KINDS.join(', ')}.`);
    }
    return show(ctx, query.slice(0, 80), kind as SearchKind | undefined, 0);
  },
  page(ctx, state) {
    const query = state.params.q;
    if (!query) throw new UserError('This result list is out of date. Run /search again.');
    const kind = KINDS.find((k) => k === state.params.k);
    return show(ctx, query, kind, state.page);
  },
} satisfies Command;
