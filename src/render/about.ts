import { formatPartialDate } from '../domain/dates.ts';
import type { Dataset } from '../domain/model.ts';
import { buildEmbed } from './embed.ts';
import { COLORS, type MessagePayload, NO_MENTIONS } from './message.ts';

export interface AboutInfo {
  dataset: Dataset;
  datasetLoadedAt: Date;
  botVersion: string;
  uptimeMs: number;
}

function formatDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return `${d}d ${h}h ${m}m`;
  if (h > 0) return `${h}h ${m}m`;
  if (m > 0) return `${m}m ${s % 60}s`;
  return `${s}s`;
}

export function renderAbout(info: AboutInfo): MessagePayload {
  const d = info.dataset;
  // Each end as precisely as it is known: "c. Feb 2022", not "1 Feb 2022".
  const span = d.coverage;
  const coverage = span ? `${formatPartialDate(span.first)} → ${formatPartialDate(span.last)}` : 'no events';
  const embed = buildEmbed({
    title: 'About briefbot',
    description:
      'Source-cited briefings on the 2025 Russia–Ukraine peace diplomacy. Every claim cites a source paragraph; quotes are verbatim. Try /briefing, /timeline, /search.',
    fields: [
      { name: 'Coverage', value: coverage, inline: true },
      {
        name: 'Dataset',
        value: `${d.events.length} events · ${d.actors.length} actors · ${d.quotes.length} quotes · ${d.topics.length} topics · ${d.commitments.length} commitments · ${d.sources.length} sources`,
      },
      {
        name: 'Dataset version',
        value: `${d.version} (loaded ${info.datasetLoadedAt.toISOString().replace('T', ' ').slice(0, 16)} UTC)`,
        inline: true,
      },
      { name: 'Bot version', value: info.botVersion, inline: true },
      { name: 'Uptime', value: formatDuration(info.uptimeMs), inline: true },
    ],
    color: COLORS.about,
  });
  return { embeds: [embed], allowed_mentions: NO_MENTIONS };
}
