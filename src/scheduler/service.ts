/**
 * ScheduleService: what /schedule calls. Validation (cron, zone, interval, topic, channel permissions,
 * per-server limit) refuses with a ScheduleError naming the problem; every store call is bounded, so
 * a store outage becomes a clear answer ('store-unavailable') instead of a missed interaction.
 */
import { type Clock, withDeadline } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { MessagePayload } from '../render/message.ts';
import { scheduleRunTitle } from '../render/scheduled-post.ts';
import { StoreUnavailableError } from '../store/index.ts';
import { composeRun } from './compose.ts';
import { cachedCron, compileCron, describeCron, minIntervalProblem, nextRuns } from './cron.ts';
import { newScheduleId, normalizeScheduleId } from './ids.ts';
import type { LiveSchedules } from './live-schedules.ts';
import type { Repo } from './repo.ts';
import { ScheduleError } from './schedule-error.ts';
import type { SeenEvents } from './seen-events.ts';
import { resolveTimezone } from './timezones.ts';
import type {
  ArchiveMinutes,
  ChannelAccess,
  ChannelKind,
  DatasetPort,
  FailureRecord,
  PermissionName,
  PostStyle,
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

/** What the bot needs in the channel to post the way `style` says (each named as Discord's settings name it). */
export function permissionsFor(style: PostStyle): PermissionName[] {
  const forum = style.kind === 'forum' || style.kind === 'media';
  const needed: PermissionName[] = forum
    ? ['View Channel', 'Create Posts', 'Embed Links']
    : [...REQUIRED_PERMISSIONS];
  if (style.thread && !forum) needed.push('Create Public Threads', 'Send Messages in Threads');
  if (style.publish) needed.push('Manage Messages');
  if (style.image) needed.push('Attach Files');
  return needed;
}

/** How a schedule should post, as /schedule add asks (before it is checked against the channel). */
export interface PostOptions {
  thread?: boolean | undefined;
  archiveMinutes?: ArchiveMinutes | undefined;
  publish?: boolean | undefined;
  mentionRoleId?: string | undefined;
  /** Forum tag names, as typed. */
  tags?: readonly string[] | undefined;
  /** Attach the timeline picture. */
  image?: boolean | undefined;
}

export interface AddScheduleInput {
  guildId: string;
  channelId: string;
  cron: string;
  timezone?: string | undefined;
  /** Topic id (the command resolves what the user typed); absent = all topics. */
  topic?: string | undefined;
  mode?: ScheduleMode | undefined;
  /** Language code of the posts (src/i18n); absent = English. */
  language?: string | undefined;
  userId: string;
  post?: PostOptions | undefined;
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
  topic?: { id: string; label: string } | undefined;
  mode: ScheduleMode;
  /** The language code posts are written in. */
  language: string;
  /** node-cron requires both day fields to match where cronstrue's words say either. */
  bothDays: boolean;
  /** Where and how it posts (a text-channel message when the record predates post styles). */
  post: PostStyle;
  status: ScheduleStatus;
  disabledReason?: string | undefined;
  /** Upcoming run times (epoch ms); empty when paused or disabled. */
  nextRuns: number[];
  lastPostAt?: number | undefined;
  /** The last failed post: `recovered` once that run (or a later one) posted. */
  lastFailure?: ScheduleFailureView | undefined;
  createdBy: string;
  createdAt: number;
}

export interface ScheduleFailureView {
  at: number;
  run: number;
  reason: string;
  attempts: number;
  outcome: FailureRecord['outcome'] | 'recovered';
  retryAt?: number | undefined;
}

export interface ListResult {
  schedules: ScheduleView[];
  max: number;
  /** The store did not answer: the list comes from this process's memory (active schedules only). */
  fromMemory: boolean;
}

export interface PreviewResult {
  schedule: ScheduleView;
  /** Exactly what would be posted now; undefined when nothing would be (new-only, nothing new). */
  payload?: MessagePayload | undefined;
  newCount: number;
  /** The schedule's first run: it only marks the starting point. */
  first: boolean;
  /** The day "new" is counted from (YYYY-MM-DD), when known. */
  sinceDay?: string | undefined;
  /** The forum post's or thread's title, when the schedule makes one. */
  title?: string | undefined;
}

export interface ScheduleService {
  add(input: AddScheduleInput, access?: ChannelAccess): Promise<ScheduleView>;
  list(guildId: string): Promise<ListResult>;
  remove(guildId: string, id: string): Promise<ScheduleView>;
  pause(guildId: string, id: string, userId: string): Promise<ScheduleView>;
  resume(guildId: string, id: string, access?: ChannelAccess): Promise<ScheduleView>;
  preview(guildId: string, id: string): Promise<PreviewResult>;
  /** For autocomplete of the `id` option: fast (memory when the store is slow), never throws. */
  suggest(guildId: string, input: string): Promise<ScheduleView[]>;
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

const storeTimeout = (ms: number) => () => {
  throw new StoreUnavailableError(`the store did not answer within ${ms} ms`);
};

export function createScheduleService(host: ServiceDeps): ScheduleService {
  const { repo, options } = host;
  const now = () => host.clock.now().getTime();
  const bounded = <T>(work: Promise<T>, ms = options.commandStoreTimeoutMs) =>
    withDeadline(work, ms, storeTimeout(ms));

  /**
   * Runs store work under the command deadline. An unavailable store becomes 'store-unavailable';
   * any other error is a bug: logged as one and passed on (the router answers it generically).
   */
  async function guarded<T>(op: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await bounded(fn());
    } catch (error) {
      if (error instanceof ScheduleError) throw error;
      if (error instanceof StoreUnavailableError) {
        host.logger.warn({ err: error, op }, `schedule ${op}: store unavailable`);
        throw new ScheduleError({ code: 'store-unavailable' });
      }
      host.logger.error({ err: error, op }, `schedule ${op} failed`);
      throw error;
    }
  }

  function topicOf(record: Pick<ScheduleRecord, 'topic'>): { id: string; label: string } | undefined {
    if (!record.topic) return undefined;
    const topic = host.dataset.current().briefbook.dataset.topicById.get(record.topic);
    return { id: record.topic, label: topic?.label ?? record.topic };
  }

  function failureView(
    failure: FailureRecord | undefined,
    wm: Watermark | undefined,
  ): ScheduleFailureView | undefined {
    if (!failure) return undefined;
    const run = Date.parse(failure.run);
    const posted = wm?.lastPostRun !== undefined && Date.parse(wm.lastPostRun) >= run;
    return {
      at: Date.parse(failure.at),
      run,
      reason: failure.reason,
      attempts: failure.attempts,
      outcome: posted && failure.outcome === 'retrying' ? 'recovered' : failure.outcome,
      retryAt: failure.retryAt ? Date.parse(failure.retryAt) : undefined,
    };
  }

  function view(
    record: ScheduleRecord,
    wm: Watermark | undefined,
    runs = 3,
    failure?: FailureRecord,
  ): ScheduleView {
    const status: ScheduleStatus = record.disabled ? 'disabled' : record.paused ? 'paused' : 'active';
    let description = `cron \`${record.cron}\``;
    let upcoming: number[] = [];
    let bothDays = false;
    try {
      const cron = cachedCron(record.cron, record.timezone);
      description = describeCron(cron);
      bothDays = cron.bothDays;
      if (status === 'active')
        upcoming = nextRuns(cron, Math.max(now(), Date.parse(record.activeSince)), runs);
    } catch {
      // A stored expression this version cannot read: shown as typed.
    }
    return {
      id: record.id,
      guildId: record.guildId,
      channelId: record.channelId,
      cron: record.cron,
      timezone: record.timezone,
      description,
      topic: topicOf(record),
      mode: record.mode,
      language: record.language ?? 'en',
      bothDays,
      post: record.post ?? { kind: 'text' },
      status,
      disabledReason: record.disabled?.reason,
      nextRuns: upcoming,
      lastPostAt: wm?.lastPostAt ? Date.parse(wm.lastPostAt) : undefined,
      lastFailure: failureView(failure, wm),
      createdBy: record.createdBy,
      createdAt: Date.parse(record.createdAt),
    };
  }

  /**
   * The channel can take posts the way `style` says: every permission that needs (the missing ones
   * named), and the role can be mentioned. Throws a ScheduleError saying what is wrong.
   */
  async function checkChannel(
    channelId: string,
    style: PostStyle,
    access: ChannelAccess | undefined,
  ): Promise<void> {
    const checker = access ?? host.channels;
    if (!checker) {
      host.logger.warn({ channelId }, 'schedule: no channel access service; permissions not checked');
      return;
    }
    let missing: PermissionName[] | { error: string };
    const needed = permissionsFor(style);
    const roleId = style.mentionRoleId;
    try {
      missing = await checker.missingPermissions(channelId, needed);
      if (roleId && Array.isArray(missing)) {
        const role = checker.role ? await checker.role(channelId, roleId) : undefined;
        if (!role) throw new ScheduleError({ code: 'unknown-role', roleId });
        if (role.everyone) throw new ScheduleError({ code: 'everyone-role' });
        if (!role.mentionable) {
          const everyone = await checker.missingPermissions(channelId, ['Mention Everyone']);
          if (Array.isArray(everyone) && everyone.length > 0)
            throw new ScheduleError({ code: 'role-not-mentionable', roleId, roleName: role.name, channelId });
        }
      }
    } catch (error) {
      if (error instanceof ScheduleError) throw error;
      host.logger.warn({ err: error, channelId }, 'schedule: permission check failed');
      throw new ScheduleError({ code: 'permission-check-failed', channelId });
    }
    if (!Array.isArray(missing))
      throw new ScheduleError({ code: 'channel-unusable', channelId, reason: missing.error });
    if (missing.length > 0)
      throw new ScheduleError({ code: 'missing-permissions', channelId, missing, kind: style.kind });
  }

  /** The post style /schedule add asks for, checked against what the channel is. */
  async function styleFor(
    channelId: string,
    wanted: PostOptions | undefined,
    access: ChannelAccess | undefined,
  ): Promise<PostStyle> {
    const checker = access ?? host.channels;
    let kind: ChannelKind = 'text';
    let tags: ReadonlyArray<{ id: string; name: string }> = [];
    if (checker?.describe) {
      const facts = await checker.describe(channelId).catch((error: unknown) => {
        host.logger.warn({ err: error, channelId }, 'schedule: channel lookup failed');
        throw new ScheduleError({ code: 'permission-check-failed', channelId });
      });
      if ('error' in facts)
        throw new ScheduleError({ code: 'channel-unusable', channelId, reason: facts.error });
      if (facts.kind === 'other')
        throw new ScheduleError({
          code: 'channel-unusable',
          channelId,
          reason: 'that channel does not take posts',
        });
      kind = facts.kind;
      tags = facts.tags;
    }
    const forum = kind === 'forum' || kind === 'media';
    const style: PostStyle = { kind };
    if (wanted?.thread && forum)
      throw new ScheduleError({ code: 'option-not-here', option: 'thread', kind, channelId });
    if (wanted?.thread || (forum && wanted?.archiveMinutes))
      style.thread = { archiveMinutes: wanted.archiveMinutes ?? 1440 };
    if (wanted?.publish) {
      if (kind !== 'announcement')
        throw new ScheduleError({ code: 'option-not-here', option: 'publish', kind, channelId });
      style.publish = true;
    }
    if (wanted?.tags?.length) {
      if (!forum) throw new ScheduleError({ code: 'option-not-here', option: 'tag', kind, channelId });
      const chosen: Array<{ id: string; name: string }> = [];
      for (const typed of wanted.tags) {
        const tag = tags.find((t) => t.name.toLowerCase() === typed.trim().toLowerCase());
        if (!tag)
          throw new ScheduleError({
            code: 'unknown-tag',
            typed,
            channelId,
            available: tags.map((t) => t.name),
          });
        if (!chosen.some((c) => c.id === tag.id)) chosen.push(tag);
      }
      style.tagIds = chosen.slice(0, 5).map((t) => t.id);
      style.tagNames = chosen.slice(0, 5).map((t) => t.name);
    }
    if (wanted?.mentionRoleId) style.mentionRoleId = wanted.mentionRoleId;
    if (wanted?.image) style.image = true;
    return style;
  }

  /** The guild's record for a typed id, or 'no-such-schedule'. */
  async function ownRecord(guildId: string, input: string): Promise<ScheduleRecord> {
    const id = normalizeScheduleId(input);
    const record = id ? await guarded('get', () => repo.getSchedule(id)) : undefined;
    if (!record || record.guildId !== guildId)
      throw new ScheduleError({ code: 'no-such-schedule', typed: input.trim() });
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
      const tz = resolveTimezone(input.timezone, now());
      if (!tz.ok) throw new ScheduleError({ code: 'unknown-timezone', problem: tz.problem });
      const compiled = compileCron(cronText, tz.zone);
      if (!compiled.ok)
        throw new ScheduleError({
          code: 'invalid-cron',
          detail: compiled.message,
          problem: compiled.problem,
        });
      const tooOften = minIntervalProblem(compiled.cron, options.minIntervalMs, now());
      if (tooOften) throw new ScheduleError(tooOften);
      const topic = input.topic;
      if (topic !== undefined && !host.dataset.current().briefbook.dataset.topicById.has(topic))
        throw new ScheduleError({ code: 'unknown-topic', topic });
      const style = await styleFor(input.channelId, input.post, access);
      await checkChannel(input.channelId, style, access);

      return guarded('add', async () => {
        const existing = await guildRecords(input.guildId);
        const same = existing.find(
          (r) =>
            r.channelId === input.channelId &&
            r.cron === cronText &&
            r.timezone === tz.zone &&
            (r.topic ?? '') === (topic ?? '') &&
            (r.language ?? 'en') === (input.language ?? 'en'),
        );
        if (same)
          throw new ScheduleError({ code: 'already-scheduled', id: same.id, channelId: same.channelId });
        const at = new Date(now()).toISOString();
        for (let attempt = 0; attempt < 5; attempt++) {
          const id = newScheduleId();
          const added = await repo.addToGuild(input.guildId, id, options.maxSchedulesPerGuild, at);
          if (!added) throw new ScheduleError({ code: 'limit-reached', max: options.maxSchedulesPerGuild });
          const record: ScheduleRecord = {
            v: 1,
            id,
            guildId: input.guildId,
            channelId: input.channelId,
            cron: cronText,
            timezone: tz.zone,
            topic,
            mode: input.mode ?? 'always',
            ...(input.language && input.language !== 'en' ? { language: input.language } : {}),
            ...(style.kind === 'text' && Object.keys(style).length === 1 ? {} : { post: style }),
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
        const records = await bounded(guildRecords(guildId));
        const [wms, failures] = await bounded(
          Promise.all([
            Promise.all(records.map((r) => repo.getWatermark(r.id))),
            Promise.all(records.map((r) => repo.getFailure(r.id))),
          ]),
        );
        return {
          schedules: records.map((r, i) => view(r, wms[i], 1, failures[i])),
          max: options.maxSchedulesPerGuild,
          fromMemory: false,
        };
      } catch (error) {
        if (!(error instanceof StoreUnavailableError)) throw error;
        host.logger.warn({ err: error, guildId }, 'schedule list: store unavailable, answering from memory');
        return {
          schedules: host.live.forGuild(guildId).map((r) => view(r, undefined, 1)),
          max: options.maxSchedulesPerGuild,
          fromMemory: true,
        };
      }
    },

    async remove(guildId, input) {
      const record = await ownRecord(guildId, input);
      await guarded('remove', async () => {
        await repo.deleteSchedule(record.id);
        await repo.removeFromGuild(guildId, [record.id]);
        await repo.deleteWatermark(record.id);
        await repo.deleteFailure(record.id);
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
      if (!updated) throw new ScheduleError({ code: 'just-removed', id: record.id });
      host.live.changed(updated.id, updated);
      return view(updated, undefined);
    },

    async resume(guildId, input, access) {
      const record = await ownRecord(guildId, input);
      if (!record.paused && !record.disabled) return view(record, undefined);
      await checkChannel(record.channelId, record.post ?? { kind: 'text' }, access);
      const at = new Date(now()).toISOString();
      const updated = await guarded('resume', () =>
        repo.updateSchedule(record.id, (cur) => {
          if (!cur) return cur;
          const { paused: _p, disabled: _d, ...rest } = cur;
          return { ...rest, activeSince: at };
        }),
      );
      if (!updated) throw new ScheduleError({ code: 'just-removed', id: record.id });
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
      const composed = composeRun({
        snapshot: host.dataset.current(),
        schedule: record,
        run: t,
        cutoff: t,
        watermark: wm,
        seen,
      });
      const style = record.post;
      const titled = style && (style.kind === 'forum' || style.kind === 'media' || style.thread);
      return {
        schedule: view(record, wm),
        title: titled ? scheduleRunTitle(host.dataset.current().briefbook.dataset, record, t) : undefined,
        payload: composed.wouldPost ? composed.payload : undefined,
        newCount: composed.wouldPost ? composed.newCount : 0,
        first: composed.first,
        sinceDay: composed.sinceDay,
      };
    },

    async suggest(guildId, input) {
      const q = input.trim().toLowerCase();
      let records: ScheduleRecord[];
      try {
        records = await bounded(guildRecords(guildId), Math.min(1_500, options.commandStoreTimeoutMs));
      } catch {
        records = host.live.forGuild(guildId);
      }
      return records
        .filter((r) => !q || r.id.includes(q) || r.channelId.includes(q) || r.cron.includes(q))
        .slice(0, 25)
        .map((r) => view(r, undefined, 0));
    },
  };
}
