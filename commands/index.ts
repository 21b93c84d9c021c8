import type { Command } from '../src/discord/command.ts';
import { about } from './about.ts';
import { actor } from './actor.ts';
import { briefing } from './briefing.ts';
import { event } from './event.ts';
import { quote } from './quote.ts';
import { schedule } from './schedule.ts';
import { search } from './search.ts';
import { sources } from './sources.ts';
import { timeline } from './timeline.ts';

/** Every slash command, listed explicitly: registration and routing both read this list. */
export const commands: readonly Command[] = [
  briefing,
  timeline,
  event,
  quote,
  actor,
  search,
  sources,
  about,
  schedule,
];
