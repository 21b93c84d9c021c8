import type { Command } from '../src/discord/command.ts';
import { about } from './about.ts';
import { actor } from './actor.ts';
import { briefing } from './briefing.ts';
import { type CurateCommandDeps, createCurateCommand, curateWithoutCuration } from './curate.ts';
import { event } from './event.ts';
import { quote } from './quote.ts';
import { createScheduleCommand, type ScheduleCommandDeps, scheduleWithoutScheduler } from './schedule.ts';
import { search } from './search.ts';
import { sources } from './sources.ts';
import { timeline } from './timeline.ts';

/** The commands that need nothing but the dataset. */
const readCommands: readonly Command[] = [briefing, timeline, event, quote, actor, search, sources, about];

/** Every slash command the running bot serves, /schedule wired to its scheduler, /curate to curation. */
export function createCommands(deps: ScheduleCommandDeps & Partial<CurateCommandDeps>): readonly Command[] {
  const { curation, feeds } = deps;
  const curate =
    curation && feeds
      ? createCurateCommand({ curation, feeds, curatorRoleId: deps.curatorRoleId })
      : curateWithoutCuration;
  return [...readCommands, createScheduleCommand(deps), curate];
}

/**
 * Every slash command as registered with Discord, for registration, preview and tests; /schedule
 * here answers that no scheduler runs. Same JSON as createCommands().
 */
export const commands: readonly Command[] = [
  ...readCommands,
  scheduleWithoutScheduler,
  curateWithoutCuration,
];
