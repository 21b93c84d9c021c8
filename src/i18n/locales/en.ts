/**
 * English: the reference catalog. Keys and `{placeholders}` here type every message call; other
 * languages translate the same keys (tests/i18n checks keys, placeholders and plural categories).
 * Command names and descriptions stay in the command files (Discord's default); other languages
 * localize them in their own `commands` section.
 */
export const en = {
  // Dates and precision labels (src/i18n/format.ts)
  'date.approximate': 'c. {date}',
  'date.by': 'by {date}',
  'date.underWay': 'under way {date}',
  'date.multiDay': '{period}, over several days',
  'date.underWayOn': 'under way on {date}',
  'date.startingNoEarlier': 'starting no earlier than {date}',
  'date.endingNoLater': 'ending no later than {date}',
  'date.noFirstLast': 'first and last days not given',
  'date.noLaterOnly': 'no later than {latest} ({period}; no earlier day given)',
  'date.between': '{date} (between {from} and {to})',
  'date.noLaterThan': '{date} (no later than {latest})',
  'date.noEarlierThan': '{date} (no earlier than {earliest})',
  'date.range': '{from} → {to}',
  'date.open': '…',
  'cron.empty':
    'A schedule needs a cron expression, e.g. `0 9 * * *` (09:00 every day) or `30 8 * * 1-5` (08:30 on weekdays).',
  'cron.invalid':
    '`{text}` is not a valid cron expression ({detail}). Use five fields — minute hour day-of-month month day-of-week — optionally preceded by seconds, e.g. `0 9 * * *` (09:00 every day) or `30 8 * * 1-5` (08:30 on weekdays).',
  'cron.unsupportedDay':
    '`{text}`: the day-of-month form `{form}` is not supported for briefings. Use `L` for the last day of the month or explicit days such as `1,15`.',
  'cron.unschedulable':
    '`{text}` is valid cron but cannot be scheduled ({detail}). Write it without that construct, e.g. `0 9 * * *` (09:00 every day) or `30 8 * * 1-5` (08:30 on weekdays).',
  'cron.never':
    '`{text}` never runs (no date matches all its fields). Try `0 9 * * *` (09:00 every day) or `30 8 * * 1-5` (08:30 on weekdays).',
  'cron.bothDays': '{description} (only when the day of the month and the weekday both match)',
  'partOfDay.morning': 'morning',
  'partOfDay.afternoon': 'afternoon',
  'partOfDay.evening': 'evening',
  'partOfDay.night': 'night',

  'text.lines': '{first}\n{second}',
  'text.verbatim': '{text}',
  // Counts
  'count.events': { one: '{count} event', other: '{count} events' },
  'count.quotes': { one: '{count} quote', other: '{count} quotes' },
  'count.results': { one: '{count} result', other: '{count} results' },
  'count.sources': { one: '{count} source', other: '{count} sources' },
  'count.actors': { one: '{count} actor', other: '{count} actors' },
  'count.topics': { one: '{count} topic', other: '{count} topics' },
  'count.commitments': { one: '{count} commitment', other: '{count} commitments' },
  'count.threads': { one: '{count} topic thread', other: '{count} topic threads' },
  'list.more': { one: '…and {count} more', other: '…and {count} more' },
  'list.morePointer': { one: '…and {count} more: {pointer}', other: '…and {count} more: {pointer}' },

  // Content (dataset text shown in the reader's language)
  'content.attributed': 'According to {name}: {text}',
  'content.untranslated': '[English] {text}',
  'actorKind.person': 'person',
  'actorKind.state': 'state',
  'actorKind.organization': 'organization',
  'actorKind.group': 'group',

  // Paging
  'pager.previous': '◀ Previous',
  'pager.next': 'Next ▶',
  'pager.page': 'Page {page} of {pages}',
  'pager.footerPage': 'page {page} of {pages}',

  // Router and generic answers
  'error.generic.title': 'Sorry',
  'error.generic':
    'Something went wrong on our side while answering. It has been logged; please try again in a moment.',
  'error.draining': 'The bot is restarting. Please try again in a few seconds.',
  'error.oldComponent': 'This menu or form belongs to an older version of the bot. Run the command again.',
  'error.oldButton': 'This button belongs to an older version of the bot. Run the command again.',
  'error.oldButtonOrForm':
    'This button or form belongs to an older version of the bot. Run the command again.',
  'error.expiredList':
    'This list is no longer kept (its query was stored, and has expired). Run the command again.',
  'error.outOfDate.title': 'Out of date',
  'error.notACommand': '/{command} is not a command of this bot (any more).',
  'error.serverOnly': '/{command} works only inside a server.',
  'error.needsManageServer': '/{command} needs the **Manage Server** permission. Ask a server admin.',
  'error.notAllowed.title': 'Not allowed',
  'error.staleFilters':
    'This list refers to a name or topic that is no longer in the dataset. Run /{command} again.',

  // Options (src/discord/define-command.ts, options.ts)
  'option.notANumber': '`{option}` must be a number.',
  'option.required': '`{option}` is required: {description}.',
  'option.notAChoice': '`{option}` must be one of: {choices} (you typed {typed}).',
  'option.useSubcommand': 'Use /{command} {subcommands}.',
  'option.badDate':
    '`{option}` must look like 2025-02-14 or 2025-02 (a real date, year first); you typed {typed}.',
  'option.badDate.title': 'Date not understood',
  'option.rangeReversed': '`from` ({from}) is after `to` ({to}): swap them.',
  'option.rangeReversed.title': 'Empty date range',
  'option.noWords':
    '`text` is matched word by word, and {typed} has no words (letters or digits). Type words from the quote, e.g. `security guarantees`, or leave it empty.',
  'option.noWords.title': 'No words to look for',

  // Names that did not resolve (src/render/unresolved.ts)
  'unresolved.actor.ambiguous.title': 'Which actor?',
  'unresolved.topic.ambiguous.title': 'Which topic?',
  'unresolved.event.ambiguous.title': 'Which event?',
  'unresolved.actor.notFound.title': 'Actor not found',
  'unresolved.topic.notFound.title': 'Topic not found',
  'unresolved.event.notFound.title': 'Event not found',
  'unresolved.actor.ambiguous':
    'Several actors match {typed}: pick one from the list as you type, or use its id.\n{list}',
  'unresolved.topic.ambiguous':
    'Several topics match {typed}: pick one from the list as you type, or use its id.\n{list}',
  'unresolved.event.ambiguous':
    'Several events match {typed}: pick one from the list as you type, or use its id.\n{list}',
  'unresolved.actor.notFound':
    'No actor matches {typed}{understood}. Pick one from the suggestions as you type, or try /search.',
  'unresolved.topic.notFound':
    'No topic matches {typed}{understood}. Leave the option empty for all topics, or pick one as you type.',
  'unresolved.event.notFound':
    'No event matches {typed}{understood}. Pick one from the suggestions as you type, or find it with /timeline or /search.',
  'unresolved.understood': ' (read as {country}, which the dataset does not cover)',
  'unresolved.actor.offer': 'Closest:\n{list}',
  'unresolved.topic.offer': 'Topics include:\n{list}',
  'unresolved.event.offer': 'Closest:\n{list}',

  // /briefing
  'briefing.title': 'Briefing — {scope}',
  'briefing.titleAll': 'Briefing — Russia–Ukraine peace diplomacy',
  'briefing.allTopics': 'all topics',
  'briefing.description': 'State of play as of **{date}** ({scope}; {coverage}).',
  'briefing.coverage': '{events} from {first} to {last}',
  'briefing.noEvents': 'no events yet',
  'briefing.newSince': '🆕 New since {date}',
  'briefing.newSinceLast': '🆕 New since the last post',
  'briefing.nothingNewSince': 'No new developments since {date}.',
  'briefing.nothingNewSinceLast': 'No new developments since the last post.',
  'briefing.seeTimeline': '/timeline',
  'briefing.stateOfPlay': 'State of play',
  'briefing.nothingRecorded': 'Nothing recorded on {scope} up to {date}.',
  'briefing.latest': 'Latest developments',
  'briefing.keyQuote': 'Key quote',
  'briefing.commitments': 'Open commitments and demands',
  'briefing.footer':
    'Citations like [S1 ¶3] point to source paragraphs: /sources lists them · more in /timeline · dataset {version}',
  'commitmentKind.pledge': 'pledge',
  'commitmentKind.guarantee': 'guarantee',
  'commitmentKind.intention': 'intention',
  'commitmentKind.demand': 'demand',
  'commitmentKind.condition': 'condition',
  'commitmentKind.expectation': 'expectation',
  'eventKind.meeting': 'meeting',
  'eventKind.call': 'call',
  'eventKind.speech': 'speech',
  'eventKind.interview': 'interview',
  'eventKind.summit': 'summit',
  'eventKind.statement': 'statement',
  'eventKind.demand': 'demand',
  'eventKind.pledge': 'pledge',
  'eventKind.announcement': 'announcement',
  'eventKind.military-action': 'military action',
  'participantRole.participant': 'participant',
  'participantRole.host': 'host',
  'participantRole.speaker': 'speaker',
  'participantRole.interviewee': 'interviewee',
  'participantRole.interviewer': 'interviewer',
  'participantRole.audience': 'audience',
  'participantRole.attendee': 'attendee',
  'participantRole.subject': 'subject',
  'participantRole.addressee': 'addressee',
  'participantRole.supporter': 'supporter',
  'relation.follows': 'follows',
  'relation.part-of': 'part of',
  'relation.responds-to': 'responds to',
  'relation.related': 'related',
  'commitment.fulfilled': 'fulfilled',
  'commitment.broken': 'broken',
  'commitment.withdrawn': 'withdrawn',
  'commitment.noDeadline': 'no deadline given',
  'commitment.due': 'due {window}',
  'commitment.dueNow': 'due now ({window})',
  'commitment.windowPassed': 'was due {window}; no source in the dataset reports the outcome',

  // /timeline, /quote
  'timeline.title': 'Timeline',
  'timeline.titleFiltered': 'Timeline — {filters}',
  'timeline.empty':
    'No events match these filters. Try a wider date range, or drop the actor or topic filter.',
  'timeline.footer': '{events} · {page} · /event <id> for details · /sources for citations',
  'quote.title': 'Quotes',
  'quote.titleFiltered': 'Quotes — {filters}',
  'quote.empty': 'No quotes match. Try another speaker or fewer words, or /search for a broader match.',
  'quote.footer': '{quotes}, verbatim · {page} · /sources for citations',
  'quote.original': '*(original, {language})*',

  // /actor
  'actor.alsoWritten': '*Also written:* {aliases}',
  'actor.kind': 'Kind',
  'actor.roles': 'Role at the time',
  'actor.roleAsOf': '{title} (as of {date})',
  'actor.events': 'Events ({count})',
  'actor.noEvents': 'No events recorded.',
  'actor.quotes': 'Quotes ({count})',
  'actor.footer': 'id: {id} · /timeline actor:{id} pages through every event · /quote speaker:{id}',

  // /event
  'event.when': 'When',
  'event.where': 'Where',
  'event.kind': 'Kind',
  'event.participants': 'Participants',
  'event.topics': 'Topics',
  'event.quotes': 'Quotes',
  'event.commitments': 'Commitments and demands',
  'event.related': 'Related events',
  'event.relatedFrom': '{relation} (from it)',
  'event.sources': 'Sources',
  'event.curated': 'Curated',
  'event.reviewedBy': 'Reviewed by {name} on {date}',
  'event.publishedBy': 'published by {name} on {date}',
  'event.footer': 'id: {id} · citations [S# ¶n] → /sources',

  // /search
  'search.title': 'Search results',
  'search.intro': 'Results for {query}, best match first.',
  'search.empty':
    'Nothing matched. Try fewer or different words, a name, or a topic such as "security guarantees".',
  'search.kind.event': '📅 Event',
  'search.kind.quote': '💬 Quote',
  'search.kind.actor': '👤 Actor',
  'search.kind.topic': '🏷️ Topic',
  'search.more': '{count}+ results, the best {count} listed',
  'search.footer': '{results} · {page} · /sources for citations',

  // /sources
  'sources.title': 'Sources',
  'sources.description':
    'Every claim cites a source paragraph as [S# ¶n]: the source label below, and the paragraph counted as non-empty lines from 1. Summaries are our own words; quotes are verbatim.',
  'sources.noPublisher': 'Publisher not named in the text',
  'sources.citedBy': 'Cited by {events}, {quotes}, {commitments}, {threads}; paragraphs {paragraphs}',

  // /about
  'about.title': 'About briefbot',
  'about.description':
    'Source-cited briefings on the 2025 Russia–Ukraine peace diplomacy. Every claim cites a source paragraph; quotes are verbatim. Try /briefing, /timeline, /search.',
  'about.coverage': 'Coverage',
  'about.noEvents': 'no events',
  'about.dataset': 'Dataset',
  'about.datasetVersion': 'Dataset version',
  'about.loaded': '{version} (loaded {at} UTC)',
  'about.botVersion': 'Bot version',
  'about.uptime': 'Uptime',
  'about.language': 'Language',
  'about.languageValue': 'English (other languages: {others})',

  // /schedule
  'schedule.unavailable':
    'Scheduled briefings are not available here (the scheduler is not running in this mode).',
  'schedule.mode.newOnly': 'only when something is new',
  'schedule.mode.always': 'every run (says so when nothing is new)',
  'schedule.scope.topic': 'topic **{topic}**',
  'schedule.scope.all': 'all topics',
  'schedule.words': '{description} ({timezone})',
  'schedule.noRuns': 'none',
  'schedule.added.title': 'Scheduled briefing {id} added',
  'schedule.added':
    '**{schedule}** in {channel}: {scope}, posted {mode}, in {language}.\nCron {cron} · id {id}',
  'schedule.postsAs': 'Posts as',
  'schedule.postsAsLine': 'Posts as {how}',
  'schedule.nextRuns': 'Next runs',
  'schedule.manage': 'Manage it',
  'schedule.manageValue':
    '`/schedule preview id:{id}` shows exactly what it would post now · `/schedule pause id:{id}` · `/schedule remove id:{id}`',
  'schedule.status.disabled': '⛔ **Disabled**: {reason}',
  'schedule.status.disabledDefault': 'Discord refused the post',
  'schedule.status.paused': '⏸️ Paused',
  'schedule.status.noFuture': 'Active (no future run)',
  'schedule.status.next': 'Next: {time} ({relative})',
  'schedule.failure.when': '{at}, run of {run}',
  'schedule.failure.retrying': '⚠️ Last failure {when}: {reason} — retrying.',
  'schedule.failure.retryingAt': '⚠️ Last failure {when}: {reason} — retrying (next attempt {retryAt}).',
  'schedule.failure.recovered': 'Last failure {when}: {reason} — posted after retrying.',
  'schedule.failure.missed': '⚠️ Missed run ({when}): {reason}.',
  'schedule.failure.failed': '⚠️ Last failure {when}: {reason} — not retried.',
  'schedule.list.title': 'Scheduled briefings',
  'schedule.list.titleCount': 'Scheduled briefings ({count}/{max})',
  'schedule.list.empty':
    'No schedules in this server yet. Add one, e.g. `/schedule add channel:#news cron:0 9 * * * timezone:Europe/London`.',
  'schedule.list.line': '{channel} · **{schedule}** · {scope} · {mode} · {language}',
  'schedule.list.lastPost': 'Last post: {at}',
  'schedule.list.noPost': 'No post yet',
  'schedule.list.fixChannel': 'Fix the channel, then `/schedule resume id:{id}`.',
  'schedule.list.ids': 'Ids go in `/schedule pause|resume|preview|remove id:…`.',
  'schedule.list.fromMemory':
    '⚠️ The schedule store is not answering, so this list comes from memory: active schedules only, without last-post times.',
  'schedule.statusName.active': 'active',
  'schedule.statusName.paused': 'paused',
  'schedule.statusName.disabled': 'disabled',
  'schedule.modeName.always': 'always',
  'schedule.modeName.new-only': 'new-only',
  'schedule.removed.title': 'Schedule {id} removed',
  'schedule.removed': 'No more briefings from {id} ({schedule} in {channel}).',
  'schedule.paused.title': 'Schedule {id} paused',
  'schedule.paused':
    '{schedule} in {channel} is paused; nothing is posted until `/schedule resume id:{id}`. Runs missed while paused are not posted later.',
  'schedule.resumed.title': 'Schedule {id} active',
  'schedule.resumed': '**{schedule}** in {channel}: {scope}, posted {mode}, in {language}.',
  'schedule.preview.postsAs': 'Posts as {how} (this preview pings nobody):',
  'schedule.preview.titled': 'titled **{title}**',
  'schedule.preview.title': 'Preview of schedule {id}',
  'schedule.preview.notActive': ' (the schedule is {status}: this is what it would post if it ran)',
  'schedule.preview.firstRun': 'and its first run just marks the starting point',
  'schedule.preview.nothingNew': 'and nothing new has been curated',
  'schedule.preview.nothingNewSince': 'and nothing new has been curated since {date}',
  'schedule.preview.nothing':
    'Nothing would be posted now: this schedule only posts when something is new, {why}.{paused}',
  'schedule.preview.header':
    'Preview of schedule `{id}` — exactly what it would post in {channel} now{paused}:',
  'schedule.storeDown':
    'The schedule store is not answering right now. Try again in a minute (`/schedule list` shows what was saved); schedules already set up keep running.',
  'schedule.tryAgain.title': 'Try again shortly',
  'schedule.invalidCron.title': 'Invalid schedule',
  'schedule.unknownZone.title': 'Unknown time zone',
  'schedule.tooFrequent.title': 'Too frequent',
  'schedule.tooFrequent':
    '`{expression}` would post every {gap} at times; scheduled briefings post at most once per {min}. Try `0 * * * *` (hourly), `0 9 * * *` (daily at 09:00) or `0 9,17 * * 1-5` (09:00 and 17:00 on weekdays).',
  'schedule.unknownTopic.title': 'Unknown topic',
  'schedule.unknownTopic':
    'There is no topic `{topic}` in the dataset. Pick one as you type, or leave the option empty for all topics.',
  'schedule.permissionCheck':
    'I could not check my permissions in {channel} just now. Try again in a minute, or pick another channel.',
  'schedule.channelUnusable.title': 'Channel not usable',
  'schedule.channelUnusable':
    'I cannot post in {channel}: {reason}. Pick a text or announcement channel I can see.',
  'schedule.missingPermissions.title': 'Missing permission',
  'schedule.missingPermissions':
    'I cannot post briefings in {channel}: I am missing {missing} there. Give the bot View Channel, Send Messages and Embed Links in that channel (Edit Channel → Permissions), or pick another channel.',
  'schedule.alreadyScheduled.title': 'Already scheduled',
  'schedule.alreadyScheduled':
    'Schedule `{id}` already posts that briefing in {channel}. Use `/schedule resume id:{id}` if it is paused, or `/schedule remove id:{id}` first.',
  'schedule.limit.title': 'Schedule limit reached',
  'schedule.limit':
    'This server already has {max} schedules, the most allowed. `/schedule list` shows them; `/schedule remove id:…` frees a place.',
  'schedule.noSuch.title': 'No such schedule',
  'schedule.noSuch':
    'There is no schedule {typed} in this server. `/schedule list` shows the ids (6 letters and digits, e.g. `k3m9xq`).',
  'schedule.justRemoved.title': 'Schedule removed',
  'schedule.justRemoved': 'Schedule `{id}` was just removed.',
  'schedule.unknownLanguage.title': 'Unknown language',
  'schedule.unknownLanguage': 'There is no language {typed}. Choose one of: {languages}.',
  'curate.urlAndFile': 'Give either `url` or `file`, not both.',
  'curate.urlOrFile': 'Give `url` or `file`, or neither to paste the text in a form.',
  'curate.chooseSpeaker': 'Choose a speaker from the list.',
  'curate.unavailable': 'Curation is not available here (the bot is not running in this mode).',
  'permission.viewChannel': 'View Channel',
  'permission.sendMessages': 'Send Messages',
  'permission.embedLinks': 'Embed Links',
  'permission.createPosts': 'Create Posts',
  'permission.sendMessagesInThreads': 'Send Messages in Threads',
  'permission.createPublicThreads': 'Create Public Threads',
  'permission.manageMessages': 'Manage Messages',
  'permission.mentionEveryone': 'Mention Everyone',
  'permission.attachFiles': 'Attach Files',
  'zone.abbreviation':
    "{typed} is an abbreviation, not a time zone: it does not say where daylight saving applies, and several zones share it. Use the zone's IANA name: {zones}.",
  'zone.abbreviationNoHint': '{typed} looks like an abbreviation, not a time zone. {examples}',
  'zone.examples':
    'Use an IANA name such as `Europe/London`, `America/New_York` or `UTC` (the option autocompletes).',
  'zone.offset': '{typed} is a UTC offset, not a time zone. {fixed}',
  'zone.offsetPlaces':
    "{typed} is a UTC offset, not a time zone. {fixed}; to follow a place's daylight saving use its zone, e.g. {zones}.",
  'zone.fixed': 'For {offset} all year use `{zone}`',
  'zone.fixedEtc': 'For {offset} all year use `{zone}` (Etc names invert the sign)',
  'zone.noFixed': 'No zone keeps {offset} all year',
  'zone.unknown': '{typed} is not a time zone I know. {examples}',
  'zone.unknownSuggest': '{typed} is not a time zone I know. Did you mean {zones}? {examples}',
  'zone.allYear': '{zone} · {offset} all year',
  'zone.now': '{zone} · {offset} now',
  // Following (/follow, /unfollow, the DM digest)
  'follow.digest.title': 'New for what you follow',
  'follow.digest.intro': {
    one: '{count} new item since your last digest:',
    other: '{count} new items since your last digest:',
  },
  'follow.digest.quote': '“{text}” — **{speaker}** {cite}',
  'follow.digest.more': {
    one: '…and {count} more: `{command}` shows them all.',
    other: '…and {count} more: `{command}` shows them all.',
  },
  'follow.digest.footer': 'You follow {follows} · /follow list · /unfollow to stop',
  'follow.added.title': 'Following {name}',
  'follow.added':
    'You will get a private message with what is new about **{name}** ({schedule}), first seen from now on.',
  'follow.already': 'You already follow **{name}**. Its digest: {schedule}.',
  'follow.schedule.instant': 'as soon as it is published',
  'follow.schedule.daily': 'every day at {time} ({timezone})',
  'follow.schedule.weekly': 'every {weekday} at {time} ({timezone})',
  'follow.list.title': { one: 'You follow {count} thing', other: 'You follow {count} things' },
  'follow.list.empty':
    'You follow nothing yet. `/follow actor actor:Zelensky` or `/follow topic topic:…` starts a digest in your DMs.',
  'follow.list.schedule': 'Digest: {schedule}.',
  'follow.list.paused':
    'Paused: I could not send you a private message. Allow direct messages from this server’s members (Privacy Settings), then use `/follow` again to resume.',
  'follow.list.actor': 'actor **{name}** · since {since}',
  'follow.list.topic': 'topic **{name}** · since {since}',
  'follow.removed.title': 'Unfollowed {name}',
  'follow.removed': {
    one: 'You no longer follow **{name}**. {count} follow left.',
    other: 'You no longer follow **{name}**. {count} follows left.',
  },
  'follow.notFollowing': 'You do not follow **{name}**. `/follow list` shows what you follow.',
  'follow.limit.title': 'Too many follows',
  'follow.limit':
    'You follow {max} things, the most a member can. `/unfollow` one first (`/follow list` shows them).',
  'follow.badTime.title': 'Time not understood',
  'follow.badTime': '`{typed}` is not a time of day. Use 24-hour `HH:MM`, e.g. `08:30` or `18:00`.',
  'follow.instantNoTime':
    '`time` and `weekday` only apply to daily and weekly digests: leave them out with `frequency:instant`.',
  'follow.unavailable':
    'Following is not available right now (the store did not answer). Try again in a minute.',
  'follow.dmPaused.title': 'Your digests are paused',
  'follow.dmPaused':
    'I could not send you a private message, so your follow digests are paused. Allow direct messages (Privacy Settings → Direct Messages), then use `/follow` to resume.',
  'follow.resumed': 'Your digests are on again.',
} as const;
