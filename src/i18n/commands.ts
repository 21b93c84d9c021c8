/**
 * Slash commands in other languages: Discord's name_localizations and description_localizations
 * from each language's `commands` section, and the localized names messages refer to. PURE.
 */
import type { CommandLocalization, Language, Translator } from './catalog.ts';
import { LANGUAGES } from './languages.ts';

type Localizations = Record<string, string>;

/** The parts of command JSON that carry names, descriptions and choices. */
interface Localizable {
  readonly name: string;
  readonly description?: string;
  readonly options?: readonly Localizable[];
  readonly choices?: readonly { readonly name: string; readonly value: string | number }[];
}

type Localized<T> = T & {
  name_localizations?: Localizations;
  description_localizations?: Localizations;
};

function localize<T extends Localizable>(
  item: T,
  at: (language: Language) => CommandLocalization | undefined,
  languages: readonly Language[],
): Localized<T> {
  const names: Localizations = {};
  const descriptions: Localizations = {};
  for (const language of languages) {
    const l = at(language);
    if (!l) continue;
    for (const locale of language.discordLocales) {
      names[locale] = l.name;
      descriptions[locale] = l.description;
    }
  }
  const out: Localized<T> = { ...item };
  if (Object.keys(names).length) out.name_localizations = names;
  if (item.description !== undefined && Object.keys(descriptions).length)
    out.description_localizations = descriptions;
  if (item.options) {
    const options = item.options.map((o) => localize(o, (lang) => at(lang)?.options?.[o.name], languages));
    (out as { options?: unknown }).options = options;
  }
  if (item.choices) {
    const choices = item.choices.map((c) => {
      const localized: Localizations = {};
      for (const language of languages) {
        const name = at(language)?.choices?.[String(c.value)];
        if (name) for (const locale of language.discordLocales) localized[locale] = name;
      }
      return Object.keys(localized).length ? { ...c, name_localizations: localized } : c;
    });
    (out as { choices?: unknown }).choices = choices;
  }
  return out;
}

/** A command's JSON with every language's localizations (English stays the default). */
export function localizeCommand<T extends Localizable>(
  data: T,
  languages: readonly Language[] = LANGUAGES,
): Localized<T> {
  return localize(data, (language) => language.commands?.[data.name], languages);
}

/** "/хронологія" for a Ukrainian reader: a command's name in the reader's client, if localized. */
export function localizedCommandName(t: Translator, command: string): string | undefined {
  return t.language.commands?.[command]?.name;
}

/** An option's name as the reader's client shows it (`as_of` → `на_дату`), else as declared. */
export function localizedOptionName(t: Translator, command: string, path: readonly string[]): string {
  let at: CommandLocalization | undefined = t.language.commands?.[command];
  for (const part of path) at = at?.options?.[part];
  return at?.name ?? path.at(-1) ?? '';
}
