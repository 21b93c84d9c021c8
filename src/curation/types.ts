/** What curation needs from Discord and from the running bot: ports the wiring (bot.ts) fills. */
import type { Dataset } from '../domain/model.ts';
import type { MessagePayload } from '../render/message.ts';

/** Posting the review: messages in a channel, edits, and a thread per review. */
export interface CurationPoster {
  post(channelId: string, payload: MessagePayload): Promise<{ id: string }>;
  edit(channelId: string, messageId: string, payload: MessagePayload): Promise<void>;
  /** A public thread hanging from a message; rejects when the bot may not create one there. */
  startThread(channelId: string, messageId: string, name: string): Promise<{ id: string }>;
}

/** The dataset the bot serves, and reloading it after a publish. */
export interface CurationDataset {
  current(): Dataset;
  reload(): Promise<{ ok: boolean; version?: string }>;
}
