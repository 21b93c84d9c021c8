/**
 * /schedule replies (all ephemeral: schedule management is for the admin who asks) and the words for
 * each reason the schedule service refuses a request, in the admin's language. PURE.
 */
import { type MessageKey, type Msg, msg, type Translator } from '../i18n/catalog.ts';
import { localizedOptionName } from '../i18n/commands.ts';
import { describeCronIn, formatDay, formatInterval, formatInZone } from '../i18n/format.ts';
import { findLanguage } from '../i18n/languages.ts';
import type { CronProblem } from '../scheduler/cron.ts';
import type { ScheduleProblem } from '../scheduler/schedule-error.ts';
import type { ListResult, PreviewResult, ScheduleFailureView, ScheduleView } from '../scheduler/service.ts';
import type { ZoneProblem } from '../scheduler/timezones.ts';
import type { ChannelKind, PermissionName } from '../scheduler/types.ts';
import { offsetAt } from '../scheduler/zone-names.ts';
import { buildEmbed } from './embed.ts';
import { inlineCode } from './escape.ts';
import { LIMITS, truncate } from './limits.ts';
import { COLORS, EPHEMERAL, type MessagePayload, NO_MENTIONS } from './message.ts';

const discordTime = (ms: number, style: 'R' | 'f' = 'R') => `<t:${Math.floor(ms / 1000)}:${style}>`;
const channel = (id: string) => `<#${id}>`;

function modeText(t: Translator, view: ScheduleView): string {
  return view.mode === 'new-only' ? t.t('schedule.mode.newOnly') : t.t('schedule.mode.always');
}

const KIND_KEY = {
  text: 'channelKind.text',
  announcement: 'channelKind.announcement',
  forum: 'channelKind.forum',
  media: 'channelKind.media',
} as const satisfies Record<ChannelKind, MessageKey>;

/** How long a thread may stay idle before Discord archives it: "1 hour", "3 days", "1 week". */
function idleWords(t: Translator, minutes: number): string {
  if (minutes % 10080 === 0) return t.t('post.idleWeeks', { count: minutes / 10080 });
  if (minutes % 1440 === 0 && minutes > 1440) return t.t('post.idleDays', { count: minutes / 1440 });
  return t.t('post.idleHours', { count: Math.round(minutes / 60) });
}

/** Where and how a schedule posts: "a new post in <#forum> · tagged News · pings <@&role>". */
export function postWords(t: Translator, view: Pick<ScheduleView, 'channelId' | 'post'>): string {
  const { post } = view;
  const forum = post.kind === 'forum' || post.kind === 'media';
  const where = { channel: channel(view.channelId) };
  const parts = [forum ? t.t('post.whereForum', where) : t.t('post.whereMessage', where)];
  if (forum && post.tagIds?.length)
    parts.push(
      post.tagNames?.length
        ? t.t('post.tagged', { tags: t.list(post.tagNames, 'and') })
        : t.t('post.taggedCount', { count: post.tagIds.length }),
    );
  if (post.thread) {
    const idle = idleWords(t, post.thread.archiveMinutes);
    parts.push(forum ? t.t('post.archivedAfter', { idle }) : t.t('post.withThread', { idle }));
  }
  if (post.publish) parts.push(t.t('post.published'));
  if (post.image) parts.push(t.t('post.withPicture'));
  parts.push(
    post.mentionRoleId ? t.t('post.pings', { role: `<@&${post.mentionRoleId}>` }) : t.t('post.noPing'),
  );
  return parts.join(' · ');
}

function scopeText(
  t: Translator,
  view: ScheduleView,
  topicLabel?: (id: string) => string | undefined,
): string {
  if (!view.topic) return t.t('schedule.scope.all');
  return t.t('schedule.scope.topic', { topic: topicLabel?.(view.topic.id) ?? view.topic.label });
}

/** The language posts are written in, by its own name ("Українська"). */
function languageText(view: ScheduleView): string {
  return findLanguage(view.language)?.name ?? view.language;
}

/** "At 09:00, Monday through Friday (Europe/London)", in the reader's language. */
function scheduleWords(t: Translator, view: ScheduleView): string {
  return t.t('schedule.words', {
    description: describeCronIn(t, view.cron, view.bothDays),
    timezone: view.timezone,
  });
}

function runsList(t: Translator, view: ScheduleView): string {
  if (view.nextRuns.length === 0) return t.t('schedule.noRuns');
  return view.nextRuns.map((ms) => `• ${formatInZone(t, ms, view.timezone)} (${discordTime(ms)})`).join('\n');
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

/** Topic labels in the reader's language, when the reply has the dataset at hand. */
export type TopicLabels = (id: string) => string | undefined;

export function renderAdded(t: Translator, view: ScheduleView, labels?: TopicLabels): MessagePayload {
  return payload(
    t.t('schedule.added.title', { id: view.id }),
    t.t('schedule.added', {
      schedule: scheduleWords(t, view),
      channel: channel(view.channelId),
      scope: scopeText(t, view, labels),
      mode: modeText(t, view),
      language: languageText(view),
      cron: inlineCode(view.cron),
      id: inlineCode(view.id),
    }),
    [
      { name: t.t('schedule.postsAs'), value: postWords(t, view) },
      { name: t.t('schedule.nextRuns'), value: runsList(t, view) },
      { name: t.t('schedule.manage'), value: t.t('schedule.manageValue', { id: view.id }) },
    ],
  );
}

function statusLine(t: Translator, view: ScheduleView): string {
  if (view.status === 'disabled')
    return t.t('schedule.status.disabled', {
      reason: view.disabledReason ?? t.t('schedule.status.disabledDefault'),
    });
  if (view.status === 'paused') return t.t('schedule.status.paused');
  const next = view.nextRuns[0];
  return next === undefined
    ? t.t('schedule.status.noFuture')
    : t.t('schedule.status.next', {
        time: formatInZone(t, next, view.timezone),
        relative: discordTime(next),
      });
}

/** "⚠️ Last failure …: <reason> — retrying (next attempt …)". */
function failureLine(t: Translator, f: ScheduleFailureView): string {
  const when = t.t('schedule.failure.when', { at: discordTime(f.at, 'f'), run: discordTime(f.run, 'f') });
  const reason = truncate(f.reason, 300);
  switch (f.outcome) {
    case 'retrying':
      return f.retryAt !== undefined
        ? t.t('schedule.failure.retryingAt', { when, reason, retryAt: discordTime(f.retryAt) })
        : t.t('schedule.failure.retrying', { when, reason });
    case 'recovered':
      return t.t('schedule.failure.recovered', { when, reason });
    case 'missed':
      return t.t('schedule.failure.missed', { when, reason });
    case 'failed':
      return t.t('schedule.failure.failed', { when, reason });
  }
}

export function renderList(t: Translator, result: ListResult, labels?: TopicLabels): MessagePayload {
  const { schedules, max } = result;
  const warning = result.fromMemory ? `${t.t('schedule.list.fromMemory')}\n` : '';
  if (schedules.length === 0) {
    return payload(t.t('schedule.list.title'), `${warning && `${warning}\n`}${t.t('schedule.list.empty')}`);
  }
  const fields = schedules.map((v) => {
    const lines = [
      t.t('schedule.list.line', {
        channel: channel(v.channelId),
        schedule: scheduleWords(t, v),
        scope: scopeText(t, v, labels),
        mode: t.t(`schedule.modeName.${v.mode}`),
        language: languageText(v),
      }),
      t.t('schedule.postsAsLine', { how: postWords(t, v) }),
      statusLine(t, v),
      v.lastPostAt !== undefined
        ? t.t('schedule.list.lastPost', { at: discordTime(v.lastPostAt, 'f') })
        : t.t('schedule.list.noPost'),
    ];
    if (v.lastFailure) lines.push(failureLine(t, v.lastFailure));
    if (v.status === 'disabled') lines.push(t.t('schedule.list.fixChannel', { id: v.id }));
    return {
      name: `${v.id} · ${t.t(`schedule.statusName.${v.status}`)}`,
      value: truncate(lines.join('\n'), 1024),
    };
  });
  return payload(
    t.t('schedule.list.titleCount', { count: schedules.length, max }),
    `${warning}${t.t('schedule.list.ids')}`,
    fields,
  );
}

export function renderRemoved(t: Translator, view: ScheduleView): MessagePayload {
  return payload(
    t.t('schedule.removed.title', { id: view.id }),
    t.t('schedule.removed', {
      id: inlineCode(view.id),
      schedule: scheduleWords(t, view),
      channel: channel(view.channelId),
    }),
  );
}

export function renderPaused(t: Translator, view: ScheduleView): MessagePayload {
  return payload(
    t.t('schedule.paused.title', { id: view.id }),
    t.t('schedule.paused', {
      schedule: scheduleWords(t, view),
      channel: channel(view.channelId),
      id: view.id,
    }),
  );
}

export function renderResumed(t: Translator, view: ScheduleView, labels?: TopicLabels): MessagePayload {
  return payload(
    t.t('schedule.resumed.title', { id: view.id }),
    t.t('schedule.resumed', {
      schedule: scheduleWords(t, view),
      channel: channel(view.channelId),
      scope: scopeText(t, view, labels),
      mode: modeText(t, view),
      language: languageText(view),
    }),
    [{ name: t.t('schedule.nextRuns'), value: runsList(t, view) }],
  );
}

/** What the schedule would post now, exactly as it would (in the schedule's language), with a note. */
export function renderPreview(t: Translator, result: PreviewResult): MessagePayload {
  const view = result.schedule;
  const paused =
    view.status === 'active'
      ? ''
      : t.t('schedule.preview.notActive', { status: t.t(`schedule.statusName.${view.status}`) });
  if (!result.payload) {
    const why = result.first
      ? t.t('schedule.preview.firstRun')
      : result.sinceDay
        ? t.t('schedule.preview.nothingNewSince', { date: formatDay(t, result.sinceDay) })
        : t.t('schedule.preview.nothingNew');
    return payload(
      t.t('schedule.preview.title', { id: view.id }),
      t.t('schedule.preview.nothing', { why, paused }),
    );
  }
  return {
    ...result.payload,
    content: truncate(
      `${t.t('schedule.preview.header', { id: view.id, channel: channel(view.channelId), paused })}\n${t.t(
        'schedule.preview.postsAs',
        {
          how: `${postWords(t, view)}${result.title ? ` · ${t.t('schedule.preview.titled', { title: result.title })}` : ''}`,
        },
      )}`,
      2000,
    ),
    allowed_mentions: NO_MENTIONS,
    flags: EPHEMERAL,
  };
}

/** An autocomplete label for a schedule id: "k3m9xq · At 09:00 (UTC) · ceasefire · paused". */
export function scheduleChoiceLabel(t: Translator, view: ScheduleView): string {
  const status = view.status === 'active' ? '' : ` · ${t.t(`schedule.statusName.${view.status}`)}`;
  const topic = view.topic ? ` · ${view.topic.id}` : '';
  return truncate(`${view.id} · ${scheduleWords(t, view)}${topic}${status}`, LIMITS.choiceName);
}

/** Permissions by the names Discord's settings show in the reader's language. */
const PERMISSION_KEY = {
  'View Channel': 'permission.viewChannel',
  'Send Messages': 'permission.sendMessages',
  'Embed Links': 'permission.embedLinks',
  'Create Posts': 'permission.createPosts',
  'Send Messages in Threads': 'permission.sendMessagesInThreads',
  'Create Public Threads': 'permission.createPublicThreads',
  'Manage Messages': 'permission.manageMessages',
  'Mention Everyone': 'permission.mentionEveryone',
  'Attach Files': 'permission.attachFiles',
} as const satisfies Record<PermissionName, MessageKey>;

/** An option of /schedule add as the reader's client names it (`tag` → `тег`). */
const addOption = (option: string) => (t: Translator) => localizedOptionName(t, 'schedule', ['add', option]);

/** Refusals about where and how a schedule posts (forum tags, roles, channel kinds). */
function describePostProblem(problem: ScheduleProblem): { title: Msg; message: Msg } | undefined {
  switch (problem.code) {
    case 'option-not-here': {
      const why = {
        thread: msg('post.notHere.thread', { archive: addOption('archive') }),
        publish: msg('post.notHere.publish'),
        tag: msg('post.notHere.tag'),
      }[problem.option];
      const option = addOption(problem.option);
      return {
        title: msg('post.notHere.title', { option }),
        message: msg('post.notHere', {
          channel: channel(problem.channelId),
          kind: msg(KIND_KEY[problem.kind]),
          why,
          option,
        }),
      };
    }
    case 'unknown-tag':
      return {
        title: msg('post.unknownTag.title'),
        message: problem.available.length
          ? msg('post.unknownTag', {
              channel: channel(problem.channelId),
              typed: inlineCode(truncate(problem.typed, 40)),
              tags: (t) =>
                t.list(
                  problem.available.map((tag) => inlineCode(tag)),
                  'and',
                ),
            })
          : msg('post.noTags', { channel: channel(problem.channelId), option: addOption('tag') }),
      };
    case 'unknown-role':
      return {
        title: msg('post.unknownRole.title'),
        message: msg('post.unknownRole', { role: `<@&${problem.roleId}>` }),
      };
    case 'everyone-role':
      return { title: msg('post.everyone.title'), message: msg('post.everyone') };
    case 'role-not-mentionable':
      return {
        title: msg('post.roleNotMentionable.title'),
        message: msg('post.roleNotMentionable', {
          role: problem.roleName,
          channel: channel(problem.channelId),
          permission: msg('permission.mentionEveryone'),
        }),
      };
    default:
      return undefined;
  }
}

/** The words for why /schedule refused: a title and what to do instead, as catalog messages. */
export function describeScheduleProblem(problem: ScheduleProblem): { title: Msg; message: Msg } {
  const tryAgain = msg('schedule.tryAgain.title');
  const post = describePostProblem(problem);
  if (post) return post;
  switch (problem.code) {
    case 'invalid-cron':
      return { title: msg('schedule.invalidCron.title'), message: describeCronProblem(problem.problem) };
    case 'unknown-timezone':
      return { title: msg('schedule.unknownZone.title'), message: describeZoneProblem(problem.problem) };
    case 'too-frequent':
      return {
        title: msg('schedule.tooFrequent.title'),
        message: msg('schedule.tooFrequent', {
          expression: problem.expression,
          gap: (t) => formatInterval(t, problem.gapMs),
          min: (t) => formatInterval(t, problem.minMs),
        }),
      };
    case 'unknown-topic':
      return {
        title: msg('schedule.unknownTopic.title'),
        message: msg('schedule.unknownTopic', { topic: problem.topic }),
      };
    case 'permission-check-failed':
      return {
        title: tryAgain,
        message: msg('schedule.permissionCheck', { channel: channel(problem.channelId) }),
      };
    case 'channel-unusable':
      return {
        title: msg('schedule.channelUnusable.title'),
        message: msg('schedule.channelUnusable', {
          channel: channel(problem.channelId),
          reason: problem.reason,
        }),
      };
    case 'missing-permissions':
      return {
        title: msg('schedule.missingPermissions.title'),
        message: msg('schedule.missingPermissions', {
          channel: channel(problem.channelId),
          missing: (t) =>
            t.list(
              problem.missing.map((p) => `**${t.t(PERMISSION_KEY[p])}**`),
              'and',
            ),
        }),
      };
    case 'already-scheduled':
      return {
        title: msg('schedule.alreadyScheduled.title'),
        message: msg('schedule.alreadyScheduled', { id: problem.id, channel: channel(problem.channelId) }),
      };
    case 'limit-reached':
      return { title: msg('schedule.limit.title'), message: msg('schedule.limit', { max: problem.max }) };
    case 'no-such-schedule':
      return {
        title: msg('schedule.noSuch.title'),
        message: msg('schedule.noSuch', { typed: inlineCode(truncate(problem.typed, 40)) }),
      };
    case 'just-removed':
      return {
        title: msg('schedule.justRemoved.title'),
        message: msg('schedule.justRemoved', { id: problem.id }),
      };
    case 'store-unavailable':
      return { title: tryAgain, message: msg('schedule.storeDown') };
  }
  // Every code is worded above or by describePostProblem.
  return { title: msg('error.generic.title'), message: msg('error.generic') };
}

/** Why a cron expression was refused, and what to type instead. */
export function describeCronProblem(problem: CronProblem): Msg {
  switch (problem.kind) {
    case 'empty':
      return msg('cron.empty');
    case 'invalid':
      return msg('cron.invalid', { text: problem.text, detail: problem.detail });
    case 'unsupported-day':
      return msg('cron.unsupportedDay', { text: problem.text, form: problem.form });
    case 'unschedulable':
      return msg('cron.unschedulable', { text: problem.text, detail: problem.detail });
    case 'never':
      return msg('cron.never', { text: problem.text });
  }
}

/** "UTC+3", "UTC−5", "UTC+5:45". */
export function formatUtcOffset(minutes: number): string {
  const sign = minutes < 0 ? '−' : '+';
  const abs = Math.abs(minutes);
  const mm = abs % 60;
  return `UTC${sign}${Math.floor(abs / 60)}${mm ? `:${String(mm).padStart(2, '0')}` : ''}`;
}

const codeList = (zones: readonly string[]) => (t: Translator) =>
  t.list(
    zones.map((z) => `\`${z}\``),
    'or',
  );

/** Why a typed time zone was refused, and what to type instead. */
export function describeZoneProblem(problem: ZoneProblem): Msg {
  const typed = inlineCode(truncate(problem.typed, 40));
  const examples = msg('zone.examples');
  const { suggestions } = problem;
  switch (problem.kind) {
    case 'abbreviation':
      return suggestions.length
        ? msg('zone.abbreviation', { typed, zones: codeList(suggestions) })
        : msg('zone.abbreviationNoHint', { typed, examples });
    case 'offset': {
      const offset = formatUtcOffset(problem.offsetMinutes ?? 0);
      const zone = suggestions.find((z) => z.startsWith('Etc/') || z === 'UTC');
      const places = suggestions.filter((z) => z !== zone);
      const fixed = zone
        ? zone === 'UTC'
          ? msg('zone.fixed', { offset, zone })
          : msg('zone.fixedEtc', { offset, zone })
        : msg('zone.noFixed', { offset });
      return places.length
        ? msg('zone.offsetPlaces', { typed, fixed, zones: codeList(places) })
        : msg('zone.offset', { typed, fixed });
    }
    case 'unknown':
      return suggestions.length
        ? msg('zone.unknownSuggest', { typed, zones: codeList(suggestions), examples })
        : msg('zone.unknown', { typed, examples });
  }
}

/** An autocomplete label for a zone: "Asia/Kathmandu · UTC+5:45 now", "Etc/GMT-3 · UTC+3 all year". */
export function timezoneChoiceLabel(t: Translator, zone: string, nowMs: number): string {
  const offset = formatUtcOffset(offsetAt(zone, nowMs));
  const fixed = zone === 'UTC' || zone.startsWith('Etc/');
  return truncate(
    fixed ? t.t('zone.allYear', { zone, offset }) : t.t('zone.now', { zone, offset }),
    LIMITS.choiceName,
  );
}
