import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Day } from '../domain/dates.ts';
import type { Dataset } from '../domain/model.ts';
import type { Actor, ActorKind, Event, Quote, Source } from '../domain/schema.ts';
import { normalizeName } from '../domain/text.ts';
import { type Analysis, Analyzer } from '../domain/truth/analyze.ts';
import { findTopicKeyword, topicMatcher } from '../domain/truth/tags.ts';
import { checkQuoteText } from '../domain/validate.ts';
import {
  type ArticleDocument,
  analyzeText,
  INFERRED_BASIS,
  isNewParty,
  type Party,
  type RoleHolder,
} from './document.ts';
import { DRAFT_FORMAT, type DraftFile, type DraftReview, TODO } from './draft.ts';
import { type EventAnalysis, type EventCandidate, groupEvents } from './events.ts';
import { IdAllocator, kebab, keyWords } from './ids.ts';
import { buildActorLexicon } from './mentions.ts';
import { parseRole } from './roles.ts';
import { type AttributedQuote, attributeQuotes, SPEAKER_UNKNOWN } from './speakers.ts';
import { buildTopicMatcher } from './topics.ts';

export interface IngestOptions {
  /** Day of publication: relative dates ("on Friday", "last week") count back from it. */
  published: Day;
  /** The dataset the draft is proposed against: its actors (names, aliases, positions), topics and ids. */
  dataset: Dataset;
  title?: string;
  publisher?: string;
  language?: string;
  /** The source's `file` (a base name); defaults to one made from the publication day. */
  file?: string;
  /** Where the article was read from, recorded for ingest:accept's verbatim check. */
  articlePath?: string;
  /** Injected clock: the draft records when it was generated. */
  now?: Date;
}

export interface IngestResult {
  draft: DraftFile;
  doc: ArticleDocument;
  quotes: AttributedQuote[];
  events: EventAnalysis;
  /** Draft ids of the proposed records, by what they came from. */
  quoteIds: Map<AttributedQuote, string>;
  eventIds: Map<EventCandidate, string>;
}

const TITLE_FOR: Record<string, (names: string[], c: EventCandidate) => string> = {
  meeting: (n, c) => `Meeting of ${list(n)}${c.location ? ` (${c.location})` : ''}`,
  call: (n) => `Call between ${list(n)}`,
  speech: (n) => `Speech by ${list(n.slice(0, 1))}`,
  interview: (n) => `Interview with ${list(n.slice(0, 1))}`,
  // The text's own word ("conference", "forum"): a title says nothing the paragraph does not.
  summit: (n, c) => c.name ?? `${summitWord(c.trigger)} with ${list(n)}`,
  statement: (n) => `Statement by ${list(n.slice(0, 1))}`,
  demand: (n) => `Demand by ${list(n.slice(0, 1))}`,
  pledge: (n) => `Pledge by ${list(n.slice(0, 1))}`,
  announcement: (n) => `Announcement by ${list(n.slice(0, 1))}`,
  'military-action': (_n, c) => c.trigger.charAt(0).toUpperCase() + c.trigger.slice(1),
};

/** Topics with two or more keywords in the event's sentences; else the best single one. */
function eventTopics(matches: { topic: string; hits: string[] }[]): string[] {
  const strong = matches.filter((m) => m.hits.length >= 2).slice(0, 4);
  return (strong.length > 0 ? strong : matches.slice(0, 1)).map((m) => m.topic);
}

/** A trigger that is only a date ("2011", "June", "on 12 March"): it says when, not what. */
const DATE_ONLY =
  /^(?:\b(?:on|in|since|from|by|between|and|to|until|early|late|mid|last|this|the|\d{1,4}(?:st|nd|rd|th)?|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|monday|tuesday|wednesday|thursday|friday|saturday|sunday|week|month|year)\b|[\s,./-])+$/iu;

export function saysOnlyWhen(trigger: string): boolean {
  return DATE_ONLY.test(trigger.trim());
}

function summitWord(trigger: string): string {
  const word = trigger.toLowerCase().split(/\s+/u).at(-1) ?? '';
  return /^[a-z]+$/u.test(word) ? word.charAt(0).toUpperCase() + word.slice(1) : 'Summit';
}

function list(names: string[]): string {
  if (names.length === 0) return 'parties the text does not name';
  if (names.length === 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** How many days a dataset position stays good evidence of who holds it at an article's date. */
const POSITION_WINDOW_DAYS = 730;

/** The dataset's positions near the article's date, read as roles ("President of the United States"). */
function datasetRoles(actors: readonly Actor[], published: Day): RoleHolder[] {
  const day = Date.parse(published);
  const out: RoleHolder[] = [];
  for (const a of actors) {
    const near = a.roles.filter(
      (r) => Math.abs(Date.parse(r.asOf) - day) <= POSITION_WINDOW_DAYS * 86_400_000,
    );
    for (const r of near) {
      const role = parseRole(r.title);
      if (role) out.push({ party: a.id, role, from: 'dataset' });
    }
  }
  return out;
}

/** A role as a curator would write it: "Kremlin spokesman", not "the Kremlin spokesman,". */
function tidyTitle(text: string): string {
  const t = text
    .trim()
    .replace(/^(?:the|a|an)\s+/i, '')
    .replace(/[,.;:]+$/, '');
  return t.charAt(0).toUpperCase() + t.slice(1);
}

/**
 * Runs every ingest rule over an article and proposes a draft against the dataset. Pure: no file
 * or network I/O, so the bot can call it on text it was handed.
 */
export function ingestArticle(text: string, options: IngestOptions): IngestResult {
  const { dataset } = options;
  const input = { ...options, text, now: options.now ?? new Date() };
  const lex = buildActorLexicon(dataset.actors);
  const doc = analyzeText(input.text, input.published, lex, datasetRoles(dataset.actors, input.published));
  const quotes = attributeQuotes(doc);
  const analysis = groupEvents(doc, quotes);
  const topics = buildTopicMatcher(dataset.topics);

  const sourceIds = new IdAllocator(dataset.sources.map((s) => s.id));
  const actorIds = new IdAllocator(dataset.actors.map((a) => a.id));
  const eventIds = new IdAllocator(dataset.events.map((e) => e.id));
  const quoteIds = new IdAllocator(dataset.quotes.map((q) => q.id));

  // Source.
  const labels = dataset.sources.map((s) => Number(s.label.slice(1))).filter(Number.isFinite);
  const file = input.file
    ? path.basename(input.file)
    : input.articlePath
      ? path.basename(input.articlePath)
      : `article-${input.published}.txt`;
  const furniture = doc.paragraphs.filter((p) => p.furniture).map((p) => p.n);
  const sourceId = sourceIds.allocate(
    input.title ? kebab(input.title, 6) : `source-${input.published}`,
    `source-${input.published}`,
  );
  const source: Source = {
    id: sourceId,
    label: `S${Math.max(0, ...labels) + 1}`,
    title: input.title ?? `${TODO}: title in our own words`,
    ...(input.publisher ? { publisher: input.publisher } : {}),
    publishedAt: {
      value: input.published,
      precision: 'day',
      basis: 'publication date given to ingest (--published)',
    },
    language: input.language ?? 'en',
    file,
    paragraphCount: doc.paragraphs.length,
    furniture,
    summary: `${TODO}: summary of the article in our own words`,
  };
  const citable = (n: number) => !furniture.includes(n);

  // New actors: names the dataset lacks that events or quotes involve, and other unknown people.
  const partyActor = new Map<Party, string>();
  const newActors: Actor[] = [];
  const actorReview: DraftReview['actors'] = {};
  const speakers = new Set<Party>(quotes.flatMap((q) => (q.speaker ? [q.speaker] : [])));
  const involved = new Set<Party>([...analysis.events.flatMap((e) => [...e.parties.keys()]), ...speakers]);
  /** An organisation or a state that speaks, or that acts in an event it is named a subject of. */
  const acts = (p: Party) => speakers.has(p) || (involved.has(p) && doc.parties.get(p)?.asActor === true);
  // A person is proposed on evidence (a title, a say-verb, ", who"); an organisation or a state only
  // when a quote or an event involves it. Everything else stays under "other names".
  for (const u of doc.registry.unknown.values()) {
    const party = `new:${u.key}`;
    // A lone word whose only evidence is that it speaks ("Hamas said", "Lee said") is proposed
    // only when it is a quote's chosen speaker; a country named only as a place ("in Canada") never.
    // A holder the text does not name is the curator's to choose from a quote's candidates, never
    // proposed from world knowledge alone: it stays under "other names", marked as inferred.
    if (isInferred(u)) continue;
    const weakPerson = !u.key.includes(' ') && /subject of a say-verb/.test(u.basis);
    const proposable =
      (u.kind === 'person' && (!weakPerson || involved.has(party))) ||
      ((u.kind === 'organization' || u.kind === 'state') && acts(party));
    if (!proposable) continue;
    const id = actorIds.allocate(kebab(u.name), 'new-actor');
    partyActor.set(party, id);
    const roles = doc.roles
      .filter(
        (r) => r.party === party && r.from === 'article' && r.paragraph !== undefined && citable(r.paragraph),
      )
      .filter((r, i, all) => all.findIndex((x) => x.role.text === r.role.text) === i)
      .map((r) => ({
        title: tidyTitle(r.role.text),
        asOf: input.published,
        citation: { source: sourceId, paragraph: r.paragraph ?? 1 },
      }))
      .filter((r) => r.title.length >= 2);
    newActors.push({
      id,
      name: u.name,
      kind: u.kind as ActorKind,
      // The other forms the text prints the name in ("Lula", "Yuri V. Ushakov"), for the curator.
      aliases: [...new Map(u.variants.map((v) => [normalizeName(v), v])).entries()]
        .filter(([k]) => k !== normalizeName(u.name))
        .map(([, v]) => v),
      description: `${TODO}: who they are, in our own words`,
      roles,
    });
    actorReview[id] = {
      basis: u.basis,
      paragraphs: u.paragraphs,
      mentions: u.count,
    };
  }
  const actorOf = (p: Party): string | undefined => (isNewParty(p) ? partyActor.get(p) : p);
  const nameOf = (p: Party): string => doc.parties.get(p)?.name ?? p;
  const body = doc.paragraphs
    .filter((x) => !x.furniture)
    .map((x) => x.text)
    .join('\n');
  const shortOf = (p: Party): string => {
    const info = doc.parties.get(p);
    const words = normalizeName(info?.name ?? p).split(' ');
    return info?.kind === 'person' ? (usedAlone(info.name, body) ?? words.at(-1) ?? p) : words.join('-');
  };

  // A topic is proposed only where the tags guard will find one of its keywords in the cited
  // paragraphs: the guard reads names as names ("Left Alliance" is no alliance), as a curator would.
  const tagAnalyzer = new Analyzer([...dataset.actors, ...newActors]);
  const topicKeywords = new Map(dataset.topics.map((t) => [t.id, topicMatcher(tagAnalyzer, t)]));
  const paragraphAnalyses = new Map<number, Analysis>();
  const analysisOf = (n: number): Analysis => {
    let a = paragraphAnalyses.get(n);
    if (!a) {
      a = tagAnalyzer.analyze(doc.paragraphs[n - 1]?.text ?? '');
      paragraphAnalyses.set(n, a);
    }
    return a;
  };
  const taggable = (ids: string[], paragraphs: readonly number[]): string[] =>
    ids.filter((id) => {
      const matcher = topicKeywords.get(id);
      return !matcher || paragraphs.some((n) => findTopicKeyword(matcher, analysisOf(n)) !== undefined);
    });

  // Events.
  const events: Event[] = [];
  const eventIdOf = new Map<EventCandidate, string>();
  const eventReview: DraftReview['events'] = {};
  for (const c of analysis.events) {
    const paragraphs = [...new Set(c.sentences.map((s) => s.paragraph))]
      .filter(citable)
      .sort((a, b) => a - b);
    if (paragraphs.length === 0) continue;
    const parties = [...c.parties.entries()].filter(([p]) => actorOf(p) !== undefined);
    const people = parties
      .filter(([p, role]) => doc.parties.get(p)?.kind === 'person' && role !== 'subject')
      .map(([p]) => p);
    const headline = people.length > 0 ? people : parties.slice(0, 1).map(([p]) => p);
    const base =
      c.name !== undefined
        ? kebab(c.name)
        : c.family === 'war'
          ? [
              ...parties.slice(0, 1).map(([p]) => shortOf(p)),
              kebab(c.trigger.split(' ').at(-1) ?? 'war'),
            ].join('-')
          : [
              ...headline.slice(0, 2).map(shortOf),
              ...(headline.length === 0 && c.location ? [kebab(c.location)] : []),
              c.kind,
            ].join('-');
    const id = eventIds.allocate(base, c.kind);
    eventIdOf.set(c, id);
    const actors = parties.map(([p, role]) => ({
      actor: actorOf(p) ?? p,
      role: role as Event['actors'][number]['role'],
    }));
    const text = c.sentences.map((s) => s.text).join(' ');
    // With no one to name, or (for fighting) no word for what happened but its date ("2011"), the
    // title is the curator's to write, not ours to invent.
    const untitled =
      c.name === undefined && (c.family === 'war' ? saysOnlyWhen(c.trigger) : headline.length === 0);
    const title = untitled
      ? `${TODO}: title in our own words`
      : ((TITLE_FOR[c.kind] ?? TITLE_FOR.statement)?.(headline.map(nameOf), c) ?? c.kind);
    const date = c.date ?? { value: input.published, precision: 'day' as const, basis: 'publication' };
    events.push({
      id,
      kind: c.kind,
      title: title.length >= 5 ? title.slice(0, 200) : `${title} (event)`,
      summary: `${TODO}: summary in our own words of paragraph${paragraphs.length > 1 ? 's' : ''} ${paragraphs.join(', ')}`,
      date,
      ...(c.partOfDay ? { partOfDay: c.partOfDay } : {}),
      ...(c.location ? { location: c.location } : {}),
      actors: actors.length > 0 ? actors : [{ actor: 'todo-actor', role: 'participant' }],
      topics: taggable(eventTopics(topics.match(text)), paragraphs),
      citations: paragraphs.map((paragraph) => ({ source: sourceId, paragraph })),
      related: [],
    });
    eventReview[id] = {
      paragraphs,
      trigger: c.trigger,
      sentences: c.sentences.map((s) => `¶${s.paragraph}: ${s.text}`),
      dateFrom: date.basis,
      ...(c.datedBy !== undefined ? { datedBy: c.datedBy } : {}),
      confidence: c.confidence,
      notes: [
        ...c.notes,
        ...(actors.length === 0 ? ['no actor found: choose one'] : []),
        ...[...c.parties.keys()].flatMap((p) => {
          const u = doc.registry.unknown.get(p.slice('new:'.length));
          return isNewParty(p) && u && isInferred(u)
            ? [`not an actor: ${u.name} is inferred (${u.basis}); add them if the article means them`]
            : [];
        }),
      ],
    };
  }

  // Quotes.
  const quoteRecords: Quote[] = [];
  const quoteIdOf = new Map<AttributedQuote, string>();
  const quoteReview: DraftReview['quotes'] = {};
  for (const q of quotes) {
    const paragraph = q.sentence.paragraph;
    if (!citable(paragraph)) continue;
    const event = analysis.quoteEvent.get(q);
    const eventId = event ? eventIdOf.get(event) : undefined;
    const speaker = q.speaker ? actorOf(q.speaker) : undefined;
    const base = [...(q.speaker ? [shortOf(q.speaker)] : []), ...keyWords(q.quote.text)].join('-');
    const id = quoteIds.allocate(base, 'quote');
    quoteIdOf.set(q, id);
    const flags = [...q.flags];
    const bad = checkQuoteText(q.quote.text);
    if (bad) flags.push(bad);
    if (!speaker && !flags.some((f) => f.startsWith(SPEAKER_UNKNOWN))) flags.push(SPEAKER_UNKNOWN);
    quoteRecords.push({
      id,
      speaker: speaker ?? 'todo-speaker',
      text: q.quote.text,
      fragment: q.fragment,
      event: eventId ?? 'todo-event',
      topics: taggable(
        topics
          .match(q.quote.text)
          .slice(0, 3)
          .map((t) => t.topic),
        [paragraph],
      ),
      context: `${TODO}: context in our own words (paragraph ${paragraph})`,
      citation: { source: sourceId, paragraph },
    });
    quoteReview[id] = {
      paragraph,
      sentence: q.sentence.text,
      speakerRule: q.rule,
      ...(q.cue ? { speakerCue: q.cue } : {}),
      candidates: q.candidates.slice(0, 4).map((c) => ({
        // A name the draft does not propose as an actor is shown as the text prints it.
        speaker: actorOf(c.party) ?? `new:${nameOf(c.party)}`,
        rule: c.rule,
        confidence: c.confidence,
        evidence: c.evidence,
        ...(c.inferred ? { inferred: true as const } : {}),
      })),
      confidence: q.confidence,
      style: q.quote.style,
      flags,
    };
  }

  const mentions = doc.sentences.flatMap((s) => s.mentions.map((m) => ({ m, paragraph: s.paragraph })));
  const review: DraftReview = {
    generatedAt: input.now.toISOString(),
    article: {
      ...(input.articlePath ? { path: input.articlePath } : {}),
      sha256: createHash('sha256').update(input.text).digest('hex'),
    },
    published: input.published,
    howTo: [
      'Check every record under "records" against the article; delete what is wrong, fix speakers, dates and actors.',
      `Replace every "${TODO}" with text in our own words; summaries and contexts must not copy the article.`,
      'Confidence (0–1) and the sentence each proposal came from are under "review"; accept ignores this part.',
      'Then run: npm run ingest:accept -- <this file>',
    ],
    paragraphs: doc.paragraphs.map((p) => ({
      paragraph: p.n,
      flags: p.flags,
      furniture: p.furniture,
      ...(p.reason ? { reason: p.reason } : {}),
      text: p.text.length > 90 ? `${p.text.slice(0, 90)}…` : p.text,
    })),
    quotes: quoteReview,
    events: eventReview,
    actors: actorReview,
    spellingVariants: mentions
      .filter(({ m }) => m.match === 'fuzzy' && m.actor)
      .map(({ m, paragraph }) => ({
        paragraph,
        text: m.text,
        actor: m.actor ?? '',
        alias: m.alias ?? '',
        distance: m.distance ?? 0,
      })),
    otherNames: [...doc.registry.unknown.values()]
      .filter((u) => !partyActor.has(`new:${u.key}`))
      .map((u) => ({
        name: u.name,
        kind: u.kind,
        paragraphs: u.paragraphs,
        basis: u.basis,
        ...(isInferred(u) ? { inferred: true as const } : {}),
      })),
    dates: doc.sentences.flatMap((s) =>
      s.dates.map((d) => ({
        paragraph: s.paragraph,
        text: d.text,
        rule: d.rule,
        ...(d.date ? { date: d.date } : {}),
        future: d.future,
        inQuote: d.inQuote,
      })),
    ),
    actorsFound: [...new Set(mentions.flatMap(({ m }) => (m.actor ? [m.actor] : [])))].sort(),
    planned: analysis.planned
      .filter((p) => citable(p.paragraph))
      .map((p) => ({ paragraph: p.paragraph, date: p.date, trigger: p.trigger, sentence: p.sentence.text })),
  };

  return {
    draft: {
      format: DRAFT_FORMAT,
      records: {
        sources: [source],
        actors: newActors,
        topics: [],
        events,
        quotes: quoteRecords,
        commitments: [],
      },
      review,
    },
    doc,
    quotes,
    events: analysis,
    quoteIds: quoteIdOf,
    eventIds: eventIdOf,
  };
}

/** A person the article does not name, taken from the office holders on its publication day. */
function isInferred(u: { basis: string }): boolean {
  return u.basis.startsWith(INFERRED_BASIS);
}

/**
 * The word of a person's name the article calls them by on its own, for ids: "Xi" for Xi Jinping,
 * "Lula" for Luiz Inácio Lula da Silva, "Erdogan" for Recep Tayyip Erdogan. Undefined when no word
 * of the name stands alone in the text more often than the others.
 */
export function usedAlone(name: string, text: string): string | undefined {
  const parts = name.split(/\s+/u);
  if (parts.length < 2) return undefined;
  let best: { word: string; count: number } | undefined;
  for (const [i, w] of parts.entries()) {
    if (!/^\p{Lu}/u.test(w)) continue;
    const escaped = w.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
    const before = parts[i - 1];
    const after = parts[i + 1];
    let count = 0;
    for (const m of text.matchAll(new RegExp(`(?<![\\p{L}\\p{N}-])${escaped}(?![\\p{L}\\p{N}-])`, 'gu'))) {
      const at = m.index ?? 0;
      const prev = /(\S+)\s+$/u.exec(text.slice(Math.max(0, at - 40), at))?.[1];
      const next = /^\s+(\S+)/u.exec(text.slice(at + w.length, at + w.length + 40))?.[1];
      if ((before && prev === before) || (after && next?.replace(/['’]s$|[,.;:]$/u, '') === after)) continue;
      count++;
    }
    if (count > 0 && (!best || count > best.count || (count === best.count && i === parts.length - 1)))
      best = { word: w, count };
  }
  return best ? normalizeName(best.word).replace(/\s+/gu, '-') : undefined;
}
