import type { Dataset } from './model.ts';
import { buildRankedIndex, RankedIndex, type RankedIndexParts } from './ranked-index.ts';
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
  actorId: string;
  name: string;
}

export interface ActorIndex {
  /** The actor a name means (any spelling); candidates when several fit, the closest when none does. */
  resolve(query: string): Resolution<Actor>;
  /** Ranked candidates for autocomplete: prefix and typo tolerant, best first. */
  suggest(query: string, limit?: number): ActorCandidate[];
  /** The name index arrays, for the dataset snapshot. */
  readonly parts: RankedIndexParts;
}

/** A dominant candidate wins outright; otherwise the user chooses among ranked candidates. */
const DOMINANCE = 1.6;
const SUGGESTIONS = 5;

/** One document per distinct spelling of each actor (id words, name, aliases), in dataset order. */
function nameDocs(dataset: Dataset): NameDoc[] {
  const docs: NameDoc[] = [];
  for (const actor of dataset.actors) {
    for (const name of new Set([actor.id.replace(/-/g, ' '), actor.name, ...actor.aliases]))
      docs.push({ actorId: actor.id, name });
  }
  return docs;
}

/** The name index arrays (built once per dataset; the snapshot stores them). */
export function buildActorParts(dataset: Dataset): RankedIndexParts {
  const docs = nameDocs(dataset);
  return buildRankedIndex({
    docCount: docs.length,
    fields: [{ docs: docs.length }],
    tokens: (doc) => tokenize(docs[doc]?.name ?? ''),
  });
}

export function buildActorIndex(dataset: Dataset, prebuilt?: RankedIndexParts): ActorIndex {
  const docs = nameDocs(dataset);
  const parts = prebuilt ?? buildActorParts(dataset);
  if (parts.docCount !== docs.length)
    throw new Error(`actor index has ${parts.docCount} names, dataset ${docs.length}`);
  const exact = new Map<string, Set<string>>();
  for (const doc of docs) {
    const key = normalizeName(doc.name);
    const set = exact.get(key) ?? new Set<string>();
    set.add(doc.actorId);
    exact.set(key, set);
  }
  const index = new RankedIndex(parts);
  const fields = [{ field: 0, boost: 1 }];

  const rank = (query: string): ActorCandidate[] => {
    const words = tokenize(query).map((term) => ({ term, prefix: true, fuzzy: fuzzyBudget(term) }));
    const best = new Map<string, ActorCandidate>();
    for (const hit of index.query(words, { fields, combine: 'or', limit: docs.length }).hits) {
      const doc = docs[hit.doc];
      const actor = doc && dataset.actorById.get(doc.actorId);
      if (!doc || !actor) continue;
      const prev = best.get(actor.id);
      if (!prev || hit.score > prev.score) best.set(actor.id, { actor, score: hit.score, matched: doc.name });
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
    parts,
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
