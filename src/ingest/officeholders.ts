import { z } from 'zod';
import type { Day } from '../domain/dates.ts';
import file from './office-holders.json' with { type: 'json' };
import { parseRole, type RoleSense } from './roles.ts';

/**
 * Who held the offices news text names by role ("Britain's prime minister", "the Kremlin
 * spokesman"), read from one data file of dated terms (office-holders.json). It is world
 * knowledge, not the article's, so its use is narrow: only the holders in office on the article's
 * publication day, only when the article titles no one else so, to link the role to a person the
 * article names ("Sir Keir Starmer"), or else to offer the holder the text does not name as an
 * inferred candidate that a curator must choose (see speakers.ts).
 */

const DAY = /^\d{4}-\d{2}-\d{2}$/u;

const termSchema = z
  .object({
    name: z.string().min(2),
    /** A role phrase as news text writes it; parsed with parseRole. */
    title: z.string().min(2),
    /** The first day in office. */
    from: z.string().regex(DAY),
    /** The last day in office; absent while the holder is in office. */
    to: z.string().regex(DAY).optional(),
    gender: z.enum(['he', 'she']).optional(),
  })
  .strict()
  .refine((t) => !t.to || t.from <= t.to, { message: 'a term ends before it starts' })
  .refine((t) => parseRole(t.title)?.affiliation !== undefined, {
    message: 'the title names no country or organisation, so it would fit any holder of the office',
  });

export type OfficeTerm = z.infer<typeof termSchema>;

const fileSchema = z.object({ $comment: z.string().optional(), terms: z.array(termSchema) }).strict();

/** The terms in a file's shape, or a message naming the file, the entry and what is wrong. */
export function parseOfficeTerms(raw: unknown, where = 'src/ingest/office-holders.json'): OfficeTerm[] {
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${where}: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  // Two holders of one office on the same day would make the lexicon guess between them.
  const terms = parsed.data.terms;
  for (const [i, a] of terms.entries())
    for (const b of terms.slice(i + 1))
      if (
        a.title === b.title &&
        a.name !== b.name &&
        a.from <= (b.to ?? '9999') &&
        b.from <= (a.to ?? '9999')
      )
        throw new Error(`${where}: “${a.title}” has two holders at once (${a.name}, ${b.name})`);
  return terms;
}

export const OFFICE_TERMS: readonly OfficeTerm[] = parseOfficeTerms(file);

export interface KnownHolder {
  name: string;
  role: RoleSense;
  gender?: 'he' | 'she';
}

/** The holders in office on a day (the article's publication day), with their roles parsed. */
export function holdersOn(day: Day, terms: readonly OfficeTerm[] = OFFICE_TERMS): KnownHolder[] {
  return terms
    .filter((t) => t.from <= day && (!t.to || day <= t.to))
    .flatMap((t) => {
      const role = parseRole(t.title);
      return role ? [{ name: t.name, role, ...(t.gender ? { gender: t.gender } : {}) }] : [];
    });
}
