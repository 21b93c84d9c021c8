import { LIMITS } from './limits.ts';

/** Views whose pages are reached through buttons; their query travels in the custom_id. */
export type PagedView = 'tl' | 'qt' | 'se' | 'ac';

export interface PageState {
  view: PagedView;
  page: number;
  /** Short keys (a=actor, t=topic, f=from, u=until, s=speaker, x=text, q=query, k=kind). */
  params: Record<string, string>;
}

const VIEWS: ReadonlySet<string> = new Set(['tl', 'qt', 'se', 'ac']);

/**
 * Encodes pagination state into a custom_id (≤ 100 chars) so paging survives restarts. Free text
 * is shortened (never ids) when the whole would not fit; `shortened` says so.
 */
export function encodePageState(state: PageState): { id: string; shortened: boolean } {
  const head = `${state.view}|${state.page}`;
  const parts = Object.entries(state.params)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => [k, encodeURIComponent(v)] as const);
  let id = [head, ...parts.map(([k, v]) => `${k}=${v}`)].join('|');
  let shortened = false;
  while (id.length > LIMITS.customId) {
    const longest = [...parts].sort((a, b) => b[1].length - a[1].length)[0];
    if (!longest || longest[1].length === 0) break;
    const i = parts.indexOf(longest);
    const raw = decodeURIComponent(longest[1]);
    const shorter = encodeURIComponent(
      raw.slice(0, Math.max(0, raw.length - (id.length - LIMITS.customId) - 1)),
    );
    parts[i] = [longest[0], shorter];
    shortened = true;
    id = [head, ...parts.map(([k, v]) => `${k}=${v}`)].join('|');
  }
  return { id: id.slice(0, LIMITS.customId), shortened };
}

export function decodePageState(id: string): PageState | undefined {
  const [view, pageText, ...rest] = id.split('|');
  if (!view || !VIEWS.has(view) || pageText === undefined || !/^\d{1,6}$/.test(pageText)) return undefined;
  const params: Record<string, string> = {};
  for (const part of rest) {
    const eq = part.indexOf('=');
    if (eq <= 0) return undefined;
    try {
      params[part.slice(0, eq)] = decodeURIComponent(part.slice(eq + 1));
    } catch {
      return undefined;
    }
  }
  return { view: view as PagedView, page: Number(pageText), params };
}
