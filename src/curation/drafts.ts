/**
 * Review state in the store, so a review survives restarts and several processes can serve one:
 * `curation-drafts` holds each review (`<guild>:<draft>`, changed only by compare-and-swap, so two
 * curators clicking at once both land), `curation-texts` the article text it cites, `curation-urls`
 * which article a server already has under review, `curation-locks` the publish lock.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { Store } from '../store/index.ts';
import { CurationError } from './errors.ts';
import type { ReviewState } from './review.ts';

const NS = {
  drafts: 'curation-drafts',
  texts: 'curation-texts',
  urls: 'curation-urls',
  locks: 'curation-locks',
} as const;

/** How long a finished (published or discarded) review and its text are kept. */
const FINISHED_TTL_MS = 30 * 24 * 3_600_000;
const ID_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** 8 characters, no look-alikes: short enough to type in /curate discard and to travel in custom_ids. */
export function newDraftId(): string {
  const bytes = randomBytes(8);
  return Array.from(bytes, (b) => ID_ALPHABET[b % ID_ALPHABET.length]).join('');
}

export class DraftStore {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  now(): string {
    return this.clock.now().toISOString();
  }

  /** Stores the text first, then the review: a review never exists without what it cites. */
  async create(state: ReviewState, text: string): Promise<void> {
    await this.store.set(NS.texts, state.id, text);
    const fresh = await this.store.claim(NS.drafts, key(state.guildId, state.id), state);
    if (!fresh) throw new Error(`draft id ${state.id} is taken`);
  }

  get(guildId: string, draftId: string): Promise<ReviewState | undefined> {
    return this.store.get<ReviewState>(NS.drafts, key(guildId, draftId));
  }

  async require(guildId: string, draftId: string): Promise<ReviewState> {
    const state = /^[a-z0-9]{1,16}$/.test(draftId) ? await this.get(guildId, draftId) : undefined;
    if (!state) throw new CurationError({ code: 'no-such-draft', typed: draftId });
    return state;
  }

  /**
   * Compare-and-swap: `change` sees the current state and returns the next one (it may run more than
   * once; a CurationError it throws comes back as it is and nothing is written).
   */
  async update(
    guildId: string,
    draftId: string,
    change: (state: ReviewState) => ReviewState,
  ): Promise<ReviewState> {
    let finished = false;
    const next = await this.store.update<ReviewState>(NS.drafts, key(guildId, draftId), (current) => {
      if (!current) throw new CurationError({ code: 'no-such-draft', typed: draftId });
      const updated = change(current);
      finished = updated !== current && (updated.status === 'published' || updated.status === 'discarded');
      return updated;
    });
    if (!next) throw new CurationError({ code: 'no-such-draft', typed: draftId });
    if (finished) await this.expireLater(next);
    return next;
  }

  private async expireLater(state: ReviewState): Promise<void> {
    await this.store.update<ReviewState>(NS.drafts, key(state.guildId, state.id), (s) => s, FINISHED_TTL_MS);
    const text = await this.store.get<string>(NS.texts, state.id);
    if (text !== undefined) await this.store.set(NS.texts, state.id, text, FINISHED_TTL_MS);
  }

  text(draftId: string): Promise<string | undefined> {
    return this.store.get<string>(NS.texts, draftId);
  }

  /** Every review of a server, newest first. */
  async list(guildId: string): Promise<ReviewState[]> {
    const entries = await this.store.list<ReviewState>(NS.drafts, `${guildId}:`);
    return entries.map((e) => e.value).sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
  }

  /**
   * Records that a server has `url` under review as `draftId`; returns the id of an open review
   * that already has it instead (across processes: a claim).
   */
  async claimUrl(guildId: string, url: string, draftId: string): Promise<string | undefined> {
    const k = `${guildId}:${urlKey(url)}`;
    if (await this.store.claim(NS.urls, k, draftId)) return undefined;
    const existing = await this.store.get<string>(NS.urls, k);
    const state = existing ? await this.get(guildId, existing) : undefined;
    if (state && (state.status === 'open' || state.status === 'publishing')) return state.id;
    await this.store.set(NS.urls, k, draftId);
    return undefined;
  }

  /** One publish at a time per store: they all write the same data files. */
  async lockPublishing(owner: string, ttlMs: number): Promise<boolean> {
    return this.store.claim(NS.locks, 'publish', { owner, at: this.now() }, ttlMs);
  }

  async unlockPublishing(owner: string): Promise<void> {
    await this.store.update<{ owner: string }>(NS.locks, 'publish', (lock) =>
      lock?.owner === owner ? undefined : lock,
    );
  }
}

function key(guildId: string, draftId: string): string {
  return `${guildId}:${draftId}`;
}

/** The same article behind small URL differences (fragment, tracking parameters, trailing slash). */
export function urlKey(url: string): string {
  try {
    const u = new URL(url);
    u.hash = '';
    for (const name of [...u.searchParams.keys()])
      if (/^(utm_|fbclid|gclid|mc_|ref$|cmpid$)/i.test(name)) u.searchParams.delete(name);
    const text = u.href.replace(/\/$/, '');
    return hash(text.toLowerCase());
  } catch {
    return hash(url);
  }
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}
