/**
 * Reading a curator's edit form (PURE): each field checked and turned into the record's own shape,
 * or refused with the field and what to type instead. Names resolve the way the rest of the bot
 * does: an id, a name or an alias of the dataset, or an item of this draft (`a1`, `e2`).
 */
import { isRealDay, isRealMonth } from '../domain/dates.ts';
import type { Dataset } from '../domain/model.ts';
import type { Actor, ActorKind, Event, PartialDate, Quote, Source } from '../domain/schema.ts';
import { normalizeName } from '../domain/text.ts';
import { CurationError, type EditDetail } from './errors.ts';
import type { ReviewItem, ReviewState } from './review.ts';

export type FormFields = Readonly<Record<string, string>>;

const KINDS: readonly ActorKind[] = ['person', 'state', 'organization', 'group'];

function invalid(field: string, message: string, detail: EditDetail): never {
  throw new CurationError({ code: 'edit-invalid', field, message, detail });
}

function text(fields: FormFields, field: string, min: number, max: number): string | undefined {
  const raw = fields[field];
  if (raw === undefined) return undefined;
  const value = raw.replace(/\s+/g, ' ').trim();
  if (value.length < min) invalid(field, `write at least ${min} characters`, { why: 'too-short', min });
  if (value.length > max)
    invalid(field, `keep it to ${max} characters (it has ${value.length})`, {
      why: 'too-long',
      max,
      length: value.length,
    });
  return value;
}

/** "2025-03-11", "2025-03 ~", "2025 year approximate": precision follows the shape, "~" marks approximate. */
export function parseDateField(raw: string, basis: string): PartialDate {
  const words = raw
    .trim()
    .toLowerCase()
    .split(/[\s,]+/)
    .filter(Boolean);
  const value = words.find((w) => /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/.test(w));
  if (!value)
    invalid('date', 'write the date as 2025-03-11 (day), 2025-03 (month) or 2025 (year)', {
      why: 'date-shape',
    });
  const precision = value.length === 10 ? 'day' : value.length === 7 ? 'month' : 'year';
  if (precision === 'day' && !isRealDay(value))
    invalid('date', `${value} is not a real day`, { why: 'not-a-day', value });
  if (precision === 'month' && !isRealMonth(value))
    invalid('date', `${value} is not a real month`, { why: 'not-a-month', value });
  const said = words.find((w) => w === 'day' || w === 'month' || w === 'year');
  if (said && said !== precision)
    invalid(
      'date',
      `${value} is a ${precision}; write ${said === 'day' ? 'YYYY-MM-DD' : said === 'month' ? 'YYYY-MM' : 'YYYY'} for a ${said}`,
      { why: 'precision', value, precision, said },
    );
  const approximate = words.some(
    (w) => w === '~' || w.startsWith('approx') || w === 'about' || w === 'circa',
  );
  const other = words.filter(
    (w) =>
      w !== value && w !== said && w !== '~' && !w.startsWith('approx') && w !== 'about' && w !== 'circa',
  );
  if (other.length > 0)
    invalid('date', `"${other.join(' ')}" is not understood: add only "~" for an approximate date`, {
      why: 'date-words',
      words: other.join(' '),
    });
  return { value, precision, ...(approximate ? { approximate: true } : {}), basis };
}

function topicsField(fields: FormFields, dataset: Dataset): string[] | undefined {
  const raw = fields.topics;
  if (raw === undefined) return undefined;
  const out: string[] = [];
  for (const typed of raw
    .split(/[,\n;]+/)
    .map((t) => t.trim())
    .filter(Boolean)) {
    const key = normalizeName(typed);
    const topic =
      dataset.topicById.get(typed) ??
      dataset.topics.find(
        (t) => normalizeName(t.label) === key || normalizeName(t.id.replace(/-/g, ' ')) === key,
      );
    if (!topic) {
      const topics = dataset.topics.map((t) => t.id).slice(0, 12);
      invalid('topics', `no topic "${typed}": use ${topics.join(', ')}`, { why: 'no-topic', typed, topics });
    }
    if (!out.includes(topic.id)) out.push(topic.id);
  }
  return out;
}

/** An actor: dataset id, name or alias; a new actor of this draft by id, name or item key. */
export function resolveSpeaker(typed: string, dataset: Dataset, state: ReviewState): string {
  const raw = typed.trim();
  const draftActors = state.items.filter(
    (i): i is Extract<ReviewItem, { kind: 'actor' }> => i.kind === 'actor',
  );
  const byKey = draftActors.find((i) => i.key === raw.toLowerCase());
  if (byKey) return byKey.record.id;
  if (dataset.actorById.has(raw)) return raw;
  const fromDraft = draftActors.find((i) => i.record.id === raw);
  if (fromDraft) return fromDraft.record.id;
  const key = normalizeName(raw);
  const matches = new Set<string>();
  const consider = (a: Actor) => {
    if ([a.name, ...a.aliases].some((n) => normalizeName(n) === key)) matches.add(a.id);
  };
  for (const a of dataset.actors) consider(a);
  for (const i of draftActors) consider(i.record);
  if (matches.size === 1) return [...matches][0] as string;
  if (matches.size > 1)
    invalid('speaker', `"${raw}" fits ${[...matches].join(', ')}: type the id`, {
      why: 'speaker-ambiguous',
      typed: raw,
      matches: [...matches],
    });
  const example = dataset.actors[0]?.id ?? 'donald-trump';
  const keys = draftActors.map((a) => a.key);
  return invalid(
    'speaker',
    `no actor "${raw}": type a dataset id such as ${example}, a name, or a new actor of this draft (${keys.join(', ') || 'none'})`,
    { why: 'no-speaker', typed: raw, example, keys },
  );
}

function resolveEventRef(typed: string, dataset: Dataset, state: ReviewState): string {
  const raw = typed.trim();
  const events = state.items.filter((i): i is Extract<ReviewItem, { kind: 'event' }> => i.kind === 'event');
  const byKey = events.find((i) => i.key === raw.toLowerCase() || i.record.id === raw);
  if (byKey) return byKey.record.id;
  if (dataset.eventById.has(raw)) return raw;
  const keys = events.map((e) => e.key);
  return invalid(
    'event',
    `no event "${raw}": type an event of this draft (${keys.join(', ') || 'none'}) or a dataset event id`,
    { why: 'no-event', typed: raw, keys },
  );
}

export function parseSourceForm(fields: FormFields): Partial<Source> {
  const patch: Partial<Source> = {};
  const title = text(fields, 'title', 3, 200);
  if (title !== undefined) patch.title = title;
  const summary = text(fields, 'summary', 10, 1500);
  if (summary !== undefined) patch.summary = summary;
  const publisher = fields.publisher?.trim();
  if (publisher !== undefined) patch.publisher = publisher === '' ? undefined : publisher.slice(0, 100);
  return patch;
}

export function parseEventForm(fields: FormFields, current: Event, dataset: Dataset): Partial<Event> {
  const patch: Partial<Event> = {};
  const title = text(fields, 'title', 5, 200);
  if (title !== undefined) patch.title = title;
  const summary = text(fields, 'summary', 20, 1500);
  if (summary !== undefined) patch.summary = summary;
  const basis = text(fields, 'basis', 3, 600) ?? current.date.basis;
  if (fields.date !== undefined) {
    const date = parseDateField(fields.date, basis);
    const same = date.value === current.date.value && date.precision === current.date.precision;
    // Bounds the ingest proposed belong to its date; a new date starts without them.
    patch.date = same ? { ...current.date, basis, approximate: date.approximate } : date;
    if (!date.approximate && same) delete patch.date.approximate;
  } else if (basis !== current.date.basis) patch.date = { ...current.date, basis };
  const topics = topicsField(fields, dataset);
  if (topics !== undefined) patch.topics = topics;
  return patch;
}

export function parseQuoteForm(fields: FormFields, dataset: Dataset, state: ReviewState): Partial<Quote> {
  const patch: Partial<Quote> = {};
  if (fields.speaker !== undefined && fields.speaker.trim() !== '')
    patch.speaker = resolveSpeaker(fields.speaker, dataset, state);
  if (fields.event !== undefined && fields.event.trim() !== '')
    patch.event = resolveEventRef(fields.event, dataset, state);
  const context = text(fields, 'context', 10, 500);
  if (context !== undefined) patch.context = context;
  const topics = topicsField(fields, dataset);
  if (topics !== undefined) patch.topics = topics;
  return patch;
}

export function parseActorForm(fields: FormFields): Partial<Actor> {
  const patch: Partial<Actor> = {};
  const name = text(fields, 'name', 2, 100);
  if (name !== undefined) patch.name = name;
  if (fields.kind !== undefined) {
    const kind = fields.kind.trim().toLowerCase() as ActorKind;
    if (!KINDS.includes(kind))
      invalid('kind', `write one of ${KINDS.join(', ')}`, { why: 'kind', kinds: [...KINDS] });
    patch.kind = kind;
  }
  const description = text(fields, 'description', 3, 300);
  if (description !== undefined) patch.description = description;
  if (fields.aliases !== undefined)
    patch.aliases = [
      ...new Set(
        fields.aliases
          .split(/[,\n;]+/)
          .map((a) => a.trim())
          .filter((a) => a.length > 0 && a.length <= 100),
      ),
    ];
  return patch;
}
