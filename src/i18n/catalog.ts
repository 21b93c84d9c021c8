/**
 * The message catalog's types. A message is a string with `{name}` placeholders, or a plural: one
 * string per CLDR plural category of the language, chosen by the `count` parameter through
 * Intl.PluralRules ("1 подія", "2 події", "5 подій"). English (locales/en.ts) is the reference: its
 * keys and placeholders type every call, and every other language must have the same keys. PURE.
 */
import type { en } from './locales/en.ts';

export type PluralCategory = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';
export type Plural = { readonly other: string } & { readonly [C in PluralCategory]?: string };
export type Message = string | Plural;

/** The reference catalog: keys and placeholders of every message. */
export type Reference = typeof en;
export type MessageKey = keyof Reference;

type Placeholders<S> = S extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never;
type PlaceholdersOf<M> = M extends string
  ? Placeholders<M>
  : M extends Plural
    ? Placeholders<M[keyof M]> | 'count'
    : never;

/**
 * A value a placeholder takes: text as given, a number formatted for the locale, a day or a range of
 * days (YYYY-MM-DD) formatted for the locale, or localized text.
 */
export type ParamValue = string | number | DayValue | LocalText;

/** A calendar day, or an inclusive range of days, shown in the reader's language. */
export type DayValue = { readonly day: string } | { readonly dayRange: readonly [string, string] };

/** Text rendered in the reader's language when the message is: a nested message, or a function of it. */
export type LocalText = Msg | ((t: Translator) => string);

export type ParamsOf<K extends MessageKey> = { readonly [P in PlaceholdersOf<Reference[K]>]: ParamValue };

/** A message to render later, in a locale not known yet (errors, labels); typed where made (msg). */
export interface Msg {
  readonly key: MessageKey;
  readonly params: Readonly<Record<string, ParamValue>>;
}

/** Keys whose message takes no parameters (titles, labels). */
export type PlainKey = {
  [K in MessageKey]: keyof ParamsOf<K> extends never ? K : never;
}[MessageKey];

/** Every other language: the same keys, each a string or a plural (placeholders checked by a test). */
export type Catalog = { readonly [K in MessageKey]: Message };

/** Localized slash-command JSON: names and descriptions by command, option and choice value. */
export interface CommandLocalization {
  readonly name: string;
  readonly description: string;
  /** Options and subcommands (and their options) by their English name. */
  readonly options?: Readonly<Record<string, CommandLocalization>>;
  /** Choice names by choice value. */
  readonly choices?: Readonly<Record<string, string>>;
}

/** One language: its catalog, how Intl and cronstrue call it, and the Discord locales it serves. */
export interface Language {
  /** The code stored with a schedule and typed as `locale:` in preview ("en", "uk"). */
  readonly code: string;
  /** The language's own name, as offered in /schedule add. */
  readonly name: string;
  /** BCP 47 tag for Intl (dates, numbers, plurals, lists). */
  readonly intl: string;
  /** cronstrue's locale name. */
  readonly cron: string;
  /** Discord locales (interaction.locale, guild_locale) this language answers. */
  readonly discordLocales: readonly string[];
  readonly messages: Catalog;
  /** Command localizations for Discord, by command name; English has none (it is the default). */
  readonly commands?: Readonly<Record<string, CommandLocalization>>;
}

export interface Translator {
  readonly language: Language;
  /** The message `key` with its parameters, in this language. */
  t<K extends MessageKey>(key: K, ...params: keyof ParamsOf<K> extends never ? [] : [ParamsOf<K>]): string;
  /** A deferred message (or function of the translator), rendered now. */
  text(text: LocalText): string;
  number(n: number): string;
  /** "a, b and c" / "a, b or c" in the language. */
  list(items: readonly string[], type: 'and' | 'or'): string;
}

export function msg<K extends MessageKey>(
  key: K,
  ...params: keyof ParamsOf<K> extends never ? [] : [ParamsOf<K>]
): Msg {
  return { key, params: params[0] ?? {} };
}

/** A message whose key is computed (`unresolved.${kind}.title`): parameters checked by the catalog tests. */
export function msgOf(key: MessageKey, params: Msg['params'] = {}): Msg {
  return { key, params };
}
