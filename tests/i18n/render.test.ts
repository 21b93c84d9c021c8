/**
 * Replies in every language: the pseudo-locale proves every word the bot adds goes through the
 * catalog (a third language needs a catalog, not code); a few golden renders per language; errors
 * are keys and parameters, worded in the reader's language.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { type Command, type OptionValue, UserError } from '../../src/discord/command.ts';
import type { Briefbook } from '../../src/domain/briefbook.ts';
import { localizeCommand } from '../../src/i18n/commands.ts';
import { english, findLanguage, LANGUAGES, translatorFor, translatorOf } from '../../src/i18n/languages.ts';
import { messageViolations } from '../../src/render/embed.ts';
import type { MessagePayload } from '../../src/render/message.ts';
import { messageToText } from '../../src/render/terminal.ts';
import { fakeContext, fakeInput, realBook } from '../support/fixtures.ts';
import { pseudoLanguage } from '../support/pseudo-locale.ts';

let book: Briefbook;
beforeAll(async () => {
  book = await realBook();
});

function command(name: string): Command {
  const c = commands.find((x) => x.data.name === name);
  if (!c) throw new Error(`no /${name}`);
  return c;
}

async function run(
  t: ReturnType<typeof translatorFor>,
  name: string,
  options: Record<string, OptionValue> = {},
): Promise<MessagePayload> {
  const payload = await command(name).execute(fakeContext(book, { t }), fakeInput(name, options));
  expect(messageViolations(payload)).toEqual([]);
  return payload;
}

async function refusal(name: string, options: Record<string, OptionValue>): Promise<UserError> {
  try {
    await command(name).execute(fakeContext(book), fakeInput(name, options));
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error(`/${name} did not refuse`);
}

const READS: [string, Record<string, OptionValue>][] = [
  ['briefing', { as_of: '2025-09-01' }],
  ['briefing', { topic: 'security-guarantees', as_of: '2025-09-01' }],
  ['timeline', { from: '2025-02', to: '2025-03' }],
  ['timeline', { from: '1990-01', to: '1990-02' }],
  ['event', { event: 'vance-zelensky-munich-meeting' }],
  ['quote', { speaker: 'jd-vance' }],
  ['quote', { text: 'zzzz qqqq' }],
  ['actor', { name: 'zelensky' }],
  ['search', { query: 'security guarantees' }],
  ['search', { query: 'qqqzzzxxx' }],
  ['sources', {}],
  ['about', {}],
];

/** Every English message with no parameters and enough words to be recognisable. */
const englishPhrases = Object.values(english.messages)
  .flatMap((m) => (typeof m === 'string' ? [m] : Object.values(m)))
  .flatMap((m) => m.split(/\{[A-Za-z0-9_]+\}/))
  .map((part) => part.trim())
  .filter((part) => part.split(' ').length >= 3);

describe('a third language is a catalog: the pseudo-locale', () => {
  const t = translatorOf(pseudoLanguage);

  it.each(READS)('/%s %j: every word the bot adds is the pseudo-locale’s', async (name, options) => {
    const text = messageToText(await run(t, name, options));
    expect(text).toContain('⟦');
    expect(englishPhrases.filter((phrase) => text.includes(phrase))).toEqual([]);
  });

  it('answers errors in it, and registration carries its command names', async () => {
    const error = await refusal('briefing', { as_of: '14/02/2025' });
    expect(error.render(t).message).toMatch(/^⟦`áš_öf` müšt/);
    expect(error.render(t).title).toMatch(/^⟦/);
    const json = localizeCommand(command('briefing').data, [...LANGUAGES, pseudoLanguage]);
    expect(json.name_localizations).toMatchObject({ uk: 'брифінг', 'es-ES': 'brïëfïñg' });
  });

  it('is found by its Discord locale when it is one of the languages', () => {
    expect(findLanguage('es-ES', [...LANGUAGES, pseudoLanguage])).toBe(pseudoLanguage);
    expect(findLanguage('es-ES')).toBeUndefined();
    expect(translatorFor('es-ES').language).toBe(english);
  });
});

describe('golden renders', () => {
  const uk = translatorFor('uk');
  const en = translatorFor('en-US');

  it('/briefing in Ukrainian: labels, dates, plurals, quotes marked as the original', async () => {
    const text = messageToText(await run(uk, 'briefing', { as_of: '2025-09-01' }));
    expect(text).toContain('Брифінг — мирна дипломатія');
    expect(text).toMatch(/Стан справ на \*\*1 вер\. 2025\sр\.\*\*/);
    expect(text).toMatch(/усі теми; \d+ под(ія|ії|ій), від /);
    expect(text).toContain('▸ Останні події');
    expect(text).toContain('▸ Ключова цитата');
    expect(text).toContain('*(оригінал, англійська)*');
    expect(text).toMatch(/строк був 25–28 серп\. 2025\sр\.; жодне джерело/);
    expect(text).toMatch(/\[S\d+ ¶\d+/);
    expect(text).not.toMatch(/State of play|Latest developments|Key quote/);
  });

  it('/briefing in English for en-US', async () => {
    const text = messageToText(await run(en, 'briefing', { as_of: '2025-09-01' }));
    expect(text).toContain('State of play as of **1 Sept 2025**');
    expect(text).toContain('▸ Latest developments');
    expect(text).not.toContain('оригінал');
  });

  it('/timeline in Ukrainian pages with Ukrainian buttons and counts', async () => {
    const payload = await run(uk, 'timeline', {});
    const text = messageToText(payload);
    expect(text).toMatch(/━━ Хронологія ━━/);
    expect(text).toMatch(/\d+ под(ія|ії|ій) · сторінка 1 з \d+/);
    expect(text).toContain('[◀ Назад (disabled)]');
    expect(text).toContain('[Далі ▶]');
  });

  it('/about counts in Ukrainian plural forms', async () => {
    const text = messageToText(await run(uk, 'about'));
    const events = book.dataset.events.length;
    expect(text).toContain(uk.t('count.events', { count: events }));
    expect(text).toContain('▸ Охоплення');
  });

  it('/event in Ukrainian: precision, roles and kinds worded', async () => {
    const text = messageToText(await run(uk, 'event', { event: 'vance-zelensky-munich-meeting' }));
    expect(text).toMatch(/▸ Коли\n14 лют\. 2025\sр\., вечір/);
    expect(text).toContain('(учасник)');
  });
});

describe('errors are keys and parameters, worded per reader', () => {
  it('a bad date names the option as the reader’s client shows it', async () => {
    const error = await refusal('briefing', { as_of: '14/02/2025' });
    expect(error.key).toBe('option.badDate');
    expect(error.params.typed).toBe('`14/02/2025`');
    expect(error.title).toEqual({ key: 'option.badDate.title', params: {} });
    const uk = error.render(translatorFor('uk'));
    expect(uk.title).toBe('Дату не розпізнано');
    expect(uk.message).toMatch(/^`на_дату` має мати вигляд 2025-02-14/);
    expect(error.render(translatorFor('en-US')).message).toMatch(/^`as_of` must look like 2025-02-14/);
  });

  it('a name that matches nothing lists the closest, in the reader’s language', async () => {
    const error = await refusal('actor', { name: 'zzzzzz qqqq' });
    expect(error.key).toBe('unresolved.actor.notFound');
    expect(error.render(translatorFor('uk')).title).toBe('Учасника не знайдено');
    expect(error.render(translatorFor('uk')).message).toMatch(/^Жоден учасник не відповідає `zzzzzz qqqq`/);
  });

  it('a reversed range and a wordless quote search', async () => {
    const range = await refusal('timeline', { from: '2025-08', to: '2025-02' });
    expect(range.key).toBe('option.rangeReversed');
    expect(range.render(translatorFor('uk')).message).toMatch(
      /^`від` \(1 серп\. 2025\sр\.\) пізніше за `до`/,
    );
    const words = await refusal('quote', { text: '!!!' });
    expect(words.key).toBe('option.noWords');
    expect(words.params).toEqual({ typed: '`!!!`' });
  });
});
