/**
 * /follow end to end: the real bot process (discord.js) on the loopback fake Discord. A member
 * follows a topic, an event is curated into data/ while the bot runs, and exactly one DM digest
 * arrives; a member whose DMs are closed gets paused (one attempt, 50007) and is told once, on
 * their next command.
 */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BotProcess, botOnFakeDiscord } from '../support/bot-process.ts';
import type { FakeDiscord } from '../support/fake-discord.ts';
import { appendEvent, DATA_DIR } from '../support/fixtures.ts';
import { sleep, waitFor } from '../support/time.ts';

let fake: FakeDiscord;
let bot: BotProcess;
let dataDir: string;

const READER = '310000000000000001';
const CLOSED = '310000000000000002';
const text = (m: unknown) => JSON.stringify(m);

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'briefbot-follow-'));
  cpSync(DATA_DIR, dataDir, { recursive: true });
  ({ fake, bot } = await botOnFakeDiscord({ DATA_DIR: dataDir }));
}, 40_000);

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
});

describe('/follow: DM digests through the real client', () => {
  it('one digest for a new event, in the member language; a closed DM pauses and is told once', async () => {
    const follow = (userId: string, locale: string) =>
      fake
        .chatInput(
          'follow',
          { topic: 'peace-negotiations', frequency: 'instant' },
          { subcommand: 'topic', userId, locale },
        )
        .visible();
    const readerReply = await follow(READER, 'uk');
    expect(readerReply.message?.flags ?? 0).toBe(64);
    expect(text(readerReply.message)).toContain('Стежите за');
    fake.setDmsClosed(CLOSED);
    await follow(CLOSED, 'en-US');
    const list = await fake
      .chatInput('follow', {}, { subcommand: 'list', userId: READER, locale: 'en-US' })
      .visible();
    expect(text(list.message)).toContain('You follow 1 thing');

    appendEvent(dataDir, {
      id: 'followed-new-call',
      kind: 'call',
      title: 'A call curated while members follow the topic',
      summary: 'A test event added while the bot runs, to prove that followers get one digest of it.',
      date: { value: '2025-08-18', precision: 'day', basis: 'test fixture' },
      actors: [{ actor: 'donald-trump', role: 'participant' }],
      topics: ['peace-negotiations'],
      citations: [{ source: 'white-house-zelensky-trump-europeans', paragraph: 2 }],
      related: [],
    });
    await bot.waitForLog((l) => typeof l.msg === 'string' && l.msg.startsWith('dataset reloaded'), 10_000);

    await waitFor('the digest DM', () => fake.dmsTo(READER).length > 0, 20_000);
    const digest = fake.dmsTo(READER)[0]?.message;
    expect(text(digest)).toContain('followed-new-call');
    expect(text(digest)).toMatch(/\[S\d+ ¶2\]/);
    expect(text(digest)).toContain('Нове з того'); // Ukrainian, as the member's client was at /follow
    expect(digest?.embeds).toHaveLength(1);

    await waitFor(
      'the closed DM to pause the member',
      () => bot.logs.some((l) => typeof l.msg === 'string' && l.msg.startsWith('follow digests paused')),
      20_000,
    );
    await sleep(7_000); // more passes: still one digest, and one attempt at the closed DM
    expect(fake.dmsTo(READER)).toHaveLength(1);
    expect(fake.dmsTo(CLOSED)).toHaveLength(0);
    const dmPosts = fake.requestsTo(/\/channels\/\d+\/messages$/).filter((r) => r.method === 'POST');
    const closedChannel = fake.dmChannels.get(CLOSED)?.id;
    expect(dmPosts.filter((r) => r.path.includes(`/channels/${closedChannel}/`))).toHaveLength(1);

    const next = fake.chatInput('about', {}, { userId: CLOSED, locale: 'en-US' });
    await next.visible();
    await waitFor('the pause notice', () => next.record.followUpIds.length > 0, 10_000);
    const notice = fake.message(next.record.followUpIds[0] ?? '')?.message;
    expect(text(notice)).toContain('paused');
    expect(notice?.flags ?? 0).toBe(64);
    const after = fake.chatInput('about', {}, { userId: CLOSED, locale: 'en-US' });
    await after.visible();
    await sleep(1_000);
    expect(after.record.followUpIds).toHaveLength(0);
  }, 90_000);
});
