/**
 * Dataset text in the reader's language: a field's translation when the dataset has a current one,
 * else the English text marked as such (never an empty field); quotes verbatim, marked as the
 * original when the reader's language is another. PURE.
 */
import type { Dataset } from '../domain/model.ts';
import type { Quote } from '../domain/schema.ts';
import { localized, type Translatable, type TranslatableField } from '../domain/translations.ts';
import type { Translator } from '../i18n/catalog.ts';

/** One field of a record as the reader sees it ('' for an optional field the record lacks). */
export function content<E extends Translatable>(
  t: Translator,
  entity: E,
  field: TranslatableField<E>,
): string {
  const text = localized(entity, field, t.language.code);
  if (!text) return '';
  return text.fallback ? t.t('content.untranslated', { text: text.text }) : text.text;
}

/** An actor's name in the reader's language (the id when the actor is unknown). */
export function actorName(t: Translator, dataset: Pick<Dataset, 'actorById'>, id: string): string {
  const actor = dataset.actorById.get(id);
  return actor ? content(t, actor, 'name') : id;
}

/** An attributed claim as shown everywhere: "According to X: …" (never as plain fact). */
export function attributedText(
  t: Translator,
  dataset: Pick<Dataset, 'actorById'>,
  text: string,
  attributedTo: string | undefined,
): string {
  if (!attributedTo) return text;
  return t.t('content.attributed', { name: actorName(t, dataset, attributedTo), text });
}

const languageNames = new Map<string, Intl.DisplayNames>();

/** A language's name in the reader's language ("англійська"), or the code when Intl has none. */
export function languageName(t: Translator, code: string): string {
  let names = languageNames.get(t.language.intl);
  if (!names) {
    names = new Intl.DisplayNames(t.language.intl, { type: 'language' });
    languageNames.set(t.language.intl, names);
  }
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * A quote's words exactly as printed; a reader of another language sees a note that this is the
 * original (the language of the source it was quoted from).
 */
export function quoteNote(t: Translator, dataset: Pick<Dataset, 'sourceById'>, q: Quote): string {
  const language = dataset.sourceById.get(q.citation.source)?.language ?? 'en';
  if (language.split('-')[0] === t.language.code.split('-')[0]) return '';
  return ` ${t.t('quote.original', { language: languageName(t, language) })}`;
}
