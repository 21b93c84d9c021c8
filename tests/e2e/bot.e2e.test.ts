import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { type BotProcess, botOnFakeDiscord, isReady, spawnBot, TEST_TOKEN } from '../support/bot-process.ts';
import type { FakeDiscord } from '../support/fake-discord.ts';
import { decodePng } from '../support/png.ts';

let fake: FakeDiscord;
let bot: BotProcess;
let env: Record<string, string | undefined>;
let storedButton: string | undefined;

function buttonOf(message: unknown, label: string): { custom_id?: string } | undefined {
  const rows = ((message as { components?: unknown[] } | null)?.components ?? []) as Array<{
    components: Array<{ custom_id?: string; label?: string }>;
  }>;
  return rows.flatMap((r) => r.components).find((b) => b.label?.includes(label));
}

function embedText(message: unknown): string {
  const m = message as { content?: string; embeds?: Array<Record<string, unknown>> } | null | undefined;
  if (!m) return '';
  return [
    m.content ?? '',
    ...(m.embeds ?? []).map((e) => JSON.stringify([e.title, e.description, e.fields, e.footer])),
  ].join('\n');
}

beforeAll(async () => {
  ({ fake, bot, env } = await botOnFakeDiscord());
}, 40_000);

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
});

describe('the bot on the real discord.js client (loopback fake Discord)', () => {
  it('registers every command to the guild with a payload Discord accepts', () => {
    const registered = fake.commands(fake.defaultGuildId);
    expect(registered.map((c) => c.name).sort()).toEqual(commands.map((c) => c.data.name).sort());
    expect(fake.violations).toEqual([]);
    const identify = fake.identifies.at(-1);
    expect(identify?.intents).toBe(1); // Guilds only
  });

  it('answers every command within Discord limits, with mentions off', async () => {
    const cases: Array<[string, Record<string, string>]> = [
      ['briefing', {}],
      ['briefing', { topic: 'security-guarantees', as_of: '2025-08-20' }],
      ['timeline', { actor: 'Volodomyr' }],
      ['event', { event: 'white-house-summit' }],
      ['quote', { speaker: 'jd-vance' }],
      ['actor', { name: 'zelenskyy' }],
      ['search', { query: 'security guarantees' }],
      ['sources', {}],
      ['about', {}],
    ];
    for (const [name, options] of cases) {
      const reply = await fake.chatInput(name, options).visible();
      expect(reply.message, name).toBeTruthy();
      expect(reply.latencyMs, name).toBeLessThan(3000);
      expect(embedText(reply.message).length, name).toBeGreaterThan(50);
    }
    expect(fake.violations).toEqual([]);
    expect(fake.unsafeMentionBodies()).toEqual([]);
  });

  it('/timeline view:chart attaches a PNG the embed shows, within Discord limits', async () => {
    const reply = await fake.chatInput('timeline', { view: 'chart', topic: 'security-guarantees' }).visible();
    const message = reply.message;
    expect(message?.embeds[0]?.image?.url).toBe('attachment://timeline.png');
    expect(message?.attachments.map((a) => [a.filename, a.content_type])).toEqual([
      ['timeline.png', 'image/png'],
    ]);
    const record = fake.messagesIn().find((m) => m.id === message?.id);
    const file = record?.files[0];
    expect(file?.size).toBeLessThanOrEqual(10 * 1024 * 1024);
    const png = decodePng(file?.data ?? Buffer.alloc(0));
    expect(png.width).toBe(1600); // 800 px drawn at 2x, sharp on a phone
    expect(png.height).toBeGreaterThan(200);
    expect(fake.violations).toEqual([]);
    expect(fake.unsafeMentionBodies()).toEqual([]);
  });

  it('autocompletes "volo" to Zelensky', async () => {
    const reply = await fake
      .autocomplete('timeline', [{ name: 'actor', type: 3, value: 'volo', focused: true }])
      .visible();
    expect((reply.choices as Array<{ value: string }>)[0]?.value).toBe('volodymyr-zelensky');
  });

  it('updates the message when a pagination button is clicked', async () => {
    const first = await fake.chatInput('timeline', {}).visible();
    const rows = (first.message?.components ?? []) as Array<{
      components: Array<{ custom_id?: string; label?: string }>;
    }>;
    const next = rows[0]?.components.find((b) => b.label?.startsWith('Next'));
    expect(next?.custom_id).toMatch(/^tl\|1/);
    const clicked = await fake.button(next?.custom_id ?? '', first.message ?? undefined).visible();
    expect(clicked.callback.type).toBe(7); // UPDATE_MESSAGE
    expect(embedText(clicked.message)).toContain('page 2 of');
  });

  it('pages a long unicode query forward and back exactly; its stored state survives a restart', async () => {
    const query = 'Зеленський 🇺🇦 — Trump, Putin, Vance, Kyiv, Zelensky';
    const first = await fake.chatInput('search', { query }).visible();
    const next = buttonOf(first.message, 'Next');
    expect(next?.custom_id).toMatch(/^se\|1\|@=/); // too long for a custom_id: stored
    const second = await fake.button(next?.custom_id ?? '', first.message ?? undefined).visible();
    expect(embedText(second.message)).toContain('page 2 of');
    expect(embedText(second.message)).toContain(JSON.stringify(query).slice(1, -1));
    const prev = buttonOf(second.message, 'Previous');
    const back = await fake.button(prev?.custom_id ?? '', second.message ?? undefined).visible();
    expect(embedText(back.message)).toBe(embedText(first.message));
    storedButton = next?.custom_id;
  });

  it('answers bad options with an ephemeral message saying what to type', async () => {
    const reply = await fake.chatInput('timeline', { from: 'last tuesday' }).visible();
    expect(reply.callback.type).toBe(4);
    expect(((reply.callback.data as { flags?: number }).flags ?? 0) & 64).toBe(64);
    expect(embedText(reply.message)).toContain('2025-02-14 or 2025-02');
  });

  it('never writes the token to its logs', () => {
    expect(bot.stdout()).not.toContain(TEST_TOKEN);
    expect(bot.stdout()).not.toContain(TEST_TOKEN.split('.')[2]);
  });

  it('keeps working after a restart without re-registering unchanged commands', async () => {
    const putsBefore = fake.requests.filter((r) => r.method === 'PUT').length;
    expect(await bot.stop('SIGTERM')).toBe(0);
    expect(bot.logs.some((l) => l.msg === 'stopped')).toBe(true);
    bot = spawnBot(env);
    await bot.waitForLog(isReady, 30_000);
    expect(bot.logs.some((l) => l.msg === 'slash commands unchanged; not re-registering')).toBe(true);
    expect(fake.requests.filter((r) => r.method === 'PUT').length).toBe(putsBefore);
    const reply = await fake.chatInput('about', {}).visible();
    expect(embedText(reply.message)).toContain('Dataset version');
    // A button from before the restart still pages: its state lives in the custom_id.
    const clicked = await fake.button('tl|2', undefined).visible();
    expect(embedText(clicked.message)).toContain('page 3 of');
    // A stored query (too long for its custom_id) is recovered from the store after the restart.
    const stored = await fake.button(storedButton ?? '', undefined).visible();
    expect(embedText(stored.message)).toContain('page 2 of');
  }, 60_000);
});
