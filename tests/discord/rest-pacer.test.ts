import type { RESTOptions } from 'discord.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isInteractionCallback, pacedMakeRequest, Reachability } from '../../src/discord/rest-pacer.ts';
import { Pacer } from '../../src/scheduler/pacing.ts';
import { recordingLogger } from '../support/logger.ts';
import { ManualClock } from '../support/time.ts';

type MakeRequest = RESTOptions['makeRequest'];
const API = 'http://127.0.0.1:1/api/v10';
const ok = { status: 200 } as Awaited<ReturnType<MakeRequest>>;
const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });

/** A pacer on virtual time that counts the slots it hands out. */
function countingPacer(rate: number) {
  let now = 0;
  const pacer = Pacer.perSecond(rate, {
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
  });
  const acquire = pacer.acquire.bind(pacer);
  const slots: number[] = [];
  pacer.acquire = async (signal) => {
    await acquire(signal);
    slots.push(now);
  };
  return { pacer, slots };
}

describe('one pacer for every REST request of the process (issue 12)', () => {
  it('recognises interaction callbacks, the only requests exempt from the global limit', () => {
    expect(isInteractionCallback(`${API}/interactions/123456789012345678/tok-en/callback`)).toBe(true);
    expect(isInteractionCallback(`${API}/webhooks/1/tok/messages/@original`)).toBe(false);
    expect(isInteractionCallback(`${API}/webhooks/1/tok`)).toBe(false);
    expect(isInteractionCallback(`${API}/channels/1/messages`)).toBe(false);
    expect(isInteractionCallback(`${API}/interactions/1/tok/callback?with_response=false`)).toBe(true);
    expect(isInteractionCallback(`${API}/channels/1?next=/interactions/1/tok/callback`)).toBe(false);
    expect(isInteractionCallback('/interactions/1/tok/callback')).toBe(false);
  });

  it('reads a URL as its parsed path would be read, without parsing it (property)', () => {
    const id = fc.stringMatching(/^[0-9]{1,19}$/);
    const word = fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/);
    const segment = fc.oneof(
      fc.constantFrom('interactions', 'callback', 'webhooks', 'api', 'v10', '@original'),
      id,
      word,
    );
    // Near misses around the callback's shape: another resource, a word for the id, a segment after it.
    const tail = fc.tuple(
      fc.constantFrom('interactions', 'webhooks'),
      fc.oneof(id, word),
      word,
      fc.constantFrom('callback', 'messages'),
      fc.constantFrom([], ['x']),
    );
    const url = fc
      .record({
        host: fc.constantFrom('http://127.0.0.1:4321', 'https://discord.com', 'https://h.example:8443'),
        path: fc.array(segment, { maxLength: 4 }),
        tail: fc.option(tail, { nil: undefined }),
        query: fc.constantFrom('', '?with_response=false', '?a=/interactions/1/t/callback', '#x'),
      })
      .map(({ host, path, tail, query }) => {
        const segments = [...path, ...(tail ? [...tail.slice(0, 4), ...tail[4]] : [])] as string[];
        return `${host}${segments.map((s) => `/${s}`).join('')}${query}`;
      });
    const parsed = (u: string) => /\/interactions\/\d+\/[^/]+\/callback$/.test(new URL(u).pathname);
    let callbacks = 0;
    fc.assert(
      fc.property(url, (u) => {
        expect(isInteractionCallback(u), u).toBe(parsed(u));
        if (parsed(u)) callbacks++;
      }),
      { numRuns: 2000, seed: 4 },
    );
    expect(callbacks).toBeGreaterThan(50);
  });

  it('channel posts, follow-ups and edits wait for slots; callbacks never queue', async () => {
    const { pacer, slots } = countingPacer(49);
    const make = pacedMakeRequest({ pacer: () => pacer, inner: async () => ok });
    const urls = [
      `${API}/channels/1/messages`,
      `${API}/webhooks/1/tok`,
      `${API}/webhooks/1/tok/messages/@original`,
      `${API}/interactions/123456789012345678/tok/callback`,
    ];
    for (let i = 0; i < 100; i++) await make(urls[i % 4] as string, { method: 'POST' });
    expect(slots).toHaveLength(75);
    // 75 slots at 49/s: the 50th and later wait for the window.
    expect(slots.at(-1)).toBeGreaterThanOrEqual(1_000);
  });

  it('a request whose timeout fired while it waited leaves the queue without being sent', async () => {
    const { pacer } = countingPacer(1);
    let sent = 0;
    const make = pacedMakeRequest({
      pacer: () => pacer,
      inner: async () => {
        sent++;
        return ok;
      },
    });
    await make(`${API}/channels/1/messages`, {});
    const signal = AbortSignal.abort(Object.assign(new Error('aborted'), { name: 'AbortError' }));
    await expect(make(`${API}/channels/1/messages`, { signal })).rejects.toThrow('aborted');
    expect(sent).toBe(1);
  });
});

describe('Discord unreachable and back: logged once per change (issue 17 #4)', () => {
  it('one warning when requests start failing, one line when an answer comes back, none per attempt', async () => {
    const logger = recordingLogger();
    const clock = new ManualClock(Date.parse('2025-09-01T09:00:00Z'));
    const reachability = new Reachability(logger, clock);
    let down = true;
    const make = pacedMakeRequest({
      pacer: () => undefined,
      reachability,
      inner: async () => {
        if (down) throw refused();
        return ok;
      },
    });
    for (let i = 0; i < 5; i++) {
      await expect(make(`${API}/channels/1/messages`, {})).rejects.toThrow('ECONNREFUSED');
      clock.advance(3_000);
    }
    expect(logger.lines.filter((l) => l.level === 'warn')).toHaveLength(1);
    expect(logger.has('warn', /Discord unreachable \(connect ECONNREFUSED 127\.0\.0\.1:1\)/)).toBe(true);
    down = false;
    await make(`${API}/channels/1/messages`, {});
    await make(`${API}/channels/1/messages`, {});
    expect(logger.lines.filter((l) => l.level === 'info')).toHaveLength(1);
    expect(logger.has('info', /Discord reachable again after 15 s \(5 request\(s\) failed meanwhile\)/)).toBe(
      true,
    );
    // A second outage is logged again.
    down = true;
    await expect(make(`${API}/channels/1/messages`, {})).rejects.toThrow();
    expect(logger.lines.filter((l) => l.level === 'warn')).toHaveLength(2);
  });

  it("a 502/503/504 from Discord's edge counts as unreachable; a 4xx is an answer", async () => {
    const logger = recordingLogger();
    const reachability = new Reachability(logger);
    let status = 503;
    const make = pacedMakeRequest({
      pacer: () => undefined,
      reachability,
      inner: async () => ({ ...ok, status }) as Awaited<ReturnType<MakeRequest>>,
    });
    await make(`${API}/channels/1/messages`, {});
    expect(reachability.reachable).toBe(false);
    status = 404;
    await make(`${API}/channels/1/messages`, {});
    expect(reachability.reachable).toBe(true);
    expect(logger.lines.map((l) => l.level)).toEqual(['warn', 'info']);
  });
});
