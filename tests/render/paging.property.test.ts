/**
 * Issue 17 items 5 and 6: a paged list's query survives its buttons exactly (or is stored and
 * recovered), whatever the text: unicode, emoji, lone surrogates, long. Never a URIError.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { quotePages } from '../../commands/quote.ts';
import { searchPages } from '../../commands/search.ts';
import { timelinePages } from '../../commands/timeline.ts';
import { type Command, type CommandContext, UserError } from '../../src/discord/command.ts';
import type { Briefbook } from '../../src/domain/briefbook.ts';
import { messageViolations } from '../../src/render/embed.ts';
import type { MessagePayload } from '../../src/render/message.ts';
import { type PageState, pageCustomId, parsePageButton } from '../../src/render/paged-view.ts';
import { messageToText } from '../../src/render/terminal.ts';
import { fakeContext, fakeInput, realBook } from '../support/fixtures.ts';

let book: Briefbook;
beforeAll(async () => {
  book = await realBook();
});

const KINDS = ['event', 'quote', 'actor', 'topic'] as const;

/** Query text as users (and forged requests) send it. */
const queryText = fc
  .oneof(
    fc.string({ minLength: 1, maxLength: 80 }),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 }),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 80 }),
    fc.string({
      unit: fc.constantFrom('🇺🇦', '🕊️', '👨‍👩‍👧', 'é', 'ж', ' ', '—', '|', '=', '%', '\uD83C'),
      maxLength: 40,
    }),
    fc.constantFrom(
      'Munich talks — Trump, Putin, Vance, Kyiv',
      '🇺🇦 guarantees 🇷🇺 🇺🇸 peace',
      'Зеленський гарантії безпеки 🇺🇦🇺🇦🇺🇦',
      'guarantees \uD83C',
    ),
  )
  .filter((s) => s.length > 0); // the command reads blank text as no option

function command(name: string): Command {
  const c = commands.find((x) => x.data.name === name);
  if (!c?.pages) throw new Error(`no paged /${name}`);
  return c;
}

/** The custom_id of the button labelled like `label` ("Next", "Previous"), if enabled. */
function buttonId(payload: MessagePayload, label: RegExp): string | undefined {
  for (const row of payload.components ?? []) {
    for (const b of row.components) {
      if ('custom_id' in b && 'label' in b && label.test(b.label ?? '') && !b.disabled) return b.custom_id;
    }
  }
  return undefined;
}

async function click(ctx: CommandContext, name: string, customId: string): Promise<MessagePayload> {
  const button = parsePageButton(customId);
  expect(button, customId).toBeDefined();
  const pages = command(name).pages;
  if (!button || !pages) throw new Error('unreachable');
  return pages.show(ctx, button);
}

describe('page state round-trips exactly (item 5)', () => {
  it('decodes to the very query it encoded, within 100 ASCII characters, or names a stored state', () => {
    fc.assert(
      fc.property(
        queryText,
        fc.option(fc.constantFrom(...KINDS), { nil: undefined }),
        fc.nat({ max: 999_999 }),
        (query, kind, page) => {
          const state = searchPages.state({ query, kind });
          const id = pageCustomId(state, page);
          expect(id.length).toBeLessThanOrEqual(100);
          expect(id).toMatch(/^[\x21-\x7e]+$/);
          const back = parsePageButton(id);
          expect(back?.page).toBe(page);
          const keys = back?.stored === undefined ? back?.raw : 'keys' in state ? state.keys : undefined;
          if ('key' in state) expect(back?.stored).toBe(state.key);
          expect(keys && searchPages.decode(keys)).toEqual({ query, kind });
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('for any query, page 2 then Previous shows page 1 again (stored when it does not fit)', async () => {
    let paged = 0;
    await fc.assert(
      fc.asyncProperty(queryText, async (typed) => {
        // "zelensky" makes most queries span several pages, whatever else they hold.
        const query = `${typed} zelensky`;
        const ctx = fakeContext(book);
        const first = await command('search').execute(ctx, fakeInput('search', { query }));
        expect(messageViolations(first)).toEqual([]);
        const next = buttonId(first, /Next/);
        if (!next) return;
        paged++;
        const second = await click(ctx, 'search', next);
        expect(messageToText(second)).toMatch(/page 2 of/);
        const prev = buttonId(second, /Previous/);
        expect(prev).toBeDefined();
        expect(await click(ctx, 'search', prev ?? '')).toEqual(first);
      }),
      { numRuns: 200 },
    );
    expect(paged).toBeGreaterThan(100);
  });

  it('keeps every word of a long query with a dash and names (the "Trum" cut)', async () => {
    const ctx = fakeContext(book);
    const query = 'Zelensky Munich security guarantees talks — Trump, Putin, Vance, Kyiv';
    const first = await command('search').execute(ctx, fakeInput('search', { query }));
    const next = buttonId(first, /Next/);
    expect(next).toBeDefined();
    const second = await click(ctx, 'search', next ?? '');
    expect(messageToText(second)).toContain(query);
  });

  it('/quote and /timeline states carry 64-character ids and any text exactly', () => {
    const id = fc.stringMatching(/^[a-z0-9]{1,20}(?:-[a-z0-9]{1,20}){0,3}$/).map((s) => s.slice(0, 64));
    const day = fc
      .date({
        min: new Date('0001-01-01T00:00:00Z'),
        max: new Date('9999-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(
        fc.option(id, { nil: undefined }),
        fc.option(id, { nil: undefined }),
        fc.option(queryText, { nil: undefined }),
        (speaker, topic, text) => {
          const params = { speaker, topic, text };
          expect(quotePages.decode(keysOf(quotePages.state(params)))).toEqual(params);
        },
      ),
    );
    fc.assert(
      fc.property(
        fc.option(id, { nil: undefined }),
        fc.option(id, { nil: undefined }),
        fc.option(fc.tuple(day, day), { nil: undefined }),
        (actor, topic, range) => {
          const [from, to] = range ? [...range].sort() : [undefined, undefined];
          const params = { actor, topic, from, to };
          expect(timelinePages.decode(keysOf(timelinePages.state(params)))).toEqual(params);
        },
      ),
    );
  });

  it('a stored query that is gone asks to run the command again', async () => {
    const ctx = fakeContext(book);
    const id = `se|1|@=${'A'.repeat(16)}`;
    await expect(click(ctx, 'search', id)).rejects.toThrow(UserError);
  });
});

describe('no URIError on emoji or lone surrogates (item 6)', () => {
  it('/search and /quote answer emoji flags, ZWJ sequences and lone surrogates', async () => {
    const ctx = fakeContext(book);
    for (const [name, options] of [
      ['search', { query: '🇺🇦 guarantees 🇷🇺 🇺🇸 peace' }],
      ['search', { query: `${'🇺🇦'.repeat(20)} guarantees` }],
      ['search', { query: 'security \uD83C guarantees' }],
      ['quote', { text: '🇺🇦🕊️👨‍👩‍👧 security' }],
      ['quote', { text: 'guarantees \uDE00' }],
    ] as const) {
      const payload = await Promise.resolve()
        .then(() => command(name).execute(ctx, fakeInput(name, options)))
        .catch((error: unknown) => {
          if (error instanceof UserError) return undefined;
          throw error;
        });
      if (payload) expect(messageViolations(payload)).toEqual([]);
    }
  });
});

/** What a button's click decodes from: its custom_id's keys, or the stored ones. */
function keysOf(state: PageState): Record<string, string> {
  if ('keys' in state) return { ...state.keys };
  const back = parsePageButton(pageCustomId(state, 0));
  return back?.raw ?? {};
}
