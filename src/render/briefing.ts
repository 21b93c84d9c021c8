import type { Briefbook } from '../domain/briefbook.ts';
import type { Briefing, ThreadState } from '../domain/briefing.ts';
import type { Translator } from '../i18n/catalog.ts';
import { formatDay, formatPartialDate } from '../i18n/format.ts';
import { formatCitations } from './cite.ts';
import { actorName, attributedText, content, quoteNote } from './content.ts';
import { buildEmbed } from './embed.ts';
import { LIMITS, linesWithin, truncate } from './limits.ts';
import { COLORS, type MessagePayload, NO_MENTIONS } from './message.ts';

export interface BriefingRenderOptions {
  /** Scheduled posts: what is new since the schedule's last post. */
  newSince?: { since: string | undefined };
  heading?: string;
}

/** A thread's state of play in the reader's language, as its source's account when it is one. */
function threadStatus(t: Translator, book: Briefbook, thread: ThreadState): string {
  const text =
    'entry' in thread.from
      ? content(t, thread.from.entry, 'status')
      : content(t, thread.from.event, 'summary');
  return attributedText(t, book.dataset, text, thread.attributedTo);
}

/** The state of play as one embed: threads, latest developments, key quote, open commitments. */
export function renderBriefing(
  t: Translator,
  book: Briefbook,
  b: Briefing,
  opts: BriefingRenderOptions = {},
): MessagePayload {
  const d = book.dataset;
  const cite = (c: Parameters<typeof formatCitations>[1]) => formatCitations(d, c);
  const topicLabel = b.topic ? content(t, b.topic, 'label') : undefined;
  const scope = topicLabel ?? t.t('briefing.allTopics');
  const fields: { name: string; value: string }[] = [];
  // An embed keeps its first 25 non-empty fields (buildEmbed): fields past them are not rendered
  // (with a hundred topics, a briefing has a hundred thread fields).
  let kept = 0;
  const add = (field: () => { name: string; value: string }) => {
    if (kept >= LIMITS.embedFields) return;
    const f = field();
    fields.push(f);
    if (f.name.trim() && f.value.trim()) kept++;
  };
  const timeline = t.t('briefing.seeTimeline');
  const eventLine = (e: Briefing['latest'][number]) =>
    `• **${formatPartialDate(t, e.date)}** — ${content(t, e, 'title')} ${cite(e.citations)}`;

  if (opts.newSince) {
    const since = opts.newSince.since;
    add(() => ({
      name: since ? t.t('briefing.newSince', { date: formatDay(t, since) }) : t.t('briefing.newSinceLast'),
      value:
        b.newEvents.length === 0
          ? since
            ? t.t('briefing.nothingNewSince', { date: formatDay(t, since) })
            : t.t('briefing.nothingNewSinceLast')
          : wholeLines(t, b.newEvents.slice(-8).map(eventLine), b.newEvents.length - 8, timeline),
    }));
  }

  for (const thread of b.threads) {
    if (kept >= LIMITS.embedFields) break;
    add(() => ({
      name: `${content(t, thread.topic, 'label')} · ${formatPartialDate(t, thread.sinceDate)}`,
      value: `${truncate(threadStatus(t, book, thread), 700)} ${cite(thread.citations)}`,
    }));
  }
  if (b.threads.length === 0) {
    add(() => ({
      name: t.t('briefing.stateOfPlay'),
      value: t.t('briefing.nothingRecorded', { scope, date: formatDay(t, b.asOf) }),
    }));
  }

  if (b.latest.length > 0) {
    add(() => ({ name: t.t('briefing.latest'), value: wholeLines(t, b.latest.map(eventLine), 0, timeline) }));
  }

  if (b.keyQuote) {
    const { quote, event } = b.keyQuote;
    add(() => ({
      name: t.t('briefing.keyQuote'),
      value: `> “${truncate(quote.text, 600)}”${quoteNote(t, d, quote)}\n— ${actorName(t, d, quote.speaker)}${event ? `, ${formatPartialDate(t, event.date)}` : ''} ${cite([quote.citation])}`,
    }));
  }

  if (b.commitments.length > 0) {
    add(() => {
      const lines = b.commitments.map((v) => {
        const c = v.commitment;
        const text = attributedText(t, d, content(t, c, 'text'), c.attributedTo);
        return `• ${truncate(text, 160)} — *${t.t(`commitmentKind.${c.kind}`)}, ${t.text(v.label)}* ${cite([c.citation])}`;
      });
      return {
        name: t.t('briefing.commitments'),
        value: wholeLines(t, lines, b.commitmentCount - b.commitments.length),
      };
    });
  }

  const coverage = b.coverage
    ? t.t('briefing.coverage', {
        events: t.t('count.events', { count: b.eventCount }),
        first: formatPartialDate(t, b.coverage.first),
        last: formatPartialDate(t, b.coverage.last),
      })
    : t.t('briefing.noEvents');
  const embed = buildEmbed({
    title:
      opts.heading ?? (topicLabel ? t.t('briefing.title', { scope: topicLabel }) : t.t('briefing.titleAll')),
    description: t.t('briefing.description', { date: formatDay(t, b.asOf), scope, coverage }),
    fields,
    footer: t.t('briefing.footer', { version: d.version }),
    color: COLORS.briefing,
  });
  return { embeds: [embed], allowed_mentions: NO_MENTIONS };
}

/**
 * A list field of whole lines (each ends on its citation): what does not fit a field's 1,024
 * characters becomes "…and N more", counted with `hidden` lines left out before.
 */
function wholeLines(t: Translator, lines: readonly string[], hidden: number, pointer?: string): string {
  const tail = (count: number) =>
    pointer ? t.t('list.morePointer', { count, pointer }) : t.t('list.more', { count });
  if (hidden <= 0) return linesWithin(lines, LIMITS.fieldValue, tail);
  return linesWithin([...lines, tail(hidden)], LIMITS.fieldValue, (n) => tail(n - 1 + hidden));
}
