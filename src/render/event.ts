import type { Briefbook } from '../domain/briefbook.ts';
import { describePartialDate, formatPartialDate } from '../domain/dates.ts';
import type { Event } from '../domain/schema.ts';
import { attributed } from './attributed.ts';
import { formatCitations } from './cite.ts';
import { buildEmbed } from './embed.ts';
import { escapeText } from './escape.ts';
import { linesWithin, truncate } from './limits.ts';
import { COLORS, type MessagePayload, NO_MENTIONS } from './message.ts';

const PART_OF_DAY = {
  morning: 'morning',
  afternoon: 'afternoon',
  evening: 'evening',
  night: 'night',
} as const;

/** Who accepted a curated event and published its source, and when (from the dataset's provenance). */
function provenance(d: Briefbook['dataset'], e: Event): string {
  const r = e.reviewed;
  if (!r) return '';
  const lines = [`Reviewed by ${escapeText(r.by.name)} on ${r.at.slice(0, 10)}`];
  for (const id of new Set(e.citations.map((c) => c.source))) {
    const c = d.sourceById.get(id)?.curation;
    if (c && c.publishedBy.name !== r.by.name)
      lines.push(`published by ${escapeText(c.publishedBy.name)} on ${c.publishedAt.slice(0, 10)}`);
  }
  return lines.join(' · ');
}

export function renderEvent(book: Briefbook, e: Event): MessagePayload {
  const d = book.dataset;
  const when = `${describePartialDate(e.date)}${e.partOfDay ? `, ${PART_OF_DAY[e.partOfDay]}` : ''}`;
  const participants = e.actors
    .map((a) => `${d.actorById.get(a.actor)?.name ?? a.actor} (${a.role})`)
    .join(', ');
  const quotes = (d.quotesByEvent.get(e.id) ?? []).map(
    (q) =>
      `> “${truncate(q.text, 300)}”\n— ${d.actorById.get(q.speaker)?.name ?? q.speaker} ${formatCitations(d, [q.citation])}`,
  );
  const related = [
    ...e.related.map((r) => ({ id: r.event, relation: r.relation })),
    ...(d.relatedFrom.get(e.id) ?? []).map((r) => ({ id: r.event, relation: `${r.relation} (from it)` })),
  ].flatMap((r) => {
    const other = d.eventById.get(r.id);
    return other
      ? [`• ${r.relation}: **${formatPartialDate(other.date)}** ${other.title} — \`${other.id}\``]
      : [];
  });
  const commitments = (d.commitmentsByEvent.get(e.id) ?? []).map(
    (c) =>
      `• *${c.kind}*: ${truncate(attributed(d, c.text, c.attributedTo), 200)} ${formatCitations(d, [c.citation])}`,
  );
  const sources = [...new Set(e.citations.map((c) => c.source))].map((id) => {
    const s = d.sourceById.get(id);
    return s ? `${s.label}: ${s.title} (${formatPartialDate(s.publishedAt)})` : id;
  });
  const topics = e.topics.map((t) => d.topicById.get(t)?.label ?? t).join(', ');

  const embed = buildEmbed({
    title: e.title,
    description: `${attributed(d, e.summary, e.attributedTo)} ${formatCitations(d, e.citations)}`,
    fields: [
      { name: 'When', value: `${when}\n*${truncate(e.date.basis, 300)}*`, inline: false },
      ...(e.location ? [{ name: 'Where', value: e.location, inline: true }] : []),
      { name: 'Kind', value: e.kind, inline: true },
      { name: 'Participants', value: participants },
      ...(topics ? [{ name: 'Topics', value: topics }] : []),
      ...(quotes.length
        ? [{ name: 'Quotes', value: linesWithin(quotes, 1024, (n) => `…and ${n} more: /quote`) }]
        : []),
      ...(commitments.length ? [{ name: 'Commitments and demands', value: commitments.join('\n') }] : []),
      ...(related.length ? [{ name: 'Related events', value: related.join('\n') }] : []),
      { name: 'Sources', value: sources.join('\n') },
      ...(e.reviewed ? [{ name: 'Curated', value: provenance(d, e) }] : []),
    ],
    footer: `id: ${e.id} · citations [S# ¶n] → /sources`,
    color: COLORS.event,
  });
  return { embeds: [embed], allowed_mentions: NO_MENTIONS };
}
