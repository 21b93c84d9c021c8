import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import type { briefing as briefingCommand } from '../../commands/briefing.ts';
import { commands } from '../../commands/index.ts';
import type { scheduleData } from '../../commands/schedule.ts';
import type { search as searchCommand } from '../../commands/search.ts';
import { type Command, type OptionValue, UserError } from '../../src/discord/command.ts';
import type { ArgsOf } from '../../src/discord/command-data.ts';
import { parseArgs } from '../../src/discord/define-command.ts';
import { checkAccess } from '../../src/discord/router.ts';
import { type Briefbook, createBriefbook } from '../../src/domain/briefbook.ts';
import { buildDataset } from '../../src/domain/model.ts';
import { findQuotes } from '../../src/domain/quotes.ts';
import type { SearchKind } from '../../src/domain/search.ts';
import { validateDataset } from '../../src/domain/validate.ts';
import { messageViolations } from '../../src/render/embed.ts';
import { inlineCode } from '../../src/render/escape.ts';
import type { MessagePayload } from '../../src/render/message.ts';
import { parsePageButton } from '../../src/render/paged-view.ts';
import { messageToText } from '../../src/render/terminal.ts';
import { fakeContext, fakeInput, realBook } from '../support/fixtures.ts';
import { generateDataset } from '../support/generate.ts';

let book: Briefbook;
beforeAll(async () => {
  book = await realBook();
});

function command(name: string): Command {
  const c = commands.find((x) => x.data.name === name);
  if (!c) throw new Error(`no /${name}`);
  return c;
}

async function run(name: string, options: Record<string, OptionValue> = {}): Promise<MessagePayload> {
  const payload = await command(name).execute(fakeContext(book), fakeInput(name, options));
  expect(messageViolations(payload)).toEqual([]);
  return payload;
}

async function userError(name: string, options: Record<string, OptionValue>): Promise<string> {
  try {
    await command(name).execute(fakeContext(book), fakeInput(name, options));
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as Error).message;
  }
  throw new Error(`/${name} did not refuse ${JSON.stringify(options)}`);
}

const text = (p: MessagePayload) => messageToText(p);

describe('/briefing', () => {
  it('shows every topic thread, latest developments, key quote and commitments with citations', async () => {
    const out = text(await run('briefing', { as_of: '2025-09-01' }));
    expect(out).toContain('as of **1 Sept 2025**');
    expect(out).toContain('Security guarantees');
    expect(out).toContain('Latest developments');
    expect(out).toContain('Key quote');
    expect(out).toMatch(/was due 25\s–\s28 Aug 2025/);
    expect(out).toMatch(/\[S2 ¶\d+/);
  });

  it('narrows to a topic typed loosely and defaults to today', async () => {
    const out = text(await run('briefing', { topic: 'crimea' }));
    expect(out).toContain('Territory and Crimea');
    expect(out).toContain('1 Sept 2025');
  });

  it('answers a bad date with what to type instead', async () => {
    expect(await userError('briefing', { as_of: '14/02/2025' })).toMatch(
      /`as_of` must look like 2025-02-14 or 2025-02/,
    );
  });
});

describe('/timeline', () => {
  it('pages with buttons whose custom_id carries the query', async () => {
    const first = await run('timeline', {});
    expect(text(first)).toContain('Russia invades Ukraine');
    const next = first.components?.[0]?.components.at(-1);
    const button = next && 'custom_id' in next ? parsePageButton(next.custom_id) : undefined;
    expect(button).toMatchObject({ code: 'tl', page: 1 });
    const page2 = await command('timeline').pages?.show(
      fakeContext(book),
      button ?? { code: 'tl', page: 1, raw: {} },
    );
    expect(page2 && text(page2)).toContain('page 2 of');
  });

  it('filters by actor alias, topic and month range', async () => {
    const out = text(await run('timeline', { actor: 'J.D. Vance', from: '2025-02', to: '2025-02' }));
    expect(out).toContain('JD Vance');
    expect(out).toContain('Vance lectures European leaders');
    expect(out).not.toContain('White House talks');
    expect(await userError('timeline', { from: '2025-13' })).toMatch(
      /`from` must look like 2025-02-14 or 2025-02/,
    );
    expect(await userError('timeline', { from: '2025-08', to: '2025-02' })).toMatch(/is after `to`/);
  });

  it('says which actor was meant when a name is ambiguous', async () => {
    expect(await userError('timeline', { actor: 'european' })).toMatch(
      /European leaders[\s\S]*European Union/,
    );
  });
});

describe('/event, /quote, /actor, /search, /sources, /about', () => {
  it('/event shows one event in full', async () => {
    const out = text(await run('event', { event: 'vance-zelensky-munich-meeting' }));
    expect(out).toContain('14 Feb 2025, evening');
    // Kellogg and Rubio are no longer participants: S1 names them only in a caption (audit row 5).
    expect(out).toContain('Volodymyr Zelensky (participant)');
    expect(out).not.toContain('Keith Kellogg');
    expect(out).toContain('“We want, really, we want this very much, but we need real security guarantees”');
    expect(out).toContain('S1:');
  });

  it('/event resolves free text and suggests the closest events otherwise', async () => {
    expect(text(await run('event', { event: 'Trump Putin phone call' }))).toContain('90-minute');
    expect(await userError('event', { event: 'moon landing' })).toMatch(
      /No event matches|Several events match/,
    );
  });

  it('/quote finds verbatim quotes by speaker, topic and words', async () => {
    const out = text(await run('quote', { speaker: 'trump' }));
    expect(out).toContain('When it comes to security, there will be extensive support');
    expect(out).toContain('[S2 ¶9]');
    expect(text(await run('quote', { text: 'leverage' }))).toContain('economic tools of leverage');
  });

  it('/actor shows role then, events and quotes', async () => {
    const out = text(await run('actor', { name: 'Volodomyr' }));
    expect(out).toContain('Volodymyr Zelensky');
    expect(out).toContain('President of Ukraine');
    expect(out).toMatch(/Events \(\d+\)/);
    expect(await userError('actor', { name: 'Angela Merkel' })).toMatch(/No actor matches/);
  });

  it('/search ranks across kinds and echoes the query safely', async () => {
    const out = text(await run('search', { query: '@everyone security guarantees' }));
    expect(out).not.toMatch(/(^|[^\u200b])@everyone/);
    expect(out).toContain('Security guarantees');
  });

  it('/sources lists the bibliography without invented publishers', async () => {
    const out = text(await run('sources'));
    expect(out).toContain('[S1]');
    expect(out).toContain('[S2]');
    expect(out).toContain('Publisher not named in the text');
    expect(out).not.toMatch(/https?:\/\//);
  });

  it('/about shows coverage, counts and versions', async () => {
    const out = text(await run('about'));
    expect(out).toContain('c. Feb 2022 → 18 Aug 2025'); // item 7: the first event is known to the month
    expect(out).toMatch(/21 events/);
    expect(out).toContain('0.0.0-test');
    expect(out).toContain('1h 0m');
  });
});

describe('autocomplete', () => {
  it('offers Zelensky for "volo" and stays within 25 choices of ≤100 chars', async () => {
    const choices = await command('timeline').autocomplete?.(fakeContext(book), {
      ...fakeInput('timeline'),
      focused: { name: 'actor', value: 'volo' },
    });
    expect(choices?.[0]).toMatchObject({ value: 'volodymyr-zelensky' });
    for (const name of ['briefing', 'timeline', 'event', 'quote', 'actor']) {
      for (const focus of ['topic', 'actor', 'event', 'speaker', 'name']) {
        const list =
          (await command(name).autocomplete?.(fakeContext(book), {
            ...fakeInput(name),
            focused: { name: focus, value: '' },
          })) ?? [];
        expect(list.length).toBeLessThanOrEqual(25);
        for (const c of list) {
          expect(c.name.length).toBeGreaterThan(0);
          expect(c.name.length).toBeLessThanOrEqual(100);
          expect(c.value.length).toBeLessThanOrEqual(100);
        }
      }
    }
  });
});

describe('access', () => {
  it('admin-only commands require Manage Server, checked at run time', () => {
    const admin = {
      data: { name: 'schedule', description: 'x' },
      adminOnly: true,
      execute: () => ({ allowed_mentions: { parse: [] } }),
    } as unknown as Command;
    expect(() => checkAccess(admin, fakeInput('schedule', {}, { memberPermissions: '0' }))).toThrow(
      /Manage Server/,
    );
    expect(() =>
      checkAccess(admin, fakeInput('schedule', {}, { memberPermissions: String(1n << 5n) })),
    ).not.toThrow();
    expect(() =>
      checkAccess(admin, fakeInput('schedule', {}, { memberPermissions: String(1n << 3n) })),
    ).not.toThrow();
    expect(() => checkAccess(admin, fakeInput('schedule', {}, { guildId: undefined }))).toThrow(
      /only inside a server/,
    );
  });
});

describe('typed options', () => {
  const search = command('search');
  const schedule = command('schedule');

  it('types arguments from the command JSON (names, required, choices, subcommands)', () => {
    expectTypeOf<ArgsOf<typeof searchCommand.data>>().toEqualTypeOf<{
      query: string;
      kind?: SearchKind | undefined;
    }>();
    expectTypeOf<ArgsOf<typeof briefingCommand.data>>().toEqualTypeOf<{
      topic?: string | undefined;
      as_of?: string | undefined;
    }>();
    type Schedule = ArgsOf<typeof scheduleData>;
    expectTypeOf<Extract<Schedule, { subcommand: 'add' }>['mode']>().toEqualTypeOf<
      'always' | 'new-only' | undefined
    >();
    expectTypeOf<Extract<Schedule, { subcommand: 'pause' }>>().toEqualTypeOf<{
      subcommand: 'pause';
      id: string;
    }>();
  });

  it('reads what Discord sent against the JSON: blank is absent, required and choices enforced', () => {
    expect(parseArgs(search.data, fakeInput('search', { query: '  ceasefire ', kind: 'event' }))).toEqual({
      query: 'ceasefire',
      kind: 'event',
    });
    expect(parseArgs(search.data, fakeInput('search', { query: 'x', kind: ' ' }))).toEqual({ query: 'x' });
    expect(() => parseArgs(search.data, fakeInput('search', { query: '   ' }))).toThrow(
      /`query` is required/,
    );
    expect(() => parseArgs(search.data, fakeInput('search', { query: 'x', kind: 'people' }))).toThrow(
      /`kind` must be one of: event, quote, actor, topic/,
    );
    expect(
      parseArgs(schedule.data, fakeInput('schedule', { id: 'k3m9xq' }, { subcommand: 'pause' })),
    ).toEqual({ subcommand: 'pause', id: 'k3m9xq' });
    expect(() => parseArgs(schedule.data, fakeInput('schedule', {}, { subcommand: 'nope' }))).toThrow(
      'Use /schedule add, list, remove, pause, resume or preview.',
    );
  });
});

describe('issue 17 item 15: forged buttons, whole commitments, capped counts, year bounds, backticks', () => {
  it('a forged or damaged button shows the "older version" notice, never "45 Feb 2025"', async () => {
    for (const [name, id] of [
      ['timeline', 'tl|0|f=2025-02-45'],
      ['timeline', 'tl|0|u=2025-13-01'],
      ['timeline', 'tl|0|f=0000-01-01'],
      ['timeline', 'tl|0|f=2025-08-01|u=2025-02-01'],
      ['search', 'se|0|q=talks|k=bogus'],
    ] as const) {
      const button = parsePageButton(id);
      expect(button, id).toBeDefined();
      const shown = command(name).pages?.show(fakeContext(book), button ?? { code: '', page: 0, raw: {} });
      await expect(shown, id).rejects.toThrow(/older version/);
    }
  });

  it("/briefing ends its commitments on a whole item with its citation, then '…and N more'", async () => {
    const field = (await run('briefing', { as_of: '2025-09-01' })).embeds?.[0]?.fields?.find((f) =>
      f.name.startsWith('Open commitments'),
    );
    const lines = field?.value.split('\n') ?? [];
    const more = lines.at(-1)?.match(/^…and (\d+) more$/);
    expect(more).toBeTruthy();
    const items = lines.slice(0, -1);
    for (const line of items) expect(line).toMatch(/\[S\d+ ¶\d+(, ¶\d+)*\]$/);
    expect(items.length + Number(more?.[1])).toBe(
      book.dataset.commitments.filter((c) => c.status === 'open').length,
    );
  });

  it('/search says "50+" when there are more results than it lists', async () => {
    const raw = generateDataset({ events: 400, seed: 7 });
    const v = validateDataset(
      Object.fromEntries(Object.entries(raw).map(([k, list]) => [`${k}.json`, { [k]: list }])),
    );
    if (!v.ok) throw new Error('generated dataset invalid');
    const big = createBriefbook(buildDataset(v.data));
    const footer = async (query: string) => {
      const payload = await command('search').execute(fakeContext(big), fakeInput('search', { query }));
      return payload.embeds?.[0]?.footer?.text ?? '';
    };
    expect(await footer('talks')).toMatch(/^50\+ results, the best 50 listed · page 1 of 9/);
    expect(await footer('zzzzqqq')).toMatch(/^0 results/);
  });

  it('as_of accepts 0001-01-01 and refuses 0000, alike in every shape', async () => {
    expect(text(await run('briefing', { as_of: '0001-01-01' }))).toContain('as of **1 Jan 0001**');
    for (const bad of ['0000', '0000-01', '0000-01-01'])
      expect(await userError('briefing', { as_of: bad })).toMatch(/must look like 2025-02-14/);
  });

  it('echoes typed backticks as they were typed, inside a code span that stays closed', async () => {
    const out = text(await run('search', { query: 'a`b ``c' }));
    expect(out).toContain('```a`b ``c```');
    for (const typed of ['`x', 'x`', 'plain', '``']) {
      const span = inlineCode(typed);
      const fence = span.match(/^`+/)?.[0] ?? '';
      expect(span.endsWith(fence)).toBe(true);
      expect(span.slice(fence.length, -fence.length).trim()).toBe(typed);
    }
  });
});

describe('issue 17 item 8: /quote text with no letters', () => {
  it('asks for words instead of listing every quote under a title that suggests a match', async () => {
    for (const typed of ['.*(', '[', '🇺🇦', '🇺🇦🕊️👨‍👩‍👧', '—', '%']) {
      expect(await userError('quote', { text: typed }), typed).toMatch(/has no words/);
    }
    expect(findQuotes(book.dataset, { text: '.*(' })).toEqual([]);
    expect(findQuotes(book.dataset, { text: 'leverage' }).length).toBeGreaterThan(0);
  });

  it('a page button holding wordless text lists nothing rather than everything', async () => {
    const button = parsePageButton('qt|0|x=%5B');
    const page = await command('quote').pages?.show(
      fakeContext(book),
      button ?? { code: '', page: 0, raw: {} },
    );
    expect(text(page ?? { allowed_mentions: { parse: [] } })).toContain('No quotes match');
  });
});
