import { stemmer } from 'stemmer';

/**
 * Text handling shared by the truth guards: folding (case, diacritics, quote marks, dashes,
 * dotted abbreviations), word tokens with their positions, sentence splitting and a light
 * normalisation of British/American spellings before stemming. Pure.
 */

export interface Token {
  /** Folded form: lower case, no diacritics, apostrophes and abbreviation dots removed. */
  word: string;
  /** As written. */
  raw: string;
  start: number;
  end: number;
}

const WORD_RE = /\p{N}+(?:[.,]\p{N}+)*|\p{L}[\p{L}\p{N}]*(?:['’.]\p{L}[\p{L}\p{N}]*)*/gu;
const MARKS_RE = /\p{M}/gu;

export function foldWord(raw: string): string {
  const lower = raw.normalize('NFKD').replace(MARKS_RE, '').toLowerCase();
  // "U.S" → "us", "he’s" → "hes", "90,000" → "90000"; "3.5" keeps its point.
  if (/^\p{N}/u.test(lower)) return lower.replace(/,/g, '');
  return lower.replace(/['’.]/g, '');
}

/** Words of a text with their offsets; quote marks, dashes and other punctuation separate words. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD_RE)) {
    const raw = m[0];
    out.push({ word: foldWord(raw), raw, start: m.index ?? 0, end: (m.index ?? 0) + raw.length });
  }
  return out;
}

const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'st',
  'jr',
  'sr',
  'gen',
  'col',
  'lt',
  'sgt',
  'gov',
  'sen',
  'rep',
  'prof',
  'no',
  'vs',
  'etc',
  'eg',
  'ie',
  'approx',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
]);

export interface Sentence {
  text: string;
  start: number;
}

/**
 * Splits at ". ! ? ;" followed by a space and a capital, digit or quote mark (";" at any space),
 * never after initials ("U.S.", "J.D.") or common abbreviations ("Mr.", "Feb.").
 */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  const push = (end: number) => {
    const piece = text.slice(start, end).replace(/;\s*$/, '');
    const trimmed = piece.trim();
    if (trimmed) out.push({ text: trimmed, start: start + piece.indexOf(trimmed) });
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch !== '.' && ch !== '!' && ch !== '?' && ch !== ';') continue;
    // Closing quote marks stay with their sentence.
    let end = i + 1;
    while (end < text.length && /["”’')\]]/.test(text[end] ?? '')) end++;
    if (end >= text.length || !/\s/.test(text[end] ?? '')) continue;
    let next = end;
    while (next < text.length && /\s/.test(text[next] ?? '')) next++;
    const following = text[next] ?? '';
    if (ch !== ';' && !/[\p{Lu}\p{N}"“‘'(]/u.test(following)) continue;
    if (ch === '.') {
      const before = /([\p{L}.]+)\.$/u.exec(text.slice(Math.max(0, i - 12), i + 1));
      const word = before?.[1]?.toLowerCase() ?? '';
      if (/^\p{L}$/u.test(word) || /^(\p{L}\.)+\p{L}$/u.test(word) || ABBREVIATIONS.has(word)) continue;
    }
    push(end);
    start = next;
  }
  push(text.length);
  return out;
}

export interface QuotedSpan {
  text: string;
  start: number;
  end: number;
}

const QUOTED_RE = /(^|[\s([{—–-])(["“‘'])(.+?)(["”’'])(?=$|[\s.,;:!?)\]}—–-])/gu;

/** Passages our own text puts between quote marks: quotations, exempt from the own-words rule. */
export function quotedSpans(text: string): QuotedSpan[] {
  const out: QuotedSpan[] = [];
  for (const m of text.matchAll(QUOTED_RE)) {
    const lead = m[1] ?? '';
    const inner = m[3] ?? '';
    const start = (m.index ?? 0) + lead.length + 1;
    out.push({ text: inner, start, end: start + inner.length });
  }
  return out;
}

/**
 * British spellings folded to American ones. Both sides of every comparison get the same
 * treatment, so an over-eager fold ("promise" → "promize") is harmless.
 */
function americanize(word: string): string {
  return word
    .replace(/^(defen|offen|licen|preten)ce(s?)$/, '$1se$2')
    .replace(/^(cent|theat|met|fib|lit)re(s?)$/, '$1er$2')
    .replace(/(\p{L}{3,})is(e|es|ed|ing|ation|ations)$/u, '$1iz$2')
    .replace(/(\p{L}{3,})ys(e|es|ed|ing)$/u, '$1yz$2')
    .replace(/(\p{L}{2,}[aeiou])ll(ed|ing|er|ers)$/u, '$1l$2')
    .replace(/^(colo|favo|hono|labo|neighbo|behavio|harbo|rumo|vigo|armo)ur(s|ed|ing|ite|ites)?$/, '$1r$2');
}

const stemCache = new Map<string, string>();

/** Porter stem of a folded word, after spelling folding; numbers are kept as they are. */
export function stem(word: string): string {
  if (/^\p{N}/u.test(word)) return word;
  let s = stemCache.get(word);
  if (s === undefined) {
    s = stemmer(americanize(word));
    if (stemCache.size > 50_000) stemCache.clear();
    stemCache.set(word, s);
  }
  return s;
}

/** Demonyms and adjectives of place to the place ("Russian" → "russia", "European" → "europe"). */
export function placeForms(word: string): string[] {
  const forms: string[] = [];
  if (word.length < 6) return forms;
  if (word.endsWith('ian')) forms.push(`${word.slice(0, -3)}e`, word.slice(0, -3), word.slice(0, -1));
  else if (word.endsWith('ean')) forms.push(word.slice(0, -2), `${word.slice(0, -3)}e`);
  else if (word.endsWith('an')) forms.push(word.slice(0, -1), word.slice(0, -2), `${word.slice(0, -2)}a`);
  return forms;
}
