/**
 * Countries as people name them: common and official names, ISO 3166 codes and the usual
 * abbreviations ("UK", "USA"), and English demonyms ("British", "Ukrainian"), from the
 * world-countries data set (mledoze/countries, ODbL). Lets "UK" mean the United Kingdom (never a
 * prefix of "Ukraine") and "US president" or "Ukrainian president" name a country. PURE.
 */
import countries from 'world-countries/countries.json' with { type: 'json' };
import { normalizeName, withoutArticle } from './text.ts';

export interface Place {
  /** ISO 3166-1 alpha-3, e.g. "GBR". */
  code: string;
  /** The common English name, e.g. "United Kingdom". */
  name: string;
}

interface CountryRecord {
  name: { common: string; official: string };
  cca2: string;
  cca3: string;
  altSpellings: string[];
  independent?: boolean;
  unMember?: boolean;
  demonyms?: { eng?: { m: string; f: string } };
}

/**
 * Folded name, code or demonym → the place it names. Names and codes first, then demonyms with
 * sovereign states first: "American" is the United States, not American Samoa. Built on the first
 * look-up, not at start (a few thousand name foldings).
 */
let byKey: Map<string, Place> | undefined;
function placesByKey(): Map<string, Place> {
  if (byKey) return byKey;
  const map = new Map<string, Place>();
  const records = countries as CountryRecord[];
  const sovereignFirst = [...records].sort((a, b) => rank(a) - rank(b));
  for (const [list, texts] of [
    [records, (c: CountryRecord) => [c.name.common, c.name.official, c.cca2, c.cca3, ...c.altSpellings]],
    [sovereignFirst, (c: CountryRecord) => (c.demonyms?.eng ? [c.demonyms.eng.m, c.demonyms.eng.f] : [])],
  ] as const) {
    for (const c of list) {
      const place: Place = { code: c.cca3, name: c.name.common };
      for (const text of texts(c)) {
        const key = withoutArticle(normalizeName(text));
        if (key && !map.has(key)) map.set(key, place);
      }
    }
  }
  byKey = map;
  return map;
}

function rank(c: CountryRecord): number {
  return (c.unMember ? 0 : 2) + (c.independent ? 0 : 1);
}

/** Codes that are also everyday words: they name a country only when written in capitals ("IN", "IT"). */
const WORD_CODES = new Set([
  'am',
  'as',
  'at',
  'be',
  'by',
  'do',
  'fin',
  'for',
  'go',
  'in',
  'is',
  'it',
  'me',
  'my',
  'no',
  'or',
  'so',
  'to',
  'tv',
  'can',
  'cod',
  'col',
  'dom',
  'est',
  'gab',
  'ind',
  'mar',
  'mat',
  'per',
  'pol',
  'sol',
  'tun',
]);

/** The country a text names ("UK", "United Kingdom", "British", "the Netherlands"), if any. */
export function placeOf(text: string): Place | undefined {
  const key = withoutArticle(normalizeName(text));
  const place = placesByKey().get(key);
  if (!place || !WORD_CODES.has(key)) return place;
  const written = text.trim().replace(/^(?:the|a|an)\s+/i, '');
  return written === written.toUpperCase() ? place : undefined;
}
