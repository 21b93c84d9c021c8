/**
 * The languages the bot speaks. Adding one is a catalog file in locales/ and a line here (see the
 * README); nothing else in the code names a language. PURE.
 */
import type { Language, Translator } from './catalog.ts';
import { en } from './locales/en.ts';
import { uk } from './locales/uk.ts';
import { createTranslator } from './translator.ts';

export const english: Language = {
  code: 'en',
  name: 'English',
  // British order and spelling of dates: "14 Feb 2025".
  intl: 'en-GB',
  cron: 'en',
  discordLocales: ['en-US', 'en-GB'],
  messages: en,
};

/** Every language, English (the reference and the fallback) first. */
export const LANGUAGES: readonly Language[] = [english, uk];

const translators = new Map<Language, Translator>();

/** The (cached) translator of a language; a message missing from it falls back to English. */
export function translatorOf(language: Language): Translator {
  let t = translators.get(language);
  if (!t) {
    t = createTranslator(language, english);
    translators.set(language, t);
  }
  return t;
}

/** The language of a code ("uk") or a Discord locale ("uk", "en-US"); undefined when not spoken. */
export function findLanguage(
  codeOrLocale: string | undefined,
  languages: readonly Language[] = LANGUAGES,
): Language | undefined {
  if (!codeOrLocale) return undefined;
  const wanted = codeOrLocale.trim().toLowerCase();
  return (
    languages.find((l) => l.code.toLowerCase() === wanted) ??
    languages.find((l) => l.discordLocales.some((d) => d.toLowerCase() === wanted)) ??
    languages.find((l) => l.code.toLowerCase() === wanted.split('-')[0])
  );
}

/** The translator for a reader's Discord locale (English when the bot does not speak it). */
export function translatorFor(locale: string | undefined): Translator {
  return translatorOf(findLanguage(locale) ?? english);
}

/** English: log lines, the `message` of errors, and anything without a reader. */
export const reference: Translator = translatorOf(english);
