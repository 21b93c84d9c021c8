import type { Actor, ActorKind } from '../domain/schema.ts';
import { editDistance, normalizeName } from '../domain/text.ts';
import {
  EVENT_NAME_WORDS,
  HONORIFICS,
  isDemonym,
  MONTHS,
  ORG_WORDS,
  PLACE_PREPOSITIONS,
  PREPOSITIONS,
  SAY_VERBS,
  SENTENCE_WORDS,
  TITLE_WORDS,
  WEEKDAYS,
} from './lexicon.ts';
import { isPluralNoun } from './nlp.ts';
import { countryName, countryOf, isOfficeWord, isRegion, parseRole, seatOf } from './roles.ts';
import type { Token } from './text.ts';

/**
 * Names in the text: the dataset's actors by name and alias (spelling variants within a small edit
 * distance included), and capitalised names the dataset does not know, classified as a person,
 * organisation, place or event name.
 */

type CaseRule = 'any' | 'cap' | 'upper';

interface LexEntry {
  actorId: string;
  words: string[];
  caseRule: CaseRule;
  alias: string;
}

export interface ActorLexicon {
  readonly actors: ReadonlyMap<string, Actor>;
  readonly byFirstWord: ReadonlyMap<string, readonly LexEntry[]>;
  readonly entries: readonly LexEntry[];
}

function caseRuleOf(alias: string): CaseRule {
  const letters = alias.replace(/[^\p{L}]/gu, '');
  if (letters.length > 0 && letters.length <= 5 && letters === letters.toUpperCase()) return 'upper';
  return /^\p{Lu}/u.test(alias) ? 'cap' : 'any';
}

export function buildActorLexicon(actors: readonly Actor[]): ActorLexicon {
  const entries: LexEntry[] = [];
  for (const actor of actors) {
    for (const alias of new Set([actor.name, ...actor.aliases])) {
      const words = normalizeName(alias).split(' ').filter(Boolean);
      if (words.length === 0) continue;
      entries.push({ actorId: actor.id, words, caseRule: caseRuleOf(alias), alias });
    }
  }
  const byFirstWord = new Map<string, LexEntry[]>();
  for (const e of entries) {
    const first = e.words[0] ?? '';
    const list = byFirstWord.get(first) ?? [];
    list.push(e);
    byFirstWord.set(first, list);
  }
  for (const list of byFirstWord.values()) list.sort((a, b) => b.words.length - a.words.length);
  return { actors: new Map(actors.map((a) => [a.id, a])), byFirstWord, entries };
}

/** "thing": a named document, vehicle or slogan ("Budapest Memorandum", "Air Force One"): never an actor. */
export type MentionKind = ActorKind | 'place' | 'event' | 'thing' | 'unknown';

export interface Mention {
  /** Token range [ti, tj) within the sentence. */
  ti: number;
  tj: number;
  start: number;
  end: number;
  text: string;
  /** A dataset actor. */
  actor?: string;
  /** The key of a name the dataset does not know (normalized). */
  unknown?: string;
  kind: MentionKind;
  match: 'exact' | 'fuzzy' | 'new';
  /** Edit distance of a fuzzy match, and the alias it matched. */
  distance?: number;
  alias?: string;
  possessive: boolean;
  inQuote: boolean;
  /** The mention (with its title) follows a preposition: "with President Donald Trump". */
  afterPrep: boolean;
  /** Follows "in"/"at"/"from": a place if unknown. */
  afterPlacePrep: boolean;
  /** First token of the title before the name ("Vice President J.D. Vance"). */
  titleStart: number;
}

export interface UnknownName {
  key: string;
  name: string;
  kind: MentionKind;
  count: number;
  paragraphs: number[];
  /** Why it got its kind. */
  basis: string;
  /** Other forms the text prints it in ("Lula", "Yuri V. Ushakov"): proposed as aliases. */
  variants: string[];
}

/** Names seen across the document: unknown names, persons' surnames, words capitalised mid-sentence. */
export class NameRegistry {
  readonly unknown = new Map<string, UnknownName>();
  /** Words of persons' full names (surname or given name) → the person, or null when two share it. */
  private readonly surnames = new Map<string, string | null>();

  /** Full names of the whole text (several words, not an organisation or a place), found before the names are read. */
  private fullNames: { key: string; name: string; words: string[] }[] = [];
  /** Names the first reading already showed to be people's (a title, a say-verb, an honorific). */
  private knownPeople = new Set<string>();

  /** The first reading showed this name, or a lone word of it, to be a person's ("Mr. Witkoff"). */
  isKnownPerson(words: readonly string[]): boolean {
    if (this.knownPeople.has(words.join(' '))) return true;
    const last = words.at(-1);
    return words.length > 1 && last !== undefined && this.knownPeople.has(last);
  }

  constructor(readonly midSentenceCaps: ReadonlySet<string>) {}

  /** Names read in a first pass over the text: later, part of one of them ("Lula da Silva", "Sheikh Mohammed") is that person. */
  setFullNames(names: readonly UnknownName[]): void {
    this.knownPeople = new Set(names.filter((u) => u.kind === 'person').map((u) => u.key));
    this.fullNames = names
      .filter((u) => u.kind === 'person' || u.kind === 'unknown')
      .map((u) => ({ key: u.key, name: u.name, words: u.key.split(' ').map(particleForm) }))
      .filter((u) => u.words.filter((w) => !CONNECTORS.has(w)).length >= 2);
  }

  /** The one full name these words are part of (contiguous, fewer words), if exactly one. */
  fullNameFor(words: readonly string[]): { key: string; name: string } | undefined {
    const want = words.map(particleForm);
    if (want.every((w) => CONNECTORS.has(w) || w.length < 2)) return undefined;
    const hits = this.fullNames.filter(
      (f) =>
        f.words.length > want.length && f.words.some((_, i) => want.every((w, k) => f.words[i + k] === w)),
    );
    const keys = new Set(hits.map((h) => h.key));
    return keys.size === 1 ? hits[0] : undefined;
  }

  note(
    givenKey: string,
    givenName: string,
    kind: MentionKind,
    paragraph: number,
    basis: string,
    printed = givenName,
  ): UnknownName {
    // A country is one actor whatever the text calls it: "Britain" and "the United Kingdom".
    const country = kind === 'state' ? countryOf(givenName) : undefined;
    const key = country ?? givenKey;
    const name = country ? countryName(country) : givenName;
    const prev = this.unknown.get(key) ?? this.spelledOut(printed);
    if (prev) {
      prev.count++;
      if (printed !== prev.name && !prev.variants.includes(printed)) prev.variants.push(printed);
      if (!prev.paragraphs.includes(paragraph)) prev.paragraphs.push(paragraph);
      // A place stays a place; an unknown single word becomes whatever it is later shown to be.
      if (prev.kind === 'unknown' && kind !== 'unknown') {
        prev.kind = kind;
        prev.basis = basis;
      }
      return prev;
    }
    const entry: UnknownName = {
      key,
      name,
      kind,
      count: 1,
      paragraphs: [paragraph],
      basis,
      variants: printed !== name ? [printed] : [],
    };
    this.unknown.set(key, entry);
    if (kind === 'person' || kind === 'unknown') this.indexWords(key);
    return entry;
  }

  /**
   * The institution an acronym stands for, spelled out earlier in the text: "the DFA" after "the
   * Department of Foreign Affairs (DFA)", "Aosis" after "the Alliance of Small Island States".
   */
  spelledOut(printed: string): UnknownName | undefined {
    const word = printed.replace(/\./g, '');
    const upper = /^\p{Lu}{2,8}$/u.test(word);
    const capitalised = /^\p{Lu}\p{Ll}{3,7}$/u.test(word);
    if (!upper && !capitalised) return undefined;
    const letters = word.toLowerCase();
    const hits = [...this.unknown.values()].filter(
      (u) =>
        (u.kind === 'organization' || u.kind === 'unknown') &&
        u.key.includes(' ') &&
        spellsAcronym(letters, u.key.split(' ')),
    );
    if (hits.length > 0) return hits.length === 1 ? hits[0] : undefined;
    // Spelled out where the reading of names does not see an organisation ("the Department of
    // Foreign Affairs", whose words are also words of titles): one phrase of the text that spells it.
    const phrases = new Set(
      this.capitalisedPhrases.filter((p) => spellsAcronym(letters, normalizeName(p).split(' '))),
    );
    if (phrases.size !== 1) return undefined;
    const [phrase = ''] = phrases;
    return this.note(normalizeName(phrase), phrase, 'organization', 0, `spelled out for "${printed}"`);
  }

  /** Capitalised phrases of the whole text ("Department of Foreign Affairs"), where acronyms are spelled out. */
  private capitalisedPhrases: string[] = [];
  setText(text: string): void {
    this.capitalisedPhrases = [
      ...text.matchAll(/[\p{Lu}][\p{L}-]+(?:\s+(?:(?:of|the|and|for|on|in|de)\s+)*[\p{Lu}][\p{L}-]+)+/gu),
    ].flatMap((m) => {
      // "Department of Foreign Affairs on Tuesday": every start of the phrase that ends in a name word.
      const words = m[0].replace(/^The\s+/u, '').split(/\s+/u);
      return words.flatMap((w, k) => (/^\p{Lu}/u.test(w) && k > 0 ? [words.slice(0, k + 1).join(' ')] : []));
    });
  }

  /** Records a name as a person's once it is shown to be one (a title before it, a say-verb after it). */
  markPerson(key: string, basis: string): void {
    const entry = this.unknown.get(key);
    if (!entry || entry.kind === 'person') return;
    entry.kind = 'person';
    entry.basis = basis;
    this.indexWords(key);
  }

  private indexWords(key: string): void {
    const words = key.split(' ');
    if (words.length < 2) return;
    for (const w of words) {
      if (w.length < 2 || CONNECTORS.has(w)) continue;
      const prev = this.surnames.get(w);
      this.surnames.set(w, prev === undefined || prev === key ? key : null);
    }
  }

  /** A word of the names of two different people ("Lee" of Lee Jae-myung and Lee Jun-seok). */
  isSharedWord(word: string): boolean {
    return this.surnames.get(word) === null;
  }

  /** The person a lone word of their name refers to: "Kowalska" or "Anwar" after "Anwar Ibrahim". */
  personBySurname(word: string): UnknownName | undefined {
    const key = this.surnames.get(word);
    const entry = key ? this.unknown.get(key) : undefined;
    return entry && (entry.kind === 'person' || entry.kind === 'unknown') ? entry : undefined;
  }
}

const NOT_NAME_POS = new Set(['ADP', 'DET', 'CCONJ', 'SCONJ', 'AUX', 'PART', 'NUM', 'PUNCT']);

/** Words that make a capitalised name a place or a building rather than an actor. */
const PLACE_WORDS = new Set(
  'palace house street square base airport basilica cathedral castle hotel avenue road island islands sea ocean river mountains valley region province county district office'.split(
    ' ',
  ),
);

/**
 * Lower-case particles inside personal names: "Ursula von der Leyen", "Corrêa do Lago", "Lula da
 * Silva", "Tamim bin Hamad Al Thani". Up to two in a row, always followed by a capitalised word.
 */
export const PARTICLES = new Set([
  'de',
  'der',
  'den',
  'van',
  'von',
  'zu',
  'ter',
  'ten',
  'bin',
  'bint',
  'ibn',
  'ben',
  'abu',
  'al',
  'el',
  'la',
  'le',
  'da',
  'das',
  'do',
  'dos',
  'di',
  'del',
  'della',
  'du',
]);
/** "el-Sisi" and "al-Sisi" are the same name. */
const particleForm = (w: string): string => (w === 'el' ? 'al' : w);
/** Words of a name that do not identify a person on their own. */
const CONNECTORS = new Set([...PARTICLES, 'of']);
/** "al-Sisi", "el-Sisi", "bin-Salman": a lower-case Arabic article or patronymic glued to a name. */
const GLUED_PARTICLE = /^(?:al|el|as|ash|ad|at|az|ar|an|bin|ibn|abu|ben)[-‐][\p{Lu}]/u;
/** A single capital letter written as an initial: the "V." of "Yuri V. Ushakov". */
const isInitial = (t: Token | undefined, text: string): boolean =>
  t !== undefined && /^\p{Lu}$/u.test(t.raw) && text[t.end] === '.';
const DATE_WORDS = new Set<string>([...WEEKDAYS, ...MONTHS]);

/** Words an acronym may skip or keep: the "of" of "Aosis" but not of "DFA". */
const ACRONYM_FILLERS = new Set([
  'of',
  'the',
  'and',
  'for',
  'on',
  'in',
  'de',
  'des',
  'du',
  'la',
  'le',
  'et',
  'y',
]);

/** Whether the initials of the words (each content word once, fillers optional) spell the letters. */
export function spellsAcronym(letters: string, words: readonly string[]): boolean {
  if (words.filter((w) => !ACRONYM_FILLERS.has(w)).length < 2) return false;
  const from = (a: number, w: number): boolean => {
    if (a === letters.length) return words.slice(w).every((x) => ACRONYM_FILLERS.has(x));
    const word = words[w];
    if (word === undefined) return false;
    if (ACRONYM_FILLERS.has(word) && from(a, w + 1)) return true;
    return word.startsWith(letters[a] ?? '') && from(a + 1, w + 1);
  };
  return from(0, 0);
}

function caseOk(entry: LexEntry, tokens: readonly Token[]): boolean {
  const first = tokens[0];
  if (!first) return false;
  // "NATO" is also printed "Nato": an acronym of four letters or more may be capitalised only.
  if (entry.caseRule === 'upper')
    return tokens.every((t) => t.upper || /^\p{N}+$/u.test(t.raw) || (t.cap && t.names.join('').length >= 4));
  if (entry.caseRule === 'cap') return first.cap;
  return true;
}

/** Words of tokens [from, to), flattened. */
function wordsOf(tokens: readonly Token[], from: number, to: number): string[] {
  return tokens.slice(from, to).flatMap((t) => t.names);
}

/** Longest dataset alias starting at token i, as [end token, entry]. */
function exactAt(lex: ActorLexicon, tokens: readonly Token[], i: number): [number, LexEntry] | undefined {
  const first = tokens[i]?.names[0];
  if (first === undefined) return undefined;
  for (const entry of lex.byFirstWord.get(first) ?? []) {
    // Consume whole tokens until the entry's words are covered.
    let j = i;
    let covered = 0;
    while (j < tokens.length && covered < entry.words.length) {
      covered += tokens[j]?.names.length ?? 0;
      j++;
    }
    if (covered !== entry.words.length) continue;
    const got = wordsOf(tokens, i, j);
    if (got.join(' ') !== entry.words.join(' ')) continue;
    if (tokens.slice(i, j - 1).some((t) => t.possessive)) continue;
    if (!caseOk(entry, tokens.slice(i, j))) continue;
    return [j, entry];
  }
  return undefined;
}

function fuzzyWord(text: string, known: string): number | undefined {
  if (text === known) return 0;
  if (text.length < 5 || known.length < 4) return undefined;
  if (text[0] !== known[0]) return undefined;
  if (text.startsWith(known) || known.startsWith(text)) return undefined;
  const budget = text.length >= 8 ? 2 : 1;
  const d = editDistance(text, known, budget + 1);
  return d <= budget ? d : undefined;
}

interface FuzzyHit {
  entry: LexEntry;
  distance: number;
}

/** Best alias of the same length within the edit budget; undefined when none or ambiguous. */
function fuzzyMatch(lex: ActorLexicon, words: readonly string[]): FuzzyHit | undefined {
  const hits: FuzzyHit[] = [];
  for (const entry of lex.entries) {
    if (entry.caseRule === 'upper') continue;
    const actor = lex.actors.get(entry.actorId);
    const candidates: string[][] = [entry.words];
    // A lone surname may refer to a person known by their full name.
    if (words.length === 1 && actor?.kind === 'person' && entry.words.length > 1)
      candidates.push(entry.words.slice(-1));
    for (const target of candidates) {
      if (target.length !== words.length) continue;
      let total = 0;
      let ok = true;
      for (let k = 0; k < words.length; k++) {
        const d = fuzzyWord(words[k] ?? '', target[k] ?? '');
        if (d === undefined) {
          ok = false;
          break;
        }
        total += d;
      }
      if (ok && total > 0 && total <= 2) hits.push({ entry, distance: total });
    }
  }
  hits.sort((a, b) => a.distance - b.distance);
  const [best, second] = hits;
  if (!best) return undefined;
  if (second && second.distance === best.distance && second.entry.actorId !== best.entry.actorId)
    return undefined;
  return best;
}

function titleStartOf(tokens: readonly Token[], i: number, consumed: ReadonlySet<number>): number {
  let k = i;
  while (k > 0) {
    const t = tokens[k - 1];
    if (!t || t.possessive) break;
    const isTitle = t.cap && (TITLE_WORDS.has(t.lower) || isDemonym(t.lower));
    const isAcronymAdjective = t.upper && consumed.has(k - 1) && t.raw.replace(/\./g, '').length <= 3;
    if (!isTitle && !isAcronymAdjective) break;
    k--;
  }
  return k;
}

function precededBy(tokens: readonly Token[], at: number, set: ReadonlySet<string>): boolean {
  let k = at - 1;
  if (tokens[k]?.lower === 'the') k--;
  const t = tokens[k];
  return t !== undefined && set.has(t.lower);
}

/** Given names of a person actor: first words of their name and multi-word aliases. */
function givenNames(actor: Actor | undefined): string[] {
  if (actor?.kind !== 'person') return [];
  return [actor.name, ...actor.aliases]
    .map((n) => normalizeName(n).split(' '))
    .filter((w) => w.length > 1)
    .map((w) => w[0] ?? '');
}

/** A person's title or honorific right before a name: "Sen.", "Mr", "aide", "Foreign Minister". */
function personTitleBefore(tokens: readonly Token[], at: number): string | undefined {
  const t = tokens[at - 1];
  if (!t || t.possessive) return undefined;
  if (HONORIFICS.has(t.lower) || isOfficeWord(t.lower)) return t.raw;
  if (t.cap && TITLE_WORDS.has(t.lower) && !NOT_PERSON_TITLES.has(t.lower)) return t.raw;
  return undefined;
}

/** Title words that also head the names of ministries and committees. */
const NOT_PERSON_TITLES = new Set([
  'presidential',
  'crown',
  'state',
  'affairs',
  'foreign',
  'defense',
  'defence',
  'interior',
  'finance',
  'treasury',
  'first',
  'former',
  'acting',
  'official',
  'officials',
]);

/** Seats of government named in two or three words, which speak as institutions. */
const SEAT_NAMES =
  /^(?:white house|downing street|number 10|no 10|elysee palace|state department|foreign office|quai d orsay|blue house)$/u;

/** Organisations of states known by an acronym or a short name ("G20", "BRICS", "ASEAN"). */
const GROUPINGS =
  /^(?:g ?7|g ?8|g ?20|brics|asean|african union|sco|opec|gcc|arab league|mercosur|ecowas|csto)$/u;

/** Words that make a capitalised name a document, a plan or a slogan: never an actor. */
const THING_WORDS = new Set(
  'memorandum treaty accord accords agreement charter protocol plan act deal framework initiative doctrine format roadmap communique declaration'.split(
    ' ',
  ),
);

/** Endings of compound adjectives: "Hamas-led", "Russian-backed", "Kremlin-linked". */
const MODIFIER_SUFFIX =
  /[-‐](?:led|backed|based|owned|born|style|era|linked|allied|aligned|controlled|held|run|made|funded|brokered|sponsored|occupied|friendly|bound|wide|level|only|type)$/u;

/** The combining forms of "Sino-US", "Indo-Pacific", "Anglo-French": the first half of an adjective. */
const COMBINING_FORM =
  /^(?:sino|indo|anglo|franco|russo|afro|euro|greco|austro|italo|swiss|judeo|turco|irano|arabo)$/iu;

/** "ASEAN-China", "Japan-ROK", "US-Russia", "Sino-US": two names joined into an adjective. */
function isCompoundModifier(raw: string): boolean {
  if (MODIFIER_SUFFIX.test(raw)) return true;
  const parts = raw.split(/[-‐]/u);
  if (parts.length < 2) return false;
  if (COMBINING_FORM.test(parts[0] ?? '')) return true;
  return parts.some((p) => (/^\p{Lu}{2,}$/u.test(p) && p.length <= 6) || countryOf(p) !== undefined);
}

function unknownKind(
  words: readonly string[],
  name: string,
  tokens: readonly Token[],
  from: number,
  to: number,
  text: string,
  registry: NameRegistry,
  sayVerbNext: boolean,
): [MentionKind, string] {
  const last = words.at(-1) ?? '';
  if (countryOf(name)) return ['state', 'the name of a country'];
  if (GROUPINGS.test(normalizeName(name))) return ['organization', 'an organisation of states'];
  if (isRegion(name)) return ['place', 'the name of a region or continent'];
  if (words.some((w) => THING_WORDS.has(w))) return ['thing', 'the name of a document or a plan'];
  // "Air Force One": a name followed by a number names a vehicle or a product.
  const after1 = tokens[to];
  if (after1?.cap && (after1.pos === 'NUM' || /^(?:one|two|three)$/.test(after1.lower)))
    return ['thing', `followed by "${after1.raw}"`];
  if (EVENT_NAME_WORDS.has(last)) return ['event', `ends in "${last}"`];
  // "Sino-US", "China-US" relations: a compound adjective, not a name (nor a plural of one).
  if (to - from === 1 && isCompoundModifier(tokens[from]?.raw ?? ''))
    return ['unknown', 'a compound modifier'];
  const plural = !tokens[to - 1]?.possessive && isPluralNoun(tokens[to - 1]?.lower ?? '');
  if (words.some((w) => ORG_WORDS.has(w)) || (plural && words.length > 1))
    return words.length > 1
      ? ['organization', 'contains an organisation word']
      : ['unknown', 'a bare organisation word'];
  // "Democrats said", "Diplomats said": a plural is a group, nobody's name.
  if (plural) return ['unknown', 'a plural noun'];
  // "a Crimean Tatar", "an Indigenous leader": a description, not a name.
  if (/^(?:a|an)$/.test(tokens[from - 1]?.lower ?? '')) return ['unknown', 'follows "a"/"an"'];
  // "ASEAN-China", "Japan-ROK", "Hamas-led": a compound adjective, not a name.
  if (words.length === 1 && isCompoundModifier(tokens[from]?.raw ?? ''))
    return ['unknown', 'a compound modifier'];
  if (registry.isKnownPerson(words)) return ['person', 'named as a person elsewhere in the text'];
  if (precededBy(tokens, from, PLACE_PREPOSITIONS)) return ['place', 'follows "in"/"at"/"from"'];
  if (words.some((w) => PLACE_WORDS.has(w))) return ['place', 'contains a place word'];
  const title = personTitleBefore(tokens, from);
  if (title) return ['person', `follows the title "${title}"`];
  const after = text.slice(tokens[to - 1]?.end ?? 0);
  if (/^,\s+who\b/.test(after)) return ['person', 'followed by ", who"'];
  if (/^,\s+(?:the|a|an)\s+(?:[\p{L}’'-]+\s+){0,5}?(?:[\p{L}-]+)/u.test(after)) {
    const phrase = /^,\s+((?:the|a|an)\s+[^,.;]{2,80})/u.exec(after)?.[1] ?? '';
    if (parseRole(phrase)) return ['person', `followed by the role "${phrase}"`];
  }
  const bySurname = words.length === 1 ? registry.personBySurname(words[0] ?? '') : undefined;
  if (bySurname) return ['person', `part of the name of ${bySurname.name}`];
  // A lone word that speaks ("Hamas said", "Lee said") may be an organisation or a surname two
  // people share: only a full name is a person on this evidence alone.
  if (sayVerbNext && words.length > 1) return ['person', 'subject of a say-verb'];
  return ['unknown', 'a capitalised name with nothing to say who or what it is'];
}

/**
 * Mentions in one sentence's tokens. Exact aliases first (longest wins), then capitalised runs:
 * misspelt known names (edit distance), given names before a known surname, and unknown names.
 */
export function findMentions(
  tokens: readonly Token[],
  lex: ActorLexicon,
  registry: NameRegistry,
  paragraph: number,
  text: string,
  /** A headline in title case: capitals there say nothing, so only names known otherwise are read. */
  titleCase = false,
): Mention[] {
  const mentions: Mention[] = [];
  const consumed = new Set<number>();
  const make = (
    ti: number,
    tj: number,
    fields: Partial<Mention> & Pick<Mention, 'kind' | 'match'>,
  ): Mention => {
    const first = tokens[ti];
    const last = tokens[tj - 1];
    const titleStart = titleStartOf(tokens, ti, consumed);
    return {
      ti,
      tj,
      start: first?.start ?? 0,
      end: last?.end ?? 0,
      text: tokens
        .slice(ti, tj)
        .map((t) => t.raw)
        .join(' '),
      possessive: last?.possessive ?? false,
      inQuote: first?.inQuote ?? false,
      afterPrep: precededBy(tokens, titleStart, PREPOSITIONS),
      afterPlacePrep: precededBy(tokens, titleStart, PLACE_PREPOSITIONS),
      titleStart,
      ...fields,
    };
  };

  for (let i = 0; i < tokens.length; ) {
    const hit = exactAt(lex, tokens, i);
    if (!hit) {
      i++;
      continue;
    }
    const [j, entry] = hit;
    // "the Alliance of Small Island States" is not "the alliance": a longer name goes on after "of".
    if (tokens[j]?.lower === 'of' && tokens[j + 1]?.cap && ORG_WORDS.has(entry.words.at(-1) ?? '')) {
      i++;
      continue;
    }
    const kind = lex.actors.get(entry.actorId)?.kind ?? 'unknown';
    for (let k = i; k < j; k++) consumed.add(k);
    mentions.push(make(i, j, { actor: entry.actorId, kind, match: 'exact', alias: entry.alias }));
    i = j;
  }

  // Seats of government that speak as institutions: "Downing Street said" (whatever the tagger
  // makes of a sentence-initial "Downing"), "the White House", "the Élysée Palace".
  for (let i = 0; i < tokens.length; i++) {
    if (consumed.has(i) || !tokens[i]?.cap) continue;
    for (const size of [3, 2]) {
      const span = tokens.slice(i, i + size);
      if (span.length < size || span.some((t, k) => !t.cap || consumed.has(i + k))) continue;
      const name = span.map((t) => t.raw.replace(/['’]s$/u, '')).join(' ');
      const seat = SEAT_NAMES.test(normalizeName(name)) ? seatOf(name) : undefined;
      if (!seat) continue;
      const noted = registry.note(
        normalizeName(seat.canonical),
        seat.canonical,
        'organization',
        paragraph,
        'a seat of government',
        name,
      );
      mentions.push(make(i, i + size, { unknown: noted.key, kind: 'organization', match: 'new' }));
      for (let k = i; k < i + size; k++) consumed.add(k);
      i += size - 1;
      break;
    }
  }

  // Countries of more than one word before the runs: "Saudi Arabia" is not "Saudi" + "Arabia", and
  // "the Republic of Korea" is not "Republic" + "Korea".
  const joins = (t: Token, k: number, size: number) =>
    k > 0 && k < size - 1 && /^(?:of|the|and)$/u.test(t.raw);
  for (let i = 0; i < tokens.length; i++) {
    if (consumed.has(i) || !tokens[i]?.cap) continue;
    for (const size of [6, 5, 4, 3, 2]) {
      const span = tokens.slice(i, i + size);
      if (span.length < size || span.some((t, k) => !(t.cap || joins(t, k, size)) || consumed.has(i + k)))
        continue;
      if (span.slice(1).some((t, k) => !/^[ \u00a0]+$/u.test(text.slice(span[k]?.end ?? 0, t.start))))
        continue;
      const name = span.map((t, k) => (k === size - 1 ? t.raw.replace(/['’]s$/u, '') : t.raw)).join(' ');
      const country = countryOf(name);
      if (!country) continue;
      const noted = registry.note(normalizeName(name), name, 'state', paragraph, 'the name of a country');
      mentions.push(make(i, i + size, { unknown: noted.key, kind: 'state', match: 'new' }));
      for (let k = i; k < i + size; k++) consumed.add(k);
      i += size - 1;
      break;
    }
  }

  // Runs of capitalised tokens the aliases did not cover.
  // wink-nlp's tags keep sentence-initial words that are not names ("But", "Castigating") out of names.
  const isTitleToken = (t: Token): boolean =>
    TITLE_WORDS.has(t.lower) ||
    (t.lower.includes('-') && t.lower.split('-').every((w) => TITLE_WORDS.has(w) || w === 'elect'));
  // "He Lifeng, China's vice premier": a pronoun is never followed by a name, so "He" before one is a surname.
  const heName = (k: number): boolean => {
    const t = tokens[k];
    const next = tokens[k + 1];
    return (
      !titleCase &&
      t?.raw === 'He' &&
      next?.cap === true &&
      next.pos === 'PROPN' &&
      /^[ \u00a0]+$/u.test(text.slice(t.end, next.start)) &&
      !SENTENCE_WORDS.has(next.lower) &&
      !TITLE_WORDS.has(next.lower) &&
      !DATE_WORDS.has(next.lower) &&
      !isDemonym(next.lower) &&
      !SAY_VERBS.has(next.lower)
    );
  };
  const forced = new Set<Token>();
  for (let k = 0; k < tokens.length; k++) if (!consumed.has(k) && heName(k)) forced.add(tokens[k] as Token);
  const isNameToken = (t: Token): boolean =>
    forced.has(t) ||
    ((t.cap || GLUED_PARTICLE.test(t.raw)) &&
      !isTitleToken(t) &&
      !isOfficeWord(t.lower) &&
      !DATE_WORDS.has(t.lower) &&
      !isDemonym(t.lower) &&
      /\p{L}/u.test(t.raw) &&
      !MODIFIER_SUFFIX.test(t.raw) &&
      (t.initial ? t.pos === undefined || t.pos === 'PROPN' : !NOT_NAME_POS.has(t.pos ?? 'PROPN')));
  /** Only spaces between two words (or the period of an initial): a comma or a dash ends a name. */
  const adjacent = (a: Token | undefined, b: Token | undefined): boolean =>
    a !== undefined &&
    b !== undefined &&
    (/^[ \u00a0]+$/u.test(text.slice(a.end, b.start)) ||
      (isInitial(a, text) && /^\.[ \u00a0]*$/u.test(text.slice(a.end, b.start))));
  /** "Nordic Institute of International Affairs": "of" joins an organisation's name, never a person's. */
  const orgHead = (from: number, to: number): boolean =>
    tokens.slice(from, to).some((t) => ORG_WORDS.has(t.lower) || EVENT_NAME_WORDS.has(t.lower));
  /** "European Commission", "Russian Direct Investment Fund": a nationality heading an organisation's name. */
  const orgAhead = (from: number): boolean => {
    for (let k = from; k < Math.min(tokens.length, from + 4); k++) {
      const x = tokens[k];
      if (!x?.cap || consumed.has(k) || (k > from && !adjacent(tokens[k - 1], x))) return false;
      if (ORG_WORDS.has(x.lower)) return true;
    }
    return false;
  };
  const demonymOfOrg = (i: number): boolean => {
    const t = tokens[i];
    if (!t?.cap || !isDemonym(t.lower)) return false;
    for (let k = i + 1; k < Math.min(tokens.length, i + 5); k++) {
      const x = tokens[k];
      if (!x?.cap || consumed.has(k) || !adjacent(tokens[k - 1], x)) return false;
      if (ORG_WORDS.has(x.lower)) return true;
    }
    return false;
  };
  for (let i = 0; i < tokens.length; i++) {
    let t = tokens[i];
    if (!t || consumed.has(i) || !(isNameToken(t) || demonymOfOrg(i))) continue;
    let j = i + 1;
    let sawOf = false;
    while (j < tokens.length && !consumed.has(j) && !tokens[j - 1]?.possessive) {
      const next = tokens[j];
      const inOrg = next?.cap === true && !DATE_WORDS.has(next.lower) && (orgAhead(j) || sawOf);
      if (next && (isNameToken(next) || inOrg) && adjacent(tokens[j - 1], next)) {
        j++;
        continue;
      }
      // One or two particles, then a capitalised word: "von der Leyen", "bin Hamad".
      let k = j;
      while (k < j + 2 && PARTICLES.has(tokens[k]?.lower ?? '') && !tokens[k]?.cap) k++;
      const ofJoin =
        k === j && tokens[j]?.lower === 'of' && orgHead(i, j) && !tokens[j + 1]?.lower.startsWith('the');
      // "National Security and Defense Council": "and" inside an organisation's name.
      const andJoin = k === j && tokens[j]?.lower === 'and' && orgAhead(j + 1) && !orgHead(i, j);
      if (ofJoin || andJoin) k = j + 1;
      if (ofJoin) sawOf = true;
      const after = tokens[k];
      if (
        k > j &&
        after &&
        !consumed.has(k) &&
        (isNameToken(after) || (after.cap && orgAhead(k))) &&
        tokens.slice(j - 1, k + 1).every((x, n, all) => n === 0 || adjacent(all[n - 1], x))
      ) {
        j = k + 1;
        continue;
      }
      break;
    }
    // "Foreign Relations Committee", "Russian Foreign Ministry": an organisation's name takes the
    // capitalised title words and nationality before it.
    if (orgHead(i, j) && j - i >= 1 && !t.initial)
      while (
        i > 0 &&
        !consumed.has(i - 1) &&
        tokens[i - 1]?.cap &&
        (isTitleToken(tokens[i - 1] as Token) || isDemonym(tokens[i - 1]?.lower ?? '')) &&
        adjacent(tokens[i - 1], tokens[i])
      )
        i--;
    // "… with Foreign Countries Kirill Dmitriev": a plural noun ends a title, it does not start a name.
    while (j - i > 1 && !tokens[i]?.possessive && isPluralNoun(tokens[i]?.lower ?? '') && !orgHead(i, j)) i++;
    t = tokens[i] as Token;
    const all = tokens.slice(i, j);
    // "Yuri V. Ushakov" is Yuri Ushakov: a middle initial is left out of the name.
    const beforeKnown = mentions.some((m) => m.ti === j && m.actor);
    const run = all.filter(
      (x, n) => n === 0 || (n === all.length - 1 && !beforeKnown) || !isInitial(x, text),
    );
    const words = run.flatMap((x) => x.names);
    const sayVerbNext = SAY_VERBS.has(tokens[j]?.lower ?? '') && adjacent(tokens[j - 1], tokens[j]);
    const nextMention = mentions.find(
      (m) => m.ti === j && m.actor && m.kind === 'person' && adjacent(tokens[j - 1], tokens[j]),
    );
    if (nextMention) {
      // "Emanuel Macron": a given name before a known surname.
      const given = givenNames(lex.actors.get(nextMention.actor ?? ''));
      const lastWord = words.at(-1) ?? '';
      const d = Math.min(...given.map((g) => fuzzyWord(lastWord, g) ?? Number.POSITIVE_INFINITY));
      if (run.length === 1 && Number.isFinite(d)) {
        // "Vladimir V. Putin": the initial goes with the name.
        nextMention.ti = i;
        nextMention.start = t.start;
        nextMention.text = `${t.raw} ${nextMention.text}`;
        nextMention.titleStart = titleStartOf(tokens, i, consumed);
        nextMention.afterPrep = precededBy(tokens, nextMention.titleStart, PREPOSITIONS);
        if (d > 0) {
          nextMention.match = 'fuzzy';
          nextMention.distance = (nextMention.distance ?? 0) + d;
        }
        for (let k = i; k < j; k++) consumed.add(k);
        continue;
      }
      if (run.length === 1 && !SENTENCE_WORDS.has(t.lower) && !titleCase) {
        // "Brigitte Macron" is not Emmanuel Macron: a different person sharing the surname.
        const full = [...words, ...tokens.slice(nextMention.ti, nextMention.tj).flatMap((x) => x.names)];
        const key = full.join(' ');
        const name = `${t.raw} ${nextMention.text}`;
        registry.note(
          key,
          name,
          'person',
          paragraph,
          'a given name before a known surname that is not theirs',
        );
        mentions.splice(mentions.indexOf(nextMention), 1);
        mentions.push(make(i, nextMention.tj, { unknown: key, kind: 'person', match: 'new' }));
        for (let k = i; k < nextMention.tj; k++) consumed.add(k);
        continue;
      }
    }
    // A sentence's first word is a name only if the document also capitalises it mid-sentence.
    if (
      run.length === 1 &&
      t.initial &&
      (SENTENCE_WORDS.has(t.lower) || !registry.midSentenceCaps.has(t.lower))
    ) {
      if (!sayVerbNext) {
        i = j - 1;
        continue;
      }
    }
    if (run.length === 1 && SENTENCE_WORDS.has(t.lower)) {
      i = j - 1;
      continue;
    }
    const fuzzy = fuzzyMatch(lex, words);
    if (fuzzy) {
      const kind = lex.actors.get(fuzzy.entry.actorId)?.kind ?? 'unknown';
      mentions.push(
        make(i, j, {
          actor: fuzzy.entry.actorId,
          kind,
          match: 'fuzzy',
          distance: fuzzy.distance,
          alias: fuzzy.entry.alias,
        }),
      );
    } else {
      // A lone surname of a person named in full earlier is that person: "Kowalska" after "Maria Kowalska";
      // so is part of a full name the text gives anywhere: "Lula da Silva", "Sheikh Mohammed".
      const bySurname = words.length === 1 ? registry.personBySurname(words[0] ?? '') : undefined;
      const full = bySurname ? undefined : registry.fullNameFor(words);
      const key = bySurname?.key ?? full?.key ?? words.join(' ');
      const prior = registry.unknown.get(key);
      if (titleCase && !prior && !bySurname && !full) {
        i = j - 1;
        continue;
      }
      // "KEIR Starmer" (a tabloid's capitals) is printed "Keir Starmer".
      const mixed = run.some((x) => x.cap && !x.upper);
      const printed = full
        ? full.name
        : run
            .map((x) => x.raw.replace(/['’]s$/u, ''))
            .map((w) =>
              mixed && w.length > 2 && w === w.toUpperCase() ? w.charAt(0) + w.slice(1).toLowerCase() : w,
            )
            .join(' ');
      const [kind, basis] =
        prior && prior.kind !== 'unknown'
          ? [prior.kind, prior.basis]
          : unknownKind(words, printed, tokens, i, j, text, registry, sayVerbNext);
      const asPrinted = text.slice(all[0]?.start ?? 0, all.at(-1)?.end ?? 0).replace(/['’]s$/u, '');
      const noted = registry.note(key, printed, kind, paragraph, basis, asPrinted);
      if (kind === 'person' && noted.kind !== 'person') registry.markPerson(key, basis);
      mentions.push(make(i, j, { unknown: noted.key, kind: noted.kind, match: 'new' }));
    }
    for (let k = i; k < j; k++) consumed.add(k);
    i = j - 1;
  }
  return mentions.sort((a, b) => a.ti - b.ti);
}

/** A line in title case ("Trump Hosts Zelensky and Europe's Leaders"): most of its longer words capitalised. */
export function isTitleCase(line: string): boolean {
  const words = line.split(/\s+/).filter((w) => /^\p{L}{4,}/u.test(w));
  if (words.length < 3 || /[.!?…"”’]\s*$/u.test(line)) return false;
  return words.filter((w) => /^\p{Lu}/u.test(w)).length >= 0.7 * words.length;
}

/** Lower-cased words capitalised somewhere other than at a sentence start: evidence of a name. */
export function midSentenceCapitals(sentences: readonly (readonly Token[])[]): Set<string> {
  const out = new Set<string>();
  for (const tokens of sentences) for (const t of tokens) if (t.cap && !t.initial) out.add(t.lower);
  return out;
}
