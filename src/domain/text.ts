/**
 * Folds text for matching: case, diacritics, quote/dash styles and dotted initials
 * ("J.D. Vance", "J. D. Vance" and "JD Vance" all become "jd vance").
 */
export function normalizeName(text: string): string {
  // Fast path: plain ASCII needs no Unicode decomposition (most of a dataset's text).
  const folded = ASCII.test(text)
    ? text.toLowerCase()
    : text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  const words = folded
    .replace(/[’'`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  // Only glue single letters that were written as initials (J.D., J. D.), never ordinary words.
  if (!INITIALS.test(text)) return words.join(' ');
  const joined: string[] = [];
  let gluing = false; // the last word is a run of single letters
  for (const word of words) {
    const single = word.length === 1 && /\p{L}/u.test(word);
    if (single && gluing) joined[joined.length - 1] += word;
    else joined.push(word);
    gluing = single;
  }
  return joined.join(' ');
}

const ASCII = /^[\x20-\x7e\s]*$/;

const ARTICLE = /^(?:the|a|an) (?=\S)/;

/** "the european union" → "european union" (a lone article stays). Takes folded text (normalizeName). */
export function withoutArticle(folded: string): string {
  return folded.replace(ARTICLE, '');
}
const INITIALS = /\b\p{L}\.\s?\p{L}\b/u;

/** Tokenizer shared by every search index: words of the folded text. */
export function tokenize(text: string): string[] {
  return normalizeName(text).split(' ').filter(Boolean);
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
