import type { Citation, RawDataset } from '../schema.ts';
import { NUMBER_WORDS } from './lexicon.ts';
import { splitSentences } from './text.ts';

/**
 * Broken copies of a dataset, for measuring the support guard: each breaks one record in one way a
 * careless edit would — cite the wrong paragraph, change a number, slip in a qualifier ("yet",
 * "annual"), or name the wrong person. Deterministic. Pure.
 */

export type MutationKind = 'wrong-paragraph' | 'number-changed' | 'qualifier-added' | 'actor-swapped';

export interface BrokenCopy {
  kind: MutationKind;
  /** What was changed, for reports. */
  description: string;
  data: RawDataset;
  /** Record key and index of the broken record; a support problem on it counts as caught. */
  target: { key: 'events' | 'topics' | 'commitments'; index: number; path: string };
}

interface Supported {
  key: 'events' | 'topics' | 'commitments';
  index: number;
  /** Path prefix of the record (`events[3]`, `topics[2].thread[1]`). */
  path: string;
  field: string;
  text: string;
  citations: readonly Citation[];
}

/** Records whose text the support guard scores, with their main text field. */
function supportedRecords(data: RawDataset): Supported[] {
  const out: Supported[] = [];
  data.events.forEach((e, i) =>
    out.push({
      key: 'events',
      index: i,
      path: `events[${i}]`,
      field: 'summary',
      text: e.summary,
      citations: e.citations,
    }),
  );
  data.topics.forEach((t, i) =>
    t.thread.forEach((entry, j) =>
      out.push({
        key: 'topics',
        index: i,
        path: `topics[${i}].thread[${j}]`,
        field: 'status',
        text: entry.status,
        citations: entry.citations,
      }),
    ),
  );
  data.commitments.forEach((c, i) =>
    out.push({
      key: 'commitments',
      index: i,
      path: `commitments[${i}]`,
      field: 'text',
      text: c.text,
      citations: [c.citation],
    }),
  );
  return out;
}

/** Replaces the record's text or citations in a deep copy. */
function edit(data: RawDataset, r: Supported, change: { text?: string; citations?: Citation[] }): RawDataset {
  const copy = structuredClone(data);
  let target: Record<string, unknown>;
  if (r.key === 'topics') {
    const j = Number(/thread\[(\d+)\]/.exec(r.path)?.[1]);
    target = copy.topics[r.index]?.thread[j] as unknown as Record<string, unknown>;
  } else target = copy[r.key][r.index] as unknown as Record<string, unknown>;
  if (change.text !== undefined) target[r.field] = change.text;
  if (change.citations) {
    if (r.key === 'commitments') target.citation = change.citations[0];
    else target.citations = change.citations;
  }
  return copy;
}

const QUALIFIER_ADVERBS = [
  'yet',
  'again',
  'repeatedly',
  'secretly',
  'officially',
  'still',
  'already',
  'finally',
];
const QUALIFIER_ADJECTIVES = [
  'annual',
  'first',
  'unprecedented',
  'historic',
  'unanimous',
  'final',
  'secret',
  'only',
];
const DETERMINERS = /\b(the|a|an|its|his|her|their)\s+(?=[a-z])/;

export function brokenCopies(data: RawDataset): BrokenCopy[] {
  const out: BrokenCopy[] = [];
  const records = supportedRecords(data);
  const sourceById = new Map(data.sources.map((s) => [s.id, s]));
  records.forEach((r, n) => {
    const target = { key: r.key, index: r.index, path: r.path };

    // Wrong paragraph: the same source, two paragraphs the record does not cite.
    const first = r.citations[0];
    const source = first ? sourceById.get(first.source) : undefined;
    if (first && source) {
      const cited = new Set(r.citations.filter((c) => c.source === first.source).map((c) => c.paragraph));
      const others = Array.from({ length: source.paragraphCount }, (_, i) => i + 1).filter(
        (p) => !cited.has(p) && !source.furniture.includes(p),
      );
      for (const k of [0, 1]) {
        const p = others[(n * 7 + k * Math.ceil(others.length / 2)) % others.length];
        if (p === undefined) continue;
        out.push({
          kind: 'wrong-paragraph',
          description: `${r.path} cites ${source.label} ¶${p} instead of ¶${[...cited].join(', ¶')}`,
          data: edit(data, r, { citations: [{ source: source.id, paragraph: p }] }),
          target,
        });
      }
    }

    // A number changed.
    const num =
      /\$?\b(\d+(?:\.\d+)?)\b|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|ninety|hundred|thousand|million|billion)\b/i.exec(
        r.text,
      );
    if (num) {
      const was = num[1] ?? num[2] ?? '';
      const now = num[1]
        ? String(Number(num[1]) === 90 ? 60 : Number(num[1]) + 3)
        : (swapNumberWord(was.toLowerCase()) ?? was);
      const text =
        r.text.slice(0, num.index) + num[0].replace(was, now) + r.text.slice(num.index + num[0].length);
      out.push({
        kind: 'number-changed',
        description: `${r.path}.${r.field}: "${was}" → "${now}"`,
        data: edit(data, r, { text }),
        target,
      });
    }

    // A qualifier slipped in: an adverb at the end of the first sentence, an adjective before a noun.
    const firstSentence = splitSentences(r.text)[0];
    if (firstSentence) {
      const adverb = QUALIFIER_ADVERBS[n % QUALIFIER_ADVERBS.length] as string;
      const end = firstSentence.start + firstSentence.text.length;
      const body = r.text.slice(0, end).replace(/[.;:!?]+$/, '');
      const text = `${body} ${adverb}${r.text.slice(body.length)}`;
      out.push({
        kind: 'qualifier-added',
        description: `${r.path}.${r.field}: "${adverb}" added`,
        data: edit(data, r, { text }),
        target,
      });
      const adjective = QUALIFIER_ADJECTIVES[n % QUALIFIER_ADJECTIVES.length] as string;
      const det = DETERMINERS.exec(r.text);
      if (det) {
        const at = det.index + det[0].length;
        out.push({
          kind: 'qualifier-added',
          description: `${r.path}.${r.field}: "${adjective}" added`,
          data: edit(data, r, { text: `${r.text.slice(0, at)}${adjective} ${r.text.slice(at)}` }),
          target,
        });
      }
    }

    // The wrong person: a person the record names replaced by one it does not.
    const persons = data.actors.filter((a) => a.kind === 'person');
    const named = persons.find((a) => new RegExp(`\\b${lastName(a.name)}\\b`).test(r.text));
    const rotated = [...persons.slice(n % persons.length), ...persons.slice(0, n % persons.length)];
    const stranger = named && rotated.find((a) => a.id !== named.id && !r.text.includes(lastName(a.name)));
    if (named && stranger) {
      out.push({
        kind: 'actor-swapped',
        description: `${r.path}.${r.field}: ${lastName(named.name)} → ${lastName(stranger.name)}`,
        data: edit(data, r, {
          text: r.text.replace(new RegExp(`\\b${lastName(named.name)}\\b`), lastName(stranger.name)),
        }),
        target,
      });
    }
  });
  return out;
}

function lastName(name: string): string {
  return name.split(' ').at(-1) ?? name;
}

function swapNumberWord(word: string): string | undefined {
  const digits = NUMBER_WORDS.get(word);
  if (!digits) return undefined;
  if (word === 'billion') return 'million';
  if (word === 'million') return 'billion';
  if (word === 'thousand' || word === 'hundred') return 'million';
  const n = Number(digits);
  const back = [...NUMBER_WORDS.entries()].find(([, d]) => Number(d) === n + 2)?.[0];
  return back ?? 'twelve';
}
