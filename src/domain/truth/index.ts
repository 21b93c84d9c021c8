import type { Citation, RawDataset, Source } from '../schema.ts';
import type { Problem } from '../validate.ts';
import { splitParagraphs } from '../verify.ts';
import { type Analysis, Analyzer, keySet } from './analyze.ts';
import { attributeSource, attributesTo, bestSource, type SourceSegment } from './attribution.ts';
import { checkDateHonesty } from './dates.ts';
import { ParagraphIndex } from './own-words.ts';
import {
  type CitedParagraph,
  DEFAULT_SUPPORT_THRESHOLD,
  dateKeysOf,
  isSupported,
  type SentenceSupport,
  type SupportContext,
  scoreSentence,
  supportMessage,
} from './support.ts';
import { findTopicKeyword, type TopicMatcher, topicMatcher } from './tags.ts';
import { quotedSpans, splitSentences } from './text.ts';
import { checkTranslations } from './translations.ts';

/**
 * The truth guards, one entry point for data:check, data:verify, ingest drafts and curation
 * publishes: own words, support (with attribution), honest dates, supported tags and citations
 * that each support something. Pure: the caller supplies the source texts it has.
 */

export type GuardName =
  | 'own-words'
  | 'support'
  | 'attribution'
  | 'dates'
  | 'tags'
  | 'citations'
  | 'translations';
export const TEXT_GUARDS: readonly GuardName[] = ['own-words', 'support', 'attribution', 'tags', 'citations'];

type RecordKey = 'sources' | 'actors' | 'topics' | 'events' | 'quotes' | 'commitments';

export interface TruthOptions {
  /** Support threshold (0–1); DEFAULT_SUPPORT_THRESHOLD unless given. */
  threshold?: number;
  /** Directory shown in problems ("data"). */
  dir?: string;
  /** Report only problems of these records (an ingest draft's new records). */
  only?: (key: RecordKey, index: number) => boolean;
  /** Run only these guards. */
  guards?: ReadonlySet<GuardName>;
}

export interface SkippedGuard {
  guard: GuardName;
  /** Source labels with no text. */
  sources: string[];
  reason: string;
}

export interface SentenceResult {
  file: string;
  path: string;
  support: SentenceSupport;
  supported: boolean;
}

export interface TruthReport {
  problems: Problem[];
  skipped: SkippedGuard[];
  /** Every sentence the support guard scored, for measuring it. */
  sentences: SentenceResult[];
}

interface SourceText {
  source: Source;
  paragraphs: string[];
  analyses: Analysis[];
  keys: Set<string>[];
  segments: SourceSegment[][];
}

interface TextField {
  key: RecordKey;
  index: number;
  file: string;
  path: string;
  text: string;
  /** Scored for support (summaries, statuses, commitments, quote contexts, titles). */
  support: boolean;
  citations: readonly Citation[];
  actors: ReadonlySet<string>;
  dateKeys: ReadonlySet<string>;
  attributedTo?: string;
  by?: readonly string[];
}

/**
 * Analysed source texts by actors, label and text: measuring the guard runs it on hundreds of
 * copies of one dataset, and a long-running bot checks drafts against the same sources again.
 */
const analysedSources = new Map<string, Pick<SourceText, 'analyses' | 'keys' | 'segments'>>();

/** Finds a source's text by its id or its file name. */
function textOf(texts: ReadonlyMap<string, string>, s: Source): string | undefined {
  return texts.get(s.id) ?? texts.get(s.file);
}

export function checkTruth(
  data: RawDataset,
  texts: ReadonlyMap<string, string>,
  options: TruthOptions = {},
): TruthReport {
  const dir = options.dir ?? 'data';
  const threshold = options.threshold ?? DEFAULT_SUPPORT_THRESHOLD;
  const on = (g: GuardName) => !options.guards || options.guards.has(g);
  const only = options.only ?? (() => true);
  const problems: Problem[] = [];
  const sentences: SentenceResult[] = [];
  const analyzer = new Analyzer(
    data.actors.filter(Boolean),
    data.sources.filter(Boolean).map((s) => s.label),
  );
  const file = (key: RecordKey) => `${dir}/${key}.json`;
  const report = (
    key: RecordKey,
    index: number,
    path: string,
    guard: GuardName,
    message: string,
    severity: 'error' | 'warning' = 'error',
  ) => {
    if (only(key, index)) problems.push({ file: file(key), path, message, severity, guard });
  };

  // Source texts: paragraphs analysed once.
  const sources = new Map<string, SourceText>();
  const missing: string[] = [];
  const mismatched: string[] = [];
  const ownWords = new ParagraphIndex();
  for (const s of data.sources.filter(Boolean)) {
    const text = textOf(texts, s);
    if (text === undefined) {
      missing.push(s.label);
      continue;
    }
    const paragraphs = splitParagraphs(text);
    if (paragraphs.length !== s.paragraphCount) {
      mismatched.push(s.label);
      continue;
    }
    const cacheKey = `${analyzer.signature}\u0000${s.label}\u0000${text}`;
    let analysed = analysedSources.get(cacheKey);
    if (!analysed) {
      const analyses = paragraphs.map((p) => analyzer.analyze(p));
      analysed = { analyses, keys: analyses.map(keySet), segments: attributeSource(analyzer, paragraphs) };
      if (analysedSources.size >= 64) analysedSources.clear();
      analysedSources.set(cacheKey, analysed);
    }
    sources.set(s.id, { source: s, paragraphs, ...analysed });
    paragraphs.forEach((p, i) => ownWords.add(`${s.label} ¶${i + 1}`, p));
  }
  const skipped: SkippedGuard[] = [];
  const absent = [...missing, ...mismatched];
  if (absent.length > 0) {
    const why = [
      missing.length ? `no text for ${missing.join(', ')}` : '',
      mismatched.length ? `text of ${mismatched.join(', ')} does not have paragraphCount paragraphs` : '',
    ]
      .filter(Boolean)
      .join('; ');
    for (const guard of TEXT_GUARDS)
      if (on(guard))
        skipped.push({
          guard,
          sources: absent,
          reason:
            guard === 'own-words'
              ? `${why}: not compared with ${sources.size === 0 ? 'any source' : 'those sources'}`
              : `${why}: records citing ${absent.length === 1 ? 'it' : 'them'} not checked`,
        });
  }

  const cited = (citations: readonly Citation[]): CitedParagraph[] | undefined => {
    const out: CitedParagraph[] = [];
    for (const c of citations) {
      const s = sources.get(c.source);
      if (!s) return undefined;
      const i = c.paragraph - 1;
      const text = s.paragraphs[i];
      const analysis = s.analyses[i];
      const keys = s.keys[i];
      if (text === undefined || !analysis || !keys) return undefined;
      if (!out.some((p) => p.source === c.source && p.paragraph === c.paragraph))
        out.push({
          label: `${s.source.label} ¶${c.paragraph}`,
          source: c.source,
          paragraph: c.paragraph,
          text,
          analysis,
          keys,
        });
    }
    return out;
  };
  const sourceSegments = (citations: readonly Citation[]): SourceSegment[] =>
    citations.flatMap((c) => sources.get(c.source)?.segments[c.paragraph - 1] ?? []);

  // Records outside `only` are not reported, so not checked either (an ingest draft, a measurement).
  const fields = textFields(data, file).filter((f) => only(f.key, f.index));
  const quotePara = new Map<string, Citation[]>();
  for (const q of data.quotes.filter(Boolean))
    quotePara.set(q.event, [...(quotePara.get(q.event) ?? []), q.citation]);

  // Own words.
  if (on('own-words') && ownWords.size > 0) {
    for (const f of fields) {
      if (isPlaceholder(f.text)) continue;
      const [run] = ownWords.copiedRuns(f.text);
      if (run)
        report(
          f.key,
          f.index,
          f.path,
          'own-words',
          `shares ${run.length} consecutive words with ${run.paragraph.label}: "${run.text}": write it in our own words (only quotes are copied, into quotes.json)`,
        );
    }
  }

  // Support and attribution, sentence by sentence.
  if (on('support') || on('attribution')) {
    for (const f of fields) {
      if (!f.support || isPlaceholder(f.text)) continue;
      const paragraphs = cited(f.citations);
      if (!paragraphs) continue;
      const ctx: SupportContext = { paragraphs, actors: f.actors, dateKeys: f.dateKeys };
      const candidates = sourceSegments(f.citations);
      const named = new Set<string>();
      for (const s of splitSentences(f.text)) {
        if (on('support')) {
          const support = scoreSentence(analyzer, s.text, ctx);
          const supported = isSupported(support, threshold);
          sentences.push({ file: f.file, path: f.path, support, supported });
          if (!supported) report(f.key, f.index, f.path, 'support', supportMessage(support, ctx, threshold));
        }
        const ours = analyzer.analyze(s.text);
        if (on('attribution')) {
          const best = bestSource(ours, candidates);
          const whose = best?.segment.attributors ?? [];
          const who = whose[0];
          const credited = whose.some(
            (a) => f.attributedTo === a || f.by?.includes(a) || attributesTo(ours, a, named.has(a)),
          );
          if (best && who && !credited) {
            const name = analyzer.nameOf.get(who) ?? who;
            const where = paragraphs.find((p) =>
              sources.get(p.source)?.segments[p.paragraph - 1]?.includes(best.segment),
            );
            report(
              f.key,
              f.index,
              f.path,
              'attribution',
              `"${clip(s.text)}" states as fact what ${where?.label ?? 'the source'} reports as ${name}'s account ("${best.segment.sentence.cue}"): write "${shortName(name)} says …" or set attributedTo: "${who}"`,
            );
          }
        }
        for (const m of ours.mentions) named.add(m.actor);
      }
    }
  }

  // Attributed events name whose account they are in the title.
  if (on('attribution'))
    data.events.forEach((e, i) => {
      if (!e?.attributedTo) return;
      const a = analyzer.analyze(e.title);
      if (!a.mentions.some((m) => m.actor === e.attributedTo))
        report(
          'events',
          i,
          `events[${i}].title`,
          'attribution',
          `the event is ${analyzer.nameOf.get(e.attributedTo) ?? e.attributedTo}'s account (attributedTo) but the title states it as fact: name them in it ("${shortName(analyzer.nameOf.get(e.attributedTo) ?? '')} says …")`,
        );
    });

  // Dates.
  if (on('dates'))
    data.events.forEach((e, i) => {
      if (!e) return;
      for (const d of checkDateHonesty(e.date, { kind: e.kind, title: e.title }))
        report('events', i, `events[${i}].date`, 'dates', d.message, d.severity);
    });

  // Translations, against the English entry they translate (no source text needed).
  if (on('translations'))
    for (const f of checkTranslations(data, analyzer, only))
      report(f.key, f.index, f.path, 'translations', f.message, f.severity);

  // Tags.
  if (on('tags')) {
    const matchers = new Map<string, TopicMatcher>(
      data.topics.filter(Boolean).map((t) => [t.id, topicMatcher(analyzer, t)]),
    );
    const checkTags = (
      key: RecordKey,
      index: number,
      path: string,
      topics: readonly string[],
      overrides: readonly { topic: string; reason: string }[] | undefined,
      citations: readonly Citation[],
    ) => {
      const paragraphs = cited(citations);
      if (!paragraphs) return;
      topics.forEach((topic, j) => {
        const matcher = matchers.get(topic);
        if (!matcher) return;
        const keyword = paragraphs.map((p) => findTopicKeyword(matcher, p.analysis)).find(Boolean);
        const override = overrides?.findIndex((o) => o.topic === topic) ?? -1;
        if (keyword && override >= 0)
          report(
            key,
            index,
            `${path}.topicOverrides[${override}]`,
            'tags',
            `override of "${topic}" is not needed: the cited text has its keyword "${keyword}"`,
            'warning',
          );
        if (!keyword && override < 0)
          report(
            key,
            index,
            `${path}.topics[${j}]`,
            'tags',
            `topic "${topic}" is not supported by ${paragraphs.map((p) => p.label).join(', ')}: none of its keywords (${matcher.phrases.map((p) => `"${p.text}"`).join(', ')}) is there; drop the topic, cite the paragraph that supports it, or add a topicOverrides entry with a reason`,
          );
      });
    };
    data.events.forEach((e, i) => {
      if (e) checkTags('events', i, `events[${i}]`, e.topics, e.topicOverrides, e.citations);
    });
    data.quotes.forEach((q, i) => {
      if (q) checkTags('quotes', i, `quotes[${i}]`, q.topics, q.topicOverrides, [q.citation]);
    });
    data.commitments.forEach((c, i) => {
      if (c) checkTags('commitments', i, `commitments[${i}]`, c.topics, c.topicOverrides, [c.citation]);
    });
  }

  // Citations: every cited paragraph supports some sentence of the record.
  if (on('citations')) {
    const checkCitations = (
      key: RecordKey,
      index: number,
      path: string,
      texts: readonly string[],
      basis: string | undefined,
      citations: readonly Citation[],
      shown: readonly Citation[] = [],
    ) => {
      const paragraphs = cited(citations);
      // A draft's placeholder summary supports nothing yet: judge its citations once it is written.
      if (!paragraphs || texts.some(isPlaceholder)) return;
      const ours = texts.flatMap((t) => splitSentences(t).map((s) => analyzer.analyze(s.text)));
      const quotedBasis = basis ? quotedSpans(basis).map((q) => q.text.toLowerCase()) : [];
      citations.forEach((c, k) => {
        const p = paragraphs.find((x) => x.source === c.source && x.paragraph === c.paragraph);
        if (!p) return;
        const used =
          shown.some((x) => x.source === c.source && x.paragraph === c.paragraph) ||
          ours.some(
            (a) =>
              a.terms.filter((t) => t.kind !== 'qualifier' && t.keys.some((x) => p.keys.has(x))).length >= 2,
          ) ||
          quotedBasis.some((q) => q.length > 3 && p.text.toLowerCase().includes(q));
        if (!used)
          report(
            key,
            index,
            `${path}.citations[${k}]`,
            'citations',
            `${p.label} is cited but supports none of the record's sentences: drop it, or write what it supports`,
            'warning',
          );
      });
    };
    data.events.forEach((e, i) => {
      if (e)
        checkCitations(
          'events',
          i,
          `events[${i}]`,
          [e.title, e.summary],
          e.date.basis,
          e.citations,
          // The event shows its quotes: citing their paragraphs is not padding.
          quotePara.get(e.id),
        );
    });
    data.topics.forEach((t, i) => {
      t?.thread.forEach((entry, j) =>
        checkCitations('topics', i, `topics[${i}].thread[${j}]`, [entry.status], undefined, entry.citations),
      );
    });
  }
  return { problems, skipped, sentences };
}

/** Text a curator has yet to write ("TODO: …"): ingest drafts are full of it. */
function isPlaceholder(text: string): boolean {
  return /\bTODO\b/.test(text);
}

function clip(text: string, max = 90): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

function shortName(name: string): string {
  return name.split(' ').at(-1) ?? name;
}

/** Every text field of ours, with what it cites and the actors and dates it may name. */
function textFields(data: RawDataset, file: (k: RecordKey) => string): TextField[] {
  const published = new Map(data.sources.filter(Boolean).map((s) => [s.id, s.publishedAt.value]));
  const out: TextField[] = [];
  const eventById = new Map(data.events.filter(Boolean).map((e) => [e.id, e]));
  const none = new Set<string>();
  const noDates = new Set<string>();
  // "S1, in February 2025, calls it…": the dates of the sources cited are the entry's own too.
  const push = (f: Omit<TextField, 'file'>) =>
    out.push({
      ...f,
      file: file(f.key),
      dateKeys: new Set([...f.dateKeys, ...dateKeysOf(f.citations.map((c) => published.get(c.source)))]),
    });
  const dateValues = (d: { value: string; earliest?: string; latest?: string; underWay?: string }) => [
    d.value,
    d.earliest,
    d.latest,
    d.underWay,
  ];

  data.sources.forEach((s, i) => {
    if (!s) return;
    for (const field of ['title', 'summary'] as const)
      push({
        key: 'sources',
        index: i,
        path: `sources[${i}].${field}`,
        text: s[field],
        support: false,
        citations: [],
        actors: none,
        dateKeys: noDates,
      });
    push({
      key: 'sources',
      index: i,
      path: `sources[${i}].publishedAt.basis`,
      text: s.publishedAt.basis,
      support: false,
      citations: [],
      actors: none,
      dateKeys: noDates,
    });
  });
  data.actors.forEach((a, i) => {
    if (!a) return;
    push({
      key: 'actors',
      index: i,
      path: `actors[${i}].description`,
      text: a.description,
      support: false,
      citations: [],
      actors: none,
      dateKeys: noDates,
    });
  });
  data.topics.forEach((t, i) => {
    if (!t) return;
    push({
      key: 'topics',
      index: i,
      path: `topics[${i}].description`,
      text: t.description,
      support: false,
      citations: [],
      actors: none,
      dateKeys: noDates,
    });
    t.thread.forEach((entry, j) => {
      const events = entry.events.map((id) => eventById.get(id)).filter((e) => e !== undefined);
      push({
        key: 'topics',
        index: i,
        path: `topics[${i}].thread[${j}].status`,
        text: entry.status,
        support: true,
        citations: entry.citations,
        actors: new Set(events.flatMap((e) => e.actors.map((a) => a.actor))),
        dateKeys: dateKeysOf([entry.date, ...events.flatMap((e) => dateValues(e.date))]),
        ...(entry.attributedTo ? { attributedTo: entry.attributedTo } : {}),
      });
    });
  });
  data.events.forEach((e, i) => {
    if (!e) return;
    const actors = new Set(e.actors.map((a) => a.actor));
    const dateKeys = dateKeysOf(dateValues(e.date));
    const base = { key: 'events' as const, index: i, citations: e.citations, actors, dateKeys };
    const attributed = e.attributedTo ? { attributedTo: e.attributedTo } : {};
    push({ ...base, path: `events[${i}].title`, text: e.title, support: true, ...attributed });
    push({ ...base, path: `events[${i}].summary`, text: e.summary, support: true, ...attributed });
    push({ ...base, path: `events[${i}].date.basis`, text: e.date.basis, support: false });
  });
  data.quotes.forEach((q, i) => {
    if (!q) return;
    const event = eventById.get(q.event);
    push({
      key: 'quotes',
      index: i,
      path: `quotes[${i}].context`,
      text: q.context,
      support: true,
      citations: [q.citation, ...(event?.citations ?? [])],
      actors: new Set([q.speaker, ...(event?.actors.map((a) => a.actor) ?? [])]),
      dateKeys: event ? dateKeysOf(dateValues(event.date)) : noDates,
      // The context describes a quote: the speaker's words are theirs by definition.
      by: [q.speaker],
    });
  });
  data.commitments.forEach((c, i) => {
    if (!c) return;
    const event = eventById.get(c.event);
    push({
      key: 'commitments',
      index: i,
      path: `commitments[${i}].text`,
      text: c.text,
      support: true,
      citations: [c.citation],
      actors: new Set([...c.by, ...c.to]),
      dateKeys: dateKeysOf([c.due?.from, c.due?.to, ...(event ? dateValues(event.date) : [])]),
      by: c.by,
      ...(c.attributedTo ? { attributedTo: c.attributedTo } : {}),
    });
  });
  return out;
}

export type AppendedCounts = Record<RecordKey, number>;

/**
 * The guards on records appended to a dataset (an ingest draft's, a curation publish's): `data`
 * is the merged dataset, `counts` how many records of each kind it had before. Problems point at
 * the draft's records (`records.events[0].summary` in `draftPath`).
 */
export function checkAppended(
  data: RawDataset,
  counts: AppendedCounts,
  texts: ReadonlyMap<string, string>,
  options: { draftPath: string; threshold?: number },
): { problems: Problem[]; skipped: SkippedGuard[] } {
  const report = checkTruth(data, texts, {
    ...(options.threshold !== undefined ? { threshold: options.threshold } : {}),
    only: (key, index) => index >= counts[key],
  });
  const problems = report.problems.map((p) => {
    const m = /^([a-z]+)\[(\d+)\](.*)$/.exec(p.path);
    const key = m?.[1] as RecordKey | undefined;
    if (!m || !key || !(key in counts)) return p;
    return {
      ...p,
      file: options.draftPath,
      path: `records.${key}[${Number(m[2]) - counts[key]}]${m[3] ?? ''}`,
    };
  });
  // Skipped checks matter only for the sources the new records cite (own words: any source).
  const labels = new Map(data.sources.filter(Boolean).map((s) => [s.id, s.label]));
  const cited = new Set<string>();
  const add = (cs: readonly Citation[]) => {
    for (const c of cs) cited.add(labels.get(c.source) ?? c.source);
  };
  data.events.forEach((e, i) => {
    if (e && i >= counts.events) add(e.citations);
  });
  data.quotes.forEach((q, i) => {
    if (q && i >= counts.quotes) add([q.citation]);
  });
  data.commitments.forEach((c, i) => {
    if (c && i >= counts.commitments) add([c.citation]);
  });
  data.topics.forEach((t, i) => {
    if (t && i >= counts.topics) for (const entry of t.thread) add(entry.citations);
  });
  const skipped = report.skipped.flatMap((s) => {
    if (s.guard === 'own-words') return [s];
    const sources = s.sources.filter((l) => cited.has(l));
    return sources.length > 0
      ? [
          {
            ...s,
            sources,
            reason: `no text for ${sources.join(', ')}: the new records citing it are not checked`,
          },
        ]
      : [];
  });
  return { problems, skipped };
}

/** One line per guard that could not run, for data:check, accept and the review table. */
export function formatSkipped(skipped: readonly SkippedGuard[]): string[] {
  const byReason = new Map<string, GuardName[]>();
  for (const s of skipped) byReason.set(s.reason, [...(byReason.get(s.reason) ?? []), s.guard]);
  return [...byReason.entries()].map(([reason, guards]) => `${guards.join(', ')} skipped: ${reason}`);
}

/**
 * The guards on a draft before it is merged (the ingest review table, a curation preview): its
 * records appended to the dataset, problems pointing at the draft. Placeholder text ("TODO") is
 * skipped, so a fresh draft shows what its proposals (titles, dates, tags) already get wrong.
 */
export function checkDraftRecords(
  existing: { readonly [K in keyof RawDataset]: readonly RawDataset[K][number][] },
  records: Partial<RawDataset>,
  texts: ReadonlyMap<string, string>,
  options: { draftPath: string; threshold?: number },
): { problems: Problem[]; skipped: SkippedGuard[] } {
  const keys = ['sources', 'actors', 'topics', 'events', 'quotes', 'commitments'] as const;
  const counts = Object.fromEntries(keys.map((k) => [k, existing[k].length])) as AppendedCounts;
  const merged = Object.fromEntries(
    keys.map((k) => [k, [...existing[k], ...((records[k] ?? []) as unknown[])]]),
  ) as unknown as RawDataset;
  return checkAppended(merged, counts, texts, options);
}
