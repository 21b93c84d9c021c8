import type { ArticleDocument, Party, SayVerb, Sentence } from './document.ts';
import type { QuoteSpan } from './text.ts';

/**
 * Speaker attribution as ranked candidates with evidence. Each rule that finds someone proposes a
 * candidate with a confidence: the say-verb governing the quote (a name, "he", "the US president",
 * "the statement", "according to X"), the quote a paragraph continues, the speaker of the sentence
 * before or after, the sentence's subject, the last person named. The best candidate is chosen only
 * when its confidence reaches SPEAKER_THRESHOLD; otherwise the quote says "speaker unknown — check"
 * and keeps its candidates for the curator. An unnamed source ("a senior diplomat said") is left
 * unknown on purpose. Confidences are calibrated on our corpus (npm run ingest:eval prints the table).
 */

export type SpeakerRule =
  | 'x-said'
  | 'said-x'
  | 'pronoun'
  | 'who-said'
  | 'according-to'
  | 'participle'
  | 'role'
  | 'document'
  | 'group'
  | 'continuation'
  | 'previous-sentence'
  | 'next-sentence'
  | 'sentence-subject'
  | 'last-person'
  | 'unnamed-source'
  | 'none';

export interface SpeakerCandidate {
  party: Party;
  rule: SpeakerRule;
  confidence: number;
  /** The words that support it ("Rubio told", "“he” = Zelensky", "“the US president” = …"). */
  evidence: string;
}

export interface AttributedQuote {
  quote: QuoteSpan;
  sentence: Sentence;
  /** Undefined when no candidate is strong enough: the curator must choose. */
  speaker?: Party;
  rule: SpeakerRule;
  confidence: number;
  /** The evidence of the chosen candidate (or why none was chosen). */
  cue?: string;
  /** Every candidate, best first. */
  candidates: SpeakerCandidate[];
  fragment: boolean;
  flags: string[];
}

/** Below this confidence a speaker is not chosen: the quote says "speaker unknown — check". */
export const SPEAKER_THRESHOLD = 0.6;

export const SPEAKER_UNKNOWN = 'speaker unknown — check';

const CLAUSE_BREAK = /\b(?:but|while|whereas|although|though|yet)\b|;|\band\s+(?!the\b)[\p{Ll}]+(?:ed|s)\b/iu;

function ruleOfVerb(v: SayVerb): SpeakerRule {
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
    case 'role':
      return 'role';
    case 'document':
      return 'document';
    case 'group':
      return 'group';
    default:
      return v.inverted ? 'said-x' : 'x-said';
  }
}

/** The say-verb governing a quote: nearest one, not across a clause break. */
function governingVerb(s: Sentence, q: QuoteSpan, text: string): SayVerb | undefined {
  let best: { v: SayVerb; d: number } | undefined;
  for (const v of s.says) {
    if (!v.subject && !v.unnamed) continue;
    const t = s.tokens[v.ti];
    if (!t) continue;
    let between: string;
    let d: number;
    if (t.start >= q.end) {
      between = text.slice(q.end, t.start);
      d = t.start - q.end;
    } else if (t.end <= q.open) {
      between = text.slice(t.end, q.open);
      d = q.open - t.end;
    } else continue;
    // Words between verb and quote that are themselves quoted do not break the clause.
    const unquoted = s.quotes.reduce(
      (acc, other) => (other === q ? acc : acc.replace(other.text, '')),
      between,
    );
    if (CLAUSE_BREAK.test(unquoted)) continue;
    // A quote before the verb belongs to it only when nothing but punctuation separates them
    // or the verb's own subject sits between them ("…,” Zelensky said).
    if (!best || d < best.d) best = { v, d };
  }
  return best?.v;
}

/** The speaker a sentence attributes speech to, if any: for quotes that continue it. */
function speakerOfSentence(
  s: Sentence,
  attributed: ReadonlyMap<QuoteSpan, AttributedQuote>,
): { party: Party; confidence: number } | undefined {
  for (const q of [...s.quotes].reverse()) {
    const a = attributed.get(q);
    if (a?.speaker) return { party: a.speaker, confidence: a.confidence };
  }
  const v = s.says.find((x) => x.subject && !x.participle);
  return v?.subject ? { party: v.subject.party, confidence: v.subject.confidence } : undefined;
}

function isPerson(doc: ArticleDocument, p: Party): boolean {
  return doc.parties.get(p)?.kind === 'person';
}

export function attributeQuotes(doc: ArticleDocument): AttributedQuote[] {
  const out: AttributedQuote[] = [];
  const byQuote = new Map<QuoteSpan, AttributedQuote>();
  const sentences = doc.sentences.filter((s) => !doc.paragraphs[s.paragraph - 1]?.furniture);
  sentences.forEach((s, idx) => {
    const text = doc.paragraphs[s.paragraph - 1]?.text ?? '';
    for (const q of s.quotes) {
      const flags: string[] = [];
      const atParagraphEnd = q.textEnd >= text.trimEnd().length - 1;
      if (!q.closed && !atParagraphEnd) flags.push('unclosed: check where the quote ends');
      if (q.style === 'straight-single') flags.push('straight single quotes: check it is not an apostrophe');
      const fragment = /^\p{Ll}/u.test(q.text);
      const candidates: SpeakerCandidate[] = [];
      const add = (party: Party | undefined, rule: SpeakerRule, confidence: number, evidence: string) => {
        if (party) candidates.push({ party, rule, confidence, evidence });
      };
      let unnamed: string | undefined;

      const v = governingVerb(s, q, text);
      if (v?.subject) add(v.subject.party, ruleOfVerb(v), v.subject.confidence, v.subject.evidence);
      else if (v?.unnamed) unnamed = v.unnamed;

      if (!v && !unnamed) {
        const prev = sentences[idx - 1];
        const next = sentences[idx + 1];
        let outside = '';
        let from = s.start;
        for (const x of [...s.quotes].sort((a, b) => a.open - b.open)) {
          outside += text.slice(from, Math.max(from, x.open));
          from = Math.max(from, x.end);
        }
        outside += text.slice(from, s.end);
        const standsAlone = !/\p{L}{2,}/u.test(outside.replace(/[.,;:!?…—–-]/g, ''));
        const opensParagraph = q.open === 0 || text.slice(0, q.open).trim() === '';
        // A paragraph that opens with a quote after one that ended inside an open quote continues it.
        const prevParagraphQuote = prev && prev.paragraph < s.paragraph ? out.at(-1) : undefined;
        if (
          opensParagraph &&
          standsAlone &&
          prevParagraphQuote?.speaker &&
          !prevParagraphQuote.quote.closed &&
          prevParagraphQuote.sentence.paragraph < s.paragraph
        )
          add(
            prevParagraphQuote.speaker,
            'continuation',
            Math.min(0.9, prevParagraphQuote.confidence),
            'continues the quote left open at the end of the paragraph before',
          );
        const prevSpeaker =
          prev && prev.paragraph >= s.paragraph - 1 ? speakerOfSentence(prev, byQuote) : undefined;
        if (prevSpeaker && standsAlone) {
          const same = prev?.paragraph === s.paragraph;
          add(
            prevSpeaker.party,
            'previous-sentence',
            Math.min(prevSpeaker.confidence, same ? 0.85 : 0.65),
            `continues the speaker of the sentence before${same ? '' : ' (previous paragraph)'}`,
          );
        }
        const nextVerb =
          next && next.paragraph === s.paragraph ? next.says.find((x) => x.subject) : undefined;
        if (nextVerb?.subject && standsAlone && next?.quotes.length === 0)
          add(
            nextVerb.subject.party,
            'next-sentence',
            0.6,
            `speaker named in the sentence after (${nextVerb.subject.text})`,
          );
        const verbSubject = s.verbSubjects.get(q);
        const subject = s.parties.find((p) => p.subjectLike && p.ti < tokenIndex(s, q.open));
        if (verbSubject?.party && !standsAlone) {
          const person = isPerson(doc, verbSubject.party);
          add(
            verbSubject.party,
            'sentence-subject',
            Math.min(verbSubject.confidence, person ? 0.75 : 0.6),
            `the subject of the verb before the quote (${verbSubject.evidence})`,
          );
        } else if (subject && !standsAlone) {
          const person = isPerson(doc, subject.party);
          add(
            subject.party,
            'sentence-subject',
            person ? 0.65 : 0.5,
            `the ${person ? 'person' : 'party'} the sentence is about (${s.tokens[subject.ti]?.raw})`,
          );
        }
        const last = [...sentences.slice(Math.max(0, idx - 2), idx + 1)]
          .reverse()
          .flatMap((x) => [...x.parties].reverse())
          .find((p) => p.subjectLike && isPerson(doc, p.party));
        if (last) add(last.party, 'last-person', 0.3, 'the last person named');
      }

      candidates.sort((a, b) => b.confidence - a.confidence);
      // One party proposed by several rules: keep its best evidence.
      const unique = candidates.filter((c, i) => candidates.findIndex((x) => x.party === c.party) === i);
      const best = unique[0];
      const result: AttributedQuote = {
        quote: q,
        sentence: s,
        rule: 'none',
        confidence: 0,
        candidates: unique,
        fragment,
        flags,
      };
      if (unnamed) {
        result.rule = 'unnamed-source';
        result.cue = `an unnamed source: ${unnamed}`;
        flags.push(`${SPEAKER_UNKNOWN}: the text does not name “${unnamed}”`);
      } else if (best && best.confidence >= SPEAKER_THRESHOLD) {
        result.speaker = best.party;
        result.rule = best.rule;
        result.confidence = best.confidence;
        result.cue = best.evidence;
      } else {
        result.confidence = best?.confidence ?? 0;
        result.rule = best?.rule ?? 'none';
        result.cue = best ? `best guess too weak: ${best.evidence}` : 'no candidate';
        flags.push(SPEAKER_UNKNOWN);
      }
      if (result.speaker && !doc.parties.has(result.speaker)) flags.push('speaker is not a known actor');
      out.push(result);
      byQuote.set(q, result);
    }
  });
  return out;
}

function tokenIndex(s: Sentence, offset: number): number {
  const i = s.tokens.findIndex((t) => t.start >= offset);
  return i < 0 ? s.tokens.length : i;
}
