import type { Analysis, Analyzer } from './analyze.ts';

/**
 * Tags: a topic on a record must be supported by the record's cited text, through one of the
 * topic's keywords (or its label) appearing there — words in order, a few others allowed between
 * them, each word matched by its stem (not by paraphrase class: a keyword list is the curator's
 * exact choice) — or by a curator's override with a reason.
 */

const MAX_GAP = 3;

export interface TopicMatcher {
  id: string;
  phrases: { text: string; keys: string[][] }[];
}

export function topicMatcher(
  analyzer: Analyzer,
  topic: { id: string; label: string; keywords: readonly string[] },
): TopicMatcher {
  const phrases = [...topic.keywords, topic.label].flatMap((text) => {
    const a = analyzer.analyze(text);
    const keys = a.terms.map((t) => t.stems);
    return keys.length > 0 ? [{ text, keys }] : [];
  });
  return { id: topic.id, phrases };
}

/** The first keyword of the topic found in the text, or undefined. */
export function findTopicKeyword(matcher: TopicMatcher, text: Analysis): string | undefined {
  const seq = text.terms.map((t) => new Set(t.stems));
  for (const phrase of matcher.phrases) {
    if (matchesInOrder(seq, phrase.keys)) return phrase.text;
  }
  return undefined;
}

function matchesInOrder(seq: readonly Set<string>[], phrase: readonly string[][]): boolean {
  const first = phrase[0];
  if (!first) return false;
  for (let start = 0; start < seq.length; start++) {
    if (!first.some((k) => seq[start]?.has(k))) continue;
    let pos = start;
    let ok = true;
    for (let j = 1; j < phrase.length; j++) {
      const want = phrase[j] ?? [];
      let found = -1;
      for (let k = pos + 1; k <= Math.min(seq.length - 1, pos + 1 + MAX_GAP); k++)
        if (want.some((w) => seq[k]?.has(w))) {
          found = k;
          break;
        }
      if (found < 0) {
        ok = false;
        break;
      }
      pos = found;
    }
    if (ok) return true;
  }
  return false;
}
