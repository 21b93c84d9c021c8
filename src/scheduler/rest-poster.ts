/**
 * A Poster over discord.js REST (@discordjs/rest): `POST /channels/:id/messages` with the run's nonce and
 * `enforce_nonce: true`, so Discord returns the existing message instead of posting a second one when
 * the same run is resent within a few minutes. The REST queue paces per-route buckets and retries 429 and
 * 5xx (`retries`); its DiscordAPIError / HTTPError carry `status` and `code`, which the scheduler reads.
 *
 * Wiring: `createRestPoster(client.rest)` in the bot, or `new REST({ api, retries: 2 }).setToken(token)`.
 */
import { type REST, Routes } from 'discord.js';
import type {
  RESTPostAPIChannelMessageJSONBody,
  RESTPostAPIChannelMessageResult,
} from 'discord-api-types/v10';
import type { MessagePayload } from '../render/message.ts';
import type { Poster } from './types.ts';

/** Channel posts cannot be ephemeral; everything else in a MessagePayload is valid as is. */
export function toChannelMessageBody(
  payload: MessagePayload,
  nonce: string,
): RESTPostAPIChannelMessageJSONBody {
  const { flags: _flags, ...rest } = payload;
  return { ...rest, nonce, enforce_nonce: true };
}

export function createRestPoster(rest: REST): Poster {
  return {
    async post(channelId, payload, { nonce }) {
      const message = (await rest.post(Routes.channelMessages(channelId), {
        body: toChannelMessageBody(payload, nonce),
      })) as RESTPostAPIChannelMessageResult;
      return { id: message.id };
    },
  };
}
