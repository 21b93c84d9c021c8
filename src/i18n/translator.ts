/**
 * A translator per language: messages with their parameters and plurals, and every date, number and
 * list the bot shows, through Intl in the language. PURE (Intl and the catalogs only).
 */
import type {
  Language,
  LocalText,
  MessageKey,
  ParamsOf,
  ParamValue,
  Plural,
  PluralCategory,
  Translator,
} from './catalog.ts';
import { formatDay, formatDayRange } from './format.ts';

const PLACEHOLDER = /\{([A-Za-z0-9_]+)\}/g;

/** The string a plural message uses for `count` in `intl`'s rules ("few" for 2 in Ukrainian). */
export function pluralForm(message: Plural, count: number, rules: Intl.PluralRules): string {
  const category = rules.select(count) as PluralCategory;
  return message[category] ?? message.other;
}

export function createTranslator(language: Language, fallback?: Language): Translator {
  // Made on first use: the first Intl formatter of a process loads ICU data (~20 ms), which a
  // start-up that only registers commands does not need.
  let numberFormat: Intl.NumberFormat | undefined;
  let pluralRules: Intl.PluralRules | undefined;
  const listFormats: Partial<Record<'and' | 'or', Intl.ListFormat>> = {};
  const numbers = () => (numberFormat ??= new Intl.NumberFormat(language.intl));
  const rules = () => (pluralRules ??= new Intl.PluralRules(language.intl));
  const lists = (type: 'and' | 'or') =>
    (listFormats[type] ??= new Intl.ListFormat(language.intl, {
      type: type === 'and' ? 'conjunction' : 'disjunction',
    }));
  const self: Translator = {
    language,
    t<K extends MessageKey>(key: K, ...args: keyof ParamsOf<K> extends never ? [] : [ParamsOf<K>]): string {
      const params = (args[0] ?? {}) as Record<string, ParamValue>;
      const message = language.messages[key] ?? fallback?.messages[key];
      if (message === undefined) return key;
      const template =
        typeof message === 'string' ? message : pluralForm(message, Number(params.count ?? 0), rules());
      // Most messages have no placeholder (labels, kinds, titles): nothing to replace.
      if (!template.includes('{')) return template;
      return template.replace(PLACEHOLDER, (whole, name: string) => {
        const value = params[name];
        return value === undefined ? whole : show(value);
      });
    },
    text: (text) => show(text),
    number: (n) => numbers().format(n),
    list: (items, type) => lists(type).format(items),
  };
  function show(value: ParamValue): string {
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return numbers().format(value);
    if (typeof value === 'object' && 'day' in value) return formatDay(self, value.day);
    if (typeof value === 'object' && 'dayRange' in value)
      return formatDayRange(self, value.dayRange[0], value.dayRange[1]);
    return localText(value);
  }
  function localText(text: LocalText): string {
    if (typeof text === 'function') return text(self);
    return (self.t as (key: MessageKey, params?: unknown) => string)(text.key, text.params);
  }
  return self;
}
