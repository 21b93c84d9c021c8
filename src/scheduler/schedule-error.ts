/**
 * Why the schedule service refused a request: a code and the data to explain it. The words are
 * rendered in src/render/schedule.ts, so the scheduler knows nothing of Discord messages.
 */
import type { CronProblem } from './cron.ts';
import type { ZoneProblem } from './timezones.ts';
import type { ChannelKind, PermissionName } from './types.ts';

export type ScheduleProblem =
  /** The cron parser's explanation (cron.ts): what is wrong (English `detail`) and as data. */
  | { code: 'invalid-cron'; detail: string; problem: CronProblem }
  /** What the zone resolver (timezones.ts) refused, with its suggestions. */
  | { code: 'unknown-timezone'; problem: ZoneProblem }
  | { code: 'too-frequent'; expression: string; gapMs: number; minMs: number }
  | { code: 'unknown-topic'; topic: string }
  | { code: 'permission-check-failed'; channelId: string }
  | { code: 'channel-unusable'; channelId: string; reason: string }
  | {
      code: 'missing-permissions';
      channelId: string;
      missing: readonly PermissionName[];
      kind?: ChannelKind | undefined;
    }
  /** An option that does not apply to this kind of channel (a thread in a forum, publishing in a text channel). */
  | { code: 'option-not-here'; option: 'thread' | 'publish' | 'tag'; kind: ChannelKind; channelId: string }
  | { code: 'unknown-tag'; typed: string; channelId: string; available: readonly string[] }
  | { code: 'unknown-role'; roleId: string }
  /** mention_role was @everyone: never pinged. */
  | { code: 'everyone-role' }
  | { code: 'role-not-mentionable'; roleId: string; roleName: string; channelId: string }
  | { code: 'already-scheduled'; id: string; channelId: string }
  | { code: 'limit-reached'; max: number }
  | { code: 'no-such-schedule'; typed: string }
  | { code: 'just-removed'; id: string }
  /** The store did not answer in time; schedules already set up keep running. */
  | { code: 'store-unavailable' };

export type ScheduleProblemCode = ScheduleProblem['code'];

export class ScheduleError extends Error {
  constructor(readonly problem: ScheduleProblem) {
    super(`schedule request refused: ${problem.code}`);
    this.name = 'ScheduleError';
  }

  get code(): ScheduleProblemCode {
    return this.problem.code;
  }
}
