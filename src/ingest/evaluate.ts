import { formatPartialDate } from '../domain/dates.ts';
import type { Dataset } from '../domain/model.ts';
import type { Source } from '../domain/schema.ts';
import { normalizeName } from '../domain/text.ts';
import { foldForVerbatim } from '../domain/verify.ts';
import { ingestArticle } from './ingest.ts';
import { SPEAKER_THRESHOLD } from './speakers.ts';

/**
 * Ingest measured against the curated dataset. For an article the dataset already cites, the draft
 * ingest proposes is compared with what curators recorded from it:
 * - a curated quote is found when a proposed quote from the same paragraph contains it (after
 *   foldForVerbatim), or it contains the proposed one; its speaker is right when one such quote
 *   names the curated speaker;
 * - a curated event's date is right when an event candidate citing an overlapping paragraph has
 *   the same date value and precision;
 * - a curated actor (of the source's events, quotes and roles) is found when the draft mentions it.
 * Ingest reads only the dataset's actors, topics and ids, never its events or quotes.
 */

export const GOALS = { quotesWithSpeaker: 0.95, eventDates: 0.9 } as const;

/** Names a curator would accept as new actors from an article: what "clean proposal" is checked against. */
export interface AcceptableNames {
  people: string[];
  organizations: string[];
  states: string[];
}

export interface Count {
  total: number;
  hit: number;
}

export interface ArticleEvaluation {
  file: string;
  source: string;
  label: string;
  published: string;
  quotesFound: Count;
  quotesWithSpeaker: Count;
  /** Chosen speaker wrong with a confidence at or above the review threshold. */
  confidentlyWrong: Count;
  leftUnknown: Count;
  /** Strict: the proposed event has the curated date and its date comes from a paragraph the curated event cites. */
  eventDates: Count;
  actorsFound: Count;
  /** New actors proposed whose name a curator would accept as it is (when names are given). */
  cleanProposals: Count;
  /** Proposed quotes that match no curated quote (curators left them out, or they are wrong). */
  extraQuotes: number;
  paragraphs: { curated: number; proposed: number };
  furniture: { curated: number[]; proposed: number[] };
  misses: string[];
}

const pct = (c: Count) => (c.total === 0 ? 1 : c.hit / c.total);
export const formatPct = (c: Count) => `${(pct(c) * 100).toFixed(1)}%`;
export const formatCount = (c: Count) => `${c.hit}/${c.total} (${(pct(c) * 100).toFixed(1)}%)`;

export function evaluateArticle(
  text: string,
  source: Source,
  dataset: Dataset,
  now: Date,
  names?: AcceptableNames,
): ArticleEvaluation {
  const { draft } = ingestArticle(text, {
    dataset,
    file: source.file,
    published: source.publishedAt.value,
    now,
  });
  const proposed = draft.records;
  const misses: string[] = [];

  const curatedQuotes = dataset.quotes.filter((q) => q.citation.source === source.id);
  const quotesFound: Count = { total: curatedQuotes.length, hit: 0 };
  const quotesWithSpeaker: Count = { total: curatedQuotes.length, hit: 0 };
  const confidentlyWrong: Count = { total: curatedQuotes.length, hit: 0 };
  const leftUnknown: Count = { total: curatedQuotes.length, hit: 0 };
  const matched = new Set<string>();
  for (const c of curatedQuotes) {
    const folded = foldForVerbatim(c.text);
    const hits = proposed.quotes.filter((p) => {
      if (p.citation.paragraph !== c.citation.paragraph) return false;
      const f = foldForVerbatim(p.text);
      return f.includes(folded) || folded.includes(f);
    });
    for (const h of hits) matched.add(h.id);
    if (hits.length > 0) quotesFound.hit++;
    if (hits.some((h) => h.speaker === c.speaker)) quotesWithSpeaker.hit++;
    else if (hits.length > 0) {
      const known = hits.filter((h) => !h.speaker.startsWith('todo-'));
      if (known.length === 0) leftUnknown.hit++;
      else if (known.some((h) => (draft.review.quotes[h.id]?.confidence ?? 0) >= SPEAKER_THRESHOLD))
        confidentlyWrong.hit++;
      misses.push(`quote ${c.id}: speaker ${hits.map((h) => h.speaker).join('/')} instead of ${c.speaker}`);
    } else misses.push(`quote ${c.id} (¶${c.citation.paragraph}) not found`);
  }

  const curatedEvents = dataset.events.filter((e) => e.citations.some((c) => c.source === source.id));
  const eventDates: Count = { total: curatedEvents.length, hit: 0 };
  for (const e of curatedEvents) {
    const paras = new Set(e.citations.filter((c) => c.source === source.id).map((c) => c.paragraph));
    const overlapping = proposed.events.filter((p) => p.citations.some((c) => paras.has(c.paragraph)));
    // Strict: besides the date, the proposed event cites the paragraph its date came from.
    const right = overlapping.some((p) => {
      const datedBy = draft.review.events[p.id]?.datedBy;
      return (
        p.date.value === e.date.value &&
        p.date.precision === e.date.precision &&
        (datedBy === undefined || p.citations.some((c) => c.paragraph === datedBy))
      );
    });
    if (right) eventDates.hit++;
    else
      misses.push(
        `event ${e.id} (¶${[...paras].join(',')}): ${formatPartialDate(e.date)} [${e.date.precision}] curated; proposed ${
          overlapping.map((p) => `${formatPartialDate(p.date)} [${p.date.precision}]`).join(', ') ||
          'nothing there'
        }`,
      );
  }

  const curatedActors = new Set<string>([
    ...curatedEvents.flatMap((e) => e.actors.map((a) => a.actor)),
    ...curatedQuotes.map((q) => q.speaker),
    ...dataset.actors.filter((a) => a.roles.some((r) => r.citation.source === source.id)).map((a) => a.id),
  ]);
  const found = new Set(draft.review.actorsFound);
  const actorsFound: Count = { total: curatedActors.size, hit: 0 };
  for (const a of curatedActors) {
    if (found.has(a)) actorsFound.hit++;
    else misses.push(`actor ${a} not found`);
  }

  const cleanProposals: Count = { total: names ? proposed.actors.length : 0, hit: 0 };
  for (const a of names ? proposed.actors : []) {
    const pool =
      a.kind === 'person' ? names?.people : a.kind === 'state' ? names?.states : names?.organizations;
    if (pool?.some((n) => normalizeName(n) === normalizeName(a.name))) cleanProposals.hit++;
    else misses.push(`proposed actor "${a.name}" (${a.kind}) is not a clean name`);
  }

  return {
    file: source.file,
    source: source.id,
    label: source.label,
    published: source.publishedAt.value,
    quotesFound,
    quotesWithSpeaker,
    confidentlyWrong,
    leftUnknown,
    eventDates,
    actorsFound,
    cleanProposals,
    extraQuotes: proposed.quotes.filter((q) => !matched.has(q.id)).length,
    paragraphs: { curated: source.paragraphCount, proposed: proposed.sources[0]?.paragraphCount ?? 0 },
    furniture: { curated: source.furniture, proposed: proposed.sources[0]?.furniture ?? [] },
    misses,
  };
}

export function sumCounts(counts: readonly Count[]): Count {
  return counts.reduce((a, b) => ({ total: a.total + b.total, hit: a.hit + b.hit }), { total: 0, hit: 0 });
}

export interface EvaluationSummary {
  articles: ArticleEvaluation[];
  total: Pick<
    ArticleEvaluation,
    | 'quotesFound'
    | 'quotesWithSpeaker'
    | 'confidentlyWrong'
    | 'leftUnknown'
    | 'eventDates'
    | 'actorsFound'
    | 'cleanProposals'
  >;
  meetsGoals: boolean;
}

export function summarize(articles: ArticleEvaluation[]): EvaluationSummary {
  const total = {
    quotesFound: sumCounts(articles.map((a) => a.quotesFound)),
    quotesWithSpeaker: sumCounts(articles.map((a) => a.quotesWithSpeaker)),
    confidentlyWrong: sumCounts(articles.map((a) => a.confidentlyWrong)),
    leftUnknown: sumCounts(articles.map((a) => a.leftUnknown)),
    eventDates: sumCounts(articles.map((a) => a.eventDates)),
    actorsFound: sumCounts(articles.map((a) => a.actorsFound)),
    cleanProposals: sumCounts(articles.map((a) => a.cleanProposals)),
  };
  const meetsGoals =
    articles.length > 0 &&
    pct(total.quotesWithSpeaker) >= GOALS.quotesWithSpeaker &&
    pct(total.eventDates) >= GOALS.eventDates;
  return { articles, total, meetsGoals };
}
