import type { Briefbook } from '../domain/briefbook.ts';
import { parseDayOrMonth } from '../domain/dates.ts';
import type { Resolution } from '../domain/resolution.ts';
import type { Actor, Event, Topic } from '../domain/schema.ts';
import { msg, type Translator } from '../i18n/catalog.ts';
import { localizedCommandName, localizedOptionName } from '../i18n/commands.ts';
import { formatPartialDate } from '../i18n/format.ts';
import { reference } from '../i18n/languages.ts';
import { content } from '../render/content.ts';
import { inlineCode } from '../render/escape.ts';
import { LIMITS, truncate } from '../render/limits.ts';
import { explainUnresolved, type Lookups } from '../render/unresolved.ts';
import { type Choice, UserError } from './command.ts';

/**
 * `from`/`to`/`as_of` of /`command`: YYYY-MM-DD, YYYY-MM or YYYY (the days it covers); a clear
 * message otherwise, naming the option as the reader's client shows it.
 */
export function dateArg(
  command: string,
  name: string,
  raw: string | undefined,
): { from: string; to: string } | undefined {
  if (raw === undefined) return undefined;
  const parsed = parseDayOrMonth(raw);
  if (!parsed) {
    throw new UserError(
      'option.badDate',
      { option: (t) => localizedOptionName(t, command, [name]), typed: inlineCode(truncate(raw, 40)) },
      { title: msg('option.badDate.title') },
    );
  }
  return parsed;
}

/**
 * The actor a typed name means (any spelling, a country's code, an office: "US president" as held
 * on `at`, default the latest holder known), or a UserError listing the candidates. An autocomplete
 * label typed out in full means the actor it labels.
 */
export function resolveActor(book: Briefbook, raw: string, at?: string, t?: Translator): Actor;
export function resolveActor(
  book: Briefbook,
  raw: string | undefined,
  at?: string,
  t?: Translator,
): Actor | undefined;
export function resolveActor(
  book: Briefbook,
  raw: string | undefined,
  at?: string,
  t: Translator = reference,
): Actor | undefined {
  if (raw === undefined) return undefined;
  // "JD Vance — Vice President of the United States", "NATO (organization)": the name before the tail.
  const name = /^(.+?)(?: — .*| \([^()]+\))$/s.exec(raw.trim())?.[1];
  const named = name
    ? book.dataset.actors.filter((a) => a.name === name || content(t, a, 'name') === name)
    : [];
  return (
    labelled(raw, named, (a) => actorLabel(a, t)) ?? found('actor', raw, book.actors.resolve(raw, { at }))
  );
}

export function resolveTopic(book: Briefbook, raw: string): Topic;
export function resolveTopic(book: Briefbook, raw: string | undefined): Topic | undefined;
export function resolveTopic(book: Briefbook, raw: string | undefined): Topic | undefined {
  return raw === undefined ? undefined : found('topic', raw, book.resolveTopic(raw));
}

export function resolveEvent(book: Briefbook, raw: string, t?: Translator): Event;
export function resolveEvent(book: Briefbook, raw: string | undefined, t?: Translator): Event | undefined;
export function resolveEvent(
  book: Briefbook,
  raw: string | undefined,
  t: Translator = reference,
): Event | undefined {
  if (raw === undefined) return undefined;
  // "14 Feb 2025 · Munich Security Conference": only events with that title can carry the label.
  const title = raw.includes(LABEL_DOT)
    ? raw.slice(raw.indexOf(LABEL_DOT) + LABEL_DOT.length).trim()
    : undefined;
  const titled = title
    ? book.dataset.events.filter((e) => sameStart(e.title, title) || sameStart(content(t, e, 'title'), title))
    : [];
  return labelled(raw, titled, (e) => eventLabel(e, t)) ?? found('event', raw, book.resolveEvent(raw));
}

function found<K extends keyof Lookups>(kind: K, raw: string, r: Resolution<Lookups[K]>): Lookups[K] {
  if (r.status === 'found') return r.value;
  const { title, message } = explainUnresolved(kind, raw, r);
  throw UserError.of(message, { title });
}

function choice(name: string, value: string): Choice {
  return { name: truncate(name, LIMITS.choiceName), value: value.slice(0, LIMITS.choiceValue) };
}

const LABEL_DOT = ' · ';

/** How an actor is shown in autocomplete: "JD Vance — Vice President of the United States". */
function actorLabel(actor: Actor, t: Translator): string {
  const last = actor.roles.at(-1);
  const role = last ? content(t, last, 'title') : undefined;
  const tail = role ? ` — ${role}` : ` (${t.t(`actorKind.${actor.kind}`)})`;
  return truncate(`${content(t, actor, 'name')}${tail}`, LIMITS.choiceName);
}

/** How an event is shown in autocomplete: "14 Feb 2025 · Munich Security Conference". */
function eventLabel(event: Event, t: Translator): string {
  return truncate(
    `${formatPartialDate(t, event.date)}${LABEL_DOT}${content(t, event, 'title')}`,
    LIMITS.choiceName,
  );
}

/** The one item whose autocomplete label is exactly what was typed (a label the user typed out). */
function labelled<T>(raw: string, items: readonly T[], label: (item: T) => string): T | undefined {
  const typed = raw.trim();
  const matches = items.filter((item) => label(item) === typed);
  return matches.length === 1 ? matches[0] : undefined;
}

/** A title as typed in a label, which may be cut short with "…". */
function sameStart(title: string, typed: string): boolean {
  return typed.endsWith('…') ? title.startsWith(typed.slice(0, -1).trimEnd()) : title === typed;
}

export function actorChoices(book: Briefbook, typed: string, t: Translator = reference): Choice[] {
  return book.actors.suggest(typed, LIMITS.choices).map((c) => choice(actorLabel(c.actor, t), c.actor.id));
}

export function topicChoices(book: Briefbook, typed: string, t: Translator = reference): Choice[] {
  return book
    .suggestTopics(typed, LIMITS.choices)
    .map((topic) => choice(content(t, topic, 'label'), topic.id));
}

export function eventChoices(book: Briefbook, typed: string, t: Translator = reference): Choice[] {
  return book.search.suggestEvents(typed, LIMITS.choices).flatMap((s) => {
    const e = book.dataset.eventById.get(s.id);
    return e ? [choice(eventLabel(e, t), e.id)] : [];
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
      'error.staleFilters',
      { command: (t) => localizedCommandName(t, command) ?? command },
      { title: msg('error.outOfDate.title') },
    );
  }
  return { actor, topic };
}
