import { describe, expect, it } from 'vitest';
import { CurationError } from '../../src/curation/errors.ts';
import { normalizeLink, parseFeed } from '../../src/curation/feed-parse.ts';
import { isRelevant, relevanceMatcher } from '../../src/curation/relevance.ts';
import { realDataset } from '../support/fixtures.ts';

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Lakeside Courier — Europe</title><link>https://courier.example/europe</link>
<item><title>Envoys meet in Geneva</title><link>https://courier.example/a/geneva?utm_source=rss#top</link>
<guid isPermaLink="false">courier-4411</guid><pubDate>Mon, 24 Nov 2025 07:30:00 GMT</pubDate>
<description><![CDATA[<p>Ukrainian and American negotiators rework the plan.</p>]]></description></item>
<item><title>Harbour festival opens</title><link>https://courier.example/a/festival</link>
<pubDate>Sun, 23 Nov 2025 10:00:00 GMT</pubDate><description>Boats and music.</description></item>
</channel></rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title><id>urn:wire</id><updated>2025-11-24T08:00:00Z</updated>
<entry><title>Kremlin has not received the text</title><id>urn:wire:991</id><link href="https://wire.example/991"/>
<published>2025-11-24T08:00:00+03:00</published><summary>Peskov said on Monday…</summary></entry></feed>`;

const JSON_FEED = JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1',
  title: 'Briefs',
  items: [
    {
      id: 'b-17',
      url: 'https://briefs.example/17/',
      title: 'Talks in Riyadh',
      date_published: '2025-02-18T12:00:00Z',
      summary: 'Delegations met.',
    },
  ],
});

describe('feed parsing', () => {
  it('reads RSS: titles, links without tracking, days, and guid + link keys', () => {
    const feed = parseFeed(RSS, 'application/rss+xml', 'https://courier.example/feed');
    expect(feed.title).toBe('Lakeside Courier — Europe');
    expect(feed.items).toHaveLength(2);
    const [first, second] = feed.items;
    expect(first).toMatchObject({
      title: 'Envoys meet in Geneva',
      guid: 'courier-4411',
      link: 'https://courier.example/a/geneva',
      published: '2025-11-24',
    });
    expect(first?.keys).toHaveLength(2);
    expect(first?.keys[0]).toMatch(/^g:/);
    expect(first?.summary).toContain('negotiators');
    // No guid: the link alone identifies it.
    expect(second?.keys).toHaveLength(1);
    expect(second?.keys[0]).toMatch(/^l:/);
  });

  it('reads Atom and JSON Feed', () => {
    const atom = parseFeed(ATOM, 'application/atom+xml', 'https://wire.example/feed');
    expect(atom.items[0]).toMatchObject({
      guid: 'urn:wire:991',
      link: 'https://wire.example/991',
      published: '2025-11-24',
    });
    const json = parseFeed(JSON_FEED, 'application/feed+json', 'https://briefs.example/feed.json');
    expect(json.format).toBe('json');
    expect(json.items[0]).toMatchObject({
      guid: 'b-17',
      link: 'https://briefs.example/17',
      published: '2025-02-18',
    });
  });

  it('refuses what is not a feed, with the reason', () => {
    for (const [body, type] of [
      ['<html><body>not a feed</body></html>', 'application/xml'],
      ['<rss><channel><item>', 'application/rss+xml'],
      ['{ "nope": ', 'application/json'],
    ] as const) {
      try {
        parseFeed(body, type, 'https://x.example/feed');
        throw new Error('accepted');
      } catch (error) {
        expect(error).toBeInstanceOf(CurationError);
        expect((error as CurationError).code).toBe('feed-invalid');
      }
    }
  });
});

describe('deduplication keys', () => {
  it('the same item republished with tracking parameters, a fragment or a slash has the same link key', () => {
    const a = parseFeed(RSS, 'application/rss+xml', 'https://courier.example/feed').items[0];
    const moved = RSS.replace(
      'https://courier.example/a/geneva?utm_source=rss#top',
      'https://Courier.example/a/geneva/?utm_medium=x',
    );
    const b = parseFeed(moved, 'application/rss+xml', 'https://courier.example/feed').items[0];
    expect(b?.keys).toEqual(a?.keys);
    expect(normalizeLink('ftp://x.example/a')).toBeUndefined();
  });

  it('a changed guid on the same link still shares the link key (an item is new only when every key is)', () => {
    const a = parseFeed(RSS, 'application/rss+xml', 'https://courier.example/feed').items[0];
    const b = parseFeed(
      RSS.replace('courier-4411', 'courier-4411-v2'),
      'application/rss+xml',
      'https://courier.example/feed',
    ).items[0];
    expect(a?.keys[0]).not.toBe(b?.keys[0]);
    expect(a?.keys[1]).toBe(b?.keys[1]);
  });
});

describe('relevance to the dataset', () => {
  it('matches actors (names, aliases, surnames) and topic keywords as whole words only', async () => {
    const match = relevanceMatcher(await realDataset());
    expect(match('Zelenskyy met the envoy in Kyiv')).toMatchObject({
      actors: expect.arrayContaining(['volodymyr-zelensky', 'ukraine']),
    });
    expect(isRelevant(match('Talks on security guarantees resumed'))).toBe(true);
    expect(isRelevant(match('The harbour festival opens with boats and music'))).toBe(false);
    expect(isRelevant(match('Trumpets played at the Putinova bakery'))).toBe(false);
  });
});
