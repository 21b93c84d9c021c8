import { normalizeName } from '../domain/text.ts';
import type { Pos } from './nlp.ts';

/**
 * The text layer of ingest: quote spans, sentences and tokens of one paragraph. Offsets are
 * UTF-16 indexes into the paragraph text, so every quote can be cut out of it verbatim.
 */

export type QuoteStyle =
  | 'curly-double'
  | 'curly-single'
  | 'straight-double'
  | 'straight-single'
  | 'guillemets';

export interface QuoteSpan {
  /** Offset of the opening mark. */
  open: number;
  /** Offset just past the closing mark (or where an unclosed quote was cut). */
  end: number;
  /** The stored words: between the marks, without padding or a trailing comma. */
  text: string;
  textStart: number;
  textEnd: number;
  style: QuoteStyle;
  /** False when no closing mark was found: the end is a guess to review. */
  closed: boolean;
}

const LETTER = /[\p{L}\p{N}]/u;
const OPEN_CONTEXT = /[\s([{<—–\-/“"‘'«„:]/u;

function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && LETTER.test(ch);
}

/** An opening mark sits at the start, after a space or an opening bracket/dash, and before a word. */
function opensHere(text: string, i: number): boolean {
  const prev = text[i - 1];
  const next = text[i + 1];
  return (prev === undefined || OPEN_CONTEXT.test(prev)) && next !== undefined && !/\s/.test(next);
}

/** ’ or ' closes a quote unless it sits between two letters (we’re, Trump’s). */
function closesHere(text: string, i: number): boolean {
  const prev = text[i - 1];
  const next = text[i + 1];
  return prev !== undefined && !/\s/.test(prev) && !isLetter(next);
}

interface RawSpan {
  open: number;
  close: number | undefined;
  cutAt: number;
  style: QuoteStyle;
}

/**
 * Finds direct quotes in all the usual styles: “…”, ‘…’, "…", '…', «…». Apostrophes (we’re,
 * Trump’s) are told apart from closing marks by the letters around them. A quote left open when
 * another one opens is cut at its first clause boundary and flagged; one left open at the end of the
 * paragraph runs to the end (news style for quotes that continue in the next paragraph).
 */
export function findQuotes(text: string): QuoteSpan[] {
  const spans: RawSpan[] = [];
  let open: RawSpan | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '“' || c === '„' || c === '«' || (c === '"' && !open && opensHere(text, i))) {
      if (open) {
        open.cutAt = i;
        spans.push(open);
      }
      const style: QuoteStyle = c === '«' ? 'guillemets' : c === '"' ? 'straight-double' : 'curly-double';
      open = { open: i, close: undefined, cutAt: text.length, style };
    } else if (open && (c === '”' || c === '»' || (c === '"' && open.style === 'straight-double'))) {
      open.close = i;
      spans.push(open);
      open = undefined;
    }
  }
  if (open) spans.push(open);

  const inDouble = (i: number) => spans.some((s) => i > s.open && i < (s.close ?? s.cutAt));
  const singles: RawSpan[] = [];
  let single: RawSpan | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if ((c !== '‘' && c !== '’' && c !== "'") || inDouble(i)) continue;
    const canOpen = (c === '‘' || c === "'") && opensHere(text, i) && isLetter(text[i + 1]);
    const canClose =
      single !== undefined &&
      (c === '’' || (c === "'" && single.style === 'straight-single')) &&
      closesHere(text, i) &&
      i > single.open + 1;
    if (canClose && single) {
      single.close = i;
      singles.push(single);
      single = undefined;
    } else if (canOpen && (c === '‘' || !single)) {
      if (single) {
        single.cutAt = i;
        singles.push(single);
      }
      single = {
        open: i,
        close: undefined,
        cutAt: text.length,
        style: c === '‘' ? 'curly-single' : 'straight-single',
      };
    }
  }
  // A straight ' never closed is far more likely an apostrophe ('90s) than a quote.
  if (single && single.style !== 'straight-single') singles.push(single);

  return [...spans, ...singles]
    .map((s) => toQuoteSpan(text, s))
    .filter((q): q is QuoteSpan => q !== undefined)
    .sort((a, b) => a.open - b.open);
}

const CLAUSE_BREAK = /,|;|\s(?:and|but|or|while|as|then|because)\s|\s[—–-]\s/;

function toQuoteSpan(text: string, s: RawSpan): QuoteSpan | undefined {
  const closed = s.close !== undefined;
  let textStart = s.open + 1;
  let textEnd = s.close ?? s.cutAt;
  let inner = text.slice(textStart, textEnd);
  if (!closed && s.cutAt < text.length) {
    // Cut where the unclosed quote most plausibly ends: its first clause boundary.
    const m = CLAUSE_BREAK.exec(inner);
    if (m) textEnd = textStart + m.index;
    inner = text.slice(textStart, textEnd);
  }
  const lead = inner.length - inner.trimStart().length;
  textStart += lead;
  inner = text.slice(textStart, textEnd);
  // Trailing padding and the comma/colon that belongs to the attribution, not to the words.
  const trimmed = inner.replace(/[\s,;:]+$/u, '');
  textEnd = textStart + trimmed.length;
  if (trimmed.length < 2) return undefined;
  return {
    open: s.open,
    end: closed ? (s.close ?? 0) + 1 : textEnd,
    text: trimmed,
    textStart,
    textEnd,
    style: s.style,
    closed,
  };
}

export function insideQuote(quotes: readonly QuoteSpan[], offset: number): QuoteSpan | undefined {
  return quotes.find((q) => offset >= q.open && offset < q.end);
}

/** Abbreviations after which a period does not end a sentence. */
const ABBREVIATIONS = new Set(
  'mr mrs ms dr prof gen sen rep gov lt col capt sgt st jr sr vs etc no jan feb mar apr jun jul aug sep sept oct nov dec approx inc corp co ltd fig'.split(
    ' ',
  ),
);
/** Words that start a new sentence after dotted initials such as "U.S.". */
const SENTENCE_STARTERS = new Set(
  'the a an he she it they we i this that these those but and however in on at after before meanwhile still yet so'.split(
    ' ',
  ),
);
const SAY_NEARBY = /^(?:\S+\s+){0,3}?(?:said|says|asked|added|told|insisted|replied|wrote)\b/;

export interface Span {
  start: number;
  end: number;
}

/**
 * Sentences of a paragraph. Never splits inside a quote, after an abbreviation or a middle initial;
 * a quote ending in "." ends its sentence, one ending in "?"/"!" does not when a say-verb follows.
 */
export function splitSentences(text: string, quotes: readonly QuoteSpan[]): Span[] {
  const ends: number[] = [];
  const nextStartsSentence = (from: number): boolean => {
    const rest = text.slice(from);
    const m = /^\s+(\S)/u.exec(rest);
    if (!m?.[1]) return false;
    return /[\p{Lu}\p{N}“"‘'«(]/u.test(m[1]);
  };
  for (let i = 0; i < text.length; i++) {
    const q = insideQuote(quotes, i);
    if (q) {
      // At the end of a quote whose words end a sentence.
      if (i === q.end - 1 && q.closed && /[.!?…]$/.test(q.text) && nextStartsSentence(q.end)) {
        const after = text.slice(q.end).trimStart();
        if (/[.…]$/.test(q.text) || !SAY_NEARBY.test(after)) ends.push(q.end);
      }
      continue;
    }
    const c = text[i];
    if (c !== '.' && c !== '!' && c !== '?') continue;
    let j = i + 1;
    while (j < text.length && /[)\]”’"']/.test(text[j] ?? '')) j++;
    if (!nextStartsSentence(j)) continue;
    if (c === '.') {
      const before = /([\p{L}.]+)$/u.exec(text.slice(0, i))?.[1] ?? '';
      const word = before.replace(/\./g, '').toLowerCase();
      if (ABBREVIATIONS.has(word)) continue;
      if (/^\p{Lu}$/u.test(before)) continue; // middle initial: John F. Kennedy
      if (/^(?:\p{L}\.)+\p{L}$/u.test(before)) {
        const next = /^\s+([\p{L}]+)/u.exec(text.slice(j))?.[1]?.toLowerCase() ?? '';
        if (!SENTENCE_STARTERS.has(next)) continue; // "U.S. President"
      }
    }
    ends.push(j);
  }
  const spans: Span[] = [];
  let start = 0;
  for (const end of [...new Set(ends)].sort((a, b) => a - b)) {
    if (end <= start) continue;
    pushTrimmed(text, start, end, spans);
    start = end;
  }
  pushTrimmed(text, start, text.length, spans);
  return spans;
}

function pushTrimmed(text: string, start: number, end: number, out: Span[]): void {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s] ?? '')) s++;
  while (e > s && /\s/.test(text[e - 1] ?? '')) e--;
  if (e > s) out.push({ start: s, end: e });
}

export interface Token {
  /** As printed. */
  raw: string;
  start: number;
  end: number;
  /** Lower case, without a possessive ’s, with ’ written as '. */
  lower: string;
  /** Name-matching words (normalizeName of the base): "J.D." → ["jd"], "G-7" → ["g", "7"]. */
  names: string[];
  cap: boolean;
  /** Every letter upper case: acronyms such as US, NATO. */
  upper: boolean;
  possessive: boolean;
  inQuote: boolean;
  /** First word of its sentence or of a quote. */
  initial: boolean;
  /** Part of speech from wink-nlp (set by the document layer). */
  pos?: Pos;
}

const WORD = /(?:\p{L}\.){2,}|[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’\-‐][\p{L}\p{N}]+)*/gu;

/** Word tokens of a sentence (offsets relative to the paragraph). */
export function tokenize(paragraph: string, sentence: Span, quotes: readonly QuoteSpan[]): Token[] {
  const text = paragraph.slice(sentence.start, sentence.end);
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const raw = m[0];
    const start = sentence.start + (m.index ?? 0);
    const possessive = /.['’]s$/u.test(raw) && raw.length > 2;
    const base = possessive ? raw.slice(0, -2) : raw;
    const letters = base.replace(/[^\p{L}]/gu, '');
    const quote = insideQuote(quotes, start);
    const prevText = paragraph.slice(Math.max(sentence.start, start - 3), start);
    tokens.push({
      raw,
      start,
      end: start + raw.length,
      lower: base.toLowerCase().replace(/’/g, "'"),
      names: normalizeName(base).split(' ').filter(Boolean),
      cap: /^\p{Lu}/u.test(raw),
      upper: letters.length > 0 && letters === letters.toUpperCase() && letters !== letters.toLowerCase(),
      possessive,
      inQuote: quote !== undefined,
      initial:
        tokens.length === 0 || (quote !== undefined && quote.textStart === start) || /[:]\s*$/.test(prevText),
    });
  }
  return mergeInitials(paragraph, tokens);
}

/** "J. D. Vance" → one token "J. D." so it matches "J.D. Vance" and "JD Vance". */
function mergeInitials(paragraph: string, tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (const t of tokens) {
    const prev = out.at(-1);
    const single = /^\p{Lu}$/u.test(t.raw) && paragraph[t.end] === '.';
    const prevSingle = prev && /^(?:\p{Lu}\.\s?)+$/u.test(paragraph.slice(prev.start, prev.end + 1));
    if (single && prev && prevSingle && /^\.\s?$/.test(paragraph.slice(prev.end, t.start))) {
      const raw = paragraph.slice(prev.start, t.end + 1);
      out[out.length - 1] = { ...prev, raw, end: t.end + 1, names: [prev.names.join('') + t.names.join('')] };
    } else out.push(t);
  }
  return out;
}

export type ParagraphFlag =
  | 'ui'
  | 'caption'
  | 'repeats-text'
  | 'byline'
  | 'dateline'
  | 'credit'
  | 'no-verb'
  | 'repeated';

export interface ParagraphInfo {
  n: number;
  text: string;
  flags: ParagraphFlag[];
  /** Proposed as page furniture: never cited. */
  furniture: boolean;
  reason?: string;
}

/** Short interface lines: menus, language pickers, share buttons, links to other pages. */
const UI_LINE =
  /^(?:select language|language|share|share this( article)?|share or comment on this article|advertisement|advert|sponsored|read more|read also|related|related topics|related posts|see also|sign up|subscribe|menu|close|skip to (?:main )?content|cookie settings|comments?(?: \(\d+\))?|most read|more on this story|more from this section|live|watch|listen|loading|got a story\?.*)\b[\s:.…|]*$/i;
/** A line that leads to another page: "READ MORE: …", "Watch | …", "Read also: …". */
const LINK_LINE =
  /^(?:(?:read more|read also|see also|related|watch|listen|more|most read|also read|recommended)\s*[:|]|(?:sign up|subscribe|follow us|download (?:our|the) app)\b[^.!?]{0,80}$)/i;
/** "By Jane Doe, Outlet" with no sentence after it. */
const BYLINE = /^by\s+\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]+){0,3}\s*(?:[,|·—–-]|$)/iu;
/** Credits and production lines: "(Reporting by …)", "Photo: …", "© 2025 …", "Editor: …". */
const CREDIT =
  /^(?:\(\s*(?:reporting|writing|editing|additional reporting|compiled)\b|(?:photo|photograph|picture|image|video|source|editor|editing|tags?|topics?|copyright|credit)s?\s*:|©|\(c\)\s|copyright\b|corrections and clarifications\b|duration\s+\d)/iu;
/** Date and time shapes of "Published …", "Updated 3:12 PM EST", "2 June 2025". */
const MONTHS_RE = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?';
const DATE_SHAPE = new RegExp(
  `(?:\\b\\d{1,2}:\\d{2}\\b|\\b\\d{1,2}\\s+${MONTHS_RE}\\s+\\d{4}\\b|\\b${MONTHS_RE}\\s+\\d{1,2},?\\s+\\d{4}\\b|\\b\\d{1,2}[./]\\d{1,2}[./]\\d{2,4}\\b)`,
  'i',
);
const DATE_WORDS_LINE = /^(?:published|updated|posted|last updated|first published|modified)\b/i;

/**
 * Page furniture from the structure of the lines: interface and link lines, bylines, date and time
 * lines, credits, short lines with no verb and no sentence punctuation (section names, tags), lines
 * printed twice (repeated captions), and captions repeating a quote. Other captions (a line
 * without sentence punctuation that has a verb) are flagged but stay citable. `verbs` says, per
 * line, whether wink-nlp found a verb in it.
 */
export function flagParagraphs(paragraphs: readonly string[], verbs?: readonly boolean[]): ParagraphInfo[] {
  const quotesOf = paragraphs.map((p) => findQuotes(p).map((q) => normalizeName(q.text)));
  const seen = new Map<string, number>();
  for (const p of paragraphs) seen.set(normalizeName(p), (seen.get(normalizeName(p)) ?? 0) + 1);
  return paragraphs.map((text, i) => {
    const flags: ParagraphFlag[] = [];
    let reason: string | undefined;
    const words = text.split(/\s+/).filter(Boolean);
    const ended = /[.!?…"”’']\s*$/.test(text);
    const mark = (flag: ParagraphFlag, why: string) => {
      flags.push(flag);
      reason ??= why;
    };
    if (UI_LINE.test(text) || LINK_LINE.test(text) || (words.length <= 4 && /:\s*$/.test(text)))
      mark('ui', 'interface text from the web page');
    else if (/\S\s[|·]\s\S.*\s[|·]\s\S/u.test(text) && !ended) mark('ui', 'a menu or a row of links');
    if (BYLINE.test(text) && words.length <= 16 && !ended) mark('byline', 'a byline');
    if (CREDIT.test(text)) mark('credit', 'a credit or production line');
    if (
      (DATE_WORDS_LINE.test(text) || DATE_SHAPE.test(text)) &&
      words.length <= 14 &&
      !ended &&
      verbs?.[i] !== true
    )
      mark('dateline', 'a date or time line');
    else if (DATE_WORDS_LINE.test(text) && DATE_SHAPE.test(text) && words.length <= 14)
      mark('dateline', 'a date or time line');
    if (verbs && verbs[i] === false && words.length <= 6 && !ended)
      mark('no-verb', 'a short line with no verb');
    const caption = words.length > 4 && !ended;
    if (caption) flags.push('caption');
    if (caption && (seen.get(normalizeName(text)) ?? 0) > 1) mark('repeated', 'a caption printed twice');
    if (caption) {
      const own = quotesOf[i] ?? [];
      const repeated = own.find((q) =>
        quotesOf.some((other, j) => j !== i && other.some((o) => o.includes(q) || q.includes(o))),
      );
      if (repeated)
        mark('repeats-text', `caption repeating a quote printed in another paragraph ("${repeated}")`);
    }
    const furniture = flags.some((f) => f !== 'caption');
    return { n: i + 1, text, flags, furniture, ...(reason ? { reason } : {}) };
  });
}
