/**
 * ScheduleService: what /schedule calls. Validation (cron, zone, interval, topic, channel permissions,
 * per-server limit) with messages that say what to type instead; every store call is bounded so a
 * store outage turns into a clear answer instead of a missed interaction.
 */
import type { Clock } from '../clock.ts';
import type { CommandServices } from '../discord/command.ts';
import { UserError } from '../discord/command.ts';
import { formatDay } from '../domain/dates.ts';
import type { Logger } from '../logger.ts';
import type { MessagePayload } from '../render/message.ts';
import { type Composed, composeRun } from './compose.ts';
import { cachedCron, compileCron, describeCron, minIntervalProblem, nextRuns } from './cron.ts';
import { newScheduleId, normalizeScheduleId } from './ids.ts';
import type { LiveSchedules } from './live-schedules.ts';
import type { Repo } from './repo.ts';
import type { SeenEvents } from './seen-events.ts';
import { resolveTimezone } from './timezones.ts';
import type {
  ChannelAccess,
  DatasetPort,
  PermissionName,
  ScheduleMode,
  ScheduleRecord,
  SchedulerOptions,
  Watermark,
} from './types.ts';

export const REQUIRED_PERMISSIONS: readonly PermissionName[] = [
  'View Channel',
  'Send Messages',
  'Embed Links',
];

export interface AddScheduleInput {
  guildId: string;
  channelId: string;
  cron: string;
  timezone?: string;
  /** Topic id or words ("ceasefire"); resolved against the dataset. */
  topic?: string;
  mode?: string;
  userId: string;
}

export type ScheduleStatus = 'active' | 'paused' | 'disabled';

export interface ScheduleView {
  id: string;
  guildId: string | null;
  channelId: string;
  cron: string;
  timezone: string;
  /** The schedule in words, e.g. "At 09:00, Monday through Friday". */
  description: string;
  topic?: { id: string; label: string };
  mode: ScheduleMode;
  status: ScheduleStatus;
  disabledReason?: string;
  /** Upcoming run times (epoch ms); empty when paused or disabled. */
  nextRuns: number[];
  lastPostAt?: number;
  createdBy: string;
  createdAt: number;
}

export interface ListResult {
  schedules: ScheduleView[];
  max: number;
  /** Set when the store did not answer and the list comes from this process's memory. */
  degraded?: string;
}

export interface PreviewResult {
  schedule: ScheduleView;
  /** Exactly what would be posted now; undefined when nothing would be. */
  payload?: MessagePayload;
  /** Why nothing would be posted. */
  reason?: string;
  newCount: number;
}

export interface ScheduleService {
  add(input: AddScheduleInput, access?: ChannelAccess): Promise<ScheduleView>;
  list(guildId: string): Promise<ListResult>;
  remove(guildId: string, id: string): Promise<ScheduleView>;
  pause(guildId: string, id: string, userId: string): Promise<ScheduleView>;
  resume(guildId: string, id: string, access?: ChannelAccess): Promise<ScheduleView>;
  preview(guildId: string, id: string): Promise<PreviewResult>;
  /** For autocomplete of the `id` option: fast, never throws. */
  suggestIds(guildId: string, input: string): Promise<Array<{ id: string; label: string }>>;
}

/** The typed view of `ctx.services.schedules` (the command context keeps it as unknown). */
export function scheduleServiceOf(services: CommandServices | undefined): ScheduleService {
  const candidate = services?.schedules as Partial<ScheduleService> | undefined;
  if (!candidate || typeof candidate.add !== 'function' || typeof candidate.list !== 'function') {
    throw new UserError(
      'Scheduled briefings are not available here (the scheduler is not running in this mode).',
    );
  }
  return candidate as ScheduleService;
}

/** What the service works with: the store, and the scheduler's index and first-seen times. */
export interface ServiceDeps {
  repo: Repo;
  /** Told of every change a command makes; read when the store is down. */
  live: LiveSchedules;
  seen: SeenEvents;
  clock: Clock;
  options: SchedulerOptions;
  logger: Logger;
  dataset: DatasetPort;
  channels: ChannelAccess | undefined;
}

export const STORE_DOWN =
  'The schedule store is not answering right now. Try again in a minute (`/schedule list` shows what was saved); schedules already set up keep running.';

const MODES: readonly ScheduleMode[] = ['always', 'new-only'];

class DeadlineError extends Error {}

function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(`store did not answer within ${ms} ms`)), ms);
    timer.unref?.();
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

export function createScheduleService(host: ServiceDeps): ScheduleService {
  const { repo, options } = host;
  const now = () => host.clock.now().getTime();

  /** Runs store work under the command deadline; store failures become a UserError. */
  async function guarded<T>(op: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await withDeadline(fn(), options.commandStoreTimeoutMs);
    } catch (error) {
      if (error instanceof UserError) throw error;
      host.logger.warn({ err: error, op }, `schedule ${op}: store unavailable`);
      throw new UserError(STORE_DOWN, { title: 'Try again shortly' });
    }
  }

  function topicOf(record: Pick<ScheduleRecord, 'topic'>): { id: string; label: string } | undefined {
    if (!record.topic) return undefined;
    const topic = host.dataset.current().briefbook.dataset.topicById.get(record.topic);
    return { id: record.topic, label: topic?.label ?? record.topic };
  }

  function view(record: ScheduleRecord, wm: Watermark | undefined, runs = 3): ScheduleView {
    const status: ScheduleStatus = record.disabled ? 'disabled' : record.paused ? 'paused' : 'active';
    let description = `cron \`${record.cron}\``;
    let upcoming: number[] = [];
    try {
      const cron = cachedCron(record.cron, record.timezone);
      description = describeCron(cron);
      if (status === 'active')
        upcoming = nextRuns(cron, Math.max(now(), Date.parse(record.activeSince)), runs);
    } catch {
      // A stored expression this version cannot read: shown as typed.
    }
    const topic = topicOf(record);
    return {
      id: record.id,
      guildId: record.guildId,
      channelId: record.channelId,
      cron: record.cron,
      timezone: record.timezone,
      description,
      ...(topic ? { topic } : {}),
      mode: record.mode,
      status,
      ...(record.disabled ? { disabledReason: record.disabled.reason } : {}),
      nextRuns: upcoming,
      ...(wm?.lastPostAt ? { lastPostAt: Date.parse(wm.lastPostAt) } : {}),
      createdBy: record.createdBy,
      createdAt: Date.parse(record.createdAt),
    };
  }

  async function checkChannel(channelId: string, access: ChannelAccess | undefined): Promise<void> {
    const checker = access ?? host.channels;
    if (!checker) {
      host.logger.warn({ channelId }, 'schedule: no channel access service; permissions not checked');
      return;
    }
    let missing: PermissionName[] | { error: string };
    try {
      missing = await checker.missingPermissions(channelId, REQUIRED_PERMISSIONS);
    } catch (error) {
      host.logger.warn({ err: error, channelId }, 'schedule: permission check failed');
      throw new UserError(
        `I could not check my permissions in <#${channelId}> just now. Try again in a minute, or pick another channel.`,
      );
    }
    if (!Array.isArray(missing)) {
      throw new UserError(
        `I cannot post in <#${channelId}>: ${missing.error}. Pick a text or announcement channel I can see.`,
        { title: 'Channel not usable' },
      );
    }
    if (missing.length > 0) {
      const names = missing.map((p) => `**${p}**`);
      const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
      throw new UserError(
        `I cannot post briefings in <#${channelId}>: I am missing ${list} there. Give the bot View Channel, ` +
          'Send Messages and Embed Links in that channel (Edit Channel → Permissions), or pick another channel.',
        { title: 'Missing permission' },
      );
    }
  }

  function resolveTopic(input: string | undefined): string | undefined {
    const text = input?.trim();
    if (!text || /^(all|all topics|\*)$/i.test(text)) return undefined;
    const book = host.dataset.current().briefbook;
    const result = book.resolveTopic(text);
    if (result.status === 'found') return result.value.id;
    const options =
      result.status === 'ambiguous'
        ? result.candidates
        : book.suggestTopics(text, 5).length
          ? book.suggestTopics(text, 5)
          : result.suggestions;
    const listed = options.map((t) => `\`${t.id}\` (${t.label})`).join(', ');
    throw new UserError(
      result.status === 'ambiguous'
        ? `\`${text}\` matches several topics: ${listed}. Pick one (the option autocompletes).`
        : `No topic matches \`${text}\`.${listed ? ` Topics include ${listed}.` : ''} Leave the option empty for all topics.`,
      { title: 'Unknown topic' },
    );
  }

  function parseMode(input: string | undefined): ScheduleMode {
    const text = (input ?? '').trim().toLowerCase();
    if (!text) return 'always';
    const mode = MODES.find((m) => m === text || m.replace('-', '') === text.replace(/[-\s]/g, ''));
    if (!mode) throw new UserError(`Mode must be \`always\` or \`new-only\` (got \`${input}\`).`);
    return mode;
  }

  /** The guild's record for a typed id, or a UserError naming how to find ids. */
  async function ownRecord(guildId: string, input: string): Promise<ScheduleRecord> {
    const id = normalizeScheduleId(input);
    const record = id ? await guarded('get', () => repo.getSchedule(id)) : undefined;
    if (!record || record.guildId !== guildId) {
      throw new UserError(
        `There is no schedule \`${input.trim()}\` in this server. \`/schedule list\` shows the ids (6 letters and digits, e.g. \`k3m9xq\`).`,
        { title: 'No such schedule' },
      );
    }
    return record;
  }

  async function guildRecords(guildId: string): Promise<ScheduleRecord[]> {
    const index = await repo.guildIndex(guildId);
    const found = await Promise.all(index.entries.map((e) => repo.getSchedule(e.id)));
    const records: ScheduleRecord[] = [];
    const dangling: string[] = [];
    index.entries.forEach((entry, i) => {
      const record = found[i];
      if (record && record.guildId === guildId) records.push(record);
      // An index entry without a record: a crash between the two writes of add, or a remove
      // interrupted half-way. Pruned once it is clearly not an add in progress.
      else if (now() - Date.parse(entry.at) > 60_000) dangling.push(entry.id);
    });
    if (dangling.length) await repo.removeFromGuild(guildId, dangling).catch(() => {});
    return records.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  return {
    async add(input, access) {
      const cronText = input.cron.trim().replace(/\s+/g, ' ');
      const tz = resolveTimezone(input.timezone);
      if (!tz.ok) throw new UserError(tz.message, { title: 'Unknown time zone' });
      const compiled = compileCron(cronText, tz.zone);
      if (!compiled.ok) throw new UserError(compiled.message, { title: 'Invalid schedule' });
      const tooOften = minIntervalProblem(compiled.cron, options.minIntervalMs, now());
      if (tooOften) throw new UserError(tooOften, { title: 'Too frequent' });
      const topic = resolveTopic(input.topic);
      const mode = parseMode(input.mode);
      await checkChannel(input.channelId, access);

      return guarded('add', async () => {
        const existing = await guildRecords(input.guildId);
        const same = existing.find(
          (r) =>
            r.channelId === input.channelId &&
            r.cron === cronText &&
            r.timezone === tz.zone &&
            (r.topic ?? '') === (topic ?? ''),
        );
        if (same) {
          throw new UserError(
            `Schedule \`${same.id}\` already posts that briefing in <#${same.channelId}>. ` +
              `Use \`/schedule resume id:${same.id}\` if it is paused, or \`/schedule remove id:${same.id}\` first.`,
            { title: 'Already scheduled' },
          );
        }
        const at = new Date(now()).toISOString();
        for (let attempt = 0; attempt < 5; attempt++) {
          const id = newScheduleId();
          const added = await repo.addToGuild(input.guildId, id, options.maxSchedulesPerGuild, at);
          if (!added) {
            throw new UserError(
              `This server already has ${options.maxSchedulesPerGuild} schedules, the most allowed. ` +
                '`/schedule list` shows them; `/schedule remove id:…` frees a place.',
              { title: 'Schedule limit reached' },
            );
          }
          const record: ScheduleRecord = {
            v: 1,
            id,
            guildId: input.guildId,
            channelId: input.channelId,
            cron: cronText,
            timezone: tz.zone,
            ...(topic ? { topic } : {}),
            mode,
            createdBy: input.userId,
            createdAt: at,
            activeSince: at,
          };
          if (await repo.createSchedule(record)) {
            host.live.changed(id, record);
            host.logger.info(
              {
                scheduleId: id,
                guildId: input.guildId,
                channelId: input.channelId,
                cron: cronText,
                timezone: tz.zone,
              },
              'schedule added',
            );
            return view(record, undefined);
          }
          await repo.removeFromGuild(input.guildId, [id]); // id taken by another guild's schedule: new id
        }
        throw new Error('could not allocate a schedule id');
      });
    },

    async list(guildId) {
      try {
        const records = await withDeadline(guildRecords(guildId), options.commandStoreTimeoutMs);
        const wms = await withDeadline(
          Promise.all(records.map((r) => repo.getWatermark(r.id))),
          options.commandStoreTimeoutMs,
        );
        return { schedules: records.map((r, i) => view(r, wms[i], 1)), max: options.maxSchedulesPerGuild };
      } catch (error) {
        host.logger.warn({ err: error, guildId }, 'schedule list: store unavailable, answering from memory');
        return {
          schedules: host.live.forGuild(guildId).map((r) => view(r, undefined, 1)),
          max: options.maxSchedulesPerGuild,
          degraded:
            'The schedule store is not answering, so this list comes from memory: active schedules only, without last-post times.',
        };
      }
    },

    async remove(guildId, input) {
      const record = await ownRecord(guildId, input);
      await guarded('remove', async () => {
        await repo.deleteSchedule(record.id);
        await repo.removeFromGuild(guildId, [record.id]);
        await repo.deleteWatermark(record.id);
      });
      host.live.changed(record.id, undefined);
      host.logger.info({ scheduleId: record.id, guildId }, 'schedule removed');
      return view(record, undefined);
    },

    async pause(guildId, input, userId) {
      const record = await ownRecord(guildId, input);
      const at = new Date(now()).toISOString();
      const updated = await guarded('pause', () =>
        repo.updateSchedule(record.id, (cur) =>
          cur && !cur.paused ? { ...cur, paused: { at, by: userId } } : cur,
        ),
      );
      if (!updated) throw new UserError(`Schedule \`${record.id}\` was just removed.`);
      host.live.changed(updated.id, updated);
      return view(updated, undefined);
    },

    async resume(guildId, input, access) {
      const record = await ownRecord(guildId, input);
      if (!record.paused && !record.disabled) return view(record, undefined);
      await checkChannel(record.channelId, access);
      const at = new Date(now()).toISOString();
      const updated = await guarded('resume', () =>
        repo.updateSchedule(record.id, (cur) => {
          if (!cur) return cur;
          const { paused: _p, disabled: _d, ...rest } = cur;
          return { ...rest, activeSince: at };
        }),
      );
      if (!updated) throw new UserError(`Schedule \`${record.id}\` was just removed.`);
      host.live.changed(updated.id, updated);
      host.logger.info({ scheduleId: updated.id, guildId }, 'schedule resumed');
      return view(updated, undefined);
    },

    async preview(guildId, input) {
      const record = await ownRecord(guildId, input);
      const [wm, seen] = await guarded('preview', () =>
        Promise.all([repo.getWatermark(record.id), host.seen.current()]),
      );
      const t = now();
      const composed: Composed = composeRun({
        snapshot: host.dataset.current(),
        schedule: record,
        run: t,
        cutoff: t,
        watermark: wm,
        seen,
      });
      const schedule = view(record, wm);
      if (composed.wouldPost) return { schedule, payload: composed.payload, newCount: composed.newCount };
      return {
        schedule,
        newCount: 0,
        reason: composed.first
          ? 'Nothing would be posted now: this schedule only posts when something is new, and its first run just marks the starting point.'
          : `Nothing would be posted now: this schedule only posts when something is new, and nothing new has been curated${composed.sinceDay ? ` since ${formatDay(composed.sinceDay)}` : ''}.`,
      };
    },

    async suggestIds(guildId, input) {
      const q = input.trim().toLowerCase();
      let records: ScheduleRecord[];
      try {
        records = await withDeadline(guildRecords(guildId), Math.min(1_500, options.commandStoreTimeoutMs));
      } catch {
        records = host.live.forGuild(guildId);
      }
      return records
        .filter((r) => !q || r.id.includes(q) || r.channelId.includes(q) || r.cron.includes(q))
        .slice(0, 25)
        .map((r) => {
          const status = r.disabled ? ' · disabled' : r.paused ? ' · paused' : '';
          let words = r.cron;
          try {
            words = describeCron(cachedCron(r.cron, r.timezone));
          } catch {}
          const label = `${r.id} · ${words} (${r.timezone})${r.topic ? ` · ${r.topic}` : ''}${status}`;
          return { id: r.id, label: label.length > 100 ? `${label.slice(0, 99)}…` : label };
        });
    },
  };
}
