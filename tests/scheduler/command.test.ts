/** /schedule through its Command interface with small typed inputs, asserting on what the user sees. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commands, createCommands } from '../../commands/index.ts';
import { createScheduleCommand, scheduleWithoutScheduler } from '../../commands/schedule.ts';
import {
  type AutocompleteInput,
  type CommandContext,
  type CommandInput,
  type OptionValue,
  UserError,
} from '../../src/discord/command.ts';
import { checkAccess } from '../../src/discord/router.ts';
import { messageViolations } from '../../src/render/embed.ts';
import { EPHEMERAL, type MessagePayload } from '../../src/render/message.ts';
import { messageToText } from '../../src/render/terminal.ts';
import type { ChannelAccess } from '../../src/scheduler/types.ts';
import { fakeContext } from '../support/fixtures.ts';
import { tempSqlite } from '../support/stores.ts';
import { ManualClock } from '../support/time.ts';
import { type Harness, harness } from './harness.ts';
import { channel, FakeDataset, GUILD, MemoryPoster, USER } from './support.ts';

const MANAGE_GUILD = String(1n << 5n);
let temp: Awaited<ReturnType<typeof tempSqlite>>;
let h: Harness;
let channels: ChannelAccess;
let ctx: CommandContext;
let schedule: ReturnType<typeof createScheduleCommand>;

beforeEach(async () => {
  temp = await tempSqlite();
  const clock = new ManualClock(Date.parse('2025-09-01T08:00:00Z'));
  const dataset = await FakeDataset.real();
  h = await harness({ url: temp.url, clock, poster: new MemoryPoster(clock), dataset });
  channels = { missingPermissions: async () => [] };
  ctx = fakeContext(dataset.current().briefbook, { clock });
  schedule = createScheduleCommand({
    schedules: h.scheduler.service,
    channels: { missingPermissions: (id, needed) => channels.missingPermissions(id, needed) },
  });
});
afterEach(async () => {
  await h.close();
  await temp.cleanup();
});

function input(subcommand: string, options: Record<string, OptionValue> = {}): CommandInput {
  return {
    commandName: 'schedule',
    subcommand,
    options,
    userId: USER,
    guildId: GUILD,
    channelId: channel(1),
    memberPermissions: MANAGE_GUILD,
    locale: 'en-US',
  };
}

async function run(subcommand: string, options: Record<string, OptionValue> = {}): Promise<MessagePayload> {
  const payload = await schedule.execute(ctx, input(subcommand, options));
  expect(messageViolations(payload)).toEqual([]);
  expect(payload.flags).toBe(EPHEMERAL);
  expect(payload.allowed_mentions).toEqual({ parse: [] });
  return payload;
}

async function refusal(subcommand: string, options: Record<string, OptionValue>): Promise<string> {
  const error = await Promise.resolve(schedule.execute(ctx, input(subcommand, options))).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  return (error as Error).message;
}

const text = (p: MessagePayload) => messageToText(p);

describe('/schedule command JSON', () => {
  it('is admin-only, guild-only, with the six subcommands', () => {
    expect(schedule.adminOnly).toBe(true);
    expect(schedule.data.default_member_permissions).toBe('32');
    expect(schedule.data.dm_permission).toBe(false);
    expect(schedule.data.contexts).toEqual([0]);
    expect(schedule.data.options.map((o) => o.name)).toEqual([
      'add',
      'list',
      'remove',
      'pause',
      'resume',
      'preview',
    ]);
    const walk = (o: { name: string; description: string; options?: readonly unknown[] }): void => {
      expect(o.name).toMatch(/^[-_\p{L}\p{N}]{1,32}$/u);
      expect(o.name).toBe(o.name.toLowerCase());
      expect(o.description.length).toBeGreaterThan(0);
      expect(o.description.length).toBeLessThanOrEqual(100);
      for (const child of (o.options ?? []) as Array<{ name: string; description: string }>) walk(child);
    };
    walk(schedule.data);
  });

  it('the router refuses members without Manage Server (re-checked at run time)', () => {
    expect(() => checkAccess(schedule, { ...input('list'), memberPermissions: '0' })).toThrow(
      /Manage Server/,
    );
    expect(() => checkAccess(schedule, input('list'))).not.toThrow();
  });
});

describe('/schedule replies', () => {
  it('add confirms in words with the next three runs in the zone', async () => {
    const out = text(
      await run('add', {
        channel: channel(1),
        cron: '0 9 * * 1-5',
        timezone: 'Europe/London',
        mode: 'always',
      }),
    );
    expect(out).toMatch(/Scheduled briefing [a-z2-9]{6} added/);
    expect(out).toContain('At 09:00, Monday through Friday (Europe/London)');
    expect(out).toContain(`<#${channel(1)}>`);
    expect(out).toContain('all topics');
    const runs = out.split('\n').filter((l) => l.startsWith('• '));
    expect(runs).toHaveLength(3);
    // It is 09:00 BST on Monday 1 Sep: the first run is Tuesday's.
    expect(runs[0]).toMatch(/^• Tue,? 2 Sept? 2025,? 09:00 BST \(<t:\d+:R>\)$/);
    expect(out).toContain('/schedule preview id:');
  });

  it('add refuses with what to type instead', async () => {
    expect(await refusal('add', { channel: channel(1), cron: '*/5 * * * *' })).toContain(
      'at most once per 15 minutes',
    );
    expect(
      await refusal('add', { channel: channel(1), cron: '0 9 * * *', timezone: 'Mars/Olympus' }),
    ).toContain('is not a time zone I know');
    expect(await refusal('add', { channel: channel(1), cron: '0 9 * * *', topic: 'zzzz qqqq' })).toMatch(
      /No topic matches `zzzz qqqq`\..*Leave the option empty for all topics/,
    );
    channels = { missingPermissions: async () => ['Send Messages'] };
    expect(await refusal('add', { channel: channel(1), cron: '0 9 * * *' })).toContain('**Send Messages**');
  });

  it('list, pause, preview, resume and remove', async () => {
    expect(text(await run('list'))).toContain('No schedules in this server yet');
    await run('add', { channel: channel(1), cron: '0 9 * * *', topic: 'crimea' });
    const listed = await run('list');
    const id = listed.embeds?.[0]?.fields?.[0]?.name.split(' ')[0] ?? '';
    expect(id).toMatch(/^[a-z2-9]{6}$/);
    expect(text(listed)).toContain('Scheduled briefings (1/10)');
    expect(text(listed)).toContain('topic **Territory and Crimea**');

    expect(text(await run('pause', { id }))).toContain(`Schedule ${id} paused`);
    expect(text(await run('list'))).toContain(`${id} · paused`);

    const preview = await run('preview', { id });
    expect(preview.content).toContain(
      `Preview of schedule \`${id}\` — exactly what it would post in <#${channel(1)}> now`,
    );
    expect(text(preview)).toContain('Territory and Crimea');

    expect(text(await run('resume', { id }))).toContain(`Schedule ${id} active`);
    expect(text(await run('remove', { id }))).toContain(`Schedule ${id} removed`);
    expect(await refusal('remove', { id })).toContain(`There is no schedule \`${id}\` in this server`);
  });

  it('a disabled schedule shows its reason in /schedule list', async () => {
    await run('add', { channel: channel(1), cron: '0 9 * * *' });
    h.poster.on(channel(1), { kind: 'fail', status: 403, code: 50013, message: 'Missing Permissions' });
    await h.at('2025-09-01T09:00:00Z');
    const out = text(await run('list'));
    expect(out).toContain('⛔ **Disabled**: Missing Permissions (Discord error 50013)');
    expect(out).toMatch(/Fix the channel, then `\/schedule resume id:[a-z2-9]{6}`/);
  });

  it('says so when the scheduler is not available', async () => {
    const bare = fakeContext(ctx.book);
    await expect(Promise.resolve(scheduleWithoutScheduler.execute(bare, input('list')))).rejects.toThrow(
      /not available/,
    );
  });

  it('the bot serves the JSON it registers', () => {
    const served = createCommands({ schedules: h.scheduler.service, channels });
    expect(served.map((c) => c.data)).toEqual(commands.map((c) => c.data));
  });
});

describe('/schedule autocomplete', () => {
  const auto = (name: string, value: string): AutocompleteInput => ({
    ...input('add'),
    focused: { name, value },
  });
  const complete = async (focused: AutocompleteInput) => {
    if (!schedule.autocomplete) throw new Error('/schedule has no autocomplete');
    return schedule.autocomplete(ctx, focused);
  };

  it('time zones: ≤ 25 choices, names within limits', async () => {
    const choices = await complete(auto('timezone', 'america'));
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const c of choices) {
      expect(c.name.length).toBeLessThanOrEqual(100);
      expect(c.value).toMatch(/^America\//);
    }
  });

  it('ids of this server, with the schedule in words', async () => {
    await run('add', { channel: channel(1), cron: '0 9 * * *' });
    const choices = await complete({ ...input('pause'), focused: { name: 'id', value: '' } });
    expect(choices).toHaveLength(1);
    expect(choices[0]?.name).toMatch(/^[a-z2-9]{6} · At 09:00 \(UTC\)$/);
  });

  it('topics', async () => {
    const choices = await complete(auto('topic', 'crim'));
    expect(choices[0]?.value).toBe('territory-and-crimea');
  });
});
