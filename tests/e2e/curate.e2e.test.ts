/**
 * /curate through the real discord.js client on the loopback fake Discord, with a loopback web server
 * serving the article: submit by URL, by attachment and by a pasted form; review in a thread (accept,
 * reject, edit, choose a speaker); refused publishes that write nothing; a restart mid-review; publish;
 * the new entries served by /quote, /timeline and /event and counted as new in the next scheduled post.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CURATE_IDS } from '../../src/render/curate-ids.ts';
import { type BotProcess, isReady, spawnBot, TEST_TOKEN } from '../support/bot-process.ts';
import {
  asCurator,
  asMember,
  asOtherCurator,
  BRIEFING_CHANNEL,
  CURATION_CHANNEL,
  CURATOR_ROLE,
  curationGuild,
  finalReply,
  GENERAL_CHANNEL,
  type ReviewOnDiscord,
  reviewIn,
  text,
} from '../support/curation.ts';
import { type FakeDiscord, startFakeDiscord } from '../support/fake-discord.ts';
import { DATA_DIR, REPO } from '../support/fixtures.ts';
import { tempStoreUrl } from '../support/stores.ts';
import { sleep, waitFor } from '../support/time.ts';
import { startWebServer, type WebServer } from '../support/web-server.ts';

let fake: FakeDiscord;
let bot: BotProcess;
let web: WebServer;
let dataDir: string;
let env: Record<string, string | undefined>;
let review: ReviewOnDiscord;

const ARTICLE = readFileSync(path.join(REPO, 'tests/fixtures/curation/geneva-talks.html'), 'utf8');
const dataFiles = () =>
  ['sources', 'actors', 'events', 'quotes'].map((n) => readFileSync(path.join(dataDir, `${n}.json`), 'utf8'));

beforeAll(async () => {
  web = await startWebServer();
  web.route('/world/geneva-talks', { body: ARTICLE });
  dataDir = mkdtempSync(path.join(tmpdir(), 'briefbot-curate-'));
  cpSync(DATA_DIR, dataDir, { recursive: true });
  fake = await startFakeDiscord({ guilds: [curationGuild] });
  env = {
    DISCORD_TOKEN: TEST_TOKEN,
    DISCORD_API_URL: fake.apiUrl,
    DISCORD_GUILD_ID: curationGuild.id,
    STORE_URL: tempStoreUrl(),
    DATA_DIR: dataDir,
    CURATE_ALLOW_HOSTS: '127.0.0.1',
    CURATOR_ROLE_ID: CURATOR_ROLE,
    CURATION_CHANNEL_ID: CURATION_CHANNEL,
    BRIEFING_CHANNEL_ID: BRIEFING_CHANNEL,
    BRIEFING_CRON: '*/2 * * * * *',
  };
  bot = spawnBot(env);
  await bot.waitForLog(isReady, 30_000);
}, 60_000);

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
  await web?.close();
});

const click = (customId: string, messageId: string, who = asCurator()) =>
  fake.button(customId, messageId, { channelId: review.threadId, ...who });

describe('/curate in Discord', () => {
  it('refuses a member without the curator role or Manage Server', async () => {
    const reply = await fake.chatInput('curate', {}, { subcommand: 'queue', ...asMember() }).visible();
    expect(((reply.callback.data as { flags?: number }).flags ?? 0) & 64).toBe(64);
    expect(text(reply.message)).toMatch(/Curators only/);
    expect(text(reply.message)).toMatch(/curator role/);
  });

  it('submits an article by URL: progress, then a review in a thread of the curation channel', async () => {
    const started = performance.now();
    const handle = fake.chatInput(
      'curate',
      { url: web.url('/world/geneva-talks') },
      { subcommand: 'article', channelId: GENERAL_CHANNEL, ...asCurator() },
    );
    const reply = await finalReply(fake, handle, /Posted for review/);
    console.log(`[curate] /curate article url: → review posted in ${Math.round(performance.now() - started)} ms`);
    expect(handle.record.originalEdits).toBeGreaterThanOrEqual(2); // progress, then the result
    review = reviewIn(fake, CURATION_CHANNEL);
    expect(review.threadId).not.toBe('');
    expect(text(reply)).toContain(review.draftId);
    const summary = text(review.summary());
    expect(summary).toContain('Geneva talks end with a shorter draft');
    expect(summary).toContain('2025-11-24');
    expect(summary).toMatch(/JSON-LD datePublished/);
    expect(summary).toMatch(/Check first/);
    expect(review.pages().length).toBeGreaterThanOrEqual(2);
    expect(review.keys(/^q\d+ · Quote/).length).toBeGreaterThanOrEqual(2);
    expect(fake.violations).toEqual([]);
    expect(fake.unsafeMentionBodies()).toEqual([]);
  }, 60_000);
});
