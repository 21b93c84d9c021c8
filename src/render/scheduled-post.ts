/**
 * The words a scheduled post carries besides the briefing: the forum post's (or thread's) title, in
 * the schedule's language, and the opted-in role ping. PURE.
 */

import type { Dataset } from '../domain/model.ts';
import type { Translator } from '../i18n/catalog.ts';
import { formatInZone } from '../i18n/format.ts';
import { translatorFor } from '../i18n/languages.ts';
import { content } from './content.ts';
import { LIMITS } from './limits.ts';
import type { MessagePayload } from './message.ts';
import { TIMELINE_CHART_FILE } from './timeline.ts';

/** Discord's limit on a thread or forum post name. */
export const THREAD_NAME_MAX = 100;

/**
 * "Briefing · Security guarantees · Tue 2 Dec 2025, 09:00 CET": the run's time in the schedule's zone,
 * so two runs of a schedule never share a title (a forum post is found again by it after a crash).
 */
export function scheduledPostTitle(
  t: Translator,
  opts: {
    topicLabel?: string | undefined;
    run: number;
    timezone: string;
  },
): string {
  // A cron with a seconds field can run more than once a minute: its titles carry the seconds.
  const seconds = Math.floor(opts.run / 1000) % 60;
  const minute = formatInZone(t, opts.run, opts.timezone);
  const when = seconds
    ? minute.replace(/\b(\d{2}:\d{2})\b/, `$1:${String(seconds).padStart(2, '0')}`)
    : minute;
  const head = opts.topicLabel ? t.t('post.titleTopic', { topic: opts.topicLabel }) : t.t('post.title');
  const room = THREAD_NAME_MAX - when.length - 3;
  const fitted = head.length <= room ? head : `${head.slice(0, Math.max(1, room - 1)).trimEnd()}…`;
  return `${fitted} · ${when}`;
}

/** A schedule's post title for a run: its topic and time in the schedule's language. */
export function scheduleRunTitle(
  dataset: Pick<Dataset, 'topicById'>,
  schedule: { topic?: string | undefined; language?: string | undefined; timezone: string },
  run: number,
): string {
  const t = translatorFor(schedule.language);
  const topic = schedule.topic ? dataset.topicById.get(schedule.topic) : undefined;
  const topicLabel = topic ? content(t, topic, 'label') : schedule.topic;
  return scheduledPostTitle(t, { topicLabel, run, timezone: schedule.timezone });
}

/**
 * The post with the server's opted-in role mentioned: the mention goes in `content` (mentions in
 * embeds never ping) and allowed_mentions allows that role and nothing else.
 */
export function withRolePing(payload: MessagePayload, roleId: string): MessagePayload {
  const mention = `<@&${roleId}>`;
  return {
    ...payload,
    content: payload.content ? `${mention} ${payload.content}` : mention,
    allowed_mentions: { parse: [], roles: [roleId] },
  };
}

/** The post with the timeline picture attached, shown by an embed of its own under the briefing. */
export function withTimelinePicture(
  payload: MessagePayload,
  png: { data: Uint8Array; alt: string },
): MessagePayload {
  const embeds = payload.embeds ?? [];
  if (embeds.length >= LIMITS.embeds) return payload;
  return {
    ...payload,
    embeds: [...embeds, { image: { url: `attachment://${TIMELINE_CHART_FILE}` } }],
    files: [
      ...(payload.files ?? []),
      { name: TIMELINE_CHART_FILE, data: png.data, description: png.alt, contentType: 'image/png' },
    ],
  };
}
