import { foldForVerbatim } from '../verify.ts';
import type { Analysis, Analyzer, Term } from './analyze.ts';
import { WEEKDAYS } from './lexicon.ts';

/**
 * Support: is each sentence of our text backed by the paragraphs it cites? Every name, number,
 * date and content word is looked up in those paragraphs (or, for names and dates, in the entry's
 * own actors and dates). Actors, dates, numbers, qualifiers ("yet", "annual", "only") and quoted
 * words must be found; the other words are scored (capitalised names count double) and the share
 * found is compared with a threshold.
 */

/** Chosen with `npm run data:truth-eval` (see tests/domain/truth/support-eval.test.ts). */
export const DEFAULT_SUPPORT_THRESHOLD = 0.35;

const WEIGHT: Record<Term['kind'], number> = {
  actor: 0,
  name: 2,
  date: 0,
  content: 1,
  number: 0,
  qualifier: 0,
  approximator: 0,
};
/** Must be found: an actor, a date or a number the cited text does not give is a wrong fact. */
const STRICT = new Set<Term['kind']>(['actor', 'date', 'number', 'qualifier', 'approximator']);

export interface CitedParagraph {
  /** "S1 ¶3" */
  label: string;
  source: string;
  paragraph: number;
  text: string;
  analysis: Analysis;
  keys: ReadonlySet<string>;
}

export interface SupportContext {
  paragraphs: readonly CitedParagraph[];
  /** The entry's own actors: a name found among them counts as found. */
  actors: ReadonlySet<string>;
  /** Keys of the entry's own dates (year, month, day, weekday). */
  dateKeys: ReadonlySet<string>;
}

export interface SentenceSupport {
  sentence: string;
  /** Weighted share of the sentence's words found, 0–1 (1 when it has none to check). */
  score: number;
  /** Words not found (scored ones). */
  missing: Term[];
  /** Actors, dates, numbers, qualifiers and approximations not found: each alone makes it unsupported. */
  strictMissing: Term[];
  /** Passages in quote marks that are not verbatim in a cited paragraph. */
  misquoted: string[];
  /** Terms found, with the paragraphs that hold them. */
  found: { term: Term; in: number[] }[];
}

export function scoreSentence(analyzer: Analyzer, sentence: string, ctx: SupportContext): SentenceSupport {
  const analysis = analyzer.analyze(sentence);
  let total = 0;
  let got = 0;
  const missing: Term[] = [];
  const strictMissing: Term[] = [];
  const found: { term: Term; in: number[] }[] = [];
  for (const term of analysis.terms) {
    const where = ctx.paragraphs.flatMap((p, i) => (term.keys.some((k) => p.keys.has(k)) ? [i] : []));
    const own =
      (term.kind === 'actor' && term.actor !== undefined && ctx.actors.has(term.actor)) ||
      ((term.kind === 'date' || term.kind === 'number') && term.keys.some((k) => ctx.dateKeys.has(k)));
    const ok = where.length > 0 || own;
    if (ok) found.push({ term, in: where });
    if (STRICT.has(term.kind)) {
      if (!ok) strictMissing.push(term);
      continue;
    }
    const w = WEIGHT[term.kind];
    total += w;
    if (ok) got += w;
    else missing.push(term);
  }
  const folded = ctx.paragraphs.map((p) => foldForVerbatim(p.text).toLowerCase());
  const misquoted = quotedPassages(sentence).filter((q) => {
    const f = foldForVerbatim(q).toLowerCase();
    return !folded.some((p) => p.includes(f));
  });
  return { sentence, score: total === 0 ? 1 : got / total, missing, strictMissing, misquoted, found };
}

function quotedPassages(text: string): string[] {
  const out: string[] = [];
  const re = /(^|[\s([{—–-])(["“‘'])(.+?)(["”’'])(?=$|[\s.,;:!?)\]}—–-])/gu;
  for (const m of text.matchAll(re)) if (m[3]) out.push(m[3].replace(/[.,;:]$/, ''));
  return out;
}

export function isSupported(s: SentenceSupport, threshold: number): boolean {
  return s.score >= threshold && s.strictMissing.length === 0 && s.misquoted.length === 0;
}

/** "not supported by S1 ¶8: "yet" is not there; missing words: …". */
export function supportMessage(s: SentenceSupport, ctx: SupportContext, threshold: number): string {
  const where = ctx.paragraphs.map((p) => p.label).join(', ') || 'its citations';
  const parts: string[] = [];
  if (s.strictMissing.length > 0)
    parts.push(
      `${s.strictMissing.map((t) => `"${t.text}"`).join(', ')} ${s.strictMissing.length === 1 ? 'is' : 'are'} not there`,
    );
  if (s.misquoted.length > 0)
    parts.push(`quoted ${s.misquoted.map((q) => `"${q}"`).join(', ')} is not verbatim there`);
  if (s.score < threshold)
    parts.push(
      `support ${s.score.toFixed(2)} < ${threshold.toFixed(2)}, missing ${s.missing.map((t) => `"${t.text}"`).join(', ')}`,
    );
  else if (s.missing.length > 0 && parts.length > 0)
    parts.push(`also missing ${s.missing.map((t) => `"${t.text}"`).join(', ')}`);
  return `"${clip(s.sentence)}" is not supported by ${where}: ${parts.join('; ')}`;
}

function clip(text: string, max = 90): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** Year, month, day-of-month and weekday keys of days and partial dates. */
export function dateKeysOf(values: readonly (string | undefined)[]): Set<string> {
  const out = new Set<string>();
  for (const v of values) {
    if (!v) continue;
    const [y, m, d] = v.split('-');
    if (y) out.add(y);
    if (m) out.add(`m${Number(m)}`);
    if (d) {
      out.add(String(Number(d)));
      const wd = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d))).getUTCDay();
      const name = WEEKDAYS[wd];
      if (name) out.add(name);
    }
  }
  return out;
}
