import { z } from 'zod';
import {
  Actor,
  Commitment,
  Event,
  Quote,
  type RawDataset,
  Source,
  Topic,
} from '../../../src/domain/schema.ts';

export type { RawDataset };

/** The six record lists with the schema's defaults applied. */
export const RawDatasetFiles = z.object({
  sources: z.array(Source),
  actors: z.array(Actor),
  topics: z.array(Topic),
  events: z.array(Event),
  quotes: z.array(Quote),
  commitments: z.array(Commitment),
});
