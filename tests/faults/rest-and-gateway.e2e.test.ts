import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BotProcess, botOnFakeDiscord } from '../support/bot-process.ts';
import type { FakeDiscord } from '../support/fake-discord.ts';

/** Fault injection on the loopback fake Discord: each test prints what it injected and what it counted. */
let fake: FakeDiscord;
let bot: BotProcess;

beforeAll(async () => {
  ({ fake, bot } = await botOnFakeDiscord());
}, 40_000);

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
});

const report = (what: string, counts: Record<string, number>) =>
  console.log(
    `[fault] ${what}: ${Object.entries(counts)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}`,
  );

function acceptedCallbacks(id: string): number {
  return fake.requests.filter((r) => r.path.includes(`/interactions/${id}/`) && r.status < 300).length;
}

describe('REST faults', () => {
  it('delivers every reply through REST 500s, exactly once', async () => {
    const rule = fake.failNext({ method: 'POST', path: /\/interactions\/\d+\/[^/]+\/callback/ }, [
      { status: 500 },
      { status: 502 },
      { status: 500 },
    ]);
    const handles = Array.from({ length: 5 }, () => fake.chatInput('about', {}));
    const replies = await Promise.all(handles.map((h) => h.visible(8000)));
    const duplicates = handles.reduce((n, h) => n + Math.max(0, acceptedCallbacks(h.id) - 1), 0);
    report('REST 500s on interaction callbacks', {
      injected: rule.hits,
      interactions: 5,
      delivered: replies.length,
      duplicates,
    });
    expect(replies.every((r) => r.message)).toBe(true);
    expect(duplicates).toBe(0);
  });

  for (const global of [false, true]) {
    it(`delivers through a ${global ? 'global' : 'per-route'} 429 storm within the invalid-request budget`, async () => {
      const invalidBefore = fake.stats.invalidRequests;
      const rule = fake.failNext(
        { method: 'POST', path: /\/interactions\/\d+\/[^/]+\/callback/ },
        Array.from({ length: 4 }, () => ({ status: 429, retryAfterMs: 60, global })),
      );
      const handles = Array.from({ length: 6 }, (_, i) =>
        fake.chatInput(i % 2 ? 'briefing' : 'search', i % 2 ? {} : { query: 'guarantees' }),
      );
      const replies = await Promise.all(handles.map((h) => h.visible(10_000)));
      const invalid = fake.stats.invalidRequests - invalidBefore;
      const duplicates = handles.reduce((n, h) => n + Math.max(0, acceptedCallbacks(h.id) - 1), 0);
      report(`${global ? 'global' : 'per-route'} 429 storm on interaction callbacks`, {
        injected: rule.hits,
        interactions: handles.length,
        delivered: replies.filter((r) => r.message).length,
        duplicates,
        invalidRequests: invalid,
      });
      expect(rule.hits).toBe(4);
      expect(replies.every((r) => r.message)).toBe(true);
      expect(duplicates).toBe(0);
      // Only the injected 429s count as invalid: the bot adds none of its own.
      expect(invalid).toBe(rule.hits);
    });
  }
});

describe('gateway drops', () => {
  for (const code of [1006, 4000, 4009]) {
    it(`comes back after close code ${code} and answers`, async () => {
      const identifies = fake.stats.identifies;
      const resumes = fake.stats.resumes;
      fake.dropGateway(code);
      let answered = false;
      const started = Date.now();
      while (!answered && Date.now() - started < 20_000) {
        await new Promise((r) => setTimeout(r, 250));
        try {
          const reply = await fake.chatInput('about', {}).visible(3000);
          answered = !!reply.message;
        } catch {
          // no session owns the guild yet: the bot is reconnecting
        }
      }
      report(`gateway close ${code}`, {
        recoveredMs: Date.now() - started,
        resumes: fake.stats.resumes - resumes,
        identifies: fake.stats.identifies - identifies,
      });
      expect(answered).toBe(true);
      if (code === 4009) expect(fake.stats.identifies - identifies).toBeGreaterThanOrEqual(1);
      else
        expect(fake.stats.resumes - resumes + fake.stats.identifies - identifies).toBeGreaterThanOrEqual(1);
    }, 30_000);
  }
});
