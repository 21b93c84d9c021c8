/**
 * Article text from what a curator submits: a web page (Readability on a linkedom DOM), a plain text
 * or Markdown file, or pasted text. The result is one paragraph per line, the form citations count
 * (`[S3 ¶5]` = the fifth non-empty line), with page furniture the page marks as such (navigation,
 * scripts, figure captions, the byline) left out. The page's own metadata (JSON-LD, meta tags, <time>)
 * proposes the title, publisher, language and publication day; nothing is proposed that the page does
 * not state.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

export interface Extracted {
  /** One paragraph per line. */
  text: string;
  title?: string | undefined;
  publisher?: string | undefined;
  /** YYYY-MM-DD as the page states it (in its own time zone when it gives one). */
  published?: string | undefined;
  /** Where `published` came from ("JSON-LD datePublished", "meta article:published_time", …). */
  publishedFrom?: string | undefined;
  byline?: string | undefined;
  /** BCP-47 primary tag ("en") when the page declares one. */
  language?: string | undefined;
}

/** Elements whose text is never article text. */
const SKIP = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'IFRAME',
  'SVG',
  'CANVAS',
  'FIGURE',
  'FIGCAPTION',
  'NAV',
  'ASIDE',
  'FORM',
  'BUTTON',
  'SELECT',
  'FOOTER',
  'HEADER',
  'IMG',
  'VIDEO',
  'AUDIO',
  'PICTURE',
]);
/** Elements that end a paragraph. */
const BLOCK = new Set([
  'P',
  'DIV',
  'SECTION',
  'ARTICLE',
  'MAIN',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'LI',
  'UL',
  'OL',
  'BLOCKQUOTE',
  'PRE',
  'DD',
  'DT',
  'DL',
  'TABLE',
  'TR',
  'TD',
  'TH',
  'HR',
  'BR',
]);

const ARTICLE_TYPES =
  /^(?:News|Reportage|Analysis|Opinion|Review|Background|Report|Scholarly|Satirical|Advertiser)?(?:Article|NewsArticle)$|^(?:BlogPosting|LiveBlogPosting|Report)$/;

interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
  getAttribute?(name: string): string | null;
}

function collapse(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}

/** Paragraph lines of an HTML fragment: one per block, <br> breaks a line, furniture skipped. */
function linesOf(root: DomNode): string[] {
  const lines: string[] = [];
  let current = '';
  const flush = () => {
    const line = collapse(current);
    if (line) lines.push(line);
    current = '';
  };
  const walk = (node: DomNode) => {
    if (node.nodeType === 3) {
      current += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== 1) return;
    const tag = node.nodeName.toUpperCase();
    if (SKIP.has(tag)) return;
    const hidden = node.getAttribute?.('hidden') !== null && node.getAttribute?.('hidden') !== undefined;
    if (hidden || node.getAttribute?.('aria-hidden') === 'true') return;
    const block = BLOCK.has(tag);
    if (block) flush();
    for (const child of Array.from(node.childNodes)) walk(child);
    if (block) flush();
  };
  walk(root);
  flush();
  return lines;
}

/** YYYY-MM-DD from a date string: the date as written when ISO-like, else parsed (UTC). */
export function dayOf(value: string | undefined | null): string | undefined {
  if (!value) return undefined;
  const text = value.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  const candidate = iso
    ? `${iso[1]}-${iso[2]}-${iso[3]}`
    : Number.isNaN(Date.parse(text))
      ? undefined
      : new Date(Date.parse(text)).toISOString().slice(0, 10);
  if (!candidate) return undefined;
  const d = new Date(`${candidate}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === candidate ? candidate : undefined;
}

type Json = Record<string, unknown>;

/** The part of linkedom's Document used here (the project compiles without the DOM lib). */
interface DomElement {
  getAttribute(name: string): string | null;
  textContent: string | null;
}
interface Doc {
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  documentElement: DomElement | null;
  body: unknown;
}

function jsonLdObjects(document: Doc): Json[] {
  const out: Json[] = [];
  const add = (value: unknown) => {
    if (Array.isArray(value)) for (const v of value) add(v);
    else if (value && typeof value === 'object') {
      const obj = value as Json;
      out.push(obj);
      if (obj['@graph']) add(obj['@graph']);
    }
  };
  for (const script of Array.from(document.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      add(JSON.parse(script.textContent ?? ''));
    } catch {
      // a broken block proposes nothing
    }
  }
  return out;
}

function typesOf(obj: Json): string[] {
  const t = obj['@type'];
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string');
}

function nameOf(value: unknown): string | undefined {
  if (typeof value === 'string') return collapse(value) || undefined;
  if (Array.isArray(value)) return nameOf(value[0]);
  if (value && typeof value === 'object') return nameOf((value as Json).name);
  return undefined;
}

function meta(document: Doc, ...keys: string[]): { value: string; key: string } | undefined {
  for (const key of keys) {
    const el =
      document.querySelector(`meta[property="${key}"]`) ??
      document.querySelector(`meta[name="${key}"]`) ??
      document.querySelector(`meta[itemprop="${key}"]`);
    const value = el?.getAttribute('content');
    if (value?.trim()) return { value: value.trim(), key };
  }
  return undefined;
}

interface PageMetadata {
  title?: string | undefined;
  publisher?: string | undefined;
  published?: string | undefined;
  publishedFrom?: string | undefined;
  language?: string | undefined;
}

function pageMetadata(document: Doc): PageMetadata {
  const article = jsonLdObjects(document).find((o) => typesOf(o).some((t) => ARTICLE_TYPES.test(t)));
  const md: PageMetadata = {};
  const ldDate =
    article && typeof article.datePublished === 'string' ? dayOf(article.datePublished) : undefined;
  if (ldDate) {
    md.published = ldDate;
    md.publishedFrom = 'JSON-LD datePublished';
  } else {
    const m = meta(
      document,
      'article:published_time',
      'og:article:published_time',
      'datePublished',
      'parsely-pub-date',
      'sailthru.date',
      'pubdate',
      'publishdate',
      'dc.date.issued',
      'DC.date.issued',
      'dcterms.created',
      'date',
    );
    const fromMeta = dayOf(m?.value);
    if (m && fromMeta) {
      md.published = fromMeta;
      md.publishedFrom = `meta ${m.key}`;
    } else {
      const time =
        document.querySelector('time[itemprop="datePublished"]') ?? document.querySelector('time[pubdate]');
      const fromTime = dayOf(time?.getAttribute('datetime'));
      if (fromTime) {
        md.published = fromTime;
        md.publishedFrom = '<time> datePublished';
      }
    }
  }
  md.title =
    (article && nameOf(article.headline)) ?? meta(document, 'og:title', 'twitter:title')?.value ?? undefined;
  md.publisher =
    (article && nameOf(article.publisher)) ?? meta(document, 'og:site_name', 'application-name')?.value;
  const lang =
    document.documentElement?.getAttribute('lang') ??
    (article && typeof article.inLanguage === 'string' ? article.inLanguage : undefined) ??
    meta(document, 'og:locale')?.value;
  const primary = lang ? /^([a-z]{2})\b/i.exec(lang.replace('_', '-'))?.[1]?.toLowerCase() : undefined;
  if (primary) md.language = primary;
  return md;
}

/** "Talks resume | Daily Planet" → "Talks resume" when the part after the bar is the site's name. */
function withoutSiteName(title: string, site: string | undefined): string {
  if (!site) return title;
  const m = /^(.*?)\s*[|–—-]\s*([^|–—-]+)$/.exec(title);
  return m?.[1] && m[2] && collapse(m[2]).toLowerCase() === site.toLowerCase() ? m[1] : title;
}

/** Readability on a DOM we build from the page; metadata read first (Readability edits the DOM). */
export function extractFromHtml(html: string): Extracted {
  const { document } = parseHTML(html);
  const md = pageMetadata(document as unknown as Doc);
  const parsed = new Readability(document as never, { keepClasses: false }).parse();
  let lines: string[];
  if (parsed?.content) {
    const fragment = parseHTML(`<!doctype html><html><body>${parsed.content}</body></html>`).document;
    lines = linesOf(fragment.body as unknown as DomNode);
  } else {
    lines = linesOf(document.body as unknown as DomNode);
  }
  const byline = parsed?.byline ? collapse(parsed.byline) : undefined;
  const rawTitle = md.title ?? (parsed?.title ? collapse(parsed.title) : undefined);
  const publisher = md.publisher ?? (parsed?.siteName ? collapse(parsed.siteName) : undefined);
  const title = rawTitle ? withoutSiteName(rawTitle, publisher) : undefined;
  // The headline and the byline repeated at the top of the body are not paragraphs of the story.
  while (lines.length > 0) {
    const first = lines[0] ?? '';
    const isTitle = title !== undefined && first.toLowerCase() === title.toLowerCase();
    const isByline =
      (byline !== undefined &&
        first.toLowerCase().replace(/^by\s+/, '') === byline.toLowerCase().replace(/^by\s+/, '')) ||
      /^[Bb]y\s+[\p{Lu}][\p{L}.'’ -]{1,60}(?:,\s*[\p{L} ]{2,40})?$/u.test(first);
    if (!isTitle && !isByline) break;
    lines.shift();
  }
  return {
    text: lines.join('\n'),
    title,
    publisher,
    published: md.published ?? dayOf(parsed?.publishedTime),
    publishedFrom: md.published ? md.publishedFrom : parsed?.publishedTime ? 'page metadata' : undefined,
    byline,
    language: md.language ?? (parsed?.lang ? parsed.lang.slice(0, 2).toLowerCase() : undefined),
  };
}

/** Plain text: one paragraph per non-empty line, whitespace tidied. */
export function extractFromPlain(text: string): Extracted {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n|\r/)
    .map(collapse)
    .filter((l) => l !== '');
  return { text: lines.join('\n') };
}

/**
 * Markdown: headings, list bullets, quote markers, emphasis and link syntax removed; a paragraph
 * that Markdown wraps over several lines becomes one line, as it would be read.
 */
export function extractFromMarkdown(markdown: string): Extracted {
  const paragraphs: string[] = [];
  let current: string[] = [];
  let title: string | undefined;
  const flush = () => {
    const line = collapse(current.join(' '));
    if (line) paragraphs.push(line);
    current = [];
  };
  let fenced = false;
  for (const raw of markdown.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    if (/^\s*(```|~~~)/.test(raw)) {
      fenced = !fenced;
      flush();
      continue;
    }
    if (fenced) {
      current.push(raw);
      flush();
      continue;
    }
    const heading = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(raw);
    if (heading) {
      flush();
      const text = inlineMarkdown(heading[2] ?? '');
      if (heading[1] === '#' && title === undefined && paragraphs.length === 0) title = text;
      else paragraphs.push(text);
      continue;
    }
    if (/^\s*$/.test(raw) || /^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(raw)) {
      flush();
      continue;
    }
    const item = /^\s*(?:[-*+]|\d+[.)])\s+(.*)$/.exec(raw);
    if (item) {
      flush();
      current.push(inlineMarkdown(item[1] ?? ''));
      continue;
    }
    current.push(inlineMarkdown(raw.replace(/^\s{0,3}>\s?/, '')));
  }
  flush();
  return { text: paragraphs.join('\n'), title };
}

function inlineMarkdown(text: string): string {
  return text
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[^\w*])[*_]([^*_\s][^*_]*?)[*_](?=[^\w*]|$)/g, '$1$2')
    .replace(/`([^`]+)`/g, '$1');
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}
