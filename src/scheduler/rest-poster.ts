/**
 * A Poster over discord.js REST (@discordjs/rest). A run is posted in one of two ways:
 *
 *   - text and announcement channels: `POST /channels/:id/messages` with the run's nonce and
 *     `enforce_nonce: true`, so Discord returns the existing message instead of posting a second one
 *     when the same run is resent within a few minutes. Then, when the schedule asks, a thread on it
 *     (`POST …/messages/:id/threads`; "already created" is success) and a crosspost (`POST
 *     …/messages/:id/crosspost`; "already crossposted" is success). A resend of the run therefore
 *     finds its message and finishes what is missing: never a second post, thread or crosspost.
 *   - forum and media channels: `POST /channels/:id/threads` with the message inside. That route
 *     takes no nonce, so when an earlier attempt may have reached Discord the poster first looks for
 *     the post that attempt made: an active thread of the forum, started by the bot after that attempt,
 *     with this run's title (titles carry the run's time, so runs never share one).
 *
 * The REST queue paces per-route buckets and retries 429 and 5xx (`retries`); its DiscordAPIError /
 * HTTPError carry `status` and `code`, which the scheduler reads. A step after the post that fails for
 * good (no permission to crosspost, say) is reported in `problems`; a transient one throws, and the
 * scheduler's retry (same nonce) completes it.
 *
 * Wiring: `createRestPoster(client.rest)` in the bot, or `new REST({ api, retries: 2, makeRequest:
 * sendOnce(DefaultRestOptions.makeRequest) }).setToken(token)`: the REST client's makeRequest must
 * be wrapped in sendOnce (the bot's is, in rest-pacer.ts), or its own resends could duplicate a forum post.
 */
import { randomUUID } from 'node:crypto';
import { type REST, type RESTOptions, Routes, SnowflakeUtil } from 'discord.js';
import type {
  APIThreadChannel,
  RESTGetAPIGuildThreadsResult,
  RESTPostAPIChannelMessageJSONBody,
  RESTPostAPIChannelMessageResult,
  RESTPostAPIGuildForumThreadsJSONBody,
} from 'discord-api-types/v10';
import type { MessagePayload } from '../render/message.ts';
import { classifyPostError } from './errors.ts';
import type { Poster, PostResult, PostTarget } from './types.ts';

const THREAD_ALREADY_CREATED = 160004;
const ALREADY_CROSSPOSTED = 40033;
/** Clocks differ a little between us and Discord: a post is looked for from slightly before the attempt. */
const CLOCK_SLACK_MS = 5_000;

/** Channel posts cannot be ephemeral, and files travel beside the JSON; the rest is valid as is. */
export function toChannelMessageBody(
  payload: MessagePayload,
  nonce: string,
): RESTPostAPIChannelMessageJSONBody {
  const { flags: _flags, files: _files, ...rest } = payload;
  return {
    ...rest,
    ...attachmentsOf(payload),
    nonce,
    enforce_nonce: true,
  } as RESTPostAPIChannelMessageJSONBody;
}

/** The body that creates a forum or media post: the thread's name and tags, the message inside it. */
export function toForumPostBody(
  payload: MessagePayload,
  target: PostTarget,
): RESTPostAPIGuildForumThreadsJSONBody {
  const { flags: _flags, files: _files, ...message } = payload;
  return {
    name: target.title,
    ...(target.thread ? { auto_archive_duration: target.thread.archiveMinutes } : {}),
    ...(target.tagIds?.length ? { applied_tags: [...target.tagIds] } : {}),
    message: { ...message, ...attachmentsOf(payload) },
  } as RESTPostAPIGuildForumThreadsJSONBody;
}

const codeOf = (error: unknown) => (error as { code?: unknown })?.code;

/** The payload's files as @discordjs/rest uploads them (multipart, the JSON in payload_json). */
function filesOf(payload: MessagePayload) {
  return payload.files?.length
    ? {
        files: payload.files.map((f) => ({
          name: f.name,
          data: Buffer.from(f.data.buffer, f.data.byteOffset, f.data.byteLength),
          contentType: f.contentType,
        })),
      }
    : {};
}

/** Attachment metadata (alt text) for the files, in the JSON part. */
function attachmentsOf(payload: MessagePayload) {
  return payload.files?.length
    ? { attachments: payload.files.map((f, id) => ({ id, filename: f.name, description: f.description })) }
    : {};
}

/** Marks a request the REST queue must not resend by itself (see sendOnce). */
const ONCE_HEADER = 'x-briefbot-send-once';

type MakeRequest = RESTOptions['makeRequest'];

/**
 * A makeRequest that sends a request marked with ONCE_HEADER at most once. The REST queue resends a
 * request after a 5xx or a reset connection; for a forum post, which carries no nonce, that could
 * post twice. The second call fails instead, and the scheduler's own retry looks for the post first.
 * The header itself never leaves the process.
 */
export function sendOnce(inner: MakeRequest): MakeRequest {
  const sent = new Set<string>();
  return (url, init) => {
    const headers = init.headers as Record<string, string> | undefined;
    const id = headers?.[ONCE_HEADER];
    if (!id) return inner(url, init);
    if (sent.has(id)) {
      sent.delete(id);
      const error = new Error(
        'not resent by the REST queue: a forum post has no nonce, the scheduler checks first',
      );
      return Promise.reject(Object.assign(error, { code: 'BRIEFBOT_NOT_RESENT' }));
    }
    sent.add(id);
    setTimeout(() => sent.delete(id), 10 * 60_000).unref();
    const { [ONCE_HEADER]: _once, ...rest } = headers ?? {};
    return inner(url, { ...init, headers: rest });
  };
}

export function createRestPoster(rest: REST): Poster {
  let me: Promise<string> | undefined;
  const botId = () => {
    me ??= (rest.get(Routes.user()) as Promise<{ id: string }>).then(
      (u) => u.id,
      (error) => {
        me = undefined;
        throw error;
      },
    );
    return me;
  };

  /** The post an earlier attempt of this run made in the forum, if it made one. */
  async function findForumPost(channelId: string, target: PostTarget): Promise<string | undefined> {
    if (target.maybePostedSince === undefined || target.guildId === null) return undefined;
    const since = target.maybePostedSince - CLOCK_SLACK_MS;
    const [self, active] = await Promise.all([
      botId(),
      rest.get(Routes.guildActiveThreads(target.guildId)) as Promise<RESTGetAPIGuildThreadsResult>,
    ]);
    const found = (active.threads as APIThreadChannel[]).find(
      (t) =>
        t.parent_id === channelId &&
        t.owner_id === self &&
        t.name === target.title &&
        SnowflakeUtil.timestampFrom(t.id) >= since,
    );
    return found?.id;
  }

  /** A step after the post: done, already done, or failed for good (a transient failure throws). */
  async function step(
    what: string,
    alreadyDone: number,
    run: () => Promise<unknown>,
  ): Promise<{ done: boolean; problem?: string }> {
    try {
      await run();
      return { done: true };
    } catch (error) {
      if (codeOf(error) === alreadyDone) return { done: true };
      const failure = classifyPostError(error);
      if (failure.kind === 'transient') throw error;
      return { done: false, problem: `${what}: ${failure.reason}` };
    }
  }

  return {
    async post(channelId, payload, { nonce, target }): Promise<PostResult> {
      if (target && (target.kind === 'forum' || target.kind === 'media')) {
        const existing = await findForumPost(channelId, target);
        if (existing) return { id: existing, threadId: existing };
        const thread = (await rest.post(Routes.threads(channelId), {
          body: toForumPostBody(payload, target),
          ...filesOf(payload),
          headers: { [ONCE_HEADER]: randomUUID() },
        })) as APIThreadChannel;
        return { id: thread.id, threadId: thread.id };
      }
      const message = (await rest.post(Routes.channelMessages(channelId), {
        body: toChannelMessageBody(payload, nonce),
        ...filesOf(payload),
      })) as RESTPostAPIChannelMessageResult;
      const problems: string[] = [];
      let threadId: string | undefined;
      if (target?.thread) {
        const { archiveMinutes } = target.thread;
        const made = await step('no discussion thread was started', THREAD_ALREADY_CREATED, () =>
          rest.post(Routes.threads(channelId, message.id), {
            body: { name: target.title, auto_archive_duration: archiveMinutes },
          }),
        );
        if (made.done) threadId = message.id; // a thread on a message has the message's id
        if (made.problem) problems.push(made.problem);
      }
      let published: boolean | undefined;
      if (target?.publish) {
        const made = await step('it was not published to following servers', ALREADY_CROSSPOSTED, () =>
          rest.post(Routes.channelMessageCrosspost(channelId, message.id)),
        );
        published = made.done;
        if (made.problem) problems.push(made.problem);
      }
      return { id: message.id, threadId, published, ...(problems.length ? { problems } : {}) };
    },
  };
}

/**
 * Opens the bot's DM channel with a user (POST /users/@me/channels; Discord returns the same channel
 * every time), cached per user, so a member's digest is an ordinary channel message with a nonce.
 */
export function createDmChannels(rest: REST): { openDm(userId: string): Promise<string> } {
  const cache = new Map<string, string>();
  return {
    async openDm(userId) {
      const hit = cache.get(userId);
      if (hit) return hit;
      const channel = (await rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as {
        id: string;
      };
      if (cache.size >= 10_000) cache.clear();
      cache.set(userId, channel.id);
      return channel.id;
    },
  };
}
