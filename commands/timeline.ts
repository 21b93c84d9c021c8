import { type CommandContext, pagesOf, UserError } from '../src/discord/command.ts';
import {
  autocompleteBy,
  dateInputOption,
  lookupOption,
  READ_COMMAND_CONTEXTS,
} from '../src/discord/command-data.ts';
import { defineCommand } from '../src/discord/define-command.ts';
import {
  actorChoices,
  dateArg,
  pageFilters,
  resolveActor,
  resolveTopic,
  topicChoices,
} from '../src/discord/options.ts';
import { isRealDay } from '../src/domain/dates.ts';
import { timeline as queryTimeline } from '../src/domain/timeline.ts';
import { msg } from '../src/i18n/catalog.ts';
import { formatDay } from '../src/i18n/format.ts';
import { content } from '../src/render/content.ts';
import type { MessagePayload } from '../src/render/message.ts';
import { definePagedView } from '../src/render/paged-view.ts';
import { type PageLink, paginate } from '../src/render/pager.ts';
import { renderTimeline, TIMELINE_PAGE_SIZE } from '../src/render/timeline.ts';

/** A timeline query: actor and topic ids, inclusive days (YYYY-MM-DD). */
interface TimelineParams {
  actor?: string | undefined;
  topic?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export const timelinePages = definePagedView<TimelineParams>('tl', {
  encode: (p) => ({ a: p.actor, t: p.topic, f: p.from, u: p.to }),
  decode: (raw) => {
    // A forged or damaged button must not show "45 Feb 2025": every day must be a real one, in order.
    const { f: from, u: to } = raw;
    if ((from !== undefined && !isRealDay(from)) || (to !== undefined && !isRealDay(to))) return undefined;
    if (from && to && from > to) return undefined;
    return { actor: raw.a, topic: raw.t, from, to };
  },
});

function show(ctx: CommandContext, params: TimelineParams, page: number, link: PageLink): MessagePayload {
  const { actor, topic } = pageFilters(ctx.book, params, 'timeline');
  const { from, to } = params;
  if (from && to && from > to) {
    throw new UserError(
      'option.rangeReversed',
      { from: (t) => formatDay(t, from), to: (t) => formatDay(t, to) },
      { title: msg('option.rangeReversed.title') },
    );
  }
  const events = queryTimeline(ctx.book.dataset, { actor: actor?.id, topic: topic?.id, from, to });
  const { t } = ctx;
  const open = t.t('date.open');
  const label = [
    actor && content(t, actor, 'name'),
    topic && content(t, topic, 'label'),
    from || to
      ? t.t('date.range', { from: from ? formatDay(t, from) : open, to: to ? formatDay(t, to) : open })
      : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return renderTimeline(t, ctx.book, paginate(events, page, TIMELINE_PAGE_SIZE), {
    label,
    link,
  });
}

const pages = pagesOf(timelinePages, show);

export const timeline = defineCommand({
  data: {
    name: 'timeline',
    description: 'Events in date order, filtered by actor, topic and dates; page with the buttons',
    options: [
      lookupOption('actor', 'Someone involved, e.g. Zelensky'),
      lookupOption('topic', 'A topic, e.g. security guarantees'),
      dateInputOption('from', 'From date: YYYY-MM-DD or YYYY-MM'),
      dateInputOption('to', 'To date: YYYY-MM-DD or YYYY-MM'),
    ],
    ...READ_COMMAND_CONTEXTS,
  },
  pages,
  execute(ctx, args) {
    const from = dateArg('timeline', 'from', args.from)?.from;
    const to = dateArg('timeline', 'to', args.to)?.to;
    const params: TimelineParams = {
      // An office ("US president") is read as held at the end of the range asked for.
      actor: resolveActor(ctx.book, args.actor, to ?? from, ctx.t)?.id,
      topic: resolveTopic(ctx.book, args.topic)?.id,
      from,
      to,
    };
    return pages.render(ctx, params, 0);
  },
  autocomplete: autocompleteBy({ actor: actorChoices, topic: topicChoices }),
});
