/**
 * Does a text concern the dataset? Its actors (names, aliases, a person's surname) or its topics
 * (labels, keywords), matched as whole words. Feeds use it to skip items off the timeline's subject.
 * PURE.
 */
import type { Dataset } from '../domain/model.ts';

export interface Relevance {
  actors: string[];
  topics: string[];
}

function escapeRegExp(term: string): string {
  return term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function relevanceMatcher(dataset: Dataset): (text: string) => Relevance {
  const terms: { kind: 'actor' | 'topic'; id: string; re: RegExp }[] = [];
  const add = (kind: 'actor' | 'topic', id: string, term: string) => {
    const t = term.trim();
    if (t.length < 4) return;
    terms.push({ kind, id, re: new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(t)}(?![\\p{L}\\p{N}])`, 'iu') });
  };
  for (const a of dataset.actors) {
    for (const name of [a.name, ...a.aliases]) add('actor', a.id, name);
    const surname = a.kind === 'person' ? a.name.split(/\s+/).at(-1) : undefined;
    if (surname && surname.length >= 5) add('actor', a.id, surname);
  }
  for (const t of dataset.topics) for (const term of [t.label, ...t.keywords]) add('topic', t.id, term);
  return (text) => {
    const actors = new Set<string>();
    const topics = new Set<string>();
    for (const t of terms) if (t.re.test(text)) (t.kind === 'actor' ? actors : topics).add(t.id);
    return { actors: [...actors], topics: [...topics] };
  };
}

export function isRelevant(r: Relevance): boolean {
  return r.actors.length > 0 || r.topics.length > 0;
}
