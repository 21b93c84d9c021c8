/** What to tell a user whose actor, topic or event name did not resolve to exactly one. PURE. */
import type { Unresolved } from '../domain/resolution.ts';
import type { Actor, Event, Topic } from '../domain/schema.ts';
import { type Msg, msg, msgOf, type Translator } from '../i18n/catalog.ts';
import { formatPartialDate } from '../i18n/format.ts';
import { inlineCode } from './escape.ts';
import { truncate } from './limits.ts';

/** What each kind of look-up finds. */
export interface Lookups {
  actor: Actor;
  topic: Topic;
  event: Event;
}

/** One line per candidate: its name and the id that always works. */
const LINE: { [K in keyof Lookups]: (item: Lookups[K], t: Translator) => string } = {
  actor: (a) => `${a.name} — \`${a.id}\``,
  topic: (t) => `${t.label} — \`${t.id}\``,
  event: (e, t) => `${formatPartialDate(t, e.date)} ${e.title} — \`${e.id}\``,
};

const LISTED = 8;

/** The title and message (catalog keys and parameters) for a name that did not resolve. */
export function explainUnresolved<K extends keyof Lookups>(
  kind: K,
  typed: string,
  resolution: Unresolved<Lookups[K]>,
): { title: Msg; message: Msg } {
  const line = LINE[kind] as (item: Lookups[K], t: Translator) => string;
  const shown = inlineCode(truncate(typed, 60));
  const items = resolution.status === 'ambiguous' ? resolution.candidates : resolution.suggestions;
  const list = (t: Translator) =>
    items
      .slice(0, LISTED)
      .map((item) => `• ${line(item, t)}`)
      .concat(items.length > LISTED ? ['…'] : [])
      .join('\n');
  if (resolution.status === 'ambiguous') {
    return {
      title: msgOf(`unresolved.${kind}.ambiguous.title`),
      message: msgOf(`unresolved.${kind}.ambiguous`, { typed: shown, list }),
    };
  }
  const { understood } = resolution;
  const offer = items.length ? msgOf(`unresolved.${kind}.offer`, { list }) : undefined;
  const message = msgOf(`unresolved.${kind}.notFound`, {
    typed: shown,
    understood: understood ? msg('unresolved.understood', { country: understood }) : '',
  });
  return {
    title: msgOf(`unresolved.${kind}.notFound.title`),
    // The offered list follows the message, on its own lines.
    message: offer ? withTail(message, offer) : message,
  };
}

/** A message followed by another, on the next line. */
function withTail(first: Msg, tail: Msg): Msg {
  return msg('text.lines', { first, second: tail });
}
