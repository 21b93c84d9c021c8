import { existsSync } from 'node:fs';
import { z } from 'zod';
import { defaultScheduleProblems } from './scheduler/index.ts';

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
  })
  .transform(({ SCHEDULER_SENDS_PER_SECOND, DISCORD_REQUESTS_PER_SECOND, ...env }) => ({
    ...env,
    DISCORD_REQUESTS_PER_SECOND:
      DISCORD_REQUESTS_PER_SECOND ?? SCHEDULER_SENDS_PER_SECOND ?? DEFAULT_REQUESTS_PER_SECOND,
  }));

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
