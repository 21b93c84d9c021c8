/**
 * Languages through the real discord.js client on the loopback fake Discord: every read command, a
 * page button, /schedule add and the error cases answered in Ukrainian for `locale: uk` and in
 * English for `en-US`; a schedule with language uk posts in Ukrainian; registration carries `uk`
 * names and descriptions for every command and option.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { type BotProcess, botOnFakeDiscord } from '../support/bot-process.ts';
import type { FakeDiscord } from '../support/fake-discord.ts';
import { sleep } from '../support/time.ts';

const MANAGE_GUILD = String(1n << 5n);

let fake: FakeDiscord;
let bot: BotProcess;

beforeAll(async () => {
  ({ fake, bot } = await botOnFakeDiscord((f) => ({
    BRIEFING_CHANNEL_ID: f.defaultChannelId,
    BRIEFING_CRON: '*/2 * * * * *',
    BRIEFING_TIMEZONE: 'Europe/Kyiv',
    BRIEFING_LANGUAGE: 'uk',
  })));
}, 40_000);

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
});

const text = (m: unknown) => JSON.stringify(m ?? null);
const isPrivate = (reply: { callback: { data?: unknown } }) =>
  (((reply.callback.data as { flags?: number } | undefined)?.flags ?? 0) & 64) === 64;

interface Localized {
  name: string;
  name_localizations?: Record<string, string> | null;
  description_localizations?: Record<string, string> | null;
  options?: Localized[];
}

function missingUk(item: Localized, where: string): string[] {
  const out: string[] = [];
  if (!item.name_localizations?.uk) out.push(`${where}: no uk name`);
  if (!item.description_localizations?.uk) out.push(`${where}: no uk description`);
  for (const o of item.options ?? []) out.push(...missingUk(o, `${where} ${o.name}`));
  return out;
}

/** What each command answers with, in each language: a few words only that language's reply has. */
const READS: Array<[string, Record<string, string>, { uk: RegExp; 'en-US': RegExp }]> = [
  ['briefing', { as_of: '2025-08-20' }, { uk: /Стан справ на/, 'en-US': /State of play as of/ }],
  ['timeline', { actor: 'Volodomyr' }, { uk: /Хронологія/, 'en-US': /Timeline/ }],
  ['event', { event: 'white-house-summit' }, { uk: /Учасники/, 'en-US': /Participants/ }],
  ['quote', { speaker: 'jd-vance' }, { uk: /дослівно/, 'en-US': /verbatim/ }],
  ['actor', { name: 'zelenskyy' }, { uk: /Посада на той час/, 'en-US': /Role at the time/ }],
  ['search', { query: 'security guarantees' }, { uk: /Результати пошуку/, 'en-US': /Search results/ }],
  ['sources', {}, { uk: /Посилаються:/, 'en-US': /Cited by/ }],
  ['about', {}, { uk: /Версія даних/, 'en-US': /Dataset version/ }],
];

/** Refusals: private, in the reader's language. */
const ERRORS: Array<[string, Record<string, string>, { uk: RegExp; 'en-US': RegExp }, object?]> = [
  [
    'timeline',
    { from: 'last tuesday' },
    { uk: /має мати вигляд 2025-02-14/, 'en-US': /must look like 2025-02-14/ },
  ],
  ['timeline', { from: '2025-08', to: '2025-02' }, { uk: /поміняйте їх місцями/, 'en-US': /swap them/ }],
  ['actor', { name: 'qqqzzzxxx' }, { uk: /Учасника не знайдено/, 'en-US': /Actor not found/ }],
  ['quote', { text: '!!!' }, { uk: /Немає слів для пошуку/, 'en-US': /No words to look for/ }],
  [
    'schedule',
    {},
    { uk: /Керувати сервером/, 'en-US': /Manage Server/ },
    { subcommand: 'list', permissions: '0' },
  ],
  [
    'schedule',
    { channel: '', cron: '* * * * *' },
    { uk: /Надто часто/, 'en-US': /Too frequent/ },
    { subcommand: 'add', permissions: MANAGE_GUILD },
  ],
  [
    'schedule',
    { channel: '', cron: '0 9 * * *', timezone: 'EST' },
    { uk: /це скорочення, а не часовий пояс/, 'en-US': /is an abbreviation, not a time zone/ },
    { subcommand: 'add', permissions: MANAGE_GUILD },
  ],
  [
    'schedule',
    { channel: '', cron: '61 9 * * *' },
    { uk: /неправильний вираз cron/, 'en-US': /is not a valid cron expression/ },
    { subcommand: 'add', permissions: MANAGE_GUILD },
  ],
  [
    'schedule',
    { id: 'zzzzzz' },
    { uk: /Такого розкладу немає/, 'en-US': /No such schedule/ },
    { subcommand: 'preview', permissions: MANAGE_GUILD },
  ],
];

describe('languages through the real client', () => {
  it('registers uk names and descriptions for every command and option', () => {
    const registered = fake.commands(fake.defaultGuildId) as unknown as Localized[];
    expect(registered.map((c) => c.name).sort()).toEqual(commands.map((c) => c.data.name).sort());
    expect(registered.flatMap((c) => missingUk(c, `/${c.name}`))).toEqual([]);
    expect(registered.find((c) => c.name === 'briefing')?.name_localizations?.uk).toBe('брифінг');
    expect(fake.violations).toEqual([]);
  });

  for (const locale of ['uk', 'en-US'] as const) {
    const other = locale === 'uk' ? 'en-US' : 'uk';

    it(`answers every read command in ${locale}`, async () => {
      for (const [name, options, expected] of READS) {
        const reply = await fake.chatInput(name, options, { locale }).visible();
        expect(text(reply.message), `/${name}`).toMatch(expected[locale]);
        expect(text(reply.message), `/${name}`).not.toMatch(expected[other]);
      }
      expect(fake.violations).toEqual([]);
      expect(fake.unsafeMentionBodies()).toEqual([]);
    });

    it(`pages in ${locale}`, async () => {
      const first = await fake.chatInput('timeline', {}, { locale }).visible();
      const rows = (first.message?.components ?? []) as Array<{ components: Array<{ custom_id?: string }> }>;
      const next = rows[0]?.components.at(-1)?.custom_id ?? '';
      const clicked = await fake.button(next, first.message ?? undefined, { locale }).visible();
      expect(text(clicked.message)).toMatch(locale === 'uk' ? /сторінка 2 з/ : /page 2 of/);
    });

    it(`answers every error case privately in ${locale}`, async () => {
      for (const [name, options, expected, extra] of ERRORS) {
        const withChannel = 'channel' in options ? { ...options, channel: fake.defaultChannelId } : options;
        const reply = await fake.chatInput(name, withChannel, { locale, ...extra }).visible();
        expect(isPrivate(reply), `/${name} ${JSON.stringify(options)}`).toBe(true);
        expect(text(reply.message), `/${name} ${JSON.stringify(options)}`).toMatch(expected[locale]);
      }
    });

    it(`confirms /schedule add in ${locale}, posting in the server's language by default`, async () => {
      const reply = await fake
        .chatInput(
          'schedule',
          { channel: fake.defaultChannelId, cron: locale === 'uk' ? '0 8 * * 1-5' : '0 9 * * 1-5' },
          { subcommand: 'add', permissions: MANAGE_GUILD, locale, guildLocale: locale },
        )
        .visible();
      const added = text(reply.message);
      if (locale === 'uk') {
        expect(added).toMatch(/Розклад брифінгу \w+ додано/);
        expect(added).toMatch(/понеділок по п'ятниця/);
        expect(added).toContain('мова: Українська');
      } else {
        expect(added).toMatch(/Scheduled briefing \w+ added/);
        expect(added).toMatch(/Monday through Friday/);
        expect(added).toContain('in English');
      }
    });
  }

  it('posts a schedule whose language is uk in Ukrainian', async () => {
    await sleep(4500);
    const posts = fake.messagesIn(fake.defaultChannelId).filter((r) => r.source === 'channel');
    expect(posts.length).toBeGreaterThanOrEqual(1);
    const post = text(posts.at(-1)?.message);
    expect(post).toMatch(/Стан справ на/);
    expect(post).toContain('/хронологія');
    expect(post).not.toMatch(/State of play/);
    expect(fake.violations).toEqual([]);
  });
});
