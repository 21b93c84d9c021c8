import MiniSearch from 'minisearch';
import type { Dataset } from './model.ts';
import type { Resolution } from './resolution.ts';
import type { Actor } from './schema.ts';
import { fuzzyBudget, normalizeName, tokenize } from './text.ts';

export interface ActorCandidate {
  actor: Actor;
  score: number;
  /** The name or alias that matched best. */
  matched: string;
}

interface NameDoc {
  id: string;
  actorId: string;
  name: string;
}

export interface ActorIndex {
  /** The actor a name means (any spelling); candidates when several fit, the closest when none does. */
  resolve(query: string): Resolution<Actor>;
  /** Ranked candidates for autocomplete: prefix and typo tolerant, best first. */
  suggest(query: string, limit?: number): ActorCandidate[];
}

/** A dominant candidate wins outright; otherwise the user chooses among ranked candidates. */
const DOMINANCE = 1.6;
const SUGGESTIONS = 5;

export function buildActorIndex(dataset: Dataset): ActorIndex {
  const exact = new Map<string, Set<string>>();
  const docs: NameDoc[] = [];
  for (const actor of dataset.actors) {
    const names = [actor.id.replace(/-/g, ' '), actor.name, ...actor.aliases];
    for (const name of new Set(names)) {
      const key = normalizeName(name);
      const set = exact.get(key) ?? new Set<string>();
      set.add(actor.id);
      exact.set(key, set);
      docs.push({ id: `${actor.id}#${docs.length}`, actorId: actor.id, name });
    }
  }
  const mini = new MiniSearch<NameDoc>({
    fields: ['name'],
    storeFields: ['actorId', 'name'],
    tokenize: (text) => tokenize(text),
    processTerm: (term) => term,
    searchOptions: { prefix: true, fuzzy: (term) => fuzzyBudget(term), combineWith: 'OR' },
  });
  mini.addAll(docs);

  const rank = (query: string): ActorCandidate[] => {
    const best = new Map<string, ActorCandidate>();
    for (const hit of mini.search(query)) {
      const actor = dataset.actorById.get(hit.actorId as string);
      if (!actor) continue;
      const prev = best.get(actor.id);
      if (!prev || hit.score > prev.score)
        best.set(actor.id, { actor, score: hit.score, matched: hit.name as string });
    }
    return [...best.values()].sort((a, b) => b.score - a.score || a.actor.name.localeCompare(b.actor.name));
  };

  const suggest = (query: string, limit = 25): ActorCandidate[] => {
    if (!normalizeName(query))
      return dataset.actors.slice(0, limit).map((actor) => ({ actor, score: 0, matched: actor.name }));
    return rank(query).slice(0, limit);
  };
  const actorsOf = (candidates: ActorCandidate[]) => candidates.map((c) => c.actor);
  // Nothing matched the whole name: offer the actors whose names start like it.
  const notFound = (query: string): Resolution<Actor> => ({
    status: 'not-found',
    suggestions: actorsOf(suggest(query.slice(0, 3), SUGGESTIONS)),
  });

  return {
    resolve(query) {
      const key = normalizeName(query);
      if (!key) return notFound(query);
      const exactIds = exact.get(key);
      if (exactIds?.size === 1) {
        const actor = dataset.actorById.get([...exactIds][0] ?? '');
        if (actor) return { status: 'found', value: actor };
      }
      const candidates = rank(query);
      if (exactIds && exactIds.size > 1) {
        return {
          status: 'ambiguous',
          candidates: actorsOf(candidates.filter((c) => exactIds.has(c.actor.id))),
        };
      }
      const [first, second] = candidates;
      if (!first) return notFound(query);
      if (!second || first.score >= second.score * DOMINANCE) return { status: 'found', value: first.actor };
      return { status: 'ambiguous', candidates: actorsOf(candidates.slice(0, 10)) };
    },
    suggest,
  };
}
