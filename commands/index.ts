import type { Command } from '../src/discord/command.ts';
import type { FollowService } from '../src/scheduler/follows.ts';
import { about } from './about.ts';
import { actor } from './actor.ts';
import { briefing } from './briefing.ts';
import { type CurateCommandDeps, createCurateCommand, curateWithoutCuration } from './curate.ts';
import { event } from './event.ts';
import { createFollowCommand, followWithoutScheduler } from './follow.ts';
import { quote } from './quote.ts';
import { createScheduleCommand, type ScheduleCommandDeps, scheduleWithoutScheduler } from './schedule.ts';
import { search } from './search.ts';
import { sources } from './sources.ts';
import { timeline } from './timeline.ts';
import { createUnfollowCommand, unfollowWithoutScheduler } from './unfollow.ts';

/** The commands that need nothing but the dataset. */
const readCommands: readonly Command[] = [briefing, timeline, event, quote, actor, search, sources, about];

/** Every slash command the running bot serves, /schedule wired to its scheduler, /curate to curation. */
export function createCommands(
  deps: ScheduleCommandDeps & Partial<CurateCommandDeps> & { follows?: FollowService | undefined },
): readonly Command[] {
  const { curation, feeds } = deps;
  const curate =
    curation && feeds
      ? createCurateCommand({ curation, feeds, curatorRoleId: deps.curatorRoleId })
      : curateWithoutCuration;
  const follows = deps.follows
    ? [createFollowCommand(deps.follows), createUnfollowCommand(deps.follows)]
    : [followWithoutScheduler, unfollowWithoutScheduler];
  return [...readCommands, ...follows, createScheduleCommand(deps), curate];
}

/**
 * Every slash command as registered with Discord, for registration, preview and tests; /schedule
 * here answers that no scheduler runs. Same JSON as createCommands().
 */
export const commands: readonly Command[] = [
  ...readCommands,
  followWithoutScheduler,
  unfollowWithoutScheduler,
  scheduleWithoutScheduler,
  curateWithoutCuration,
];
