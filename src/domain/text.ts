/**
 * Folds text for matching: case, diacritics, quote/dash styles and dotted initials
 * ("J.D. Vance", "J. D. Vance" and "JD Vance" all become "jd vance").
 */
export function normalizeName(text: string): string {
  const words = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’'`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  const joined: string[] = [];
  for (const word of words) {
    const prev = joined.at(-1);
    if (word.length === 1 && prev !== undefined && /^\p{L}+$/u.test(prev) && isInitialRun(prev, text)) {
      joined[joined.length - 1] = prev + word;
    } else joined.push(word);
  }
  return joined.join(' ');
}

function isInitialRun(prev: string, original: string): boolean {
  // Only glue single letters that were written as initials (J.D., J. D.), never ordinary words.
  return prev.length <= 3 && /\b\p{L}\.\s?\p{L}\b/u.test(original);
}

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
