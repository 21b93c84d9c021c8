/**
 * Feeds a server follows: polled on a schedule (default every 15 minutes) with ETag/Last-Modified,
 * backing off on errors and pausing a feed that has failed for a day. Each new item (deduplicated by
 * guid and link in the store, so across restarts and processes) is fetched, checked against the
 * dataset's actors and topics, and drafted for review like a submitted link; nothing from a feed
 * reaches the dataset without a curator's Accept and Publish. Like schedules, a feed is polled by the
 * process whose shard owns its server, and a lease per poll keeps two processes from polling at once.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { ownsGuild, type ShardSet } from '../scheduler/shard.ts';
import type { Store } from '../store/index.ts';
import { CurationError } from './errors.ts';
import type { Curator } from './review.ts';
import type { CurationService } from './service.ts';

const NS = { feeds: 'curation-feeds', items: 'curation-feed-items', polls: 'curation-feed-polls' } as const;

export const MAX_FEEDS_PER_SERVER = 10;
/** New items drafted per poll; the rest wait for the next poll (a busy feed cannot flood a channel). */
const ITEMS_PER_POLL = 5;
const MAX_BACKOFF_MS = 6 * 3_600_000;
const PAUSE_AFTER_MS = 24 * 3_600_000;
const SEEN_TTL_MS = 180 * 24 * 3_600_000;

export type SkipReason = 'off-topic' | 'duplicate' | 'unreadable' | 'existing';

export interface FeedRecord {
  id: string;
  guildId: string;
  url: string;
  title: string;
  channelId: string;
  addedBy: Curator;
  addedAt: string;
  nextPollAt: string;
  lastPolledAt?: string | undefined;
  etag?: string | undefined;
  lastModified?: string | undefined;
  failures: number;
  failingSince?: string | undefined;
  lastError?: string | undefined;
  paused?: { at: string; reason: string } | undefined;
  counts: { items: number; drafted: number; skipped: Partial<Record<SkipReason, number>> };
  /** The language code of its reviews: the language of the curator who added it (absent: English). */
  language?: string | undefined;
}

export interface FeedDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  curation: CurationService;
  /** Minutes between polls of one feed. */
  intervalMinutes: number;
  /** How often the poller looks for due feeds (ms). */
  tickMs?: number;
  shards?: ShardSet;
  /** Told the result of each poll (the operator's metrics); optional. */
  events?: FeedEvents | undefined;
}

/** A poll read the feed (`ok`, with the new items it drafts), found it unchanged, or failed. */
export interface FeedEvents {
  polled(outcome: 'ok' | 'not-modified' | 'failed', newItems: number): void;
}

export interface FeedAdded {
  feed: FeedRecord;
  /** Items already in the feed, marked seen (not drafted). */
  marked: number;
  /** Newest items being drafted now. */
  backfill: number;
}

function feedId(): string {
  return randomBytes(4).toString('hex').slice(0, 6);
}

export function createFeedService(deps: FeedDeps) {
  const { store, clock, logger, curation } = deps;
  const intervalMs = deps.intervalMinutes * 60_000;
  const key = (guildId: string, id: string) => `${guildId}:${id}`;
  const now = () => clock.now();
  let timer: NodeJS.Timeout | undefined;
  let ticking: Promise<void> | undefined;
  const heavy = () => import('./pipeline.ts');

  async function require(guildId: string, id: string): Promise<FeedRecord> {
    const feed = /^[a-z0-9]{1,16}$/.test(id)
      ? await store.get<FeedRecord>(NS.feeds, key(guildId, id))
      : undefined;
    if (!feed) throw new CurationError({ code: 'no-such-feed', typed: id });
    return feed;
  }

  const list = async (guildId: string) =>
    (await store.list<FeedRecord>(NS.feeds, `${guildId}:`))
      .map((e) => e.value)
      .sort((a, b) => (a.addedAt < b.addedAt ? -1 : 1));

  async function read(feed: Pick<FeedRecord, 'url' | 'etag' | 'lastModified'>) {
    const p = await heavy();
    const fetcher = curation.fetcher(p);
    const got = await fetcher.fetchText(feed.url, {
      accept: p.FEED_TYPES,
      etag: feed.etag,
      lastModified: feed.lastModified,
    });
    if (got.notModified)
      return { notModified: true as const, etag: got.etag, lastModified: got.lastModified };
    return {
      notModified: false as const,
      parsed: p.parseFeed(got.text, got.contentType, got.url),
      etag: got.etag,
      lastModified: got.lastModified,
    };
  }

  /** Marks an item seen; true only for the first process and the first time (every key must be new). */
  async function claimItem(feed: FeedRecord, keys: readonly string[]): Promise<boolean> {
    let fresh = true;
    for (const k of keys)
      if (!(await store.claim(NS.items, `${feed.guildId}:${k}`, { feed: feed.id }, SEEN_TTL_MS)))
        fresh = false;
    return fresh;
  }

  async function count(feed: FeedRecord, change: (c: FeedRecord['counts']) => void): Promise<void> {
    await store.update<FeedRecord>(NS.feeds, key(feed.guildId, feed.id), (f) => {
      if (!f) return f;
      const counts = structuredClone(f.counts);
      change(counts);
      return { ...f, counts };
    });
  }

  async function draftItem(
    feed: FeedRecord,
    item: { link?: string | undefined; published?: string | undefined; title: string },
  ) {
    if (!item.link) {
      await count(feed, (c) => {
        c.skipped.unreadable = (c.skipped.unreadable ?? 0) + 1;
      });
      return;
    }
    try {
      await curation.submit(
        {
          guildId: feed.guildId,
          channelId: feed.channelId,
          reviewChannelId: feed.channelId,
          by: feed.addedBy,
          article: { kind: 'feed', url: item.link, feedId: feed.id },
          publishedFallback: item.published,
          requireRelevant: true,
          language: feed.language,
        },
        async () => undefined,
      );
      await count(feed, (c) => {
        c.drafted++;
      });
    } catch (error) {
      const reason: SkipReason =
        error instanceof CurationError
          ? error.code === 'off-topic'
            ? 'off-topic'
            : error.code === 'already-drafted' || error.code === 'already-ingested'
              ? 'duplicate'
              : 'unreadable'
          : 'unreadable';
      if (!(error instanceof CurationError))
        logger.error({ err: error, feed: feed.id, link: item.link }, 'feed item failed');
      else logger.info({ feed: feed.id, link: item.link, reason: error.code }, 'feed item skipped');
      await count(feed, (c) => {
        c.skipped[reason] = (c.skipped[reason] ?? 0) + 1;
      });
    }
  }

  async function add(req: {
    guildId: string;
    url: string;
    channelId: string;
    by: Curator;
    backfill: number;
    language?: string | undefined;
  }): Promise<FeedAdded> {
    const p = await heavy();
    const url = p.parseFetchableUrl(req.url).href;
    const existing = await list(req.guildId);
    const same = existing.find((f) => p.sameArticle(f.url, url));
    if (same) throw new CurationError({ code: 'feed-exists', feedId: same.id });
    if (existing.length >= MAX_FEEDS_PER_SERVER)
      throw new CurationError({ code: 'feed-limit', max: MAX_FEEDS_PER_SERVER });
    const got = await read({ url });
    if (got.notModified) throw new CurationError({ code: 'feed-invalid', url, reason: 'no content' });
    const at = now();
    const feed: FeedRecord = {
      id: feedId(),
      guildId: req.guildId,
      url,
      title: got.parsed.title.slice(0, 200),
      channelId: req.channelId,
      addedBy: req.by,
      addedAt: at.toISOString(),
      nextPollAt: new Date(at.getTime() + intervalMs).toISOString(),
      lastPolledAt: at.toISOString(),
      etag: got.etag,
      lastModified: got.lastModified,
      failures: 0,
      counts: { items: got.parsed.items.length, drafted: 0, skipped: {} },
      ...(req.language ? { language: req.language } : {}),
    };
    await store.set(NS.feeds, key(feed.guildId, feed.id), feed);
    // What the feed holds now is the past: marked seen, except the newest `backfill`, drafted now.
    const backfill = got.parsed.items.slice(0, req.backfill);
    let marked = 0;
    for (const item of got.parsed.items.slice(req.backfill)) if (await claimItem(feed, item.keys)) marked++;
    await count(feed, (c) => {
      c.skipped.existing = marked;
    });
    const toDraft: typeof backfill = [];
    for (const item of backfill) if (await claimItem(feed, item.keys)) toDraft.push(item);
    void (async () => {
      for (const item of toDraft.reverse()) await draftItem(feed, item);
    })().catch((error: unknown) => logger.error({ err: error, feed: feed.id }, 'feed backfill failed'));
    return { feed, marked, backfill: toDraft.length };
  }

  async function poll(feed: FeedRecord): Promise<void> {
    // One process per poll: the lease is keyed by the due time, so the next poll is a new lease.
    if (
      !(await store.claim(
        NS.polls,
        `${feed.guildId}:${feed.id}:${feed.nextPollAt}`,
        { at: now().toISOString() },
        30 * 60_000,
      ))
    )
      return;
    const at = now();
    try {
      const got = await read(feed);
      const fresh: Array<{ link?: string | undefined; published?: string | undefined; title: string }> = [];
      if (!got.notModified) {
        // Oldest first, a few per poll; items left over stay unclaimed for the next poll.
        for (const item of [...got.parsed.items].reverse()) {
          if (fresh.length >= ITEMS_PER_POLL) break;
          if (await claimItem(feed, item.keys)) fresh.push(item);
        }
      }
      await store.update<FeedRecord>(NS.feeds, key(feed.guildId, feed.id), (f) =>
        f
          ? {
              ...f,
              etag: got.etag ?? f.etag,
              lastModified: got.lastModified ?? f.lastModified,
              lastPolledAt: at.toISOString(),
              nextPollAt: new Date(at.getTime() + intervalMs).toISOString(),
              failures: 0,
              failingSince: undefined,
              lastError: undefined,
              counts: { ...f.counts, items: f.counts.items + fresh.length },
            }
          : f,
      );
      deps.events?.polled(got.notModified ? 'not-modified' : 'ok', fresh.length);
      for (const item of fresh) await draftItem(feed, item);
    } catch (error) {
      deps.events?.polled('failed', 0);
      const reason =
        error instanceof CurationError ? error.code : error instanceof Error ? error.message : String(error);
      logger.warn({ feed: feed.id, url: feed.url, reason }, 'feed poll failed');
      await store.update<FeedRecord>(NS.feeds, key(feed.guildId, feed.id), (f) => {
        if (!f) return f;
        const failures = f.failures + 1;
        const failingSince = f.failingSince ?? at.toISOString();
        const pause = at.getTime() - Date.parse(failingSince) >= PAUSE_AFTER_MS;
        return {
          ...f,
          failures,
          failingSince,
          lastError: reason.slice(0, 200),
          lastPolledAt: at.toISOString(),
          nextPollAt: new Date(
            at.getTime() + Math.min(intervalMs * 2 ** failures, MAX_BACKOFF_MS),
          ).toISOString(),
          paused: pause
            ? { at: at.toISOString(), reason: `failing since ${failingSince}: ${reason}`.slice(0, 300) }
            : f.paused,
        };
      });
    }
  }

  async function tick(): Promise<void> {
    const shards = deps.shards ?? { ids: [0], count: 1 };
    const due = (await store.list<FeedRecord>(NS.feeds))
      .map((e) => e.value)
      .filter(
        (f) => !f.paused && Date.parse(f.nextPollAt) <= now().getTime() && ownsGuild(f.guildId, shards),
      );
    for (const feed of due) await poll(feed);
  }

  return {
    add,
    list,
    async remove(guildId: string, id: string): Promise<FeedRecord> {
      const feed = await require(guildId, id);
      await store.delete(NS.feeds, key(guildId, id));
      return feed;
    },
    async resume(guildId: string, id: string): Promise<FeedRecord> {
      await require(guildId, id);
      const next = await store.update<FeedRecord>(NS.feeds, key(guildId, id), (f) =>
        f
          ? { ...f, paused: undefined, failures: 0, failingSince: undefined, nextPollAt: now().toISOString() }
          : f,
      );
      if (!next) throw new CurationError({ code: 'no-such-feed', typed: id });
      return next;
    },
    /** Polls every due feed once (the poller's tick; tests call it directly). */
    tick: () => {
      ticking ??= tick()
        .catch((error: unknown) => logger.warn({ err: error }, 'feed poller tick failed'))
        .finally(() => {
          ticking = undefined;
        });
      return ticking;
    },
    start(): void {
      if (timer) return;
      timer = setInterval(() => void this.tick(), deps.tickMs ?? 60_000);
      timer.unref();
    },
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = undefined;
      await ticking;
    },
  };
}

export type FeedService = ReturnType<typeof createFeedService>;
