/**
 * Scheduled briefings: records kept in the store, the ports the scheduler talks through, and its options.
 * Everything here is plain data (JSON in the store; ISO strings for instants).
 */

import type { Clock, Timers } from '../clock.ts';
import type { DatasetSnapshot } from '../dataset/live-dataset.ts';
import type { Logger } from '../logger.ts';
import type { MessagePayload } from '../render/message.ts';
import type { Store } from '../store/index.ts';
import type { ShardSet } from './shard.ts';

export type ScheduleMode = 'always' | 'new-only';

/** Where a schedule posts: a message in a text or announcement channel, or a post in a forum or media channel. */
export type ChannelKind = 'text' | 'announcement' | 'forum' | 'media';

/** Thread auto-archive after this many minutes of inactivity (Discord's choices). */
export type ArchiveMinutes = 60 | 1440 | 4320 | 10080;

/** How a schedule posts, beyond the channel (absent on records from before: a plain message). */
export interface PostStyle {
  kind: ChannelKind;
  /** Start a thread on each posted message (text and announcement channels). */
  thread?: { archiveMinutes: ArchiveMinutes };
  /** Crosspost each message to the servers following this announcement channel. */
  publish?: true;
  /** The one role each post mentions (allowed_mentions allows exactly it). */
  mentionRoleId?: string;
  /** Forum tags applied to each post (ids from the forum's available tags), and their names when added. */
  tagIds?: string[];
  tagNames?: string[];
  /** Attach the timeline picture (the schedule's topic, up to the run's day) to each post. */
  image?: true;
}

/** One schedule, namespace `schedules`, key = its id (6 characters, e.g. `k3m9xq`). */
export interface ScheduleRecord {
  v: 1;
  id: string;
  /** null for the operator default schedule (BRIEFING_* environment), which belongs to shard 0. */
  guildId: string | null;
  channelId: string;
  /** As typed (node-cron syntax). */
  cron: string;
  /** Canonical IANA zone name. */
  timezone: string;
  /** Topic id; absent = all topics. */
  topic?: string;
  mode: ScheduleMode;
  /** The language posts are written in (a language code, src/i18n); absent = English. */
  language?: string;
  post?: PostStyle;
  createdBy: string;
  createdAt: string;
  /** Runs at or before this instant are never delivered: creation time, then the last resume. */
  activeSince: string;
  paused?: { at: string; by: string };
  /** Set when Discord answered 403/404 for the channel; cleared by a successful resume. */
  disabled?: { at: string; reason: string; status?: number; code?: number };
}

/** Per-guild index, namespace `schedule-guilds`, key = guild id: cheap list and limit. */
export interface GuildIndex {
  entries: Array<{ id: string; at: string }>;
}

/**
 * The last failed post of a schedule, namespace `schedule-failures`, key = schedule id: what
 * `/schedule list` shows. `retrying` until the run posts, is given up (`missed`) or fails for good.
 */
export interface FailureRecord {
  at: string;
  run: string;
  reason: string;
  status?: number;
  code?: number;
  attempts: number;
  outcome: 'retrying' | 'missed' | 'failed';
  /** When the next attempt is due (outcome `retrying`). */
  retryAt?: string;
}

/** Per-schedule progress, namespace `watermarks`, key = schedule id. */
export interface Watermark {
  /** The latest run time handled (posted, skipped, failed or given up). */
  lastRun: string;
  /**
   * Events first seen by the bot at or before this instant have been shown (or deliberately not shown)
   * by a run: the next post's "new" list is what was first seen after it. Advances only when a run
   * posts or skips because nothing is new, never on a failed post.
   */
  cutoff: string;
  /** First run ever handled: "new since" for a new-only schedule that has not posted yet. */
  firstRunAt: string;
  lastPostAt?: string;
  lastPostRun?: string;
  lastMessageId?: string;
  lastResult: 'posted' | 'skipped' | 'failed' | 'abandoned';
}

/**
 * The delivery record / lease of one (schedule, run time): namespace `deliveries`, key
 * `${scheduleId}:${runIso}`, created with an atomic `claim` BEFORE anything is sent.
 */
export type DeliveryRecord =
  | {
      state: 'sending';
      owner: string;
      nonce: string;
      /** When the first attempt was claimed: Discord dedupes the nonce for a few minutes after it. */
      claimedAt: string;
      /** Another process may take over only after this (and only within the nonce window). */
      leaseUntil: string;
      /** post() calls made or about to be made, across processes and restarts. */
      attempts: number;
      cutoff: string;
      /** Of `attempts`, those that failed with a known transient error (the rest were interrupted). */
      failedAttempts?: number;
      /**
       * The first attempt that may have reached Discord (in flight, a 5xx, a timeout): resent only
       * within the nonce window after it. null: every attempt failed before Discord saw it.
       * Absent (older records): the first claim.
       */
      unsureSince?: string | null;
      /** Set while the owner waits to retry after a transient failure (nothing is in flight). */
      retryAt?: string;
      /** The last transient failure. */
      lastFailure?: { at: string; reason: string; status?: number; code?: number };
    }
  | { state: 'sent'; nonce: string; messageId: string; sentAt: string; attempts: number }
  | { state: 'skipped'; reason: 'nothing-new'; at: string }
  | { state: 'failed'; at: string; attempts: number; status?: number; code?: number; message: string }
  | { state: 'abandoned'; at: string; reason: string };

/** What the poster throws: Discord's HTTP status and JSON error code when it has them. */
export interface PostError extends Error {
  status?: number;
  code?: number | string;
}

/** How one run is posted (from the schedule's PostStyle and the run). */
export interface PostTarget {
  guildId: string | null;
  kind: ChannelKind;
  /** The forum post's or the thread's name (≤ 100 characters). */
  title: string;
  thread?: { archiveMinutes: ArchiveMinutes } | undefined;
  publish?: boolean | undefined;
  tagIds?: readonly string[] | undefined;
  /**
   * An earlier attempt of this run may have reached Discord, at or after this instant (epoch ms): a
   * forum post has no nonce, so the poster looks for the post that attempt created before creating one.
   */
  maybePostedSince?: number | undefined;
}

/** What became of a post: the message (a forum post's starter message id is its thread's id). */
export interface PostResult {
  id: string;
  threadId?: string | undefined;
  /** The message was crossposted (now or by an earlier attempt). */
  published?: boolean | undefined;
  /** Steps after the post that failed for good (the post itself stands): reported, never retried by a second post. */
  problems?: string[] | undefined;
}

/** Sends one run's post (over discord.js REST in the bot: rest-poster.ts). */
export interface Poster {
  post(
    channelId: string,
    payload: MessagePayload,
    opts: { nonce: string; target?: PostTarget | undefined },
  ): Promise<PostResult>;
}

/** What the scheduler reads of the served dataset (the live dataset fits). */
export type ScheduledSnapshot = Pick<DatasetSnapshot, 'briefbook' | 'version'>;

export interface DatasetPort {
  current(): ScheduledSnapshot;
  subscribe?(fn: (change: { addedEventIds: readonly string[] }) => void): () => void;
}

export type PermissionName =
  | 'View Channel'
  | 'Send Messages'
  | 'Embed Links'
  /** Send Messages, as a forum or media channel names it. */
  | 'Create Posts'
  | 'Send Messages in Threads'
  | 'Create Public Threads'
  | 'Manage Messages'
  | 'Mention Everyone'
  | 'Attach Files';

/** What kind of channel it is, and a forum's tags. */
export interface ChannelFacts {
  kind: ChannelKind | 'other';
  tags: ReadonlyArray<{ id: string; name: string }>;
}

export interface RoleFacts {
  name: string;
  mentionable: boolean;
  /** The @everyone role (its id is the server's). */
  everyone: boolean;
}

/** Channel facts the scheduler needs from Discord (checked live; the bot implements it over discord.js). */
export interface ChannelAccess {
  /** Names of the permissions the bot lacks in the channel (e.g. "Send Messages"), or why it cannot tell. */
  missingPermissions(
    channelId: string,
    needed: readonly PermissionName[],
  ): Promise<PermissionName[] | { error: string }>;
  /** The channel's kind and tags; absent: every channel is taken as a text channel. */
  describe?(channelId: string): Promise<ChannelFacts | { error: string }>;
  /** A role of the channel's server; undefined when it does not exist. */
  role?(channelId: string, roleId: string): Promise<RoleFacts | undefined>;
}

export interface DefaultScheduleSpec {
  channelId: string;
  cron: string;
  timezone: string;
  topic?: string;
  mode?: ScheduleMode;
  language?: string;
}

export interface SchedulerOptions {
  /** A run missed while the bot was down is delivered at start if younger than this. Default 1 h. */
  catchUpWindowMs: number;
  /**
   * Posts started per second by this process (sliding window) when the poster is not paced itself.
   * Default 49 (Discord: 50 per bot).
   */
  sendsPerSecond: number;
  /** Per channel: at most `limit` posts in `windowMs` (Discord: about 5 per 5 s). Default 5 per 5.25 s. */
  perChannel: { limit: number; windowMs: number };
  /** Posts in flight at once. Default 16. */
  maxConcurrentSends: number;
  /**
   * Interrupted post() calls per (schedule, run) (a crash mid-request, across restarts and
   * processes), after which the run is abandoned. Default 3. Transient failures (network, 5xx, 429
   * after the REST queue's retries) are retried with backoff until the run leaves the catch-up window.
   */
  maxAttemptsPerRun: number;
  /** How long Discord dedupes a resend with the same nonce; a crash older than this is never resent. */
  nonceWindowMs: number;
  /** A "sending" record is left alone by other processes for this long. Default 60 s. */
  leaseMs: number;
  /** Delivery records expire after this. Default 2 days. */
  deliveryRecordTtlMs: number;
  /** Re-read all schedules from the store this often (changes made by other processes). 0 = never. */
  resyncIntervalMs: number;
  maxSchedulesPerGuild: number;
  /** Shortest gap between two runs of a schedule added through Discord. Default 15 min. */
  minIntervalMs: number;
  /** Store calls made for a command give up after this, so the command still answers. */
  commandStoreTimeoutMs: number;
  /** stop() waits this long for in-flight posts, then returns anyway. Default 15 s (the REST timeout). */
  stopTimeoutMs: number;
  /** node-cron pattern of the single ticking task. Default every second. */
  tickCron: string;
  /** Names this process in delivery records. Default host-pid-random. */
  processId: string;
}

/**
 * What became of a scheduled run, as an operator counts it (metrics):
 * - `posted` on time; `caught-up`: posted more than a minute after its time (missed while the bot
 *   was down, or after retries); `skipped`: new-only with nothing new;
 * - `retried`: an attempt failed transiently (or the store was down) and the run waits to retry;
 * - `missed`: not posted within the catch-up window; `failed`: Discord refused it for good;
 * - `disabled`: the channel refused the bot and the schedule was disabled; `abandoned`: not resent
 *   because Discord may have posted it already (never twice);
 * - `folded`: a missed run folded into a later run of the same schedule (one post for both);
 * - `elsewhere`: another process holds or finished the run (overlapping shards, a take-over).
 */
export type RunOutcome =
  | 'posted'
  | 'caught-up'
  | 'skipped'
  | 'retried'
  | 'missed'
  | 'failed'
  | 'disabled'
  | 'abandoned'
  | 'folded'
  | 'elsewhere';

/** The scheduler's port for an operator's counters (src/ops/metrics.ts implements it). */
export interface SchedulerEvents {
  runs(outcome: RunOutcome, count?: number): void;
}

export interface SchedulerDeps {
  store: Store;
  poster: Poster;
  dataset: DatasetPort;
  clock?: Clock;
  timers?: Timers;
  logger?: Logger;
  /** Used by the service when a command does not pass its own ChannelAccess. */
  channels?: ChannelAccess;
  /** Which shards this process runs (config's SHARD_COUNT / SHARD_IDS). Default shard 0 of 1. */
  shards?: ShardSet;
  /** Opens DM channels: with it, the scheduler also delivers members' follow digests (follows.ts). */
  dms?: { openDm(userId: string): Promise<string> } | undefined;
  /** The operator's schedule from BRIEFING_CHANNEL_ID / BRIEFING_CRON / BRIEFING_TIMEZONE. */
  defaultSchedule?: DefaultScheduleSpec;
  /**
   * True when every request of the poster already waits for the process's request pacer (the bot:
   * client.rest is paced, src/discord/rest-pacer.ts): the scheduler then paces per channel only.
   * Default false: the scheduler paces its posts at `options.sendsPerSecond` itself.
   */
  postsPacedByPoster?: boolean;
  /** Told what became of each run (metrics); optional. */
  events?: SchedulerEvents | undefined;
  options?: Partial<SchedulerOptions>;
}

export const DEFAULT_OPTIONS: Omit<SchedulerOptions, 'processId'> = {
  catchUpWindowMs: 60 * 60_000,
  sendsPerSecond: 49,
  perChannel: { limit: 5, windowMs: 5_250 },
  maxConcurrentSends: 16,
  maxAttemptsPerRun: 3,
  nonceWindowMs: 2 * 60_000,
  leaseMs: 60_000,
  deliveryRecordTtlMs: 2 * 24 * 60 * 60_000,
  resyncIntervalMs: 10 * 60_000,
  maxSchedulesPerGuild: 10,
  minIntervalMs: 15 * 60_000,
  commandStoreTimeoutMs: 2_500,
  stopTimeoutMs: 15_000,
  tickCron: '* * * * * *',
};

/** What became of one planned run. */
export type Outcome =
  | 'posted'
  | 'skipped'
  | 'failed'
  | 'disabled'
  | 'duplicate'
  | 'in-progress'
  | 'abandoned'
  | 'retry'
  | 'inactive'
  | 'cancelled';

export interface TickReport {
  at: string;
  /** Heap entries popped (including stale ones). */
  popped: number;
  /** Runs handed to the dispatcher. */
  planned: number;
  /** Time spent finding and planning due runs (no I/O), ms. */
  planMs: number;
  /** Earlier missed runs folded into a delivered one. */
  collapsed: number;
  /** Runs not delivered because they were older than the catch-up window. */
  dropped: number;
  outcomes: Record<Outcome, number>;
  /** Distinct summaries rendered for this tick's runs (each reused across channels). */
  distinctPosts: number;
  /** Set when the tick could not run (store unavailable while loading). */
  error?: string;
}

/** A report with nothing counted yet. */
export const emptyTickReport = (at: Date): TickReport => ({
  at: at.toISOString(),
  popped: 0,
  planned: 0,
  planMs: 0,
  collapsed: 0,
  dropped: 0,
  outcomes: {
    posted: 0,
    skipped: 0,
    failed: 0,
    disabled: 0,
    duplicate: 0,
    'in-progress': 0,
    abandoned: 0,
    retry: 0,
    inactive: 0,
    cancelled: 0,
  },
  distinctPosts: 0,
});

export interface SchedulerStats {
  loaded: boolean;
  schedules: number;
  heapSize: number;
  queued: number;
  active: number;
  pendingWrites: number;
}

/** Namespaces this module writes. */
export const NS = {
  schedules: 'schedules',
  guilds: 'schedule-guilds',
  watermarks: 'watermarks',
  deliveries: 'deliveries',
  seen: 'events-seen',
  failures: 'schedule-failures',
} as const;

/** Id of the operator default schedule (user ids are 6 characters, so it cannot collide). */
export const DEFAULT_SCHEDULE_ID = 'default';
