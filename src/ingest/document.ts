import type { Day } from '../domain/dates.ts';
import { splitParagraphs } from '../domain/verify.ts';
import { type DateMention, findDates } from './dates.ts';
import {
  PASSIVE_AUX,
  POSITION_VERBS,
  PRONOUNS_HE,
  PRONOUNS_SHE,
  SAY_PARTICIPLES,
  SAY_VERBS,
  VERB_FILLERS,
} from './lexicon.ts';
import {
  type ActorLexicon,
  findMentions,
  type Mention,
  type MentionKind,
  midSentenceCapitals,
  NameRegistry,
} from './mentions.ts';
import {
  findQuotes,
  flagParagraphs,
  type ParagraphInfo,
  type QuoteSpan,
  splitSentences,
  type Token,
  tokenize,
} from './text.ts';

/**
 * The analysed article: paragraphs as citations count them, sentences with their tokens, names,
 * resolved pronouns, say-verbs and dates. Everything later rules need, computed once.
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
}

export interface SayVerb {
  ti: number;
  verb: string;
  /** Say-verbs that state a position ("urged", "called for") and what kind of event they make. */
  position?: 'demand' | 'pledge' | 'announcement' | 'statement';
  participle: boolean;
  passive: boolean;
  subject?: {
    party: Party;
    via: 'name' | 'pronoun' | 'who' | 'inverted' | 'according-to' | 'participle';
    text: string;
  };
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
}

export interface PartyInfo {
  party: Party;
  name: string;
  kind: MentionKind;
}

export interface ArticleDocument {
  published: Day;
  paragraphs: ParagraphInfo[];
  sentences: Sentence[];
  quotesByParagraph: QuoteSpan[][];
  registry: NameRegistry;
  parties: Map<Party, PartyInfo>;
}

export function partyOf(m: Mention): Party | undefined {
  if (m.actor) return m.actor;
  if (m.unknown && (m.kind === 'person' || m.kind === 'organization')) return `new:${m.unknown}`;
  return undefined;
}

const isPersonKind = (k: MentionKind) => k === 'person';

/** Builds the document model of a plain-text article. */
export function analyzeText(text: string, published: Day, lex: ActorLexicon): ArticleDocument {
  const texts = splitParagraphs(text);
  const paragraphs = flagParagraphs(texts);
  const quotesByParagraph = texts.map((p) => findQuotes(p));
  const raw: { paragraph: number; start: number; end: number; tokens: Token[] }[] = [];
  texts.forEach((p, i) => {
    const quotes = quotesByParagraph[i] ?? [];
    for (const span of splitSentences(p, quotes)) {
      raw.push({ paragraph: i + 1, start: span.start, end: span.end, tokens: tokenize(p, span, quotes) });
    }
  });
  const registry = new NameRegistry(
    midSentenceCapitals(raw.filter((r) => !paragraphs[r.paragraph - 1]?.furniture).map((r) => r.tokens)),
  );
  const parties = new Map<Party, PartyInfo>();
  const sentences: Sentence[] = [];
  /** Persons that "he"/"she" may refer to, in document order. */
  const antecedents: { party: Party; text: string }[] = [];
  const gender = new Map<Party, 'he' | 'she'>();

  for (const r of raw) {
    const para = paragraphs[r.paragraph - 1];
    const ptext = texts[r.paragraph - 1] ?? '';
    const quotes = (quotesByParagraph[r.paragraph - 1] ?? []).filter(
      (q) => q.open >= r.start && q.open < r.end,
    );
    const furniture = para?.furniture ?? false;
    const mentions = furniture ? [] : findMentions(r.tokens, lex, registry, r.paragraph);
    for (const m of mentions) {
      const p = partyOf(m);
      if (p && !parties.has(p)) {
        const actor = m.actor ? lex.actors.get(m.actor) : undefined;
        parties.set(p, { party: p, name: actor?.name ?? m.text.replace(/['’]s$/u, ''), kind: m.kind });
      }
    }
    const sentence: Sentence = {
      id: sentences.length,
      paragraph: r.paragraph,
      start: r.start,
      end: r.end,
      text: ptext.slice(r.start, r.end),
      tokens: r.tokens,
      quotes,
      mentions,
      pronouns: [],
      says: [],
      dates: furniture ? [] : findDates(ptext, r, quotesByParagraph[r.paragraph - 1] ?? [], published),
      parties: [],
    };
    if (!furniture) {
      // Walk tokens in order: names become antecedents, pronouns take the latest compatible one.
      const byStart = new Map(mentions.map((m) => [m.ti, m]));
      for (let ti = 0; ti < r.tokens.length; ti++) {
        const t = r.tokens[ti];
        if (!t || t.inQuote) continue;
        const m = byStart.get(ti);
        if (m) {
          const p = partyOf(m);
          if (p) {
            sentence.parties.push({
              party: p,
              ti,
              subjectLike: !m.afterPrep && !m.possessive,
              possessive: m.possessive,
            });
            if (isPersonKind(m.kind) && !m.possessive && !m.afterPrep)
              antecedents.push({ party: p, text: m.text });
          }
          ti = m.tj - 1;
          continue;
        }
        const g = PRONOUNS_HE.has(t.lower) ? 'he' : PRONOUNS_SHE.has(t.lower) ? 'she' : undefined;
        if (!g) continue;
        const ref = [...antecedents].reverse().find((a) => (gender.get(a.party) ?? g) === g);
        const pronoun: Pronoun = { ti, gender: g };
        if (ref) {
          pronoun.party = ref.party;
          pronoun.antecedent = ref.text;
          if (t.lower === 'he' || t.lower === 'she') gender.set(ref.party, g);
          sentence.parties.push({
            party: ref.party,
            ti,
            subjectLike: t.lower === 'he' || t.lower === 'she',
            possessive: t.lower === 'his' || t.lower === 'her',
          });
        }
        sentence.pronouns.push(pronoun);
      }
      sentence.says = findSayVerbs(sentence);
    }
    sentences.push(sentence);
  }
  return { published, paragraphs, sentences, quotesByParagraph, registry, parties };
}

const INVERTING = new Set(['said', 'says', 'added', 'asked', 'wrote', 'continued', 'replied', 'told']);

function mentionEndingAt(s: Sentence, ti: number): Mention | undefined {
  return s.mentions.find((m) => m.tj - 1 === ti && !m.inQuote);
}

function pronounAt(s: Sentence, ti: number): Pronoun | undefined {
  return s.pronouns.find((p) => p.ti === ti);
}

/** Say-verbs outside quotes, each with its subject when the words around it name one. */
export function findSayVerbs(s: Sentence): SayVerb[] {
  const out: SayVerb[] = [];
  const tokens = s.tokens;
  const named = new Set(s.mentions.flatMap((m) => Array.from({ length: m.tj - m.ti }, (_, i) => m.ti + i)));
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (!t || t.inQuote || named.has(k) || (t.cap && !t.initial)) continue;
    const next = tokens[k + 1]?.lower;
    let verb = t.lower;
    let position = POSITION_VERBS.get(verb);
    if ((verb === 'called' || verb === 'calls' || verb === 'calling') && next === 'for') {
      verb = `${verb} for`;
      position = 'demand';
    } else if ((verb === 'made' || verb === 'make' || verb === 'makes') && next === 'clear') {
      verb = `${verb} clear`;
      position = 'statement';
    } else if (verb === 'according' && next === 'to') {
      const m = s.mentions.find((x) => x.titleStart === k + 2 || x.ti === k + 2);
      const party = m ? partyOfMention(m) : undefined;
      if (party && m) out.push(say(k, 'according to', { party, via: 'according-to', text: m.text }));
      continue;
    } else if (!SAY_VERBS.has(verb) && !SAY_PARTICIPLES.has(verb)) continue;
    if (verb === 'told' && tokens[k - 1] && PASSIVE_AUX.has(tokens[k - 1]?.lower ?? '')) continue;
    const participle = SAY_PARTICIPLES.has(t.lower) && !position;
    const passive = PASSIVE_AUX.has(tokens[k - 1]?.lower ?? '');
    let p = k - 1;
    let skipped = 0;
    while (p >= 0 && skipped < 3 && VERB_FILLERS.has(tokens[p]?.lower ?? '')) {
      p--;
      skipped++;
    }
    const perfect = ['has', 'have', "'s"].includes(tokens[k - 1]?.lower ?? '');
    const entry = say(k, verb, undefined, position, participle, passive, perfect);
    if (!passive && !participle) {
      const m = mentionEndingAt(s, p);
      const pr = pronounAt(s, p);
      if (m && !m.possessive) {
        const party = partyOfMention(m);
        if (party) entry.subject = { party, via: 'name', text: m.text };
      } else if (pr?.party && (tokens[p]?.lower === 'he' || tokens[p]?.lower === 'she')) {
        entry.subject = { party: pr.party, via: 'pronoun', text: tokens[p]?.raw ?? '' };
      } else if (tokens[p]?.lower === 'who') {
        const w = mentionEndingAt(s, p - 1);
        const party = w ? partyOfMention(w) : undefined;
        if (w && party) entry.subject = { party, via: 'who', text: w.text };
      } else {
        // "Zelensky, the Ukrainian president, said"
        const appositive = s.mentions.find(
          (m) =>
            !m.inQuote &&
            m.tj <= k &&
            /^,[^,]{1,60},\s*$/.test(s.text.slice(m.end - s.start, (tokens[k]?.start ?? 0) - s.start)),
        );
        const party = appositive ? partyOfMention(appositive) : undefined;
        if (appositive && party) entry.subject = { party, via: 'name', text: appositive.text };
      }
      if (!entry.subject && INVERTING.has(t.lower)) {
        const m = s.mentions.find((x) => (x.titleStart === k + 1 || x.ti === k + 1) && !x.inQuote);
        const pr = pronounAt(s, k + 1);
        const party = m ? partyOfMention(m) : pr?.party;
        if (party) entry.subject = { party, via: 'inverted', text: m?.text ?? tokens[k + 1]?.raw ?? '' };
      }
    }
    out.push(entry);
  }
  // Participles take the subject of the sentence's main say-verb: "…, adding that …".
  const main = out.find((v) => v.subject && !v.participle);
  for (const v of out) {
    if (!v.participle || v.subject) continue;
    const first = s.parties.find((x) => x.ti < v.ti && x.subjectLike);
    if (main?.subject) v.subject = { ...main.subject, via: 'participle' };
    else if (first) v.subject = { party: first.party, via: 'participle', text: tokens[first.ti]?.raw ?? '' };
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
      };
  }
  return out;
}

function partyOfMention(m: Mention): Party | undefined {
  return partyOf(m);
}

function say(
  ti: number,
  verb: string,
  subject?: SayVerb['subject'],
  position?: SayVerb['position'],
  participle = false,
  passive = false,
  perfect = false,
): SayVerb {
  return {
    ti,
    verb,
    ...(position ? { position } : {}),
    participle,
    passive,
    perfect,
    ...(subject ? { subject } : {}),
  };
}
