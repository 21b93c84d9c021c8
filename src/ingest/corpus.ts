import { z } from 'zod';
import type { Dataset } from '../domain/model.ts';
import { Precision } from '../domain/schema.ts';
import { normalizeName } from '../domain/text.ts';
import { foldForVerbatim } from '../domain/verify.ts';
import type { DraftFile } from './draft.ts';
import { ingestArticle } from './ingest.ts';
import { TITLE_WORDS } from './lexicon.ts';
import { SPEAKER_THRESHOLD } from './speakers.ts';

/**
 * Ingest measured against answer keys written by hand for articles of our own writing
 * (tests/fixtures/articles/corpus and heldout). A key lists every quote with its speaker, the main
 * events with the paragraph that dates them, the people named, the other actors a curator would
 * accept, and the furniture lines. Speakers and people are names, so an article about people the
 * dataset does not know is scored the same way as one about people it does.
 */

const Speaker = z.union([z.string().min(2), z.array(z.string().min(2)).min(1), z.null()]);

export const AnswerKey = z.strictObject({
  published: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  style: z.string().min(2),
  subject: z.string().min(2),
  quotes: z.array(
    z.strictObject({
      /** Paragraph, counting non-empty lines from 1. */
      p: z.number().int().min(1),
      /** The start of the quote, as printed (or any words of it). */
      q: z.string().min(2),
      /** Who said it: a name, any of several names (a joint statement), or null when the text does not say. */
      speaker: Speaker,
    }),
  ),
  events: z.array(
    z.strictObject({
      /** The paragraph whose words date the event. */
      p: z.number().int().min(1),
      date: z.string().regex(/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/),
      precision: Precision,
      what: z.string().min(2),
    }),
  ),
  people: z.array(z.string().min(2)),
  organizations: z.array(z.string().min(2)),
  states: z.array(z.string().min(2)),
  furniture: z.array(z.number().int().min(1)),
  /** Lines either answer is right for (a headline, a one-off caption). */
  optionalFurniture: z.array(z.number().int().min(1)),
});
export type AnswerKey = z.infer<typeof AnswerKey>;

export interface Count {
  total: number;
  hit: number;
}

export interface QuoteOutcome {
  paragraph: number;
  text: string;
  expected: string;
  chosen?: string;
  confidence: number;
  rule: string;
  right: boolean;
  /** The first sieve's candidate (chosen or not), for calibration: its rule and whether it names the key's speaker. */
  top?: { rule: string; right: boolean; inferred?: true };
}

export interface KeyedEvaluation {
  name: string;
  style: string;
  quotesFound: Count;
  speakerRight: Count;
  /** Chosen speaker wrong while its confidence is at or above the review threshold. */
  confidentlyWrong: Count;
  leftUnknown: Count;
  datesRight: Count;
  peopleFound: Count;
  cleanProposals: Count;
  furniture: { expected: number; found: number; extra: number };
  quotes: QuoteOutcome[];
  misses: string[];
}

/** A name folded for comparison, without middle initials ("Dmitri S. Peskov" = "Dmitri Peskov"). */
const fold = (s: string) =>
  normalizeName(s)
    .split(' ')
    .filter((w, i, all) => !(w.length === 1 && i > 0 && i < all.length - 1))
    .join(' ');

/** A proposal is clean when it is a key name as printed, or that name without a title before it. */
function sameName(proposed: string, keyName: string): boolean {
  const p = fold(proposed);
  const k = fold(keyName);
  if (p === k) return true;
  const words = k.split(' ');
  for (let i = 1; i < words.length; i++) {
    if (!words.slice(0, i).every((w) => TITLE_WORDS.has(w))) break;
    if (words.slice(i).join(' ') === p) return true;
  }
  return false;
}

/**
 * The same person under a longer or shorter form of one name: "Lula da Silva" and "Luiz Inácio Lula
 * da Silva", "Yuri V. Ushakov" and "Yuri Ushakov". The shorter form must keep at least two words of
 * the longer, in order, so a lone surname two people share never counts.
 */
function samePerson(a: string, b: string): boolean {
  const words = (x: string) =>
    fold(x)
      .split(' ')
      .filter((w, i, all) => !(w.length === 1 && i > 0 && i < all.length - 1) && !TITLE_WORDS.has(w));
  const [short, long] = [words(a), words(b)].sort((x, y) => x.length - y.length) as [string[], string[]];
  if (short.join(' ') === long.join(' ')) return true;
  if (short.length < 2) return false;
  return long.some((_, i) => short.every((w, k) => long[i + k] === w));
}

/** Every name a draft's speaker id goes by: the dataset actor's name and aliases, or the new actor's name. */
function namesOf(id: string, draft: DraftFile, dataset: Dataset): string[] {
  // A candidate the draft does not propose as an actor: "new:<name as printed>".
  if (id.startsWith('new:')) return [id.slice(4)];
  const known = dataset.actorById.get(id);
  if (known) return [known.name, ...known.aliases];
  const proposed = draft.records.actors.find((a) => a.id === id);
  return proposed ? [proposed.name, ...proposed.aliases] : [];
}

export function evaluateKeyed(
  name: string,
  text: string,
  key: AnswerKey,
  dataset: Dataset,
  reviewThreshold = SPEAKER_THRESHOLD,
): KeyedEvaluation {
  const { draft } = ingestArticle(text, { published: key.published, dataset, file: name });
  const misses: string[] = [];
  const records = draft.records;

  // A quote printed in a line the key lets either way (a headline, a live blog's heading) is not
  // asked for when the draft took that line for furniture, which is never cited.
  const flaggedLines = new Set(records.sources[0]?.furniture ?? []);
  const asked = key.quotes.filter((q) => !(key.optionalFurniture.includes(q.p) && flaggedLines.has(q.p)));
  const quotesFound: Count = { total: asked.length, hit: 0 };
  const speakerRight: Count = { total: asked.length, hit: 0 };
  const confidentlyWrong: Count = { total: asked.length, hit: 0 };
  const leftUnknown: Count = { total: asked.length, hit: 0 };
  const outcomes: QuoteOutcome[] = [];
  for (const k of asked) {
    const want = foldForVerbatim(k.q).toLowerCase();
    const hit = records.quotes.find(
      (q) => q.citation.paragraph === k.p && foldForVerbatim(q.text).toLowerCase().includes(want),
    );
    const expected = k.speaker === null ? [] : Array.isArray(k.speaker) ? k.speaker : [k.speaker];
    const shown = expected.join(' | ') || '(unknown)';
    if (!hit) {
      misses.push(`quote ¶${k.p} “${k.q}” not found`);
      continue;
    }
    quotesFound.hit++;
    const review = draft.review.quotes[hit.id];
    const chosen = hit.speaker.startsWith('todo-') ? undefined : hit.speaker;
    const confidence = review?.confidence ?? 0;
    const names = chosen ? namesOf(chosen, draft, dataset) : [];
    const right =
      expected.length === 0
        ? chosen === undefined
        : chosen !== undefined && expected.some((e) => names.some((n) => sameName(n, e) || samePerson(n, e)));
    if (right) speakerRight.hit++;
    else if (chosen === undefined) {
      leftUnknown.hit++;
      misses.push(`quote ¶${k.p} “${k.q}”: speaker left unknown, expected ${shown}`);
    } else {
      if (confidence >= reviewThreshold) confidentlyWrong.hit++;
      misses.push(
        `quote ¶${k.p} “${k.q}”: ${chosen} (${confidence.toFixed(2)}, ${review?.speakerRule}) instead of ${shown}`,
      );
    }
    const first = review?.candidates[0];
    const top =
      first && review?.speakerRule !== 'unnamed-source'
        ? {
            rule: first.rule,
            right: expected.some((e) =>
              namesOf(first.speaker, draft, dataset).some((n) => sameName(n, e) || samePerson(n, e)),
            ),
            ...(first.inferred ? { inferred: true as const } : {}),
          }
        : undefined;
    outcomes.push({
      paragraph: k.p,
      text: k.q,
      expected: shown,
      ...(chosen ? { chosen } : {}),
      confidence,
      rule: review?.speakerRule ?? '',
      right,
      ...(top ? { top } : {}),
    });
  }

  const datesRight: Count = { total: key.events.length, hit: 0 };
  // Events after publication are the draft's planned events (the dataset holds only what happened).
  const planned = (draft.review.planned ?? []).map((p) => ({
    citations: [{ paragraph: p.paragraph }],
    date: p.date as { value: string; precision: string },
  }));
  for (const e of key.events) {
    const citing = [...records.events, ...planned].filter((x) =>
      x.citations.some((c) => c.paragraph === e.p),
    );
    // Strict: the event cites the paragraph that dates it, and has that date.
    const right = citing.some((x) => x.date.value === e.date && x.date.precision === e.precision);
    if (right) datesRight.hit++;
    else
      misses.push(
        `event ¶${e.p} ${e.what}: ${e.date} [${e.precision}] expected; proposed ${
          citing.map((x) => `${x.date.value} [${x.date.precision}]`).join(', ') || 'nothing citing it'
        }`,
      );
  }

  const peopleFound: Count = { total: key.people.length, hit: 0 };
  const knownNames = draft.review.actorsFound.flatMap((id) => namesOf(id, draft, dataset));
  const proposedNames = records.actors.map((a) => a.name);
  for (const person of key.people) {
    if ([...knownNames, ...proposedNames].some((n) => sameName(n, person))) peopleFound.hit++;
    else misses.push(`person ${person} not found`);
  }

  const cleanProposals: Count = { total: records.actors.length, hit: 0 };
  for (const a of records.actors) {
    const pool = a.kind === 'person' ? key.people : a.kind === 'state' ? key.states : key.organizations;
    // Its name, or another printed form of it the proposal carries ("United Kingdom", alias "Britain").
    if (pool.some((n) => [a.name, ...a.aliases].some((x) => sameName(x, n)))) cleanProposals.hit++;
    else misses.push(`proposed actor "${a.name}" (${a.kind}) is not a clean name in the key`);
  }

  const flagged = new Set(records.sources[0]?.furniture ?? []);
  const optional = new Set(key.optionalFurniture);
  const found = key.furniture.filter((p) => flagged.has(p)).length;
  const extra = [...flagged].filter((p) => !key.furniture.includes(p) && !optional.has(p));
  for (const p of key.furniture.filter((x) => !flagged.has(x))) misses.push(`furniture ¶${p} not flagged`);
  for (const p of extra) misses.push(`¶${p} flagged as furniture but is text`);

  return {
    name,
    style: key.style,
    quotesFound,
    speakerRight,
    confidentlyWrong,
    leftUnknown,
    datesRight,
    peopleFound,
    cleanProposals,
    furniture: { expected: key.furniture.length, found, extra: extra.length },
    quotes: outcomes,
    misses,
  };
}

export interface CalibrationBand {
  from: number;
  to: number;
  total: number;
  right: number;
}

/** How often a chosen speaker was right, by confidence band. */
export function calibrate(
  outcomes: readonly QuoteOutcome[],
  edges = [0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01],
): CalibrationBand[] {
  const bands: CalibrationBand[] = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    const from = edges[i] ?? 0;
    const to = edges[i + 1] ?? 1;
    const inBand = outcomes.filter(
      (o) => o.chosen !== undefined && o.confidence >= from && o.confidence < to,
    );
    bands.push({ from, to, total: inBand.length, right: inBand.filter((o) => o.right).length });
  }
  return bands;
}

export function sumKeyed(rows: readonly KeyedEvaluation[]) {
  const sum = (pick: (r: KeyedEvaluation) => Count): Count =>
    rows.reduce((a, r) => ({ total: a.total + pick(r).total, hit: a.hit + pick(r).hit }), {
      total: 0,
      hit: 0,
    });
  return {
    quotesFound: sum((r) => r.quotesFound),
    speakerRight: sum((r) => r.speakerRight),
    confidentlyWrong: sum((r) => r.confidentlyWrong),
    leftUnknown: sum((r) => r.leftUnknown),
    datesRight: sum((r) => r.datesRight),
    peopleFound: sum((r) => r.peopleFound),
    cleanProposals: sum((r) => r.cleanProposals),
  };
}
