import type { Dataset } from '../domain/model.ts';
import type { Translator } from '../i18n/catalog.ts';
import { formatDuration, formatPartialDate } from '../i18n/format.ts';
import { LANGUAGES } from '../i18n/languages.ts';
import { buildEmbed } from './embed.ts';
import { COLORS, type MessagePayload, NO_MENTIONS } from './message.ts';

export interface AboutInfo {
  dataset: Dataset;
  datasetLoadedAt: Date;
  botVersion: string;
  uptimeMs: number;
}

export function renderAbout(t: Translator, info: AboutInfo): MessagePayload {
  const d = info.dataset;
  // Each end as precisely as it is known: "c. Feb 2022", not "1 Feb 2022".
  const span = d.coverage;
  const coverage = span
    ? t.t('date.range', { from: formatPartialDate(t, span.first), to: formatPartialDate(t, span.last) })
    : t.t('about.noEvents');
  const others = LANGUAGES.filter((l) => l !== t.language).map((l) => l.name);
  const counts = [
    t.t('count.events', { count: d.events.length }),
    t.t('count.actors', { count: d.actors.length }),
    t.t('count.quotes', { count: d.quotes.length }),
    t.t('count.topics', { count: d.topics.length }),
    t.t('count.commitments', { count: d.commitments.length }),
    t.t('count.sources', { count: d.sources.length }),
  ];
  const embed = buildEmbed({
    title: t.t('about.title'),
    description: t.t('about.description'),
    fields: [
      { name: t.t('about.coverage'), value: coverage, inline: true },
      { name: t.t('about.dataset'), value: counts.join(' · ') },
      {
        name: t.t('about.datasetVersion'),
        value: t.t('about.loaded', {
          version: d.version,
          at: info.datasetLoadedAt.toISOString().replace('T', ' ').slice(0, 16),
        }),
        inline: true,
      },
      { name: t.t('about.botVersion'), value: info.botVersion, inline: true },
      { name: t.t('about.uptime'), value: formatDuration(t, info.uptimeMs), inline: true },
      ...(others.length
        ? [
            {
              name: t.t('about.language'),
              value: t.t('about.languageValue', { others: t.list(others, 'and') }),
            },
          ]
        : []),
    ],
    color: COLORS.about,
  });
  return { embeds: [embed], allowed_mentions: NO_MENTIONS };
}
