import type { Dataset } from './model.ts';
import type { Quote } from './schema.ts';
import { normalizeName } from './text.ts';

export interface QuoteQuery {
  speaker?: string;
  topic?: string;
  /** Words that must all appear in the quote (folded for case, accents and punctuation). */
  text?: string;
}

/** Quotes matching every given filter, in chronological order of their events. */
export function findQuotes(dataset: Dataset, query: QuoteQuery): Quote[] {
  const words = query.text ? normalizeName(query.text).split(' ').filter(Boolean) : [];
  const base = query.speaker ? (dataset.quotesBySpeaker.get(query.speaker) ?? []) : dataset.quotes;
  return base.filter((q) => {
    if (query.topic && !q.topics.includes(query.topic)) {
      const event = dataset.eventById.get(q.event);
      if (!event?.topics.includes(query.topic)) return false;
    }
    if (words.length > 0) {
      const hay = ` ${normalizeName(q.text)} `;
      return words.every((w) => hay.includes(` ${w}`));
    }
    return true;
  });
}
