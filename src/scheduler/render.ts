/** /schedule replies (all ephemeral: schedule management is for the admin who asks). PURE. */
import { buildEmbed } from '../render/embed.ts';
import { inlineCode } from '../render/escape.ts';
import { truncate } from '../render/limits.ts';
import { COLORS, EPHEMERAL, type MessagePayload, NO_MENTIONS } from '../render/message.ts';
import type { ListResult, PreviewResult, ScheduleView } from './service.ts';
import { formatInZone } from './timezones.ts';

const discordTime = (ms: number, style: 'R' | 'f' = 'R') => `<t:${Math.floor(ms / 1000)}:${style}>`;

function modeText(view: ScheduleView): string {
  return view.mode === 'new-only' ? 'only when something is new' : 'every run (says so when nothing is new)';
}

function scopeText(view: ScheduleView): string {
  return view.topic ? `topic **${view.topic.label}**` : 'all topics';
}

/** "At 09:00, Monday through Friday (Europe/London)". */
export function scheduleWords(view: ScheduleView): string {
  return `${view.description} (${view.timezone})`;
}

function runsList(view: ScheduleView): string {
  if (view.nextRuns.length === 0) return 'none';
  return view.nextRuns.map((t) => `• ${formatInZone(t, view.timezone)} (${discordTime(t)})`).join('\n');
}

function payload(
  title: string,
  description: string,
  fields: Array<{ name: string; value: string }> = [],
): MessagePayload {
  return {
    embeds: [buildEmbed({ title, description, fields, color: COLORS.schedule })],
    allowed_mentions: NO_MENTIONS,
    flags: EPHEMERAL,
  };
}

export function renderAdded(view: ScheduleView): MessagePayload {
  return payload(
    `Scheduled briefing ${view.id} added`,
    `**${scheduleWords(view)}** in <#${view.channelId}>: ${scopeText(view)}, posted ${modeText(view)}.\n` +
      `Cron ${inlineCode(view.cron)} · id ${inlineCode(view.id)}`,
    [
      { name: 'Next runs', value: runsList(view) },
      {
        name: 'Manage it',
        value: `\`/schedule preview id:${view.id}\` shows exactly what it would post now · \`/schedule pause id:${view.id}\` · \`/schedule remove id:${view.id}\``,
      },
    ],
  );
}

function statusLine(view: ScheduleView): string {
  if (view.status === 'disabled')
    return `⛔ **Disabled**: ${view.disabledReason ?? 'Discord refused the post'}`;
  if (view.status === 'paused') return '⏸️ Paused';
  const next = view.nextRuns[0];
  return next === undefined
    ? 'Active (no future run)'
    : `Next: ${formatInZone(next, view.timezone)} (${discordTime(next)})`;
}

export function renderList(result: ListResult): MessagePayload {
  const { schedules, max } = result;
  if (schedules.length === 0) {
    return payload(
      'Scheduled briefings',
      `${result.degraded ? `⚠️ ${result.degraded}\n\n` : ''}No schedules in this server yet. Add one, e.g. ` +
        '`/schedule add channel:#news cron:0 9 * * * timezone:Europe/London`.',
    );
  }
  const fields = schedules.map((v) => {
    const lines = [
      `<#${v.channelId}> · **${scheduleWords(v)}** · ${scopeText(v)} · ${v.mode}`,
      statusLine(v),
      v.lastPostAt !== undefined ? `Last post: ${discordTime(v.lastPostAt, 'f')}` : 'No post yet',
    ];
    if (v.status === 'disabled') lines.push(`Fix the channel, then \`/schedule resume id:${v.id}\`.`);
    return { name: `${v.id} · ${v.status}`, value: truncate(lines.join('\n'), 1024) };
  });
  return payload(
    `Scheduled briefings (${schedules.length}/${max})`,
    `${result.degraded ? `⚠️ ${result.degraded}\n` : ''}Ids go in \`/schedule pause|resume|preview|remove id:…\`.`,
    fields,
  );
}

export function renderRemoved(view: ScheduleView): MessagePayload {
  return payload(
    `Schedule ${view.id} removed`,
    `No more briefings from ${inlineCode(view.id)} (${scheduleWords(view)} in <#${view.channelId}>).`,
  );
}

export function renderPaused(view: ScheduleView): MessagePayload {
  return payload(
    `Schedule ${view.id} paused`,
    `${scheduleWords(view)} in <#${view.channelId}> is paused; nothing is posted until \`/schedule resume id:${view.id}\`. Runs missed while paused are not posted later.`,
  );
}

export function renderResumed(view: ScheduleView): MessagePayload {
  return payload(
    `Schedule ${view.id} active`,
    `**${scheduleWords(view)}** in <#${view.channelId}>: ${scopeText(view)}, posted ${modeText(view)}.`,
    [{ name: 'Next runs', value: runsList(view) }],
  );
}

export function renderPreview(result: PreviewResult): MessagePayload {
  const view = result.schedule;
  const paused =
    view.status === 'active' ? '' : ` (the schedule is ${view.status}: this is what it would post if it ran)`;
  if (!result.payload) {
    return payload(
      `Preview of schedule ${view.id}`,
      `${result.reason ?? 'Nothing would be posted now.'}${paused}`,
    );
  }
  return {
    ...result.payload,
    content: truncate(
      `Preview of schedule \`${view.id}\` — exactly what it would post in <#${view.channelId}> now${paused}:`,
      2000,
    ),
    allowed_mentions: NO_MENTIONS,
    flags: EPHEMERAL,
  };
}
