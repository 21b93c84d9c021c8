import type { Dataset } from './model.ts';
import type { Quote } from './schema.ts';
import { normalizeName } from './text.ts';

export interface QuoteQuery {
  speaker?: string;
  topic?: string;
  /** Words that must all appear in the quote (folded for case, accents and punctuation). */
  text?: string;
}

/** The words a text filter looks for (folded); none when it has no letters or digits. */
export function quoteWords(text: string): string[] {
  return normalizeName(text).split(' ').filter(Boolean);
}

/**
 * Quotes matching every given filter, in chronological order of their events. A text filter with no
 * words matches nothing (it is not "no filter").
 */
export function findQuotes(dataset: Dataset, query: QuoteQuery): Quote[] {
  const words = query.text === undefined ? [] : quoteWords(query.text);
  if (query.text !== undefined && words.length === 0) return [];
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
