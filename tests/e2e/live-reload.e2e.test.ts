import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BotProcess, botOnFakeDiscord } from '../support/bot-process.ts';
import type { FakeDiscord } from '../support/fake-discord.ts';
import { appendEvent, DATA_DIR } from '../support/fixtures.ts';

let fake: FakeDiscord;
let bot: BotProcess;
let dataDir: string;

const text = (m: unknown) => JSON.stringify(m);

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'briefbot-live-'));
  cpSync(DATA_DIR, dataDir, { recursive: true });
  ({ fake, bot } = await botOnFakeDiscord({ DATA_DIR: dataDir }));
}, 40_000);

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
});

async function about(): Promise<string> {
  return text((await fake.chatInput('about', {}).visible()).message);
}

describe('reloading data/ without a restart', () => {
  it('swaps in a valid edit and serves the new event', async () => {
    const before = await about();
    appendEvent(dataDir, {
      id: 'curated-follow-up-call',
      kind: 'call',
      title: 'A follow-up call curated while the bot runs',
      summary: 'A test event added to the dataset while the bot is running, to prove live reload.',
      date: { value: '2025-08-18', precision: 'day', basis: 'test fixture' },
      actors: [{ actor: 'donald-trump', role: 'participant' }],
      topics: ['peace-negotiations'],
      citations: [{ source: 'white-house-zelensky-trump-europeans', paragraph: 2 }],
      related: [],
    });
    const swapped = await bot.waitForLog(
      (l) => typeof l.msg === 'string' && l.msg.startsWith('dataset reloaded'),
      10_000,
    );
    expect(swapped).toBeTruthy();
    const after = await about();
    expect(after).not.toEqual(before);
    expect(after).toContain('22 events'); // 21 curated (audit 2026-11 added one) + this one
    const event = await fake.chatInput('event', { event: 'curated-follow-up-call' }).visible();
    expect(text(event.message)).toContain('A follow-up call curated while the bot runs');
  });

  it('keeps serving the old dataset when an edit is broken, and logs every problem', async () => {
    const before = await about();
    const file = path.join(dataDir, 'quotes.json');
    const quotes = JSON.parse(readFileSync(file, 'utf8'));
    quotes.quotes[0].speaker = 'nobody-at-all';
    quotes.quotes[1].event = 'no-such-event';
    writeFileSync(file, JSON.stringify(quotes, null, 2));
    await bot.waitForLog((l) => typeof l.msg === 'string' && l.msg.includes('quotes[1].event'), 10_000);
    const problems = bot.logs.filter(
      (l) => typeof l.msg === 'string' && /quotes\.json: quotes\[\d\]/.test(l.msg),
    );
    console.log(`[fault] broken edit to data/quotes.json: problems logged=${problems.length}`);
    expect(problems.length).toBeGreaterThanOrEqual(2);
    const version = (t: string) => /Dataset version","value":"([0-9a-f]+)/.exec(t)?.[1];
    expect(version(await about())).toBe(version(before));
    expect(version(before)).toBeTruthy();
    const reply = await fake.chatInput('quote', { speaker: 'Vance' }).visible();
    expect(text(reply.message)).toContain('economic tools of leverage');
  });
});
