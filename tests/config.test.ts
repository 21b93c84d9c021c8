import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../src/config.ts';
import { TEST_TOKEN } from './support/bot-process.ts';

const CHANNEL = '123456789012345678';

/** The lines a misconfigured start prints (without the closing pointer to .env.example). */
function problems(env: Record<string, string>): string[] {
  try {
    parseConfig({ DISCORD_TOKEN: TEST_TOKEN, ...env });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.filter((p) => !p.startsWith('See .env.example'));
  }
  return [];
}

describe('configuration (issue 17 #14)', () => {
  it('a token pasted with spaces around it or with a "Bot " prefix is used without them', () => {
    for (const pasted of [`${TEST_TOKEN} `, ` ${TEST_TOKEN}\t`, `Bot ${TEST_TOKEN}`, `bot  ${TEST_TOKEN} `]) {
      expect(parseConfig({ DISCORD_TOKEN: pasted }).DISCORD_TOKEN).toBe(TEST_TOKEN);
    }
  });

  it.each([
    [{ BRIEFING_CHANNEL_ID: CHANNEL, BRIEFING_CRON: 'bad' }, 'BRIEFING_CRON', /`bad` is not a valid cron/],
    [
      { BRIEFING_CHANNEL_ID: CHANNEL, BRIEFING_CRON: '0 8 * * *', BRIEFING_TIMEZONE: 'Mars/Base' },
      'BRIEFING_TIMEZONE',
      /`Mars\/Base` is not a time zone I know/,
    ],
    [
      { BRIEFING_CHANNEL_ID: '12', BRIEFING_CRON: '0 8 * * *' },
      'BRIEFING_CHANNEL_ID',
      /got "12".*Copy Channel ID/,
    ],
    [{ BRIEFING_CRON: '0 8 * * *' }, 'BRIEFING_CHANNEL_ID', /is required when BRIEFING_CRON is set/],
    [{ BRIEFING_CHANNEL_ID: CHANNEL }, 'BRIEFING_CRON', /is required when BRIEFING_CHANNEL_ID is set/],
    [
      { BRIEFING_CHANNEL_ID: CHANNEL, BRIEFING_CRON: '0 8 * * *', BRIEFING_TIMEZONE: 'est' },
      'BRIEFING_TIMEZONE',
      /`est` is an abbreviation.*America\/New_York/,
    ],
    [{ CATCH_UP_MINUTES: '-5' }, 'CATCH_UP_MINUTES', /must be 0 or more/],
    [{ CATCH_UP_MINUTES: '1.5' }, 'CATCH_UP_MINUTES', /whole number of minutes/],
    [{ STORE_URL: 'sqlite://' }, 'STORE_URL', /has no file path: write sqlite:\/\/var\/briefbot.sqlite/],
    [{ DISCORD_REQUESTS_PER_SECOND: '51' }, 'DISCORD_REQUESTS_PER_SECOND', /at most 50/],
  ])('%j: exactly one line, naming %s and the fix', (env, variable, words) => {
    const lines = problems(env);
    expect(lines).toHaveLength(1);
    expect(lines[0]?.startsWith(`${variable} `)).toBe(true);
    expect(lines[0]).toMatch(words);
  });

  it('CATCH_UP_MINUTES=0 is accepted (on-time runs only; README says so)', () => {
    expect(parseConfig({ DISCORD_TOKEN: TEST_TOKEN, CATCH_UP_MINUTES: '0' }).CATCH_UP_MINUTES).toBe(0);
  });

  it('the REST rate defaults just under the global limit; the former variable name is still read', () => {
    expect(parseConfig({ DISCORD_TOKEN: TEST_TOKEN }).DISCORD_REQUESTS_PER_SECOND).toBe(49);
    const env = { DISCORD_TOKEN: TEST_TOKEN, SCHEDULER_SENDS_PER_SECOND: '30' };
    expect(parseConfig(env).DISCORD_REQUESTS_PER_SECOND).toBe(30);
    expect(parseConfig({ ...env, DISCORD_REQUESTS_PER_SECOND: '45' }).DISCORD_REQUESTS_PER_SECOND).toBe(45);
  });
});
