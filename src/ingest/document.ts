import type { Day } from '../domain/dates.ts';
import { normalizeName } from '../domain/text.ts';
import { splitParagraphs } from '../domain/verify.ts';
import { type DateMention, findDates } from './dates.ts';
import {
  HONORIFICS,
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
import { affiliationOf, countryOf, parseRole, type RoleSense, roleMatch } from './roles.ts';
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
export type RoleFit = 'article' | 'dataset' | 'salient' | 'ambiguous';

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
  parties: { party: Party; ti: number; subjectLike: boolean; possessive: boolean }[];
  /** For each quote, the subject of the nearest verb before it ("Rutte, who …, called it “…”"). */
  verbSubjects: Map<QuoteSpan, SubjectFound>;
}

export interface PartyInfo {
  party: Party;
  name: string;
  kind: MentionKind;
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

/** Builds the document model of a plain-text article. */
export function analyzeText(
  text: string,
  published: Day,
  lex: ActorLexicon,
  datasetRoles: readonly RoleHolder[] = [],
): ArticleDocument {
  const texts = splitParagraphs(text);
  const analyses = texts.map((p) => analyzeParagraph(p));
  const paragraphs = flagParagraphs(
    texts,
    analyses.map((a) => hasVerb(a.tokens)),
  );
  const quotesByParagraph = texts.map((p) => findQuotes(p));
  const firstText = paragraphs.find((p) => !p.furniture);
  const dlEnd = firstText ? datelineEnd(firstText.text) : undefined;
  const dateline = firstText && dlEnd ? { paragraph: firstText.n, end: dlEnd } : undefined;
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
  const doc: ArticleDocument = {
    published,
    paragraphs,
    sentences: [],
    quotesByParagraph,
    registry,
    parties: new Map(),
    roles: [],
    ...(dateline ? { dateline } : {}),
  };
  const ctx: Context = { doc, lex, datasetRoles, antecedents: [], mentioned: [], gender: new Map() };

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
      for (const v of sentence.says) {
        if (v.participle) continue;
        const gendered = /\b(?:spokes|chair)(wo)?man\b/iu.exec(v.subject?.text ?? v.unnamed ?? '');
        const gender = gendered ? (gendered[1] ? 'she' : 'he') : undefined;
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
  return doc;
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
}

interface Context {
  doc: ArticleDocument;
  lex: ActorLexicon;
  datasetRoles: readonly RoleHolder[];
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
      const subjectLike = isSubjectLike(s, m, ctx.doc.paragraphs[s.paragraph - 1]?.text ?? '');
      const titled = p ? genderOfTitle(s, m) : undefined;
      if (p && titled && !ctx.gender.has(p)) ctx.gender.set(p, titled);
      if (p) {
        s.parties.push({ party: p, ti, subjectLike, possessive: m.possessive });
        if (m.kind === 'person') ctx.mentioned.push({ party: p, sentence: s.id, ti });
        if (m.kind === 'person' && subjectLike)
          ctx.antecedents.push({
            party: p,
            text: m.text,
            sentence: s.id,
            embedded: subjectClause(s, m, ctx.doc.paragraphs[s.paragraph - 1]?.text ?? '') === 'embedded',
          });
      } else if (m.kind === 'unknown' && m.unknown?.includes(' ') && subjectLike) {
        // "Marta Lind held a call … She urged him": a name becomes a person once "she" refers to it.
        ctx.antecedents.push({ party: `new:${m.unknown}`, text: m.text, sentence: s.id, tentative: m });
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
    const ref = fits.find((a) => a.sentence === latest && !a.embedded) ?? fits[0];
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
      if (t.lower === 'he' || t.lower === 'she') ctx.gender.set(ref.party, g);
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
  ctx: Pick<Context, 'doc' | 'datasetRoles' | 'antecedents'>,
  role: RoleSense,
): { party: Party; confidence: number; evidence: string; fit: RoleFit } | undefined {
  const scores = new Map<Party, { score: number; evidence: string }>();
  const asked = new Set(normalizeName(role.text).split(' '));
  for (const h of [...ctx.doc.roles, ...ctx.datasetRoles]) {
    let score = roleMatch(role, h.role);
    if (score === 0) continue;
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
  if (!best) return undefined;
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
  /(?:\s|^)(?:had|has|have|would|will|could|did|also|then|later|earlier|previously|reportedly|repeatedly|again|once again|publicly|privately|separately|first|initially|quickly|simply|further|today|yesterday|tonight|now|for (?:his|her|their|its) part|on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?: (?:morning|afternoon|evening|night))?|(?:late|early|earlier|later) on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|(?:this|last) (?:week|month|year|morning|afternoon|evening))$/u;

const ISSUED_DOCUMENT =
  /\b(?:had\s+|have\s+|has\s+)?(?:issued|released|published|adopted|signed|put out)\s+(?:a|an|the|their|its)\s+(?:[\p{L}-]+\s+){0,2}(?:statement|declaration|communiqu[eé]|readout)\s*,?\s*$/u;

const ISSUES =
  /\b(issued|released|published|adopted|signed|read out|put out|posted)\s+(?:a|an|the|their|its|his|her)\s+(?:[\p{L}-]+\s+){0,2}(?:statement|declaration|communiqu[eé]|readout)\b/u;

/** "The two delegations released a joint statement": later "the statement says" is theirs. */
function noteIssuedDocument(ctx: Context, s: Sentence): void {
  const text = ctx.doc.paragraphs[s.paragraph - 1]?.text ?? '';
  const m = ISSUES.exec(text.slice(s.start, s.end));
  if (!m) return;
  const at = s.start + m.index;
  const k = s.tokens.findIndex((t) => t.start >= at);
  const found = k >= 0 ? subjectBefore(ctx, s, k) : undefined;
  if (found?.party) {
    ctx.lastStatement = found.party;
    ctx.lastDocumentSentence = s.id;
  }
}

/** Noun phrases that stand for a group that issues statements. */
const GROUP_SUBJECT =
  /^(?:the\s+)?(?:two\s+)?(?:leaders|delegations|sides|allies|governments|parties|countries)$/i;
const DOCUMENT_WORDS = /\b(?:statement|declaration|communiqu[eé]|readout|release|post|letter|decree)\b/i;
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
  roleFit?: RoleFit;
}

/** The noun phrase (at most six words) that ends at `end` in the sentence, from its determiner on. */
function phraseEndingAt(s: Sentence, end: number, text: string): string {
  const last = s.tokens.findIndex((t) => t.end === end);
  if (last < 0) return '';
  let k = last;
  while (k > 0 && last - k < 6) {
    const t = s.tokens[k - 1];
    const next = s.tokens[k];
    if (!t || !next || !/^[ \u00a0]+$/u.test(text.slice(t.end, next.start))) break;
    if (t.pos === 'VERB' || t.pos === 'AUX' || t.pos === 'ADP' || t.pos === 'SCONJ' || t.pos === 'CCONJ') {
      if (!(t.lower === 'of' || (t.pos === 'ADP' && /^(?:to|for)$/.test(t.lower)))) break;
    }
    k--;
    if (/^(?:the|a|an)$/.test(t.lower)) break;
  }
  return text.slice(s.tokens[k]?.start ?? 0, end);
}

/** Whom a noun phrase that is not a name stands for: a role, a document, an institution, or no one named. */
function resolvePhrase(ctx: Context, s: Sentence, phrase: string): SubjectFound | undefined {
  const bare = phrase.trim();
  if (!bare) return undefined;
  const folded = normalizeName(bare);
  if (DOCUMENT_WORDS.test(bare)) {
    // "the Kremlin readout", "the White House statement": the document of the institution it names.
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
  // a person, and is no one the text names. A definite one ("the Kremlin spokesman") is a person the
  // text may have named.
  const role = parseRole(bare);
  const indefiniteVoice =
    /^(?:a|an|one)\s+(?:[\p{L}.'’-]+\s+){0,3}?(?:spokes(?:man|woman|person)|press officer)(?:\s+(?:for|of|at)\s+(.+))?$/iu.exec(
      bare,
    );
  if (indefiniteVoice) {
    const tail = indefiniteVoice[1];
    const tailRole = tail ? parseRole(tail) : undefined;
    const forPerson = tailRole !== undefined && !['spokesperson'].includes(tailRole.office);
    const affiliation = forPerson
      ? undefined
      : ((tail ? affiliationOfPhrase(tail) : undefined) ?? role?.affiliation);
    const party = affiliation ? institutionParty(ctx, affiliation) : undefined;
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
  // "One Latin American negotiator", "a senior diplomat": someone the text does not name, whatever their role.
  if (/^(?:a|an|one|another|two|three|several|some|many|other)\s/i.test(bare))
    return {
      via: 'name',
      text: bare,
      confidence: 0,
      evidence: `an unnamed source: “${bare}”`,
      unnamed: bare,
    };
  if (GROUP_SUBJECT.test(bare)) {
    const group = latestGroup(ctx, s);
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
  // "the Chinese commerce ministry", "the Chinese side", "the White House": the state behind it.
  const words = folded.split(' ').filter((w) => w !== 'the');
  for (let i = 0; i < words.length; i++)
    for (let size = 2; size >= 1; size--) {
      const country = affiliationOf(words.slice(i, i + size).join(' '));
      if (country && countryOf(country)) {
        const party = stateParty(ctx, country);
        return {
          party,
          via: 'institution',
          text: bare,
          confidence: 0.7,
          evidence: `“${bare}” speaks for ${country}`,
        };
      }
    }
  if (UNNAMED.test(bare) || /^(?:the|a|an)\s/i.test(bare))
    return {
      via: 'name',
      text: bare,
      confidence: 0,
      evidence: `an unnamed source: “${bare}”`,
      unnamed: bare,
    };
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
  return party;
}

/** "The leaders said": the organisation the text last named (NATO, G7), else the state named first. */
function latestGroup(ctx: Context, s: Sentence): Party | undefined {
  const seen = [...ctx.doc.sentences, s].flatMap((x) =>
    x.mentions.filter((m) => !m.inQuote).map((m) => ({ ...m, next: x.tokens[m.tj]?.lower ?? '' })),
  );
  // "the G7 summit", "NATO leaders": an organisation of states, before an institution like a ministry.
  const grouping = /^(?:summit|leaders|members|allies|nations|countries|states|meeting|partners)$/;
  const orgs = [...seen].reverse().filter((m) => m.kind === 'organization' && partyOf(m));
  const org = orgs.find((m) => grouping.test(m.next)) ?? orgs[0];
  if (org) return partyOf(org);
  const state = seen.find((m) => m.kind === 'state' && partyOf(m));
  return state ? partyOf(state) : undefined;
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

/** The subject before a say-verb, over adverbials and comma parentheticals ("X, who …, said"). */
function subjectBefore(ctx: Context, s: Sentence, k: number): SubjectFound | undefined {
  const text = ctx.doc.paragraphs[s.paragraph - 1]?.text ?? '';
  const verb = s.tokens[k];
  if (!verb) return undefined;
  let before = text.slice(s.start, verb.start);
  for (let guard = 0; guard < 6; guard++) {
    before = before.replace(/\s+$/u, '');
    const adverbial = TRAILING_ADVERBIAL.exec(before);
    if (adverbial?.[0].trim()) {
      before = before.slice(0, adverbial.index);
      continue;
    }
    const parenthetical = /,\s*[^,“”"‘]{1,160},$/u.exec(before);
    if (parenthetical && parenthetical.index > 0 && !/[“”"’]$/.test(before.slice(0, parenthetical.index))) {
      // "the Russian Foreign Ministry spokeswoman, Maria Zakharova, said": the name in commas speaks.
      const inner = s.start + parenthetical.index;
      const named = s.mentions.find(
        (m) => m.kind === 'person' && !m.inQuote && m.start >= inner && m.end <= s.start + before.length,
      );
      const letters = (x: string) => x.replace(/[^\p{L}]/gu, '');
      // The name alone, or with its title or honorific ("Sheikh Tamim …", "President X").
      const titled = named ? text.slice(s.tokens[named.titleStart]?.start ?? named.start, named.end) : '';
      const between = letters(text.slice(inner, s.start + before.length));
      const onlyName = named && (between === letters(named.text) || between === letters(titled));
      const party = onlyName && named ? partyOf(named) : undefined;
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
  const who = /,?\s+who$/u.exec(before);
  if (who) {
    const m = mentionEndingAt(s, s.start + who.index);
    const party = m ? partyOf(m) : undefined;
    if (m && party) return { party, via: 'who', text: m.text, confidence: 0.9, evidence: `${m.text}, who …` };
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
  // "the White House said", "Downing Street said": the state's seat of government speaks for it.
  const seat = m?.unknown ? affiliationOf(m.text) : undefined;
  if (m && seat && countryOf(seat) && !m.possessive)
    return {
      party: stateParty(ctx, seat),
      via: 'institution',
      text: m.text,
      confidence: 0.8,
      evidence: `${m.text} speaks for ${seat}`,
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
      evidence: `“${raw}” = ${pr.antecedent}${(pr.distance ?? 0) > 1 ? ` (${pr.distance} sentences back)` : ''}${pr.contested ? ', with someone else named since' : ''}`,
      distance: pr.distance ?? 0,
      ...(pr.contested ? { contested: true } : {}),
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
    if (main?.subject) v.subject = { ...main.subject };
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
    const before = out.filter((x) => x.ti < v.ti && x.subject).at(-1)?.subject;
    const subject = s.parties.find((x) => x.ti < v.ti && x.subjectLike);
    if (before) v.subject = { ...before };
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
