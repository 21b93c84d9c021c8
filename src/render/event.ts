import type { Briefbook } from '../domain/briefbook.ts';
import type { Event } from '../domain/schema.ts';
import type { Translator } from '../i18n/catalog.ts';
import { describePartialDate, formatPartialDate } from '../i18n/format.ts';
import { formatCitations } from './cite.ts';
import { actorName, attributedText, content, quoteNote } from './content.ts';
import { buildEmbed } from './embed.ts';
import { escapeText } from './escape.ts';
import { linesWithin, truncate } from './limits.ts';
import { COLORS, type MessagePayload, NO_MENTIONS } from './message.ts';

/** Who accepted a curated event and published its source, and when (from the dataset's provenance). */
function provenance(t: Translator, d: Briefbook['dataset'], e: Event): string {
  const r = e.reviewed;
  if (!r) return '';
  const lines = [t.t('event.reviewedBy', { name: escapeText(r.by.name), date: r.at.slice(0, 10) })];
  for (const id of new Set(e.citations.map((c) => c.source))) {
    const c = d.sourceById.get(id)?.curation;
    if (c && c.publishedBy.name !== r.by.name)
      lines.push(
        t.t('event.publishedBy', { name: escapeText(c.publishedBy.name), date: c.publishedAt.slice(0, 10) }),
      );
  }
  return lines.join(' · ');
}

export function renderEvent(t: Translator, book: Briefbook, e: Event): MessagePayload {
  const d = book.dataset;
  const when = `${describePartialDate(t, e.date)}${e.partOfDay ? `, ${t.t(`partOfDay.${e.partOfDay}`)}` : ''}`;
  const participants = e.actors
    .map((a) => `${actorName(t, d, a.actor)} (${t.t(`participantRole.${a.role}`)})`)
    .join(', ');
  const quotes = (d.quotesByEvent.get(e.id) ?? []).map(
    (q) =>
      `> “${truncate(q.text, 300)}”${quoteNote(t, d, q)}\n— ${actorName(t, d, q.speaker)} ${formatCitations(d, [q.citation])}`,
  );
  const related = [
    ...e.related.map((r) => ({ id: r.event, relation: t.t(`relation.${r.relation}`) })),
    ...(d.relatedFrom.get(e.id) ?? []).map((r) => ({
      id: r.event,
      relation: t.t('event.relatedFrom', { relation: t.t(`relation.${r.relation}`) }),
    })),
  ].flatMap((r) => {
    const other = d.eventById.get(r.id);
    return other
      ? [
          `• ${r.relation}: **${formatPartialDate(t, other.date)}** ${content(t, other, 'title')} — \`${other.id}\``,
        ]
      : [];
  });
  const commitments = (d.commitmentsByEvent.get(e.id) ?? []).map((c) => {
    const text = attributedText(t, d, content(t, c, 'text'), c.attributedTo);
    return `• *${t.t(`commitmentKind.${c.kind}`)}*: ${truncate(text, 200)} ${formatCitations(d, [c.citation])}`;
  });
  const sources = [...new Set(e.citations.map((c) => c.source))].map((id) => {
    const s = d.sourceById.get(id);
    return s ? `${s.label}: ${s.title} (${formatPartialDate(t, s.publishedAt)})` : id;
  });
  const topics = e.topics
    .map((id) => {
      const topic = d.topicById.get(id);
      return topic ? content(t, topic, 'label') : id;
    })
    .join(', ');
  const location = content(t, e, 'location');
  const basis = content(t, e, 'basis');

  const embed = buildEmbed({
    title: content(t, e, 'title'),
    description: `${attributedText(t, d, content(t, e, 'summary'), e.attributedTo)} ${formatCitations(d, e.citations)}`,
    fields: [
      { name: t.t('event.when'), value: `${when}\n*${truncate(basis, 300)}*`, inline: false },
      ...(location ? [{ name: t.t('event.where'), value: location, inline: true }] : []),
      { name: t.t('event.kind'), value: t.t(`eventKind.${e.kind}`), inline: true },
      { name: t.t('event.participants'), value: participants },
      ...(topics ? [{ name: t.t('event.topics'), value: topics }] : []),
      ...(quotes.length
        ? [
            {
              name: t.t('event.quotes'),
              value: linesWithin(quotes, 1024, (count) =>
                t.t('list.morePointer', { count, pointer: '/quote' }),
              ),
            },
          ]
        : []),
      ...(commitments.length ? [{ name: t.t('event.commitments'), value: commitments.join('\n') }] : []),
      ...(related.length ? [{ name: t.t('event.related'), value: related.join('\n') }] : []),
      { name: t.t('event.sources'), value: sources.join('\n') },
      ...(e.reviewed ? [{ name: t.t('event.curated'), value: provenance(t, d, e) }] : []),
    ],
    footer: t.t('event.footer', { id: e.id }),
    color: COLORS.event,
  });
  return { embeds: [embed], allowed_mentions: NO_MENTIONS };
}
