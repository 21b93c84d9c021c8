import { firstPossibleDay, lastPossibleDay } from './dates.ts';
import type { Dataset } from './model.ts';
import type { Event } from './schema.ts';

export interface TimelineQuery {
  actor?: string;
  topic?: string;
  /** Inclusive day bounds, YYYY-MM-DD. */
  from?: string;
  to?: string;
}

/** Events matching every given filter, oldest first. A loosely dated event matches a range it may fall in. */
export function timeline(dataset: Dataset, query: TimelineQuery): Event[] {
  const base = query.actor
    ? (dataset.eventsByActor.get(query.actor) ?? [])
    : query.topic
      ? (dataset.eventsByTopic.get(query.topic) ?? [])
      : dataset.events;
  return base.filter(
    (e) =>
      (!query.topic || e.topics.includes(query.topic)) &&
      (!query.from || lastPossibleDay(e.date) >= query.from) &&
      (!query.to || firstPossibleDay(e.date) <= query.to),
  );
}
