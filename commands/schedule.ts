import {
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  ChannelType,
  InteractionContextType,
} from 'discord-api-types/v10';
import { type CommandInput, UserError } from '../src/discord/command.ts';
import type { CommandData } from '../src/discord/command-data.ts';
import { defineCommand } from '../src/discord/define-command.ts';
import { resolveTopic, topicChoices } from '../src/discord/options.ts';
import { msg, type Translator } from '../src/i18n/catalog.ts';
import { localizedCommandName } from '../src/i18n/commands.ts';
import { english, findLanguage, LANGUAGES } from '../src/i18n/languages.ts';
import { content } from '../src/render/content.ts';
import { inlineCode } from '../src/render/escape.ts';
import { LIMITS, truncate } from '../src/render/limits.ts';
import {
  describeScheduleProblem,
  renderAdded,
  renderList,
  renderPaused,
  renderPreview,
  renderRemoved,
  renderResumed,
  scheduleChoiceLabel,
  timezoneChoiceLabel,
} from '../src/render/schedule.ts';
import { ScheduleError } from '../src/scheduler/schedule-error.ts';
import type { ScheduleService } from '../src/scheduler/service.ts';
import { autocompleteTimezones } from '../src/scheduler/timezones.ts';
import type { ArchiveMinutes, ChannelAccess } from '../src/scheduler/types.ts';

const idOption = (verb: string) =>
  ({
    type: ApplicationCommandOptionType.String,
    name: 'id',
    description: `The schedule to ${verb} (see /schedule list)`,
    required: true,
    autocomplete: true,
    min_length: 1,
    max_length: 16,
  }) as const;

export const scheduleData = {
  name: 'schedule',
  description: 'Post the briefing to a channel on a schedule (Manage Server)',
  default_member_permissions: '32',
  dm_permission: false,
  integration_types: [ApplicationIntegrationType.GuildInstall],
  contexts: [InteractionContextType.Guild],
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'add',
      description: 'Schedule a briefing in a channel (up to 10 per server, at most every 15 minutes)',
      options: [
        {
          type: ApplicationCommandOptionType.Channel,
          name: 'channel',
          description: 'Where to post it',
          required: true,
          channel_types: [
            ChannelType.GuildText,
            ChannelType.GuildAnnouncement,
            ChannelType.GuildForum,
            ChannelType.GuildMedia,
          ],
        },
        {
          type: ApplicationCommandOptionType.String,
          name: 'cron',
          description: 'When, in cron: "0 9 * * *" = 09:00 daily, "30 8 * * 1-5" = 08:30 on weekdays',
          required: true,
          max_length: 100,
        },
        {
          type: ApplicationCommandOptionType.String,
          name: 'timezone',
          description: 'IANA time zone for the cron times, e.g. Europe/London (default UTC)',
          autocomplete: true,
          max_length: 64,
        },
        {
          type: ApplicationCommandOptionType.String,
          name: 'topic',
          description: 'Only this topic thread (default: all topics)',
          autocomplete: true,
          max_length: 100,
        },
        {
          type: ApplicationCommandOptionType.String,
          name: 'mode',
          description: 'Post every time (default) or only when something new was curated',
          choices: [
            { name: 'always (says when nothing is new)', value: 'always' },
            { name: 'new-only (skip runs with nothing new)', value: 'new-only' },
          ],
        },
        {
          type: ApplicationCommandOptionType.Role,
          name: 'mention_role',
          description: 'Ping this role with each post (never @everyone); the role must be mentionable',
        },
        {
          type: ApplicationCommandOptionType.Boolean,
          name: 'thread',
          description: 'Start a discussion thread on each post (text and announcement channels)',
        },
        {
          type: ApplicationCommandOptionType.Integer,
          name: 'archive',
          description: 'Archive the thread or forum post after this long without activity (default 24 hours)',
          choices: [
            { name: '1 hour', value: 60 },
            { name: '24 hours', value: 1440 },
            { name: '3 days', value: 4320 },
            { name: '1 week', value: 10080 },
          ],
        },
        {
          type: ApplicationCommandOptionType.Boolean,
          name: 'publish',
          description: 'Publish each post to the servers following this announcement channel',
        },
        {
          type: ApplicationCommandOptionType.Boolean,
          name: 'image',
          description: 'Attach the timeline picture (the topic, up to the day of the post) to each post',
        },
        {
          type: ApplicationCommandOptionType.String,
          name: 'tag',
          description: 'Forum tags to apply to each post, comma-separated, e.g. "News, Daily"',
          max_length: 200,
        },
        {
          type: ApplicationCommandOptionType.String,
          name: 'language',
          description: "Language of the posts (default: the server's language when the bot speaks it)",
          // Each language by its own name; a new catalog in src/i18n/languages.ts shows up here.
          choices: LANGUAGES.map((l) => ({ name: l.name, value: l.code })),
        },
      ],
    },
    { type: ApplicationCommandOptionType.Subcommand, name: 'list', description: "This server's schedules" },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'remove',
      description: 'Delete a schedule',
      options: [idOption('delete')],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'pause',
      description: 'Stop posting until resumed',
      options: [idOption('pause')],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'resume',
      description: 'Post again (re-checks the channel permissions)',
      options: [idOption('resume')],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'preview',
      description: 'Show (only to you) exactly what the schedule would post now',
      options: [idOption('preview')],
    },
  ],
} as const satisfies CommandData;

/** What /schedule manages: the scheduler's service, and live permission checks on Discord. */
export interface ScheduleCommandDeps {
  schedules: ScheduleService;
  channels: ChannelAccess;
}

/** "all" (or nothing) means every topic; anything else must name one. */
const ALL_TOPICS = /^(all|all topics|\*)$/i;

/**
 * The language a new schedule posts in: the one chosen, else the server's (guild_locale) when the bot
 * speaks it, else English.
 */
function postLanguage(chosen: string | undefined, guildLocale: string | undefined): string {
  if (chosen !== undefined) {
    const language = findLanguage(chosen);
    if (!language)
      throw new UserError(
        'schedule.unknownLanguage',
        { typed: inlineCode(truncate(chosen, 40)), languages: LANGUAGES.map((l) => l.code).join(', ') },
        { title: msg('schedule.unknownLanguage.title') },
      );
    return language.code;
  }
  return (findLanguage(guildLocale) ?? english).code;
}

/** Topic labels in the reader's language. */
const topicLabels =
  (t: Translator, topics: ReadonlyMap<string, Parameters<typeof content>[1] & { label: string }>) =>
  (id: string) => {
    const topic = topics.get(id);
    return topic ? content(t, topic as never, 'label' as never) : undefined;
  };

export function createScheduleCommand({ schedules, channels }: ScheduleCommandDeps) {
  return defineCommand({
    data: scheduleData,
    adminOnly: true,
    ephemeral: true,
    async execute(ctx, args, input) {
      const guildId = requireGuild(input);
      const { t } = ctx;
      const labels = topicLabels(t, ctx.book.dataset.topicById);
      try {
        switch (args.subcommand) {
          case 'add': {
            const topic =
              args.topic && !ALL_TOPICS.test(args.topic) ? resolveTopic(ctx.book, args.topic) : undefined;
            const view = await schedules.add(
              {
                guildId,
                channelId: args.channel,
                cron: args.cron,
                userId: input.userId,
                timezone: args.timezone,
                topic: topic?.id,
                mode: args.mode,
                language: postLanguage(args.language, input.guildLocale),
                post: {
                  thread: args.thread,
                  archiveMinutes: args.archive as ArchiveMinutes | undefined,
                  publish: args.publish,
                  mentionRoleId: args.mention_role,
                  image: args.image,
                  tags: args.tag
                    ?.split(',')
                    .map((t) => t.trim())
                    .filter(Boolean),
                },
              },
              channels,
            );
            return renderAdded(t, view, labels);
          }
          case 'list':
            return renderList(t, await schedules.list(guildId), labels);
          case 'remove':
            return renderRemoved(t, await schedules.remove(guildId, args.id));
          case 'pause':
            return renderPaused(t, await schedules.pause(guildId, args.id, input.userId));
          case 'resume':
            return renderResumed(t, await schedules.resume(guildId, args.id, channels), labels);
          case 'preview':
            return renderPreview(t, await schedules.preview(guildId, args.id));
        }
      } catch (error) {
        if (!(error instanceof ScheduleError)) throw error;
        const { title, message } = describeScheduleProblem(error.problem);
        throw UserError.of(message, { title });
      }
    },
    async autocomplete(ctx, input) {
      const { name, value } = input.focused;
      if (name === 'timezone') {
        const now = ctx.clock.now().getTime();
        return autocompleteTimezones(value, LIMITS.choices, now).map((z) => ({
          name: timezoneChoiceLabel(ctx.t, z, now),
          value: z,
        }));
      }
      if (name === 'topic') return topicChoices(ctx.book, value, ctx.t);
      if (name === 'id' && input.guildId) {
        const views = await schedules.suggest(input.guildId, value);
        return views.map((v) => ({ name: scheduleChoiceLabel(ctx.t, v), value: v.id }));
      }
      return [];
    },
  });
}

/**
 * /schedule as registered, where no scheduler runs (registration, preview): it says so. The bot
 * serves createScheduleCommand() instead.
 */
export const scheduleWithoutScheduler = defineCommand({
  data: scheduleData,
  adminOnly: true,
  ephemeral: true,
  async execute() {
    throw new UserError('schedule.unavailable', {});
  },
});

function requireGuild(input: CommandInput): string {
  if (!input.guildId)
    throw new UserError('error.serverOnly', {
      command: (t) => localizedCommandName(t, 'schedule') ?? 'schedule',
    });
  return input.guildId;
}
