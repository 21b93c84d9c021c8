/**
 * Following: the DM digest and the /follow and /unfollow replies, in the member's language. PURE.
 * The digest is one message: one embed of the new events (each with its new quotes) within Discord's
 * limits; what does not fit becomes "…and N more" with the command that lists them.
 */
import type { Briefbook } from '../domain/briefbook.ts';
import type { Event, Quote } from '../domain/schema.ts';
import type { Translator } from '../i18n/catalog.ts';
import type { Follow, FollowerRecord } from '../scheduler/follow-plan.ts';
import { formatCitations } from './cite.ts';
import { actorName, content, quoteNote } from './content.ts';
import { buildEmbed } from './embed.ts';
import { escapeText } from './escape.ts';
import { LIMITS, linesWithin, truncate } from './limits.ts';
import { COLORS, EPHEMERAL, type MessagePayload, NO_MENTIONS } from './message.ts';
import { eventLine } from './timeline.ts';

/** What /follow and the digest call a followed actor or topic, in the reader's language. */
export function followName(t: Translator, book: Briefbook, f: Pick<Follow, 'kind' | 'id'>): string {
  const d = book.dataset;
  if (f.kind === 'actor') return d.actorById.has(f.id) ? actorName(t, d, f.id) : f.id;
  const topic = d.topicById.get(f.id);
  return topic ? content(t, topic, 'label') : f.id;
}

/** "/timeline from:2025-03-01" in the names the reader's client shows. */
function timelineFrom(t: Translator, day: string): string {
  const local = t.language.commands?.timeline;
  return `/${local?.name ?? 'timeline'} ${local?.options?.from?.name ?? 'from'}:${day}`;
}

function quoteLine(t: Translator, book: Briefbook, q: Quote): string {
  const d = book.dataset;
  return `> ${t.t('follow.digest.quote', {
    text: `${truncate(q.text, 300)}${quoteNote(t, d, q)}`,
    speaker: actorName(t, d, q.speaker),
    cite: formatCitations(d, [q.citation]),
  })}`;
}

/** Describes when the member's digest comes ("every day at 08:00 (Europe/Kyiv)"). */
export function digestScheduleWords(
  t: Translator,
  r: Pick<FollowerRecord, 'frequency' | 'time' | 'timezone' | 'weekday'>,
): string {
  if (r.frequency === 'instant') return t.t('follow.schedule.instant');
  if (r.frequency === 'daily') return t.t('follow.schedule.daily', { time: r.time, timezone: r.timezone });
  // 2023-01-01 was a Sunday: weekday names in the reader's language from Intl.
  const weekday = new Intl.DateTimeFormat(t.language.intl, { weekday: 'long', timeZone: 'UTC' }).format(
    Date.UTC(2023, 0, 1 + r.weekday),
  );
  return t.t('follow.schedule.weekly', { weekday, time: r.time, timezone: r.timezone });
}

/** The DM digest: every new event (oldest first) with its new quotes, cited; one message. */
export function renderDigest(
  t: Translator,
  book: Briefbook,
  items: { events: readonly Event[]; quotes: readonly Quote[] },
  follows: readonly Follow[],
): MessagePayload {
  const quotesOf = new Map<string, Quote[]>();
  for (const q of items.quotes) quotesOf.set(q.event, [...(quotesOf.get(q.event) ?? []), q]);
  const blocks = items.events.map((e) =>
    [eventLine(t, book, e, 240), ...(quotesOf.get(e.id) ?? []).map((q) => quoteLine(t, book, q))].join('\n'),
  );
  const intro = t.t('follow.digest.intro', { count: items.events.length + items.quotes.length });
  const more = (n: number) => {
    const first = items.events[items.events.length - n];
    return `\n${t.t('follow.digest.more', { count: n, command: timelineFrom(t, first?.date.value ?? '') })}`;
  };
  const budget = LIMITS.embedDescription - intro.length - 2;
  const body = linesWithin(
    blocks.map((b) => `${b}\n`),
    budget,
    more,
  );
  const names = follows.map((f) => followName(t, book, f));
  const embed = buildEmbed({
    title: t.t('follow.digest.title'),
    description: `${intro}\n\n${body}`.trimEnd(),
    footer: t.t('follow.digest.footer', { follows: truncate(t.list(names, 'and'), 600) }),
    color: COLORS.timeline,
  });
  return { embeds: [embed], allowed_mentions: NO_MENTIONS };
}

const reply = (title: string, description: string): MessagePayload => ({
  embeds: [buildEmbed({ title, description, color: COLORS.schedule })],
  allowed_mentions: NO_MENTIONS,
  flags: EPHEMERAL,
});

export function renderFollowed(
  t: Translator,
  name: string,
  record: FollowerRecord,
  already: boolean,
  resumed: boolean,
): MessagePayload {
  const schedule = digestScheduleWords(t, record);
  const safe = escapeText(name);
  const text = already
    ? t.t('follow.already', { name: safe, schedule })
    : t.t('follow.added', { name: safe, schedule });
  return reply(
    t.t('follow.added.title', { name: safe }),
    resumed ? `${text}\n${t.t('follow.resumed')}` : text,
  );
}

export function renderFollowList(
  t: Translator,
  book: Briefbook,
  record: FollowerRecord | undefined,
): MessagePayload {
  if (!record || record.follows.length === 0)
    return reply(t.t('follow.list.title', { count: 0 }), t.t('follow.list.empty'));
  const lines = record.follows.map((f) =>
    t.t(f.kind === 'actor' ? 'follow.list.actor' : 'follow.list.topic', {
      name: escapeText(followName(t, book, f)),
      since: { day: f.since.slice(0, 10) },
    }),
  );
  const head = [t.t('follow.list.schedule', { schedule: digestScheduleWords(t, record) })];
  if (record.paused) head.push(t.t('follow.list.paused'));
  return reply(
    t.t('follow.list.title', { count: record.follows.length }),
    `${head.join('\n')}\n\n${lines.map((l) => `• ${l}`).join('\n')}`,
  );
}

export function renderUnfollowed(t: Translator, name: string, left: number): MessagePayload {
  const safe = escapeText(name);
  return reply(
    t.t('follow.removed.title', { name: safe }),
    t.t('follow.removed', { name: safe, count: left }),
  );
}

/** Told once, on the member's next interaction after a DM was refused. */
export function renderDmPausedNotice(t: Translator): MessagePayload {
  return reply(t.t('follow.dmPaused.title'), t.t('follow.dmPaused'));
}
