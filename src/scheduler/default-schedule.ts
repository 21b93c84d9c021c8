/**
 * The operator's default schedule (BRIEFING_CHANNEL_ID, BRIEFING_CRON, BRIEFING_TIMEZONE): a schedule
 * with no Discord command behind it. It lives in memory only (guildId null, shard 0); its watermark is
 * stored like any other schedule's.
 */
import { findLanguage, LANGUAGES, reference } from '../i18n/languages.ts';
import { describeZoneProblem } from '../render/schedule.ts';
import { compileCron } from './cron.ts';
import { resolveTimezone } from './timezones.ts';
import { DEFAULT_SCHEDULE_ID, type DefaultScheduleSpec, type ScheduleRecord } from './types.ts';

export interface DefaultScheduleProblem {
  /** The environment variable to fix. */
  field: 'BRIEFING_CHANNEL_ID' | 'BRIEFING_TIMEZONE' | 'BRIEFING_CRON' | 'BRIEFING_LANGUAGE';
  message: string;
}

/**
 * Every problem of the BRIEFING_* settings, at most one per variable, with the scheduler's own rules
 * (it refuses a few forms node-cron accepts, and abbreviations as zones). Absent values are fine
 * unless the other setting needs them.
 */
export function defaultScheduleProblems(spec: Partial<DefaultScheduleSpec>): DefaultScheduleProblem[] {
  const problems: DefaultScheduleProblem[] = [];
  if (spec.channelId === undefined && spec.cron !== undefined)
    problems.push({
      field: 'BRIEFING_CHANNEL_ID',
      message:
        'is required when BRIEFING_CRON is set: the channel to post in (right-click it → Copy Channel ID)',
    });
  if (spec.channelId !== undefined && !/^\d{17,20}$/.test(spec.channelId))
    problems.push({
      field: 'BRIEFING_CHANNEL_ID',
      message: `must be a channel id (17–20 digits), got "${spec.channelId}": enable Developer Mode, right-click the channel → Copy Channel ID`,
    });
  if (spec.cron === undefined && spec.channelId !== undefined)
    problems.push({
      field: 'BRIEFING_CRON',
      message: 'is required when BRIEFING_CHANNEL_ID is set: e.g. "0 8 * * *"',
    });
  const tz = resolveTimezone(spec.timezone);
  if (!tz.ok)
    problems.push({ field: 'BRIEFING_TIMEZONE', message: reference.text(describeZoneProblem(tz.problem)) });
  if (spec.cron !== undefined) {
    const cron = compileCron(spec.cron, tz.ok ? tz.zone : 'UTC');
    if (!cron.ok) problems.push({ field: 'BRIEFING_CRON', message: cron.message });
  }
  if (spec.language !== undefined && !findLanguage(spec.language))
    problems.push({
      field: 'BRIEFING_LANGUAGE',
      message: `must be one of ${LANGUAGES.map((l) => l.code).join(', ')} (the language of the posts), got "${spec.language}"`,
    });
  return problems;
}

/** The first problem of a complete spec (see defaultScheduleProblems). */
export function defaultScheduleProblem(spec: DefaultScheduleSpec): DefaultScheduleProblem | undefined {
  return defaultScheduleProblems(spec)[0];
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
    ...(spec.language ? { language: findLanguage(spec.language)?.code ?? 'en' } : {}),
    createdBy: 'operator',
    createdAt: new Date(now).toISOString(),
    activeSince: new Date(0).toISOString(),
  };
}
