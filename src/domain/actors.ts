import MiniSearch from 'minisearch';
import type { Dataset } from './model.ts';
import type { Actor } from './schema.ts';
import { fuzzyBudget, normalizeName, tokenize } from './text.ts';

export interface ActorCandidate {
  actor: Actor;
  score: number;
  /** The name or alias that matched best. */
  matched: string;
}

export type ActorResolution =
  | { status: 'found'; actor: Actor; matched: string }
  | { status: 'ambiguous'; candidates: ActorCandidate[] }
  | { status: 'not-found'; query: string };

interface NameDoc {
  id: string;
  actorId: string;
  name: string;
}

export interface ActorIndex {
  resolve(query: string): ActorResolution;
  /** Ranked candidates for autocomplete: prefix and typo tolerant, best first. */
  suggest(query: string, limit?: number): ActorCandidate[];
}

/** A dominant candidate wins outright; otherwise the user chooses among ranked candidates. */
const DOMINANCE = 1.6;

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

  return {
    resolve(query) {
      const key = normalizeName(query);
      if (!key) return { status: 'not-found', query };
      const exactIds = exact.get(key);
      if (exactIds?.size === 1) {
        const actor = dataset.actorById.get([...exactIds][0] ?? '');
        if (actor) return { status: 'found', actor, matched: query };
      }
      const candidates = rank(query);
      if (exactIds && exactIds.size > 1) {
        return { status: 'ambiguous', candidates: candidates.filter((c) => exactIds.has(c.actor.id)) };
      }
      const [first, second] = candidates;
      if (!first) return { status: 'not-found', query };
      if (!second || first.score >= second.score * DOMINANCE) {
        return { status: 'found', actor: first.actor, matched: first.matched };
      }
      return { status: 'ambiguous', candidates: candidates.slice(0, 10) };
    },
    suggest(query, limit = 25) {
      if (!normalizeName(query))
        return dataset.actors.slice(0, limit).map((actor) => ({ actor, score: 0, matched: actor.name }));
      return rank(query).slice(0, limit);
    },
  };
}
