/**
 * The languages the dataset's content can be read in: English (the language entries are written
 * and checked in) and the languages entries carry translations for (`i18n` in data/). A third
 * language is one line here plus its translations in data/ (and its profile below, which the
 * cross-language check reads); everything else follows from this list.
 */
export const CONTENT_LOCALES = ['en', 'uk'] as const;

export type ContentLocale = (typeof CONTENT_LOCALES)[number];

/** The language every entry is written in, and the one shown when a translation is missing. */
export const SOURCE_LOCALE = 'en' satisfies ContentLocale;

export type TranslationLocale = Exclude<ContentLocale, typeof SOURCE_LOCALE>;

export const TRANSLATION_LOCALES = CONTENT_LOCALES.filter(
  (l): l is TranslationLocale => l !== SOURCE_LOCALE,
) as readonly TranslationLocale[];

export function isContentLocale(value: string): value is ContentLocale {
  return (CONTENT_LOCALES as readonly string[]).includes(value);
}

export function isTranslationLocale(value: string): value is TranslationLocale {
  return (TRANSLATION_LOCALES as readonly string[]).includes(value);
}

/**
 * The content locale for a Discord locale ("en-US", "en-GB", "uk") or any BCP-47 tag: an exact
 * match, else its language ("pt-BR" → "pt"), else English.
 */
export function contentLocaleOf(locale: string | null | undefined): ContentLocale {
  if (!locale) return SOURCE_LOCALE;
  const lower = locale.toLowerCase();
  if (isContentLocale(lower)) return lower;
  const language = lower.split(/[-_]/)[0] ?? '';
  return isContentLocale(language) ? language : SOURCE_LOCALE;
}

/**
 * What the cross-language check (src/domain/truth/translations.ts) needs of a language: the script
 * most of its words are written in, and the stems of its month names (January first), which a
 * translated date must carry for each English month it names.
 */
export interface LocaleProfile {
  /** Letters of the language's own script. */
  script: RegExp;
  /** Share of letters (outside quotes and Latin-script names) that must be in `script`. */
  minScriptShare: number;
  /** Lower-case stems of January…December, matching every grammatical case. */
  monthStems: readonly [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
}

export const LOCALE_PROFILES: Readonly<Record<TranslationLocale, LocaleProfile>> = {
  uk: {
    script: /\p{Script=Cyrillic}/u,
    minScriptShare: 0.6,
    monthStems: [
      'січ',
      'лют',
      'берез',
      'квіт',
      'трав',
      'черв',
      'лип',
      'серп',
      'верес',
      'жовт',
      'листопад',
      'груд',
    ],
  },
};
