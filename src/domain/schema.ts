import { z } from 'zod';
import { TRANSLATION_LOCALES, type TranslationLocale } from './locales.ts';

/** Lower-case kebab ids: stable, readable in custom_ids and citations. */
export const Id = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'ids are lower-case words joined by "-", e.g. "vance-munich-speech"')
  .max(64, 'ids are at most 64 characters (they travel inside Discord custom_ids)');

const DateValue = z
  .string()
  .regex(/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/, 'dates are written YYYY-MM-DD, YYYY-MM or YYYY');

const DayValue = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'write this bound as YYYY-MM-DD');

export const Precision = z.enum(['day', 'month', 'year']);

/**
 * A date as precise as the source allows. `value` has the shape its precision implies; `basis`
 * records how it was determined (e.g. "'Wednesday' before the article's Friday, 14 Feb 2025").
 * `earliest`/`latest` bound a date the text only places loosely.
 */
export const PartialDate = z.strictObject({
  value: DateValue,
  precision: Precision,
  approximate: z.boolean().optional(),
  earliest: DayValue.optional(),
  latest: DayValue.optional(),
  multiDay: z
    .boolean()
    .optional()
    .describe(
      'the event ran over several days (a conference, a campaign): value/precision name the period it falls in, earliest/latest bound its first and last days',
    ),
  underWay: DayValue.optional().describe('a day the text shows a multi-day event under way'),
  basis: z.string().min(3, 'say how the date was determined'),
});

/**
 * A translation of one English field: the text, and `from`, the hash of the English text it was
 * made from (translationHash in src/domain/translations.ts: the first 12 hex digits of the SHA-256
 * of the English text with its whitespace collapsed). When the English text changes the hash no
 * longer matches: the translation is stale, never shown (the English is, with a marker), and
 * data:check says so until it is re-translated. Same length limits as the English field.
 */
const translatedLike = (english: z.ZodString) => {
  const min = english.minLength ?? 1;
  let text = z.string().min(min, `a translation has at least ${min} characters, like the English field`);
  if (english.maxLength !== null)
    text = text.max(
      english.maxLength,
      `a translation has at most ${english.maxLength} characters, like the English field`,
    );
  return z.strictObject({
    text,
    from: z
      .string()
      .regex(
        /^[0-9a-f]{12}$/,
        'the hash of the English text this translates (12 hex digits; `npm run data:translations` prints it)',
      ),
  });
};

/** `i18n: { uk: { title: { text, from }, … } }`: translations by content locale (src/domain/locales.ts). */
const translations = <S extends z.ZodRawShape>(shape: S) =>
  z
    .partialRecord(
      z.enum(TRANSLATION_LOCALES as unknown as [TranslationLocale, ...TranslationLocale[]]),
      z.strictObject(shape).partial(),
    )
    .optional()
    .describe(
      `translations of this record's own words, by locale (${TRANSLATION_LOCALES.join(', ')}); quotes are never translated`,
    );

export const Citation = z.strictObject({
  source: Id,
  paragraph: z.number().int().min(1, 'paragraphs count from 1'),
});

/** A Discord member who made a curation decision (id for reference, name as shown then). */
export const CuratorRef = z.strictObject({
  id: z.string().regex(/^\d{1,20}$/, 'a Discord user id'),
  name: z.string().min(1).max(100),
});

const Instant = z.iso.datetime({ offset: true, error: 'an ISO date-time such as 2025-03-12T09:30:00.000Z' });

/** Provenance of a record a curator accepted in a /curate review (absent for hand-edited data). */
export const Review = z
  .strictObject({
    by: CuratorRef,
    at: Instant,
    /** The review (draft) it came from. */
    draft: z.string().min(1).max(64).optional(),
  })
  .describe('who accepted this record in a /curate review, and when');

/** Provenance of a source published from a /curate review: who published it, and what was turned down. */
export const SourceCuration = z
  .strictObject({
    publishedBy: CuratorRef,
    publishedAt: Instant,
    draft: z.string().min(1).max(64),
    via: z.enum(['url', 'file', 'paste', 'feed']),
    rejected: z
      .array(
        z.strictObject({
          kind: z.enum(['event', 'quote', 'actor']),
          id: Id,
          /** What it was, in our words (never the source's text). */
          label: z.string().min(1).max(200),
          by: CuratorRef,
          at: Instant,
        }),
      )
      .default([]),
  })
  .describe('how this source came in through /curate, and the proposals curators rejected');

const SourceSummary = z.string().min(10);

export const Source = z.strictObject({
  id: Id,
  label: z.string().regex(/^S\d+$/, 'source labels look like S1, S2…'),
  title: z.string().min(3).max(200),
  publisher: z.string().min(1).optional(),
  url: z.url().optional(),
  publishedAt: PartialDate,
  language: z.string().regex(/^[a-z]{2}(?:-[A-Z]{2})?$/, 'a BCP-47 language tag such as "en"'),
  file: z.string().min(1).describe('file name of the source text, for `npm run data:verify`'),
  paragraphCount: z.number().int().min(1),
  furniture: z
    .array(z.number().int().min(1))
    .default([])
    .describe('paragraphs that are page furniture (menus, captions repeating the text): never cited'),
  summary: SourceSummary,
  curation: SourceCuration.optional(),
  i18n: translations({ summary: translatedLike(SourceSummary) }),
});

export const ActorKind = z.enum(['person', 'state', 'organization', 'group']);

const RoleTitle = z.string().min(2);

export const Role = z.strictObject({
  title: RoleTitle,
  asOf: DayValue.describe('a date on which a source gives this role'),
  citation: Citation,
  i18n: translations({ title: translatedLike(RoleTitle) }),
});

const ActorName = z.string().min(2).max(100);
const ActorAlias = z.string().min(1).max(100);
const ActorDescription = z.string().min(3).max(300);

export const Actor = z.strictObject({
  id: Id,
  name: ActorName,
  kind: ActorKind,
  aliases: z.array(ActorAlias).default([]),
  description: ActorDescription,
  roles: z.array(Role).default([]),
  reviewed: Review.optional(),
  i18n: translations({
    name: translatedLike(ActorName),
    description: translatedLike(ActorDescription),
    /** Other spellings and grammatical forms a reader may type in that language. */
    aliases: z.array(ActorAlias),
  }),
});

export const EventKind = z.enum([
  'meeting',
  'call',
  'speech',
  'interview',
  'summit',
  'statement',
  'demand',
  'pledge',
  'announcement',
  'military-action',
]);

export const ParticipantRole = z.enum([
  'participant',
  'host',
  'speaker',
  'interviewee',
  'interviewer',
  'audience',
  'attendee',
  'subject',
  'addressee',
  'supporter',
]);

export const PartOfDay = z.enum(['morning', 'afternoon', 'evening', 'night']);

export const EventRelation = z.enum(['follows', 'part-of', 'responds-to', 'related']);

/**
 * Whose account a claim is when the source reports it as someone's ("according to X", "X said…"):
 * shown as "according to X" wherever the claim is.
 */
const AttributedTo = Id.describe(
  'the actor whose account this is when the source reports it as theirs ("according to X", "X says he…")',
);

/** A topic kept on a record although its cited text has none of the topic's keywords. */
export const TopicOverride = z.strictObject({
  topic: Id,
  reason: z.string().min(10, 'say why the topic applies although the cited text has none of its keywords'),
});
const TopicOverrides = z
  .array(TopicOverride)
  .optional()
  .describe('curator overrides of the tag-support check, each with a reason');

const EventTitle = z.string().min(5).max(200);
const EventSummary = z.string().min(20).max(1500);
const EventLocation = z.string().min(2).max(200);
const DateBasis = z.string().min(3);

export const Event = z.strictObject({
  id: Id,
  kind: EventKind,
  title: EventTitle,
  summary: EventSummary,
  date: PartialDate,
  partOfDay: PartOfDay.optional(),
  location: EventLocation.optional(),
  actors: z.array(z.strictObject({ actor: Id, role: ParticipantRole })).min(1, 'name at least one actor'),
  topics: z.array(Id).default([]),
  topicOverrides: TopicOverrides,
  attributedTo: AttributedTo.optional(),
  citations: z.array(Citation).min(1, 'every event cites at least one source paragraph'),
  related: z.array(z.strictObject({ event: Id, relation: EventRelation })).default([]),
  reviewed: Review.optional(),
  i18n: translations({
    title: translatedLike(EventTitle),
    summary: translatedLike(EventSummary),
    location: translatedLike(EventLocation),
    /** date.basis, shown under the date. */
    basis: translatedLike(DateBasis),
  }),
});

const QuoteContext = z.string().min(10).max(500);

export const Quote = z.strictObject({
  id: Id,
  speaker: Id,
  text: z.string().min(2).max(1000),
  fragment: z.boolean().default(false).describe('a phrase quoted inside a sentence rather than a full quote'),
  event: Id,
  topics: z.array(Id).default([]),
  topicOverrides: TopicOverrides,
  context: QuoteContext,
  citation: Citation,
  reviewed: Review.optional(),
  /** The context only: the quote's text stays verbatim in the language it was said in. */
  i18n: translations({ context: translatedLike(QuoteContext) }),
});

const ThreadStatus = z.string().min(10).max(600);

export const ThreadEntry = z.strictObject({
  date: DayValue,
  status: ThreadStatus,
  attributedTo: AttributedTo.optional(),
  events: z.array(Id).min(1),
  citations: z.array(Citation).min(1),
  i18n: translations({ status: translatedLike(ThreadStatus) }),
});

const TopicLabel = z.string().min(2).max(80);
const TopicDescription = z.string().min(10).max(400);

export const Topic = z.strictObject({
  id: Id,
  label: TopicLabel,
  description: TopicDescription,
  keywords: z.array(z.string().min(2)).default([]),
  thread: z.array(ThreadEntry).default([]).describe('the state of play over time, newest last'),
  i18n: translations({ label: translatedLike(TopicLabel), description: translatedLike(TopicDescription) }),
});

export const CommitmentKind = z.enum([
  'pledge',
  'guarantee',
  'intention',
  'demand',
  'condition',
  'expectation',
]);
export const CommitmentStatus = z.enum(['open', 'fulfilled', 'broken', 'withdrawn']);

const CommitmentText = z.string().min(10).max(400);

export const Commitment = z.strictObject({
  id: Id,
  kind: CommitmentKind,
  text: CommitmentText,
  by: z.array(Id).min(1),
  to: z.array(Id).default([]),
  event: Id,
  due: z
    .strictObject({
      from: DayValue,
      to: DayValue,
      basis: z.string().min(3),
    })
    .optional(),
  status: CommitmentStatus,
  topics: z.array(Id).default([]),
  topicOverrides: TopicOverrides,
  attributedTo: AttributedTo.optional(),
  citation: Citation,
  i18n: translations({ text: translatedLike(CommitmentText) }),
});

const file = <T extends z.ZodType>(key: string, item: T) =>
  z.strictObject({ $schema: z.string().optional(), [key]: z.array(item) });

export const SourcesFile = file('sources', Source);
export const ActorsFile = file('actors', Actor);
export const EventsFile = file('events', Event);
export const QuotesFile = file('quotes', Quote);
export const TopicsFile = file('topics', Topic);
export const CommitmentsFile = file('commitments', Commitment);

/** Data file name → its schema. The order is the order problems are reported in. */
export const DATA_FILES = {
  'sources.json': { key: 'sources', schema: SourcesFile },
  'actors.json': { key: 'actors', schema: ActorsFile },
  'topics.json': { key: 'topics', schema: TopicsFile },
  'events.json': { key: 'events', schema: EventsFile },
  'quotes.json': { key: 'quotes', schema: QuotesFile },
  'commitments.json': { key: 'commitments', schema: CommitmentsFile },
} as const;

export type DataFileName = keyof typeof DATA_FILES;
export type PartialDate = z.infer<typeof PartialDate>;
export type Citation = z.infer<typeof Citation>;
export type Source = z.infer<typeof Source>;
export type Actor = z.infer<typeof Actor>;
export type ActorKind = z.infer<typeof ActorKind>;
export type Role = z.infer<typeof Role>;
export type Event = z.infer<typeof Event>;
export type EventKind = z.infer<typeof EventKind>;
export type Quote = z.infer<typeof Quote>;
export type Topic = z.infer<typeof Topic>;
export type ThreadEntry = z.infer<typeof ThreadEntry>;
export type Commitment = z.infer<typeof Commitment>;
export type TopicOverride = z.infer<typeof TopicOverride>;
export type CuratorRef = z.infer<typeof CuratorRef>;
export type Review = z.infer<typeof Review>;
export type SourceCuration = z.infer<typeof SourceCuration>;

export interface RawDataset {
  sources: Source[];
  actors: Actor[];
  topics: Topic[];
  events: Event[];
  quotes: Quote[];
  commitments: Commitment[];
}
