import type { Briefbook } from '../domain/briefbook.ts';
import { formatPartialDate, parseDayOrMonth } from '../domain/dates.ts';
import type { Resolution } from '../domain/resolution.ts';
import type { Actor, Event, Topic } from '../domain/schema.ts';
import { inlineCode } from '../render/escape.ts';
import { LIMITS, truncate } from '../render/limits.ts';
import { explainUnresolved, type Lookups } from '../render/unresolved.ts';
import { type Choice, UserError } from './command.ts';

/** `from`/`to`/`as_of`: YYYY-MM-DD, YYYY-MM or YYYY (the days it covers); a clear message otherwise. */
export function dateArg(name: string, raw: string | undefined): { from: string; to: string } | undefined {
  if (raw === undefined) return undefined;
  const parsed = parseDayOrMonth(raw);
  if (!parsed) {
    throw new UserError(
      `\`${name}\` must look like 2025-02-14 or 2025-02 (a real date, year first); you typed ${inlineCode(truncate(raw, 40))}.`,
      { title: 'Date not understood' },
    );
  }
  return parsed;
}

/** The actor a typed name means (any spelling), or a UserError listing the candidates. */
export function resolveActor(book: Briefbook, raw: string): Actor;
export function resolveActor(book: Briefbook, raw: string | undefined): Actor | undefined;
export function resolveActor(book: Briefbook, raw: string | undefined): Actor | undefined {
  return raw === undefined ? undefined : found('actor', raw, book.actors.resolve(raw));
}

export function resolveTopic(book: Briefbook, raw: string): Topic;
export function resolveTopic(book: Briefbook, raw: string | undefined): Topic | undefined;
export function resolveTopic(book: Briefbook, raw: string | undefined): Topic | undefined {
  return raw === undefined ? undefined : found('topic', raw, book.resolveTopic(raw));
}

export function resolveEvent(book: Briefbook, raw: string): Event;
export function resolveEvent(book: Briefbook, raw: string | undefined): Event | undefined;
export function resolveEvent(book: Briefbook, raw: string | undefined): Event | undefined {
  return raw === undefined ? undefined : found('event', raw, book.resolveEvent(raw));
}

function found<K extends keyof Lookups>(kind: K, raw: string, r: Resolution<Lookups[K]>): Lookups[K] {
  if (r.status === 'found') return r.value;
  const { title, message } = explainUnresolved(kind, raw, r);
  throw new UserError(message, { title });
}

function choice(name: string, value: string): Choice {
  return { name: truncate(name, LIMITS.choiceName), value: value.slice(0, LIMITS.choiceValue) };
}

export function actorChoices(book: Briefbook, typed: string): Choice[] {
  return book.actors.suggest(typed, LIMITS.choices).map((c) => {
    const role = c.actor.roles.at(-1)?.title;
    return choice(`${c.actor.name}${role ? ` — ${role}` : ` (${c.actor.kind})`}`, c.actor.id);
  });
}

export function topicChoices(book: Briefbook, typed: string): Choice[] {
  return book.suggestTopics(typed, LIMITS.choices).map((t) => choice(t.label, t.id));
}

export function eventChoices(book: Briefbook, typed: string): Choice[] {
  return book.search.suggestEvents(typed, LIMITS.choices).flatMap((s) => {
    const e = book.dataset.eventById.get(s.id);
    return e ? [choice(`${formatPartialDate(e.date)} · ${e.title}`, e.id)] : [];
  });
}

/**
 * The actor and topic a pagination button refers to. A button outlives dataset versions: when an id
 * is gone, the user is told to run the command again rather than shown a silently different list.
 */
export function pageFilters(
  book: Briefbook,
  ids: { actor?: string | undefined; topic?: string | undefined },
  command: string,
): { actor: Actor | undefined; topic: Topic | undefined } {
  const actor = ids.actor ? book.dataset.actorById.get(ids.actor) : undefined;
  const topic = ids.topic ? book.dataset.topicById.get(ids.topic) : undefined;
  if ((ids.actor && !actor) || (ids.topic && !topic)) {
    throw new UserError(
      `This list refers to a name or topic that is no longer in the dataset. Run /${command} again.`,
      {
        title: 'Out of date',
      },
    );
  }
  return { actor, topic };
}
