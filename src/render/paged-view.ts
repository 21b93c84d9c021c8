/**
 * Paged views: a list whose Previous / Next buttons carry the query, so paging survives restarts.
 * Each view has a short code (the custom_id's first part, which routes a click back to its command)
 * and a codec that turns its typed parameters into short keys and back; the keys are the codec's own
 * business. PURE.
 *
 *   custom_id = `${code}|${page}|${key}=${uriEncoded value}|…`   the query itself, when it fits
 *   custom_id = `${code}|${page}|@=${hash}`                       otherwise: the query is stored
 *
 * A query is never shortened to fit Discord's 100 characters: when its encoding is too long (long or
 * non-ASCII text, or text that cannot travel in a custom_id at all, such as a lone surrogate), the
 * command stores the keys under a short hash of them and the button carries the hash.
 */
import { createHash } from 'node:crypto';
import { LIMITS } from './limits.ts';

/** A view's parameters as short keys and their (unencoded) values. */
export type PageKeys = Readonly<Record<string, string>>;

export interface PageCodec<P> {
  /** Short keys to values; empty and undefined values are left out. */
  encode(params: P): Record<string, string | undefined>;
  /** The parameters back, or undefined when the keys do not make a valid query (a forged or old button). */
  decode(raw: PageKeys): P | undefined;
}

/** Where a query's buttons keep it: in the custom_id, or in the store under `key`. */
export type PageState =
  | { readonly code: string; readonly inline: string }
  | { readonly code: string; readonly key: string; readonly keys: PageKeys };

export interface PagedView<P> {
  readonly code: string;
  /** How buttons for `params` carry them (see the module comment). */
  state(params: P): PageState;
  decode(raw: PageKeys): P | undefined;
}

/** What a page button says: which view, which page, and its still-encoded keys or a stored state's key. */
export interface PageButton {
  code: string;
  page: number;
  raw: Record<string, string>;
  /** Set when the query was stored: the key to load it with. */
  stored?: string;
}

const CODE = /^[a-z]{1,8}$/;
const KEY = /^[a-z]{1,3}$/;
/** The key of a stored state; not a valid codec key. */
const STORED = '@';
/** Page numbers take at most this many digits (see parsePageButton). */
const MAX_PAGE_DIGITS = 6;
const STORED_KEY = /^[A-Za-z0-9_-]{16}$/;

export function definePagedView<P>(code: string, codec: PageCodec<P>): PagedView<P> {
  if (!CODE.test(code)) throw new Error(`paged view code must match ${CODE} (got "${code}")`);
  return {
    code,
    state: (params) => stateOf(code, codec.encode(params)),
    decode: (raw) => codec.decode(raw),
  };
}

/** A lone surrogate cannot be URI-encoded (nor sent as UTF-8): such text is stored, never altered. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function stateOf(code: string, params: Record<string, string | undefined>): PageState {
  const keys: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) {
    if (!KEY.test(k)) throw new Error(`page keys must match ${KEY} (got "${k}")`);
    if (v !== undefined && v !== '') keys[k] = v;
  }
  const entries = Object.entries(keys).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (!entries.some(([, v]) => LONE_SURROGATE.test(v))) {
    const inline = entries.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('|');
    const widest = `${code}|${'9'.repeat(MAX_PAGE_DIGITS)}${inline ? `|${inline}` : ''}`;
    if (widest.length <= LIMITS.customId) return { code, inline };
  }
  const digest = createHash('sha256').update(code).update('\u0000').update(JSON.stringify(entries));
  return { code, key: digest.digest('base64url').slice(0, 16), keys: Object.fromEntries(entries) };
}

/** The custom_id of the button that shows `page` of the list whose state this is. */
export function pageCustomId(state: PageState, page: number): string {
  const params = 'inline' in state ? state.inline : `${STORED}=${state.key}`;
  return `${state.code}|${page}${params ? `|${params}` : ''}`;
}

/** Reads a page button's custom_id; undefined for anything else (including malformed ids). */
export function parsePageButton(customId: string): PageButton | undefined {
  const [code, pageText, ...rest] = customId.split('|');
  if (!code || !CODE.test(code) || pageText === undefined) return undefined;
  if (!new RegExp(`^\\d{1,${MAX_PAGE_DIGITS}}$`).test(pageText)) return undefined;
  const raw: Record<string, string> = {};
  for (const part of rest) {
    const eq = part.indexOf('=');
    if (eq <= 0) return undefined;
    const key = part.slice(0, eq);
    if ((key !== STORED && !KEY.test(key)) || Object.hasOwn(raw, key)) return undefined;
    try {
      raw[key] = decodeURIComponent(part.slice(eq + 1));
    } catch {
      return undefined;
    }
  }
  const page = Number(pageText);
  if (Object.hasOwn(raw, STORED)) {
    const stored = raw[STORED];
    if (rest.length !== 1 || stored === undefined || !STORED_KEY.test(stored)) return undefined;
    return { code, page, raw: {}, stored };
  }
  return { code, page, raw };
}
