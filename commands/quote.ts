import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { type CommandContext, pagesOf, UserError } from '../src/discord/command.ts';
import { autocompleteBy, lookupOption, READ_COMMAND_CONTEXTS } from '../src/discord/command-data.ts';
import { defineCommand } from '../src/discord/define-command.ts';
import {
  actorChoices,
  pageFilters,
  resolveActor,
  resolveTopic,
  topicChoices,
} from '../src/discord/options.ts';
import { findQuotes, quoteWords } from '../src/domain/quotes.ts';
import { msg } from '../src/i18n/catalog.ts';
import { content } from '../src/render/content.ts';
import { inlineCode } from '../src/render/escape.ts';
import { truncate } from '../src/render/limits.ts';
import type { MessagePayload } from '../src/render/message.ts';
import { definePagedView } from '../src/render/paged-view.ts';
import { type PageLink, paginate } from '../src/render/pager.ts';
import { QUOTES_PAGE_SIZE, renderQuotes } from '../src/render/quotes.ts';

/** A quote query: speaker and topic ids, words in the quote. */
interface QuoteParams {
  speaker?: string | undefined;
  topic?: string | undefined;
  text?: string | undefined;
}

export const quotePages = definePagedView<QuoteParams>('qt', {
  encode: (p) => ({ s: p.speaker, t: p.topic, x: p.text }),
  decode: (raw) => ({ speaker: raw.s, topic: raw.t, text: raw.x }),
});

function show(ctx: CommandContext, params: QuoteParams, page: number, link: PageLink): MessagePayload {
  const { actor: speaker, topic } = pageFilters(
    ctx.book,
    { actor: params.speaker, topic: params.topic },
    'quote',
  );
  const { text } = params;
  const quotes = findQuotes(ctx.book.dataset, { speaker: speaker?.id, topic: topic?.id, text });
  const { t } = ctx;
  const label = [
    speaker && content(t, speaker, 'name'),
    topic && content(t, topic, 'label'),
    text ? `“${text}”` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return renderQuotes(ctx.t, ctx.book, paginate(quotes, page, QUOTES_PAGE_SIZE), {
    label,
    link,
  });
}

const pages = pagesOf(quotePages, show);

export const quote = defineCommand({
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
  pages,
  execute(ctx, args) {
    if (args.text !== undefined && quoteWords(args.text).length === 0) {
      throw new UserError(
        'option.noWords',
        { typed: inlineCode(truncate(args.text, 40)) },
        { title: msg('option.noWords.title') },
      );
    }
    const params: QuoteParams = {
      speaker: resolveActor(ctx.book, args.speaker, undefined, ctx.t)?.id,
      topic: resolveTopic(ctx.book, args.topic)?.id,
      text: args.text,
    };
    return pages.render(ctx, params, 0);
  },
  autocomplete: autocompleteBy({ speaker: actorChoices, topic: topicChoices }),
});
