import { type Analysis, type Analyzer, isPronoun, keySet } from './analyze.ts';
import { ACCOUNT_NOUNS, ATTRIBUTING_VERBS, MONTHS, REPORTING_VERBS, WEEKDAYS } from './lexicon.ts';
import { splitSentences } from './text.ts';

/**
 * Attribution: the source reports some things as someone's account ("according to Macron",
 * "Zelensky emphasized that…", "he said"). A sentence of ours that rests on such a source sentence
 * must say whose account it is ("Macron says…") or carry `attributedTo`.
 */

export interface SourceSentence {
  text: string;
  analysis: Analysis;
  keys: ReadonlySet<string>;
  /** Whose account the sentence reports, when it says so. */
  attributor?: string;
  /** The words that say so ("according to French President Emmanuel Macron"). */
  cue?: string;
}

/**
 * A part of a source sentence that is either someone's account or the writer's own: in "After
 * talks at the White House, Zelensky said he is ready, although details remain unclear", only
 * "Zelensky said he is ready" is Zelensky's.
 */
export interface SourceSegment {
  sentence: SourceSentence;
  keys: ReadonlySet<string>;
  /**
   * Whose account it is. A pronoun ("she said") may mean any person named just before, most
   * recent first: attributing to any of them satisfies the guard.
   */
  attributors?: string[];
}

/** Words that may stand between a subject and its reporting verb ("Zelensky has also said"). */
const BETWEEN = new Set([
  'who',
  'has',
  'have',
  'had',
  'also',
  'then',
  'later',
  'earlier',
  'again',
  'publicly',
  'repeatedly',
  'reportedly',
  'previously',
  'once',
  'himself',
  'herself',
]);

/** Where the writer's own words resume after a reported clause. */
const CLAUSE_BREAK = new Set(['although', 'though', 'whereas', 'while', 'amid', 'since', 'however']);

/**
 * Splits each paragraph of one source into sentences, finds whose account each reports and which
 * part of it. Pronouns ("he said") resolve to the last person named before them, quotes excluded.
 */
export function attributeSource(analyzer: Analyzer, paragraphs: readonly string[]): SourceSegment[][] {
  /** Persons named in the last sentence that named any, most recent first. */
  let lastPersons: string[] = [];
  return paragraphs.map((para) =>
    splitSentences(para).flatMap((s) => {
      const analysis = analyzer.analyze(s.text);
      const { tokens, quoted } = analysis;
      const mentions = analysis.mentions.filter((m) => !m.quoted);
      const personsBefore = (i: number) => {
        const here = mentions
          .filter((x) => x.end <= i && analyzer.kindOf.get(x.actor) === 'person')
          .map((x) => x.actor)
          .reverse();
        return [...new Set([...here, ...lastPersons])];
      };
      let attributor: string | undefined;
      let candidates: string[] = [];
      let cue: string | undefined;
      /** First token of the reported clause, or -1 when the whole sentence is reported. */
      let from = 0;
      for (let i = 0; i < tokens.length && !attributor; i++) {
        if (quoted.has(i)) continue;
        const w = tokens[i]?.word ?? '';
        if (w === 'according' && tokens[i + 1]?.word === 'to') {
          // "according to Norland's foreign minister Anna Berg": the person, not the country.
          const near = mentions.filter((x) => x.start > i + 1 && x.start <= i + 8);
          const m = near.find((x) => analyzer.kindOf.get(x.actor) === 'person') ?? near[0];
          if (m) {
            attributor = m.actor;
            candidates = [m.actor];
            cue = slice(s.text, tokens, i, m.end);
            from = -1;
          }
          continue;
        }
        if (!REPORTING_VERBS.has(w) || w === 'according' || w.startsWith('report')) continue;
        let j = i - 1;
        while (j >= 0 && i - j <= 4 && BETWEEN.has(tokens[j]?.word ?? '')) j--;
        const subject = mentions.find((x) => x.end === j + 1);
        if (subject) {
          attributor = subject.actor;
          candidates = [subject.actor];
          cue = slice(s.text, tokens, subject.start, i + 1);
          from = subject.start;
        } else if (j >= 0 && !quoted.has(j) && isPronoun(tokens[j]?.word ?? '')) {
          candidates = personsBefore(j);
          attributor = candidates[0];
          if (attributor) {
            cue = slice(s.text, tokens, j, i + 1);
            from = j;
          }
        }
      }
      const persons = mentions.filter((x) => analyzer.kindOf.get(x.actor) === 'person');
      if (persons.length > 0) lastPersons = [...new Set(persons.map((x) => x.actor).reverse())];
      const sentence: SourceSentence = {
        text: s.text,
        analysis,
        keys: keySet(analysis),
        ...(attributor ? { attributor, cue } : {}),
      };
      if (!attributor) return [{ sentence, keys: sentence.keys }];
      // Reported: the clause from the cue on (and quotes before it), up to where the writer resumes.
      let to = tokens.length;
      if (from >= 0)
        for (let k = from + 1; k < tokens.length; k++)
          if (CLAUSE_BREAK.has(tokens[k]?.word ?? '') && !quoted.has(k)) {
            to = k;
            break;
          }
      const reported = (i: number) =>
        from < 0 ? true : (i >= from && i < to) || (i < from && quoted.has(i));
      const inside = new Set<string>();
      const outside = new Set<string>();
      for (const t of analysis.terms) for (const k of t.keys) (reported(t.at) ? inside : outside).add(k);
      const segments: SourceSegment[] = [{ sentence, keys: inside, attributors: candidates }];
      if (outside.size > 0) segments.push({ sentence, keys: outside });
      return segments;
    }),
  );
}

function slice(text: string, tokens: Analysis['tokens'], from: number, to: number): string {
  const a = tokens[from];
  const b = tokens[to - 1];
  return a && b ? text.slice(a.start, b.end) : '';
}

/** The part of the source our sentence rests on most: the one sharing the most of its words. */
export function bestSource(
  ours: Analysis,
  candidates: readonly SourceSegment[],
): { segment: SourceSegment; overlap: number } | undefined {
  const terms = ours.terms.filter((t) => t.kind !== 'actor');
  let best: { segment: SourceSegment; overlap: number } | undefined;
  for (const c of candidates) {
    const overlap = terms.filter((t) => t.keys.some((k) => c.keys.has(k))).length;
    if (!best || overlap > best.overlap) best = { segment: c, overlap };
  }
  if (!best || best.overlap < 2 || best.overlap < 0.3 * terms.length) return undefined;
  return best;
}

/**
 * Does our sentence say the claim is `actor`'s? "Macron says…", "according to Macron", "in
 * Zelensky's account", or "he says" when the actor was named just before.
 */
export function attributesTo(ours: Analysis, actor: string, namedBefore: boolean): boolean {
  const { tokens } = ours;
  const verbWithin = (from: number, span: number) => {
    for (let k = from; k < Math.min(tokens.length, from + span); k++)
      if (ATTRIBUTING_VERBS.has(tokens[k]?.word ?? '') && !ours.quoted.has(k)) return true;
    return false;
  };
  for (const m of ours.mentions) {
    if (m.actor !== actor || m.quoted) continue;
    if (m.possessive && ACCOUNT_NOUNS.has(tokens[m.end]?.word ?? '')) return true;
    // Headline style: "Berg on how long the talks lasted" (but not "Berg on Tuesday met …").
    if (tokens[m.end]?.word === 'on' && !isDateWord(tokens[m.end + 1]?.word ?? '')) return true;
    if (verbWithin(m.end, 6)) return true;
    const before = tokens.slice(Math.max(0, m.start - 8), m.start).map((t) => t.word);
    const at = before.lastIndexOf('according');
    if (at >= 0 && before[at + 1] === 'to') return true;
  }
  if (namedBefore || ours.mentions.some((m) => m.actor === actor))
    for (let i = 0; i < tokens.length; i++)
      if (/^(he|she|they)$/.test(tokens[i]?.word ?? '') && !ours.quoted.has(i) && verbWithin(i + 1, 3))
        return true;
  return false;
}

function isDateWord(word: string): boolean {
  return WEEKDAYS.includes(word) || MONTHS.has(word) || /^\d/.test(word);
}
