import { type Command, type CommandContext, UserError } from '../src/discord/command.ts';
import {
  autocompleteBy,
  dateInputOption,
  lookupOption,
  READ_COMMAND_CONTEXTS,
} from '../src/discord/command-data.ts';
import {
  actorChoices,
  dateOption,
  pageFilters,
  resolveActorOption,
  resolveTopicOption,
  topicChoices,
} from '../src/discord/options.ts';
import { formatDay } from '../src/domain/dates.ts';
import { paginate, timeline as queryTimeline } from '../src/domain/timeline.ts';
import type { PageState } from '../src/render/custom-id.ts';
import type { MessagePayload } from '../src/render/message.ts';
import { renderTimeline, TIMELINE_PAGE_SIZE } from '../src/render/timeline.ts';

function show(ctx: CommandContext, params: Record<string, string>, page: number): MessagePayload {
  const d = ctx.book.dataset;
  const { actor, topic } = pageFilters(ctx.book, { actor: params.a, topic: params.t }, 'timeline');
  if (params.f && params.u && params.f > params.u) {
    throw new UserError(
      `\`from\` (${formatDay(params.f)}) is after \`to\` (${formatDay(params.u)}): swap them.`,
      {
        title: 'Empty date range',
      },
    );
  }
  const events = queryTimeline(d, {
    ...(actor ? { actor: actor.id } : {}),
    ...(topic ? { topic: topic.id } : {}),
    ...(params.f ? { from: params.f } : {}),
    ...(params.u ? { to: params.u } : {}),
  });
  const label = [
    actor?.name,
    topic?.label,
    params.f || params.u
      ? `${params.f ? formatDay(params.f) : '…'} → ${params.u ? formatDay(params.u) : '…'}`
      : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return renderTimeline(ctx.book, paginate(events, page, TIMELINE_PAGE_SIZE), {
    label,
    state: { view: 'tl', params },
  });
}

export const timeline = {
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
  pages: ['tl'],
  execute(ctx, input) {
    const actor = resolveActorOption(ctx.book, input, 'actor');
    const topic = resolveTopicOption(ctx.book, input, 'topic');
    const from = dateOption(input, 'from');
    const to = dateOption(input, 'to');
    const params: Record<string, string> = {};
    if (actor) params.a = actor.id;
    if (topic) params.t = topic.id;
    if (from) params.f = from.from;
    if (to) params.u = to.to;
    return show(ctx, params, 0);
  },
  page(ctx, state: PageState) {
    return show(ctx, state.params, state.page);
  },
  autocomplete: autocompleteBy({ actor: actorChoices, topic: topicChoices }),
} satisfies Command;
