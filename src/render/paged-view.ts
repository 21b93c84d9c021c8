/**
 * Paged views: a list whose Previous / Next buttons carry the query in their custom_id, so paging
 * survives restarts. Each view has a short code (the custom_id's first part, which routes a click back
 * to its command) and a codec that turns its typed parameters into short keys and back; the keys are
 * the codec's own business. PURE.
 *
 *   custom_id = `${code}|${page}|${key}=${uriEncoded value}|…` (at most 100 characters)
 */
import { LIMITS } from './limits.ts';

export interface PageCodec<P> {
  /** Short keys to values; empty and undefined values are left out. */
  encode(params: P): Record<string, string | undefined>;
  /** The parameters back, or undefined when the keys do not make a valid query (an old button). */
  decode(raw: Readonly<Record<string, string>>): P | undefined;
}

export interface PagedView<P> {
  readonly code: string;
  /** The custom_id of a button that shows `page` (zero-based) of the view for `params`. */
  customId(params: P, page: number): string;
  decode(raw: Readonly<Record<string, string>>): P | undefined;
}

/** What a page button says: which view, which page, and the view's still-encoded parameters. */
export interface PageButton {
  code: string;
  page: number;
  raw: Record<string, string>;
}

const CODE = /^[a-z]{1,8}$/;

export function definePagedView<P>(code: string, codec: PageCodec<P>): PagedView<P> {
  if (!CODE.test(code)) throw new Error(`paged view code must match ${CODE} (got "${code}")`);
  return {
    code,
    customId: (params, page) => encodeButton(code, page, codec.encode(params)),
    decode: (raw) => codec.decode(raw),
  };
}

/**
 * Joins the parts into a custom_id within Discord's 100 characters. When the whole does not fit, the
 * longest value (free text: a search query, quoted words) is shortened until it does.
 */
function encodeButton(code: string, page: number, params: Record<string, string | undefined>): string {
  const head = `${code}|${page}`;
  const parts = Object.entries(params)
    .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '')
    .map(([k, v]) => [k, encodeURIComponent(v)] as [string, string]);
  const join = () => [head, ...parts.map(([k, v]) => `${k}=${v}`)].join('|');
  let id = join();
  while (id.length > LIMITS.customId) {
    const longest = [...parts].sort((a, b) => b[1].length - a[1].length)[0];
    if (!longest || longest[1].length === 0) break;
    const raw = decodeURIComponent(longest[1]);
    const shorter = raw.slice(0, Math.max(0, raw.length - (id.length - LIMITS.customId) - 1));
    parts[parts.indexOf(longest)] = [longest[0], encodeURIComponent(shorter)];
    id = join();
  }
  return id.slice(0, LIMITS.customId);
}

/** Reads a page button's custom_id; undefined for anything else (including malformed ids). */
export function parsePageButton(customId: string): PageButton | undefined {
  const [code, pageText, ...rest] = customId.split('|');
  if (!code || !CODE.test(code) || pageText === undefined || !/^\d{1,6}$/.test(pageText)) return undefined;
  const raw: Record<string, string> = {};
  for (const part of rest) {
    const eq = part.indexOf('=');
    if (eq <= 0) return undefined;
    try {
      raw[part.slice(0, eq)] = decodeURIComponent(part.slice(eq + 1));
    } catch {
      return undefined;
    }
  }
  return { code, page: Number(pageText), raw };
}
