import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { timelinePng } from '../src/chart/index.ts';
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
import {
  renderTimeline,
  renderTimelineChart,
  TIMELINE_CHART_FILE,
  TIMELINE_PAGE_SIZE,
} from '../src/render/timeline.ts';

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

/** The events a query selects, and the filter in words. */
function query(ctx: CommandContext, params: TimelineParams) {
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
  return { events, label, actor, topic };
}

function show(ctx: CommandContext, params: TimelineParams, page: number, link: PageLink): MessagePayload {
  const { events, label } = query(ctx, params);
  return renderTimeline(ctx.t, ctx.book, paginate(events, page, TIMELINE_PAGE_SIZE), {
    label,
    link,
  });
}

const pages = pagesOf(timelinePages, show);

/** The timeline as a picture (PNG, drawn once per dataset version, filters, language and theme). */
export function showChart(
  ctx: CommandContext,
  params: TimelineParams,
  opts: {
    lanes?: 'topic' | 'actor' | undefined;
    theme?: 'light' | 'dark' | undefined;
  },
): Promise<MessagePayload> | MessagePayload {
  const { events, label, actor, topic } = query(ctx, params);
  // Nothing to draw: the list says so, and how to widen the query.
  if (events.length === 0) return pages.render(ctx, params, 0);
  const png = timelinePng(ctx.book.dataset, events, {
    key: JSON.stringify([params.actor, params.topic, params.from, params.to]),
    filter:
      [actor && content(ctx.t, actor, 'name'), topic && content(ctx.t, topic, 'label')]
        .filter(Boolean)
        .join(' · ') || undefined,
    range: { from: params.from, to: params.to },
    topicFiltered: topic !== undefined && actor === undefined,
    lanes: opts.lanes,
    theme: opts.theme,
    t: ctx.t,
  });
  return {
    ...renderTimelineChart(ctx.t, label, png.chart),
    files: [
      { name: TIMELINE_CHART_FILE, data: png.data, description: png.chart.alt, contentType: 'image/png' },
    ],
  };
}

export const timeline = defineCommand({
  data: {
    name: 'timeline',
    description: 'Events in date order, filtered by actor, topic and dates; page with the buttons',
    options: [
      lookupOption('actor', 'Someone involved, e.g. Zelensky'),
      lookupOption('topic', 'A topic, e.g. security guarantees'),
      dateInputOption('from', 'From date: YYYY-MM-DD or YYYY-MM'),
      dateInputOption('to', 'To date: YYYY-MM-DD or YYYY-MM'),
      {
        type: ApplicationCommandOptionType.String,
        name: 'view',
        description: 'A list with citations (default) or a chart (picture)',
        choices: [
          { name: 'list', value: 'list' },
          { name: 'chart', value: 'chart' },
        ],
      },
      {
        type: ApplicationCommandOptionType.String,
        name: 'lanes',
        description: 'Chart lanes: by topic, or by actor (default: actors when a topic is chosen)',
        choices: [
          { name: 'topic', value: 'topic' },
          { name: 'actor', value: 'actor' },
        ],
      },
      {
        type: ApplicationCommandOptionType.String,
        name: 'theme',
        description: 'Chart colours: dark (default) or light',
        choices: [
          { name: 'dark', value: 'dark' },
          { name: 'light', value: 'light' },
        ],
      },
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
    if (args.view === 'chart') return showChart(ctx, params, { lanes: args.lanes, theme: args.theme });
    return pages.render(ctx, params, 0);
  },
  autocomplete: autocompleteBy({ actor: actorChoices, topic: topicChoices }),
});
