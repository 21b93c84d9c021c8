/**
 * Reading RSS, Atom and JSON feeds with @extractus/feed-extractor (it parses strings, so our own
 * guarded fetch does the I/O), and the keys that deduplicate their items: the item's guid/id when it
 * has one, and its link (normalized), so an item is new only when neither was seen before.
 */
import { createHash } from 'node:crypto';
import { extractFromJson, extractFromXml, type FeedEntry } from '@extractus/feed-extractor';
import { CurationError } from './errors.ts';
import { dayOf } from './extract.ts';

export const FEED_TYPES = [
  'application/rss+xml',
  'application/atom+xml',
  'application/rdf+xml',
  'application/feed+json',
  'application/json',
  'application/xml',
  'text/xml',
] as const;

export interface FeedItem {
  /** Store keys that mark it seen: `g:<hash of guid>`, `l:<hash of link>`. */
  keys: string[];
  guid?: string | undefined;
  link?: string | undefined;
  title: string;
  summary: string;
  published?: string | undefined;
}

export interface ParsedFeed {
  title: string;
  format: 'json' | 'xml';
  items: FeedItem[];
}

const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 24);

/** A link as the same article: no fragment, no tracking parameters, no trailing slash, host in lower case. */
export function normalizeLink(link: string): string | undefined {
  try {
    const u = new URL(link.trim());
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    u.hash = '';
    for (const name of [...u.searchParams.keys()])
      if (/^(utm_|fbclid|gclid|mc_|cmpid$|ref$)/i.test(name)) u.searchParams.delete(name);
    return u.href.replace(/\/$/, '');
  } catch {
    return undefined;
  }
}

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number') return String(value);
  if (value && typeof value === 'object' && '#text' in value)
    return textOf((value as { '#text': unknown })['#text']);
  return undefined;
}

export function parseFeed(text: string, contentType: string, baseUrl: string): ParsedFeed {
  const trimmed = text.trimStart();
  const json = contentType.includes('json') || trimmed.startsWith('{');
  const options = {
    descriptionMaxLen: 500,
    baseUrl,
    // The raw id as the feed gives it (guid for RSS, id for Atom and JSON Feed), for deduplication.
    getExtraEntryFields: (raw: Record<string, unknown>) => ({ rawId: textOf(raw.guid) ?? textOf(raw.id) }),
  };
  let data: ReturnType<typeof extractFromXml>;
  try {
    data = json ? extractFromJson(trimmed, options) : extractFromXml(trimmed, options);
  } catch (error) {
    throw new CurationError({
      code: 'feed-invalid',
      url: baseUrl,
      reason: error instanceof Error ? error.message : String(error),
    });
  }
  if (!data || !Array.isArray(data.entries))
    throw new CurationError({ code: 'feed-invalid', url: baseUrl, reason: 'it has no items list' });
  const items = (data.entries as FeedEntry[]).map((e) => {
    const guid = typeof e.rawId === 'string' ? e.rawId : undefined;
    const link = e.link ? normalizeLink(e.link) : undefined;
    const keys = [...(guid ? [`g:${hash(guid)}`] : []), ...(link ? [`l:${hash(link)}`] : [])];
    if (keys.length === 0 && e.title) keys.push(`t:${hash(e.title)}`);
    return {
      keys,
      guid,
      link,
      title: (e.title ?? '').trim(),
      summary: (e.description ?? '').trim(),
      published: dayOf(e.published),
    };
  });
  return {
    title: (data.title ?? '').trim(),
    format: json ? 'json' : 'xml',
    items: items.filter((i) => i.keys.length > 0),
  };
}
