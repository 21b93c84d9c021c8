/** /curate feed answers (PURE): what was added, the list with each feed's state, removal, resume. */
import type { FeedAdded, FeedRecord, SkipReason } from '../curation/feeds.ts';
import type { MessageKey, Translator } from '../i18n/catalog.ts';
import { formatInZone } from '../i18n/format.ts';
import { buildEmbed } from './embed.ts';
import { escapeText, inlineCode } from './escape.ts';
import { linesWithin, truncate } from './limits.ts';
import { EPHEMERAL, type MessagePayload, NO_MENTIONS } from './message.ts';

const COLOR = 0x38a169;

function notice(title: string, description: string): MessagePayload {
  return {
    embeds: [buildEmbed({ title, description, color: COLOR })],
    allowed_mentions: NO_MENTIONS,
    flags: EPHEMERAL,
  };
}

const SKIP_KEY = {
  'off-topic': 'curateFeed.skip.off-topic',
  duplicate: 'curateFeed.skip.duplicate',
  unreadable: 'curateFeed.skip.unreadable',
  existing: 'curateFeed.skip.existing',
} as const satisfies Record<SkipReason, MessageKey>;

const name = (f: FeedRecord, max: number) =>
  `${inlineCode(f.id)} ${escapeText(truncate(f.title || f.url, max))}`;

function state(t: Translator, f: FeedRecord): string {
  if (f.paused)
    return t.t('curateFeed.paused', { reason: escapeText(truncate(f.paused.reason, 150)), id: f.id });
  const next = formatInZone(t, Date.parse(f.nextPollAt), 'UTC');
  if (f.failures > 0)
    return t.t('curateFeed.failing', {
      count: f.failures,
      error: escapeText(truncate(f.lastError ?? '?', 80)),
      next,
    });
  return t.t('curateFeed.next', { next });
}

function skipped(t: Translator, f: FeedRecord): string {
  const parts = (Object.entries(f.counts.skipped) as [SkipReason, number | undefined][])
    .filter(([, n]) => (n ?? 0) > 0)
    .map(([reason, n]) => t.t(SKIP_KEY[reason], { count: n ?? 0 }));
  return parts.length ? parts.join(', ') : t.t('curateFeed.skip.none');
}

export function renderFeedAdded(t: Translator, added: FeedAdded): MessagePayload {
  const f = added.feed;
  return notice(
    t.t('curateFeed.added.title'),
    [
      name(f, 120),
      `<${truncate(f.url, 300)}>`,
      t.t('curateFeed.added.channel', { channel: `<#${f.channelId}>` }),
      added.backfill
        ? t.t('curateFeed.added.backfill', { count: added.marked, backfill: added.backfill })
        : t.t('curateFeed.added.marked', { count: added.marked }),
    ].join('\n'),
  );
}

export function renderFeedList(t: Translator, feeds: readonly FeedRecord[]): MessagePayload {
  if (feeds.length === 0) return notice(t.t('curateFeed.none.title'), t.t('curateFeed.none'));
  const lines = feeds.map((f) =>
    t.t('curateFeed.line', {
      feed: name(f, 80),
      channel: `<#${f.channelId}>`,
      state: state(t, f),
      drafted: t.t('curateFeed.drafted', { count: f.counts.drafted }),
      skipped: skipped(t, f),
    }),
  );
  return notice(
    t.t('curateFeed.list.title', { count: feeds.length }),
    linesWithin(lines, 3800, (count) => t.t('list.more', { count })),
  );
}

export function renderFeedRemoved(t: Translator, f: FeedRecord): MessagePayload {
  return notice(t.t('curateFeed.removed.title'), t.t('curateFeed.removed', { feed: name(f, 120) }));
}

export function renderFeedResumed(t: Translator, f: FeedRecord): MessagePayload {
  return notice(t.t('curateFeed.resumed.title'), t.t('curateFeed.resumed', { feed: name(f, 120) }));
}
