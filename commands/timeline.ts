import {
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  InteractionContextType,
} from 'discord-api-types/v10';
import { type Command, type CommandContext, UserError } from '../src/discord/command.ts';
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
      {
        type: ApplicationCommandOptionType.String,
        name: 'actor',
        description: 'Someone involved, e.g. Zelensky',
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
        name: 'from',
        description: 'From date: YYYY-MM-DD or YYYY-MM',
        max_length: 10,
      },
      {
        type: ApplicationCommandOptionType.String,
        name: 'to',
        description: 'To date: YYYY-MM-DD or YYYY-MM',
        max_length: 10,
      },
    ],
    integration_types: [ApplicationIntegrationType.GuildInstall],
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
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
  autocomplete(ctx, input) {
    if (input.focused.name === 'actor') return actorChoices(ctx.book, input.focused.value);
    if (input.focused.name === 'topic') return topicChoices(ctx.book, input.focused.value);
    return [];
  },
} satisfies Command;
