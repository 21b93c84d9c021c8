import { lazy } from './lazy.ts';
import type { Dataset } from './model.ts';
import { placeOf } from './places.ts';
import { buildRankedIndex, RankedIndex, type RankedIndexParts } from './ranked-index.ts';
import type { Resolution } from './resolution.ts';
import { type NameLookup, type RolePhrase, readRole } from './roles.ts';
import type { Actor } from './schema.ts';
import { fuzzyBudget, normalizeName, tokenize, withoutArticle } from './text.ts';

export interface ActorCandidate {
  actor: Actor;
  score: number;
  /** The name or alias that matched best. */
  matched: string;
}

export interface NameDoc {
  actorId: string;
  name: string;
}

export interface ResolveOptions {
  /** The day an office is meant at ("US president" as of then); default: the latest holder known. */
  at?: string;
}

export interface ActorIndex {
  /**
   * The actor a name means: any spelling, with or without "the", a country's code or demonym
   * ("UK", "American"), or an office ("US president": whoever held it at the time). Candidates when
   * several fit, the closest when none does.
   */
  resolve(query: string, opts?: ResolveOptions): Resolution<Actor>;
  /** Ranked candidates for autocomplete: prefix and typo tolerant, best first. */
  suggest(query: string, limit?: number): ActorCandidate[];
  /** The name index arrays, for the dataset snapshot. */
  readonly parts: RankedIndexParts;
  /** Does now the work the first look-up by country or office would do (see RoleTables). */
  prepare(): void;
}

/** A dominant candidate wins outright; otherwise the user chooses among ranked candidates. */
const DOMINANCE = 1.6;
const SUGGESTIONS = 5;
/** Autocomplete answers remembered per actor index (see suggest). */
const SUGGEST_CACHE = 512;
/** Shorter words are abbreviations ("UK", "EU"): matched whole, never as the start of a longer name. */
const MIN_PREFIX = 3;

interface HeldRole {
  actor: Actor;
  office: string;
  of: string | undefined;
  asOf: string;
}

/** The countries state actors stand for and the offices people hold, read from names and roles. */
interface RoleTables {
  /** Country code → the state actors named after it ("United States", "US", "USA"). */
  actorsOfPlace: Map<string, Set<string>>;
  placeOfActor: Map<string, string>;
  /** Office → every role held in it, in dataset order: a look-up is one map read, not a scan. */
  heldByOffice: Map<string, HeldRole[]>;
}

function readRoleTables(dataset: Dataset, lookup: NameLookup): RoleTables {
  const actorsOfPlace = new Map<string, Set<string>>();
  const placeOfActor = new Map<string, string>();
  for (const actor of dataset.actors) {
    if (actor.kind !== 'state') continue;
    for (const name of [actor.name, ...actor.aliases]) {
      const place = placeOf(name);
      if (!place) continue;
      if (!placeOfActor.has(actor.id)) placeOfActor.set(actor.id, place.code);
      const set = actorsOfPlace.get(place.code) ?? new Set<string>();
      set.add(actor.id);
      actorsOfPlace.set(place.code, set);
    }
  }
  // Every role a person is given, read as an office and where it is held.
  const heldByOffice = new Map<string, HeldRole[]>();
  for (const actor of dataset.actors) {
    if (actor.kind !== 'person') continue;
    for (const role of actor.roles) {
      const reading = readRole(role.title, lookup, (id) => placeOfActor.get(id))[0];
      if (!reading) continue;
      const h: HeldRole = { actor, office: reading.office, of: reading.of, asOf: role.asOf };
      const list = heldByOffice.get(h.office);
      if (list) list.push(h);
      else heldByOffice.set(h.office, [h]);
    }
  }
  return { actorsOfPlace, placeOfActor, heldByOffice };
}

/** One document per distinct spelling of each actor (id words, name, aliases), in dataset order. */
export function nameDocs(dataset: Dataset): NameDoc[] {
  const docs: NameDoc[] = [];
  for (const actor of dataset.actors) {
    // Names in every content language: "Зеленський" finds Zelensky whatever the reader's locale.
    const translated = Object.values(actor.i18n ?? {}).flatMap((t) => [
      ...(t?.name ? [t.name.text] : []),
      ...(t?.aliases ?? []),
    ]);
    for (const name of new Set([actor.id.replace(/-/g, ' '), actor.name, ...actor.aliases, ...translated]))
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
    const key = withoutArticle(normalizeName(doc.name));
    if (!key) continue;
    const set = exact.get(key) ?? new Set<string>();
    set.add(doc.actorId);
    exact.set(key, set);
  }
  const exactIds = (folded: string) => exact.get(withoutArticle(folded));

  const lookup = (folded: string) => {
    const ids = exactIds(folded);
    const actor = ids?.size === 1 ? dataset.actorById.get([...ids][0] ?? '') : undefined;
    return actor && { id: actor.id, kind: actor.kind };
  };
  // The countries and offices actors stand for, worked out on first use (a look-up by country or
  // office) or by `prepare()`, not when the index is built: it folds every country's names (~12 ms
  // at a start, whatever the dataset's size), and a ready bot prepares it while it waits.
  const roleTables = lazy(() => readRoleTables(dataset, lookup));
  const readPhrase = (text: string) => readRole(text, lookup, (id) => roleTables().placeOfActor.get(id));

  const index = new RankedIndex(parts);
  const fields = [{ field: 0, boost: 1 }];

  // Each name document's actor, by position in dataset.actors (-1: none).
  const actorAt = new Map(dataset.actors.map((a, i) => [a.id, i]));
  const actorOfDoc = Int32Array.from(docs, (doc) => actorAt.get(doc.actorId) ?? -1);
  // Every actor's place in the order of names (localeCompare; names that compare equal share one),
  // worked out once on first use: ties between hundreds of candidates then sort by a number.
  let nameOrder: Int32Array | undefined;
  const nameRanks = (): Int32Array => {
    if (nameOrder) return nameOrder;
    const byName = dataset.actors.map((_, i) => i);
    const nameOf = (i: number) => dataset.actors[i]?.name ?? '';
    byName.sort((a, b) => nameOf(a).localeCompare(nameOf(b)));
    const order = new Int32Array(dataset.actors.length);
    let rank = 0;
    byName.forEach((actor, i) => {
      const previous = byName[i - 1];
      if (previous !== undefined && nameOf(previous).localeCompare(nameOf(actor)) !== 0) rank = i;
      order[actor] = rank;
    });
    nameOrder = order;
    return order;
  };
  // Per actor, this call's best name hit: stamped per call, never cleared. The best hit is the one
  // with the highest score, the first reached among equals (the order the index breaks ties by).
  const actorCount = dataset.actors.length;
  const taken = new Uint32Array(actorCount);
  const bestScore = new Float64Array(actorCount);
  const bestDoc = new Int32Array(actorCount);
  const bestReach = new Int32Array(actorCount);
  const reached = new Int32Array(actorCount);
  let call = 0;

  /**
   * Candidates by name, best first: score, then name (localeCompare), then the first reached; `prefix`
   * says which query words may match as the start of a longer one. With `want`: the best `want`
   * candidates of that ranking, picked without sorting the hundreds a short prefix matches at scale
   * ("Repu" ties a thousand "Republic of …").
   */
  const rank = (
    query: string,
    prefix: (term: string) => boolean = () => true,
    want = Number.POSITIVE_INFINITY,
  ): ActorCandidate[] => {
    // A leading article is no part of a name: "the EU" is the EU, not "The Wall Street Journal".
    const words = tokenize(withoutArticle(normalizeName(query))).map((term) => ({
      term,
      prefix: prefix(term),
      fuzzy: fuzzyBudget(term),
    }));
    if (words.length === 0 || want <= 0) return [];
    if (call === 0xffffffff) {
      taken.fill(0);
      call = 0;
    }
    const stamp = ++call;
    const names = nameRanks();
    let count = 0;
    let reach = 0;
    index.eachMatch(words, { fields }, (doc, score) => {
      const at = reach++;
      const actor = actorOfDoc[doc] ?? -1;
      if (actor < 0) return;
      if (taken[actor] !== stamp) {
        taken[actor] = stamp;
        reached[count++] = actor;
      } else if (score <= (bestScore[actor] as number)) return;
      bestScore[actor] = score;
      bestDoc[actor] = doc;
      bestReach[actor] = at;
    });
    /** True when actor a ranks above actor b. */
    const above = (a: number, b: number) => {
      const sa = bestScore[a] as number;
      const sb = bestScore[b] as number;
      if (sa !== sb) return sa > sb;
      const na = names[a] as number;
      const nb = names[b] as number;
      return na !== nb ? na < nb : (bestReach[a] as number) < (bestReach[b] as number);
    };
    const top: number[] = [];
    if (count <= want) {
      for (let i = 0; i < count; i++) top.push(reached[i] as number);
      top.sort((a, b) => (above(a, b) ? -1 : above(b, a) ? 1 : 0));
    } else {
      // The best `want`, kept in order: a newcomer goes in only above the last kept.
      for (let i = 0; i < count; i++) {
        const actor = reached[i] as number;
        if (top.length === want) {
          if (!above(actor, top[want - 1] as number)) continue;
          top.pop();
        }
        let at = top.length;
        while (at > 0 && above(actor, top[at - 1] as number)) at--;
        top.splice(at, 0, actor);
      }
    }
    const out: ActorCandidate[] = [];
    for (const a of top) {
      const actor = dataset.actors[a];
      const doc = docs[bestDoc[a] as number];
      if (actor && doc) out.push({ actor, score: bestScore[a] as number, matched: doc.name });
    }
    return out;
  };

  /**
   * Autocomplete answers by (limit, text typed), least recently used out first: people type the
   * same beginnings of the same names, each keystroke one interaction (at 100k events a prefix of a
   * few letters is ranked among hundreds of names: ~0.2 ms). The index is per dataset version, and
   * so is this.
   */
  const suggested = new Map<string, ActorCandidate[]>();
  const suggest = (query: string, limit = 25): ActorCandidate[] => {
    if (!normalizeName(query))
      return dataset.actors.slice(0, limit).map((actor) => ({ actor, score: 0, matched: actor.name }));
    const key = `${limit}|${query}`;
    const cached = suggested.get(key);
    if (cached) {
      suggested.delete(key); // to the end: the Map's order is the least-recently-used order
      suggested.set(key, cached);
      return cached.slice();
    }
    // An office typed in full ("US president") offers its holders first.
    const office = holder(query, undefined);
    const holders =
      office?.status === 'found' ? [office.value] : office?.status === 'ambiguous' ? office.candidates : [];
    const first = holders.map((actor) => ({ actor, score: Number.POSITIVE_INFINITY, matched: query }));
    const rest = rank(query, undefined, limit + holders.length).filter((c) => !holders.includes(c.actor));
    const out = [...first, ...rest].slice(0, limit);
    if (suggested.size >= SUGGEST_CACHE) suggested.delete(suggested.keys().next().value as string);
    suggested.set(key, out);
    return out.slice();
  };
  const actorsOf = (candidates: ActorCandidate[]) => candidates.map((c) => c.actor);
  const byIds = (ids: Iterable<string>) =>
    [...ids].flatMap((id) => {
      const a = dataset.actorById.get(id);
      return a ? [a] : [];
    });

  /** Whoever held the office a phrase names, at `at`; undefined when no reading names a held office. */
  const holder = (query: string, at: string | undefined): Resolution<Actor> | undefined => {
    for (const reading of readPhrase(query)) {
      const matches = (roleTables().heldByOffice.get(reading.office) ?? []).filter((h) =>
        sameOffice(h, reading),
      );
      if (matches.length === 0) continue;
      const places = new Set(matches.map((h) => h.of ?? ''));
      if (places.size > 1) return { status: 'ambiguous', candidates: distinct(latestFirst(matches)) };
      return heldAt(matches, at);
    }
    return undefined;
  };

  return {
    parts,
    prepare() {
      roleTables();
    },
    resolve(query, opts = {}) {
      const key = withoutArticle(normalizeName(query));
      if (!key) return notFound([]);
      const ids = exactIds(key);
      if (ids?.size === 1) {
        const [actor] = byIds(ids);
        if (actor) return { status: 'found', value: actor };
      }
      if (ids && ids.size > 1) {
        const ranked = actorsOf(rank(query)).filter((a) => ids.has(a.id));
        return {
          status: 'ambiguous',
          candidates: [...ranked, ...byIds(ids).filter((a) => !ranked.includes(a))],
        };
      }
      const place = placeOf(query);
      const states = place ? byIds(roleTables().actorsOfPlace.get(place.code) ?? []) : [];
      if (states.length === 1 && states[0]) return { status: 'found', value: states[0] };
      if (states.length > 1) return { status: 'ambiguous', candidates: states };
      const office = holder(query, opts.at);
      if (office) return office;
      const candidates = rank(query, (term) => term.length >= MIN_PREFIX);
      const [first, second] = candidates;
      // A country the dataset does not cover: say so rather than offer names that merely start alike.
      if (!first)
        return place ? notFound([], place.name) : notFound(actorsOf(suggest(query.slice(0, 3), SUGGESTIONS)));
      if (!second || first.score >= second.score * DOMINANCE) return { status: 'found', value: first.actor };
      return { status: 'ambiguous', candidates: actorsOf(candidates.slice(0, 10)) };
    },
    suggest,
  };
}

function notFound(suggestions: Actor[], understood?: string): Resolution<Actor> {
  return { status: 'not-found', suggestions, understood };
}

function sameOffice(h: HeldRole, reading: RolePhrase): boolean {
  return h.office === reading.office && (reading.of === undefined || h.of === reading.of);
}

function latestFirst(roles: readonly HeldRole[]): HeldRole[] {
  return [...roles].sort((a, b) => (a.asOf < b.asOf ? 1 : a.asOf > b.asOf ? -1 : 0));
}

function distinct(roles: readonly HeldRole[]): Actor[] {
  return [...new Set(roles.map((r) => r.actor))];
}

/**
 * One office's holder at `at`: the person last recorded in it on or before that day (before every
 * record, the first recorded); the latest recorded when no day is given. A tie between two people
 * on the same day is theirs to choose between.
 */
function heldAt(roles: readonly HeldRole[], at: string | undefined): Resolution<Actor> {
  const known = at === undefined ? roles : roles.filter((r) => r.asOf <= at);
  const pool = known.length > 0 ? latestFirst(known) : latestFirst(roles).reverse();
  const day = pool[0]?.asOf;
  const people = distinct(pool.filter((r) => r.asOf === day));
  const [only] = people;
  if (people.length === 1 && only) return { status: 'found', value: only };
  return { status: 'ambiguous', candidates: people };
}
