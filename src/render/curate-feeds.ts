/** /curate feed answers (PURE): what was added, the list with each feed's state, removal, resume. */
import type { FeedAdded, FeedRecord } from '../curation/feeds.ts';
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

function state(f: FeedRecord): string {
  if (f.paused)
    return `⏸ paused: ${escapeText(truncate(f.paused.reason, 150))} — /curate feed resume ${f.id}`;
  if (f.failures > 0)
    return `⚠ failing (${f.failures}×: ${escapeText(truncate(f.lastError ?? '?', 80))}); next try ${f.nextPollAt.slice(0, 16).replace('T', ' ')} UTC`;
  return `✅ next poll ${f.nextPollAt.slice(0, 16).replace('T', ' ')} UTC`;
}

function skipped(f: FeedRecord): string {
  const parts = Object.entries(f.counts.skipped)
    .filter(([, n]) => (n ?? 0) > 0)
    .map(([reason, n]) => `${n} ${reason}`);
  return parts.length ? parts.join(', ') : 'none';
}

export function renderFeedAdded(added: FeedAdded): MessagePayload {
  const f = added.feed;
  return notice(
    'Feed added',
    [
      `${inlineCode(f.id)} ${escapeText(truncate(f.title || f.url, 120))}`,
      `<${truncate(f.url, 300)}>`,
      `Reviews go to <#${f.channelId}>.`,
      `${added.marked} items already in the feed were marked as seen; ${added.backfill ? `the newest ${added.backfill} are being drafted now; ` : ''}new items are drafted for review as they appear (items about none of the dataset’s actors or topics are skipped and counted).`,
    ].join('\n'),
  );
}

export function renderFeedList(feeds: readonly FeedRecord[]): MessagePayload {
  if (feeds.length === 0) return notice('No feeds', 'Follow one with `/curate feed add url:…`.');
  const lines = feeds.map(
    (f) =>
      `• ${inlineCode(f.id)} ${escapeText(truncate(f.title || f.url, 80))} → <#${f.channelId}>\n  ${state(f)} · ${f.counts.drafted} drafted · skipped: ${skipped(f)}`,
  );
  return notice(
    `Feeds (${feeds.length})`,
    linesWithin(lines, 3800, (n) => `…and ${n} more`),
  );
}

export function renderFeedRemoved(f: FeedRecord): MessagePayload {
  return notice(
    'Feed removed',
    `${inlineCode(f.id)} ${escapeText(truncate(f.title || f.url, 120))} is no longer polled. Reviews it created stay open.`,
  );
}

export function renderFeedResumed(f: FeedRecord): MessagePayload {
  return notice(
    'Feed resumed',
    `${inlineCode(f.id)} ${escapeText(truncate(f.title || f.url, 120))} will be polled again now.`,
  );
}
