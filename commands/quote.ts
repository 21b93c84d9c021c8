import {
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  InteractionContextType,
} from 'discord-api-types/v10';
import type { Command, CommandContext } from '../src/discord/command.ts';
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
      {
        type: ApplicationCommandOptionType.String,
        name: 'speaker',
        description: 'Who said it, e.g. Vance',
        autocomplete: true,
        max_length: 100,
      },
      {
        type: ApplicationCommandOptionType.String,
        name: 'topic',
        description: 'A topic, e.g. security guarantees',
        autocomplete: true,
        max_length: 100,
      },
      {
        type: ApplicationCommandOptionType.String,
        name: 'text',
        description: 'Words in the quote',
        max_length: 60,
      },
    ],
    integration_types: [ApplicationIntegrationType.GuildInstall],
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
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
  autocomplete(ctx, input) {
    if (input.focused.name === 'speaker') return actorChoices(ctx.book, input.focused.value);
    if (input.focused.name === 'topic') return topicChoices(ctx.book, input.focused.value);
    return [];
  },
} satisfies Command;
