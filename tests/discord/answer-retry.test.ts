/**
 * Issue 17 item 3: an interaction answer that meets a connection Discord has already closed is sent
 * again once, on a fresh connection, while Discord still takes it. The real discord.js client and
 * the router, in process, against the loopback fake Discord, which drops connections on request.
 */
import { type Client, Events } from 'discord.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { answerer, isConnectionFailure } from '../../src/discord/answer.ts';
import { createDiscordClient } from '../../src/discord/client.ts';
import { type Command, UserError } from '../../src/discord/command.ts';
import { createRouter } from '../../src/discord/router.ts';
import { silentLogger } from '../../src/logger.ts';
import type { MessagePayload } from '../../src/render/message.ts';
import { TEST_TOKEN } from '../support/bot-process.ts';
import type { RequestRecord } from '../support/fake-discord/types.ts';
import { type FakeDiscord, startFakeDiscord } from '../support/fake-discord.ts';
import { fakeContext, realBook } from '../support/fixtures.ts';
import { recordingLogger } from '../support/logger.ts';
import { sleep } from '../support/time.ts';

const say = (content: string): MessagePayload => ({ content, allowed_mentions: { parse: [] } });
const commands: Command[] = [
  { data: { name: 'fast', description: 'answers at once' }, execute: () => say('fast answer') },
  {
    data: { name: 'slow', description: 'answers after the deferral' },
    execute: () => sleep(250).then(() => say('slow answer')),
  },
  {
    data: { name: 'oops', description: 'heavy, then a private notice' },
    heavy: true,
    execute: () => {
      throw new UserError('option.notANumber', { option: 'x' });
    },
  },
];

const CALLBACK = /^\/interactions\/\d+\/[^/]+\/callback$/;
const ORIGINAL = /^\/webhooks\/\d+\/[^/]+\/messages\/@original$/;
const FOLLOW_UP = /^\/webhooks\/\d+\/[^/]+$/;

let fake: FakeDiscord;
let client: Client;
const logger = recordingLogger();

beforeAll(async () => {
  fake = await startFakeDiscord();
  const book = await realBook();
  // `slow` is deferred by the timer; `oops` is heavy on a heavy dataset, so it is deferred first.
  const router = createRouter({
    commands,
    context: () => fakeContext(book, { heavyWork: true }),
    logger,
    deferAfterMs: 100,
  });
  ({ client } = createDiscordClient({ apiUrl: fake.apiUrl, requestsPerSecond: 50, logger: silentLogger }));
  client.on(Events.InteractionCreate, (i) => void router.handle(i));
  const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
  await client.login(TEST_TOKEN);
  await ready;
}, 20_000);

afterAll(async () => {
  await client?.destroy();
  await fake?.close();
});

beforeEach(() => {
  logger.lines.length = 0;
});

function requestsTo(path: RegExp, since: number): RequestRecord[] {
  return fake.requests.filter((r) => r.seq > since && path.test(r.path));
}

const lastSeq = () => fake.requests.at(-1)?.seq ?? 0;
const gaveUp = () => logger.lines.filter((e) => e.msg === 'could not answer interaction');
const retried = () => logger.lines.filter((e) => String(e.msg).startsWith('interaction answer lost'));

describe('an answer lost with its connection is sent again on a fresh one', () => {
  it('a reply that never reached Discord: retried, shown once', async () => {
    const before = lastSeq();
    fake.failNext({ method: 'POST', path: CALLBACK }, [{ status: 0, dropConnection: 'unhandled' }]);
    const reply = await fake.chatInput('fast').visible();
    expect(reply.message?.content).toBe('fast answer');
    const attempts = requestsTo(CALLBACK, before);
    expect(attempts.map((r) => r.dropped ?? r.status)).toEqual(['unhandled', 204]);
    // The retry came on a connection no earlier request had used.
    const used = new Set(
      fake.requests.filter((r) => r.seq < (attempts[1]?.seq ?? 0)).map((r) => r.connection),
    );
    expect(used.has(attempts[1]?.connection)).toBe(false);
    expect(retried()).toHaveLength(1);
    expect(gaveUp()).toEqual([]);
  });

  it('a reply that landed but whose answer was lost: the retry meets 40060 and counts it as sent', async () => {
    const before = lastSeq();
    fake.failNext({ method: 'POST', path: CALLBACK }, [{ status: 0, dropConnection: 'handled' }]);
    const handle = fake.chatInput('fast');
    const reply = await handle.visible();
    expect(reply.message?.content).toBe('fast answer');
    await sleep(100);
    expect(requestsTo(CALLBACK, before).map((r) => r.dropped ?? r.status)).toEqual(['handled', 400]);
    expect(fake.messagesIn().filter((m) => m.interactionId === handle.id)).toHaveLength(1);
    expect(
      logger.lines.some((e) => e.msg === 'the first attempt of a retried interaction answer had landed'),
    ).toBe(true);
    expect(gaveUp()).toEqual([]);
  });

  it('a lost deferral and a lost edit of the deferred answer are both sent again', async () => {
    const before = lastSeq();
    fake.failNext({ method: 'POST', path: CALLBACK }, [{ status: 0, dropConnection: 'unhandled' }]);
    fake.failNext({ method: 'PATCH', path: ORIGINAL }, [{ status: 0, dropConnection: 'unhandled' }]);
    const reply = await fake.chatInput('slow').visible();
    expect(reply.message?.content).toBe('slow answer');
    expect(requestsTo(ORIGINAL, before).map((r) => r.dropped ?? r.status)).toEqual(['unhandled', 200]);
    expect(retried()).toHaveLength(2);
    expect(gaveUp()).toEqual([]);
  });

  it('a lost follow-up (the private notice after a public deferral) is sent again', async () => {
    const before = lastSeq();
    fake.failNext({ method: 'POST', path: FOLLOW_UP }, [{ status: 0, dropConnection: 'unhandled' }]);
    fake.failNext({ method: 'DELETE', path: ORIGINAL }, [{ status: 0, dropConnection: 'handled' }]);
    const handle = fake.chatInput('oops');
    await handle.callback;
    const deadline = Date.now() + 5000;
    while (
      requestsTo(FOLLOW_UP, before).filter((r) => r.status === 200).length === 0 &&
      Date.now() < deadline
    )
      await sleep(20);
    expect(requestsTo(FOLLOW_UP, before).map((r) => r.dropped ?? r.status)).toEqual(['unhandled', 200]);
    expect(requestsTo(ORIGINAL, before).map((r) => r.dropped ?? r.status)).toEqual(['handled', 404]);
    expect(gaveUp()).toEqual([]);
  });

  it('a reply refused with 5xx more times than discord.js retries: sent once more, shown once', async () => {
    const before = lastSeq();
    fake.failNext({ method: 'POST', path: CALLBACK }, [{ status: 500 }, { status: 502 }, { status: 500 }]);
    const handle = fake.chatInput('fast');
    const reply = await handle.visible();
    expect(reply.message?.content).toBe('fast answer');
    expect(requestsTo(CALLBACK, before).map((r) => r.dropped ?? r.status)).toEqual([500, 502, 500, 204]);
    expect(fake.messagesIn().filter((m) => m.interactionId === handle.id)).toHaveLength(1);
    expect(retried()).toHaveLength(1);
    expect(gaveUp()).toEqual([]);
  });

  it('keeps answering after Discord closed every idle keep-alive connection (sanity, not a race)', async () => {
    await fake.chatInput('fast').visible();
    fake.closeIdleConnections();
    const reply = await fake.chatInput('fast').visible();
    expect(reply.message?.content).toBe('fast answer');
    expect(gaveUp()).toEqual([]);
  });
});

describe('what is and is not retried', () => {
  it('retries connection failures only, and only within the window', async () => {
    const socket = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
    expect(isConnectionFailure(socket)).toBe(true);
    expect(isConnectionFailure(new TypeError('fetch failed', { cause: socket }))).toBe(true);
    expect(isConnectionFailure(new Error('Unknown interaction'))).toBe(false);

    const resent: unknown[] = [];
    const interaction = {
      id: '1',
      token: 't',
      applicationId: '2',
      reply: async () => {
        throw socket;
      },
    };
    let now = 0;
    const answer = answerer(interaction as never, {
      logger,
      receivedAt: 0,
      now: () => now,
      resend: async (_i, raw) => {
        resent.push(raw);
      },
    });
    now = 2_500;
    await answer.reply(say('x'));
    expect(resent).toHaveLength(1);
    expect(interaction).toMatchObject({ replied: true });
    now = 3_100; // Discord no longer takes a first response: nothing to retry.
    await expect(answer.reply(say('x'))).rejects.toBe(socket);
    expect(resent).toHaveLength(1);
  });
});
