import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import type { Command, CommandContext } from '../src/discord/command.ts';
import { autocompleteBy, lookupOption, READ_COMMAND_CONTEXTS } from '../src/discord/command-data.ts';
import {
  actorChoices,
  pageFilters,
  resolveActorOption,
  resolveTopicOption,
  stringOption,
  topicChoices,
} from '../src/discord/options.ts';
import { findQuotes } from '../src/domain/quotes.ts';
import { paginate } from '../src/domain/timeline.ts';
import type { MessagePayload } from '../src/render/message.ts';
import { QUOTES_PAGE_SIZE, renderQuotes } from '../src/render/quotes.ts';

function show(ctx: CommandContext, params: Record<string, string>, page: number): MessagePayload {
  const d = ctx.book.dataset;
  const { actor: speaker, topic } = pageFilters(ctx.book, { actor: params.s, topic: params.t }, 'quote');
  const quotes = findQuotes(d, {
    ...(speaker ? { speaker: speaker.id } : {}),
    ...(topic ? { topic: topic.id } : {}),
    ...(params.x ? { text: params.x } : {}),
  });
  const label = [speaker?.name, topic?.label, params.x ? `“${params.x}”` : ''].filter(Boolean).join(' · ');
  return renderQuotes(ctx.book, paginate(quotes, page, QUOTES_PAGE_SIZE), {
    label,
    state: { view: 'qt', params },
  });
}

export const quote = {
  data: {
    name: 'quote',
    description: 'Verbatim quotes with speaker, date, event and citation',
    options: [
      lookupOption('speaker', 'Who said it, e.g. Vance'),
      lookupOption('topic', 'A topic, e.g. security guarantees'),
      {
        type: ApplicationCommandOptionType.String,
        name: 'text',
        description: 'Words in the quote',
        max_length: 60,
      },
    ],
    ...READ_COMMAND_CONTEXTS,
  },
  pages: ['qt'],
  execute(ctx, input) {
    const speaker = resolveActorOption(ctx.book, input, 'speaker');
    const topic = resolveTopicOption(ctx.book, input, 'topic');
    const text = stringOption(input, 'text');
    const params: Record<string, string> = {};
    if (speaker) params.s = speaker.id;
    if (topic) params.t = topic.id;
    if (text) params.x = text.slice(0, 60);
    return show(ctx, params, 0);
  },
  page(ctx, state) {
    return show(ctx, state.params, state.page);
  },
  autocomplete: autocompleteBy({ speaker: actorChoices, topic: topicChoices }),
} satisfies Command;
