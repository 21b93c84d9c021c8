import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reference as en } from '../../src/i18n/languages.ts';
import { messageViolations } from '../../src/render/embed.ts';
import { renderPreview } from '../../src/render/schedule.ts';
import { tempSqlite } from '../support/stores.ts';
import { ManualClock } from '../support/time.ts';
import { type Harness, harness, refused, text } from './harness.ts';
import { channel, FakeDataset, GUILD, guildOnShard, MemoryPoster, USER } from './support.ts';

let temp: Awaited<ReturnType<typeof tempSqlite>>;
let h: Harness;
beforeEach(async () => {
  temp = await tempSqlite();
  const clock = new ManualClock(Date.parse('2025-09-01T08:00:00Z'));
  h = await harness({
    url: temp.url,
    clock,
    poster: new MemoryPoster(clock),
    dataset: await FakeDataset.real(),
  });
});
afterEach(async () => {
  await h.close();
  await temp.cleanup();
});

describe('/schedule add validation', () => {
  it('bad cron: says what is wrong and what to type', async () => {
    const m = await refused(h.add({ channelId: channel(1), cron: '0 25 * * *' }));
    expect(m).toContain('`0 25 * * *` is not a valid cron expression');
    expect(m).toContain('hour');
    expect(m).toContain('`0 9 * * *`');
  });

  it('unknown time zone: suggests the closest', async () => {
    const m = await refused(h.add({ channelId: channel(1), cron: '0 9 * * *', timezone: 'Europe/Pariss' }));
    expect(m).toMatch(/`Europe\/Pariss` is not a time zone I know\. Did you mean `Europe\/Paris`/);
  });

  it('more often than every 15 minutes is refused with alternatives', async () => {
    const m = await refused(h.add({ channelId: channel(1), cron: '*/10 * * * *' }));
    expect(m).toContain('every 10 minutes');
    expect(m).toContain('at most once per 15 minutes');
    expect(m).toContain('`0 * * * *` (hourly)');
  });

  it('a topic id not in the dataset is refused', async () => {
    const m = await refused(h.add({ channelId: channel(1), cron: '0 9 * * *', topic: 'zzzz-qqqq' }));
    expect(m).toMatch(/no topic `zzzz-qqqq` in the dataset.*leave the option empty for all topics/);
  });

  it('names the missing permission(s)', async () => {
    const one = { missingPermissions: async () => ['Embed Links' as const] };
    const m1 = await refused(
      h.scheduler.service.add(
        { guildId: GUILD, userId: USER, channelId: channel(1), cron: '0 9 * * *' },
        one,
      ),
    );
    expect(m1).toContain(`I cannot post briefings in <#${channel(1)}>: I am missing **Embed Links** there`);
    const two = { missingPermissions: async () => ['View Channel' as const, 'Send Messages' as const] };
    const m2 = await refused(
      h.scheduler.service.add(
        { guildId: GUILD, userId: USER, channelId: channel(1), cron: '0 9 * * *' },
        two,
      ),
    );
    expect(m2).toContain('missing **View Channel** and **Send Messages**');
    const cannot = { missingPermissions: async () => ({ error: 'that channel is not in this server' }) };
    expect(
      await refused(
        h.scheduler.service.add(
          { guildId: GUILD, userId: USER, channelId: channel(1), cron: '0 9 * * *' },
          cannot,
        ),
      ),
    ).toContain('that channel is not in this server');
  });

  it('at most 10 schedules per server, even when added concurrently', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 14 }, (_, i) => h.add({ channelId: channel(i + 1), cron: `${i} 9 * * *` })),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refusedAll = results.filter((r) => r.status === 'rejected');
    expect(ok).toHaveLength(10);
    expect(refusedAll).toHaveLength(4);
    expect(await refused(Promise.reject((refusedAll[0] as PromiseRejectedResult).reason))).toContain(
      'already has 10 schedules, the most allowed',
    );
    expect((await h.scheduler.service.list(GUILD)).schedules).toHaveLength(10);
    // Another server is not affected.
    await h.scheduler.service.add(
      { guildId: guildOnShard(0, 1, 55), userId: USER, channelId: channel(99), cron: '0 9 * * *' },
      { missingPermissions: async () => [] },
    );
  });

  it('refuses an identical schedule', async () => {
    const first = await h.add({ channelId: channel(1), cron: '0 9 * * *' });
    const m = await refused(h.add({ channelId: channel(1), cron: '0  9 * * *' }));
    expect(m).toContain(`Schedule \`${first.id}\` already posts that briefing`);
  });
});

describe('/schedule add result, list, pause, resume, remove, preview', () => {
  it('returns the schedule in words with the next three runs in its zone', async () => {
    const view = await h.add({
      channelId: channel(1),
      cron: '30 8 * * 1-5',
      timezone: 'europe/london',
      mode: 'new-only',
    });
    expect(view).toMatchObject({
      timezone: 'Europe/London',
      description: 'At 08:30, Monday through Friday',
      mode: 'new-only',
      status: 'active',
    });
    expect(view.id).toMatch(/^[a-z2-9]{6}$/);
    expect(view.nextRuns.map((t) => new Date(t).toISOString())).toEqual([
      '2025-09-02T07:30:00.000Z', // 08:30 BST; at 09:00 BST on Monday 1 Sep that one has passed
      '2025-09-03T07:30:00.000Z',
      '2025-09-04T07:30:00.000Z',
    ]);
  });

  it('ids from another server are unknown; pause, resume and remove work on own ids', async () => {
    const view = await h.add({ channelId: channel(1), cron: '0 9 * * *' });
    const other = guildOnShard(0, 1, 77);
    expect(await refused(h.scheduler.service.remove(other, view.id))).toContain(
      `There is no schedule \`${view.id}\` in this server`,
    );
    expect((await h.scheduler.service.pause(GUILD, view.id.toUpperCase(), USER)).status).toBe('paused');
    expect((await h.scheduler.service.list(GUILD)).schedules[0]?.status).toBe('paused');
    expect((await h.at('2025-09-01T09:00:00Z')).outcomes.posted).toBe(0);
    const resumed = await h.scheduler.service.resume(GUILD, view.id, { missingPermissions: async () => [] });
    expect(resumed.status).toBe('active');
    // Runs missed while paused are not posted afterwards.
    expect((await h.at('2025-09-01T09:10:00Z')).outcomes.posted).toBe(0);
    expect((await h.at('2025-09-02T09:00:00Z')).outcomes.posted).toBe(1);
    await h.scheduler.service.remove(GUILD, view.id);
    expect((await h.scheduler.service.list(GUILD)).schedules).toEqual([]);
    expect((await h.at('2025-09-03T09:00:00Z')).outcomes.posted).toBe(0);
  });

  it('preview is exactly what would be posted now, and says when nothing would be', async () => {
    const always = await h.add({ channelId: channel(1), cron: '0 9 * * *' });
    const preview = await h.scheduler.service.preview(GUILD, always.id);
    expect(preview.payload).toBeDefined();
    if (preview.payload) expect(messageViolations(preview.payload)).toEqual([]);
    for (const [i, at] of ['2025-09-01T09:00:00Z', '2025-09-02T09:00:00Z'].entries()) {
      h.clock.set(at);
      const before = await h.scheduler.service.preview(GUILD, always.id);
      await h.at(at);
      expect(before.payload).toEqual(h.poster.in(channel(1))[i]?.payload);
    }

    const newOnly = await h.add({ channelId: channel(2), cron: '0 10 * * *', mode: 'new-only' });
    const nothing = await h.scheduler.service.preview(GUILD, newOnly.id);
    expect(nothing.payload).toBeUndefined();
    expect(text(renderPreview(en, nothing))).toMatch(/only posts when something is new/);
  });
});
