import { normalizeName } from '../domain/text.ts';
import type { ActorLexicon } from './mentions.ts';
import { isLabelWord } from './roles.ts';
import type { QuoteSpan } from './text.ts';

/**
 * A line that names who speaks in the bare quotes under it: the speaker headings of a factbox of
 * highlights ("US PRESIDENT JOE BIDEN"), of a reaction roundup ("Kaja Kallas, EU foreign policy
 * chief") and the labelled headlines of live pages ("Rutte: allies must spend more").
 */
export interface SpeakerHeading {
  paragraph: number;
  party: string;
  /** The words of the line that name the speaker, as printed. */
  label: string;
  kind: 'person' | 'institution';
}

/** What the heading finder needs of the article: its lines, their quotes, and who it names. */
export interface HeadingSource {
  paragraphs: readonly { n: number; text: string }[];
  quotesByParagraph: readonly (readonly QuoteSpan[])[];
  parties: ReadonlyMap<string, { name: string; kind: string }>;
}

/** "14:05 BST", "10.32am —": the time stamp of a live page's entry, before its headline. */
const TIME_STAMP = /^\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,5}\b)?\s*[-–—|:]?\s*/iu;
const SENTENCE_END = /[.!?…]["”’']?\s*$/u;

/**
 * The label a line gives, if it has the shape of a heading: no quotation, no sentence ending, and
 * either a name before a colon ("Rutte: allies must …", "SIKORSKI:") or a short line of its own.
 */
function labelOf(text: string, quotes: readonly QuoteSpan[]): string | undefined {
  if (quotes.length > 0 || SENTENCE_END.test(text)) return undefined;
  const line = text.trim().replace(TIME_STAMP, '');
  const colon = /^([^:]{2,60}?)\s*:(?:\s+\S|\s*$)/u.exec(line);
  if (colon) return colon[1];
  return line.split(/\s+/u).length <= 10 ? line : undefined;
}

interface NameForm {
  party: string;
  words: string[];
  kind: 'person' | 'institution';
}

function nameForms(source: HeadingSource, lex: ActorLexicon): NameForm[] {
  const forms: NameForm[] = [];
  for (const [party, info] of source.parties) {
    const kind =
      info.kind === 'person'
        ? 'person'
        : info.kind === 'organization' || info.kind === 'state'
          ? 'institution'
          : undefined;
    if (!kind) continue;
    const names = [info.name, ...lex.entries.filter((e) => e.actorId === party).map((e) => e.alias)];
    for (const n of new Set(names)) {
      const words = labelWords(n);
      if (words.length > 0) forms.push({ party, words, kind });
    }
  }
  return forms;
}

function labelWords(text: string): string[] {
  return normalizeName(text.replace(/['’]s\b/gu, ''))
    .split(' ')
    .filter(Boolean);
}

function indexOfRun(haystack: readonly string[], needle: readonly string[]): number {
  for (let i = 0; i + needle.length <= haystack.length; i++)
    if (needle.every((w, k) => haystack[i + k] === w)) return i;
  return -1;
}

/**
 * The party a label names, when it names exactly one and says nothing else than its role: every
 * other word is an office, an affiliation or a filler ("JAPANESE PRIME MINISTER FUMIO KISHIDA"),
 * so that a headline about someone ("Zelensky in Washington") is not taken for a speaker's label.
 * A person's full name, or their surname when no other person in the article bears it; failing a
 * person, one institution or state ("Ukraine's foreign ministry" when the article names it).
 */
export function resolveLabel(
  label: string,
  forms: readonly NameForm[],
): Omit<SpeakerHeading, 'paragraph'> | undefined {
  const words = labelWords(label);
  if (words.length === 0 || words.length > 10) return undefined;
  const surnameHolders = new Map<string, Set<string>>();
  for (const f of forms)
    if (f.kind === 'person' && f.words.length > 1) {
      const last = f.words.at(-1) ?? '';
      surnameHolders.set(last, (surnameHolders.get(last) ?? new Set()).add(f.party));
    }
  for (const kind of ['person', 'institution'] as const) {
    const found = new Map<string, { at: number; len: number }>();
    for (const f of forms) {
      if (f.kind !== kind) continue;
      let at = indexOfRun(words, f.words);
      let len = f.words.length;
      if (at < 0 && kind === 'person' && f.words.length > 1) {
        const last = f.words.at(-1) ?? '';
        if (last.length >= 3 && surnameHolders.get(last)?.size === 1) {
          at = words.indexOf(last);
          len = 1;
        }
      }
      if (at < 0) continue;
      const prior = found.get(f.party);
      if (!prior || len > prior.len) found.set(f.party, { at, len });
    }
    if (found.size === 0) continue;
    if (found.size > 1) return undefined;
    const [[party, span]] = [...found] as [[string, { at: number; len: number }]];
    const rest = [...words.slice(0, span.at), ...words.slice(span.at + span.len)];
    if (!rest.every((w) => isLabelWord(w))) return undefined;
    return { party, label, kind };
  }
  return undefined;
}

/** Every line of the article that names who speaks in the quotes under it, by paragraph number. */
export function findSpeakerHeadings(source: HeadingSource, lex: ActorLexicon): Map<number, SpeakerHeading> {
  const headings = new Map<number, SpeakerHeading>();
  let forms: NameForm[] | undefined;
  for (const p of source.paragraphs) {
    const quotes = source.quotesByParagraph[p.n - 1] ?? [];
    // "Sikorski: “…”" also names the speaker of the bare quotes after it.
    const lead = isQuoteLine(p.text, quotes)
      ? /^([^“”"«»:]{2,60}?)\s*:\s*$/u.exec(p.text.slice(0, quotes[0]?.open ?? 0))?.[1]
      : undefined;
    const label = lead ?? labelOf(p.text, quotes);
    if (!label) continue;
    forms ??= nameForms(source, lex);
    const resolved = resolveLabel(label, forms);
    if (resolved) headings.set(p.n, { paragraph: p.n, ...resolved });
  }
  return headings;
}

/**
 * Whether a paragraph is nothing but quotation: bare quotes, or quotes after a short lead that
 * ends in a colon ("On Iran: “…”", "Asked about tariffs: “…”").
 */
export function isQuoteLine(text: string, quotes: readonly QuoteSpan[]): boolean {
  if (quotes.length === 0) return false;
  const sorted = [...quotes].sort((a, b) => a.open - b.open);
  let outside = '';
  let from = sorted[0]?.open ?? 0;
  for (const q of sorted) {
    outside += text.slice(from, Math.max(from, q.open));
    from = Math.max(from, q.end);
  }
  outside += text.slice(from);
  if (/\p{L}/u.test(outside)) return false;
  const lead = text.slice(0, sorted[0]?.open ?? 0);
  return !/\p{L}/u.test(lead) || /^[^“”"«»:]{1,80}:\s*$/u.test(lead);
}

/**
 * The heading a quote line stands under: the nearest heading above it with nothing between but
 * other quote lines and page furniture. A line of prose, or a quote someone is said to say, in
 * between ends the heading's reach.
 */
export function headingAbove(
  paragraph: number,
  doc: HeadingSource & {
    paragraphs: readonly { n: number; text: string; furniture: boolean }[];
    headings: ReadonlyMap<number, SpeakerHeading>;
    sentences: readonly { paragraph: number; says: readonly unknown[] }[];
  },
): SpeakerHeading | undefined {
  const at = (n: number) => doc.paragraphs[n - 1];
  const own = at(paragraph);
  if (!own || !isQuoteLine(own.text, doc.quotesByParagraph[paragraph - 1] ?? [])) return undefined;
  for (let n = paragraph - 1; n >= 1 && n >= paragraph - 12; n--) {
    const heading = doc.headings.get(n);
    if (heading) return heading;
    const p = at(n);
    if (!p) return undefined;
    if (p.furniture) continue;
    // "Store said: “…”" hands the quotes after it to someone else, whom the other sieves find.
    const saying = doc.sentences.some((s) => s.paragraph === n && s.says.length > 0);
    if (!saying && isQuoteLine(p.text, doc.quotesByParagraph[n - 1] ?? [])) continue;
    return undefined;
  }
  return undefined;
}
