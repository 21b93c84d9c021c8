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

export interface Page<T> {
  items: T[];
  /** Zero-based. */
  page: number;
  pageCount: number;
  total: number;
  pageSize: number;
}

/**
 * Events matching every given filter, oldest first. A loosely dated event matches a range it may
 * fall in. Without a date range (and without both an actor and a topic) that is an index list of the
 * dataset itself, returned as is: read-only.
 */
export function timeline(dataset: Dataset, query: TimelineQuery): readonly Event[] {
  const base = query.actor
    ? (dataset.eventsByActor.get(query.actor) ?? [])
    : query.topic
      ? (dataset.eventsByTopic.get(query.topic) ?? [])
      : dataset.events;
  if (!query.from && !query.to && !(query.actor && query.topic)) return base;
  return base.filter(
    (e) =>
      (!query.topic || e.topics.includes(query.topic)) &&
      (!query.from || lastPossibleDay(e.date) >= query.from) &&
      (!query.to || firstPossibleDay(e.date) <= query.to),
  );
}
