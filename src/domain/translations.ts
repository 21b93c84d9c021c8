import { createHash } from 'node:crypto';
import {
  type ContentLocale,
  contentLocaleOf,
  isTranslationLocale,
  SOURCE_LOCALE,
  type TranslationLocale,
} from './locales.ts';

/**
 * Reading a record's content in a reader's language. A record carries its English fields and,
 * under `i18n`, translations by locale, each with the hash of the English text it was made from.
 * A translation is shown only while that hash matches the English text (a stale one could
 * contradict the English); otherwise the English text is, with `fallback: true` so the renderer
 * can mark it. Pure.
 */

export interface TranslatedText {
  text: string;
  /** Hash of the English text it translates (translationHash). */
  from: string;
}

/** What a record's `i18n` looks like to the accessor (each schema record type fits it). */
export type TranslationsOf<F extends string> = Partial<
  Record<TranslationLocale, Partial<Record<F, TranslatedText>>>
>;

/** A record that may carry translations. */
export interface Translatable {
  i18n?: Partial<Record<TranslationLocale, object>> | undefined;
}

/** The fields a record type can be translated in ("aliases" is a list, read with localizedAliases). */
export type TranslatableField<E extends Translatable> = Exclude<
  {
    [L in TranslationLocale]: keyof NonNullable<NonNullable<E['i18n']>[L]>;
  }[TranslationLocale] &
    string,
  'aliases'
>;

export interface LocalizedText {
  text: string;
  /** The language `text` is in. */
  locale: ContentLocale;
  /** The English text stands in for a translation the reader asked for (mark it as such). */
  fallback: boolean;
  /** Why it fell back: no translation of this field, or one made from an earlier English text. */
  reason?: 'missing' | 'stale';
}

const hashes = new Map<string, string>();

/**
 * The hash a translation records of the English text it was made from: the first 12 hex digits of
 * the SHA-256 of the text with whitespace runs collapsed and the ends trimmed (re-wrapping a line
 * does not make a translation stale; any change of a word, number or mark does).
 */
export function translationHash(english: string): string {
  const known = hashes.get(english);
  if (known) return known;
  const hash = createHash('sha256').update(english.replace(/\s+/g, ' ').trim()).digest('hex').slice(0, 12);
  if (hashes.size >= 10_000) hashes.clear();
  hashes.set(english, hash);
  return hash;
}

/** The English text a translatable field translates ("basis" is an event's date basis). */
export function englishText(entity: object, field: string): string | undefined {
  const record = entity as Record<string, unknown>;
  if (field === 'basis') {
    const date = record.date as { basis?: unknown } | undefined;
    return typeof date?.basis === 'string' ? date.basis : undefined;
  }
  const value = record[field];
  return typeof value === 'string' ? value : undefined;
}

function translationOf(
  entity: Translatable,
  locale: TranslationLocale,
  field: string,
): TranslatedText | undefined {
  const fields = entity.i18n?.[locale] as Record<string, unknown> | undefined;
  const t = fields?.[field] as Partial<TranslatedText> | undefined;
  return typeof t?.text === 'string' && typeof t.from === 'string' ? (t as TranslatedText) : undefined;
}

export type TranslationState = 'current' | 'stale' | 'missing';

/** Whether a field has a translation in `locale` made from its current English text. */
export function translationState(
  entity: Translatable,
  field: string,
  locale: TranslationLocale,
): TranslationState {
  const english = englishText(entity, field);
  const t = translationOf(entity, locale, field);
  if (!t || english === undefined) return 'missing';
  return t.from === translationHash(english) ? 'current' : 'stale';
}

/**
 * One field of a record in the reader's language. `locale` is a content locale or any Discord /
 * BCP-47 locale ("uk", "en-US"); a language without content translations reads English, unmarked
 * (nothing was missing: that language has no content). Undefined only when the record has no
 * English text for the field (an optional field such as an event's location).
 */
export function localized<E extends Translatable>(
  entity: E,
  field: TranslatableField<E>,
  locale: string | null | undefined,
): LocalizedText | undefined {
  const english = englishText(entity, field);
  if (english === undefined) return undefined;
  const wanted = contentLocaleOf(locale);
  if (!isTranslationLocale(wanted)) return { text: english, locale: SOURCE_LOCALE, fallback: false };
  const t = translationOf(entity, wanted, field);
  if (!t) return { text: english, locale: SOURCE_LOCALE, fallback: true, reason: 'missing' };
  if (t.from !== translationHash(english))
    return { text: english, locale: SOURCE_LOCALE, fallback: true, reason: 'stale' };
  return { text: t.text, locale: wanted, fallback: false };
}

/** `localized` for a field every record of the type has: never undefined. */
export function localizedText<E extends Translatable>(
  entity: E,
  field: TranslatableField<E>,
  locale: string | null | undefined,
): LocalizedText {
  const out = localized(entity, field, locale);
  if (!out) throw new Error(`record has no English "${field}" to show`);
  return out;
}

/** An actor's names a reader of `locale` may type: that language's name and aliases, then the English ones. */
export function localizedAliases(
  actor: { name: string; aliases: readonly string[] } & Translatable,
  locale: string | null | undefined,
): string[] {
  const wanted = contentLocaleOf(locale);
  const own: string[] = [];
  if (isTranslationLocale(wanted)) {
    const fields = actor.i18n?.[wanted] as { name?: TranslatedText; aliases?: string[] } | undefined;
    if (fields?.name) own.push(fields.name.text);
    own.push(...(fields?.aliases ?? []));
  }
  return [...new Set([...own, actor.name, ...actor.aliases])];
}

/**
 * Every translatable field by record kind, for coverage and checks. "basis" is an event's
 * date.basis; actors' `aliases` are extra names, not a translation of one field.
 */
export const TRANSLATED_FIELDS = {
  sources: ['summary'],
  actors: ['name', 'description'],
  roles: ['title'],
  topics: ['label', 'description'],
  thread: ['status'],
  events: ['title', 'summary', 'location', 'basis'],
  quotes: ['context'],
  commitments: ['text'],
} as const;
