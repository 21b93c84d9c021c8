/**
 * The catalogs: every language has every key, the same placeholders in every form, every plural
 * category its rules use; every enum the renderers word has its keys; every key is used; Discord
 * command localizations are complete and valid; messages in any language point to commands by the
 * names that language's clients show.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import {
  ActorKind,
  CommitmentKind,
  CommitmentStatus,
  EventKind,
  EventRelation,
  ParticipantRole,
  PartOfDay,
} from '../../src/domain/schema.ts';
import type { Language, Message, MessageKey } from '../../src/i18n/catalog.ts';
import { localizeCommand } from '../../src/i18n/commands.ts';
import { english, LANGUAGES, translatorOf } from '../../src/i18n/languages.ts';
import { LIMITS } from '../../src/render/limits.ts';
import { REPO } from '../support/fixtures.ts';
import { pseudoLanguage } from '../support/pseudo-locale.ts';

const ALL: readonly Language[] = [...LANGUAGES, pseudoLanguage];
const keys = Object.keys(english.messages) as MessageKey[];
const forms = (m: Message): string[] => (typeof m === 'string' ? [m] : Object.values(m));
const placeholders = (text: string) => new Set([...text.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1]));
const sorted = (s: Iterable<string | undefined>) => [...s].sort();

describe.each(ALL.map((l) => [l.code, l] as const))('catalog %s', (_code, language) => {
  it('has every key of the English reference and no other', () => {
    expect(sorted(Object.keys(language.messages))).toEqual(sorted(keys));
  });

  it('uses exactly the reference placeholders in every form (a plural may leave out {count})', () => {
    const problems: string[] = [];
    for (const key of keys) {
      const reference = new Set(forms(english.messages[key]).flatMap((f) => [...placeholders(f)]));
      const message = language.messages[key];
      if (message === undefined) continue;
      for (const form of forms(message)) {
        const own = placeholders(form);
        for (const p of reference)
          if (!own.has(p) && !(p === 'count' && typeof message !== 'string'))
            problems.push(`${key}: {${p}} missing in "${form}"`);
        for (const p of own) if (!reference.has(p)) problems.push(`${key}: {${p}} unknown in "${form}"`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('gives every plural message each category the language’s rules select', () => {
    const categories = new Intl.PluralRules(language.intl).resolvedOptions().pluralCategories;
    const problems: string[] = [];
    for (const key of keys) {
      const message = language.messages[key];
      if (typeof message === 'string' || message === undefined) continue;
      for (const c of categories) if (message[c] === undefined) problems.push(`${key}: no "${c}"`);
    }
    expect(problems).toEqual([]);
  });

  it('has no empty message', () => {
    expect(keys.filter((k) => forms(language.messages[k]).some((f) => f.trim() === ''))).toEqual([]);
  });
});

describe('Ukrainian plurals', () => {
  const t = translatorOf(LANGUAGES.find((l) => l.code === 'uk') ?? english);
  it('1 подія, 2 події, 5 подій, 21 подія, 1,5 події', () => {
    expect([1, 2, 5, 11, 21, 22, 25, 1.5].map((count) => t.t('count.events', { count }))).toEqual([
      '1 подія',
      '2 події',
      '5 подій',
      '11 подій',
      '21 подія',
      '22 події',
      '25 подій',
      '1,5 події',
    ]);
  });
  it('numbers are grouped the Ukrainian way', () => {
    expect(t.t('count.sources', { count: 12345 })).toBe(`12${'\u00a0'}345 джерел`);
  });
});

describe('keys for every value the renderers word', () => {
  const enums: [string, readonly string[]][] = [
    ['actorKind', ActorKind.options],
    ['eventKind', EventKind.options],
    ['participantRole', ParticipantRole.options],
    ['partOfDay', PartOfDay.options],
    ['commitmentKind', CommitmentKind.options],
    ['relation', EventRelation.options],
    ['commitment', CommitmentStatus.options.filter((s) => s !== 'open')],
  ];
  it.each(enums)('%s', (prefix, values) => {
    expect(values.filter((v) => !(`${prefix}.${v}` in english.messages))).toEqual([]);
  });
});

function sourceText(dir: string): string {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) return [sourceText(full)];
      return e.name.endsWith('.ts') && !full.includes(`${path.sep}locales${path.sep}`)
        ? [readFileSync(full, 'utf8')]
        : [];
    })
    .join('\n');
}

describe('every key is used', () => {
  it('by name, or by a computed key’s prefix (actorKind. + kind)', () => {
    const code = `${sourceText(path.join(REPO, 'src'))}\n${sourceText(path.join(REPO, 'commands'))}`;
    const prefixes = [...code.matchAll(/`([a-zA-Z.]+)\.\$\{/g)].map((m) => `${m[1]}.`);
    const unused = keys.filter(
      (k) => !code.includes(`'${k}'`) && !code.includes(`\`${k}\``) && !prefixes.some((p) => k.startsWith(p)),
    );
    expect(unused).toEqual([]);
  });
});

/** Discord's rule for command and option names (developer docs, Application Commands). */
const NAME = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

interface Json {
  name: string;
  description?: string;
  name_localizations?: Record<string, string>;
  description_localizations?: Record<string, string>;
  options?: Json[];
  choices?: { name: string; value: string | number; name_localizations?: Record<string, string> }[];
}

/** Choices offered by their own names in every language: the languages themselves. */
const languageCodes = new Set(LANGUAGES.map((l) => l.code));

function localizationProblems(item: Json, locale: string, where: string): string[] {
  const out: string[] = [];
  const name = item.name_localizations?.[locale];
  const description = item.description_localizations?.[locale];
  if (!name) out.push(`${where}: no ${locale} name`);
  else if (!NAME.test(name) || name !== name.toLowerCase()) out.push(`${where}: invalid name "${name}"`);
  if (!description) out.push(`${where}: no ${locale} description`);
  else if (description.length > 100) out.push(`${where}: description over 100 characters`);
  const siblings = (item.options ?? []).map((o) => o.name_localizations?.[locale]);
  if (new Set(siblings).size !== siblings.length) out.push(`${where}: two options share a ${locale} name`);
  for (const o of item.options ?? []) out.push(...localizationProblems(o, locale, `${where} ${o.name}`));
  for (const c of item.choices ?? []) {
    const choice = c.name_localizations?.[locale];
    if (languageCodes.has(String(c.value))) continue;
    if (!choice) out.push(`${where} choice ${c.value}: no ${locale} name`);
    else if (choice.length > LIMITS.choiceName) out.push(`${where} choice ${c.value}: name too long`);
  }
  return out;
}

/** Localizations for options, subcommands or choices the command does not have. */
function strayLocalizations(language: Language): string[] {
  const out: string[] = [];
  const visit = (
    loc: { options?: Record<string, unknown>; choices?: Record<string, string> },
    item: Json,
    where: string,
  ) => {
    for (const [name, inner] of Object.entries(loc.options ?? {})) {
      const option = item.options?.find((o) => o.name === name);
      if (!option) out.push(`${where}: no option "${name}"`);
      else visit(inner as typeof loc, option, `${where} ${name}`);
    }
    for (const value of Object.keys(loc.choices ?? {}))
      if (!item.choices?.some((c) => String(c.value) === value)) out.push(`${where}: no choice "${value}"`);
  };
  for (const [name, loc] of Object.entries(language.commands ?? {})) {
    const command = commands.find((c) => c.data.name === name);
    if (!command) out.push(`no command /${name}`);
    else visit(loc as never, command.data as Json, `/${name}`);
  }
  return out;
}

describe.each(ALL.filter((l) => l !== english).map((l) => [l.code, l] as const))(
  'registration in %s',
  (_code, language) => {
    // What registration sends (src/discord/register.ts) when this language is one of the bot's.
    const json = commands.map((c) => localizeCommand(c.data, [...LANGUAGES, language])) as unknown as Json[];
    it.each(language.discordLocales)(
      'carries %s names and descriptions for every command, option and choice',
      (locale) => {
        expect(json.flatMap((c) => localizationProblems(c, locale, `/${c.name}`))).toEqual([]);
        const names = json.map((c) => c.name_localizations?.[locale]);
        expect(new Set(names).size).toBe(names.length);
      },
    );
    it('localizes nothing the commands do not have', () => {
      expect(strayLocalizations(language)).toEqual([]);
    });
    it('messages point to commands by the names this language shows', () => {
      const known = new Set([
        ...Object.values(language.commands ?? {}).map((c) => c.name),
        ...commands.map((c) => c.data.name),
      ]);
      const english = new Set(commands.map((c) => c.data.name));
      const local = Object.values(language.commands ?? {}).map((c) => c.name);
      const problems: string[] = [];
      for (const key of keys)
        for (const form of forms(language.messages[key]))
          for (const m of form.matchAll(/(?<![<\w])\/([\p{L}_-]+)/gu)) {
            const name = m[1] ?? '';
            if (!known.has(name)) problems.push(`${key}: /${name} is no command`);
            // A language whose clients show other names must use them.
            else if (LANGUAGES.includes(language) && english.has(name) && !local.includes(name))
              problems.push(`${key}: /${name} is the English name`);
          }
      expect(problems).toEqual([]);
    });
  },
);
