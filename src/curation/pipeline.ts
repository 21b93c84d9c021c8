/**
 * The heavy half of curation, loaded on first use (service.ts imports it lazily) so the bot does not
 * load the NLP models, Readability or the truth guards unless someone curates: fetching and
 * extracting an article, analysing it into a draft, publishing a review, reading a feed.
 */
import { isRealDay } from '../domain/dates.ts';
import type { Dataset } from '../domain/model.ts';
import type { DraftRecords } from '../ingest/draft.ts';
import { ingestArticle } from '../ingest/ingest.ts';
import { CurationError } from './errors.ts';
import {
  type Extracted,
  extractFromHtml,
  extractFromMarkdown,
  extractFromPlain,
  wordCount,
} from './extract.ts';
import { PUBLISHED_FROM } from './review.ts';
import { createSafeFetcher, type FetchLimits, type SafeFetcher } from './safe-fetch.ts';
import type { AllowedHosts, Resolver } from './url-safety.ts';

export { applyDraft } from './apply-draft.ts';
export { FEED_TYPES, normalizeLink, parseFeed } from './feed-parse.ts';
export { isRelevant, relevanceMatcher } from './relevance.ts';
export { parseFetchableUrl } from './url-safety.ts';

import { normalizeLink } from './feed-parse.ts';

export const ARTICLE_TYPES = ['text/html', 'text/plain', 'application/xhtml+xml'] as const;
const FILE_TYPES = [
  'text/plain',
  'text/html',
  'text/markdown',
  'text/x-markdown',
  'application/octet-stream',
  'application/xhtml+xml',
];
const FILE_EXTENSIONS = ['.txt', '.html', '.htm', '.md', '.markdown'];
/** Fewer words than this is not an article (a teaser, a paywall notice, an error page). */
export const MIN_WORDS = 60;

export function createFetcher(opts: {
  allowed: AllowedHosts;
  resolver?: Resolver | undefined;
  limits?: Partial<FetchLimits> | undefined;
}): SafeFetcher {
  return createSafeFetcher({
    allowed: opts.allowed,
    ...(opts.resolver ? { resolver: opts.resolver } : {}),
    ...(opts.limits ? { limits: opts.limits } : {}),
  });
}

export type Submission =
  | { kind: 'url' | 'feed'; url: string }
  | { kind: 'file'; name: string; size: number; url: string }
  | { kind: 'paste'; text: string };

export interface Prepared extends Extracted {
  /** Where the text came from after redirects (url and feed submissions). */
  url?: string | undefined;
  words: number;
}

function extensionOf(name: string): string {
  const m = /\.[a-z0-9]+$/i.exec(name);
  return m ? m[0].toLowerCase() : '';
}

/** Fetches (when needed) and extracts the article text, with the page's own metadata. */
export async function prepareArticle(
  sub: Submission,
  fetcher: SafeFetcher,
  step: (s: 'fetching' | 'extracting') => Promise<void>,
  maxBytes: number,
): Promise<Prepared> {
  let extracted: Extracted;
  let url: string | undefined;
  let from: 'paste' | 'page' | { file: string };
  if (sub.kind === 'paste') {
    from = 'paste';
    await step('extracting');
    extracted = extractFromPlain(sub.text);
  } else if (sub.kind === 'file') {
    from = { file: sub.name };
    const ext = extensionOf(sub.name);
    if (!FILE_EXTENSIONS.includes(ext))
      throw new CurationError({ code: 'file-type', name: sub.name, allowed: FILE_EXTENSIONS });
    if (sub.size > maxBytes)
      throw new CurationError({
        code: 'file-too-large',
        name: sub.name,
        size: sub.size,
        limitBytes: maxBytes,
      });
    await step('fetching');
    const got = await fetcher.fetchText(sub.url, { accept: FILE_TYPES });
    if (got.notModified) throw new CurationError({ code: 'no-text', from });
    await step('extracting');
    extracted =
      ext === '.html' || ext === '.htm'
        ? extractFromHtml(got.text)
        : ext === '.md' || ext === '.markdown'
          ? extractFromMarkdown(got.text)
          : extractFromPlain(got.text);
  } else {
    from = 'page';
    await step('fetching');
    const got = await fetcher.fetchText(sub.url, { accept: ARTICLE_TYPES });
    if (got.notModified) throw new CurationError({ code: 'no-text', from });
    url = got.url;
    await step('extracting');
    extracted = got.contentType === 'text/plain' ? extractFromPlain(got.text) : extractFromHtml(got.text);
  }
  const words = wordCount(extracted.text);
  if (words === 0) throw new CurationError({ code: 'no-text', from });
  if (words < MIN_WORDS) throw new CurationError({ code: 'text-too-short', words, min: MIN_WORDS });
  return { ...extracted, url, words };
}

export interface ChosenDay {
  published: string;
  publishedFrom: string;
}

/** The curator's day wins; else the page's own; else the curator is asked for it. */
export function choosePublished(
  given: string | undefined,
  prepared: Pick<Extracted, 'published' | 'publishedFrom'>,
): ChosenDay {
  if (given !== undefined) {
    if (!isRealDay(given)) throw new CurationError({ code: 'published-invalid', typed: given });
    return { published: given, publishedFrom: PUBLISHED_FROM.curator };
  }
  if (prepared.published && isRealDay(prepared.published))
    return {
      published: prepared.published,
      publishedFrom: `${PUBLISHED_FROM.pagePrefix}${prepared.publishedFrom ?? 'metadata'}`,
    };
  throw new CurationError({ code: 'published-missing' });
}

/** The ingest draft of an article (pure analysis; the same ingestArticle the CLI runs). */
export function analyseArticle(
  prepared: Prepared,
  day: ChosenDay,
  dataset: Dataset,
  now: Date,
  meta: { title?: string | undefined; publisher?: string | undefined },
) {
  const title = meta.title ?? prepared.title;
  const publisher = meta.publisher ?? prepared.publisher;
  const result = ingestArticle(prepared.text, {
    published: day.published,
    dataset,
    ...(title ? { title: title.slice(0, 200) } : {}),
    ...(publisher ? { publisher: publisher.slice(0, 100) } : {}),
    ...(prepared.language ? { language: prepared.language } : {}),
    file: 'curated.txt',
    now,
  });
  const draft = result.draft;
  const source = draft.records.sources[0];
  if (source)
    source.publishedAt = {
      ...source.publishedAt,
      basis:
        day.publishedFrom === PUBLISHED_FROM.curator
          ? 'publication day given by the curator who submitted it'
          : `publication day stated by ${day.publishedFrom}`,
    };
  return draft;
}

/**
 * Makes a review's records fit the dataset as it is now: the next free source label, and new ids
 * that something published meanwhile has taken are renamed (with every reference to them).
 */
export function fitToDataset(records: DraftRecords, dataset: Dataset): DraftRecords {
  const labels = dataset.sources.map((s) => Number(s.label.slice(1))).filter(Number.isFinite);
  const rename = <T extends { id: string }>(items: T[], taken: ReadonlyMap<string, unknown>) => {
    const map = new Map<string, string>();
    const used = new Set([...taken.keys(), ...items.map((i) => i.id)]);
    for (const item of items) {
      if (!taken.has(item.id)) continue;
      let n = 2;
      const base = item.id.slice(0, 60);
      while (used.has(`${base}-${n}`)) n++;
      map.set(item.id, `${base}-${n}`);
      used.add(`${base}-${n}`);
    }
    return (id: string) => map.get(id) ?? id;
  };
  const src = rename(records.sources, dataset.sourceById);
  const act = rename(records.actors, dataset.actorById);
  const evt = rename(records.events, dataset.eventById);
  const quo = rename(records.quotes, dataset.quoteById);
  const cite = <C extends { source: string }>(c: C): C => ({ ...c, source: src(c.source) });
  return {
    ...records,
    sources: records.sources.map((s, i) => {
      const id = src(s.id);
      return { ...s, id, file: `${id}.txt`, label: `S${Math.max(0, ...labels) + 1 + i}` };
    }),
    actors: records.actors.map((a) => ({
      ...a,
      id: act(a.id),
      roles: a.roles.map((r) => ({ ...r, citation: cite(r.citation) })),
    })),
    events: records.events.map((e) => ({
      ...e,
      id: evt(e.id),
      actors: e.actors.map((x) => ({ ...x, actor: act(x.actor) })),
      citations: e.citations.map(cite),
      related: e.related.map((r) => ({ ...r, event: evt(r.event) })),
    })),
    quotes: records.quotes.map((q) => ({
      ...q,
      id: quo(q.id),
      speaker: act(q.speaker),
      event: evt(q.event),
      citation: cite(q.citation),
    })),
  };
}

export { wordCount };

/** Two links to the same article (fragment, tracking parameters and a trailing slash aside). */
export function sameArticle(a: string, b: string): boolean {
  const na = normalizeLink(a);
  return na !== undefined && na === normalizeLink(b);
}
