import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { type BotProcess, botOnFakeDiscord } from '../support/bot-process.ts';
import type { FakeDiscord, InteractionHandle } from '../support/fake-discord.ts';

/**
 * Hostile input against the real router in the real bot process: random interactions for every
 * command and option, answered within Discord's limits, never pinging anyone, never an unhandled error.
 */
let fake: FakeDiscord;
let bot: BotProcess;

beforeAll(async () => {
  ({ fake, bot } = await botOnFakeDiscord());
}, 40_000);

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
});

const hostileText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 6000 }),
  fc.constantFrom(
    '@everyone',
    '@here',
    '<@&123456789012345678>',
    '<@123456789012345678>',
    '**bold** __under__ ~~x~~ `code` ```block```',
    '2025-02-30',
    '2025-13',
    '0000-00-00',
    'not-an-id',
    'x'.repeat(6000),
    '||spoiler|| > quote',
    '\u0000\u200b\uFEFF',
  ),
);

const userCommands = commands.filter((c) => !c.adminOnly);
const interaction = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('chat' as const),
      command: fc.constantFrom(...userCommands.map((c) => c.data.name)),
      values: fc.array(hostileText, { maxLength: 4 }),
    }),
    weight: 5,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('autocomplete' as const),
      command: fc.constantFrom(...userCommands.filter((c) => c.autocomplete).map((c) => c.data.name)),
      values: fc.array(hostileText, { minLength: 1, maxLength: 1 }),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('button' as const),
      command: fc.constantFrom('tl|', 'qt|', 'se|', 'ac|', 'noop|', 'zz|', ''),
      values: fc.array(fc.oneof(fc.nat({ max: 99999 }).map(String), hostileText), {
        minLength: 1,
        maxLength: 2,
      }),
    }),
    weight: 2,
  },
);

type Case = { kind: 'chat' | 'autocomplete' | 'button'; command: string; values: string[] };

function launch(c: Case): InteractionHandle {
  if (c.kind === 'button') return fake.button(`${c.command}${c.values.join('|')}`.slice(0, 100) || 'x');
  const command = commands.find((x) => x.data.name === c.command);
  const names = (command?.data.options ?? []).map((o) => o.name);
  const options = c.values.slice(0, names.length).map((value, i) => ({
    name: names[i] ?? 'query',
    type: 3,
    value,
    ...(c.kind === 'autocomplete' && i === 0 ? { focused: true } : {}),
  }));
  if (c.kind === 'autocomplete') {
    const focusName =
      command?.data.options?.find((o) => 'autocomplete' in o && o.autocomplete)?.name ?? names[0] ?? 'x';
    return fake.autocomplete(c.command, [
      { name: focusName, type: 3, value: c.values[0] ?? '', focused: true },
    ]);
  }
  return fake.chatInput(c.command, options);
}

describe('hostile input through the real router (fast-check)', () => {
  it('answers every interaction within limits without pinging or crashing', async () => {
    let cases = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(interaction, { minLength: 1, maxLength: 8 }), async (batch) => {
        // Launched together: concurrent clicks and commands on the same bot.
        const handles = batch.map((c) => launch(c as Case));
        const callbacks = await Promise.all(handles.map((h) => h.callback));
        for (const cb of callbacks) expect(cb.status).toBeLessThan(300);
        // A click on the disabled page indicator is only acknowledged (type 6): nothing to see.
        await Promise.all(handles.map((h, i) => (callbacks[i]?.type === 6 ? undefined : h.visible(5000))));
        cases += batch.length;
      }),
      { numRuns: 120 },
    );
    console.log(`hostile input: ${cases} interactions answered`);
    expect(fake.violations).toEqual([]);
    expect(fake.unsafeMentionBodies()).toEqual([]);
    const errors = bot.logs.filter(
      (l) => l.level === 50 || l.level === 60 || l.msg === 'unhandled promise rejection',
    );
    expect(errors).toEqual([]);
  }, 120_000);

  it('answers concurrent clicks on a stale pagination button, each with the right page', async () => {
    const first = await fake.chatInput('timeline', {}).visible();
    const handles = Array.from({ length: 20 }, (_, i) =>
      fake.button(`tl|${i % 5}`, first.message ?? undefined),
    );
    const replies = await Promise.all(handles.map((h) => h.visible()));
    for (const r of replies) expect(r.callback.status).toBeLessThan(300);
    expect(fake.violations).toEqual([]);
  });
});
