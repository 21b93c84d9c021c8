/** The curation poster over discord.js REST: review messages, their edits, and a thread per review. */
import { type REST, Routes } from 'discord.js';
import type { RESTPostAPIChannelMessageResult, RESTPostAPIChannelThreadsResult } from 'discord-api-types/v10';
import type { CurationPoster } from '../curation/types.ts';
import type { MessagePayload } from '../render/message.ts';

/** Channel messages cannot be ephemeral: the flag is dropped, everything else is sent as is. */
function body(payload: MessagePayload) {
  const { flags: _flags, ...rest } = payload;
  return rest;
}

export function createCurationPoster(rest: REST): CurationPoster {
  return {
    async post(channelId, payload) {
      const message = (await rest.post(Routes.channelMessages(channelId), {
        body: body(payload),
      })) as RESTPostAPIChannelMessageResult;
      return { id: message.id };
    },
    async edit(channelId, messageId, payload) {
      await rest.patch(Routes.channelMessage(channelId, messageId), { body: body(payload) });
    },
    async startThread(channelId, messageId, name) {
      const thread = (await rest.post(Routes.threads(channelId, messageId), {
        body: { name, auto_archive_duration: 10080 },
      })) as RESTPostAPIChannelThreadsResult;
      return { id: thread.id };
    },
  };
}
