/**
 * What a run posts, PURE: the new-event set from the watermark, the briefing as of the run's day in
 * the schedule's zone, rendered by the one briefing renderer in the schedule's language. A per-run
 * cache shares each distinct summary (dataset version, language, topic, day, "since" label, new set)
 * across every channel that gets it.
 */
import { composeBriefing } from '../domain/briefing.ts';
import { english, findLanguage, translatorOf } from '../i18n/languages.ts';
import { renderBriefing } from '../render/briefing.ts';
import type { MessagePayload } from '../render/message.ts';
import { dayInZone } from './timezones.ts';
import type { ScheduledSnapshot, ScheduleRecord, Watermark } from './types.ts';

export interface Rendered {
  payload: MessagePayload;
  /** New events in the briefing's scope (topic, as-of day). */
  newCount: number;
}

export type RenderCache = Map<string, Rendered>;

export interface Composed extends Rendered {
  /** Cache key: equal keys are equal posts. */
  key: string;
  /** The schedule's first run: nothing counts as new. */
  first: boolean;
  /** False for a new-only schedule with nothing new in scope. */
  wouldPost: boolean;
  asOf: string;
  /** The day "new since" refers to (undefined on the first run). */
  sinceDay: string | undefined;
}

/** Ids of events first seen in (after, upTo]. */
function newEventIds(
  snapshot: ScheduledSnapshot,
  seen: ReadonlyMap<string, number>,
  after: number,
  upTo: number,
): string[] {
  const out: string[] = [];
  for (const e of snapshot.briefbook.dataset.events) {
    const t = seen.get(e.id);
    if (t !== undefined && t > after && t <= upTo) out.push(e.id);
  }
  return out.sort();
}

export interface ComposeInput {
  snapshot: ScheduledSnapshot;
  schedule: Pick<ScheduleRecord, 'timezone' | 'topic' | 'mode' | 'language'>;
  /** The run time (its day in the schedule's zone is the briefing's "as of"). */
  run: number;
  /** Events first seen up to this instant are considered. */
  cutoff: number;
  watermark: Watermark | undefined;
  seen: ReadonlyMap<string, number>;
}

export function composeRun(input: ComposeInput, cache?: RenderCache): Composed {
  const { snapshot, schedule, watermark } = input;
  const asOf = dayInZone(input.run, schedule.timezone);
  const first = watermark === undefined;
  const ids = first ? [] : newEventIds(snapshot, input.seen, Date.parse(watermark.cutoff), input.cutoff);
  const sinceInstant = watermark ? Date.parse(watermark.lastPostAt ?? watermark.firstRunAt) : undefined;
  const sinceDay = sinceInstant === undefined ? undefined : dayInZone(sinceInstant, schedule.timezone);
  // A language this version does not speak (a record written by a newer one) posts in English.
  const language = findLanguage(schedule.language) ?? english;
  const key = JSON.stringify([
    snapshot.version,
    language.code,
    schedule.topic ?? '',
    asOf,
    first ? '#first' : sinceDay,
    ids,
  ]);
  let rendered = cache?.get(key);
  if (!rendered) {
    const book = snapshot.briefbook;
    const briefing = composeBriefing(book.dataset, {
      asOf,
      topic: schedule.topic,
      newEventIds: new Set(ids),
    });
    const t = translatorOf(language);
    const payload = renderBriefing(t, book, briefing, first ? {} : { newSince: { since: sinceDay } });
    rendered = { payload, newCount: briefing.newEvents.length };
    cache?.set(key, rendered);
  }
  const wouldPost = schedule.mode === 'always' || rendered.newCount > 0;
  return { ...rendered, key, first, wouldPost, asOf, sinceDay };
}
