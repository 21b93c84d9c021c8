/**
 * Loopback fake Discord for tests and benchmarks: drives the REAL discord.js client over
 * 127.0.0.1 (REST under /api/v10 and the gateway on the same port).
 *
 *   const fake = await startFakeDiscord();
 *   const client = new Client({ intents: [GatewayIntentBits.Guilds], ...fakeClientOptions(fake) });
 *   await client.login('fake-token');
 *   const handle = fake.chatInput('brief', { topic: 'ceasefire' });
 *   const reply = await handle.visible();
 */
import type { IIdentifyThrottler } from '@discordjs/ws';

export { isSafeAllowedMentions } from './core.ts';
export { ErrorCode, type FieldError, invalidFormBody } from './errors.ts';
export type { GatewaySession, IdentifyRecord, ResumeRecord } from './gateway.ts';
export { PRIVILEGED_INTENTS } from './gateway.ts';
export type { InteractionOptions, OptionsInput } from './interactions.ts';
export type {
  ChannelState,
  FakeChannelSpec,
  FakeGuildSpec,
  FakeMemberSpec,
  FakeOverwriteSpec,
  FakeRoleSpec,
  GuildState,
  MemberState,
  PermissionValue,
} from './model.ts';
export {
  ALL_PERMISSIONS,
  DEFAULT_BOT_PERMISSIONS,
  DEFAULT_EVERYONE_PERMISSIONS,
} from './permissions.ts';
export type { RateLimitOptions, WindowSpec } from './ratelimit.ts';
export { FakeDiscord, startFakeDiscord } from './server.ts';
export { guildIdForShard, makeSnowflake, shardForGuild, tokenFingerprint } from './snowflake.ts';
export type {
  CallbackRecord,
  ChannelError,
  FailureMatch,
  FailureRule,
  FakeDiscordOptions,
  FakeStats,
  InjectedResponse,
  InteractionHandle,
  InteractionKind,
  InteractionRecord,
  MessageBodyKind,
  MessageBodyRecord,
  MessageRecord,
  RequestRecord,
  ShardInfo,
  ViolationRecord,
  VisibleReply,
} from './types.ts';
export { COMMAND_NAME_RE, Limits, validateCommandList, validateMessageBody } from './validate.ts';

/**
 * An identify throttler that never waits. @discordjs/ws otherwise spaces IDENTIFYs of the same
 * client 5 s apart (per `max_concurrency` bucket), which makes re-identify tests slow.
 */
export const noIdentifyThrottle = (): IIdentifyThrottler => ({ waitForIdentify: async () => {} });

/**
 * Client options that point discord.js at the fake: `rest.api`, no identify throttling, and a
 * short `waitGuildTimeout` (the fake always sends every GUILD_CREATE right after READY anyway).
 */
export function fakeClientOptions(fake: { apiUrl: string }) {
  return {
    rest: { api: fake.apiUrl },
    ws: { buildIdentifyThrottler: noIdentifyThrottle },
    waitGuildTimeout: 1000,
  };
}

/** p50/p95/p99/max/mean of latency samples (ms). */
export function summarizeLatencies(samples: readonly number[]): {
  count: number;
  min: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
} {
  const sorted = [...samples].sort((a, b) => a - b);
  const pick = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    count: sorted.length,
    min: sorted[0] ?? 0,
    p50: pick(0.5),
    p95: pick(0.95),
    p99: pick(0.99),
    max: sorted[sorted.length - 1] ?? 0,
    mean: sorted.length ? sum / sorted.length : 0,
  };
}
