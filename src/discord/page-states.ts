/**
 * Where paged views keep queries too long for a button's custom_id (render/paged-view.ts): the
 * bot's store, under the query's short hash. Saving refreshes the expiry, so a list that is still
 * being paged through stays; a button older than that asks to run the command again.
 */
import type { PageKeys } from '../render/paged-view.ts';
import type { Store } from '../store/types.ts';
import type { PageStates } from './command.ts';

const NAMESPACE = 'page-states';
/** How long a stored query outlives its last use. */
export const PAGE_STATE_TTL_MS = 90 * 24 * 60 * 60 * 1000;

export function storedPageStates(store: Pick<Store, 'get' | 'set'>): PageStates {
  return {
    save: (key, keys) => store.set(NAMESPACE, key, keys, PAGE_STATE_TTL_MS),
    load: async (key) => {
      const keys = await store.get<unknown>(NAMESPACE, key);
      return isKeys(keys) ? keys : undefined;
    },
  };
}

/** In memory, for the preview CLI and tests: lives as long as the process. */
export function memoryPageStates(): PageStates {
  const saved = new Map<string, PageKeys>();
  return {
    save: async (key, keys) => {
      saved.set(key, { ...keys });
    },
    load: async (key) => saved.get(key),
  };
}

function isKeys(value: unknown): value is PageKeys {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((v) => typeof v === 'string')
  );
}
