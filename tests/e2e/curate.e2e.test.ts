/**
 * /curate through the real discord.js client on the loopback fake Discord, with a loopback web server
 * serving the article: submit by URL, by attachment and by a pasted form; review in a thread (accept,
 * reject, edit, choose a speaker); refused publishes that write nothing; a restart mid-review; publish;
 * the new entries served by /quote, /timeline and /event and counted as new in the next scheduled post.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDay } from '../../src/i18n/format.ts';
import { translatorFor } from '../../src/i18n/languages.ts';
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
    CURATE_FEED_MINUTES: '0.05',
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
    console.log(
      `[curate] /curate article url: → review posted in ${Math.round(performance.now() - started)} ms`,
    );
    expect(handle.record.originalEdits).toBeGreaterThanOrEqual(2); // progress, then the result
    review = reviewIn(fake, CURATION_CHANNEL);
    expect(review.threadId).not.toBe('');
    expect(text(reply)).toContain(review.draftId);
    const summary = text(review.summary());
    expect(summary).toContain('Geneva talks end with a shorter draft');
    expect(summary).toContain('24 Nov 2025');
    expect(summary).toMatch(/JSON-LD datePublished/);
    expect(summary).toMatch(/Check first/);
    expect(review.pages().length).toBeGreaterThanOrEqual(2);
    expect(review.keys(/^q\d+ · Quote/).length).toBeGreaterThanOrEqual(2);
    expect(fake.violations).toEqual([]);
    expect(fake.unsafeMentionBodies()).toEqual([]);
  }, 60_000);

  it('refuses a click on the review by a member without the role', async () => {
    const key = review.keys(/^e\d+ · Event \(meeting\)/)[0] ?? 'e1';
    const { messageId } = review.item(key);
    const reply = await click(
      CURATE_IDS.decide.make({ draft: review.draftId, item: key, decision: 'accepted' }),
      messageId,
      asMember(),
    ).visible();
    expect(text(reply.message)).toMatch(/Curators only/);
    expect(text(review.item(key).embed)).toMatch(/⏳ pending/);
  });

  it('refuses to publish while items are undecided or unwritten, and writes nothing', async () => {
    const before = dataFiles();
    const handle = click(
      CURATE_IDS.publish.make({ draft: review.draftId }),
      review.summaryId,
      asCurator({ channelId: CURATION_CHANNEL }),
    );
    const reply = await finalReply(fake, handle, /Publish refused/);
    expect(text(reply)).toMatch(/not decided yet/);
    expect(dataFiles()).toEqual(before);
    await waitFor(
      'the problems in the thread',
      () => /Publish refused/.test(text(fake.messagesIn(review.threadId).map((m) => m.message))),
      10_000,
    );
    expect(text(review.summary())).toMatch(/Publish refused \(\d+ problems\)/);
  });

  it('takes decisions and edits (forms, a speaker choice) from two curators, each recorded', async () => {
    const draft = review.draftId;
    const meeting = review.keys(/^e\d+ · Event \(meeting\)/)[0] ?? '';
    const otherEvents = review.keys(/^e\d+ · Event/).filter((k) => k !== meeting);
    const sovereignty =
      review.keys(/^q\d+ · Quote/).find((k) => /sovereignty/.test(text(review.item(k).embed))) ?? '';
    const productive =
      review.keys(/^q\d+ · Quote/).find((k) => /most productive/.test(text(review.item(k).embed))) ?? '';
    const rest = review.keys(/^q\d+ · Quote/).filter((k) => k !== sovereignty && k !== productive);
    const actor = review.keys(/^a\d+ · New actor: Olena Marchuk/)[0] ?? '';
    expect([meeting, sovereignty, productive, actor].every(Boolean)).toBe(true);

    const decide = async (key: string, decision: 'accepted' | 'rejected', who = asCurator()) => {
      const { messageId } = review.item(key);
      const reply = await click(
        CURATE_IDS.decide.make({ draft, item: key, decision }),
        messageId,
        who,
      ).visible();
      expect(reply.callback.type).toBe(7); // the page itself is updated
    };
    const edit = async (key: string, values: Record<string, string>, who = asCurator()) => {
      const { messageId } = review.item(key);
      const opened = await click(CURATE_IDS.edit.make({ draft, item: key }), messageId, who).visible();
      expect(opened.callback.type).toBe(9);
      const submitted = await fake
        .modalSubmit(opened.modal, values, { message: messageId, channelId: review.threadId, ...who })
        .visible();
      expect(submitted.callback.type).toBe(7);
      return submitted;
    };

    // The quote's own text is not in its form: it stays verbatim.
    const quoteForm = await click(
      CURATE_IDS.edit.make({ draft, item: sovereignty }),
      review.item(sovereignty).messageId,
    ).visible();
    expect(text(quoteForm.modal)).not.toContain('We came to protect');
    expect(text(quoteForm.modal)).not.toContain('"custom_id":"text"');

    await edit('s', {
      summary:
        'Report on a Geneva round between Ukrainian and American negotiators over the draft peace plan, with comments from Rubio and Marchuk and the Kremlin reaction.',
    });
    await decide('s', 'accepted');
    await edit(meeting, {
      title: 'Ukrainian and American negotiators rework the peace plan in Geneva',
      summary:
        'Ukrainian and American negotiators rework a draft peace plan in Geneva and cut it from 28 points to 19.',
    });
    await decide(meeting, 'accepted', asOtherCurator());
    for (const k of otherEvents) await decide(k, 'rejected', asOtherCurator());
    await edit(sovereignty, {
      event: meeting,
      context: 'Olena Marchuk, who led the Ukrainian delegation, on the new draft after the meeting.',
    });
    await decide(sovereignty, 'accepted');
    await edit(productive, {
      context: 'Rubio, the US secretary of state, to reporters outside the mission about the talks.',
    });
    await decide(productive, 'accepted', asOtherCurator());
    for (const k of rest) await decide(k, 'rejected');
    await edit(actor, {
      description: 'Deputy foreign minister of Ukraine; led its delegation at the Geneva round.',
    });
    await decide(actor, 'accepted');

    // The speaker select: the ingest's candidates, private to the curator who asked.
    const speakers = await click(
      CURATE_IDS.speakers.make({ draft, item: productive }),
      review.item(productive).messageId,
    ).visible();
    expect(((speakers.callback.data as { flags?: number }).flags ?? 0) & 64).toBe(64);
    expect(text(speakers.message)).toContain('marco-rubio');
    const row = speakers.message?.components?.[0] as { components: { custom_id: string }[] } | undefined;
    const select = row?.components[0]?.custom_id ?? '';
    const picked = await fake
      .stringSelect(select, ['marco-rubio'], speakers.message?.id, {
        channelId: review.threadId,
        ...asCurator(),
      })
      .visible();
    expect(text(picked.message)).toMatch(/Speaker set to `marco-rubio`/);

    await waitFor('every decision on the pages', () => !/⏳ pending/.test(text(review.pages())), 10_000);
    const meetingEmbed = text(review.item(meeting).embed);
    expect(meetingEmbed).toMatch(/accepted by curator\\\\-omar · edited by curator\\\\-cleo/);
    // The summary message is edited after each page, so it may lag the last click briefly.
    await waitFor(
      'the summary to count every decision',
      () => /0 pending/.test(text(review.summary())),
      10_000,
    );
  }, 60_000);

  it('loses nothing across a restart mid-review: old buttons keep working', async () => {
    const before = text(review.pages());
    expect(await bot.stop('SIGKILL')).toBe(null);
    bot = spawnBot(env);
    await bot.waitForLog(isReady, 30_000);
    const refreshed = await click(
      CURATE_IDS.refresh.make({ draft: review.draftId }),
      review.summaryId,
      asCurator({ channelId: CURATION_CHANNEL }),
    ).visible();
    expect(text(refreshed.message)).toMatch(/0 pending/);
    await sleep(500);
    const after = text(review.pages());
    expect(after.match(/✅ accepted/g)?.length).toBe(before.match(/✅ accepted/g)?.length);
    expect(after.match(/❌ rejected/g)?.length).toBe(before.match(/❌ rejected/g)?.length);
  }, 60_000);

  it('refuses a summary copied from the article, names it on the item, and writes nothing', async () => {
    const meeting = review.keys(/^e\d+ · Event \(meeting\)/)[0] ?? '';
    const { messageId } = review.item(meeting);
    const opened = await click(
      CURATE_IDS.edit.make({ draft: review.draftId, item: meeting }),
      messageId,
    ).visible();
    await fake
      .modalSubmit(
        opened.modal,
        {
          summary:
            'Ukrainian and American negotiators met in Geneva on Sunday to rework a draft peace plan, and both sides said afterwards that the text had been cut.',
        },
        { message: messageId, channelId: review.threadId, ...asCurator() },
      )
      .visible();
    const before = dataFiles();
    const handle = click(
      CURATE_IDS.publish.make({ draft: review.draftId }),
      review.summaryId,
      asCurator({ channelId: CURATION_CHANNEL }),
    );
    const reply = await finalReply(fake, handle, /Publish refused/);
    expect(text(reply)).toContain(meeting);
    expect(text(reply)).toMatch(/consecutive words/);
    expect(dataFiles()).toEqual(before);
    expect(existsSync(path.join(dataDir, 'sources'))).toBe(false);
    // Put our own words back.
    const again = await click(
      CURATE_IDS.edit.make({ draft: review.draftId, item: meeting }),
      messageId,
    ).visible();
    await fake
      .modalSubmit(
        again.modal,
        {
          summary:
            'Ukrainian and American negotiators rework a draft peace plan in Geneva and cut it from 28 points to 19.',
        },
        { message: messageId, channelId: review.threadId, ...asCurator() },
      )
      .visible();
  }, 60_000);

  it('publishes: files written atomically, text stored, the bot serves the new entries at once', async () => {
    const posts = () => fake.messagesIn(BRIEFING_CHANNEL).filter((m) => m.source === 'channel');
    await waitFor('a first scheduled post', () => posts().length > 0, 15_000);
    const started = performance.now();
    const handle = click(
      CURATE_IDS.publish.make({ draft: review.draftId }),
      review.summaryId,
      asCurator({ channelId: CURATION_CHANNEL }),
    );
    const reply = await finalReply(fake, handle, /Published|Publish refused/);
    expect(text(reply)).toMatch(/Added 1 event, 2 quotes and 1 actor as source S3/);
    // Served: the reply comes after the reload, so the next command already sees the new entries.
    const quote = await fake.chatInput('quote', { text: 'sovereignty' }).visible();
    console.log(`[curate] Publish → new entries served in ${Math.round(performance.now() - started)} ms`);
    expect(text(quote.message)).toContain('We came to protect our sovereignty');
    const timeline = await fake.chatInput('timeline', { from: '2025-11' }).visible();
    expect(text(timeline.message)).toContain(
      'Ukrainian and American negotiators rework the peace plan in Geneva',
    );
    const sources = JSON.parse(readFileSync(path.join(dataDir, 'sources.json'), 'utf8')).sources as {
      id: string;
      curation?: { publishedBy: { name: string }; rejected: unknown[] };
    }[];
    const added = sources.at(-1);
    expect(added?.curation?.publishedBy.name).toBe('curator-cleo');
    expect(added?.curation?.rejected.length).toBeGreaterThanOrEqual(3);
    expect(readFileSync(path.join(dataDir, 'sources', `${added?.id}.txt`), 'utf8')).toMatch(
      /^Ukrainian and American negotiators met in Geneva/,
    );
    expect(readdirSync(dataDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const events = JSON.parse(readFileSync(path.join(dataDir, 'events.json'), 'utf8')).events as {
      id: string;
      title: string;
    }[];
    const event = events.find((e) => e.title.startsWith('Ukrainian and American negotiators'));
    const shown = await fake.chatInput('event', { event: event?.id ?? '' }).visible();
    expect(text(shown.message)).toMatch(/Reviewed by curator/);
    // The next scheduled post counts it as new.
    const count = posts().length;
    await waitFor('the next scheduled post', () => posts().length > count, 10_000);
    const latest = text(posts().at(-1)?.message);
    expect(latest).toContain('Ukrainian and American negotiators rework the peace plan in Geneva');
    expect(latest).toMatch(/[Nn]ew since/);
    await waitFor(
      'the publish note in the thread',
      () => /Published as S3/.test(text(fake.messagesIn(review.threadId).map((m) => m.message))),
      10_000,
    );
    expect(fake.violations).toEqual([]);
    expect(fake.unsafeMentionBodies()).toEqual([]);
  }, 60_000);

  it('answers Publish on a published review without publishing twice', async () => {
    const before = dataFiles();
    const reply = await finalReply(
      fake,
      click(
        CURATE_IDS.publish.make({ draft: review.draftId }),
        review.summaryId,
        asCurator({ channelId: CURATION_CHANNEL }),
      ),
      /Published|closed/,
    );
    expect(text(reply)).toMatch(/Published|closed/);
    expect(dataFiles()).toEqual(before);
  });

  it('submits an attachment (.md served by a loopback server) and lists it in the queue', async () => {
    const markdown = [
      '# Envoys agree to meet again in Geneva',
      '',
      'Envoys from Ukraine and the United States agreed on Tuesday to hold another round of talks in Geneva next week, officials from both delegations said.',
      '',
      '“We expect a shorter text and clearer guarantees,” Olena Marchuk said after the call with Marco Rubio, adding that security guarantees remain the hardest question.',
      '',
      'Russia has not said whether it will send a delegation, and the Kremlin declined to comment on the schedule.',
    ].join('\n');
    web.route('/uploads/envoys.md', {
      headers: { 'content-type': 'text/markdown; charset=utf-8' },
      body: markdown,
    });
    const file = fake.attachment({
      filename: 'envoys.md',
      url: web.url('/uploads/envoys.md'),
      size: Buffer.byteLength(markdown),
    });
    const handle = fake.chatInput(
      'curate',
      { file: file.id, published: '2025-11-26' },
      { subcommand: 'article', resolved: file.resolved, ...asCurator() },
    );
    const reply = await finalReply(fake, handle, /Posted for review|refused|Sorry/);
    expect(text(reply)).toMatch(/Posted for review/);
    const attached = reviewIn(fake, CURATION_CHANNEL);
    expect(text(attached.summary())).toMatch(/file `envoys.md`/);
    expect(text(attached.summary())).toMatch(/given by the curator/);
    const queue = await fake.chatInput('curate', {}, { subcommand: 'queue', ...asCurator() }).visible();
    expect(text(queue.message)).toContain(attached.draftId);
    expect(text(queue.message)).not.toContain(review.draftId); // published: no longer open
  }, 60_000);

  it('submits pasted text through a form, and discards a review', async () => {
    const opened = await fake
      .chatInput('curate', { publisher: 'Harbour Radio' }, { subcommand: 'article', ...asCurator() })
      .visible();
    expect(opened.callback.type).toBe(9);
    expect(text(opened.modal)).toContain('Harbour Radio');
    const paragraphs = [
      'Ukrainian and European officials met in Berlin on Wednesday to compare notes on the Geneva draft and on security guarantees for Ukraine after any ceasefire.',
      '“Europe must be at the table when guarantees are written,” said Emmanuel Macron in a video message to the meeting, according to two people present.',
      'Officials said a further meeting would follow once Washington shares the revised text with Kyiv and its European partners.',
    ];
    const submitted = fake.modalSubmit(
      opened.modal,
      { text: paragraphs.join('\n'), published: '2025-11-27' },
      asCurator(),
    );
    const reply = await finalReply(fake, submitted, /Posted for review|refused/);
    expect(text(reply)).toMatch(/Posted for review/);
    const pasted = reviewIn(fake, CURATION_CHANNEL);
    expect(text(pasted.summary())).toMatch(/text pasted in Discord/);
    expect(text(pasted.item('s').embed)).toContain('Harbour Radio');
    const discarded = await fake
      .chatInput('curate', { draft: pasted.draftId }, { subcommand: 'discard', ...asCurator() })
      .visible();
    expect(text(discarded.message)).toMatch(/Discarded/);
    await waitFor('the summary to say so', () => /Discarded by/.test(text(pasted.summary())), 10_000);
  }, 60_000);

  it('refuses a private address with a clear private answer', async () => {
    const reply = await finalReply(
      fake,
      fake.chatInput(
        'curate',
        { url: 'http://169.254.169.254/latest/meta-data/' },
        { subcommand: 'article', ...asCurator() },
      ),
      /Address refused/,
    );
    expect(text(reply)).toMatch(/cloud metadata/);
    expect((reply.flags ?? 0) & 64).toBe(64);
  });

  it('follows a feed: new items on the subject become reviews once, others are skipped and counted', async () => {
    const items: string[] = [
      `<item><title>Old item</title><link>${web.url('/world/old')}</link><guid>old-1</guid><pubDate>Sat, 22 Nov 2025 09:00:00 GMT</pubDate></item>`,
    ];
    let polls = 0;
    web.route('/feeds/europe.xml', (req, res) => {
      polls++;
      const body = `<?xml version="1.0"?><rss version="2.0"><channel><title>Lakeside Courier: Europe</title>${[...items].reverse().join('')}</channel></rss>`;
      const etag = `"v${items.length}"`;
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag });
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag });
      res.end(body);
    });
    web.route('/world/festival', {
      body: `<html><body><article>${'<p>The harbour festival opened on Saturday with boats, music and a fish market along the quay, organisers said.</p>'.repeat(6)}</article></body></html>`,
    });
    web.route('/world/rome-talks', {
      body: ARTICLE.replaceAll('Geneva', 'Rome').replace(
        '2025-11-24T08:30:00+01:00',
        '2025-11-30T08:30:00+01:00',
      ),
    });
    const added = await fake
      .chatInput(
        'curate',
        { url: web.url('/feeds/europe.xml'), channel: CURATION_CHANNEL },
        { subcommand: 'feed add', ...asCurator() },
      )
      .visible();
    expect(text(added.message)).toMatch(/Feed added/);
    expect(text(added.message)).toMatch(/1 item already in the feed was marked as seen/);
    const reviews = () =>
      fake.messagesIn(CURATION_CHANNEL).filter((m) => /Review: /.test(text(m.message.embeds)));
    const before = reviews().length;
    items.push(
      `<item><title>Harbour festival</title><link>${web.url('/world/festival')}</link><guid>fest-1</guid><pubDate>Sun, 30 Nov 2025 09:00:00 GMT</pubDate></item>`,
      `<item><title>Rome round</title><link>${web.url('/world/rome-talks')}?utm_source=rss</link><guid>rome-1</guid><pubDate>Sun, 30 Nov 2025 09:00:00 GMT</pubDate></item>`,
    );
    await waitFor('a review of the new feed item', () => reviews().length > before, 20_000, 200);
    const fromFeed = reviewIn(fake, CURATION_CHANNEL);
    expect(text(fromFeed.summary())).toMatch(/feed item <http:\/\/127\.0\.0\.1:\d+\/world\/rome-talks/);
    expect(text(fromFeed.summary())).toContain('Rome talks end with a shorter draft');
    // Later polls (and a poll after a restart) never draft the same item again.
    const seenPolls = polls;
    await waitFor('two more polls', () => polls >= seenPolls + 2, 15_000, 200);
    expect(reviews().length).toBe(before + 1);
    const list = await fake.chatInput('curate', {}, { subcommand: 'feed list', ...asCurator() }).visible();
    expect(text(list.message)).toMatch(/1 drafted/);
    expect(text(list.message)).toMatch(/1 off-topic/);
    expect(text(list.message)).toMatch(/next poll/);
  }, 60_000);

  it('speaks Ukrainian to a uk curator: progress, the review and its pages, forms; private answers in the clicker’s language', async () => {
    const uk = translatorFor('uk');
    const en = translatorFor('en-US');
    web.route('/world/vienna-talks', { body: ARTICLE.replaceAll('Geneva', 'Vienna') });
    const handle = fake.chatInput(
      'curate',
      { url: web.url('/world/vienna-talks') },
      { subcommand: 'article', locale: 'uk', ...asCurator() },
    );
    const reply = await finalReply(fake, handle, new RegExp(uk.t('curateReview.submitted.title')));
    const vienna = reviewIn(fake, CURATION_CHANNEL, uk);
    expect(text(reply)).toContain(vienna.draftId);
    const summary = text(vienna.summary());
    for (const words of [
      uk.t('curateReview.summary.checkFirst'),
      uk.t('curateReview.summary.status'),
      uk.t('curateReview.status.decide'),
      uk.t('curateReview.button.publish'),
      uk.t('curateReview.button.discard'),
      formatDay(uk, '2025-11-24'),
    ])
      expect(summary).toContain(words);
    expect(summary).not.toMatch(/Check first|Decide each item|"Publish"/);
    const event = uk.t('curateReview.kind.event');
    const events = vienna.keys(new RegExp(`^e\\d+ · ${event} \\(`));
    expect(events.length).toBeGreaterThan(0);
    const key = events[0] ?? 'e1';
    expect(text(vienna.item(key).embed)).toContain(`⏳ ${uk.t('curateReview.decision.pending')}`);

    // Another curator clicks from an English client: the shared page stays Ukrainian.
    const { messageId } = vienna.item(key);
    const accepted = await fake
      .button(CURATE_IDS.decide.make({ draft: vienna.draftId, item: key, decision: 'accepted' }), messageId, {
        channelId: vienna.threadId,
        locale: 'en-US',
        ...asOtherCurator(),
      })
      .visible();
    expect(accepted.callback.type).toBe(7);
    expect(text(vienna.item(key).embed)).toContain(
      uk.t('curateReview.decidedBy.accepted', { name: 'curator\\\\-omar' }),
    );
    // Their private answers are in English; the refusal lands in the shared summary in Ukrainian.
    const refused = await finalReply(
      fake,
      fake.button(CURATE_IDS.publish.make({ draft: vienna.draftId }), vienna.summaryId, {
        channelId: CURATION_CHANNEL,
        locale: 'en-US',
        ...asOtherCurator(),
      }),
      /Publish refused/,
    );
    expect(text(refused)).toContain(en.t('curateReview.note.undecided'));
    await waitFor(
      'the Ukrainian refusal in the summary',
      () =>
        text(vienna.summary()).includes(
          uk.t('curateReview.summary.refused', { count: 2 }).split(' (')[0] ?? '?',
        ),
      10_000,
    );

    // The edit form in the curator's language, within Discord's limits (the fake Discord checks them).
    const form = await fake
      .button(CURATE_IDS.edit.make({ draft: vienna.draftId, item: key }), messageId, {
        channelId: vienna.threadId,
        locale: 'uk',
        ...asCurator(),
      })
      .visible();
    expect(form.callback.type).toBe(9);
    expect(text(form.modal)).toContain(uk.t('curateForm.event.title', { key }));
    expect(text(form.modal)).toContain(uk.t('curateForm.date'));

    // Discarded from a Ukrainian client: confirmation and result in Ukrainian.
    const confirm = await fake
      .button(CURATE_IDS.discard.make({ draft: vienna.draftId }), vienna.summaryId, {
        channelId: CURATION_CHANNEL,
        locale: 'uk',
        ...asCurator(),
      })
      .visible();
    expect(text(confirm.message)).toContain(uk.t('curateReview.discard.title'));
    const done = await fake
      .button(CURATE_IDS.confirmDiscard.make({ draft: vienna.draftId }), confirm.message ?? undefined, {
        channelId: CURATION_CHANNEL,
        locale: 'uk',
        ...asCurator(),
      })
      .visible();
    expect(text(done.message)).toContain(uk.t('curateReview.discarded.title'));
    await waitFor(
      'the summary marked discarded in Ukrainian',
      () =>
        text(vienna.summary()).includes(uk.t('curateReview.status.discarded', { name: 'curator\\\\-cleo' })),
      10_000,
    );
    expect(fake.violations).toEqual([]);
  }, 60_000);

  it('measures: /curate article url: → review posted, for a 2,000-word article (figure printed, not asserted)', async () => {
    // ~2,000 words of our own writing: the ingest corpus articles, joined, as one web page.
    const dir = path.join(REPO, 'tests/fixtures/articles/corpus');
    const words: string[] = [];
    const paragraphs: string[] = [];
    for (const name of readdirSync(dir)
      .filter((f) => f.endsWith('.txt'))
      .sort()) {
      for (const line of readFileSync(path.join(dir, name), 'utf8').split('\n')) {
        if (words.length >= 2_000 || !line.trim()) continue;
        paragraphs.push(line.trim());
        words.push(...line.trim().split(/\s+/));
      }
    }
    web.route('/long/article', {
      body: `<html><head><meta property="article:published_time" content="2025-08-19T09:00:00Z"><title>Long read</title></head><body><article>${paragraphs.map((p) => `<p>${p.replace(/</g, '&lt;')}</p>`).join('')}</article></body></html>`,
    });
    const started = performance.now();
    const reply = await finalReply(
      fake,
      fake.chatInput('curate', { url: web.url('/long/article') }, { subcommand: 'article', ...asCurator() }),
      /Posted for review|refused|Sorry/,
      60_000,
    );
    const ms = Math.round(performance.now() - started);
    console.log(
      `[curate] 2,000-word article (${words.length} words): /curate article url: → review posted in ${ms} ms`,
    );
    expect(text(reply)).toMatch(/Posted for review/);
  }, 90_000);
});
