/**
 * /schedule replies (all ephemeral: schedule management is for the admin who asks) and the words for
 * each reason the schedule service refuses a request. PURE.
 */
import { formatDay } from '../domain/dates.ts';
import type { ScheduleProblem } from '../scheduler/schedule-error.ts';
import type { ListResult, PreviewResult, ScheduleFailureView, ScheduleView } from '../scheduler/service.ts';
import { formatInZone, type ZoneProblem } from '../scheduler/timezones.ts';
import type { ChannelKind } from '../scheduler/types.ts';
import { offsetAt } from '../scheduler/zone-names.ts';
import { buildEmbed } from './embed.ts';
import { inlineCode } from './escape.ts';
import { LIMITS, truncate } from './limits.ts';
import { COLORS, EPHEMERAL, type MessagePayload, NO_MENTIONS } from './message.ts';

const discordTime = (ms: number, style: 'R' | 'f' = 'R') => `<t:${Math.floor(ms / 1000)}:${style}>`;

function modeText(view: ScheduleView): string {
  return view.mode === 'new-only' ? 'only when something is new' : 'every run (says so when nothing is new)';
}

const KIND_WORDS: Record<ChannelKind, string> = {
  text: 'text channel',
  announcement: 'announcement channel',
  forum: 'forum channel',
  media: 'media channel',
};

const ARCHIVE_WORDS: Record<number, string> = {
  60: '1 hour',
  1440: '24 hours',
  4320: '3 days',
  10080: '1 week',
};

/** Where and how a schedule posts: "a new post in <#forum> (tags: News) · pings <@&role>". */
export function postWords(view: Pick<ScheduleView, 'channelId' | 'post'>): string {
  const { post } = view;
  const forum = post.kind === 'forum' || post.kind === 'media';
  const parts = [forum ? `a new post in <#${view.channelId}>` : `a message in <#${view.channelId}>`];
  if (forum && post.tagIds?.length)
    parts.push(`tagged ${post.tagNames?.join(', ') ?? `${post.tagIds.length} tag(s)`}`);
  if (post.thread)
    parts.push(
      forum
        ? `archived after ${ARCHIVE_WORDS[post.thread.archiveMinutes]} idle`
        : `with a discussion thread (archived after ${ARCHIVE_WORDS[post.thread.archiveMinutes]} idle)`,
    );
  if (post.publish) parts.push('published to following servers');
  if (post.image) parts.push('with the timeline picture');
  parts.push(post.mentionRoleId ? `pings <@&${post.mentionRoleId}>` : 'no ping');
  return parts.join(' · ');
}

function scopeText(view: ScheduleView): string {
  return view.topic ? `topic **${view.topic.label}**` : 'all topics';
}

/** "At 09:00, Monday through Friday (Europe/London)". */
function scheduleWords(view: ScheduleView): string {
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
      { name: 'Posts as', value: postWords(view) },
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

/** "⚠️ Last failure …: <reason> — retrying (next attempt …)". */
function failureLine(f: ScheduleFailureView): string {
  const when = `${discordTime(f.at, 'f')}, run of ${discordTime(f.run, 'f')}`;
  const reason = truncate(f.reason, 300);
  switch (f.outcome) {
    case 'retrying':
      return `⚠️ Last failure ${when}: ${reason} — retrying${f.retryAt !== undefined ? ` (next attempt ${discordTime(f.retryAt)})` : ''}.`;
    case 'recovered':
      return `Last failure ${when}: ${reason} — posted after retrying.`;
    case 'missed':
      return `⚠️ Missed run (${when}): ${reason}.`;
    case 'failed':
      return `⚠️ Last failure ${when}: ${reason} — not retried.`;
  }
}

export function renderList(result: ListResult): MessagePayload {
  const { schedules, max } = result;
  const warning = result.fromMemory ? `⚠️ ${FROM_MEMORY}\n` : '';
  if (schedules.length === 0) {
    return payload(
      'Scheduled briefings',
      `${warning && `${warning}\n`}No schedules in this server yet. Add one, e.g. ` +
        '`/schedule add channel:#news cron:0 9 * * * timezone:Europe/London`.',
    );
  }
  const fields = schedules.map((v) => {
    const lines = [
      `<#${v.channelId}> · **${scheduleWords(v)}** · ${scopeText(v)} · ${v.mode}`,
      `Posts as ${postWords(v)}`,
      statusLine(v),
      v.lastPostAt !== undefined ? `Last post: ${discordTime(v.lastPostAt, 'f')}` : 'No post yet',
    ];
    if (v.lastFailure) lines.push(failureLine(v.lastFailure));
    if (v.status === 'disabled') lines.push(`Fix the channel, then \`/schedule resume id:${v.id}\`.`);
    return { name: `${v.id} · ${v.status}`, value: truncate(lines.join('\n'), 1024) };
  });
  return payload(
    `Scheduled briefings (${schedules.length}/${max})`,
    `${warning}Ids go in \`/schedule pause|resume|preview|remove id:…\`.`,
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
    const why = result.first
      ? 'and its first run just marks the starting point'
      : `and nothing new has been curated${result.sinceDay ? ` since ${formatDay(result.sinceDay)}` : ''}`;
    return payload(
      `Preview of schedule ${view.id}`,
      `Nothing would be posted now: this schedule only posts when something is new, ${why}.${paused}`,
    );
  }
  return {
    ...result.payload,
    content: truncate(
      `Preview of schedule \`${view.id}\` — exactly what it would post in <#${view.channelId}> now${paused}.\n` +
        `Posts as ${postWords(view)}${result.title ? ` · titled **${result.title}**` : ''} (this preview pings nobody):`,
      2000,
    ),
    allowed_mentions: NO_MENTIONS,
    flags: EPHEMERAL,
  };
}

const FROM_MEMORY =
  'The schedule store is not answering, so this list comes from memory: active schedules only, without last-post times.';

/** What a user sees when the store does not answer a /schedule request. */
export const STORE_DOWN =
  'The schedule store is not answering right now. Try again in a minute (`/schedule list` shows what was saved); schedules already set up keep running.';

/** An autocomplete label for a schedule id: "k3m9xq · At 09:00 (UTC) · ceasefire · paused". */
export function scheduleChoiceLabel(view: ScheduleView): string {
  const status = view.status === 'active' ? '' : ` · ${view.status}`;
  const topic = view.topic ? ` · ${view.topic.id}` : '';
  return truncate(`${view.id} · ${view.description} (${view.timezone})${topic}${status}`, LIMITS.choiceName);
}

/** "5 minutes", "30 seconds", "2 hours". */
function formatInterval(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} second${s === 1 ? '' : 's'}`;
  const m = Math.round(s / 60);
  if (m < 60 || m % 60 !== 0) return `${m} minute${m === 1 ? '' : 's'}`;
  const h = m / 60;
  return `${h} hour${h === 1 ? '' : 's'}`;
}

function andList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** The words for why /schedule refused: a title and what to do instead. */
export function describeScheduleProblem(problem: ScheduleProblem): { title: string; message: string } {
  switch (problem.code) {
    case 'invalid-cron':
      return { title: 'Invalid schedule', message: problem.detail };
    case 'unknown-timezone':
      return { title: 'Unknown time zone', message: describeZoneProblem(problem.problem) };
    case 'too-frequent':
      return {
        title: 'Too frequent',
        message:
          `\`${problem.expression}\` would post every ${formatInterval(problem.gapMs)} at times; scheduled briefings post at ` +
          `most once per ${formatInterval(problem.minMs)}. Try \`0 * * * *\` (hourly), \`0 9 * * *\` (daily at 09:00) ` +
          'or `0 9,17 * * 1-5` (09:00 and 17:00 on weekdays).',
      };
    case 'unknown-topic':
      return {
        title: 'Unknown topic',
        message: `There is no topic \`${problem.topic}\` in the dataset. Pick one as you type, or leave the option empty for all topics.`,
      };
    case 'permission-check-failed':
      return {
        title: 'Try again shortly',
        message: `I could not check my permissions in <#${problem.channelId}> just now. Try again in a minute, or pick another channel.`,
      };
    case 'channel-unusable':
      return {
        title: 'Channel not usable',
        message: `I cannot post in <#${problem.channelId}>: ${problem.reason}. Pick a text or announcement channel I can see.`,
      };
    case 'missing-permissions':
      return {
        title: 'Missing permission',
        message:
          `I cannot post briefings in <#${problem.channelId}>: I am missing ${andList(problem.missing.map((p) => `**${p}**`))} there. ` +
          `Give the bot ${andList(problem.missing)} in that channel (Edit Channel → Permissions), or pick another channel.`,
      };
    case 'option-not-here': {
      const why = {
        thread: 'a forum or media post is a thread already (`archive:` sets when it is archived)',
        publish: 'only an announcement channel can publish to following servers',
        tag: 'only forum and media channels have tags',
      }[problem.option];
      return {
        title: `No ${problem.option} here`,
        message: `<#${problem.channelId}> is a ${KIND_WORDS[problem.kind]}: ${why}. Leave \`${problem.option}\` out, or pick another channel.`,
      };
    }
    case 'unknown-tag':
      return {
        title: 'Unknown tag',
        message: problem.available.length
          ? `<#${problem.channelId}> has no tag ${inlineCode(truncate(problem.typed, 40))}. Its tags: ${problem.available.map((t) => inlineCode(t)).join(', ')}.`
          : `<#${problem.channelId}> has no tags. Leave \`tag\` out, or add tags to the forum first.`,
      };
    case 'unknown-role':
      return {
        title: 'Unknown role',
        message: `I cannot find the role <@&${problem.roleId}> in this server. Pick a role from the list.`,
      };
    case 'everyone-role':
      return {
        title: 'Not @everyone',
        message:
          'Scheduled briefings never ping @everyone or @here. Make a role members opt into (e.g. "Briefings") and pick it.',
      };
    case 'role-not-mentionable':
      return {
        title: 'Role not mentionable',
        message:
          `The role **${problem.roleName}** is not mentionable and I lack **Mention Everyone** in <#${problem.channelId}>, so the ping would reach nobody. ` +
          'Turn on "Allow anyone to @mention this role" (Server Settings → Roles), or give the bot Mention Everyone in that channel.',
      };
    case 'already-scheduled':
      return {
        title: 'Already scheduled',
        message:
          `Schedule \`${problem.id}\` already posts that briefing in <#${problem.channelId}>. ` +
          `Use \`/schedule resume id:${problem.id}\` if it is paused, or \`/schedule remove id:${problem.id}\` first.`,
      };
    case 'limit-reached':
      return {
        title: 'Schedule limit reached',
        message:
          `This server already has ${problem.max} schedules, the most allowed. ` +
          '`/schedule list` shows them; `/schedule remove id:…` frees a place.',
      };
    case 'no-such-schedule':
      return {
        title: 'No such schedule',
        message: `There is no schedule ${inlineCode(truncate(problem.typed, 40))} in this server. \`/schedule list\` shows the ids (6 letters and digits, e.g. \`k3m9xq\`).`,
      };
    case 'just-removed':
      return { title: 'Schedule removed', message: `Schedule \`${problem.id}\` was just removed.` };
    case 'store-unavailable':
      return { title: 'Try again shortly', message: STORE_DOWN };
  }
}

/** "UTC+3", "UTC−5", "UTC+5:45". */
export function formatUtcOffset(minutes: number): string {
  const sign = minutes < 0 ? '−' : '+';
  const abs = Math.abs(minutes);
  const mm = abs % 60;
  return `UTC${sign}${Math.floor(abs / 60)}${mm ? `:${String(mm).padStart(2, '0')}` : ''}`;
}

const codeList = (zones: readonly string[]) => orList(zones.map((z) => `\`${z}\``));

function orList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

const IANA_EXAMPLES =
  'Use an IANA name such as `Europe/London`, `America/New_York` or `UTC` (the option autocompletes).';

/** Why a typed time zone was refused, and what to type instead. */
export function describeZoneProblem(problem: ZoneProblem): string {
  const typed = inlineCode(truncate(problem.typed, 40));
  const { suggestions } = problem;
  switch (problem.kind) {
    case 'abbreviation':
      return suggestions.length
        ? `${typed} is an abbreviation, not a time zone: it does not say where daylight saving applies, and several zones share it. ` +
            `Use the zone's IANA name: ${codeList(suggestions)}.`
        : `${typed} looks like an abbreviation, not a time zone. ${IANA_EXAMPLES}`;
    case 'offset': {
      const offset = formatUtcOffset(problem.offsetMinutes ?? 0);
      const fixed = suggestions.find((z) => z.startsWith('Etc/') || z === 'UTC');
      const places = suggestions.filter((z) => z !== fixed);
      const fixedText = fixed
        ? `For ${offset} all year use \`${fixed}\`${fixed === 'UTC' ? '' : ' (Etc names invert the sign)'}`
        : `No zone keeps ${offset} all year`;
      return (
        `${typed} is a UTC offset, not a time zone. ${fixedText}` +
        (places.length
          ? `; to follow a place's daylight saving use its zone, e.g. ${codeList(places)}.`
          : '.')
      );
    }
    case 'unknown':
      return (
        `${typed} is not a time zone I know.` +
        (suggestions.length ? ` Did you mean ${codeList(suggestions)}?` : '') +
        ` ${IANA_EXAMPLES}`
      );
  }
}

/** An autocomplete label for a zone: "Asia/Kathmandu · UTC+5:45 now", "Etc/GMT-3 · UTC+3 all year". */
export function timezoneChoiceLabel(zone: string, nowMs: number): string {
  const offset = formatUtcOffset(offsetAt(zone, nowMs));
  const fixed = zone === 'UTC' || zone.startsWith('Etc/');
  return truncate(`${zone} · ${offset}${fixed ? ' all year' : ' now'}`, LIMITS.choiceName);
}
