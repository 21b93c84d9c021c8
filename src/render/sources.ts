import type { BibliographyEntry } from '../domain/bibliography.ts';
import { formatPartialDate } from '../domain/dates.ts';
import { buildEmbed } from './embed.ts';
import { LIMITS, truncate } from './limits.ts';
import { COLORS, type MessagePayload, NO_MENTIONS } from './message.ts';

export function renderSources(entries: readonly BibliographyEntry[]): MessagePayload {
  // Only the sources an embed can show are rendered (the footer still counts them all).
  const fields = entries.slice(0, LIMITS.embedFields).map((e) => {
    const s = e.source;
    const who = s.publisher ? `${s.publisher}, ` : 'Publisher not named in the text, ';
    const cited = `Cited by ${e.counts.event} events, ${e.counts.quote} quotes, ${e.counts.commitment} commitments, ${e.counts.topic} topic threads; paragraphs ${e.paragraphs.map((p) => `¶${p}`).join(' ')}`;
    return {
      name: `[${s.label}] ${s.title}`,
      value: truncate(
        `${who}${formatPartialDate(s.publishedAt)} · ${s.language}${s.url ? ` · <${s.url}>` : ''}\n${truncate(s.summary, 400)}\n${cited}`,
        1024,
      ),
    };
  });
  const embed = buildEmbed({
    title: 'Sources',
    description:
      'Every claim cites a source paragraph as [S# ¶n]: the source label below, and the paragraph counted as non-empty lines from 1. Summaries are our own words; quotes are verbatim.',
    fields,
    footer: `${entries.length} source${entries.length === 1 ? '' : 's'}`,
    color: COLORS.sources,
  });
  return { embeds: [embed], allowed_mentions: NO_MENTIONS };
}
