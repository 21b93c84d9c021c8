import { existsSync } from 'node:fs';
import { z } from 'zod';
import { defaultScheduleProblems } from './scheduler/index.ts';
import { parseShardIds, type ShardSet, SINGLE_SHARD } from './scheduler/shard.ts';

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

/** A token pasted with spaces around it or with the `Bot ` prefix of the Authorization header. */
const bareToken = (v: unknown) =>
  typeof v === 'string'
    ? v
        .trim()
        .replace(/^Bot\s+/i, '')
        .trim()
    : v;

/** Discord's global limit is 50 requests per second per bot; the default leaves room for jitter. */
export const DEFAULT_REQUESTS_PER_SECOND = 49;

const requestsPerSecond = z.preprocess(
  blankToUndefined,
  z.coerce
    .number({ error: 'must be a number of requests per second, e.g. 49' })
    .positive({ error: 'must be more than 0 (e.g. 49)' })
    .max(50, { error: 'must be at most 50 (Discord allows 50 requests per second per bot)' })
    .optional(),
);

const EnvSchema = z
  .object({
    DISCORD_TOKEN: z.preprocess(
      (v) => blankToUndefined(bareToken(v)),
      z
        .string({
          error:
            'is missing: copy .env.example to .env and paste your bot token (Developer Portal → your application → Bot → Reset Token)',
        })
        .regex(/^[\w-]{10,}\.[\w-]{3,}\.[\w-]{10,}$/, {
          error:
            'does not look like a bot token (three dot-separated parts): copy it again from the Developer Portal → Bot → Reset Token',
        }),
    ),
    DISCORD_GUILD_ID: optional(
      z.string().regex(/^\d{17,20}$/, {
        error:
          'must be a server id (17–20 digits): enable Developer Mode, right-click the server → Copy Server ID',
      }),
    ),
    DISCORD_API_URL: optional(
      z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as http://127.0.0.1:8080/api' }),
    ),
    STORE_URL: z.preprocess(
      blankToUndefined,
      z
        .string()
        .regex(/^(sqlite|redis|rediss|postgres|postgresql|memory):\/\//, {
          error: 'must start with sqlite://, redis://, postgres:// (e.g. sqlite://var/briefbot.sqlite)',
        })
        .refine((url) => !/^sqlite:\/\/\/?$/.test(url), {
          error:
            'has no file path: write sqlite://var/briefbot.sqlite (relative to the working directory) or sqlite:///absolute/path.sqlite',
        })
        .default('sqlite://var/briefbot.sqlite'),
    ),
    // Checked together below, one message per variable (the scheduler's own rules).
    BRIEFING_CHANNEL_ID: optional(z.string().trim()),
    BRIEFING_CRON: optional(z.string().trim()),
    BRIEFING_TIMEZONE: z.preprocess(blankToUndefined, z.string().trim().default('UTC')),
    BRIEFING_LANGUAGE: optional(z.string().trim()),
    LOG_LEVEL: z.preprocess(
      (v) => (typeof v === 'string' ? blankToUndefined(v.toLowerCase()) : v),
      z
        .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
          error: 'must be one of fatal, error, warn, info, debug, trace, silent',
        })
        .default('info'),
    ),
    DATA_DIR: z.preprocess(blankToUndefined, z.string().default('data')),
    /** Validated dataset + index arrays per data files' hash, so a restart skips both; "off" disables it. */
    DATASET_CACHE_DIR: z.preprocess(blankToUndefined, z.string().default('var/cache')),
    /** REST requests per second for the whole process (scheduled posts, follow-ups, edits…). */
    DISCORD_REQUESTS_PER_SECOND: requestsPerSecond,
    /** The former name of DISCORD_REQUESTS_PER_SECOND (it paced scheduled posts only); still read. */
    SCHEDULER_SENDS_PER_SECOND: requestsPerSecond,
    // Curation (/curate): who may curate, where reviews go, what may be fetched, how often feeds are read.
    CURATOR_ROLE_ID: optional(
      z.string().regex(/^\d{17,20}$/, {
        error:
          'must be a role id (17–20 digits): Server Settings → Roles → right-click the role → Copy Role ID',
      }),
    ),
    CURATION_CHANNEL_ID: optional(
      z.string().regex(/^\d{17,20}$/, {
        error: 'must be a channel id (17–20 digits): right-click the channel → Copy Channel ID',
      }),
    ),
    CURATE_ALLOW_HOSTS: optional(
      z.string().regex(/^[\w.:\-[\]\s,]*$/, {
        error: 'must list host names or IP addresses separated by commas, e.g. "wiki.internal,10.0.0.5"',
      }),
    ),
    CURATE_FEED_MINUTES: z.preprocess(
      blankToUndefined,
      z.coerce
        .number({ error: 'must be a number of minutes' })
        .min(0.05, { error: 'must be at least 0.05 (minutes between polls of a feed; 15 is polite)' })
        .max(24 * 60)
        .default(15),
    ),
    /** Shards across every process and host (npm start); `auto` is for npm run start:sharded only. */
    SHARD_COUNT: optional(z.string().trim()),
    /** The shards this process connects as (`4-7`, `4,5,6,7`); default: all of SHARD_COUNT. */
    SHARD_IDS: optional(z.string().trim()),
    /** Set by discord.js's ShardingManager (npm run start:sharded) for each shard process it spawns. */
    SHARDING_MANAGER: optional(z.string()),
    SHARDS: optional(z.string()),
    /** Health and metrics listener (off unless set; 0 picks a free port, logged at start). */
    METRICS_PORT: optional(
      z.coerce
        .number({ error: 'must be a port number, e.g. 9464 (leave it empty to run without metrics)' })
        .int({ error: 'must be a whole port number, e.g. 9464' })
        .min(0, { error: 'must be a port number from 1 to 65535, e.g. 9464' })
        .max(65_535, { error: 'must be a port number from 1 to 65535, e.g. 9464' }),
    ),
    METRICS_HOST: z.preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .regex(/^[\w.:-]+$/, {
          error: 'must be an address to listen on, e.g. 127.0.0.1 (the default) or 0.0.0.0',
        })
        .default('127.0.0.1'),
    ),
    CATCH_UP_MINUTES: z.preprocess(
      blankToUndefined,
      z.coerce
        .number({ error: 'must be a whole number of minutes, e.g. 60 (0: never post missed runs)' })
        .int({ error: 'must be a whole number of minutes, e.g. 60 (0: never post missed runs)' })
        .min(0, { error: 'must be 0 or more (0: post on-time runs only, never missed ones)' })
        .max(7 * 24 * 60, { error: 'must be at most 10080 (one week)' })
        .default(60),
    ),
  })
  .superRefine((env, ctx) => {
    const problems = defaultScheduleProblems({
      channelId: env.BRIEFING_CHANNEL_ID,
      cron: env.BRIEFING_CRON,
      timezone: env.BRIEFING_TIMEZONE,
      language: env.BRIEFING_LANGUAGE,
    });
    for (const p of problems) ctx.addIssue({ code: 'custom', path: [p.field], message: p.message });
    const shards = shardsOf(env);
    if ('problem' in shards)
      ctx.addIssue({ code: 'custom', path: [shards.variable], message: shards.problem });
  })
  .transform(
    ({ SCHEDULER_SENDS_PER_SECOND, DISCORD_REQUESTS_PER_SECOND, SHARDING_MANAGER, SHARDS, ...env }) => ({
      ...env,
      DISCORD_REQUESTS_PER_SECOND:
        DISCORD_REQUESTS_PER_SECOND ?? SCHEDULER_SENDS_PER_SECOND ?? DEFAULT_REQUESTS_PER_SECOND,
      /** The shards this process connects as and owns (schedules, feeds): see shardsOf. */
      shards: shardsOf({ ...env, SHARDING_MANAGER, SHARDS }) as ShardSet,
    }),
  );

interface ShardEnv {
  SHARD_COUNT?: string | undefined;
  SHARD_IDS?: string | undefined;
  SHARDING_MANAGER?: string | undefined;
  SHARDS?: string | undefined;
  STORE_URL: string;
}

const SHARED_STORE_FIX =
  'SQLite cannot be shared across hosts, and every process running a shard range must see the same schedules, deliveries and identify locks: set STORE_URL to Redis (redis://host:6379) or Postgres (postgres://user:pass@host/db) on every host (or run all shards on one host with npm run start:sharded, which may share one SQLite file)';

/**
 * The process's shards. Under `npm run start:sharded`, discord.js's ShardingManager hands each shard
 * process SHARDS and SHARD_COUNT (one host, so one SQLite file may serve them all). Otherwise
 * SHARD_COUNT is the bot's total across hosts and SHARD_IDS this process's part (default: all).
 */
export function shardsOf(env: ShardEnv): ShardSet | { variable: string; problem: string } {
  if (env.SHARDING_MANAGER === 'true' && env.SHARDS !== undefined) {
    let ids: unknown[] = [];
    try {
      ids = [JSON.parse(env.SHARDS) as unknown].flat();
    } catch {}
    const count = Number(env.SHARD_COUNT);
    if (
      ids.length === 0 ||
      !ids.every((id) => Number.isInteger(id) && (id as number) >= 0 && (id as number) < count)
    )
      return { variable: 'SHARDS', problem: `(set by the ShardingManager) is not valid: "${env.SHARDS}"` };
    return { ids: (ids as number[]).sort((a, b) => a - b), count };
  }
  const countText = env.SHARD_COUNT;
  if (countText === undefined) {
    if (env.SHARD_IDS !== undefined)
      return {
        variable: 'SHARD_IDS',
        problem:
          'needs SHARD_COUNT, the total number of shards across all hosts (e.g. SHARD_COUNT=16 SHARD_IDS=4-7)',
      };
    return SINGLE_SHARD;
  }
  if (countText.toLowerCase() === 'auto')
    return {
      variable: 'SHARD_COUNT',
      problem:
        'auto is for npm run start:sharded (one host); npm start needs the number, the same on every host (e.g. SHARD_COUNT=16)',
    };
  if (!/^\d+$/.test(countText) || Number(countText) < 1 || Number(countText) > 65_536)
    return {
      variable: 'SHARD_COUNT',
      problem: `must be a positive whole number, the total shards across all hosts (got "${countText}")`,
    };
  const count = Number(countText);
  let ids = Array.from({ length: count }, (_, i) => i);
  if (env.SHARD_IDS !== undefined) {
    const parsed = parseShardIds(env.SHARD_IDS, count);
    if ('problem' in parsed) return { variable: 'SHARD_IDS', problem: parsed.problem };
    ids = parsed.ids;
  }
  if (count > 1 && !/^(redis|rediss|postgres|postgresql):\/\//.test(env.STORE_URL))
    return {
      variable: 'STORE_URL',
      problem: `is ${env.STORE_URL.split(':')[0]}, but SHARD_COUNT=${count} splits the bot across processes: ${SHARED_STORE_FIX}`,
    };
  return { ids, count };
}

export type Config = z.infer<typeof EnvSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; every bad value becomes one line naming the variable and the fix. */
export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const result = EnvSchema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? 'environment');
    return `${name} ${issue.message}`;
  });
  throw new ConfigError([...problems, 'See .env.example for every setting.']);
}

/** Loads `.env` from the working directory when present; real environment variables win. */
export function loadDotEnv(file = '.env'): boolean {
  if (!existsSync(file)) return false;
  process.loadEnvFile(file);
  return true;
}

/** Reads `.env` and the environment; on bad config prints every problem and exits 1. */
export function loadConfigOrExit(): Config {
  loadDotEnv();
  try {
    return parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
