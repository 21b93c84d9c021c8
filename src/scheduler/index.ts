/** Scheduled briefings: the public surface the bot wires (see scheduler.ts for the delivery design). */
export { compileCron, describeCron, nextRuns } from './cron.ts';
export {
  type DefaultScheduleProblem,
  defaultScheduleProblem,
  defaultScheduleProblems,
} from './default-schedule.ts';
export { classifyPostError, DISABLING_CODES } from './errors.ts';
export { createDmChannels, createRestPoster, toChannelMessageBody } from './rest-poster.ts';
export { createScheduler, type Scheduler } from './scheduler.ts';
export {
  type AddScheduleInput,
  type ListResult,
  type PreviewResult,
  REQUIRED_PERMISSIONS,
  type ScheduleService,
  type ScheduleView,
} from './service.ts';
export { ownsGuild, shardOfGuild } from './shard.ts';
export { autocompleteTimezones, resolveTimezone } from './timezones.ts';
export type {
  ChannelAccess,
  DatasetPort,
  DefaultScheduleSpec,
  DeliveryRecord,
  Outcome,
  PermissionName,
  PostError,
  Poster,
  ScheduledSnapshot,
  ScheduleMode,
  ScheduleRecord,
  SchedulerDeps,
  SchedulerOptions,
  SchedulerStats,
  TickReport,
  Watermark,
} from './types.ts';
export { DEFAULT_OPTIONS, DEFAULT_SCHEDULE_ID, NS } from './types.ts';
