/**
 * Folds text for matching: case, diacritics, quote/dash styles and dotted initials
 * ("J.D. Vance", "J. D. Vance" and "JD Vance" all become "jd vance").
 */
export function normalizeName(text: string): string {
  return tokenize(text).join(' ');
}

/**
 * Tokenizer shared by every search index: the words of the folded text. Letters and digits
 * (`\p{L}`, `\p{N}`) make words, apostrophes vanish ("Zelensky's" → "zelenskys"), anything else
 * separates; single letters written as initials are glued. One scan of the lower-cased text (the
 * Unicode decomposition only runs on text that is not plain ASCII); tests/domain/text.test.ts
 * checks it against the regex formulation it replaced.
 */
export function tokenize(text: string): string[] {
  const plain = !NON_ASCII.test(text);
  const folded = plain ? text.toLowerCase() : text.normalize('NFKD').replace(MARKS, '').toLowerCase();
  const words = plain || !NON_ASCII.test(folded) ? asciiWords(folded) : unicodeWords(folded);
  if (words.length < 2 || !initialsIn(text, plain)) return words;
  return glueInitials(words);
}

/**
 * Whether `text` has dotted initials ("J.D.", "J. D."): only then does `tokenize` glue single
 * letters, so without them the words of "a b" are the words of "a" then those of "b".
 */
export function hasInitials(text: string): boolean {
  return initialsIn(text, !NON_ASCII.test(text));
}

function initialsIn(text: string, plain: boolean): boolean {
  if (text.indexOf('.') < 0) return false;
  return plain ? asciiInitials(text) : INITIALS.test(text);
}

const NON_ASCII = /[\u0080-\uffff]/;
const MARKS = /\p{M}/gu;
const INITIALS = /\b\p{L}\.\s?\p{L}\b/u;
const APOSTROPHE = 0x2019; // ’

function asciiWords(s: string): string[] {
  const words: string[] = [];
  let start = -1; // start of the current word's pending slice, -1 outside a word
  let head = ''; // the word so far when apostrophes split it
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (start < 0) start = i;
    } else if (c === 39 || c === 96) {
      if (start >= 0) {
        head += s.slice(start, i);
        start = i + 1;
      }
    } else if (start >= 0) {
      words.push(head + s.slice(start, i));
      head = '';
      start = -1;
    }
  }
  if (start >= 0) words.push(head + s.slice(start));
  return words;
}

/** 0 unknown, 1 letter, 2 digit or other number, 3 neither: filled on first sight of a BMP char. */
const bmpClass = new Uint8Array(0x10000);
const LETTER = /^\p{L}$/u;
const NUMBER = /^\p{N}$/u;

function classOf(ch: string): number {
  return LETTER.test(ch) ? 1 : NUMBER.test(ch) ? 2 : 3;
}

function bmp(c: number): number {
  let k = bmpClass[c] ?? 0;
  if (k === 0) {
    k = classOf(String.fromCharCode(c));
    bmpClass[c] = k;
  }
  return k;
}

function unicodeWords(s: string): string[] {
  const words: string[] = [];
  let start = -1;
  let head = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let width = 1;
    let word: boolean;
    if (c === 39 || c === 96 || c === APOSTROPHE) {
      if (start >= 0) {
        head += s.slice(start, i);
        start = i + 1;
      }
      continue;
    }
    if (c < 0x80) word = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        width = 2;
        word = classOf(s.slice(i, i + 2)) !== 3;
      } else word = false;
    } else word = bmp(c) !== 3;
    if (word) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      words.push(head + s.slice(start, i));
      head = '';
      start = -1;
    }
    i += width - 1;
  }
  if (start >= 0) words.push(head + s.slice(start));
  return words;
}

const isAsciiLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
const isAsciiWordChar = (c: number) => isAsciiLetter(c) || (c >= 48 && c <= 57) || c === 95;
const isAsciiSpace = (c: number) => c === 32 || (c >= 9 && c <= 13);

/** `INITIALS.test(s)` for ASCII text: a lone letter, a dot, an optional space, a lone letter. */
function asciiInitials(s: string): boolean {
  for (let d = s.indexOf('.'); d >= 0; d = s.indexOf('.', d + 1)) {
    if (d < 1 || !isAsciiLetter(s.charCodeAt(d - 1))) continue;
    if (d >= 2 && isAsciiWordChar(s.charCodeAt(d - 2))) continue;
    const loneLetterAt = (q: number) =>
      q < s.length &&
      isAsciiLetter(s.charCodeAt(q)) &&
      !(q + 1 < s.length && isAsciiWordChar(s.charCodeAt(q + 1)));
    if (isAsciiSpace(s.charCodeAt(d + 1)) ? loneLetterAt(d + 2) : loneLetterAt(d + 1)) return true;
  }
  return false;
}

/** Glues runs of single letters ("j d vance" → "jd vance"); digits stay apart. */
function glueInitials(words: string[]): string[] {
  const joined: string[] = [];
  let gluing = false; // the last word is a run of single letters
  for (const word of words) {
    const single = word.length === 1 && bmp(word.charCodeAt(0)) === 1;
    if (single && gluing) joined[joined.length - 1] += word;
    else joined.push(word);
    gluing = single;
  }
  return joined;
}

/** Edit budget for a query term of this length: none for short words, more for long ones. */
export function fuzzyBudget(term: string): number {
  if (term.length <= 3) return 0;
  if (term.length <= 5) return 1;
  return 2;
}

/** Full-text search is stricter than name matching: long words only get a second edit. */
export function searchFuzzyBudget(term: string): number {
  if (term.length <= 3) return 0;
  if (term.length <= 8) return 1;
  return 2;
}

/** Levenshtein distance with an early exit once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      row.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin >= limit) return limit;
    prev = row;
  }
  return prev[b.length] ?? limit;
}

const ARTICLE = /^(?:the|a|an) (?=\S)/;

/** "the european union" → "european union" (a lone article stays). Takes folded text (normalizeName). */
export function withoutArticle(folded: string): string {
  return folded.replace(ARTICLE, '');
}
