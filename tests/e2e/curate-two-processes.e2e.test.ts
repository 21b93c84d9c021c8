/**
 * Two bot processes on one Redis and one data directory (a rolling deploy, or two shards on a host):
 * a review made through one is served by both, and Publish clicked on both at the same moment
 * publishes once. Redis is required in CI (CI=true fails instead of skipping).
 */
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CURATE_IDS } from '../../src/render/curate-ids.ts';
import { cleanupAfterTest, redisProblem } from '../faults/support.ts';
import { cleanRedis, REDIS_URL } from '../store/helpers.ts';
import { type BotProcess, isReady, spawnBot } from '../support/bot-process.ts';
import {
  asCurator,
  CURATION_CHANNEL,
  CURATOR_ROLE,
  curationGuild,
  finalReply,
  reviewIn,
  text,
} from '../support/curation.ts';
import { startFakeDiscord } from '../support/fake-discord.ts';
import { DATA_DIR, REPO } from '../support/fixtures.ts';
import { waitFor } from '../support/time.ts';
import { startWebServer } from '../support/web-server.ts';

function isolatedRedisUrl(): string {
  const url = new URL(REDIS_URL);
  url.pathname = '/12';
  return url.toString();
}

describe('curation on two processes sharing one Redis', () => {
  it('serves one review from both, and Publish clicked on both at once publishes exactly once', async (ctx) => {
    const problem = await redisProblem(REDIS_URL);
    if (problem) ctx.skip(`Redis at ${REDIS_URL} unreachable: ${problem}`);
    const redisUrl = isolatedRedisUrl();
    const cleanup = cleanupAfterTest();
    await cleanRedis(redisUrl, 'briefbot');
    cleanup.add(() => cleanRedis(redisUrl, 'briefbot'));
    const web = await startWebServer();
    cleanup.add(() => web.close());
    web.route('/world/geneva-talks', {
      body: readFileSync(path.join(REPO, 'tests/fixtures/curation/geneva-talks.html'), 'utf8'),
    });
    const fake = await startFakeDiscord({ guilds: [curationGuild] });
    cleanup.add(() => fake.close());
    const dataDir = mkdtempSync(path.join(tmpdir(), 'briefbot-curate-2p-'));
    cpSync(DATA_DIR, dataDir, { recursive: true });
    const env = {
      DISCORD_API_URL: fake.apiUrl,
      DISCORD_GUILD_ID: curationGuild.id,
      STORE_URL: redisUrl,
      DATA_DIR: dataDir,
      CURATE_ALLOW_HOSTS: '127.0.0.1',
      CURATOR_ROLE_ID: CURATOR_ROLE,
      CURATION_CHANNEL_ID: CURATION_CHANNEL,
    };
    const bots: BotProcess[] = [spawnBot(env), spawnBot(env)];
    cleanup.add(() => Promise.all(bots.map((b) => b.stop())));
    await Promise.all(bots.map((b) => b.waitForLog(isReady, 30_000)));
    await waitFor(
      'both processes connected',
      () => fake.shards().filter((s) => s.connected).length === 2,
      10_000,
    );

    // Submitted through one process…
    await finalReply(
      fake,
      fake.chatInput(
        'curate',
        { url: web.url('/world/geneva-talks') },
        { subcommand: 'article', via: 0, ...asCurator() },
      ),
      /Posted for review/,
    );
    const review = reviewIn(fake, CURATION_CHANNEL);
    const draft = review.draftId;
    // …reviewed through both, alternating.
    let via = 0;
    const click = (customId: string, messageId: string) =>
      fake
        .button(customId, messageId, { channelId: review.threadId, via: via++ % 2, ...asCurator() })
        .visible();
    const edit = async (key: string, values: Record<string, string>) => {
      const { messageId } = review.item(key);
      const opened = await click(CURATE_IDS.edit.make({ draft, item: key }), messageId);
      await fake
        .modalSubmit(opened.modal, values, {
          message: messageId,
          channelId: review.threadId,
          via: via++ % 2,
          ...asCurator(),
        })
        .visible();
    };
    const meeting = review.keys(/^e\d+ · Event \(meeting\)/)[0] ?? '';
    await edit('s', {
      summary:
        'Report on a Geneva round between Ukrainian and American negotiators over the draft peace plan, with comments from Rubio and Marchuk.',
    });
    await edit(meeting, {
      title: 'Ukrainian and American negotiators rework the peace plan in Geneva',
      summary:
        'Ukrainian and American negotiators rework a draft peace plan in Geneva and cut it from 28 points to 19.',
    });
    for (const key of review.keys(/^[seqa]\d* · /)) {
      const decision = key === 's' || key === meeting ? 'accepted' : 'rejected';
      await click(CURATE_IDS.decide.make({ draft, item: key, decision }), review.item(key).messageId);
    }
    await waitFor('every item decided', () => /0 pending/.test(text(review.summary())), 30_000);

    const sourcesBefore = JSON.parse(readFileSync(path.join(dataDir, 'sources.json'), 'utf8')).sources.length;
    const publish = (v: number) =>
      fake.button(CURATE_IDS.publish.make({ draft }), review.summaryId, {
        channelId: CURATION_CHANNEL,
        via: v,
        ...asCurator(),
      });
    const [a, b] = [publish(0), publish(1)];
    const replies = await Promise.all([
      finalReply(fake, a, /Published|Already publishing|refused/),
      finalReply(fake, b, /Published|Already publishing|refused/),
    ]);
    const sources = JSON.parse(readFileSync(path.join(dataDir, 'sources.json'), 'utf8')).sources as {
      curation?: { draft: string };
    }[];
    const published = bots.flatMap((bot) => bot.logs.filter((l) => l.msg === 'curation review published'));
    console.log(
      `[fault] Publish clicked on two processes at once: replies=${replies.map((r) => (/Published/.test(text(r)) ? 'published' : /Already publishing/.test(text(r)) ? 'busy' : 'refused')).join(',')} publishes=${published.length}`,
    );
    expect(published).toHaveLength(1);
    expect(sources.length).toBe(sourcesBefore + 1);
    expect(sources.filter((s) => s.curation?.draft === draft)).toHaveLength(1);
    expect(replies.every((r) => /Published|Already publishing/.test(text(r)))).toBe(true);
    expect(replies.some((r) => /Published/.test(text(r)))).toBe(true);

    // Both processes serve the new event (the other one reloads the files it did not write).
    for (const v of [0, 1]) {
      await waitFor(
        `process ${v} serving the new event`,
        async () =>
          /rework the peace plan in Geneva/.test(
            text((await fake.chatInput('timeline', { from: '2025-11' }, { via: v }).visible()).message),
          ),
        15_000,
        500,
      );
    }
    expect(fake.violations).toEqual([]);
  }, 120_000);
});
