/**
 * A pseudo-locale: English with every letter accented and every message bracketed, longer than
 * English (as many languages are). Built from the English catalog and command JSON at run time, it
 * stands for a third language added without code changes: a Language value is all the bot needs.
 */
import { commands } from '../../commands/index.ts';
import type { Catalog, CommandLocalization, Language, Message } from '../../src/i18n/catalog.ts';
import { english } from '../../src/i18n/languages.ts';

const ACCENTED: Record<string, string> = {
  a: 'á',
  e: 'ë',
  i: 'ï',
  o: 'ö',
  u: 'ü',
  c: 'ç',
  n: 'ñ',
  s: 'š',
  z: 'ž',
  y: 'ý',
  A: 'Å',
  E: 'É',
  I: 'Î',
  O: 'Ø',
  U: 'Û',
  C: 'Ç',
  N: 'Ñ',
  S: 'Š',
  Z: 'Ž',
  Y: 'Ý',
};

/** Accents letters outside `{placeholders}`, `code spans`, <mentions> and /commands. */
export function pseudo(text: string): string {
  return text
    .split(/(\{[A-Za-z0-9_]+\}|`[^`]*`|<[^>]*>|\/[a-z_]+|\[S# ¶n\]|\[S1 ¶3\])/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/[A-Za-z]/g, (ch) => ACCENTED[ch] ?? ch)))
    .join('');
}

const bracket = (text: string) => `⟦${pseudo(text)}⟧`;

function pseudoMessage(m: Message): Message {
  if (typeof m === 'string') return bracket(m);
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, bracket(v)])) as Message;
}

interface JsonItem {
  name: string;
  description?: string;
  options?: readonly JsonItem[];
  choices?: readonly { name: string; value: string | number }[];
}

/** Lower-case names stay valid under Discord's rules: letters only change to accented letters. */
function pseudoCommand(item: JsonItem): CommandLocalization {
  return {
    name: pseudo(item.name).toLowerCase(),
    description: pseudo(item.description ?? ''),
    ...(item.options
      ? { options: Object.fromEntries(item.options.map((o) => [o.name, pseudoCommand(o)])) }
      : {}),
    ...(item.choices
      ? { choices: Object.fromEntries(item.choices.map((c) => [String(c.value), pseudo(c.name)])) }
      : {}),
  };
}

export const pseudoLanguage: Language = {
  code: 'qps',
  name: 'Pseudo',
  intl: 'en-GB',
  cron: 'en',
  // A Discord locale the bot has no catalog for: the pseudo-locale answers it in tests.
  discordLocales: ['es-ES'],
  messages: Object.fromEntries(
    Object.entries(english.messages).map(([k, v]) => [k, pseudoMessage(v)]),
  ) as unknown as Catalog,
  commands: Object.fromEntries(commands.map((c) => [c.data.name, pseudoCommand(c.data as JsonItem)])),
};
