/**
 * Curation in the running bot: submitting an article (fetch, extract, analyse, post the review),
 * deciding and editing items, publishing, discarding. Review state lives in the store (drafts.ts);
 * the heavy work (pipeline.ts: NLP, Readability, the truth guards) is loaded on first use only.
 */
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { ProgressStep } from '../render/curate.ts';
import {
  renderProblems,
  renderPublishedNote,
  renderReviewPage,
  renderReviewSummary,
  reviewPages,
  reviewThreadName,
  reviewTranslator,
} from '../render/curate.ts';
import type { Store } from '../store/index.ts';
import { DraftStore, newDraftId } from './drafts.ts';
import {
  type FormFields,
  parseActorForm,
  parseEventForm,
  parseQuoteForm,
  parseSourceForm,
  resolveSpeaker,
} from './edit-form.ts';
import { CurationError } from './errors.ts';
import {
  type Curator,
  type Decision,
  decide,
  editItem,
  findItem,
  PUBLISHED_FROM,
  type ReviewProblem,
  type ReviewState,
  recordsForPublish,
  reviewFromDraft,
  reviewProblems,
} from './review.ts';
import type { FetchLimits, SafeFetcher } from './safe-fetch.ts';
import type { CurationDataset, CurationPoster } from './types.ts';
import type { AllowedHosts, Resolver } from './url-safety.ts';

type Pipeline = typeof import('./pipeline.ts');

export interface CurationServiceDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  dataset: CurationDataset;
  dataDir: string;
  poster: CurationPoster;
  allowHosts: AllowedHosts;
  resolver?: Resolver | undefined;
  fetchLimits?: Partial<FetchLimits> | undefined;
  /** Where reviews are posted (else where the command was run). */
  reviewChannelId?: string | undefined;
  /** Identifies this process in publish leases. */
  processId: string;
}

export type ArticleRequest =
  | { kind: 'url'; url: string }
  | { kind: 'file'; name: string; size: number; url: string }
  | { kind: 'paste'; text: string }
  | { kind: 'feed'; url: string; feedId: string };

export interface SubmitRequest {
  guildId: string;
  channelId: string;
  by: Curator;
  article: ArticleRequest;
  published?: string | undefined;
  title?: string | undefined;
  publisher?: string | undefined;
  /** Feeds: post in this channel whatever CURATION_CHANNEL_ID says. */
  reviewChannelId?: string | undefined;
  /** Feeds: the item's own date, used when the page states none. */
  publishedFallback?: string | undefined;
  /** Feeds: refuse (off-topic) an article that names none of the dataset's actors or topics. */
  requireRelevant?: boolean;
  /** The language code the review's shared messages speak (see ReviewState.language). */
  language?: string | undefined;
}

/** How long a publish may hold its lease before another process may take over. */
const PUBLISH_LEASE_MS = 2 * 60_000;

export function createCurationService(deps: CurationServiceDeps) {
  const { clock, logger } = deps;
  const drafts = new DraftStore(deps.store, clock);
  const now = () => clock.now().toISOString();
  let pipeline: Promise<Pipeline> | undefined;
  let fetcher: SafeFetcher | undefined;
  const heavy = (): Promise<Pipeline> => {
    pipeline ??= import('./pipeline.ts').catch((error: unknown) => {
      pipeline = undefined;
      throw error;
    });
    return pipeline;
  };
  const fetcherOf = (p: Pipeline): SafeFetcher => {
    fetcher ??= p.createFetcher({
      allowed: deps.allowHosts,
      resolver: deps.resolver,
      limits: deps.fetchLimits,
    });
    return fetcher;
  };
  const maxBytes = deps.fetchLimits?.maxBytes ?? 2 * 1024 * 1024;

  /** Re-renders the summary and, when given, the pages holding these items (best effort). */
  async function refreshMessages(state: ReviewState, pages: 'all' | readonly number[] = []): Promise<void> {
    const dataset = deps.dataset.current();
    const t = reviewTranslator(state);
    try {
      if (state.summaryMessageId)
        await deps.poster.edit(state.channelId, state.summaryMessageId, renderReviewSummary(t, state));
      const where = state.threadId ?? state.channelId;
      const list = pages === 'all' ? state.pages.map((_, i) => i) : pages;
      for (const i of list) {
        const page = state.pages[i];
        if (page) await deps.poster.edit(where, page.messageId, renderReviewPage(t, state, i, dataset));
      }
    } catch (error) {
      logger.warn({ err: error, draft: state.id }, 'could not update the review messages');
    }
  }

  async function postReview(state: ReviewState): Promise<ReviewState> {
    const dataset = deps.dataset.current();
    const t = reviewTranslator(state);
    const summary = await deps.poster.post(state.channelId, renderReviewSummary(t, state));
    let threadId: string | undefined;
    try {
      threadId = (await deps.poster.startThread(state.channelId, summary.id, reviewThreadName(t, state))).id;
    } catch (error) {
      logger.warn(
        { err: error, channelId: state.channelId },
        'could not start a review thread; posting the items in the channel',
      );
    }
    const where = threadId ?? state.channelId;
    const layout = reviewPages(state);
    const withThread: ReviewState = { ...state, threadId, summaryMessageId: summary.id };
    const pages: ReviewState['pages'] = [];
    for (let i = 0; i < layout.length; i++) {
      const posted = await deps.poster.post(where, renderReviewPage(t, { ...withThread, pages }, i, dataset));
      pages.push({ messageId: posted.id, keys: layout[i] ?? [] });
    }
    const saved = await drafts.update(state.guildId, state.id, (s) => ({
      ...s,
      threadId,
      summaryMessageId: summary.id,
      pages,
      version: s.version + 1,
    }));
    // The summary now names the thread.
    await refreshMessages(saved);
    return saved;
  }

  async function submit(
    req: SubmitRequest,
    progress: (step: ProgressStep) => Promise<void>,
  ): Promise<ReviewState> {
    const p = await heavy();
    const dataset = deps.dataset.current();
    const article = req.article;
    if (article.kind === 'url' || article.kind === 'feed') {
      const known = dataset.sources.find((s) => s.url && p.sameArticle(s.url, article.url));
      if (known)
        throw new CurationError({ code: 'already-ingested', sourceId: known.id, label: known.label });
    }
    const prepared = await p.prepareArticle(
      article.kind === 'feed' ? { kind: 'feed', url: article.url } : article,
      fetcherOf(p),
      (s) => progress(s),
      maxBytes,
    );
    if (
      req.requireRelevant &&
      !p.isRelevant(p.relevanceMatcher(dataset)(`${prepared.title ?? ''}\n${prepared.text}`))
    )
      throw new CurationError({ code: 'off-topic' });
    let day: ReturnType<Pipeline['choosePublished']>;
    try {
      day = p.choosePublished(req.published, prepared);
    } catch (error) {
      if (!(error instanceof CurationError) || error.code !== 'published-missing' || !req.publishedFallback)
        throw error;
      day = { published: req.publishedFallback, publishedFrom: PUBLISHED_FROM.feed };
    }
    await progress('analysing');
    const id = newDraftId();
    const url = prepared.url ?? (article.kind === 'url' || article.kind === 'feed' ? article.url : undefined);
    if (url) {
      const known = dataset.sources.find((s) => s.url && p.sameArticle(s.url, url));
      if (known)
        throw new CurationError({ code: 'already-ingested', sourceId: known.id, label: known.label });
      const open = await drafts.claimUrl(req.guildId, url, id);
      if (open) throw new CurationError({ code: 'already-drafted', draftId: open });
    }
    const draft = p.analyseArticle(prepared, day, dataset, clock.now(), {
      title: req.title,
      publisher: req.publisher,
    });
    const state = reviewFromDraft(draft, {
      id,
      guildId: req.guildId,
      channelId: req.reviewChannelId ?? deps.reviewChannelId ?? req.channelId,
      createdBy: req.by,
      createdAt: now(),
      origin:
        article.kind === 'url'
          ? { kind: 'url', url }
          : article.kind === 'feed'
            ? { kind: 'feed', url, feedId: article.feedId }
            : article.kind === 'file'
              ? { kind: 'file', name: article.name }
              : { kind: 'paste' },
      publishedFrom: day.publishedFrom,
      words: prepared.words,
      language: req.language,
    });
    await drafts.create(state, prepared.text);
    await progress('posting');
    return postReview(state);
  }

  async function decideItem(guildId: string, draftId: string, key: string, decision: Decision, by: Curator) {
    const state = await drafts.update(guildId, draftId, (s) => decide(s, key, decision, by, now()));
    void refreshMessages(state);
    return state;
  }

  async function edit(
    guildId: string,
    draftId: string,
    key: string,
    rev: number,
    fields: FormFields,
    by: Curator,
  ) {
    const current = await drafts.require(guildId, draftId);
    const item = findItem(current, key);
    const dataset = deps.dataset.current();
    // Parsed once against the state as read; applied with compare-and-swap at the revision the form had.
    const state = await drafts.update(guildId, draftId, (s) => {
      switch (item.kind) {
        case 'source':
          return editItem(s, key, 'source', rev, parseSourceForm(fields), by, now());
        case 'event':
          return editItem(s, key, 'event', rev, parseEventForm(fields, item.record, dataset), by, now());
        case 'quote':
          return editItem(s, key, 'quote', rev, parseQuoteForm(fields, dataset, s), by, now());
        case 'actor':
          return editItem(s, key, 'actor', rev, parseActorForm(fields), by, now());
      }
    });
    void refreshMessages(state);
    return state;
  }

  async function chooseSpeaker(
    guildId: string,
    draftId: string,
    key: string,
    rev: number,
    speaker: string,
    by: Curator,
  ) {
    const dataset = deps.dataset.current();
    const state = await drafts.update(guildId, draftId, (s) => {
      const id = resolveSpeaker(speaker, dataset, s);
      return editItem(s, key, 'quote', rev, { speaker: id }, by, now());
    });
    const page = state.pages.findIndex((p) => p.keys.includes(key));
    void refreshMessages(state, page >= 0 ? [page] : []);
    return state;
  }

  async function discard(guildId: string, draftId: string, by: Curator) {
    const state = await drafts.update(guildId, draftId, (s) => {
      if (s.status !== 'open') throw new CurationError({ code: 'draft-closed', draftId, status: s.status });
      return { ...s, status: 'discarded', discarded: { at: now(), by }, version: s.version + 1 };
    });
    await refreshMessages(state, 'all');
    return state;
  }

  /** Problems of the publish step, pointed at the items they are about. */
  function toReviewProblems(
    problems: readonly { file: string; path: string; message: string }[],
    itemOf: Map<string, string>,
    draftPath: string,
  ): ReviewProblem[] {
    return problems.map((p) => {
      const m = /^records\.([a-z]+\[\d+\])(?:\.?(.*))?$/.exec(p.path);
      const item = p.file === draftPath && m ? itemOf.get(m[1] ?? '') : undefined;
      if (item) return { item, field: m?.[2] || undefined, message: p.message };
      return { message: `${p.file}: ${p.path}: ${p.message}` };
    });
  }

  async function publish(guildId: string, draftId: string, by: Curator): Promise<ReviewState> {
    const startedAt = clock.now();
    // 1. Take the review: one publish at a time per review, across processes (a lease).
    let state = await drafts.update(guildId, draftId, (s) => {
      if (s.status === 'published') return s;
      const leaseLive =
        s.status === 'publishing' && s.publishing && Date.parse(s.publishing.until) > startedAt.getTime();
      if (leaseLive) throw new CurationError({ code: 'publish-busy', draftId });
      if (s.status !== 'open' && s.status !== 'publishing')
        throw new CurationError({ code: 'draft-closed', draftId, status: s.status });
      return {
        ...s,
        status: 'publishing',
        publishing: {
          by,
          at: now(),
          until: new Date(startedAt.getTime() + PUBLISH_LEASE_MS).toISOString(),
          owner: deps.processId,
        },
        version: s.version + 1,
      };
    });
    if (state.status === 'published') return state;
    void refreshMessages(state);
    const fail = async (problems: ReviewProblem[]) => {
      const failed = await drafts.update(guildId, draftId, (s) =>
        s.publishing?.owner === deps.processId && s.status === 'publishing'
          ? {
              ...s,
              status: 'open',
              publishing: undefined,
              lastPublish: { at: now(), by, problems },
              version: s.version + 1,
            }
          : s,
      );
      await refreshMessages(failed, 'all');
      const where = failed.threadId ?? failed.channelId;
      for (const message of renderProblems(reviewTranslator(failed), failed, problems))
        await deps.poster.post(where, message).catch(() => undefined);
      return failed;
    };
    // 2. Decisions first: every item decided, accepted items complete and consistent.
    const pending = reviewProblems(state);
    if (pending.length > 0) return fail(pending);
    // 3. One publish at a time across reviews: they write the same files.
    let locked = false;
    for (let i = 0; i < 40 && !locked; i++) {
      locked = await drafts.lockPublishing(deps.processId, PUBLISH_LEASE_MS);
      if (!locked) await new Promise((r) => setTimeout(r, 250));
    }
    if (!locked) {
      await drafts.update(guildId, draftId, (s) =>
        s.publishing?.owner === deps.processId
          ? { ...s, status: 'open', publishing: undefined, version: s.version + 1 }
          : s,
      );
      throw new CurationError({ code: 'publish-busy', draftId });
    }
    try {
      const p = await heavy();
      const dataset = deps.dataset.current();
      // A process that died after writing but before recording it: the source is in the dataset already.
      const already = dataset.sources.find((s) => s.curation?.draft === draftId);
      if (already) {
        state = await drafts.update(guildId, draftId, (s) => ({
          ...s,
          status: 'published',
          publishing: undefined,
          outcome: {
            at: now(),
            by,
            sourceId: already.id,
            label: already.label,
            added: {
              events: dataset.events.filter((e) => e.reviewed?.draft === draftId).map((e) => e.id),
              quotes: dataset.quotes.filter((q) => q.reviewed?.draft === draftId).map((q) => q.id),
              actors: dataset.actors.filter((a) => a.reviewed?.draft === draftId).map((a) => a.id),
            },
            versionBefore: dataset.version,
            versionAfter: dataset.version,
          },
          version: s.version + 1,
        }));
        await refreshMessages(state, 'all');
        return state;
      }
      const text = await drafts.text(draftId);
      if (text === undefined)
        return fail([
          {
            message: 'the article text of this review is gone from the store: submit the article again',
            note: { code: 'text-gone' },
          },
        ]);
      const { records, itemOf } = recordsForPublish(state, by, now());
      const fitted = p.fitToDataset(records, dataset);
      const source = fitted.sources[0];
      if (!source) throw new Error('a review always publishes its source');
      const draftPath = `review ${draftId}`;
      const result = await p.applyDraft({
        dataDir: deps.dataDir,
        draft: { format: 'briefbot-ingest-draft/1', records: fitted },
        draftPath,
        sourceTexts: new Map([[source.file, text]]),
        storeText: { sourceId: source.id, text },
      });
      if (!result.ok) return fail(toReviewProblems(result.problems, itemOf, draftPath));
      const reloaded = await deps.dataset.reload();
      if (!reloaded.ok)
        logger.error({ draft: draftId }, 'published files did not reload: check the dataset logs');
      state = await drafts.update(guildId, draftId, (s) => ({
        ...s,
        status: 'published',
        publishing: undefined,
        lastPublish: undefined,
        outcome: {
          at: now(),
          by,
          sourceId: source.id,
          label: source.label,
          added: { events: result.added.events, quotes: result.added.quotes, actors: result.added.actors },
          versionBefore: result.versionBefore,
          versionAfter: result.versionAfter,
        },
        version: s.version + 1,
      }));
      logger.info(
        {
          draft: draftId,
          source: source.id,
          events: result.added.events.length,
          quotes: result.added.quotes.length,
          ms: clock.now().getTime() - startedAt.getTime(),
        },
        'curation review published',
      );
      await refreshMessages(state, 'all');
      await deps.poster
        .post(
          state.threadId ?? state.channelId,
          renderPublishedNote(reviewTranslator(state), state, deps.dataset.current()),
        )
        .catch((error: unknown) => logger.warn({ err: error }, 'could not post the publish note'));
      return state;
    } catch (error) {
      if (!(error instanceof CurationError)) {
        logger.error({ err: error, draft: draftId }, 'publish failed');
        return fail([
          {
            message: 'publishing failed on the bot’s side (logged); nothing was written. Try again.',
            note: { code: 'failed' },
          },
        ]);
      }
      throw error;
    } finally {
      await drafts.unlockPublishing(deps.processId).catch(() => undefined);
    }
  }

  return {
    drafts,
    submit,
    decide: decideItem,
    edit,
    chooseSpeaker,
    discard,
    publish,
    refreshMessages,
    queue: (guildId: string) => drafts.list(guildId),
    state: (guildId: string, draftId: string) => drafts.require(guildId, draftId),
    /** The guarded fetcher (feeds share it). */
    fetcher: (p: Pipeline) => fetcherOf(p),
    /** Loads the heavy half now (the bot does this only when curation is used). */
    warm: () => heavy().then(() => undefined),
  };
}

export type CurationService = ReturnType<typeof createCurationService>;
