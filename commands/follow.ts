import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { UserError } from '../src/discord/command.ts';
import { type CommandData, lookupOption, READ_COMMAND_CONTEXTS } from '../src/discord/command-data.ts';
import { defineCommand } from '../src/discord/define-command.ts';
import { actorChoices, resolveActor, resolveTopic, topicChoices } from '../src/discord/options.ts';
import { type Msg, msg } from '../src/i18n/catalog.ts';
import { english, findLanguage } from '../src/i18n/languages.ts';
import { followName, renderFollowed, renderFollowList } from '../src/render/follow.ts';
import { LIMITS } from '../src/render/limits.ts';
import { describeZoneProblem, timezoneChoiceLabel } from '../src/render/schedule.ts';
import type { FollowFrequency } from '../src/scheduler/follow-plan.ts';
import { FollowError, type FollowProblem, type FollowService } from '../src/scheduler/follows.ts';
import { autocompleteTimezones } from '../src/scheduler/timezones.ts';

const scheduleOptions = [
  {
    type: ApplicationCommandOptionType.String,
    name: 'frequency',
    description: 'When your DM digest comes (default daily; applies to all you follow)',
    choices: [
      { name: 'instant (as soon as it is published)', value: 'instant' },
      { name: 'daily', value: 'daily' },
      { name: 'weekly', value: 'weekly' },
    ],
  },
  {
    type: ApplicationCommandOptionType.String,
    name: 'time',
    description: 'Time of day for daily and weekly digests, 24-hour HH:MM (default 08:00)',
    max_length: 5,
  },
  {
    type: ApplicationCommandOptionType.String,
    name: 'timezone',
    description: 'IANA time zone for that time, e.g. Europe/Kyiv (default UTC)',
    autocomplete: true,
    max_length: 64,
  },
  {
    type: ApplicationCommandOptionType.Integer,
    name: 'weekday',
    description: 'Day of the weekly digest (default Monday)',
    choices: [
      { name: 'Monday', value: 1 },
      { name: 'Tuesday', value: 2 },
      { name: 'Wednesday', value: 3 },
      { name: 'Thursday', value: 4 },
      { name: 'Friday', value: 5 },
      { name: 'Saturday', value: 6 },
      { name: 'Sunday', value: 0 },
    ],
  },
] as const;

export const followData = {
  name: 'follow',
  description: 'Get a private message with what is new about an actor or a topic',
  ...READ_COMMAND_CONTEXTS,
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'actor',
      description: 'Follow someone involved, e.g. Zelensky (up to 25 follows)',
      options: [lookupOption('actor', 'Who, e.g. Zelensky', { required: true }), ...scheduleOptions],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'topic',
      description: 'Follow a topic, e.g. security guarantees (up to 25 follows)',
      options: [
        lookupOption('topic', 'A topic, e.g. security guarantees', { required: true }),
        ...scheduleOptions,
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'list',
      description: 'What you follow and when your digest comes',
    },
  ],
} as const satisfies CommandData;

/** The words for a refused /follow or /unfollow. */
export function describeFollowProblem(problem: FollowProblem): { title?: Msg; message: Msg } {
  switch (problem.code) {
    case 'limit':
      return { title: msg('follow.limit.title'), message: msg('follow.limit', { max: problem.max }) };
    case 'bad-time':
      return { title: msg('follow.badTime.title'), message: msg('follow.badTime', { typed: problem.typed }) };
    case 'instant-no-time':
      return { message: msg('follow.instantNoTime') };
    case 'bad-timezone':
      return { message: describeZoneProblem(problem.problem) };
    case 'not-following':
      return { message: msg('follow.notFollowing', { name: problem.id }) };
    case 'store-unavailable':
      return { message: msg('follow.unavailable') };
  }
}

export function throwFollowProblem(error: unknown): never {
  if (!(error instanceof FollowError)) throw error;
  const { title, message } = describeFollowProblem(error.problem);
  throw UserError.of(message, { title });
}

export function createFollowCommand(follows: FollowService) {
  return defineCommand({
    data: followData,
    ephemeral: true,
    async execute(ctx, args, input) {
      const { t } = ctx;
      try {
        if (args.subcommand === 'list')
          return renderFollowList(t, ctx.book, await follows.list(input.userId));
        const target =
          args.subcommand === 'actor'
            ? { kind: 'actor' as const, id: resolveActor(ctx.book, args.actor, undefined, t).id }
            : { kind: 'topic' as const, id: resolveTopic(ctx.book, args.topic).id };
        const result = await follows.follow({
          userId: input.userId,
          ...target,
          language: (findLanguage(input.locale) ?? english).code,
          frequency: args.frequency as FollowFrequency | undefined,
          time: args.time,
          timezone: args.timezone,
          weekday: args.weekday,
        });
        return renderFollowed(
          t,
          followName(t, ctx.book, target),
          result.record,
          result.already,
          result.resumed,
        );
      } catch (error) {
        throwFollowProblem(error);
      }
    },
    async autocomplete(ctx, input) {
      const { name, value } = input.focused;
      if (name === 'actor') return actorChoices(ctx.book, value, ctx.t);
      if (name === 'topic') return topicChoices(ctx.book, value, ctx.t);
      if (name === 'timezone') {
        const now = ctx.clock.now().getTime();
        return autocompleteTimezones(value, LIMITS.choices, now).map((z) => ({
          name: timezoneChoiceLabel(ctx.t, z, now),
          value: z,
        }));
      }
      return [];
    },
  });
}

/** /follow as registered where no scheduler runs (registration, preview): it says so. */
export const followWithoutScheduler = defineCommand({
  data: followData,
  ephemeral: true,
  async execute() {
    throw new UserError('follow.unavailable', {});
  },
});
