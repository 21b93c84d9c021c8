import {
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  ChannelType,
  InteractionContextType,
} from 'discord-api-types/v10';
import { type Command, type CommandInput, UserError } from '../src/discord/command.ts';
import { stringOption, topicChoices } from '../src/discord/options.ts';
import { LIMITS, truncate } from '../src/render/limits.ts';
import {
  renderAdded,
  renderList,
  renderPaused,
  renderPreview,
  renderRemoved,
  renderResumed,
} from '../src/scheduler/render.ts';
import { scheduleServiceOf } from '../src/scheduler/service.ts';
import { autocompleteTimezones } from '../src/scheduler/timezones.ts';

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

export const schedule = {
  data: {
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
            channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
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
  },
  adminOnly: true,
  ephemeral: true,
  async execute(ctx, input) {
    const service = scheduleServiceOf(ctx.services);
    const guildId = requireGuild(input);
    const id = () => required(input, 'id');
    switch (input.subcommand) {
      case 'add': {
        const timezone = stringOption(input, 'timezone');
        const topic = stringOption(input, 'topic');
        const mode = stringOption(input, 'mode');
        const view = await service.add(
          {
            guildId,
            channelId: required(input, 'channel'),
            cron: required(input, 'cron'),
            userId: input.userId,
            ...(timezone ? { timezone } : {}),
            ...(topic ? { topic } : {}),
            ...(mode ? { mode } : {}),
          },
          ctx.services?.channels,
        );
        return renderAdded(view);
      }
      case 'list':
        return renderList(await service.list(guildId));
      case 'remove':
        return renderRemoved(await service.remove(guildId, id()));
      case 'pause':
        return renderPaused(await service.pause(guildId, id(), input.userId));
      case 'resume':
        return renderResumed(await service.resume(guildId, id(), ctx.services?.channels));
      case 'preview':
        return renderPreview(await service.preview(guildId, id()));
      default:
        throw new UserError('Use /schedule add, list, remove, pause, resume or preview.');
    }
  },
  async autocomplete(ctx, input) {
    const { name, value } = input.focused;
    if (name === 'timezone') {
      return autocompleteTimezones(value, LIMITS.choices).map((z) => ({ name: z, value: z }));
    }
    if (name === 'topic') return topicChoices(ctx.book, value);
    if (name === 'id' && input.guildId) {
      let service: ReturnType<typeof scheduleServiceOf>;
      try {
        service = scheduleServiceOf(ctx.services);
      } catch {
        return [];
      }
      const ids = await service.suggestIds(input.guildId, value);
      return ids.map((s) => ({ name: truncate(s.label, LIMITS.choiceName), value: s.id }));
    }
    return [];
  },
} satisfies Command;

function requireGuild(input: CommandInput): string {
  if (!input.guildId) throw new UserError('/schedule works only inside a server.');
  return input.guildId;
}

function required(input: CommandInput, name: string): string {
  const value = stringOption(input, name);
  if (value === undefined) throw new UserError(`\`${name}\` is required.`);
  return value;
}
