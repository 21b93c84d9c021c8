/**
 * Helpers for /curate end-to-end tests: a guild with a curation channel, a curator role and thread
 * permissions; reading a review's state off the fake Discord; waiting for a reply's final form.
 */
import type { APIEmbed, APIMessage } from 'discord-api-types/v10';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { Translator } from '../../src/i18n/catalog.ts';
import { reference } from '../../src/i18n/languages.ts';
import type { InteractionHandle } from './fake-discord/types.ts';
import type { FakeDiscord } from './fake-discord.ts';
import { waitFor } from './time.ts';

export const GUILD_ID = '1300000000000000001';
export const CURATION_CHANNEL = '1300000000000000010';
export const BRIEFING_CHANNEL = '1300000000000000011';
export const GENERAL_CHANNEL = '1300000000000000012';
export const CURATOR_ROLE = '1300000000000000020';

const BOT_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.UseApplicationCommands |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.SendMessagesInThreads;

export const curationGuild = {
  id: GUILD_ID,
  channels: [
    { id: GENERAL_CHANNEL, name: 'general' },
    { id: CURATION_CHANNEL, name: 'curation' },
    { id: BRIEFING_CHANNEL, name: 'briefings' },
  ],
  roles: [{ id: CURATOR_ROLE, name: 'curator', permissions: 0 }],
  botPermissions: BOT_PERMISSIONS,
};

/** A member with the curator role only (no Manage Server). */
export const asCurator = (extra: Record<string, unknown> = {}) => ({
  roles: [CURATOR_ROLE],
  userId: '1300000000000000100',
  username: 'curator-cleo',
  ...extra,
});
/** A second curator. */
export const asOtherCurator = (extra: Record<string, unknown> = {}) => ({
  roles: [CURATOR_ROLE],
  userId: '1300000000000000101',
  username: 'curator-omar',
  ...extra,
});
/** A member with neither the role nor Manage Server. */
export const asMember = (extra: Record<string, unknown> = {}) => ({
  roles: [],
  userId: '1300000000000000102',
  username: 'member-mia',
  ...extra,
});

export const text = (m: unknown) => JSON.stringify(m);

/** The reply as the user finally sees it: waits until the original response matches `done`. */
export async function finalReply(
  fake: FakeDiscord,
  handle: InteractionHandle,
  done: RegExp,
  timeoutMs = 30_000,
): Promise<APIMessage> {
  await handle.callback;
  let last: APIMessage | undefined;
  await waitFor(
    `a reply matching ${done}`,
    () => {
      const id = handle.record.originalMessageId;
      last = id ? fake.message(id)?.message : undefined;
      return last !== undefined && done.test(text(last));
    },
    timeoutMs,
  ).catch((error: Error) => {
    throw new Error(`${error.message}; last seen: ${text(last).slice(0, 1500)}`);
  });
  return last as APIMessage;
}

export interface ReviewOnDiscord {
  draftId: string;
  summaryId: string;
  threadId: string;
  /** Page messages in the thread, oldest first. */
  pages: () => APIMessage[];
  /** The embed of an item by key (e1, q3…), from the current page messages. */
  item: (key: string) => { embed: APIEmbed; messageId: string };
  /** Keys of the items whose embed title matches. */
  keys: (title: RegExp) => string[];
  summary: () => APIMessage;
}

/** Finds the newest review posted in `channelId` (its summary, thread and pages). */
export function reviewIn(fake: FakeDiscord, channelId: string, t: Translator = reference): ReviewOnDiscord {
  // The review's own words in its language: "Review: …" / "Перевірка: …", "Review `id` · page …".
  const titled = t.t('curateReview.summary.title', { title: '' });
  const summary = fake
    .messagesIn(channelId)
    .filter((m) => m.source === 'channel' && (m.message.embeds[0]?.title ?? '').startsWith(titled))
    .at(-1);
  if (!summary) throw new Error(`no review summary in ${channelId}`);
  // The review id is the summary's last code span ("… · review `id`").
  const draftId =
    [...(summary.message.embeds[0]?.description ?? '').matchAll(/`([a-z0-9]+)`/g)].at(-1)?.[1] ?? '';
  const threadId = fake.threadsOf(channelId).find((t) => t === summary.id) ?? '';
  const header =
    t.t('curateReview.pageHeader', { id: `\`${draftId}\``, page: 1, pages: 1 }).split(' · ')[0] ?? '';
  const pages = () =>
    fake
      .messagesIn(threadId || channelId)
      .filter((m) => m.source === 'channel' && (m.message.content ?? '').startsWith(`${header} · `))
      .map((m) => m.message);
  const item = (key: string) => {
    for (const page of pages()) {
      const embed = page.embeds.find((e) => (e.title ?? '').startsWith(`${key} · `));
      if (embed) return { embed, messageId: page.id };
    }
    throw new Error(`no item ${key} in review ${draftId}`);
  };
  return {
    draftId,
    summaryId: summary.id,
    threadId,
    pages,
    item,
    keys: (title) =>
      pages()
        .flatMap((p) => p.embeds)
        .filter((e) => title.test(e.title ?? ''))
        .map((e) => (e.title ?? '').split(' · ')[0] ?? ''),
    summary: () => fake.message(summary.id)?.message as APIMessage,
  };
}
