import { z } from 'zod';
import { Actor, Commitment, Event, Quote, Source, Topic } from '../domain/schema.ts';

/**
 * The draft a curator reviews: proposed records in the dataset's own shapes (so accept can merge
 * them as they are) and, apart from them, the review metadata accept strips.
 */

export const DRAFT_FORMAT = 'briefbot-ingest-draft/1';

/** Text the curator must replace before accept takes the draft. */
export const TODO = 'TODO';

export const DraftRecords = z.strictObject({
  sources: z.array(Source).default([]),
  actors: z.array(Actor).default([]),
  topics: z.array(Topic).default([]),
  events: z.array(Event).default([]),
  quotes: z.array(Quote).default([]),
  commitments: z.array(Commitment).default([]),
});

export const Draft = z.object({
  format: z.literal(DRAFT_FORMAT),
  records: DraftRecords,
  review: z.unknown().optional(),
});

export type DraftRecords = z.infer<typeof DraftRecords>;
export type Draft = z.infer<typeof Draft>;

export interface QuoteReview {
  paragraph: number;
  sentence: string;
  speakerRule: string;
  speakerCue?: string;
  /** Every speaker the rules proposed, best first, with the words that support each. */
  /** `inferred`: a name the article does not give (an office holder on the publication day). */
  candidates: { speaker: string; rule: string; confidence: number; evidence: string; inferred?: true }[];
  confidence: number;
  style: string;
  flags: string[];
}

export interface EventReview {
  paragraphs: number[];
  trigger: string;
  sentences: string[];
  dateFrom: string;
  /** The paragraph whose words gave the date (absent when only publication bounds it). */
  datedBy?: number;
  confidence: number;
  notes: string[];
}

export interface ActorReview {
  basis: string;
  paragraphs: number[];
  mentions: number;
}

export interface DraftReview {
  generatedAt: string;
  article: { path?: string; sha256: string };
  published: string;
  howTo: string[];
  paragraphs: { paragraph: number; flags: string[]; furniture: boolean; reason?: string; text: string }[];
  quotes: Record<string, QuoteReview>;
  events: Record<string, EventReview>;
  actors: Record<string, ActorReview>;
  /** Names matched to dataset actors through a misspelling, and names the dataset does not know. */
  spellingVariants: { paragraph: number; text: string; actor: string; alias: string; distance: number }[];
  /** `inferred`: a person the article does not name (an office holder on the publication day). */
  otherNames: { name: string; kind: string; paragraphs: number[]; basis: string; inferred?: true }[];
  dates: {
    paragraph: number;
    text: string;
    rule: string;
    date?: unknown;
    future: boolean;
    inQuote: boolean;
  }[];
  actorsFound: string[];
  /** What the text says will happen after publication: not proposed as events (the dataset holds what happened). */
  planned?: { paragraph: number; date: unknown; trigger: string; sentence: string }[];
}

export interface DraftFile {
  format: typeof DRAFT_FORMAT;
  records: DraftRecords;
  review: DraftReview;
}
