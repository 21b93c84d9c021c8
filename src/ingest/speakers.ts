import { confidenceOf, isInferredRule, isOpenRule, type SpeakerCalibration } from './calibration.ts';
import {
  type ArticleDocument,
  INFERRED_BASIS,
  type Party,
  partyOf,
  type SayVerb,
  type Sentence,
} from './document.ts';
import { headingAbove } from './headings.ts';
import calibration from './speaker-calibration.json' with { type: 'json' };
import type { QuoteSpan } from './text.ts';

/**
 * Speaker attribution as a sieve, in the manner of Muzny et al. (2017), "A Two-stage Sieve Approach
 * for Quote Attribution". Stage one links a quote to a mention by patterns tried in a fixed order,
 * most precise first: the say-verb right beside the quote ("…,” said X", "X said: “…”"), a say-verb
 * elsewhere in its clause, a participle ("…, adding “…”"), then paragraph and conversation patterns
 * (a quote continuing an open one, a quote alone after an attributed sentence), then the subject of
 * the sentence. Stage two resolves the mention to an actor: a name, an institution ("the White
 * House", "a Kremlin spokesman"), a pronoun (near or far), a role (titled in the article, a dataset
 * position, or one several people hold), a document ("the statement said") or a group ("the leaders").
 *
 * The first sieve that finds a mention decides. Its confidence is the precision that sieve and that
 * kind of resolution reached on our training articles (speaker-calibration.json, written by
 * `npm run ingest:calibrate`), not a number set by hand. A speaker is chosen only at or above the
 * threshold chosen there; otherwise the quote says "speaker unknown — check" and keeps its candidates
 * for the curator. A speaker the text does not name ("a senior diplomat said") is left unknown.
 */

export const SIEVES = [
  'adjacent',
  'colon',
  'heading',
  'clause',
  'reported',
  'participle',
  'continuation',
  'paragraph',
  'next-sentence',
  'previous-paragraph',
  'sentence-subject',
  'last-person',
] as const;
export type Sieve = (typeof SIEVES)[number];

export type Resolution =
  | 'name'
  | 'name-single'
  | 'institution'
  | 'pronoun'
  | 'pronoun-far'
  | 'pronoun-contested'
  | 'pronoun-rivals'
  | 'role'
  | 'role-dataset'
  | 'role-salient'
  | 'role-ambiguous'
  | 'role-known'
  | 'role-outside'
  | 'description'
  | 'document'
  | 'group';

/** `sieve/resolution`, or "unnamed-source", or "none". */
export type SpeakerRule = string;

export interface SpeakerCandidate {
  party: Party;
  sieve: Sieve;
  resolution: Resolution;
  rule: SpeakerRule;
  confidence: number;
  /** The words that support it ("Rubio told", "“he” = Zelensky", "“the US president” = …"). */
  evidence: string;
  /** A name the text does not give, inferred from the office holders known on the publication day. */
  inferred?: true;
}

export interface AttributedQuote {
  quote: QuoteSpan;
  sentence: Sentence;
  /** Undefined when the evidence is too weak or names no one: the curator must choose. */
  speaker?: Party;
  rule: SpeakerRule;
  confidence: number;
  /** The evidence of the chosen candidate (or why none was chosen). */
  cue?: string;
  /** The first sieve's candidate first, then the other sieves' in order. */
  candidates: SpeakerCandidate[];
  fragment: boolean;
  flags: string[];
}

const CALIBRATION = calibration as SpeakerCalibration;

/** Below this confidence a speaker is not chosen: the quote says "speaker unknown — check". */
export const SPEAKER_THRESHOLD = CALIBRATION.threshold;

export const SPEAKER_UNKNOWN = 'speaker unknown — check';

/**
 * The most an inferred speaker can score: a holder of the office on the publication day whom the
 * text does not name is offered to the curator, never chosen, however often the rule was right.
 */
export const INFERRED_CEILING = Math.min(0.5, SPEAKER_THRESHOLD - 0.01);

/**
 * The most a pronoun can score when someone else of its gender (or of none known) was named in the
 * two sentences before it: the text leaves the choice open, so the curator makes it.
 */
export const OPEN_PRONOUN_CEILING = Math.min(0.6, SPEAKER_THRESHOLD - 0.01);

/**
 * The measured precision of a sieve and a kind of resolution. A pair never seen on the training
 * articles gets the lower of its sieve's and its resolution's precision, and a sieve or resolution
 * never seen gets the prior, one half: no evidence, no confidence.
 */
export function calibratedConfidence(sieve: Sieve, resolution: Resolution): number {
  return confidenceOf(CALIBRATION, `${sieve}/${resolution}`);
}

const CLAUSE_BREAK = /\b(?:but|while|whereas|although|though|yet)\b|;|\band\s+(?!the\b)[\p{Ll}]+(?:ed|s)\b/iu;

function resolutionOf(doc: ArticleDocument, subject: NonNullable<SayVerb['subject']>): Resolution {
  switch (subject.via) {
    case 'pronoun':
      return subject.rivals?.length
        ? 'pronoun-rivals'
        : subject.contested
          ? 'pronoun-contested'
          : (subject.distance ?? 0) > 1
            ? 'pronoun-far'
            : 'pronoun';
    case 'role':
      return subject.roleFit === 'known'
        ? 'role-known'
        : subject.roleFit === 'outside'
          ? 'role-outside'
          : subject.roleFit === 'description'
            ? 'description'
            : subject.roleFit === 'salient'
              ? 'role-salient'
              : subject.roleFit === 'ambiguous'
                ? 'role-ambiguous'
                : subject.roleFit === 'dataset'
                  ? 'role-dataset'
                  : 'role';
    case 'document':
      return 'document';
    case 'group':
      return 'group';
    case 'institution':
      return 'institution';
    default:
      if (doc.parties.get(subject.party)?.kind !== 'person') return 'institution';
      // A lone word the text never gives in full ("Lee said"): a name, but a weak one.
      return subject.party.startsWith('new:') && !subject.party.includes(' ') ? 'name-single' : 'name';
  }
}

/** Between a quote and a say-verb after it, words that make the verb another clause's: "— a formula that several Europeans said". */
const AFTER_BREAK = /[—–;]|\s-\s|\b(?:that|which|who|whom|while|whereas|although)\b/u;

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
      // Only the words before the verb's subject count: its own appositive may hold a "who".
      const subject = (v.subject?.text ?? v.unnamed ?? '').trim();
      const at = subject ? between.indexOf(subject) : -1;
      if (AFTER_BREAK.test(at >= 0 ? between.slice(0, at) : between)) continue;
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
    // "he told allies that the target was “…”, according to two officials": the source of a
    // report is not the speaker when a say-verb before the quote governs it.
    const weight = v.verb === 'according to' && t.start >= q.end ? d + 10_000 : d;
    if (!best || weight < best.d) best = { v, d: weight };
  }
  return best?.v;
}

/**
 * The verb sits right beside the quote: "…,” said X", "…,” X said", "…,” the minister told
 * reporters", "X said: “…”", "X told reporters on Tuesday: “…”". Anything else in the clause is
 * the weaker "clause" sieve ("X said on Tuesday that the talks were “useful”").
 */
function isAdjacent(s: Sentence, q: QuoteSpan, v: SayVerb, text: string): boolean {
  const t = s.tokens[v.ti];
  if (!t) return false;
  if (t.start >= q.end) {
    const between = text.slice(q.end, t.start);
    if (/^[\s,.!?…—–-]*$/u.test(between)) return true; // "…,” said X"
    // "…,” X said" / "…,” the Kremlin spokesman said" / "…,” Andriy Yermak, the head of …, said"
    const lead = /^[\s,.!?…—–-]*/u.exec(between)?.[0].length ?? 0;
    const subject = v.subject?.text ?? v.unnamed ?? '';
    const rest = between.slice(lead);
    if (!subject) return false;
    if (rest.trim() === subject.trim()) return true;
    return rest.startsWith(subject.trim()) && /^,[^.;!?“”"]*,\s*$/u.test(rest.slice(subject.trim().length));
  }
  const after = text.slice(t.end, q.open);
  if (/^[\s,:]*$/u.test(after)) return true; // "X said: “…”"
  return /^\s+(?:[\p{L}'’-]+\s+){0,5}[\p{L}'’-]+\s*[,:]\s*$/u.test(after) && !/\bthat\b/u.test(after);
}

/** Words that end the reported speech a say-verb introduces: another clause of the sentence. */
const REPORT_BREAK = /;|\b(?:while|whereas|although|though)\b|\s[—–]\s|[.!?]\s/u;

/**
 * "Mr. Medinsky said Moscow had proposed “a ceasefire …”", "Lavrov said Russia did not reject
 * “any form of work” but that contacts had to be “prepared step by step”": a quote inside the
 * speech a person's say-verb reports is that person's words, even when a nearer verb (whose
 * subject is a state, an institution or a thing) stands between them. Nobody else may be named as
 * the subject of a clause in between.
 */
function reportingVerb(
  doc: ArticleDocument,
  s: Sentence,
  q: QuoteSpan,
  text: string,
  nearer: SayVerb | undefined,
): SayVerb | undefined {
  if (nearer?.subject && isPerson(doc, nearer.subject.party)) return undefined;
  if (nearer?.unnamed) return undefined;
  const limit = nearer ? (s.tokens[nearer.ti]?.start ?? q.open) : q.open;
  // The outermost say-verb whose reported speech runs up to the quote: "Rubio said in a statement
  // that Washington welcomed the ceasefire and expected … “…”" is Rubio's.
  const outer = [...s.says].find(
    (v) =>
      !v.participle &&
      !v.passive &&
      v.subject &&
      (s.tokens[v.ti]?.end ?? q.open) <= Math.min(limit, q.open) &&
      !REPORT_BREAK.test(text.slice(s.tokens[v.ti]?.end ?? q.open, q.open)),
  );
  const party = outer?.subject?.party;
  if (!outer || !party) return undefined;
  const from = s.tokens[outer.ti]?.end ?? q.open;
  const between = s.quotes.reduce(
    (acc, other) => (other === q ? acc : acc.replace(other.text, '')),
    text.slice(from, q.open),
  );
  if (REPORT_BREAK.test(between)) return undefined;
  // Another person as the subject of a clause in between speaks for themselves.
  const others = s.parties.filter(
    (p) =>
      p.subjectLike &&
      p.party !== party &&
      isPerson(doc, p.party) &&
      (s.tokens[p.ti]?.start ?? 0) >= from &&
      (s.tokens[p.ti]?.start ?? 0) < q.open,
  );
  if (others.length > 0) return undefined;
  if (
    s.says.some(
      (v) =>
        v !== outer &&
        v !== nearer &&
        v.ti > outer.ti &&
        (s.tokens[v.ti]?.end ?? 0) <= q.open &&
        v.subject &&
        v.subject.party !== party &&
        isPerson(doc, v.subject.party),
    )
  )
    return undefined;
  return outer;
}

/** The speaker a sentence attributes speech to, if any: for quotes that continue it. */
function speakerOfSentence(
  doc: ArticleDocument,
  s: Sentence,
  attributed: ReadonlyMap<QuoteSpan, AttributedQuote>,
): { party: Party; resolution: Resolution; confidence: number; evidence: string } | undefined {
  for (const q of [...s.quotes].reverse()) {
    const a = attributed.get(q);
    const top = a?.candidates[0];
    if (a && top && a.rule !== 'unnamed-source')
      return {
        party: top.party,
        resolution: top.resolution,
        confidence: top.confidence,
        evidence: top.evidence,
      };
  }
  const v = s.says.find((x) => x.subject && !x.participle);
  return v?.subject
    ? {
        party: v.subject.party,
        resolution: resolutionOf(doc, v.subject),
        confidence: 1,
        evidence: v.subject.evidence,
      }
    : undefined;
}

function isPerson(doc: ArticleDocument, p: Party): boolean {
  return doc.parties.get(p)?.kind === 'person';
}

function candidate(
  party: Party,
  sieve: Sieve,
  resolution: Resolution,
  evidence: string,
  cap = 1,
): SpeakerCandidate {
  const inferred = isInferredRule(`${sieve}/${resolution}`);
  return {
    party,
    sieve,
    resolution,
    rule: `${sieve}/${resolution}`,
    confidence: Math.min(
      cap,
      inferred ? INFERRED_CEILING : isOpenRule(`${sieve}/${resolution}`) ? OPEN_PRONOUN_CEILING : 1,
      calibratedConfidence(sieve, resolution),
    ),
    evidence,
    ...(inferred ? { inferred: true as const } : {}),
  };
}

/** A person the text does not name, taken from the office holders on the publication day. */
function isInferredParty(doc: ArticleDocument, party: Party): boolean {
  return (
    party.startsWith('new:') &&
    doc.registry.unknown.get(party.slice(4))?.basis.startsWith(INFERRED_BASIS) === true
  );
}

/** However it was reached ("the Kremlin spokesman … he said"), an inferred holder is offered, never chosen. */
function inferredCandidate(c: SpeakerCandidate): SpeakerCandidate {
  return { ...c, confidence: Math.min(c.confidence, INFERRED_CEILING), inferred: true };
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
      let unnamed: { who: string; sieve: Sieve } | undefined;

      // Stage one, patterns on the quote's own sentence.
      const near = governingVerb(s, q, text);
      const adjacent = near !== undefined && !near.participle && isAdjacent(s, q, near, text);
      // Even right beside the quote, a state's verb inside a person's reported speech is theirs:
      // "Mr. Medinsky said Moscow had proposed “a ceasefire …”".
      const reporting = adjacent && near?.inverted ? undefined : reportingVerb(doc, s, q, text, near);
      const v = reporting ?? near;
      if (reporting?.subject)
        candidates.push(
          candidate(
            reporting.subject.party,
            'reported',
            resolutionOf(doc, reporting.subject),
            `reported speech of ${reporting.subject.evidence}`,
          ),
        );
      else if (v) {
        const sieve: Sieve = v.participle ? 'participle' : adjacent ? 'adjacent' : 'clause';
        if (v.subject)
          candidates.push(
            candidate(v.subject.party, sieve, resolutionOf(doc, v.subject), v.subject.evidence),
          );
        else if (v.unnamed) unnamed = { who: v.unnamed, sieve };
      }

      // "Zelensky: ‘now it is Russia's turn’": a name and a colon before the quote (headings of live
      // pages, transcripts) attribute it as a say-verb would.
      if (!v) {
        const lead = text.slice(s.start, q.open);
        const named = /^\s*([^:“”"‘’«»]{2,60}?)\s*:\s*$/u.exec(lead)?.[1];
        const m = named
          ? s.mentions.find(
              (x) =>
                !x.inQuote &&
                x.end <= q.open &&
                lead.trim().startsWith(text.slice(s.tokens[x.titleStart]?.start ?? x.start, x.end)) &&
                named.trim().endsWith(x.text.replace(/['’]s$/u, '')),
            )
          : undefined;
        const party = m ? partyOf(m) : undefined;
        if (m && party && doc.parties.has(party))
          candidates.push(
            candidate(
              party,
              'colon',
              doc.parties.get(party)?.kind === 'person' ? 'name' : 'institution',
              `${named}: “…”`,
            ),
          );
      }

      // "US PRESIDENT JOE BIDEN" above a run of bare quotes: the heading names their speaker.
      if (!v) {
        const heading = headingAbove(s.paragraph, doc);
        if (heading)
          candidates.push(
            candidate(
              heading.party,
              'heading',
              heading.kind === 'person' ? 'name' : 'institution',
              `under the heading “${heading.label}” (¶${heading.paragraph})`,
            ),
          );
      }

      // Then paragraph and conversation patterns, for a quote no verb of its own sentence governs.
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
      if (!v) {
        const opensParagraph = q.open === 0 || text.slice(0, q.open).trim() === '';
        const prevParagraphQuote = prev && prev.paragraph < s.paragraph ? out.at(-1) : undefined;
        const source = prevParagraphQuote?.candidates[0];
        if (
          opensParagraph &&
          standsAlone &&
          source &&
          prevParagraphQuote.rule !== 'unnamed-source' &&
          !prevParagraphQuote.quote.closed &&
          prevParagraphQuote.sentence.paragraph < s.paragraph
        )
          candidates.push(
            candidate(
              source.party,
              'continuation',
              source.resolution,
              `continues the quote left open at the end of the paragraph before (${source.evidence})`,
              source.confidence,
            ),
          );
        const prevSpeaker =
          prev && prev.paragraph >= s.paragraph - 1 ? speakerOfSentence(doc, prev, byQuote) : undefined;
        if (prevSpeaker && standsAlone) {
          const same = prev?.paragraph === s.paragraph;
          candidates.push(
            candidate(
              prevSpeaker.party,
              same ? 'paragraph' : 'previous-paragraph',
              prevSpeaker.resolution,
              `the speaker of the sentence before${same ? '' : ' (previous paragraph)'}: ${prevSpeaker.evidence}`,
              prevSpeaker.confidence,
            ),
          );
        }
        const nextVerb =
          next && next.paragraph === s.paragraph
            ? next.says.find((x) => x.subject && !x.participle)
            : undefined;
        if (nextVerb?.subject && standsAlone && next?.quotes.length === 0)
          candidates.push(
            candidate(
              nextVerb.subject.party,
              'next-sentence',
              resolutionOf(doc, nextVerb.subject),
              `named in the sentence after (${nextVerb.subject.text})`,
            ),
          );
        const verbSubject = s.verbSubjects.get(q);
        if (verbSubject?.party && !standsAlone)
          candidates.push(
            candidate(
              verbSubject.party,
              'sentence-subject',
              resolutionOf(doc, { ...verbSubject, party: verbSubject.party }),
              `the subject of the verb before the quote (${verbSubject.evidence})`,
            ),
          );
        const last = [...sentences.slice(Math.max(0, idx - 2), idx + 1)]
          .reverse()
          .flatMap((x) => [...x.parties].reverse())
          .find((p) => p.subjectLike && isPerson(doc, p.party));
        if (last) candidates.push(candidate(last.party, 'last-person', 'name', 'the last person named'));
      }

      // The first sieve that found someone decides; the others stay as the curator's alternatives.
      candidates.sort((a, b) => SIEVES.indexOf(a.sieve) - SIEVES.indexOf(b.sieve));
      const unique = candidates
        .filter((c, i) => candidates.findIndex((x) => x.party === c.party) === i)
        .map((c) => (isInferredParty(doc, c.party) ? inferredCandidate(c) : c));
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
        result.cue = `a speaker the text does not name: ${unnamed.who}`;
        flags.push(`${SPEAKER_UNKNOWN}: the text does not name “${unnamed.who}”`);
      } else if (best && best.confidence >= SPEAKER_THRESHOLD) {
        result.speaker = best.party;
        result.rule = best.rule;
        result.confidence = best.confidence;
        result.cue = best.evidence;
      } else {
        result.confidence = best?.confidence ?? 0;
        result.rule = best?.rule ?? 'none';
        result.cue = best ? `evidence too weak (${best.rule}): ${best.evidence}` : 'no candidate';
        flags.push(SPEAKER_UNKNOWN);
      }
      if (result.speaker && !doc.parties.has(result.speaker)) flags.push('speaker is not a known actor');
      out.push(result);
      byQuote.set(q, result);
    }
  });
  return out;
}
