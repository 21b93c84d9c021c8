/** What to tell a user whose actor, topic or event name did not resolve to exactly one. PURE. */
import { formatPartialDate } from '../domain/dates.ts';
import type { Unresolved } from '../domain/resolution.ts';
import type { Actor, Event, Topic } from '../domain/schema.ts';
import { inlineCode } from './escape.ts';
import { truncate } from './limits.ts';

/** What each kind of look-up finds. */
export interface Lookups {
  actor: Actor;
  topic: Topic;
  event: Event;
}

interface Wording<T> {
  plural: string;
  /** One line per candidate: its name and the id that always works. */
  line(item: T): string;
  /** What to do instead, when nothing matched. */
  instead: string;
  /** How the offered list is introduced when nothing matched. */
  offer: string;
}

const WORDING: { [K in keyof Lookups]: Wording<Lookups[K]> } = {
  actor: {
    plural: 'actors',
    line: (a) => `${a.name} — \`${a.id}\``,
    instead: 'Pick one from the suggestions as you type, or try /search.',
    offer: 'Closest',
  },
  topic: {
    plural: 'topics',
    line: (t) => `${t.label} — \`${t.id}\``,
    instead: 'Leave the option empty for all topics, or pick one as you type.',
    offer: 'Topics include',
  },
  event: {
    plural: 'events',
    line: (e) => `${formatPartialDate(e.date)} ${e.title} — \`${e.id}\``,
    instead: 'Pick one from the suggestions as you type, or find it with /timeline or /search.',
    offer: 'Closest',
  },
};

const LISTED = 8;

export function explainUnresolved<K extends keyof Lookups>(
  kind: K,
  typed: string,
  resolution: Unresolved<Lookups[K]>,
): { title: string; message: string } {
  const wording = WORDING[kind] as Wording<Lookups[K]>;
  const shown = inlineCode(truncate(typed, 60));
  const items = resolution.status === 'ambiguous' ? resolution.candidates : resolution.suggestions;
  const list = items
    .slice(0, LISTED)
    .map((item) => `• ${wording.line(item)}`)
    .concat(items.length > LISTED ? ['…'] : [])
    .join('\n');
  if (resolution.status === 'ambiguous') {
    return {
      title: `Which ${kind}?`,
      message: `Several ${wording.plural} match ${shown}: pick one from the list as you type, or use its id.\n${list}`,
    };
  }
  const understood = resolution.understood
    ? ` (read as ${resolution.understood}, which the dataset does not cover)`
    : '';
  return {
    title: `${kind[0]?.toUpperCase()}${kind.slice(1)} not found`,
    message: `No ${kind} matches ${shown}${understood}. ${wording.instead}${list ? `\n${wording.offer}:\n${list}` : ''}`,
  };
}
