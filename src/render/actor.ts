import type { Briefbook } from '../domain/briefbook.ts';
import type { Actor } from '../domain/schema.ts';
import { localizedAliases } from '../domain/translations.ts';
import type { Translator } from '../i18n/catalog.ts';
import { formatDay, formatPartialDate } from '../i18n/format.ts';
import { formatCitations } from './cite.ts';
import { content } from './content.ts';
import { buildEmbed } from './embed.ts';
import { linesWithin, truncate } from './limits.ts';
import { COLORS, type MessagePayload, NO_MENTIONS } from './message.ts';

export function renderActor(t: Translator, book: Briefbook, a: Actor): MessagePayload {
  const d = book.dataset;
  const roles = a.roles.map(
    (r) =>
      `• ${t.t('actor.roleAsOf', { title: content(t, r, 'title'), date: formatDay(t, r.asOf) })} ${formatCitations(d, [r.citation])}`,
  );
  const events = d.eventsByActor.get(a.id) ?? [];
  const eventLines = events.map((e) => {
    const role = e.actors.find((x) => x.actor === a.id)?.role;
    return `• **${formatPartialDate(t, e.date)}** ${content(t, e, 'title')}${role ? ` *(${t.t(`participantRole.${role}`)})*` : ''}`;
  });
  const quotes = (d.quotesBySpeaker.get(a.id) ?? []).map((q) => {
    const e = d.eventById.get(q.event);
    return `• “${truncate(q.text, 160)}”${e ? ` — ${formatPartialDate(t, e.date)}` : ''} ${formatCitations(d, [q.citation])}`;
  });
  const name = content(t, a, 'name');
  const aliases = localizedAliases(a, t.language.code).filter((x) => x !== name);
  const pointer = `/timeline actor:${a.id}`;
  const embed = buildEmbed({
    title: name,
    description: `${content(t, a, 'description')}${aliases.length ? `\n${t.t('actor.alsoWritten', { aliases: aliases.join(', ') })}` : ''}`,
    fields: [
      { name: t.t('actor.kind'), value: t.t(`actorKind.${a.kind}`), inline: true },
      ...(roles.length ? [{ name: t.t('actor.roles'), value: roles.join('\n') }] : []),
      {
        name: t.t('actor.events', { count: events.length }),
        value: eventLines.length
          ? linesWithin(eventLines, 1024, (count) => t.t('list.morePointer', { count, pointer }))
          : t.t('actor.noEvents'),
      },
      ...(quotes.length
        ? [{ name: t.t('actor.quotes', { count: quotes.length }), value: truncate(quotes.join('\n'), 1024) }]
        : []),
    ],
    footer: t.t('actor.footer', { id: a.id }),
    color: COLORS.actor,
  });
  return { embeds: [embed], allowed_mentions: NO_MENTIONS };
}
