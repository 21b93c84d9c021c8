import type { z } from 'zod';
import { checkPartialDate, firstPossibleDay, isRealDay, lastPossibleDay } from './dates.ts';
import { type Citation, DATA_FILES, type DataFileName, type PartialDate, type RawDataset } from './schema.ts';
import { editDistance } from './text.ts';

/** One thing wrong with the data, located the way `data:check` prints it: `file: json.path: message`. */
export interface Problem {
  file: string;
  path: string;
  message: string;
  /** Errors block data:check, accept and publishing; warnings are printed and counted. Default: error. */
  severity?: 'error' | 'warning';
  /** The check that found it (the truth guards name theirs: own-words, support, dates, tags). */
  guard?: string;
}

export function formatProblem(p: Problem): string {
  return `${p.file}: ${p.path}: ${p.severity === 'warning' ? 'warning: ' : ''}${p.message}`;
}

export const isError = (p: Problem): boolean => p.severity !== 'warning';

export type ValidationResult = { ok: true; data: RawDataset } | { ok: false; problems: Problem[] };

/** `events[3].date.value` from a zod/JSON path. */
export function jsonPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${String(seg)}` : String(seg);
  }
  return out || '$';
}

/** Wraps zod messages so each says what to write instead. */
function zodMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys')
    return `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}: remove or rename them`;
  if (issue.code === 'invalid_value') return `${issue.message}`;
  return issue.message;
}

/**
 * Validates parsed data files against the schema and every cross-file invariant. Pure: the
 * caller reads the files. Returns every problem, not just the first.
 */
export function validateDataset(
  files: Partial<Record<DataFileName, unknown>>,
  dir = 'data',
): ValidationResult {
  const problems: Problem[] = [];
  const raw: Partial<RawDataset> = {};
  const fileOf = (name: DataFileName) => `${dir}/${name}`;

  const knownIds = new Map<string, Set<string>>();
  // Files that could not be read as a whole: references into them are not checked (every one
  // would be reported as unknown, hiding the one real problem: the file itself).
  const unusable = new Set<string>();
  for (const [name, spec] of Object.entries(DATA_FILES) as [
    DataFileName,
    (typeof DATA_FILES)[DataFileName],
  ][]) {
    const content = files[name];
    const ids = new Set<string>();
    knownIds.set(spec.key, ids);
    (raw as Record<string, unknown>)[spec.key] = [];
    if (content === undefined) {
      unusable.add(spec.key);
      problems.push({
        file: fileOf(name),
        path: '$',
        message: `file is missing: create it with {"${spec.key}": []}`,
      });
      continue;
    }
    if (content === null) {
      unusable.add(spec.key); // unreadable: already reported by the reader
      continue;
    }
    const items = (content as Record<string, unknown>)[spec.key];
    if (typeof content !== 'object' || !Array.isArray(items)) {
      unusable.add(spec.key);
      problems.push({
        file: fileOf(name),
        path: '$',
        message: `expected an object with an array "${spec.key}": {"${spec.key}": [ … ]}`,
      });
      continue;
    }
    const { [spec.key]: _items, ...rest } = content as Record<string, unknown>;
    const envelope = spec.schema.safeParse({ ...rest, [spec.key]: [] });
    if (!envelope.success) {
      for (const issue of envelope.error.issues) {
        problems.push({ file: fileOf(name), path: jsonPath(issue.path), message: zodMessage(issue) });
      }
    }
    // Items are checked one by one so that one bad record does not hide the problems of the others.
    const itemSchema = spec.schema.shape[spec.key as never] as unknown as z.ZodArray<z.ZodType>;
    // Sparse on purpose: a valid item keeps its original index, so later paths point at the right record.
    const valid: unknown[] = new Array(items.length);
    items.forEach((item, i) => {
      const id = (item as { id?: unknown } | null)?.id;
      if (typeof id === 'string') ids.add(id);
      const parsed = itemSchema.element.safeParse(item);
      if (parsed.success) valid[i] = parsed.data;
      else {
        for (const issue of parsed.error.issues) {
          problems.push({
            file: fileOf(name),
            path: jsonPath([spec.key, i, ...issue.path]),
            message: zodMessage(issue),
          });
        }
      }
    });
    (raw as Record<string, unknown>)[spec.key] = valid;
  }
  const data = raw as RawDataset;
  problems.push(...checkIntegrity(data, fileOf, knownIds, unusable));
  return problems.length > 0 ? { ok: false, problems } : { ok: true, data };
}

function checkIntegrity(
  data: RawDataset,
  fileOf: (n: DataFileName) => string,
  knownIds: ReadonlyMap<string, ReadonlySet<string>>,
  unusable: ReadonlySet<string> = new Set(),
): Problem[] {
  const problems: Problem[] = [];
  const report = (name: DataFileName, path: string, message: string): void => {
    problems.push({ file: fileOf(name), path, message });
  };

  const ids = {
    sources: uniqueIds(data.sources, 'sources.json', 'sources', report),
    actors: uniqueIds(data.actors, 'actors.json', 'actors', report),
    topics: uniqueIds(data.topics, 'topics.json', 'topics', report),
    events: uniqueIds(data.events, 'events.json', 'events', report),
    quotes: uniqueIds(data.quotes, 'quotes.json', 'quotes', report),
    commitments: uniqueIds(data.commitments, 'commitments.json', 'commitments', report),
  };
  const labels = new Map<string, number>();
  data.sources.forEach((s, i) => {
    const prev = labels.get(s.label);
    if (prev !== undefined)
      report('sources.json', `sources[${i}].label`, `label "${s.label}" is already used by sources[${prev}]`);
    else labels.set(s.label, i);
  });
  const sourceById = new Map(data.sources.filter(Boolean).map((s) => [s.id, s]));
  const eventById = new Map(data.events.filter(Boolean).map((e) => [e.id, e]));

  const ref = (name: DataFileName, path: string, kind: keyof typeof ids, id: string): void => {
    if (unusable.has(kind)) return;
    if (!ids[kind].has(id) && !knownIds.get(kind)?.has(id)) {
      const near = closest(id, ids[kind]);
      report(
        name,
        path,
        `unknown ${kind.slice(0, -1)} "${id}"${near ? `: did you mean "${near}"?` : `: add it to ${kind}.json`}`,
      );
    }
  };
  const cite = (name: DataFileName, path: string, c: Citation): void => {
    const source = sourceById.get(c.source);
    if (!source) {
      ref(name, `${path}.source`, 'sources', c.source);
      return;
    }
    if (c.paragraph > source.paragraphCount)
      report(
        name,
        `${path}.paragraph`,
        `paragraph ${c.paragraph} does not exist: ${source.label} has ${source.paragraphCount} paragraphs`,
      );
    else if (source.furniture.includes(c.paragraph))
      report(
        name,
        `${path}.paragraph`,
        `paragraph ${c.paragraph} of ${source.label} is page furniture and cannot be cited`,
      );
  };
  const date = (name: DataFileName, path: string, d: PartialDate) => {
    const msg = checkPartialDate(d);
    if (msg) report(name, path, msg);
  };
  const overrides = (
    name: DataFileName,
    path: string,
    topics: readonly string[],
    list: readonly { topic: string }[] | undefined,
  ) => {
    list?.forEach((o, j) => {
      if (!topics.includes(o.topic))
        report(
          name,
          `${path}.topicOverrides[${j}].topic`,
          `"${o.topic}" is not among the record's topics: an override only keeps a topic the record has`,
        );
    });
  };

  data.sources.forEach((s, i) => {
    date('sources.json', `sources[${i}].publishedAt`, s.publishedAt);
    s.furniture.forEach((p, j) => {
      if (p > s.paragraphCount)
        report(
          'sources.json',
          `sources[${i}].furniture[${j}]`,
          `paragraph ${p} is beyond paragraphCount ${s.paragraphCount}`,
        );
    });
  });

  data.actors.forEach((a, i) => {
    a.roles.forEach((r, j) => {
      if (!isRealDay(r.asOf))
        report('actors.json', `actors[${i}].roles[${j}].asOf`, `"${r.asOf}" is not a real calendar day`);
      cite('actors.json', `actors[${i}].roles[${j}].citation`, r.citation);
    });
  });

  data.topics.forEach((t, i) => {
    let prev = '';
    t.thread.forEach((entry, j) => {
      const p = `topics[${i}].thread[${j}]`;
      if (!isRealDay(entry.date))
        report('topics.json', `${p}.date`, `"${entry.date}" is not a real calendar day`);
      if (entry.date < prev)
        report(
          'topics.json',
          `${p}.date`,
          `thread entries must be in date order (${entry.date} comes after ${prev})`,
        );
      prev = entry.date;
      entry.events.forEach((e, k) => ref('topics.json', `${p}.events[${k}]`, 'events', e));
      if (entry.attributedTo !== undefined)
        ref('topics.json', `${p}.attributedTo`, 'actors', entry.attributedTo);
      entry.citations.forEach((c, k) => cite('topics.json', `${p}.citations[${k}]`, c));
    });
  });

  data.events.forEach((e, i) => {
    const p = `events[${i}]`;
    date('events.json', `${p}.date`, e.date);
    e.actors.forEach((a, j) => ref('events.json', `${p}.actors[${j}].actor`, 'actors', a.actor));
    e.topics.forEach((t, j) => ref('events.json', `${p}.topics[${j}]`, 'topics', t));
    overrides('events.json', p, e.topics, e.topicOverrides);
    if (e.attributedTo !== undefined) {
      ref('events.json', `${p}.attributedTo`, 'actors', e.attributedTo);
      if (ids.actors.has(e.attributedTo) && !e.actors.some((a) => a.actor === e.attributedTo))
        report(
          'events.json',
          `${p}.attributedTo`,
          `"${e.attributedTo}" is not among the event's actors: add them (e.g. as "speaker") or fix attributedTo`,
        );
    }
    e.citations.forEach((c, j) => cite('events.json', `${p}.citations[${j}]`, c));
    e.related.forEach((r, j) => {
      ref('events.json', `${p}.related[${j}].event`, 'events', r.event);
      if (r.event === e.id)
        report('events.json', `${p}.related[${j}].event`, 'an event cannot be related to itself');
    });
    const published = e.citations
      .map((c) => sourceById.get(c.source))
      .filter((s) => s !== undefined)
      .map((s) => lastPossibleDay(s.publishedAt));
    if (published.length > 0 && !checkPartialDate(e.date) && firstPossibleDay(e.date) > maxOf(published))
      report(
        'events.json',
        `${p}.date`,
        `dated ${e.date.value}, after every source that cites it was published: check the date or the citation`,
      );
  });

  data.quotes.forEach((q, i) => {
    const p = `quotes[${i}]`;
    ref('quotes.json', `${p}.speaker`, 'actors', q.speaker);
    ref('quotes.json', `${p}.event`, 'events', q.event);
    q.topics.forEach((t, j) => ref('quotes.json', `${p}.topics[${j}]`, 'topics', t));
    overrides('quotes.json', p, q.topics, q.topicOverrides);
    cite('quotes.json', `${p}.citation`, q.citation);
    const badQuote = checkQuoteText(q.text);
    if (badQuote) report('quotes.json', `${p}.text`, badQuote);
    const event = eventById.get(q.event);
    if (event && ids.actors.has(q.speaker) && !event.actors.some((a) => a.actor === q.speaker))
      report(
        'quotes.json',
        `${p}.speaker`,
        `"${q.speaker}" is not among the actors of event "${q.event}": add them to the event or fix the speaker`,
      );
    if (event && !event.citations.some((c) => c.source === q.citation.source))
      report(
        'quotes.json',
        `${p}.citation.source`,
        `event "${q.event}" cites no paragraph of "${q.citation.source}": quote and event must share a source`,
      );
  });

  data.commitments.forEach((c, i) => {
    const p = `commitments[${i}]`;
    c.by.forEach((a, j) => ref('commitments.json', `${p}.by[${j}]`, 'actors', a));
    c.to.forEach((a, j) => ref('commitments.json', `${p}.to[${j}]`, 'actors', a));
    ref('commitments.json', `${p}.event`, 'events', c.event);
    c.topics.forEach((t, j) => ref('commitments.json', `${p}.topics[${j}]`, 'topics', t));
    overrides('commitments.json', p, c.topics, c.topicOverrides);
    if (c.attributedTo !== undefined) ref('commitments.json', `${p}.attributedTo`, 'actors', c.attributedTo);
    cite('commitments.json', `${p}.citation`, c.citation);
    if (c.due) {
      for (const bound of ['from', 'to'] as const) {
        if (!isRealDay(c.due[bound]))
          report('commitments.json', `${p}.due.${bound}`, `"${c.due[bound]}" is not a real calendar day`);
      }
      if (c.due.from > c.due.to)
        report('commitments.json', `${p}.due`, `due.from ${c.due.from} is after due.to ${c.due.to}`);
      const event = eventById.get(c.event);
      if (event && c.due.to < firstPossibleDay(event.date))
        report(
          'commitments.json',
          `${p}.due.to`,
          `due before the event "${c.event}" that made the commitment`,
        );
    }
  });
  return problems;
}

const QUOTE_MARKS = /^[\s"'“”‘’«»„‚]|[\s"“”‘«»„‚]$/;

/** A verbatim quote is stored without its surrounding quote marks and without padding. */
export function checkQuoteText(text: string): string | undefined {
  if (text.trim() !== text) return 'quote text has leading or trailing spaces: store the quoted words only';
  if (QUOTE_MARKS.test(text))
    return 'quote text starts or ends with a quote mark: store the words between the marks';
  if (/\s{2,}/.test(text)) return 'quote text has runs of spaces that cannot be verbatim';
  return undefined;
}

function uniqueIds(
  items: ReadonlyArray<{ id: string }>,
  name: DataFileName,
  key: string,
  report: (name: DataFileName, path: string, message: string) => void,
): Set<string> {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const prev = seen.get(item.id);
    if (prev !== undefined)
      report(name, `${key}[${i}].id`, `duplicate id "${item.id}" (also ${key}[${prev}]): ids must be unique`);
    else seen.set(item.id, i);
  });
  return new Set(seen.keys());
}

function maxOf(days: string[]): string {
  return days.reduce((a, b) => (a > b ? a : b));
}

/** The known id closest to a mistyped one, for "did you mean" hints. */
function closest(id: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(3, Math.floor(id.length / 3)) + 1;
  for (const candidate of known) {
    const d = editDistance(id, candidate, bestDistance);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}
