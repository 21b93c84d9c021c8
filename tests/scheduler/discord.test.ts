/**
 * The scheduler posting through @discordjs/rest to the loopback fake Discord (rate limits, permission
 * errors, injected 5xx), with the nonce proxy standing in for Discord's enforce_nonce dedupe.
 */
import { REST } from 'discord.js';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRestPoster, type DeliveryRecord } from '../../src/scheduler/index.ts';
import { deliveryKey } from '../../src/scheduler/repo.ts';
import { type FakeDiscord, startFakeDiscord } from '../support/fake-discord.ts';
import { tempSqlite } from '../support/stores.ts';
import { ManualClock } from '../support/time.ts';
import { fakeAccess } from './fake-access.ts';
import { type Harness, harness, refused } from './harness.ts';
import { type NonceProxy, startNonceProxy } from './nonce-proxy.ts';
import { FakeDataset, type MemoryPoster, USER } from './support.ts';

let fake: FakeDiscord;
let proxy: NonceProxy;
let temp: Awaited<ReturnType<typeof tempSqlite>>;
const harnesses: Harness[] = [];
const rests: REST[] = [];

beforeEach(async () => {
  fake = await startFakeDiscord();
  proxy = await startNonceProxy(fake.apiUrl);
  temp = await tempSqlite();
});
afterEach(async () => {
  await Promise.allSettled(harnesses.splice(0).map((h) => h.close()));
  for (const r of rests.splice(0)) r.clearHashSweeper?.();
  await proxy.close();
  await fake.close();
  await temp.cleanup();
});

function rest(api: string, extra: Partial<ConstructorParameters<typeof REST>[0]> = {}): REST {
  const r = new REST({ api, retries: 2, ...extra }).setToken('fake-token');
  rests.push(r);
  return r;
}

async function make(o: {
  clock: ManualClock;
  dataset: FakeDataset;
  api?: string;
  options?: Parameters<typeof harness>[0]['options'];
  restOptions?: Partial<ConstructorParameters<typeof REST>[0]>;
}): Promise<Harness> {
  const poster = createRestPoster(rest(o.api ?? proxy.apiUrl, o.restOptions)) as unknown as MemoryPoster;
  const h = await harness({
    url: temp.url,
    clock: o.clock,
    poster,
    dataset: o.dataset,
    channels: fakeAccess(fake),
    options: o.options,
  });
  harnesses.push(h);
  return h;
}

const channelPosts = (channelId: string) =>
  fake
    .requestsTo(`POST /channels/:channel/messages`)
    .filter((r) => r.path === `/channels/${channelId}/messages`);

async function addIn(h: Harness, channelId: string, cron = '0 9 * * *', extra: { timezone?: string } = {}) {
  return h.scheduler.service.add(
    { guildId: fake.defaultGuildId, userId: USER, channelId, cron, ...extra },
    fakeAccess(fake),
  );
}

describe('posting through @discordjs/rest to the fake Discord', () => {
  it('posts a valid embed with no mentions, the nonce and enforce_nonce', async () => {
    const clock = new ManualClock(Date.parse('2025-09-01T08:00:00Z'));
    const h = await make({ clock, dataset: await FakeDataset.real() });
    const ch = fake.defaultChannelId;
    await addIn(h, ch);
    const report = await h.at('2025-09-01T09:00:00Z');
    expect(report.outcomes.posted).toBe(1);
    const [message] = fake.messagesIn(ch);
    expect(message?.message.embeds[0]?.title).toContain('Briefing');
    expect(fake.unsafeMentionBodies()).toEqual([]);
    expect(fake.violations).toEqual([]);
    const body = channelPosts(ch)[0]?.body as { nonce?: string; enforce_nonce?: boolean; flags?: number };
    expect(body.nonce).toHaveLength(25);
    expect(body.enforce_nonce).toBe(true);
    expect(body.flags).toBeUndefined();
  });

  it('the add command checks the real channel permissions and names the missing one', async () => {
    const clock = new ManualClock(Date.parse('2025-09-01T08:00:00Z'));
    const h = await make({ clock, dataset: await FakeDataset.real() });
    const guildId = fake.defaultGuildId;
    const locked = fake.addChannel(guildId, {
      name: 'locked',
      permissionOverwrites: [{ id: guildId, type: 0, deny: PermissionFlagsBits.EmbedLinks }],
    });
    fake.setBotPermissions(guildId, PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages);
    expect(await refused(addIn(h, locked.id))).toMatch(/missing \*\*Embed Links\*\*/);
  });

  it.each([
    [403, 50001],
    [403, 50013],
    [404, 10003],
  ] as const)('a %i/%i answer disables the schedule after one request', async (status, code) => {
    const clock = new ManualClock(Date.parse('2025-09-01T08:00:00Z'));
    const h = await make({ clock, dataset: await FakeDataset.real() });
    const ch = fake.defaultChannelId;
    const view = await addIn(h, ch);
    fake.setChannelError(ch, { status, code } as Parameters<FakeDiscord['setChannelError']>[1]);
    expect((await h.at('2025-09-01T09:00:00Z')).outcomes.disabled).toBe(1);
    await h.at('2025-09-02T09:00:00Z');
    expect(channelPosts(ch)).toHaveLength(1);
    expect(fake.stats.invalidRequests).toBeLessThanOrEqual(1);
    const [listed] = (await h.scheduler.service.list(fake.defaultGuildId)).schedules;
    expect(listed).toMatchObject({ id: view.id, status: 'disabled' });
    // resume re-checks: the channel is fine again.
    fake.setChannelError(ch, null);
    await h.scheduler.service.resume(fake.defaultGuildId, view.id, fakeAccess(fake));
    expect((await h.at('2025-09-03T09:00:00Z')).outcomes.posted).toBe(1);
  });

  it('5xx: the REST queue retries twice, then the scheduler again with backoff and the same nonce; one message', async () => {
    const clock = new ManualClock(Date.parse('2025-09-01T08:00:00Z'));
    const h = await make({ clock, dataset: await FakeDataset.real() });
    const ch = fake.defaultChannelId;
    const view = await addIn(h, ch);
    const posts = () => fake.requestsTo(new RegExp(`/channels/${ch}/messages`));
    fake.failNext(
      { method: 'POST', path: new RegExp(`/channels/${ch}/messages`) },
      Array(6).fill({ status: 500 }),
    );
    expect((await h.at('2025-09-01T09:00:00Z')).outcomes.retry).toBe(1);
    expect(posts()).toHaveLength(3);
    expect((await h.at('2025-09-01T09:00:01.500Z')).outcomes.retry).toBe(1);
    expect(posts()).toHaveLength(6);
    expect((await h.at('2025-09-01T09:00:04Z')).outcomes.posted).toBe(1);
    expect(fake.messagesIn(ch).filter((m) => m.source === 'channel')).toHaveLength(1);
    expect(posts().map((r) => r.status)).toEqual([500, 500, 500, 500, 500, 500, 200]);
    expect(new Set(posts().map((r) => (r.body as { nonce?: string }).nonce)).size).toBe(1);
    const record = await h.store.get<DeliveryRecord>(
      'deliveries',
      deliveryKey(view.id, Date.parse('2025-09-01T09:00:00Z')),
    );
    expect(record).toMatchObject({ state: 'sent', attempts: 3 });
  });

  it('a crash after Discord created the message: the restart resends with the same nonce, one message', async () => {
    const clock = new ManualClock(Date.parse('2025-09-01T08:00:00Z'));
    const dataset = await FakeDataset.real();
    const ch = fake.defaultChannelId;
    const a = await make({ clock, dataset, restOptions: { timeout: 60_000, retries: 0 } });
    await addIn(a, ch);
    proxy.hold(ch, true);
    clock.set('2025-09-01T09:00:00Z');
    void a.scheduler.runDue();
    await fake.waitForRequest((r) => r.path === `/channels/${ch}/messages`);
    harnesses.splice(harnesses.indexOf(a), 1);
    await a.kill();
    proxy.hold(ch, false);
    expect(fake.messagesIn(ch)).toHaveLength(1);

    clock.set('2025-09-01T09:01:30Z');
    const b = await make({ clock, dataset });
    expect((await b.scheduler.runDue()).outcomes.posted).toBe(1);
    expect(proxy.deduped).toBe(1);
    expect(fake.messagesIn(ch)).toHaveLength(1);
  });

  it('fan-out under the fake’s limits (50/s global, 5 per 5 s per channel): no 429', async () => {
    fake.setRateLimits({ globalPerSecond: 50, perChannelMessages: { count: 5, windowMs: 5_000 } });
    const clock = new ManualClock(Date.parse('2025-09-01T08:00:00Z'));
    const h = await make({
      clock,
      dataset: await FakeDataset.real(),
      api: fake.apiUrl,
      options: { sendsPerSecond: 45 },
    });
    const guild = fake.defaultGuildId;
    // 9 schedules that all fire at 09:00 UTC into ONE channel (zones make the same instant)...
    const crowded = fake.defaultChannelId;
    const sameInstant: Array<[string, string]> = [
      ['0 9 * * *', 'UTC'],
      ['0 10 * * *', 'Europe/London'],
      ['0 11 * * *', 'Europe/Paris'],
      ['0 5 * * *', 'America/New_York'],
      ['0 18 * * *', 'Asia/Tokyo'],
      ['0 12 * * *', 'Europe/Moscow'],
      ['30 14 * * *', 'Asia/Kolkata'],
      ['0 2 * * *', 'America/Los_Angeles'],
      ['0 19 * * *', 'Australia/Sydney'],
    ];
    for (const [cron, timezone] of sameInstant) await addIn(h, crowded, cron, { timezone });
    // ...and 60 more channels in other servers.
    for (let g = 0; g < 6; g++) {
      const other = fake.addGuild({ name: `g${g}` });
      for (let i = 0; i < 10; i++) {
        const c = fake.addChannel(other.id, { name: `c${i}` });
        await h.scheduler.service.add(
          { guildId: other.id, userId: USER, channelId: c.id, cron: '0 9 * * *' },
          fakeAccess(fake),
        );
      }
    }
    void guild;
    const report = await h.at('2025-09-01T09:00:00Z');
    expect(report.outcomes.posted).toBe(69);
    expect(fake.messagesIn(crowded)).toHaveLength(9);
    expect(fake.stats.rateLimited).toBe(0);
  });

  it('one slow channel does not hold the others back', async () => {
    const clock = new ManualClock(Date.parse('2025-09-01T08:00:00Z'));
    const h = await make({ clock, dataset: await FakeDataset.real() });
    const guild = fake.defaultGuildId;
    const slow = fake.addChannel(guild, { name: 'slow' });
    const others = Array.from({ length: 6 }, (_, i) => fake.addChannel(guild, { name: `fast-${i}` }));
    await addIn(h, slow.id);
    for (const c of others) await addIn(h, c.id);
    proxy.delay(slow.id, 3_000);
    const started = Date.now();
    const done = h.at('2025-09-01T09:00:00Z');
    while (others.some((c) => fake.messagesIn(c.id).length === 0)) {
      if (Date.now() - started > 2_000) throw new Error('fast channels waited for the slow one');
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(fake.messagesIn(slow.id)).toHaveLength(0);
    expect((await done).outcomes.posted).toBe(7);
  });
});
