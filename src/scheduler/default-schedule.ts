/**
 * The operator's default schedule (BRIEFING_CHANNEL_ID, BRIEFING_CRON, BRIEFING_TIMEZONE): a schedule
 * with no Discord command behind it. It lives in memory only (guildId null, shard 0); its watermark is
 * stored like any other schedule's.
 */
import { compileCron } from './cron.ts';
import { resolveTimezone } from './timezones.ts';
import { DEFAULT_SCHEDULE_ID, type DefaultScheduleSpec, type ScheduleRecord } from './types.ts';

export interface DefaultScheduleProblem {
  /** The environment variable to fix. */
  field: 'BRIEFING_CHANNEL_ID' | 'BRIEFING_TIMEZONE' | 'BRIEFING_CRON';
  message: string;
}

/** Validates the spec with the scheduler's own rules (it refuses a few forms node-cron accepts). */
export function defaultScheduleProblem(spec: DefaultScheduleSpec): DefaultScheduleProblem | undefined {
  if (!/^\d{17,20}$/.test(spec.channelId))
    return {
      field: 'BRIEFING_CHANNEL_ID',
      message: `must be a channel id (17–20 digits), got "${spec.channelId}"`,
    };
  const tz = resolveTimezone(spec.timezone);
  if (!tz.ok) return { field: 'BRIEFING_TIMEZONE', message: tz.message };
  const cron = compileCron(spec.cron, tz.zone);
  if (!cron.ok) return { field: 'BRIEFING_CRON', message: cron.message };
  return undefined;
}

/**
 * The record of a valid spec. `activeSince` bounds catch-up: at load it becomes the start time when
 * the schedule has no watermark yet (a first start misses nothing), see LiveSchedules.load.
 */
export function defaultScheduleRecord(spec: DefaultScheduleSpec, now: number): ScheduleRecord {
  const problem = defaultScheduleProblem(spec);
  if (problem) throw new Error(`Invalid default schedule: ${problem.field}: ${problem.message}`);
  const tz = resolveTimezone(spec.timezone);
  return {
    v: 1,
    id: DEFAULT_SCHEDULE_ID,
    guildId: null,
    channelId: spec.channelId,
    cron: spec.cron.trim().replace(/\s+/g, ' '),
    timezone: tz.ok ? tz.zone : 'UTC',
    topic: spec.topic,
    mode: spec.mode ?? 'always',
    createdBy: 'operator',
    createdAt: new Date(now).toISOString(),
    activeSince: new Date(0).toISOString(),
  };
}
