import type { BibliographyEntry } from '../domain/bibliography.ts';
import type { Translator } from '../i18n/catalog.ts';
import { formatPartialDate } from '../i18n/format.ts';
import { content, languageName } from './content.ts';
import { buildEmbed } from './embed.ts';
import { LIMITS, truncate } from './limits.ts';
import { COLORS, type MessagePayload, NO_MENTIONS } from './message.ts';

export function renderSources(t: Translator, entries: readonly BibliographyEntry[]): MessagePayload {
  // Only the sources an embed can show are rendered (the footer still counts them all).
  const fields = entries.slice(0, LIMITS.embedFields).map((e) => {
    const s = e.source;
    const who = s.publisher ?? t.t('sources.noPublisher');
    const cited = t.t('sources.citedBy', {
      events: t.t('count.events', { count: e.counts.event }),
      quotes: t.t('count.quotes', { count: e.counts.quote }),
      commitments: t.t('count.commitments', { count: e.counts.commitment }),
      threads: t.t('count.threads', { count: e.counts.topic }),
      paragraphs: e.paragraphs.map((p) => `¶${p}`).join(' '),
    });
    return {
      name: `[${s.label}] ${s.title}`,
      value: truncate(
        `${who}, ${formatPartialDate(t, s.publishedAt)} · ${languageName(t, s.language)}${s.url ? ` · <${s.url}>` : ''}\n${truncate(content(t, s, 'summary'), 400)}\n${cited}`,
        1024,
      ),
    };
  });
  const embed = buildEmbed({
    title: t.t('sources.title'),
    description: t.t('sources.description'),
    fields,
    footer: t.t('count.sources', { count: entries.length }),
    color: COLORS.sources,
  });
  return { embeds: [embed], allowed_mentions: NO_MENTIONS };
}
