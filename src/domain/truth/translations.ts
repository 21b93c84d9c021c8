import { MONTH_NAMES } from '../dates.ts';
import { LOCALE_PROFILES, TRANSLATION_LOCALES, type TranslationLocale } from '../locales.ts';
import type { RawDataset } from '../schema.ts';
import {
  englishText,
  TRANSLATED_FIELDS,
  type Translatable,
  type TranslatedText,
  translationHash,
} from '../translations.ts';
import type { Analyzer } from './analyze.ts';
import { MONTHS, NUMBER_WORDS } from './lexicon.ts';
import { quotedSpans, type Token, tokenize } from './text.ts';

/**
 * The guards on translations (`i18n` in data/), checked against the English entry they translate,
 * not against the source article (the English entry is what the other guards hold to the source):
 *
 * - currency: a translation made from an earlier English text (its `from` hash no longer matches
 *   the English) is a warning: it is not shown, readers see the English, marked. A field with no
 *   translation at all is reported by missingTranslations (data:check), not here.
 * - own words, across languages: a translation is not the English copied — it is mostly in its
 *   language's script (quotes and Latin-script names aside) and keeps no run of four English
 *   words outside quote marks.
 * - same facts: every number written in digits, every month named and every actor named in the
 *   English is in the translation; the translation has no number or month the English lacks;
 *   every passage the English quotes is kept verbatim (quotes are never translated).
 *
 * A translation may name an actor by its translated name or any form of it: names are matched
 * by stem (the word less its case ending), so "Зеленського" names "Зеленський".
 */

type RecordKey = 'sources' | 'actors' | 'topics' | 'events' | 'quotes' | 'commitments';

export interface TranslationFinding {
  key: RecordKey;
  index: number;
  path: string;
  message: string;
  severity: 'error' | 'warning';
  locale: TranslationLocale;
}

/** One translatable record (or thread entry, or role) with where it is and which fields it has. */
export interface TranslationTarget {
  key: RecordKey;
  index: number;
  /** "events[3]", "topics[1].thread[0]", "actors[2].roles[0]". */
  path: string;
  entity: Translatable;
  fields: readonly string[];
}

export function translationTargets(data: RawDataset): TranslationTarget[] {
  const out: TranslationTarget[] = [];
  const each = <T extends Translatable>(
    key: RecordKey,
    list: readonly (T | undefined)[],
    fields: readonly string[],
    inner?: (item: T, i: number) => void,
  ) =>
    list.forEach((item, i) => {
      if (!item) return;
      out.push({ key, index: i, path: `${key}[${i}]`, entity: item, fields });
      inner?.(item, i);
    });
  each('sources', data.sources, TRANSLATED_FIELDS.sources);
  each('actors', data.actors, TRANSLATED_FIELDS.actors, (a, i) =>
    a.roles.forEach((r, j) =>
      out.push({
        key: 'actors',
        index: i,
        path: `actors[${i}].roles[${j}]`,
        entity: r,
        fields: TRANSLATED_FIELDS.roles,
      }),
    ),
  );
  each('topics', data.topics, TRANSLATED_FIELDS.topics, (t, i) =>
    t.thread.forEach((entry, j) =>
      out.push({
        key: 'topics',
        index: i,
        path: `topics[${i}].thread[${j}]`,
        entity: entry,
        fields: TRANSLATED_FIELDS.thread,
      }),
    ),
  );
  each('events', data.events, TRANSLATED_FIELDS.events);
  each('quotes', data.quotes, TRANSLATED_FIELDS.quotes);
  each('commitments', data.commitments, TRANSLATED_FIELDS.commitments);
  return out;
}

export interface TranslationCoverage {
  /** Fields with English text. */
  fields: number;
  current: number;
  stale: number;
  missing: number;
}

/** How much of the dataset each translation locale covers, field by field. */
export function translationCoverage(data: RawDataset): Record<TranslationLocale, TranslationCoverage> {
  const out = {} as Record<TranslationLocale, TranslationCoverage>;
  for (const locale of TRANSLATION_LOCALES) {
    const c: TranslationCoverage = { fields: 0, current: 0, stale: 0, missing: 0 };
    for (const target of translationTargets(data))
      for (const field of target.fields) {
        const english = englishText(target.entity, field);
        if (english === undefined) continue;
        c.fields++;
        const t = translationOf(target.entity, locale, field);
        if (!t) c.missing++;
        else if (t.from === translationHash(english)) c.current++;
        else c.stale++;
      }
    out[locale] = c;
  }
  return out;
}

function translationOf(
  entity: Translatable,
  locale: TranslationLocale,
  field: string,
): TranslatedText | undefined {
  return (entity.i18n?.[locale] as Record<string, TranslatedText | undefined> | undefined)?.[field];
}

/**
 * Fields without a translation in some locale, as warnings (readers of that locale see the English,
 * marked). data:check reports them for the whole dataset; drafts are not held to it, since what a
 * curator accepts is translated after it is written.
 */
export function missingTranslations(data: RawDataset): TranslationFinding[] {
  const out: TranslationFinding[] = [];
  for (const target of translationTargets(data))
    for (const locale of TRANSLATION_LOCALES)
      for (const field of target.fields) {
        const english = englishText(target.entity, field);
        if (english === undefined || translationOf(target.entity, locale, field)) continue;
        out.push({
          key: target.key,
          index: target.index,
          path: `${target.path}.i18n.${locale}.${field}`,
          message: `no ${locale} translation: ${locale} readers see the English, marked as untranslated; add { "text": …, "from": "${translationHash(english)}" } (npm run data:translations lists them all)`,
          severity: 'warning',
          locale,
        });
      }
  return out;
}

export function checkTranslations(
  data: RawDataset,
  analyzer: Analyzer,
  only: (key: RecordKey, index: number) => boolean = () => true,
): TranslationFinding[] {
  const findings: TranslationFinding[] = [];
  // Names written in Latin letters (a newspaper's, an acronym) may stay so in any language.
  const nameWords = new Set(
    data.actors
      .filter(Boolean)
      .flatMap((a) => [a.name, ...a.aliases])
      .flatMap((n) => tokenize(n).filter((t) => /^\p{Lu}/u.test(t.raw)))
      .map((t) => t.word),
  );
  const actorForms = new Map<string, Map<TranslationLocale, string[][]>>();
  for (const a of data.actors.filter(Boolean)) {
    const byLocale = new Map<TranslationLocale, string[][]>();
    for (const locale of TRANSLATION_LOCALES) {
      const own = a.i18n?.[locale];
      const names = [own?.name?.text, ...(own?.aliases ?? []), a.name, ...a.aliases].filter(
        (n): n is string => typeof n === 'string',
      );
      byLocale.set(
        locale,
        names.map(nameStems).filter((s) => s.length > 0),
      );
    }
    actorForms.set(a.id, byLocale);
  }

  for (const target of translationTargets(data)) {
    if (!only(target.key, target.index)) continue;
    for (const locale of TRANSLATION_LOCALES) {
      for (const field of target.fields) {
        const path = `${target.path}.i18n.${locale}.${field}`;
        const report = (message: string, severity: 'error' | 'warning' = 'error') =>
          findings.push({ key: target.key, index: target.index, path, message, severity, locale });
        const english = englishText(target.entity, field);
        const t = translationOf(target.entity, locale, field);
        if (english === undefined) {
          if (t)
            report(
              `translates a ${field} the record does not have: remove the translation or add the English`,
            );
          continue;
        }
        const hash = translationHash(english);
        if (!t) continue; // missingTranslations: a dataset-wide warning, not a fault of new records
        if (t.from !== hash) {
          report(
            `stale: translated from an earlier English text (from "${t.from}"), so it is not shown; translate the current English and set "from": "${hash}"`,
            'warning',
          );
          continue;
        }
        for (const message of compareTranslation(english, t.text, locale, analyzer, actorForms, nameWords))
          report(message);
      }
    }
  }
  return findings;
}

/** What is wrong with `translation` as a translation of `english`: empty when nothing is. */
export function compareTranslation(
  english: string,
  translation: string,
  locale: TranslationLocale,
  analyzer: Analyzer,
  actorForms: ReadonlyMap<string, ReadonlyMap<TranslationLocale, string[][]>>,
  nameWords: ReadonlySet<string> = new Set(),
): string[] {
  const out: string[] = [];
  const profile = LOCALE_PROFILES[locale];
  if (
    translation.replace(/\s+/g, ' ').trim().toLowerCase() ===
    english.replace(/\s+/g, ' ').trim().toLowerCase()
  )
    return ['is the English text, not a translation'];

  // Quotes stay verbatim: every passage the English quotes is in the translation as written.
  const englishQuotes = quotedSpans(english);
  for (const q of englishQuotes)
    if (!translation.includes(q.text))
      out.push(`the English quotes "${q.text}": keep it verbatim (quotes are never translated)`);
  const quotedOf = (text: string) => {
    const spans = quotedSpans(text);
    return (start: number, end: number) => spans.some((s) => start >= s.start && end <= s.end);
  };
  const inEnglishQuote = quotedOf(english);
  const inOurQuote = quotedOf(translation);
  const outsideQuotes = (text: string, inQuote: (s: number, e: number) => boolean) =>
    tokenize(text).filter((tok) => !inQuote(tok.start, tok.end));

  // Own words across languages: mostly the language's script, no English run kept.
  const ourTokens = outsideQuotes(translation, inOurQuote);
  let letters = 0;
  let native = 0;
  for (const tok of ourTokens.filter((x) => !nameWords.has(x.word)))
    for (const ch of tok.raw)
      if (/\p{L}/u.test(ch)) {
        letters++;
        if (profile.script.test(ch)) native++;
      }
  if (letters > 0 && native / letters < profile.minScriptShare)
    out.push(
      `only ${Math.round((100 * native) / letters)}% of its letters (quotes aside) are in the ${locale} script: translate it rather than copy the English`,
    );
  const englishGrams = new Set(
    ngrams(
      tokenize(english).map((t) => t.word),
      ENGLISH_RUN,
    ),
  );
  const ourWords = ourTokens.map((t) => t.word);
  for (let i = 0; i + ENGLISH_RUN <= ourTokens.length; i++) {
    const run = ourWords.slice(i, i + ENGLISH_RUN);
    const latin = run.filter((w) => /\p{Script=Latin}/u.test(w) && !nameWords.has(w));
    if (latin.length >= 2 && englishGrams.has(run.join(' '))) {
      const from = ourTokens[i];
      const to = ourTokens[i + ENGLISH_RUN - 1];
      if (from && to)
        out.push(
          `keeps "${translation.slice(from.start, to.end)}" from the English: translate it (only quotes stay as written, between quote marks)`,
        );
      break;
    }
  }

  // Numbers: the same digits, none added (an English number word may become digits).
  const englishNumbers = numbersIn(english);
  const ourNumbers = numbersIn(translation);
  const spelled = new Set(
    tokenize(english)
      .map((t) => NUMBER_WORDS.get(t.word) ?? ORDINALS.get(t.word))
      .filter((n): n is string => n !== undefined && /^\d+$/.test(n)),
  );
  for (const n of englishNumbers)
    if (!ourNumbers.has(n)) out.push(`the English has ${n}: write it in the translation too`);
  for (const n of ourNumbers)
    if (!englishNumbers.has(n) && !spelled.has(n))
      out.push(`has ${n}, which the English does not: a translation adds no facts`);

  // Months: each one the English names (outside quotes) in the translation, none added.
  const englishMonths = new Set<number>();
  for (const m of monthsIn(outsideQuotes(english, inEnglishQuote))) englishMonths.add(m);
  const ourText = ourTokens.map((t) => t.raw.toLowerCase());
  const ourMonths = new Set<number>();
  profile.monthStems.forEach((stem, i) => {
    if (ourText.some((w) => w.startsWith(stem))) ourMonths.add(i + 1);
  });
  for (const m of englishMonths)
    if (!ourMonths.has(m))
      out.push(
        `the English names ${MONTH_NAMES[m - 1]}: name the month in the translation (${profile.monthStems[m - 1]}…)`,
      );
  for (const m of ourMonths)
    if (!englishMonths.has(m) && !englishQuotes.some((q) => monthsIn(tokenize(q.text)).has(m)))
      out.push(
        `names ${MONTH_NAMES[m - 1]} (${profile.monthStems[m - 1]}…), which the English does not: a translation adds no facts`,
      );

  // Actors: each one the English names (outside quotes), by any form of a name.
  const named = new Set(
    analyzer
      .analyze(english)
      .mentions.filter((m) => !m.quoted)
      .map((m) => m.actor),
  );
  const words = tokenize(translation).map((t) => t.raw.toLowerCase());
  for (const actor of named) {
    const forms = actorForms.get(actor)?.get(locale) ?? [];
    if (!forms.some((stems) => stems.every((s) => words.some((w) => w.startsWith(s)))))
      out.push(
        `the English names ${analyzer.nameOf.get(actor) ?? actor}: name them in the translation (any case form of their ${locale} name, or add the form to the actor's i18n.${locale}.aliases)`,
      );
  }
  return out;
}

const ENGLISH_RUN = 4;

const ORDINALS = new Map<string, string>([
  ['first', '1'],
  ['second', '2'],
  ['third', '3'],
  ['fourth', '4'],
  ['fifth', '5'],
  ['sixth', '6'],
  ['seventh', '7'],
  ['eighth', '8'],
  ['ninth', '9'],
  ['tenth', '10'],
]);

function ngrams(words: readonly string[], n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i + n <= words.length; i++) out.push(words.slice(i, i + n).join(' '));
  return out;
}

/** Digit runs, thousands separators ("90,000", "90 000" with a no-break space) removed. */
function numbersIn(text: string): Set<string> {
  const joined = text.replace(/(\d)[,\u00a0\u202f\u2009](?=\d{3}(?!\d))/g, '$1');
  return new Set(joined.match(/\d+/g) ?? []);
}

/** Months named by capitalised words ("May", "Feb", "February's"). */
function monthsIn(tokens: readonly Token[]): Set<number> {
  const out = new Set<number>();
  for (const tok of tokens) {
    if (!/^\p{Lu}/u.test(tok.raw)) continue;
    const m =
      MONTHS.get(tok.word) ?? (/['’]s$/.test(tok.raw) ? MONTHS.get(tok.word.slice(0, -1)) : undefined);
    if (m !== undefined) out.add(m);
  }
  return out;
}

/**
 * A name as the stems its words must begin with in a text, in any grammatical case: lower-cased,
 * a final vowel, soft sign or "й" (up to two) dropped from words longer than four letters
 * ("Зеленський" → "зеленськ", "Україна" → "україн"), words of up to four letters kept whole.
 */
export function nameStems(name: string): string[] {
  return name
    .toLowerCase()
    .split(/[^\p{L}\p{N}'’ʼ]+/u)
    .filter((w) => w.length >= 2 && !/^(the|of|and)$/.test(w))
    .map((w) => {
      if (w.length <= 4) return w;
      const cut = w.replace(/[аеєиіїйоуюяьaeiouy]{1,2}$/u, '');
      return cut.length >= 4 ? cut : w.slice(0, 4);
    });
}
