import type { Day } from '../domain/dates.ts';
import { normalizeName } from '../domain/text.ts';
import { splitParagraphs } from '../domain/verify.ts';
import { type DateMention, findDates } from './dates.ts';
import { findSpeakerHeadings, type SpeakerHeading } from './headings.ts';
import {
  HONORIFICS,
  isDemonym,
  PASSIVE_AUX,
  POSITION_VERBS,
  PREPOSITIONS,
  PRONOUNS_HE,
  PRONOUNS_SHE,
  SAY_PARTICIPLES,
  SAY_VERBS,
  VERB_FILLERS,
} from './lexicon.ts';
import {
  type ActorLexicon,
  findMentions,
  isTitleCase,
  type Mention,
  type MentionKind,
  midSentenceCapitals,
  NameRegistry,
} from './mentions.ts';
import { analyzeParagraph, hasVerb } from './nlp.ts';
import { holdersOn, type KnownHolder } from './officeholders.ts';
import {
  affiliationOf,
  countryOf,
  demonymOf,
  isCountryAdjective,
  modifiersFit,
  parseRole,
  type RoleSense,
  roleMatch,
  seatOf,
  seats,
} from './roles.ts';
import {
  findQuotes,
  flagParagraphs,
  insideQuote,
  type ParagraphInfo,
  type QuoteSpan,
  type Span,
  type Token,
  tokenize,
} from './text.ts';

/**
 * The analysed article: paragraphs as citations count them, sentences (wink-nlp's, never cut inside
 * a quote) with their tagged tokens, names, roles, resolved pronouns, say-verbs with their subjects,
 * and dates. Everything later rules need, computed once.
 */

/** Who a mention or pronoun refers to: a dataset actor id, or "new:<key>" for a name it lacks. */
export type Party = string;

export const isNewParty = (p: Party): boolean => p.startsWith('new:');

export interface Pronoun {
  ti: number;
  gender: 'he' | 'she';
  party?: Party;
  /** The words it was resolved to. */
  antecedent?: string;
  /** Sentences between the pronoun and its antecedent (0: the same sentence). */
  distance?: number;
  /** It refers to a speaker the text does not name. */
  unnamed?: boolean;
  /** Another person it could refer to was named between it and its antecedent. */
  contested?: boolean;
  /** Other people of its gender (or of none known) named in the two sentences before it. */
  rivals?: Party[];
}

export type SubjectVia =
  | 'name'
  | 'pronoun'
  | 'who'
  | 'inverted'
  | 'according-to'
  | 'participle'
  | 'role'
  | 'document'
  | 'group'
  | 'institution';

/** How a role phrase found its holder: titled so in the article, a dataset position, the one of several just named, or a guess among several. */
export type RoleFit = 'article' | 'dataset' | 'salient' | 'ambiguous' | 'description' | 'known' | 'outside';

export interface SayVerb {
  ti: number;
  verb: string;
  /** Say-verbs that state a position ("urged", "called for") and what kind of event they make. */
  position?: 'demand' | 'pledge' | 'announcement' | 'statement';
  participle: boolean;
  passive: boolean;
  subject?: {
    party: Party;
    via: SubjectVia;
    text: string;
    /** How sure the subject is (a role shared by two people is not). */
    confidence: number;
    evidence: string;
    /** For a pronoun: sentences back to its antecedent. */
    distance?: number;
    contested?: boolean;
    rivals?: Party[];
    roleFit?: RoleFit;
  };
  /** The subject is a person the text does not name ("a senior diplomat"). */
  unnamed?: string;
  /** The verb follows the quote it introduces: "…," said X. */
  inverted: boolean;
  /** Present perfect ("has made clear"): a standing position, not a dated act. */
  perfect: boolean;
}

export interface Sentence {
  /** Index in document order. */
  id: number;
  paragraph: number;
  start: number;
  end: number;
  text: string;
  tokens: Token[];
  /** Quotes that open in this sentence. */
  quotes: QuoteSpan[];
  mentions: Mention[];
  pronouns: Pronoun[];
  says: SayVerb[];
  dates: DateMention[];
  /** Parties named or referred to outside quotes, in order, with their token index. */
  parties: { party: Party; ti: number; subjectLike: boolean; possessive: boolean; main?: boolean }[];
  /** For each quote, the subject of the nearest verb before it ("Rutte, who …, called it “…”"). */
  verbSubjects: Map<QuoteSpan, SubjectFound>;
}

export interface PartyInfo {
  party: Party;
  name: string;
  kind: MentionKind;
  /** Named as something that acts (a subject, a speaker), not only as a place ("in Canada"). */
  asActor?: boolean;
}

/** A role the article (or the dataset, at the article's date) gives a person. */
export interface RoleHolder {
  party: Party;
  role: RoleSense;
  paragraph?: number;
  from: 'article' | 'dataset';
}

export interface ArticleDocument {
  published: Day;
  paragraphs: ParagraphInfo[];
  sentences: Sentence[];
  quotesByParagraph: QuoteSpan[][];
  registry: NameRegistry;
  parties: Map<Party, PartyInfo>;
  /** Roles the article gives people: "Kremlin spokesman Dmitry Peskov" → Peskov, spokesperson of Russia. */
  roles: RoleHolder[];
  /** Where the dateline ends in its paragraph ("JEDDAH, March 12 (Agency) - "), if there is one. */
  dateline?: { paragraph: number; end: number };
  /** Lines naming who speaks in the bare quotes under them ("US PRESIDENT JOE BIDEN"), by paragraph. */
  headings: Map<number, SpeakerHeading>;
}

export function partyOf(m: Mention): Party | undefined {
  if (m.actor) return m.actor;
  if (m.unknown && (m.kind === 'person' || m.kind === 'organization' || m.kind === 'state'))
    return `new:${m.unknown}`;
  return undefined;
}

const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\\.?';
const DATELINE = new RegExp(
  `^([A-Z][A-Z.'’/ -]*[A-Z.])((?:,\\s+[A-Z][\\w.'’ -]{1,30}?(?=,|\\s+\\(|\\s+(?:--|—|–|-)\\s))?)((?:,?\\s+${MONTH}\\s+\\d{1,2}\\.?)?)\\s*((?:\\([^)]{1,40}\\)|\\/[^/]{1,40}\\/\\.?)?)\\s*(--|—|–|-)?\\s*`,
  'u',
);

/** "JEDDAH, Saudi Arabia, March 12 (Agency) - ": a place in capitals and a date, agency or dash. */
/** "Santiago de Chile, Dec 15 (Andes Press) - ": a city in ordinary case, then a date and the agency or a dash. */
const MIXED_DATELINE = new RegExp(
  `^(\\p{Lu}[\\p{L}'’.-]*(?:\\s+(?:de|del|da|do|of|la|el|\\p{Lu}[\\p{L}'’.-]*)){0,3}),\\s+${MONTH}\\s+\\d{1,2}\\.?\\s*(?:\\([^)]{1,40}\\)|\\/[^/]{1,40}\\/\\.?)\\s*(?:--|—|–|-)?\\s*`,
  'u',
);

export function datelineEnd(text: string): number | undefined {
  const mixed = MIXED_DATELINE.exec(text);
  if (mixed) return mixed[0].length;
  const m = DATELINE.exec(text);
  if (!m) return undefined;
  const [whole, city = '', , date, agency, dash] = m;
  if (!/[A-Z]{3}/.test(city) || !(date || agency || dash)) return undefined;
  if (/\p{Ll}/u.test(city)) return undefined;
  return whole.length;
}

/** wink-nlp's sentences, joined again wherever a boundary falls inside a quote. */
function sentenceSpans(text: string, quotes: readonly QuoteSpan[], spans: readonly Span[]): Span[] {
  const out: Span[] = [];
  for (const s of spans) {
    const prev = out.at(-1);
    const inside = prev && quotes.some((q) => q.open < s.start && s.start < q.end && q.open >= prev.start);
    // "“Have you said thank you once?” Vance asked.": the attribution stays with its quote.
    const attribution =
      prev &&
      /[?!]["”’']\s*$/u.test(text.slice(prev.start, prev.end)) &&
      /^(?:\S+\s+){0,3}?(?:said|says|asked|added|told|replied|wrote|insisted)\b/.test(text.slice(s.start));
    // "Yuri V. Ushakov": a middle initial's period does not end a sentence.
    const initial =
      prev &&
      /(?:^|[\s(])\p{Lu}[\p{L}]*\s+\p{Lu}\.$/u.test(text.slice(prev.start, prev.end)) &&
      /^\p{Lu}[\p{Ll}’'-]+\b/u.test(text.slice(s.start));
    if (prev && (inside || attribution || initial)) prev.end = s.end;
    else out.push({ ...s });
  }
  return out;
}

const ROLE_WORDS = new Set(
  'foreign policy presidential special acting deputy top senior national security trade defence defense interior finance first vice prime chief press state general secretary minister of for affairs'.split(
    ' ',
  ),
);

/**
 * Builds the document model of a plain-text article. The office holders known on the day of
 * publication are world knowledge, not the article's: where the article itself titles someone
 * else with an office, anywhere in the text, the known holder of that office is not used at all.
 */
export function analyzeText(
  text: string,
  published: Day,
  lex: ActorLexicon,
  datasetRoles: readonly RoleHolder[] = [],
  known: readonly KnownHolder[] = holdersOn(published),
): ArticleDocument {
  const doc = readArticle(text, published, lex, datasetRoles, known);
  const overridden = known.filter((k) =>
    doc.roles.some(
      (t) =>
        t.from === 'article' &&
        roleMatch(t.role, k.role) > 0 &&
        modifiersFit(t.role, k.role) &&
        !sameName(doc.parties.get(t.party)?.name ?? lex.actors.get(t.party)?.name ?? '', k.name),
    ),
  );
  return overridden.length === 0
    ? doc
    : readArticle(
        text,
        published,
        lex,
        datasetRoles,
        known.filter((k) => !overridden.includes(k)),
      );
}

/** Two printings of one person's name: equal, one inside the other, or the same first and last word. */
function sameName(a: string, b: string): boolean {
  const x = normalizeName(a);
  const y = normalizeName(b);
  if (!x || !y) return false;
  if (x === y || (x.includes(' ') && y.includes(x)) || (y.includes(' ') && x.includes(y))) return true;
  const xs = x.split(' ');
  const ys = y.split(' ');
  return xs.length > 1 && ys.length > 1 && xs[0] === ys[0] && xs.at(-1) === ys.at(-1);
}

function readArticle(
  text: string,
  published: Day,
  lex: ActorLexicon,
  datasetRoles: readonly RoleHolder[],
  known: readonly KnownHolder[],
): ArticleDocument {
  const texts = splitParagraphs(text);
  const analyses = texts.map((p) => analyzeParagraph(p));
  const paragraphs = flagParagraphs(
    texts,
    analyses.map((a) => hasVerb(a.tokens)),
  );
  const quotesByParagraph = texts.map((p) => findQuotes(p));
  // The dateline opens the story's first paragraph, which may follow a headline and a standfirst.
  const dateline = paragraphs
    .filter((p) => !p.furniture)
    .slice(0, 4)
    .map((p) => ({ paragraph: p.n, end: datelineEnd(p.text) }))
    .find((d): d is { paragraph: number; end: number } => d.end !== undefined);
  const raw: { paragraph: number; start: number; end: number; tokens: Token[] }[] = [];
  texts.forEach((p, i) => {
    const quotes = quotesByParagraph[i] ?? [];
    const analysis = analyses[i] ?? analyzeParagraph(p);
    const tagged = analysis.tokens;
    const posAt = new Map(tagged.map((t) => [t.start, t.pos]));
    for (const span of sentenceSpans(p, quotes, analysis.sentences)) {
      const from = dateline?.paragraph === i + 1 ? Math.max(span.start, dateline.end) : span.start;
      if (from >= span.end) continue;
      const tokens = tokenize(p, { start: from, end: span.end }, quotes);
      for (const t of tokens) {
        const pos = posAt.get(t.start) ?? tagged.find((x) => x.start <= t.start && t.start < x.end)?.pos;
        if (pos) t.pos = pos;
      }
      raw.push({ paragraph: i + 1, start: from, end: span.end, tokens });
    }
  });
  const registry = new NameRegistry(
    midSentenceCapitals(raw.filter((r) => !paragraphs[r.paragraph - 1]?.furniture).map((r) => r.tokens)),
  );
  const titleCase = texts.map((t) => isTitleCase(t));
  // A first reading of the names, so that part of a full name the text gives later is that person.
  const firstReading = new NameRegistry(registry.midSentenceCaps);
  for (const r of raw)
    if (!paragraphs[r.paragraph - 1]?.furniture)
      findMentions(
        r.tokens,
        lex,
        firstReading,
        r.paragraph,
        texts[r.paragraph - 1] ?? '',
        titleCase[r.paragraph - 1],
      );
  registry.setFullNames([...firstReading.unknown.values()]);
  registry.setText(texts.filter((_, i) => !paragraphs[i]?.furniture).join('\n'));
  const doc: ArticleDocument = {
    published,
    paragraphs,
    sentences: [],
    quotesByParagraph,
    registry,
    parties: new Map(),
    roles: [],
    ...(dateline ? { dateline } : {}),
    headings: new Map(),
  };
  const ctx: Context = {
    doc,
    lex,
    datasetRoles,
    known,
    antecedents: [],
    mentioned: [],
    gender: new Map(),
  };

  for (const r of raw) {
    const para = paragraphs[r.paragraph - 1];
    const ptext = texts[r.paragraph - 1] ?? '';
    const quotes = (quotesByParagraph[r.paragraph - 1] ?? []).filter(
      (q) => q.open >= r.start && q.open < r.end,
    );
    const furniture = para?.furniture ?? false;
    const mentions = furniture
      ? []
      : findMentions(r.tokens, lex, registry, r.paragraph, ptext, titleCase[r.paragraph - 1]);
    const sentence: Sentence = {
      id: doc.sentences.length,
      paragraph: r.paragraph,
      start: r.start,
      end: r.end,
      text: ptext.slice(r.start, r.end),
      tokens: r.tokens,
      quotes,
      mentions,
      pronouns: [],
      says: [],
      dates: furniture
        ? []
        : findDates(ptext, r, quotesByParagraph[r.paragraph - 1] ?? [], published).filter(
            (d) => !(dateline?.paragraph === r.paragraph && d.start < dateline.end),
          ),
      parties: [],
      verbSubjects: new Map(),
    };
    if (!furniture) {
      noteParties(ctx, sentence);
      bindRoles(ctx, sentence);
      resolvePronouns(ctx, sentence);
      sentence.says = findSayVerbs(ctx, sentence);
      noteIssuedDocument(ctx, sentence);
      for (const q of quotes) {
        const k = sentence.tokens.findLastIndex((t) => t.end <= q.open && t.pos === 'VERB' && !t.inQuote);
        const found = k >= 0 ? subjectBefore(ctx, sentence, k) : undefined;
        if (found) sentence.verbSubjects.set(q, found);
      }
      // A person named only by a role ("the chancellor said") is the next "he" or "she"; so is a
      // speaker the text does not name ("a Kremlin spokesman told reporters … he said"), whom a
      // pronoun then cannot name either.
      // The speaker of a sentence is who "he said" in the next one most likely means, even when
      // named after the verb ("…,” said Hanna van der Linde, a researcher …").
      // Other names before the verb are then parentheticals ("X, flanked by Y and the chief of
      // staff, Z, told"), no longer candidates; a subject after it (", but Z laid out …") still is.
      for (const v of sentence.says) {
        const p = v.subject?.party;
        if (!p || v.passive || v.participle || ctx.doc.parties.get(p)?.kind !== 'person') continue;
        if (!['name', 'inverted', 'according-to', 'who', 'pronoun'].includes(v.subject?.via ?? '')) continue;
        for (const a of ctx.antecedents)
          if (a.sentence === sentence.id && a.party !== p && (a.ti ?? 0) < v.ti) a.embedded = true;
        ctx.antecedents.push({ party: p, text: v.subject?.text ?? '', sentence: sentence.id, ti: v.ti });
      }
      if (!sentence.says.some((v) => v.subject || v.unnamed)) noteDescribedSubject(ctx, sentence);
      for (const v of sentence.says) {
        if (v.participle) continue;
        const gendered = /\b(?:spokes|chair)(wo)?man\b/iu.exec(v.subject?.text ?? v.unnamed ?? '');
        const gender = gendered ? (gendered[1] ? 'she' : 'he') : undefined;
        // "Ukrainian officials said": a plural is never "he" or "she".
        const plural = PLURAL_PERSONS.test(v.subject?.text ?? v.unnamed ?? '');
        if (plural) continue;
        if (
          v.subject &&
          (v.subject.via === 'role' || (v.subject.via === 'institution' && PERSON_NOUN.test(v.subject.text)))
        )
          ctx.antecedents.push({
            party: v.subject.party,
            text: v.subject.text,
            sentence: sentence.id,
            ...(gender ? { gender } : {}),
          });
        else if (v.unnamed && PERSON_NOUN.test(v.unnamed))
          ctx.antecedents.push({ text: v.unnamed, sentence: sentence.id, ...(gender ? { gender } : {}) });
      }
    }
    doc.sentences.push(sentence);
  }
  doc.headings = findSpeakerHeadings(doc, lex);
  return doc;
}

/**
 * "The Kremlin spokesman was more guarded.": a sentence whose subject is a role or a description
 * of a person makes that person (or, unnamed, nobody the text names) what "he" next refers to.
 */
function noteDescribedSubject(ctx: Context, s: Sentence): void {
  const text = ctx.doc.paragraphs[s.paragraph - 1]?.text ?? '';
  const first = s.tokens[0];
  if (!first || first.inQuote || !/^(?:the|a|an)$/u.test(first.lower)) return;
  // The noun phrase that opens the sentence: "The Kremlin spokesman", "A Western diplomat".
  let k = 1;
  while (k < s.tokens.length && k < 8) {
    const t = s.tokens[k];
    const prev = s.tokens[k - 1];
    if (!t || !prev || !/^[ \u00a0]+$/u.test(text.slice(prev.end, t.start))) break;
    if (!['ADJ', 'NOUN', 'PROPN', 'NUM'].includes(t.pos ?? '') && !t.possessive) break;
    k++;
  }
  if (s.mentions.some((m) => m.kind === 'person' && m.ti < k && !m.inQuote)) return;
  const phrase = text.slice(first.start, s.tokens[k - 1]?.end ?? first.end);
  if (PLURAL_PERSONS.test(phrase) || !(parseRole(phrase) || PERSON_NOUN.test(phrase))) return;
  const found = resolvePhrase(ctx, s, phrase);
  const gendered = /\b(?:spokes|chair)(wo)?man\b/iu.exec(phrase);
  const gender = gendered ? (gendered[1] ? 'she' : 'he') : undefined;
  if (found?.party && ctx.doc.parties.get(found.party)?.kind === 'person')
    ctx.antecedents.push({ party: found.party, text: phrase, sentence: s.id, ...(gender ? { gender } : {}) });
  else if (found?.unnamed || (found?.via === 'role' && !found.party))
    ctx.antecedents.push({ text: phrase, sentence: s.id, ...(gender ? { gender } : {}) });
}

/** Someone "he" or "she" may refer to: a person, or a speaker the text does not name ("a Kremlin spokesman"). */
interface Antecedent {
  /** Undefined for a speaker the text does not name: a pronoun referring to them stays unresolved. */
  party?: Party;
  text: string;
  /** The sentence (id) that mentions them. */
  sentence: number;
  tentative?: Mention;
  gender?: 'he' | 'she';
  /** The subject of a clause inside another ("… told reporters that X had …"): less likely what "he" means. */
  embedded?: boolean;
  /** Token index in its sentence: the later of two main-clause subjects is the more salient. */
  ti?: number;
}

interface Context {
  doc: ArticleDocument;
  lex: ActorLexicon;
  datasetRoles: readonly RoleHolder[];
  /** Office holders known to be in office on the day of publication. */
  known: readonly KnownHolder[];
  /** Persons that "he"/"she" may refer to, in document order (subjects only). */
  antecedents: Antecedent[];
  /** Every person mentioned outside quotes, subject or not, in order. */
  mentioned: { party: Party; sentence: number; ti: number }[];
  gender: Map<Party, 'he' | 'she'>;
  /** Who issued the statement the text last mentioned ("X said in a statement"). */
  lastStatement?: Party;
  /** The sentence that last quoted a document, so "it adds" can refer to it. */
  lastDocumentSentence?: number;
}

function registerParty(ctx: Context, p: Party, m: Mention): void {
  if (ctx.doc.parties.has(p)) return;
  const actor = m.actor ? ctx.lex.actors.get(m.actor) : undefined;
  const unknown = m.unknown ? ctx.doc.registry.unknown.get(m.unknown) : undefined;
  ctx.doc.parties.set(p, {
    party: p,
    name: actor?.name ?? unknown?.name ?? m.text.replace(/['’]s$/u, ''),
    kind: m.kind,
  });
}

/** A mention is a grammatical subject unless a preposition or a verb governs it. */
/**
 * A mention is a grammatical subject when nothing that governs a noun phrase stands between it and
 * the start of its clause: a verb, an auxiliary or a preposition before it in the same clause makes
 * it an object or a complement ("met Taoiseach Micheál Martin", "shook hands with … Ursula von der
 * Leyen"). A comma, a semicolon or a conjunction starts a new clause.
 */
function isSubjectLike(s: Sentence, m: Mention, text: string): boolean {
  return subjectClause(s, m, text) !== undefined;
}

/**
 * Whether a mention is the subject of a main clause or of a clause inside another ("told reporters
 * that Belém had…", "who…"), or no subject at all (undefined).
 */
function subjectClause(s: Sentence, m: Mention, text: string): 'main' | 'embedded' | undefined {
  if (m.possessive || m.afterPrep) return undefined;
  for (let k = m.titleStart - 1; k >= 0; k--) {
    const t = s.tokens[k];
    const next = s.tokens[k + 1];
    if (!t || t.inQuote) return 'main';
    if (next && /[,;:(—–]|["”“]/u.test(text.slice(t.end, next.start))) return 'main';
    if (EMBEDDING_WORDS.has(t.lower) || t.pos === 'SCONJ') return 'embedded';
    if ((t.lower === 'and' || t.lower === 'or') && k > 0) {
      // "thanked Mr Costa and Ms von der Leyen": a name joined to another shares its place.
      const other = s.mentions.find((x) => x !== m && x.tj === k && !x.inQuote);
      if (other) return subjectClause(s, other, text);
    }
    if (t.pos === 'CCONJ' || CLAUSE_WORDS.has(t.lower)) return 'main';
    if (t.pos === 'VERB' || t.pos === 'AUX' || t.pos === 'ADP' || t.pos === 'PART') return undefined;
    if (PREPOSITIONS.has(t.lower)) return undefined;
  }
  return 'main';
}

const EMBEDDING_WORDS = new Set([
  'that',
  'who',
  'which',
  'whom',
  'whose',
  'when',
  'where',
  'while',
  'as',
  'if',
  'because',
  'although',
  'though',
]);

/** Several people ("officials", "two diplomats"): never what "he" or "she" refers to. */
const PLURAL_PERSONS =
  /\b(?:officials|diplomats|sources|negotiators|members|aides|advisers|advisors|officers|delegates|analysts|experts|lawmakers|senators|people|reporters|envoys|ambassadors|commanders|leaders|activists|residents|witnesses|spokespeople|ministers|delegations|governments)\b/iu;

/** Nouns for a person: an unnamed one ("a senior official") can still be what "he" refers to. */
const PERSON_NOUN =
  /\b(?:spokes(?:man|woman|person)|official|diplomat|source|negotiator|member|aide|adviser|advisor|minister|officer|delegate|analyst|expert|lawmaker|senator|person|woman|man|reporter|envoy|ambassador|commander|leader|activist|resident|witness)s?\b/iu;

const CLAUSE_WORDS = new Set([
  'and',
  'but',
  'or',
  'while',
  'whereas',
  'who',
  'which',
  'that',
  'when',
  'where',
  'as',
]);

/** Gender a title or honorific printed before a name gives: "Mr", "Ms", "Sheikh", "Queen". */
const MALE_TITLES = new Set([
  'mr',
  'sir',
  'lord',
  'king',
  'prince',
  'sheikh',
  'emir',
  'pope',
  'cardinal',
  'spokesman',
  'chairman',
  'congressman',
]);
const FEMALE_TITLES = new Set([
  'mrs',
  'ms',
  'miss',
  'dame',
  'lady',
  'queen',
  'princess',
  'sheikha',
  'spokeswoman',
  'chairwoman',
  'congresswoman',
]);

function genderOfTitle(s: Sentence, m: Mention): 'he' | 'she' | undefined {
  for (let k = m.titleStart; k < m.ti; k++) {
    const w = s.tokens[k]?.lower ?? '';
    if (MALE_TITLES.has(w)) return 'he';
    if (FEMALE_TITLES.has(w)) return 'she';
  }
  const before = s.tokens[m.titleStart - 1]?.lower ?? '';
  if (MALE_TITLES.has(before)) return 'he';
  if (FEMALE_TITLES.has(before)) return 'she';
  return undefined;
}

function noteParties(ctx: Context, s: Sentence): void {
  for (const m of s.mentions) {
    const p = partyOf(m);
    if (p) registerParty(ctx, p, m);
  }
}

/** The role words printed before a name: "Kremlin spokesman", "U.S. Trade Representative". */
function roleBefore(s: Sentence, m: Mention, text: string): string | undefined {
  let k = m.ti;
  // "Prime Minister Sir Keir Starmer": the honorific belongs to the name, the title before it.
  while (k > 0 && HONORIFICS.has(s.tokens[k - 1]?.lower ?? '')) k--;
  const nameStart = k;
  while (k > 0) {
    const t = s.tokens[k - 1];
    const next = s.tokens[k];
    if (!t || !next || !/^[ \u00a0]+$/u.test(text.slice(t.end, next.start))) break;
    const inMention = s.mentions.find((x) => x !== m && k - 1 >= x.ti && k - 1 < x.tj);
    const roleish =
      ROLE_WORDS.has(t.lower) ||
      parseRole(t.raw) !== undefined ||
      affiliationOf(t.raw) !== undefined ||
      (inMention !== undefined && affiliationOf(inMention.text) !== undefined);
    if (!roleish) break;
    // "a spokesperson for Prime Minister X": what comes before "for"/"to" is someone else.
    if ((t.lower === 'for' || t.lower === 'to') && !s.tokens[k - 2]?.cap) break;
    k = inMention ? inMention.ti : k - 1;
  }
  if (k === nameStart) return undefined;
  const phrase = text
    .slice(s.tokens[k]?.start ?? 0, s.tokens[nameStart - 1]?.end ?? 0)
    .replace(/^(?:of|for|and|to)\s+/u, '');
  return parseRole(phrase) ? phrase : undefined;
}

/**
 * An appositive's role: its head must be an office ("a foreign policy adviser to President X" is an
 * adviser; "the candidate of Prime Minister X's coalition" is no prime minister).
 */
function appositiveRole(phrase: string): RoleSense | undefined {
  const head = phrase.split(/\s(?:of|to|for|in|at|with|by|from|backed|who|which|whose|and)\s/u)[0] ?? '';
  const headRole = parseRole(head);
  if (!headRole) return undefined;
  return parseRole(phrase) ?? headRole;
}

/** Roles the article gives the people it names, before the name or in an appositive. */
function bindRoles(ctx: Context, s: Sentence): void {
  const text = ctx.doc.paragraphs[s.paragraph - 1]?.text ?? '';
  for (const m of s.mentions) {
    if (m.inQuote || m.kind !== 'person') continue;
    const party = partyOf(m);
    if (!party) continue;
    const phrases: string[] = [];
    const before = roleBefore(s, m, text);
    if (before) phrases.push(before);
    // "Andriy Yermak, the head of Ukraine's presidential office," / "Yuri Ushakov, a foreign policy adviser"
    const after = /^,\s+((?:the|a|an)\s+[^,.;:“”"]{2,90})/u.exec(text.slice(m.end))?.[1];
    if (after) phrases.push(after);
    // "Thailand’s acting prime minister, Phumtham Wechayachai," / "the Russian Foreign Ministry spokeswoman, Maria Zakharova,"
    const lead = /(?:^|[,;:]\s+|\b(?:and|said|says)\s+)([^,;:“”"]{2,90}),\s+$/u.exec(
      text.slice(s.start, m.start),
    )?.[1];
    // The lead phrase is a role, not another person's name ("X and her Rwandan counterpart, Y").
    const leadStart = m.start - (lead?.length ?? 0) - 2;
    const leadHasName = s.mentions.some(
      (x) => x !== m && x.kind === 'person' && x.start >= leadStart && x.end <= m.start,
    );
    if (lead && !leadHasName && !/\band\b/u.test(lead) && /^(?:the\s|[\p{Lu}][\p{L}.]*['’]s\s)/u.test(lead))
      phrases.push(lead);
    for (const [i, phrase] of phrases.entries()) {
      const role = i === 0 && before ? parseRole(phrase) : appositiveRole(phrase);
      if (role) {
        ctx.doc.roles.push({ party, role, paragraph: s.paragraph, from: 'article' });
        const gendered = /\b(?:spokes|chair|congress|business)(wo)?man\b/iu.exec(phrase);
        if (gendered && !ctx.gender.has(party)) ctx.gender.set(party, gendered[1] ? 'she' : 'he');
        if (m.unknown) ctx.doc.registry.markPerson(m.unknown, `titled "${phrase.trim()}"`);
      }
    }
  }
}

function resolvePronouns(ctx: Context, s: Sentence): void {
  const byStart = new Map(s.mentions.map((m) => [m.ti, m]));
  for (let ti = 0; ti < s.tokens.length; ti++) {
    const t = s.tokens[ti];
    if (!t || t.inQuote) continue;
    const m = byStart.get(ti);
    if (m) {
      const p = partyOf(m);
      // "U.S." in "U.S. President Donald Trump" is part of his title, not a subject of its own.
      const inTitle = s.mentions.some((x) => x !== m && x.titleStart <= m.ti && m.ti < x.ti);
      const subjectLike = !inTitle && isSubjectLike(s, m, ctx.doc.paragraphs[s.paragraph - 1]?.text ?? '');
      const titled = p ? genderOfTitle(s, m) : undefined;
      if (p && titled && !ctx.gender.has(p)) ctx.gender.set(p, titled);
      if (p) {
        const info = ctx.doc.parties.get(p);
        // "in Yaoundé, Cameroon", "NAIROBI, Kenya": a country after a place is where, not who.
        const afterPlace = s.mentions.some(
          (x) =>
            x !== m &&
            x.tj === m.titleStart &&
            (x.kind === 'place' || x.afterPlacePrep) &&
            /^,\s*$/u.test(ctx.doc.paragraphs[s.paragraph - 1]?.text.slice(x.end, m.start) ?? ''),
        );
        // Proposed as an actor only when it acts somewhere in the text: a subject or an owner
        // ("Russia said", "Russia's invasion"), not only a place or an object ("talks on Ukraine").
        // "China's Foreign Ministry": the country's institution is proposed under its own name
        // (institutionActor), not as a "Foreign Ministry" of no country.
        const owner = s.tokens[m.titleStart - 1];
        const ownedByCountry =
          m.kind === 'organization' &&
          m.unknown !== undefined &&
          owner !== undefined &&
          (countryOf(owner.raw.replace(/['’]s$/u, '')) !== undefined || isCountryAdjective(owner.lower));
        if (info && !m.afterPlacePrep && !afterPlace && !ownedByCountry && (subjectLike || m.possessive))
          info.asActor = true;
        s.parties.push({
          party: p,
          ti,
          subjectLike,
          possessive: m.possessive,
          main:
            subjectLike && subjectClause(s, m, ctx.doc.paragraphs[s.paragraph - 1]?.text ?? '') === 'main',
        });
        if (m.kind === 'person') ctx.mentioned.push({ party: p, sentence: s.id, ti });
        if (m.kind === 'person' && subjectLike)
          ctx.antecedents.push({
            party: p,
            text: m.text,
            sentence: s.id,
            ti,
            embedded: subjectClause(s, m, ctx.doc.paragraphs[s.paragraph - 1]?.text ?? '') === 'embedded',
          });
      } else if (m.kind === 'unknown' && m.unknown?.includes(' ') && subjectLike) {
        // "Marta Lind held a call … She urged him": a name becomes a person once "she" refers to it.
        ctx.antecedents.push({ party: `new:${m.unknown}`, text: m.text, sentence: s.id, ti, tentative: m });
      }
      ti = m.tj - 1;
      continue;
    }
    const g = PRONOUNS_HE.has(t.lower) ? 'he' : PRONOUNS_SHE.has(t.lower) ? 'she' : undefined;
    if (!g) continue;
    const genderOf = (a: Antecedent) => (a.party ? ctx.gender.get(a.party) : undefined) ?? a.gender ?? g;
    // The latest sentence with someone of the pronoun's gender; in it, a main clause's subject first.
    const fits = [...ctx.antecedents].reverse().filter((a) => genderOf(a) === g);
    const latest = fits[0]?.sentence;
    const inLatest = fits.filter((a) => a.sentence === latest && !a.embedded);
    const ref = inLatest.sort((a, b) => (b.ti ?? 0) - (a.ti ?? 0))[0] ?? fits[0];
    const pronoun: Pronoun = { ti, gender: g };
    if (ref && !ref.party && !ref.tentative) {
      pronoun.unnamed = true;
      pronoun.antecedent = ref.text;
      pronoun.distance = s.id - ref.sentence;
    }
    if (ref?.tentative && (t.lower === 'he' || t.lower === 'she')) {
      const m = ref.tentative;
      if (m.unknown) ctx.doc.registry.markPerson(m.unknown, `referred to as "${t.lower}"`);
      m.kind = 'person';
      registerParty(ctx, ref.party ?? '', m);
      const info = ctx.doc.parties.get(ref.party ?? '');
      if (info) info.kind = 'person';
      delete ref.tentative;
    }
    if (ref?.party && !ref.tentative) {
      pronoun.party = ref.party;
      pronoun.antecedent = ref.text;
      pronoun.distance = s.id - ref.sentence;
      // Someone else of the same gender (or of none known) named since: the pronoun is contested.
      const party = ref.party;
      pronoun.contested = ctx.mentioned.some(
        (x) =>
          x.party !== party &&
          x.sentence >= ref.sentence &&
          (x.sentence < s.id || x.ti < ti) &&
          (ctx.gender.get(x.party) ?? g) === g,
      );
      // Someone else who fits as well, in the sentence that gave the antecedent (within the two
      // before): named after it, where nearness and subjecthood disagree ("Trump met Putin. He
      // said", if both are known to be men), or a subject joined to it ("Berg and Kovac met. She
      // said"). The text does not settle who; a subject after "but" is the nearer and the subject.
      const refSentence = [...ctx.doc.sentences, s].find((x) => x.id === ref.sentence);
      const refTi = ref.ti ?? 0;
      const joined = (xTi: number) => {
        const between = refSentence?.tokens.slice(xTi + 1, refTi) ?? [];
        return (
          between.some((x) => x.lower === 'and') && !between.some((x) => x.pos === 'VERB' || x.pos === 'AUX')
        );
      };
      const within = (x: { sentence: number; ti?: number }) =>
        x.sentence === ref.sentence &&
        ref.sentence >= s.id - 2 &&
        (x.sentence < s.id || (x.ti ?? 0) < ti) &&
        ((x.ti ?? 0) > refTi || joined(x.ti ?? 0));
      const rivals = new Set([
        ...ctx.antecedents
          .filter(
            (x) =>
              x.party &&
              x.party !== party &&
              !x.embedded &&
              within(x) &&
              genderOf(x) === g &&
              ctx.doc.parties.get(x.party)?.kind === 'person',
          )
          .map((x) => x.party ?? ''),
        ...ctx.mentioned
          .filter((x) => x.party !== party && within(x) && ctx.gender.get(x.party) === g)
          .map((x) => x.party),
      ]);
      if (rivals.size > 0) pronoun.rivals = [...rivals];
      // A pronoun in a later sentence says who it was; one in the same sentence may be about
      // someone inside it ("X, whose son … since he was captured, said").
      if ((t.lower === 'he' || t.lower === 'she') && s.id > ref.sentence) ctx.gender.set(ref.party, g);
      s.parties.push({
        party: ref.party,
        ti,
        subjectLike: t.lower === 'he' || t.lower === 'she',
        possessive: t.lower === 'his' || t.lower === 'her',
      });
    }
    s.pronouns.push(pronoun);
  }
}

/** The person a role phrase stands for, from the article's own titles first, then the dataset's positions. */
export function resolveRole(
  ctx: Context,
  role: RoleSense,
): { party: Party; confidence: number; evidence: string; fit: RoleFit } | undefined {
  const scores = new Map<Party, { score: number; evidence: string }>();
  const asked = new Set(normalizeName(role.text).split(' '));
  for (const h of [...ctx.doc.roles, ...ctx.datasetRoles]) {
    let score = roleMatch(role, h.role);
    if (score === 0) continue;
    // "the Conservative leader" is not any leader; "the Russian negotiator" not an envoy of no country.
    if (!modifiersFit(role, h.role)) continue;
    if (role.affiliation && !h.role.affiliation && h.from === 'dataset') continue;
    if (h.from === 'article') score += 0.5;
    const shared = normalizeName(h.role.text)
      .split(' ')
      .filter(
        (w) => asked.has(w) && w.length > 3 && !['president', 'minister', 'leader', 'prime'].includes(w),
      );
    if (shared.length > 0) score += 0.3;
    const prev = scores.get(h.party);
    if (!prev || prev.score < score)
      scores.set(h.party, {
        score,
        evidence: `“${role.text.trim()}” = ${h.role.text.trim()} (${h.from === 'article' ? `named so in ¶${h.paragraph}` : 'dataset position at the article date'})`,
      });
  }
  const ranked = [...scores.entries()].sort((a, b) => b[1].score - a[1].score);
  const [best, second] = ranked;
  if (!best) {
    // No one titled so: the known holder of the office on the day ("Britain's prime minister" =
    // Keir Starmer, whom the article names), else a description of someone just named ("the
    // Russian negotiator" after "Medinsky added …") if nothing the text says of them contradicts it.
    const known = knownHolder(ctx, role);
    if (known) return known;
    const found = describedPerson(ctx, role.text, role);
    return found?.party ? { ...found, party: found.party, confidence: 0.6 } : undefined;
  }
  // "the president" with no country, or a role two people hold equally: several people fit it.
  const tie = second !== undefined && second[1].score === best[1].score;
  const open = !role.affiliation && ranked.length > 1;
  if (tie || open) {
    const fits = new Set(
      open ? ranked.map(([p]) => p) : ranked.filter(([, v]) => v.score === best[1].score).map(([p]) => p),
    );
    const now = ctx.doc.sentences.length;
    const recent = [...ctx.antecedents].reverse().find((a) => a.party !== undefined && fits.has(a.party));
    if (!recent?.party) return undefined;
    // The one just named (this sentence or the one before) is who the text means; further back, a guess.
    const near = now - recent.sentence <= 1;
    return {
      party: recent.party,
      confidence: 0.5,
      fit: near ? 'salient' : 'ambiguous',
      evidence: `“${role.text.trim()}” fits ${fits.size} people; ${near ? 'the one just named' : 'the latest subject'} (${recent.text})`,
    };
  }
  const confidence = best[1].score >= 2 ? 0.9 : best[1].score >= 1.5 ? 0.85 : 0.7;
  const from = best[1].evidence.includes('dataset position') ? 'dataset' : 'article';
  return { party: best[0], confidence, fit: from, evidence: best[1].evidence };
}

/**
 * The one person known to hold a role tied to a country or organisation on the day of publication:
 * the party the article names for them, else a new one the text does not name ("outside").
 */
function knownHolder(
  ctx: Context,
  role: RoleSense,
): { party: Party; confidence: number; evidence: string; fit: RoleFit } | undefined {
  if (!role.affiliation) return undefined;
  const fits = ctx.known.filter(
    (k) =>
      k.role.affiliation === role.affiliation &&
      roleMatch(role, k.role) > 0 &&
      modifiersFit(role, k.role) &&
      (role.office !== 'leader' ||
        k.role.office === 'head-of-state' ||
        k.role.office === 'head-of-government'),
  );
  // "the Kremlin spokesman" is Peskov, not the foreign ministry's spokeswoman: the words the
  // role is printed with decide between holders of the same office.
  const asked = new Set(normalizeName(role.text.replace(/['’]s\b/gu, '')).split(' '));
  const shared = (k: KnownHolder) =>
    normalizeName(k.role.text)
      .split(' ')
      .filter((w) => asked.has(w)).length;
  const top = Math.max(0, ...fits.map(shared));
  const best = fits.filter((k) => shared(k) === top);
  const names = [...new Set(best.map((k) => k.name))];
  // "the Ukrainian leader" with a president and a prime minister in office: the president.
  const holder =
    names.length === 1
      ? best[0]
      : role.office === 'leader'
        ? best.find((k) => k.role.office === 'head-of-state')
        : undefined;
  if (!holder) return undefined;
  const named = partyNamed(ctx, holder.name);
  const party = named ?? outsideParty(ctx, holder);
  if (holder.gender && !ctx.gender.has(party)) ctx.gender.set(party, holder.gender);
  return {
    party,
    confidence: 0.6,
    fit: named ? 'known' : 'outside',
    evidence: `“${role.text.trim()}” = ${holder.name}, ${holder.role.text} on the day of publication${named ? '' : ' (a name the text does not give)'}`,
  };
}

/** The party of a person the article (or the dataset) names, found by their full name. */
function partyNamed(ctx: Context, name: string): Party | undefined {
  const words = normalizeName(name).split(' ');
  for (const a of ctx.lex.actors.values())
    if (a.kind === 'person' && [a.name, ...a.aliases].some((n) => normalizeName(n) === words.join(' ')))
      return a.id;
  const last = words.at(-1) ?? '';
  for (const [key, u] of ctx.doc.registry.unknown) {
    const k = key.split(' ');
    // The same person: the same surname and given name, or a longer or shorter form of the name.
    const same =
      key === words.join(' ') ||
      (k.at(-1) === last && k[0] === words[0]) ||
      (k.length >= 2 && words.join(' ').includes(key)) ||
      (words.length >= 2 && key.includes(words.join(' ')));
    // A holder this reading inferred earlier is still not a name the text gives.
    if (same && (u.kind === 'person' || u.kind === 'unknown') && !u.basis.startsWith(INFERRED_BASIS)) {
      const party = `new:${key}`;
      if (!ctx.doc.parties.has(party)) ctx.doc.parties.set(party, { party, name: u.name, kind: 'person' });
      ctx.doc.registry.markPerson(key, `named in the text; holds an office the text names`);
      return party;
    }
  }
  const full = ctx.doc.registry.fullNameFor([last]);
  if (full && full.key.split(' ')[0] === words[0]) {
    const party = `new:${full.key}`;
    const entry = ctx.doc.registry.note(
      full.key,
      full.name,
      'person',
      0,
      'named in the text; holds an office the text names',
    );
    if (!ctx.doc.parties.has(party)) ctx.doc.parties.set(party, { party, name: entry.name, kind: 'person' });
    return party;
  }
  return undefined;
}

/** The basis of a person the article does not name, inferred from the office holders on its day. */
export const INFERRED_BASIS = 'not named in the text';

/** A holder the article does not name: proposed under the name they are known by, marked as such. */
function outsideParty(ctx: Context, holder: KnownHolder): Party {
  const key = normalizeName(holder.name);
  const entry = ctx.doc.registry.note(
    key,
    holder.name,
    'person',
    0,
    `${INFERRED_BASIS}: ${holder.role.text} on the day of publication (office holders known to ingest)`,
  );
  const party = `new:${entry.key}`;
  if (!ctx.doc.parties.has(party)) ctx.doc.parties.set(party, { party, name: entry.name, kind: 'person' });
  return party;
}

/** Heads of a definite description of a person: "the defeated candidate", "the nationalist leader". */
const DESCRIPTION_HEAD =
  /^(?:candidate|politician|president|premier|chancellor|leader|veteran|winner|incumbent|challenger|nominee|campaigner|economist|banker|billionaire|tycoon|chief|head|counterpart|host|monarch|king|queen|prince|general|strongman|populist|nationalist|conservative|liberal|socialist|centrist|hardliner|reformist|dissident|negotiator|envoy|diplomat|minister|official|spokesman|spokeswoman|spokesperson|aide|adviser|advisor|delegate|lawmaker|senator|ambassador|commander|activist|mediator|newcomer|frontrunner|front-runner|\d+-year-old)$/u;

/** Whether a role or a nationality contradicts what the text or the dataset says of a person. */
function contradicts(
  ctx: Pick<Context, 'doc' | 'datasetRoles'>,
  party: Party,
  role?: RoleSense,
  country?: string,
): boolean {
  const held = [...ctx.doc.roles, ...ctx.datasetRoles].filter((h) => h.party === party).map((h) => h.role);
  if (held.length === 0) return false;
  const isCountry = (a?: string) => a !== undefined && countryOf(a) !== undefined;
  if (country && held.every((h) => isCountry(h.affiliation) && h.affiliation !== country)) return true;
  if (!role) return false;
  if (held.some((h) => roleMatch(role, h) > 0)) return false;
  // Another country, or the same office at another time (the outgoing president, not the president-elect).
  if (
    role.affiliation &&
    isCountry(role.affiliation) &&
    held.every((h) => isCountry(h.affiliation) && h.affiliation !== role.affiliation)
  )
    return true;
  if (held.some((h) => h.office === role.office && h.qualifier !== role.qualifier)) return true;
  // A named office the person is known to hold another of ("the Kremlin spokesman" is no army secretary).
  const specific = (o: string) => !['leader', 'minister', 'aide', 'envoy'].includes(o);
  return specific(role.office) && held.every((h) => specific(h.office) && h.office !== role.office);
}

/**
 * The person a definite description refers to: the latest main-clause subject of this sentence or
 * the two before it, unless what the text says of them contradicts the description. A description
 * matching an unnamed source the text mentioned ("a senior diplomat" … "the diplomat said") is
 * that source: no one named.
 */
function describedPerson(
  ctx: Pick<Context, 'doc' | 'datasetRoles' | 'antecedents' | 'gender'>,
  text: string,
  role?: RoleSense,
): { party?: Party; evidence: string; fit: RoleFit; unnamed?: string } | undefined {
  const words = normalizeName(text.replace(/['’]s\b/gu, '')).split(' ');
  const head = words.at(-1) ?? '';
  const country = words.length <= 2 && isDemonym(head) ? (affiliationOf(head) ?? head) : undefined;
  const gendered = /\b(?:spokes|chair|congress)(wo)?man\b/iu.exec(text);
  const gender = gendered ? (gendered[1] ? 'she' : 'he') : undefined;
  const now = ctx.doc.sentences.length;
  for (const a of [...ctx.antecedents].reverse()) {
    if (now - a.sentence > 2) break;
    if (a.embedded) continue;
    if (!a.party) {
      if (normalizeName(a.text).split(' ').includes(head))
        return {
          evidence: `“${text}” = ${a.text}, whom the text does not name`,
          fit: 'description',
          unnamed: a.text,
        };
      continue;
    }
    if (ctx.doc.parties.get(a.party)?.kind !== 'person') continue;
    if (gender && (ctx.gender.get(a.party) ?? gender) !== gender) continue;
    if (contradicts(ctx, a.party, role, country)) continue;
    // "The Kremlin spokesman" is someone the text ties to Russia, not merely whoever spoke last.
    const affiliation = role?.affiliation;
    if (
      affiliation &&
      ![...ctx.doc.roles, ...ctx.datasetRoles].some(
        (h) => h.party === a.party && h.role.affiliation === affiliation,
      )
    )
      continue;
    // A lone surname two people share ("Lee") is no one in particular.
    const name = ctx.doc.parties.get(a.party)?.name ?? '';
    if (
      a.party.startsWith('new:') &&
      !name.includes(' ') &&
      ctx.doc.registry.isSharedWord(normalizeName(name))
    )
      return undefined;
    return {
      party: a.party,
      fit: 'description',
      evidence: `“${text.trim()}” = ${a.text}, named just before`,
    };
  }
  return undefined;
}

const INVERTING = new Set([
  'said',
  'says',
  'added',
  'asked',
  'wrote',
  'continued',
  'replied',
  'stressed',
  'noted',
  'insisted',
  'declared',
]);

/** Adverbials between a subject and its verb that change nothing: "Rubio on Tuesday said". */
const TRAILING_ADVERBIAL =
  /(?:\s|^)(?:had|has|have|would|will|could|did|also|then|later|earlier|previously|reportedly|repeatedly|again|once again|publicly|privately|separately|first|initially|quickly|simply|further|today|yesterday|tonight|overnight|now|instead|himself|herself|themselves|itself|too|meanwhile|in turn|in response|for (?:his|her|their|its) part|(?:at|over) the weekend|on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?: (?:morning|afternoon|evening|night))?|(?:late|early|earlier|later) on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?: (?:morning|afternoon|evening|night))?|(?:this|last) (?:week|month|year|morning|afternoon|evening|night))$/u;

const ISSUED_DOCUMENT =
  /\b(?:had\s+|have\s+|has\s+)?(?:issued|released|published|adopted|signed|put out)\s+(?:a|an|the|their|its)\s+(?:[\p{L}-]+\s+){0,2}(?:statement|declaration|communiqu[eé]|readout)\s*,?\s*$/u;

const ISSUES =
  /\b(issued|released|published|adopted|signed|read out|put out|posted)\s+(?:a|an|the|their|its|his|her)\s+(?:[\p{L}-]+\s+){0,2}(?:statement|declaration|communiqu[eé]|readout)\b/u;

/** "The two delegations released a joint statement": later "the statement says" is theirs. */
function noteIssuedDocument(ctx: Context, s: Sentence): void {
  const text = ctx.doc.paragraphs[s.paragraph - 1]?.text ?? '';
  const sentence = maskQuotes(text, s, s.start, s.end);
  // "Kyiv's own readout, published by the Office of the President of Ukraine": the agent issued it.
  const by = PUBLISHED_BY.exec(sentence);
  const agent = by?.[1];
  // "signed by Mr Trump, President al-Sisi, … and President Erdogan": several issuers, no one of them.
  if (by && agent && /,|\band\b/u.test(agent)) {
    delete ctx.lastStatement;
    ctx.lastDocumentSentence = s.id;
    return;
  }
  if (by && agent) {
    const agentAt = s.start + by.index + by[0].length - agent.length;
    const m = s.mentions.find((x) => !x.inQuote && x.start >= agentAt && x.start < agentAt + agent.length);
    const party =
      (m && m.kind === 'person' ? partyOf(m) : undefined) ??
      institutionFor(ctx, s, agent) ??
      (m ? partyOf(m) : undefined);
    if (party) {
      ctx.lastStatement = party;
      ctx.lastDocumentSentence = s.id;
      return;
    }
  }
  const m = ISSUES.exec(sentence);
  if (m) {
    const at = s.start + m.index;
    const k = s.tokens.findIndex((t) => t.start >= at);
    const found = k >= 0 ? subjectBefore(ctx, s, k) : undefined;
    if (found?.party) {
      ctx.lastStatement = found.party;
      ctx.lastDocumentSentence = s.id;
      return;
    }
  }
  // "The Kremlin's account was longer …": a document as the sentence's subject is what "it said" next refers to.
  const opening =
    /^([^,;:“”"«»]{3,80}?)(?:,|\s+(?:was|is|were|are|had|has|opened|went|said|says|read|reads|added|adds)\b)/u.exec(
      sentence,
    )?.[1];
  if (opening && DOCUMENT_WORDS.test(opening)) resolvePhrase(ctx, s, opening);
}

/** "the draft, published overnight by the Brazilian presidency": a document and who issued it. */
const PUBLISHED_BY =
  /\b(?:statement|readout|declaration|communiqu[eé]|text|draft|document|account|transcript|letter|decree|memorandum)\b[^.;:]{0,60}?\b(?:published|issued|released|put out|posted|signed|adopted|circulated)\b[^.;:]{0,30}?\bby\s+((?:the\s+)?[^,.;:]{2,80})/u;

/** Noun phrases that stand for a group that issues statements. */
const GROUP_SUBJECT =
  /^(?:the\s+)?(?:(?:two|three|four|five|six|seven|eight|nine|ten|both|\d+)\s+)?(?:[\p{L}\d-]+\s+)?(?:leaders|delegations|sides|allies|governments|parties|countries|signatories|members|nations|partners|mediators|heads of state)$/iu;
const DOCUMENT_WORDS =
  /\b(?:statement|declaration|communiqu[eé]|readout|release|post|letter|decree|draft|document|account|transcript|memorandum)\b/i;
const UNNAMED =
  /^(?:a|an|one|two|three|several|some|many|other|senior|officials|diplomats|sources|people|analysts|experts|residents|witnesses)\b/i;

export interface SubjectFound {
  party?: Party;
  via: SubjectVia;
  text: string;
  confidence: number;
  evidence: string;
  unnamed?: string;
  /** For a pronoun: sentences back to its antecedent. */
  distance?: number;
  contested?: boolean;
  rivals?: Party[];
  roleFit?: RoleFit;
}

/** The noun phrase (at most six words) that ends at `end` in the sentence, from its determiner on. */
function phraseEndingAt(s: Sentence, end: number, text: string): string {
  const last = s.tokens.findIndex((t) => t.end === end);
  if (last < 0) return '';
  let k = last;
  while (k > 0 && last - k < 10) {
    const t = s.tokens[k - 1];
    const next = s.tokens[k];
    if (!t || !next || !/^[ \u00a0]+$/u.test(text.slice(t.end, next.start))) break;
    // A name's words are part of the phrase whatever the tagger made of them ("Downing Street spokesperson").
    const inName = s.mentions.some((m) => k - 1 >= m.ti && k - 1 < m.tj);
    if (
      !inName &&
      (t.pos === 'VERB' || t.pos === 'AUX' || t.pos === 'ADP' || t.pos === 'SCONJ' || t.pos === 'CCONJ')
    ) {
      // "the US Embassy in Nairobi": a post abroad is named with the city it is in.
      const post =
        t.lower === 'in' && /^(?:embassy|consulate|mission|delegation)$/iu.test(s.tokens[k - 2]?.lower ?? '');
      if (!(t.lower === 'of' || post || (t.pos === 'ADP' && /^(?:to|for)$/.test(t.lower)))) break;
    }
    k--;
    if (/^(?:the|a|an)$/.test(t.lower)) {
      // "A member of the Ukrainian delegation", "the head of the Russian delegation", "a
      // spokesperson for the prime minister": the phrase is headed by the noun before the preposition.
      const prep = s.tokens[k - 1]?.lower;
      const voice =
        /^(?:spokes(?:man|woman|person)|aide|adviser|advisor|representative|envoy|official)s?$/u.test(
          s.tokens[k - 2]?.lower ?? '',
        );
      if (!(prep === 'of' || ((prep === 'for' || prep === 'to') && voice)) || last - k >= 9) break;
    }
  }
  return text.slice(s.tokens[k]?.start ?? 0, end);
}

/** Whom a noun phrase that is not a name stands for: a role, a document, an institution, or no one named. */
function resolvePhrase(ctx: Context, s: Sentence, phrase: string): SubjectFound | undefined {
  const bare = phrase.trim();
  if (!bare) return undefined;
  const folded = normalizeName(bare);
  const head = folded.split(' ').at(-1) ?? '';
  if (DOCUMENT_WORDS.test(bare)) {
    // "the Kremlin readout", "the White House statement", "a statement from the Qatari foreign
    // ministry": the document of the institution it names.
    const from = /\b(?:from|by|of)\s+(.+)$/u.exec(bare)?.[1];
    const issuer =
      (from ? institutionFor(ctx, s, from) : undefined) ??
      institutionFor(ctx, s, bare.replace(DOCUMENT_TAIL, ''));
    if (issuer) {
      ctx.lastStatement = issuer;
      ctx.lastDocumentSentence = s.id;
      return {
        party: issuer,
        via: 'document',
        text: bare,
        confidence: 0.75,
        evidence: `“${bare}”: issued by ${ctx.doc.parties.get(issuer)?.name ?? issuer}`,
      };
    }
    const words = folded.split(' ');
    for (let i = 0; i < words.length; i++)
      for (const size of [2, 1]) {
        const aff = affiliationOf(words.slice(i, i + size).join(' '));
        const party = aff ? institutionParty(ctx, aff) : undefined;
        if (party) {
          ctx.lastStatement = party;
          ctx.lastDocumentSentence = s.id;
          return {
            party,
            via: 'document',
            text: bare,
            confidence: 0.75,
            evidence: `“${bare}”: issued by ${aff}`,
          };
        }
      }
    if (ctx.lastStatement) {
      ctx.lastDocumentSentence = s.id;
      return {
        party: ctx.lastStatement,
        via: 'document',
        text: bare,
        confidence: 0.75,
        evidence: `“${bare}”: the statement last attributed in the text`,
      };
    }
  }
  // "It went on: “…”", "it adds": the document the sentence before quoted.
  if (
    /^it$/i.test(bare) &&
    ctx.lastStatement &&
    ctx.lastDocumentSentence !== undefined &&
    s.id - ctx.lastDocumentSentence <= 2
  )
    return {
      party: ctx.lastStatement,
      via: 'document',
      text: bare,
      confidence: 0.75,
      evidence: `“${bare}”: the document quoted just before`,
    };
  // "A Kremlin spokesman", "a spokesperson for the Ukrainian defence ministry": an official voice the
  // text does not name speaks for its institution; "a spokesperson for the prime minister" speaks for
  // the office the article names for that post, else for no one the text names. A definite one
  // ("the Kremlin spokesman") is a person the text may have named.
  const role = parseRole(bare);
  const indefiniteVoice =
    /^(?:a|an|one)\s+(?:[\p{L}.'’-]+\s+){0,6}?(?:spokes(?:man|woman|person)|press officer)(?:\s+(?:for|of|at)\s+(.+))?$/iu.exec(
      bare,
    );
  if (indefiniteVoice) {
    const tail = indefiniteVoice[1];
    const tailRole = tail ? parseRole(tail) : undefined;
    const forPerson =
      tailRole !== undefined &&
      !['spokesperson'].includes(tailRole.office) &&
      !INSTITUTION_HEAD.test(tail ?? '');
    const office = forPerson && tailRole ? seatServing(ctx, tailRole) : undefined;
    const voiceOf = bare
      .replace(/^(?:a|an|one)\s+/iu, '')
      .replace(/\s*(?:spokes(?:man|woman|person)|press officer)\b.*$/iu, '');
    const affiliation = forPerson
      ? undefined
      : ((tail ? affiliationOfPhrase(tail) : undefined) ?? role?.affiliation);
    const party =
      office ??
      (forPerson
        ? undefined
        : (institutionFor(ctx, s, tail ?? voiceOf) ??
          (affiliation ? institutionParty(ctx, affiliation) : undefined)));
    if (party)
      return {
        party,
        via: 'institution',
        text: bare,
        confidence: 0.7,
        evidence: `“${bare}” speaks for ${ctx.doc.parties.get(party)?.name ?? affiliation}`,
      };
    return {
      via: 'name',
      text: bare,
      confidence: 0,
      evidence: `an unnamed official: “${bare}”`,
      unnamed: bare,
    };
  }
  // "the Prime Minister's official spokesman", "the Foreign Office's spokeswoman": the voice of an
  // office the article names (Downing Street) or of an institution.
  const possessiveVoice =
    /^(?:the\s+)?(.{2,60}?)['’]s\s+(?:official\s+|chief\s+|deputy\s+|own\s+)?(?:spokes(?:man|woman|person)|press secretary|press office)$/iu.exec(
      bare,
    );
  if (possessiveVoice?.[1]) {
    const owner = possessiveVoice[1];
    const ownerRole = parseRole(owner);
    const party = ownerRole ? seatServing(ctx, ownerRole) : institutionFor(ctx, s, owner);
    if (party)
      return {
        party,
        via: 'institution',
        text: bare,
        confidence: 0.7,
        evidence: `“${bare}” speaks for ${ctx.doc.parties.get(party)?.name ?? party}`,
      };
  }
  // "One Latin American negotiator", "a senior diplomat": someone the text does not name, whatever their role.
  if (/^(?:a|an|one|another|two|three|several|some|many|other)\s/i.test(bare))
    return {
      via: 'name',
      text: bare,
      confidence: 0,
      evidence: `an unnamed source: “${bare}”`,
      unnamed: bare,
    };
  // "the White House", "the Qatari foreign ministry", "the Israeli prime minister's office", "the
  // Rwandan government": an institution, unless the phrase is headed by a person ("the European
  // Commission chief").
  const personHead =
    (role !== undefined || DESCRIPTION_HEAD.test(head) || isDemonym(head)) &&
    !INSTITUTION_HEAD.test(bare) &&
    !STATE_HEAD.test(bare);
  const institution = personHead ? undefined : institutionFor(ctx, s, bare);
  if (institution)
    return {
      party: institution,
      via: 'institution',
      text: bare,
      confidence: 0.7,
      evidence: `“${bare}” speaks for ${ctx.doc.parties.get(institution)?.name ?? institution}`,
    };
  // "the group said", "the movement said": the organisation the text last named.
  const orgAnaphor =
    /^the\s+(?:group|movement|organi[sz]ation|militia|party|agency|bloc|alliance|coalition|rebels?)$/iu.exec(
      bare,
    );
  if (orgAnaphor) {
    const org = latestOrganisation(ctx, s);
    if (org)
      return {
        party: org,
        via: 'institution',
        text: bare,
        confidence: 0.6,
        evidence: `“${bare}” = ${ctx.doc.parties.get(org)?.name ?? org}, the organisation named last`,
      };
  }
  if (GROUP_SUBJECT.test(bare)) {
    const group = latestGroup(ctx, s, bare);
    return group
      ? {
          party: group,
          via: 'group',
          text: bare,
          confidence: 0.7,
          evidence: `“${bare}”: ${group} (the group the text names)`,
        }
      : undefined;
  }
  if (role) {
    // "the bloc's top diplomat": the organisation of states the text is about.
    if (!role.affiliation && /\bbloc\b/u.test(folded)) {
      const group = latestGroup(ctx, s, bare);
      const name = group ? ctx.doc.parties.get(group)?.name : undefined;
      const affiliation = name ? affiliationOf(name) : undefined;
      if (affiliation) {
        role.affiliation = affiliation;
        const rest = role.modifiers?.filter((w) => w !== 'bloc') ?? [];
        if (rest.length > 0) role.modifiers = rest;
        else delete role.modifiers;
      }
    }
    const r = resolveRole(ctx, role);
    if (r)
      return {
        party: r.party,
        via: 'role',
        text: bare,
        confidence: r.confidence,
        evidence: r.evidence,
        roleFit: r.fit,
      };
    return {
      via: 'role',
      text: bare,
      confidence: 0,
      evidence: `no one known holds “${bare}”`,
      unnamed: bare,
    };
  }
  // "the defeated candidate", "the Estonian", "the 75-year-old": someone the text has just named.
  if (/^(?:the|his|her|their)\s/i.test(bare) && (DESCRIPTION_HEAD.test(head) || isDemonym(head))) {
    const d = describedPerson(ctx, bare);
    if (d?.party)
      return {
        party: d.party,
        via: 'role',
        text: bare,
        confidence: 0.6,
        evidence: d.evidence,
        roleFit: 'description',
      };
    if (d?.unnamed)
      return { via: 'name', text: bare, confidence: 0, evidence: d.evidence, unnamed: d.unnamed };
  }
  // "Moscow", "Kyiv", "Washington": a capital speaks for its state.
  const capital = affiliationOf(folded.replace(/^the /u, ''));
  if (capital && countryOf(capital))
    return {
      party: stateParty(ctx, capital),
      via: 'institution',
      text: bare,
      confidence: 0.7,
      evidence: `“${bare}” speaks for ${capital}`,
    };
  // "the Western diplomat", "officials": a person the text does not name. "the goals" is nobody.
  if (
    (UNNAMED.test(bare) || /^(?:the|a|an)\s/i.test(bare)) &&
    (PERSON_NOUN.test(bare) || DESCRIPTION_HEAD.test(head))
  )
    return {
      via: 'name',
      text: bare,
      confidence: 0,
      evidence: `an unnamed source: “${bare}”`,
      unnamed: bare,
    };
  return undefined;
}

/** The document noun that ends a phrase ("the White House readout" → "the White House"). */
const DOCUMENT_TAIL =
  /(?:['’]s)?\s+(?:own\s+)?(?:[\p{Ll}-]+\s+)?(?:statement|declaration|communiqu[eé]|readout|release|post|letter|decree|account|draft|document|text|transcript|summary)s?$/iu;

/** Head nouns of an institution that speaks as itself ("the Qatari foreign ministry"), not as its state. */
const INSTITUTION_HEAD =
  /\b(?:ministry|office|department|presidency|agency|council|commission|embassy|mission|secretariat|cabinet|palace|parliament|senate|congress|committee|court|assembly|command|directorate|service|bureau|chancellery)$/iu;
/** Head nouns that stand for the state itself: "the Rwandan government", "the Chinese side". */
const STATE_HEAD =
  /\b(?:government|administration|authorities|side|leadership|officials|delegation|regime)$/iu;

/** The organisation actor for an institution as printed ("Qatari foreign ministry"), or the dataset's. */
function institutionActor(ctx: Context, printed: string): Party {
  const asPrinted = printed
    .trim()
    .replace(/^(?:the|a|an)\s+/iu, '')
    .replace(/['’]s$/u, '');
  // "No 10" and "Downing Street" are one institution, filed under the name a curator would use;
  // so are "China's Foreign Ministry" and "the Chinese foreign ministry".
  const name = seatOf(asPrinted)?.canonical ?? countryInstitutionName(asPrinted) ?? asPrinted;
  const key = normalizeName(name);
  for (const a of ctx.lex.actors.values())
    if (a.kind !== 'person' && [a.name, ...a.aliases].some((n) => normalizeName(n) === key)) return a.id;
  const shown = name.charAt(0).toUpperCase() + name.slice(1);
  const entry = ctx.doc.registry.note(key, shown, 'organization', 0, 'an institution that speaks', asPrinted);
  if (entry.kind !== 'organization') {
    entry.kind = 'organization';
    entry.basis = 'an institution that speaks';
  }
  const party = `new:${entry.key}`;
  const info = ctx.doc.parties.get(party);
  if (info) {
    info.kind = 'organization';
    info.asActor = true;
  } else ctx.doc.parties.set(party, { party, name: entry.name, kind: 'organization', asActor: true });
  return party;
}

/**
 * One name for a country's institution however the text prints it: "China's foreign ministry",
 * "the Chinese Foreign Ministry" → "Chinese Foreign Ministry"; "the US embassy in Nairobi" → "US
 * Embassy in Nairobi".
 */
function countryInstitutionName(printed: string): string | undefined {
  const m =
    /^(.+?)(['’]s?)?\s+((?:[\p{L}-]+\s+){0,3}?[\p{L}-]+)((?:\s+(?:in|to)\s+[\p{Lu}][\p{L}-]*(?:\s+[\p{Lu}][\p{L}-]*)?)?)$/u.exec(
      printed,
    );
  if (!m) return undefined;
  const [, owner = '', , rest = '', where = ''] = m;
  const country = countryOf(owner) ?? affiliationOf(owner);
  // A government is an institution of its own; "the Chinese side", "Ukrainian officials" are the state.
  if (!country || !countryOf(country) || !(INSTITUTION_HEAD.test(rest) || /\bgovernment$/iu.test(rest)))
    return undefined;
  if (affiliationOfPhrase(rest)) return undefined;
  const demonym = demonymOf(country);
  if (!demonym) return undefined;
  const head = rest.replace(/(^|\s)(\p{L})/gu, (_, sep: string, c: string) => `${sep}${c.toUpperCase()}`);
  return `${demonym} ${head}${where}`;
}

/**
 * The institution a noun phrase names, if it names one: a dataset organisation or alias
 * ("the Kremlin" → Russia), a seat of government ("Downing Street"), an organisation the text names
 * ("the Ministry of Commerce"), an office or ministry of a country as printed ("the Israeli prime
 * minister's office"), or the state behind a government ("the Rwandan government").
 */
function institutionFor(ctx: Context, s: Sentence, phrase: string): Party | undefined {
  const bare = phrase.trim().replace(/^(?:the|a|an)\s+/iu, '');
  if (!bare || /^(?:he|she|it|they|we|i|you)$/iu.test(bare)) return undefined;
  const folded = normalizeName(bare.replace(/['’]s\b/gu, ''));
  for (const a of ctx.lex.actors.values())
    if (a.kind !== 'person' && [a.name, ...a.aliases].some((n) => normalizeName(n) === folded)) return a.id;
  if (seatOf(folded)) return institutionActor(ctx, bare);
  // A country's ministry, embassy or government as it prints it ("China's Foreign Ministry"): the
  // institution, not the country, nor a "Foreign Ministry" of no country.
  if (countryInstitutionName(bare)) return institutionActor(ctx, bare);
  // An organisation the text names inside the phrase ("An International Atomic Energy Agency").
  const at = ctx.doc.paragraphs[s.paragraph - 1]?.text.indexOf(bare, s.start) ?? -1;
  const org = s.mentions.find(
    (m) =>
      !m.inQuote &&
      (m.kind === 'organization' || (m.actor && m.kind !== 'person' && m.kind !== 'state')) &&
      at >= 0 &&
      m.start >= at &&
      m.end <= at + bare.length,
  );
  if (org) {
    const party = partyOf(org);
    if (party) return party;
  }
  if (/^(?:[\p{Lu}][\p{L}.'’-]*\s+){0,3}[\p{Lu}][\p{L}]+$/u.test(bare) && ORG_HEAD_CAPS.test(bare))
    return institutionActor(ctx, bare);
  const country = affiliationOfPhrase(bare.replace(/['’]s\b/gu, ''));
  if (!country || !countryOf(country)) return undefined;
  if (STATE_HEAD.test(bare)) return stateParty(ctx, country);
  if (INSTITUTION_HEAD.test(bare) && bare.split(/\s+/).length <= 5) return institutionActor(ctx, bare);
  return undefined;
}

/** Capitalised organisation names that speak ("Ministry of Commerce", "State Department"). */
const ORG_HEAD_CAPS =
  /\b(?:Ministry|Office|Department|Agency|Council|Commission|Committee|Embassy|Mission|Secretariat|Presidency|Parliament|Government)\b/u;

/** The seat the article names for an office a spokesperson speaks for: "the prime minister" → Downing Street. */
function seatServing(ctx: Context, role: RoleSense): Party | undefined {
  const named = new Map<string, string>();
  for (const s of ctx.doc.sentences)
    for (const m of s.mentions) {
      const seat = seatOf(m.text.replace(/['’]s$/u, ''));
      if (seat?.offices.includes(role.office) && (!role.affiliation || role.affiliation === seat.country))
        named.set(seat.canonical, m.text);
    }
  // Names the reading has not reached yet count too: the whole text is the article's own naming.
  const text = normalizeName(ctx.doc.paragraphs.map((p) => p.text).join(' '));
  for (const seat of seats())
    if (
      seat.offices.includes(role.office) &&
      (!role.affiliation || role.affiliation === seat.country) &&
      new RegExp(`\\b${seat.name.source.replace(/^\^|\$$/gu, '')}\\b`, 'u').test(text)
    )
      named.set(seat.canonical, named.get(seat.canonical) ?? seat.canonical);
  if (named.size !== 1) return undefined;
  const [printed] = [...named.values()];
  return printed ? institutionActor(ctx, printed) : undefined;
}

/** The organisation the text named last before this sentence's subject ("the group" = the Rapid Support Forces). */
function latestOrganisation(ctx: Context, s: Sentence): Party | undefined {
  const recent = [...ctx.doc.sentences, s].filter((x) => x.id >= s.id - 6).reverse();
  const isOrg = (p: Party) => ctx.doc.parties.get(p)?.kind === 'organization';
  // A main clause's subject first ("Sudan's Rapid Support Forces … said"), not one inside a clause
  // ("an assault that the United Nations said …").
  for (const x of recent)
    for (const p of [...x.parties].reverse()) if (p.main && isOrg(p.party)) return p.party;
  for (const x of recent) for (const p of [...x.parties].reverse()) if (isOrg(p.party)) return p.party;
  return undefined;
}

/** The country or organisation a phrase names in one or two words ("the Ukrainian defence ministry" → ukraine). */
function affiliationOfPhrase(phrase: string): string | undefined {
  const words = normalizeName(phrase).split(' ');
  for (let i = 0; i < words.length; i++)
    for (const size of [3, 2, 1]) {
      const a = affiliationOf(words.slice(i, i + size).join(' '));
      if (a) return a;
    }
  return undefined;
}

/** The party of an affiliation: a country's state, or an organisation the dataset knows ("nato"). */
function institutionParty(ctx: Context, affiliation: string): Party | undefined {
  if (countryOf(affiliation)) return stateParty(ctx, affiliation);
  for (const a of ctx.lex.actors.values())
    if (a.kind !== 'person' && [a.name, ...a.aliases].some((n) => affiliationOf(n) === affiliation))
      return a.id;
  return undefined;
}

/** The dataset's actor for a country, else a new state party. */
function stateParty(ctx: Context, country: string): Party {
  for (const a of ctx.lex.actors.values())
    if (a.kind === 'state' && [a.name, ...a.aliases].some((n) => countryOf(n) === country)) return a.id;
  const key = country;
  const name = country.replace(/\b\p{L}/gu, (c) => c.toUpperCase());
  ctx.doc.registry.note(key, name, 'state', 0, 'a country the text speaks for');
  const party = `new:${key}`;
  if (!ctx.doc.parties.has(party)) ctx.doc.parties.set(party, { party, name, kind: 'state' });
  const info = ctx.doc.parties.get(party);
  if (info) info.asActor = true;
  return party;
}

/** "The leaders said": the organisation the text last named (NATO, G7), else the state named first. */
function latestGroup(ctx: Context, s: Sentence, phrase = ''): Party | undefined {
  const text = ctx.doc.paragraphs[s.paragraph - 1]?.text ?? '';
  const at = phrase ? text.indexOf(phrase, s.start) : -1;
  // Names before the group noun only: "the leaders expressed «…» … the World Trade Organization" is not the WTO.
  const seen = [...ctx.doc.sentences.filter((x) => x.id >= s.id - 10), s].flatMap((x) =>
    x.mentions
      .filter((m) => !m.inQuote && (x !== s || at < 0 || m.end <= at + phrase.length))
      .map((m) => ({ ...m, next: x.tokens[m.tj]?.lower ?? '' })),
  );
  // "the G7 summit", "NATO leaders", "the BRICS declaration": an organisation of states.
  const grouping =
    /^(?:summit|leaders|members|allies|nations|countries|states|meeting|partners|declaration|communique)$/;
  const orgs = [...seen].reverse().filter((m) => m.kind === 'organization' && partyOf(m));
  const org =
    orgs.find((m) => grouping.test(m.next) || isGrouping(m.text)) ?? orgs.find((m) => isGrouping(m.text));
  if (org) return partyOf(org);
  // Else, for two parties ("the two delegations", "both sides"), a country of the pair: one this
  // sentence names before it, else one the story's opening names (where a news story says who its
  // parties are), else the first one named lately. A larger group with no name is nobody in particular.
  if (phrase && !/\b(?:two|both)\b|\b(?:delegations|sides)$/iu.test(phrase)) return undefined;
  const isState = (m: Mention) => m.kind === 'state' && partyOf(m) !== undefined && !m.afterPlacePrep;
  const own = s.mentions.find((m) => !m.inQuote && isState(m) && (at < 0 || m.end <= at));
  const lede = ctx.doc.sentences
    .filter((x) => !ctx.doc.paragraphs[x.paragraph - 1]?.furniture)
    .slice(0, 3)
    .flatMap((x) => x.mentions.filter((m) => !m.inQuote && isState(m)));
  const state = own ?? lede[0] ?? seen.find(isState);
  return state ? partyOf(state) : undefined;
}

/** Organisations of states that issue joint texts. */
function isGrouping(name: string): boolean {
  return /^(?:g ?7|g ?8|g ?20|brics|nato|asean|eu|european union|african union|au|sco|opec|gcc|arab league|mercosur|ecowas|oas|csto|quad|un security council|security council|coalition of the willing)$/u.test(
    normalizeName(name),
  );
}

/** Nouns that head "a spokesperson for X", "an aide to X", "the office of X": someone speaking for X. */
const FOR_SOMEONE =
  /(?:^|\s)((?:(?:a|an|the|one|two|several|some)\s+)?(?:[\p{L}-]+\s+){0,2}(?:spokes(?:man|woman|person)|aide|adviser|advisor|lawyer|attorney|office|representative|source|sources|people|person|ally|allies|friend|official|officials|wife|husband|son|daughter|brother|sister|envoy|counterpart)s?)\s+(?:for|to|of|close to|near|with|from|on behalf of)\s*$/iu;

/** The noun phrase a preposition before a mention hangs it on ("a spokesperson" in "a spokesperson for X"). */
function governingNoun(s: Sentence, m: Mention, text: string): string | undefined {
  const start = s.tokens[m.titleStart]?.start ?? m.start;
  const before = text.slice(s.start, start).replace(/(?:the\s+)?$/u, '');
  return FOR_SOMEONE.exec(before)?.[1];
}

function mentionEndingAt(s: Sentence, end: number): Mention | undefined {
  return (
    s.mentions.find((m) => m.end === end && !m.inQuote) ??
    s.mentions.find((m) => m.end === end - 2 && m.possessive === false && !m.inQuote)
  );
}

/** The text of a sentence between two offsets, with every quote's words blanked out (same length). */
function maskQuotes(text: string, s: Sentence, from: number, to: number): string {
  let out = text.slice(from, to);
  for (const q of s.quotes) {
    const a = Math.max(q.open, from);
    const b = Math.min(q.end, to);
    if (a < b) out = `${out.slice(0, a - from)}${'_'.repeat(b - a)}${out.slice(b - from)}`;
  }
  return out;
}

/** Between a name and "who": nothing, or an appositive (", the German chancellor,", ", a former minister and aide"). */
function isAppositiveGap(gap: string): boolean {
  if (/^\s*,?\s*$/u.test(gap)) return true;
  return (
    /^,\s+(?:the|a|an|[\p{Lu}][\p{L}]*['’]s)\s+[^,;:“”"]{1,90}?,?\s*$/u.test(gap) &&
    !/\b(?:said|says|told)\b/u.test(gap)
  );
}

/** The subject before a say-verb, over adverbials and comma parentheticals ("X, who …, said"). */
function subjectBefore(ctx: Context, s: Sentence, k: number): SubjectFound | undefined {
  const text = ctx.doc.paragraphs[s.paragraph - 1]?.text ?? '';
  const verb = s.tokens[k];
  if (!verb) return undefined;
  // Quoted words are no part of the clause's grammar: "«…, but …,» Kremlin aide Yuri Ushakov, speaking …, said".
  let before = maskQuotes(text, s, s.start, verb.start);
  for (let guard = 0; guard < 6; guard++) {
    before = before.replace(/\s+$/u, '');
    const adverbial = TRAILING_ADVERBIAL.exec(before);
    if (adverbial?.[0].trim()) {
      before = before.slice(0, adverbial.index);
      continue;
    }
    const parenthetical = /,\s*[^,“”"‘«»]{1,160},$/u.exec(before);
    if (parenthetical && parenthetical.index > 0 && !/[“”"’»]$/.test(before.slice(0, parenthetical.index))) {
      // "the Russian Foreign Ministry spokeswoman, Maria Zakharova, said": the name in commas speaks,
      // when what it follows is a noun phrase ("Her Rwandan counterpart, X, said"), not a clause
      // or a participle ("X, flanked by Y and the chief of staff, Z, told": X speaks).
      const inner = s.start + parenthetical.index;
      const named = s.mentions.find(
        (m) =>
          (m.kind === 'person' || m.kind === 'unknown') &&
          !m.inQuote &&
          m.start >= inner &&
          m.end <= s.start + before.length,
      );
      const letters = (x: string) => x.replace(/[^\p{L}]/gu, '');
      // The name alone, or with its title or honorific ("Sheikh Tamim …", "President X").
      const titled = named ? text.slice(s.tokens[named.titleStart]?.start ?? named.start, named.end) : '';
      const between = letters(text.slice(inner, s.start + before.length));
      const onlyName = named && (between === letters(named.text) || between === letters(titled));
      const headStart = Math.max(before.slice(0, parenthetical.index).search(/[,;:(][^,;:(]*$/u) + 1, 0);
      const head = s.tokens.filter((t) => !t.inQuote && t.start >= s.start + headStart && t.end <= inner);
      const headIsNounPhrase = head.length > 0 && !head.some((t) => t.pos === 'VERB' || t.pos === 'AUX');
      const party =
        onlyName && named && headIsNounPhrase ? (partyOf(named) ?? promote(ctx, named)) : undefined;
      if (named && party)
        return {
          party,
          via: 'name',
          text: named.text,
          confidence: 0.9,
          evidence: `${named.text} ${verb.raw}`,
        };
      before = `${before.slice(0, parenthetical.index)},`;
      continue;
    }
    break;
  }
  before = before.replace(/[\s,]+$/u, '');
  const end = s.start + before.length;
  const relative = /,?\s+(who|which)$/u.exec(before);
  if (relative) {
    // "X, who …", "Friedrich Merz, the German chancellor, who …", "Medinsky, a former minister who …".
    const at = s.start + relative.index;
    const m = [...s.mentions]
      .reverse()
      .find((x) => !x.inQuote && x.end <= at && isAppositiveGap(text.slice(x.end, at)));
    const party = m
      ? (partyOf(m) ??
        (relative[1] === 'who' ? promote(ctx, m) : m.end === at ? institutionFor(ctx, s, m.text) : undefined))
      : undefined;
    if (m && party && (relative[1] === 'who' || ctx.doc.parties.get(party)?.kind !== 'person'))
      return { party, via: 'who', text: m.text, confidence: 0.9, evidence: `${m.text}, ${relative[1]} …` };
    if (relative[1] === 'which') {
      // "according to a statement from the Qatari foreign ministry, which said": the phrase before it.
      const head = before.slice(0, relative.index);
      const cut = Math.max(
        head.lastIndexOf(','),
        ...[' to ', ' by '].map((w) => {
          const i = head.lastIndexOf(w);
          return i < 0 ? -1 : i + w.length - 1;
        }),
      );
      const phrase = head.slice(cut + 1).trim();
      const found = phrase.length >= 2 ? resolvePhrase(ctx, s, phrase) : undefined;
      if (found) return found;
    }
  }
  // "China's Foreign Ministry said", "the US Embassy in Nairobi said": the country's institution,
  // not "Foreign Ministry" of no country, nor the country, nor the city.
  const owned = phraseEndingAt(s, end, text).replace(/^(?:the|a|an)\s+/iu, '');
  if (countryInstitutionName(owned)) {
    const party = institutionFor(ctx, s, owned);
    if (party)
      return {
        party,
        via: 'institution',
        text: owned,
        confidence: 0.8,
        evidence: `${owned} speaks as an institution`,
      };
  }
  let m = mentionEndingAt(s, end);
  // "President Emmanuel Macron of France said": the person, not the country after "of".
  if (
    m &&
    (m.kind === 'state' || m.kind === 'place' || m.kind === 'unknown') &&
    s.tokens[m.titleStart - 1]?.lower === 'of'
  ) {
    const holder = mentionEndingAt(s, s.tokens[m.titleStart - 2]?.end ?? -1);
    if (holder?.kind === 'person' || holder?.kind === 'unknown') m = holder;
  }
  // "a spokesperson for Prime Minister X said", "an aide to X said", "sources close to X said":
  // the name is the object of a preposition; the speaker is the phrase before it.
  const governed = m ? governingNoun(s, m, text) : undefined;
  if (m && governed) {
    if (m.kind === 'person') {
      const holderOf = m.text;
      return {
        via: 'name',
        text: governed,
        confidence: 0,
        evidence: `“${governed}” of ${holderOf}: not ${holderOf}, and not named`,
        unnamed: governed,
      };
    }
    const phrase = text.slice(s.start, end).slice(text.slice(s.start, end).lastIndexOf(governed));
    return resolvePhrase(ctx, s, phrase);
  }
  // "the White House said", "Downing Street said": the seat of government speaks as itself.
  const seat = m?.unknown && !m.possessive ? institutionFor(ctx, s, m.text) : undefined;
  if (m && seat)
    return {
      party: seat,
      via: 'institution',
      text: m.text,
      confidence: 0.8,
      evidence: `${m.text} speaks as an institution`,
    };
  if (m && !m.possessive) {
    const party = partyOf(m) ?? promote(ctx, m);
    if (party) {
      // "the US president", "the Kremlin chief": a state named inside a role phrase is not the speaker.
      if (m.kind === 'state' || m.kind === 'organization') {
        const phrase = phraseEndingAt(s, end, text);
        if (parseRole(phrase)) return resolvePhrase(ctx, s, phrase);
      }
      return { party, via: 'name', text: m.text, confidence: 0.95, evidence: `${m.text} ${verb.raw}` };
    }
  }
  const last = s.tokens.find((t) => t.end === end);
  if (last && (last.lower === 'he' || last.lower === 'she')) {
    const pr = s.pronouns.find((p) => s.tokens[p.ti] === last);
    return pr ? pronounSubject(pr, last.raw) : undefined;
  }
  if (last?.lower === 'it') return resolvePhrase(ctx, s, 'it');
  if (last && /^(?:they|we|i|you)$/.test(last.lower)) return undefined;
  if (!last || last.pos === 'PUNCT') return undefined;
  // A phrase ending in a role word even when the tagger read it as something else.
  const phrase = phraseEndingAt(s, end, text);
  const sentenceStart = s.start === text.indexOf(phrase, s.start) || /^(?:the|a|an)\s/i.test(phrase);
  return sentenceStart || /^[\p{Lu}]/u.test(phrase) ? resolvePhrase(ctx, s, phrase) : undefined;
}

/** "he said": the person the pronoun refers to, or no one named when it refers to an unnamed speaker. */
function pronounSubject(pr: Pronoun, raw: string): SubjectFound | undefined {
  if (pr.party)
    return {
      party: pr.party,
      via: 'pronoun',
      text: raw,
      confidence: 0.85,
      evidence: `“${raw}” = ${pr.antecedent}${(pr.distance ?? 0) > 1 ? ` (${pr.distance} sentences back)` : ''}${pr.contested ? ', with someone else named since' : ''}${pr.rivals ? `; it could also be ${pr.rivals.join(', ')}` : ''}`,
      distance: pr.distance ?? 0,
      ...(pr.contested ? { contested: true } : {}),
      ...(pr.rivals ? { rivals: pr.rivals } : {}),
    };
  if (pr.unnamed)
    return {
      via: 'pronoun',
      text: raw,
      confidence: 0,
      evidence: `“${raw}” = ${pr.antecedent}, whom the text does not name`,
      unnamed: pr.antecedent ?? raw,
    };
  return undefined;
}

/** An unknown name that turns out to speak is a person. */
function promote(ctx: Context, m: Mention): Party | undefined {
  if (!m.unknown || m.kind === 'place' || m.kind === 'event') return undefined;
  // A lone capitalised word that speaks: an acronym is an organisation ("BRICS said"), a plural a
  // group ("Democrats said") that is no one's name; anything else a person, on weak evidence.
  const lone = !m.unknown.includes(' ');
  if (
    lone &&
    /^(?:[\p{Lu}\d]{2,}|[\p{Lu}][\p{L}]*(?:ans|ists|ats|ers|ives|ics))$/u.test(m.text.replace(/['’]s$/u, ''))
  ) {
    if (!/^[\p{Lu}\d]{2,}$/u.test(m.text)) return undefined;
    const entry = ctx.doc.registry.unknown.get(m.unknown);
    if (entry && entry.kind === 'unknown') {
      entry.kind = 'organization';
      entry.basis = 'an acronym that speaks';
    }
    m.kind = 'organization';
  } else if (m.kind !== 'organization' && m.kind !== 'state') {
    ctx.doc.registry.markPerson(
      m.unknown,
      lone ? 'a lone name, subject of a say-verb' : 'subject of a say-verb',
    );
    m.kind = 'person';
  }
  const party = partyOf(m);
  if (party) registerParty(ctx, party, m);
  if (party && !ctx.doc.parties.has(party)) return undefined;
  const info = party ? ctx.doc.parties.get(party) : undefined;
  if (info) info.kind = m.kind;
  return party;
}

/** The speaker after an inverted verb: "…," said Macron / said the Kremlin spokesman. */
function subjectAfter(ctx: Context, s: Sentence, k: number): SubjectFound | undefined {
  const text = ctx.doc.paragraphs[s.paragraph - 1]?.text ?? '';
  const next = s.tokens[k + 1];
  if (!next) return undefined;
  const m = s.mentions.find((x) => (x.titleStart === k + 1 || x.ti === k + 1) && !x.inQuote);
  if (m && m.kind !== 'state') {
    const party = partyOf(m) ?? promote(ctx, m);
    if (party)
      return {
        party,
        via: 'inverted',
        text: m.text,
        confidence: 0.95,
        evidence: `${s.tokens[k]?.raw} ${m.text}`,
      };
  }
  if (next.lower === 'he' || next.lower === 'she') {
    const pr = s.pronouns.find((p) => p.ti === k + 1);
    const found = pr ? pronounSubject(pr, next.raw) : undefined;
    if (found) return found;
  }
  const rest = /^[^,.;:!?“”"]{2,80}/u.exec(text.slice(next.start))?.[0] ?? '';
  return rest ? resolvePhrase(ctx, s, rest.trim()) : undefined;
}

/** Say-verbs outside quotes, each with its subject when the words around it name one. */
function findSayVerbs(ctx: Context, s: Sentence): SayVerb[] {
  const out: SayVerb[] = [];
  const tokens = s.tokens;
  const text = ctx.doc.paragraphs[s.paragraph - 1]?.text ?? '';
  const named = new Set(s.mentions.flatMap((m) => Array.from({ length: m.tj - m.ti }, (_, i) => m.ti + i)));
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (!t || t.inQuote || named.has(k) || (t.cap && !t.initial)) continue;
    const next = tokens[k + 1]?.lower;
    let verb = t.lower;
    let position = POSITION_VERBS.get(verb);
    if (['called', 'calls', 'calling'].includes(verb) && (next === 'for' || next === 'on')) {
      verb = `${verb} ${next}`;
      position = 'demand';
    } else if ((verb === 'made' || verb === 'make' || verb === 'makes') && next === 'clear') {
      verb = `${verb} clear`;
      position = 'statement';
    } else if (verb === 'according' && next === 'to') {
      // "According to him, the conversation was …": whom the pronoun refers to.
      const pronoun = s.pronouns.find((x) => x.ti === k + 2);
      const viaPronoun = pronoun ? pronounSubject(pronoun, tokens[k + 2]?.raw ?? '') : undefined;
      if (pronoun) {
        if (viaPronoun?.party) out.push(say(k, 'according to', { ...viaPronoun, party: viaPronoun.party }));
        else if (viaPronoun?.unnamed) {
          const entry = say(k, 'according to');
          entry.unnamed = viaPronoun.unnamed;
          out.push(entry);
        }
        continue;
      }
      const m = s.mentions.find((x) => x.titleStart === k + 2 || x.ti === k + 2);
      const party = m ? (partyOf(m) ?? promote(ctx, m)) : undefined;
      if (party && m)
        out.push(
          say(k, 'according to', {
            party,
            via: 'according-to',
            text: m.text,
            confidence: 0.9,
            evidence: `according to ${m.text}`,
          }),
        );
      else {
        const rest = /^[^,.;:“”"]{2,90}/u.exec(text.slice(tokens[k + 2]?.start ?? s.end))?.[0] ?? '';
        const by = /\bby\s+(.+)$/u.exec(rest)?.[1];
        const found = resolvePhrase(ctx, s, by ?? rest);
        if (found?.party)
          out.push(
            say(k, 'according to', {
              party: found.party,
              via: found.via,
              text: found.text,
              confidence: Math.min(found.confidence, 0.8),
              evidence: `according to ${rest.trim()}`,
            }),
          );
      }
      continue;
    } else if (!SAY_VERBS.has(verb) && !SAY_PARTICIPLES.has(verb)) continue;
    if (t.pos === 'NOUN' && !SAY_PARTICIPLES.has(verb)) continue;
    if (verb === 'told' && PASSIVE_AUX.has(tokens[k - 1]?.lower ?? '')) continue;
    const participle = SAY_PARTICIPLES.has(t.lower) && !position;
    const passive = PASSIVE_AUX.has(tokens[k - 1]?.lower ?? '');
    const perfect = ['has', 'have', "'s"].includes(tokens[k - 1]?.lower ?? '');
    // The verb follows a quote it attributes: only punctuation between the closing mark and the verb.
    const lastQuote = s.quotes.filter((q) => q.end <= t.start).at(-1);
    const inverted =
      lastQuote !== undefined &&
      /^[\s,.;:!?—–-]*$/u.test(text.slice(lastQuote.end, t.start)) &&
      INVERTING.has(t.lower);
    const entry = say(k, verb, undefined, position, participle, passive, perfect, inverted);
    if (!passive && !participle) {
      const found = subjectBefore(ctx, s, k) ?? (inverted ? subjectAfter(ctx, s, k) : undefined);
      if (found?.party)
        entry.subject = {
          party: found.party,
          via: found.via,
          text: found.text,
          confidence: found.confidence,
          evidence: found.evidence,
          ...(found.distance !== undefined ? { distance: found.distance } : {}),
          ...(found.roleFit ? { roleFit: found.roleFit } : {}),
          ...(found.contested ? { contested: true } : {}),
          ...(found.rivals ? { rivals: found.rivals } : {}),
        };
      else if (found?.unnamed) entry.unnamed = found.unnamed;
      // "X said in a statement": later "the statement said" is X's.
      if (
        entry.subject &&
        /^\s*(?:\S+\s+){0,3}?in\s+(?:a|an|its|his|her|their)\s+(?:[\p{L}-]+\s+)?(?:statement|declaration|post)/u.test(
          text.slice(t.end, s.end),
        )
      )
        ctx.lastStatement = entry.subject.party;
    }
    out.push(entry);
  }
  // Participles take the subject of the sentence's main say-verb: "…, adding that …".
  const main = out.find((v) => v.subject && !v.participle);
  for (const v of out) {
    if (!v.participle || v.subject) continue;
    // "the leaders issued a joint statement saying …": the statement's issuers.
    const t = tokens[v.ti];
    const doc = t ? ISSUED_DOCUMENT.exec(text.slice(s.start, t.start)) : null;
    if (doc) {
      const issued = tokens.findIndex(
        (x) =>
          x.start >= s.start + doc.index &&
          /^(?:issued|released|published|adopted|signed|put)$/.test(x.lower),
      );
      const found = issued >= 0 ? subjectBefore(ctx, s, issued) : undefined;
      if (found?.party) {
        v.subject = {
          party: found.party,
          via: 'document',
          text: found.text,
          confidence: Math.min(found.confidence, 0.75),
          evidence: `a statement issued by ${found.text}`,
        };
        continue;
      }
    }
    const first = s.parties.find((x) => x.ti < v.ti && x.subjectLike);
    const clause = main?.subject ? undefined : mainClauseSubject(ctx, s, v.ti);
    if (main?.subject) v.subject = { ...main.subject };
    else if (clause?.party)
      v.subject = {
        party: clause.party,
        via: clause.via,
        text: clause.text,
        confidence: 0.75,
        evidence: `the subject of the sentence: ${clause.evidence}`,
        ...(clause.roleFit ? { roleFit: clause.roleFit } : {}),
        ...(clause.distance !== undefined ? { distance: clause.distance } : {}),
        ...(clause.contested ? { contested: true } : {}),
        ...(clause.rivals ? { rivals: clause.rivals } : {}),
      };
    else if (first)
      v.subject = {
        party: first.party,
        via: 'name',
        text: tokens[first.ti]?.raw ?? '',
        confidence: 0.75,
        evidence: `the subject of the sentence, ${tokens[first.ti]?.raw}`,
      };
  }
  // Coordinated verbs share their subject: "He accused … and asked …".
  for (const v of out) {
    if (v.subject || v.passive || v.participle) continue;
    let p = v.ti - 1;
    while (p >= 0 && VERB_FILLERS.has(tokens[p]?.lower ?? '')) p--;
    if (!['and', 'but', 'or', 'then'].includes(tokens[p]?.lower ?? '')) continue;
    // The verb it is coordinated with is the nearest say-verb whose subject is a person; an
    // institution nearer it is the subject of a clause reported inside that one ("X said Moscow
    // had proposed …, and described …": X described).
    const earlier = out.filter((x) => x.ti < v.ti && x.subject);
    const before = (
      earlier.filter((x) => x.subject && ctx.doc.parties.get(x.subject.party)?.kind === 'person').at(-1) ??
      earlier.at(-1)
    )?.subject;
    const subject = s.parties.find((x) => x.ti < v.ti && x.subjectLike);
    const clause = before ? undefined : mainClauseSubject(ctx, s, v.ti);
    if (before) v.subject = { ...before };
    else if (clause?.party)
      v.subject = {
        party: clause.party,
        via: clause.via,
        text: clause.text,
        confidence: 0.8,
        evidence: `shares the subject of the verb before: ${clause.evidence}`,
        ...(clause.roleFit ? { roleFit: clause.roleFit } : {}),
        ...(clause.distance !== undefined ? { distance: clause.distance } : {}),
        ...(clause.contested ? { contested: true } : {}),
        ...(clause.rivals ? { rivals: clause.rivals } : {}),
      };
    else if (subject)
      v.subject = {
        party: subject.party,
        via: s.pronouns.some((x) => x.ti === subject.ti) ? 'pronoun' : 'name',
        text: tokens[subject.ti]?.raw ?? '',
        confidence: 0.8,
        evidence: 'shares the subject of the verb before',
      };
  }
  return out;
}

/**
 * The subject of the sentence's first finite verb before `beforeTi`, past an opening participle or
 * subordinate clause ("Speaking to reporters, the minister said …", "Asked whether …, she said").
 */
function mainClauseSubject(ctx: Context, s: Sentence, beforeTi: number): SubjectFound | undefined {
  const text = ctx.doc.paragraphs[s.paragraph - 1]?.text ?? '';
  let from = 0;
  const first = s.tokens.find((t) => !t.inQuote);
  if (
    first &&
    (first.pos === 'SCONJ' ||
      first.pos === 'ADP' ||
      (first.pos === 'VERB' && /(?:ing|ed)$/u.test(first.lower)) ||
      /^(?:asked|speaking|after|before|while|when|as)$/u.test(first.lower))
  ) {
    const comma = text.indexOf(',', first.end);
    if (comma < 0) return undefined;
    from = s.tokens.findIndex((t) => t.start > comma);
  }
  for (let k = Math.max(0, from); k < beforeTi; k++) {
    const t = s.tokens[k];
    if (!t || t.inQuote) continue;
    if (t.pos !== 'VERB' && t.pos !== 'AUX') continue;
    const found = subjectBefore(ctx, s, k);
    return found?.party ? found : undefined;
  }
  return undefined;
}

function say(
  ti: number,
  verb: string,
  subject?: SayVerb['subject'],
  position?: SayVerb['position'],
  participle = false,
  passive = false,
  perfect = false,
  inverted = false,
): SayVerb {
  return {
    ti,
    verb,
    ...(position ? { position } : {}),
    participle,
    passive,
    perfect,
    inverted,
    ...(subject ? { subject } : {}),
  };
}

export { insideQuote };
