import type { Briefbook } from '../domain/briefbook.ts';
import type { Briefing } from '../domain/briefing.ts';
import { formatDay, formatPartialDate } from '../domain/dates.ts';
import { formatCitations } from './cite.ts';
import { buildEmbed } from './embed.ts';
import { LIMITS, linesWithin, truncate } from './limits.ts';
import { COLORS, type MessagePayload, NO_MENTIONS } from './message.ts';

export interface BriefingRenderOptions {
  /** Scheduled posts: what is new since the schedule's last post. */
  newSince?: { since: string | undefined };
  heading?: string;
}

/** The state of play as one embed: threads, latest developments, key quote, open commitments. */
export function renderBriefing(
  book: Briefbook,
  b: Briefing,
  opts: BriefingRenderOptions = {},
): MessagePayload {
  const d = book.dataset;
  const cite = (c: Parameters<typeof formatCitations>[1]) => formatCitations(d, c);
  const scope = b.topic ? b.topic.label : 'all topics';
  const fields: { name: string; value: string }[] = [];

  if (opts.newSince) {
    const since = opts.newSince.since ? `since ${formatDay(opts.newSince.since)}` : 'since the last post';
    fields.push({
      name: `🆕 New ${since}`,
      value:
        b.newEvents.length === 0
          ? `No new developments ${since}.`
          : wholeLines(
              b.newEvents
                .slice(-8)
                .map((e) => `• **${formatPartialDate(e.date)}** — ${e.title} ${cite(e.citations)}`),
              b.newEvents.length - 8,
              ': see /timeline',
            ),
    });
  }

  for (const t of b.threads) {
    fields.push({
      name: `${t.topic.label} · ${formatPartialDate(t.sinceDate)}`,
      value: `${truncate(t.status, 700)} ${cite(t.citations)}`,
    });
  }
  if (b.threads.length === 0) {
    fields.push({ name: 'State of play', value: `Nothing recorded on ${scope} up to ${formatDay(b.asOf)}.` });
  }

  if (b.latest.length > 0) {
    fields.push({
      name: 'Latest developments',
      value: wholeLines(
        b.latest.map((e) => `• **${formatPartialDate(e.date)}** — ${e.title} ${cite(e.citations)}`),
        0,
        ': see /timeline',
      ),
    });
  }

  if (b.keyQuote) {
    const { quote, speaker, event } = b.keyQuote;
    fields.push({
      name: 'Key quote',
      value: `> “${truncate(quote.text, 600)}”\n— ${speaker?.name ?? quote.speaker}${event ? `, ${formatPartialDate(event.date)}` : ''} ${cite([quote.citation])}`,
    });
  }

  if (b.commitments.length > 0) {
    const lines = b.commitments.map(
      (v) =>
        `• ${truncate(v.text, 160)} — *${v.commitment.kind}, ${v.label}* ${cite([v.commitment.citation])}`,
    );
    fields.push({
      name: 'Open commitments and demands',
      value: wholeLines(lines, b.commitmentCount - b.commitments.length, ''),
    });
  }

  const coverage = b.coverage
    ? `${b.eventCount} event${b.eventCount === 1 ? '' : 's'} from ${formatPartialDate(b.coverage.first)} to ${formatPartialDate(b.coverage.last)}`
    : 'no events yet';
  const embed = buildEmbed({
    title: opts.heading ?? `Briefing — ${b.topic ? b.topic.label : 'Russia–Ukraine peace diplomacy'}`,
    description: `State of play as of **${formatDay(b.asOf)}** (${scope}; ${coverage}).`,
    fields,
    footer: `Citations like [S1 ¶3] point to source paragraphs: /sources lists them · more in /timeline · dataset ${d.version}`,
    color: COLORS.briefing,
  });
  return { embeds: [embed], allowed_mentions: NO_MENTIONS };
}

/**
 * A list field of whole lines (each ends on its citation): what does not fit a field's 1,024
 * characters becomes "…and N more", counted with `hidden` lines left out before.
 */
function wholeLines(lines: readonly string[], hidden: number, pointer: string): string {
  const tail = (n: number) => `…and ${n} more${pointer}`;
  if (hidden <= 0) return linesWithin(lines, LIMITS.fieldValue, tail);
  return linesWithin([...lines, tail(hidden)], LIMITS.fieldValue, (n) => tail(n - 1 + hidden));
}
