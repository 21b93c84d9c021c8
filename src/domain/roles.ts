/**
 * Offices as people name them: "US president", "president of the United States", "Ukraine's
 * president", "Russian foreign minister", "Trump's envoy" all read as an office held in a place
 * (or for someone). Role titles in the dataset are read the same way, so a phrase finds whoever
 * held that office at the time. PURE.
 */
import { placeOf } from './places.ts';
import { normalizeName, withoutArticle } from './text.ts';

/** An office and, when the phrase names one, where (or for whom) it is held. */
export interface RolePhrase {
  /** Folded words of the office: "president", "vice president", "secretary of state". */
  office: string;
  /** "place:USA" for a country, "actor:<id>" for anyone else the phrase names. */
  of?: string;
}

/** Finds what a name refers to among the dataset's actors: an id and whether it is a state. */
export type NameLookup = (folded: string) => { id: string; kind: string } | undefined;

/**
 * Every reading of a phrase as an office, most specific first: "X of Y", then "Y X" (a place,
 * demonym or name before the office), then the whole phrase as an office held anywhere.
 */
export function readRole(
  text: string,
  lookup: NameLookup,
  placeOfActor: (id: string) => string | undefined,
): RolePhrase[] {
  // "Ukraine's president" → "Ukraine president"; case is kept for codes such as "IT".
  const words = text
    .replace(/(\p{L})['’]s(?=\s|$)/gu, '$1')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  if (/^(?:the|a|an)$/i.test(words[0] ?? '') && words.length > 1) words.shift();
  const where = (part: readonly string[]): string | undefined => {
    const raw = part.join(' ');
    const folded = withoutArticle(normalizeName(raw));
    if (!folded) return undefined;
    const actor = lookup(folded);
    if (actor) {
      const code = actor.kind === 'state' ? placeOfActor(actor.id) : undefined;
      return code ? `place:${code}` : `actor:${actor.id}`;
    }
    const place = placeOf(raw);
    return place ? `place:${place.code}` : undefined;
  };
  const office = (part: readonly string[]) => withoutArticle(normalizeName(part.join(' ')));
  const readings: RolePhrase[] = [];
  for (let i = words.length - 2; i >= 1; i--) {
    if (words[i]?.toLowerCase() !== 'of') continue;
    const of = where(words.slice(i + 1));
    const head = office(words.slice(0, i));
    if (of && head) readings.push({ office: head, of });
  }
  for (let k = Math.min(4, words.length - 1); k >= 1; k--) {
    const of = where(words.slice(0, k));
    const rest = office(words.slice(k));
    if (of && rest) readings.push({ office: rest, of });
  }
  const whole = office(words);
  if (whole) readings.push({ office: whole });
  return readings;
}
