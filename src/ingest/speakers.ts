import type { ArticleDocument, Party, SayVerb, Sentence } from './document.ts';
import type { QuoteSpan } from './text.ts';

/**
 * Who said each quote. In order of trust: the say-verb of the quote's own sentence nearest the
 * quote ("X said", "said X", "X told …", "according to X", "he said" with "he" resolved to the
 * last named person); then a quote standing alone continues the speaker of the sentence before;
 * then a speaker named in the sentence after; then the sentence's subject; then the last person.
 */

export type SpeakerRule =
  | 'x-said'
  | 'said-x'
  | 'pronoun'
  | 'who-said'
  | 'according-to'
  | 'participle'
  | 'previous-sentence'
  | 'next-sentence'
  | 'sentence-subject'
  | 'last-person'
  | 'none';

export interface AttributedQuote {
  quote: QuoteSpan;
  sentence: Sentence;
  /** Undefined when no rule found a speaker: the curator must choose. */
  speaker?: Party;
  rule: SpeakerRule;
  confidence: number;
  /** The words that named the speaker ("he", "Vance", "said Zelensky"). */
  cue?: string;
  fragment: boolean;
  flags: string[];
}

const CLAUSE_BREAK = /\b(?:but|and|while|whereas|although|though|yet)\b|;/i;

function ruleOf(v: SayVerb): SpeakerRule {
  switch (v.subject?.via) {
    case 'pronoun':
      return 'pronoun';
    case 'who':
      return 'who-said';
    case 'inverted':
      return 'said-x';
    case 'according-to':
      return 'according-to';
    case 'participle':
      return 'participle';
    default:
      return 'x-said';
  }
}

/** Below this confidence a speaker is not chosen: the quote says "speaker unknown — check". */
export const SPEAKER_THRESHOLD = 0.6;

const CONFIDENCE: Record<SpeakerRule, number> = {
  'x-said': 0.95,
  'said-x': 0.95,
  'according-to': 0.85,
  'who-said': 0.8,
  pronoun: 0.8,
  participle: 0.8,
  'previous-sentence': 0.7,
  'next-sentence': 0.6,
  'sentence-subject': 0.45,
  'last-person': 0.3,
  none: 0,
};

/** The say-verb governing a quote: nearest one with a subject, not across a clause break. */
function governingVerb(s: Sentence, q: QuoteSpan): SayVerb | undefined {
  let best: { v: SayVerb; d: number } | undefined;
  for (const v of s.says) {
    if (!v.subject) continue;
    const t = s.tokens[v.ti];
    if (!t) continue;
    let between: string;
    let d: number;
    if (t.start >= q.end) {
      between = s.text.slice(q.end - s.start, t.start - s.start);
      d = t.start - q.end;
    } else if (t.end <= q.open) {
      between = s.text.slice(t.end - s.start, q.open - s.start);
      d = q.open - t.end;
    } else continue;
    // Words between verb and quote that are themselves quoted do not break the clause.
    const unquoted = s.quotes.reduce(
      (acc, other) => (other === q ? acc : acc.replace(other.text, '')),
      between,
    );
    if (CLAUSE_BREAK.test(unquoted)) continue;
    if (!best || d < best.d) best = { v, d };
  }
  return best?.v;
}

/** The speaker a sentence attributes speech to, if any: for continuing quotes. */
function speakerOfSentence(
  s: Sentence,
  attributed: ReadonlyMap<QuoteSpan, AttributedQuote>,
): Party | undefined {
  for (const q of s.quotes) {
    const a = attributed.get(q);
    if (a?.speaker && a.confidence >= 0.6) return a.speaker;
  }
  return s.says.find((v) => v.subject && !v.participle)?.subject?.party;
}

function isPerson(doc: ArticleDocument, p: Party): boolean {
  return doc.parties.get(p)?.kind === 'person';
}

export function attributeQuotes(doc: ArticleDocument): AttributedQuote[] {
  const out: AttributedQuote[] = [];
  const byQuote = new Map<QuoteSpan, AttributedQuote>();
  const sentences = doc.sentences.filter((s) => !doc.paragraphs[s.paragraph - 1]?.furniture);
  sentences.forEach((s, idx) => {
    for (const q of s.quotes) {
      const flags: string[] = [];
      if (!q.closed) flags.push('unclosed: check where the quote ends');
      if (q.style === 'straight-single') flags.push('straight single quotes: check it is not an apostrophe');
      const fragment = /^\p{Ll}/u.test(q.text);
      const result: AttributedQuote = { quote: q, sentence: s, rule: 'none', confidence: 0, fragment, flags };
      const v = governingVerb(s, q);
      if (v?.subject) {
        result.speaker = v.subject.party;
        result.rule = ruleOf(v);
        result.cue = `${v.subject.text} ${v.verb}`;
      } else {
        const prev = sentences[idx - 1];
        const next = sentences[idx + 1];
        const outside = s.text.replace(/[‘“"'«][^’”"'»]*[’”"'»]/gu, '').trim();
        const standsAlone = !/\p{L}{2,}/u.test(outside.replace(/[.,;:!?…—–-]/g, ''));
        const prevSpeaker =
          prev && prev.paragraph >= s.paragraph - 1 ? speakerOfSentence(prev, byQuote) : undefined;
        const nextSpeaker =
          next && next.paragraph <= s.paragraph + 1 ? speakerOfSentence(next, new Map()) : undefined;
        const subject = s.parties.find((p) => p.subjectLike && isPerson(doc, p.party));
        if (prevSpeaker && (standsAlone || !subject)) {
          result.speaker = prevSpeaker;
          result.rule = 'previous-sentence';
          result.cue = 'continues the speaker of the sentence before';
        } else if (nextSpeaker && (standsAlone || !subject)) {
          result.speaker = nextSpeaker;
          result.rule = 'next-sentence';
          result.cue = 'speaker named in the sentence after';
        } else if (subject) {
          result.speaker = subject.party;
          result.rule = 'sentence-subject';
          result.cue = 'the person the sentence is about';
        } else {
          const last = [...sentences.slice(0, idx + 1)]
            .reverse()
            .flatMap((x) => [...x.parties].reverse())
            .find((p) => p.subjectLike && isPerson(doc, p.party));
          if (last) {
            result.speaker = last.party;
            result.rule = 'last-person';
            result.cue = 'the last person named';
          }
        }
      }
      result.confidence = CONFIDENCE[result.rule];
      if (result.rule === 'pronoun' && !result.speaker) result.confidence = 0;
      if (!q.closed) result.confidence = Math.min(result.confidence, 0.5);
      if (result.speaker && !isPerson(doc, result.speaker) && !doc.parties.has(result.speaker))
        flags.push('speaker is not a known actor');
      out.push(result);
      byQuote.set(q, result);
    }
  });
  return out;
}
