import type { Topic } from '../domain/schema.ts';
import { normalizeName } from '../domain/text.ts';

/**
 * Topics whose label or keywords occur in a text (folded for case and punctuation; a keyword word
 * also matches its plural and -ed/-ing forms).
 */
export interface TopicMatcher {
  /** Topic ids found in the text, most hits first, with the words that matched. */
  match(text: string): { topic: string; hits: string[] }[];
}

function wordMatches(text: string, keyword: string): boolean {
  if (text === keyword) return true;
  if (keyword.length < 4) return false;
  return [`${keyword}s`, `${keyword}es`, `${keyword}ed`, `${keyword}d`, `${keyword}ing`].includes(text);
}

export function buildTopicMatcher(topics: readonly Topic[]): TopicMatcher {
  const phrases = topics.map((t) => ({
    id: t.id,
    phrases: [...new Set([t.label, ...t.keywords])]
      .map((k) => normalizeName(k).split(' ').filter(Boolean))
      .filter((w) => w.length > 0),
  }));
  return {
    match(text) {
      const words = normalizeName(text).split(' ').filter(Boolean);
      const out: { topic: string; hits: string[] }[] = [];
      for (const { id, phrases: list } of phrases) {
        const hits = new Set<string>();
        for (const phrase of list) {
          for (let i = 0; i + phrase.length <= words.length; i++) {
            if (phrase.every((w, k) => wordMatches(words[i + k] ?? '', w))) {
              hits.add(phrase.join(' '));
              break;
            }
          }
        }
        if (hits.size > 0) out.push({ topic: id, hits: [...hits] });
      }
      return out.sort((a, b) => b.hits.length - a.hits.length || a.topic.localeCompare(b.topic));
    },
  };
}
