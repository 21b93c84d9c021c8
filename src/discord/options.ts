import type { Briefbook } from '../domain/briefbook.ts';
import { formatPartialDate, parseDayOrMonth } from '../domain/dates.ts';
import type { Actor, Event, Topic } from '../domain/schema.ts';
import { inlineCode } from '../render/escape.ts';
import { LIMITS, truncate } from '../render/limits.ts';
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

function candidatesList(items: string[]): string {
  return items
    .slice(0, 8)
    .map((s) => `• ${s}`)
    .join('\n');
}

/** The actor a typed name means (any spelling), or a UserError listing the candidates. */
export function resolveActor(book: Briefbook, raw: string): Actor;
export function resolveActor(book: Briefbook, raw: string | undefined): Actor | undefined;
export function resolveActor(book: Briefbook, raw: string | undefined): Actor | undefined {
  if (raw === undefined) return undefined;
  const r = book.actors.resolve(raw);
  if (r.status === 'found') return r.actor;
  if (r.status === 'ambiguous') {
    throw new UserError(
      `${inlineCode(truncate(raw, 60))} could mean several people or bodies. Pick one from the list as you type, or use its id:\n${candidatesList(r.candidates.map((c) => `${c.actor.name} — \`${c.actor.id}\``))}`,
      { title: 'Which one?' },
    );
  }
  const close = book.actors.suggest(raw.slice(0, 3), 5);
  throw new UserError(
    `No actor matches ${inlineCode(truncate(raw, 60))}.${close.length ? ` Closest:\n${candidatesList(close.map((c) => `${c.actor.name} — \`${c.actor.id}\``))}` : ''}\nChoose from the suggestions as you type, or try /search.`,
    { title: 'Actor not found' },
  );
}

export function resolveTopic(book: Briefbook, raw: string): Topic;
export function resolveTopic(book: Briefbook, raw: string | undefined): Topic | undefined;
export function resolveTopic(book: Briefbook, raw: string | undefined): Topic | undefined {
  if (raw === undefined) return undefined;
  const r = book.resolveTopic(raw);
  if (r.status === 'found') return r.value;
  const list = (r.status === 'ambiguous' ? r.candidates : book.dataset.topics).map(
    (t) => `${t.label} — \`${t.id}\``,
  );
  throw new UserError(
    `${r.status === 'ambiguous' ? 'Several topics match' : 'No topic matches'} ${inlineCode(truncate(raw, 60))}. Leave the option empty for all topics, or pick one:\n${candidatesList(list)}${list.length > 8 ? '\n…' : ''}`,
    { title: r.status === 'ambiguous' ? 'Which topic?' : 'Topic not found' },
  );
}

export function resolveEvent(book: Briefbook, raw: string): Event;
export function resolveEvent(book: Briefbook, raw: string | undefined): Event | undefined;
export function resolveEvent(book: Briefbook, raw: string | undefined): Event | undefined {
  if (raw === undefined) return undefined;
  const r = book.resolveEvent(raw);
  if (r.status === 'found') return r.value;
  const list = (r.status === 'ambiguous' ? r.candidates : r.suggestions).map(
    (e) => `${formatPartialDate(e.date)} ${e.title} — \`${e.id}\``,
  );
  throw new UserError(
    `${r.status === 'ambiguous' ? 'Several events match' : 'No event matches'} ${inlineCode(truncate(raw, 60))}.${list.length ? ` Closest:\n${candidatesList(list)}` : ''}\nPick one from the suggestions as you type, or find it with /timeline or /search.`,
    { title: r.status === 'ambiguous' ? 'Which event?' : 'Event not found' },
  );
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
