import type { Briefbook } from '../domain/briefbook.ts';
import { formatDay, formatPartialDate } from '../domain/dates.ts';
import type { Actor } from '../domain/schema.ts';
import { formatCitations } from './cite.ts';
import { buildEmbed } from './embed.ts';
import { linesWithin, truncate } from './limits.ts';
import { COLORS, type MessagePayload, NO_MENTIONS } from './message.ts';

export function renderActor(book: Briefbook, a: Actor): MessagePayload {
  const d = book.dataset;
  const roles = a.roles.map(
    (r) => `• ${r.title} (as of ${formatDay(r.asOf)}) ${formatCitations(d, [r.citation])}`,
  );
  const events = d.eventsByActor.get(a.id) ?? [];
  const eventLines = events.map((e) => {
    const role = e.actors.find((x) => x.actor === a.id)?.role;
    return `• **${formatPartialDate(e.date)}** ${e.title}${role ? ` *(${role})*` : ''}`;
  });
  const quotes = (d.quotesBySpeaker.get(a.id) ?? []).map((q) => {
    const e = d.eventById.get(q.event);
    return `• “${truncate(q.text, 160)}”${e ? ` — ${formatPartialDate(e.date)}` : ''} ${formatCitations(d, [q.citation])}`;
  });
  const embed = buildEmbed({
    title: a.name,
    description: `${a.description}${a.aliases.length ? `\n*Also written:* ${a.aliases.join(', ')}` : ''}`,
    fields: [
      { name: 'Kind', value: a.kind, inline: true },
      ...(roles.length ? [{ name: 'Role at the time', value: roles.join('\n') }] : []),
      {
        name: `Events (${events.length})`,
        value: eventLines.length
          ? linesWithin(eventLines, 1024, (n) => `…and ${n} more: /timeline actor:${a.id}`)
          : 'No events recorded.',
      },
      ...(quotes.length
        ? [{ name: `Quotes (${quotes.length})`, value: truncate(quotes.join('\n'), 1024) }]
        : []),
    ],
    footer: `id: ${a.id} · /timeline actor:${a.id} pages through every event · /quote speaker:${a.id}`,
    color: COLORS.actor,
  });
  return { embeds: [embed], allowed_mentions: NO_MENTIONS };
}
