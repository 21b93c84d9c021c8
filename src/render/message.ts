import type {
  APIActionRowComponent,
  APIComponentInMessageActionRow,
  APIEmbed,
  APITextInputComponent,
} from 'discord-api-types/v10';

/** A file uploaded with a message (multipart); an embed shows it with `attachment://<name>`. */
export interface MessageFile {
  name: string;
  data: Uint8Array;
  /** Alt text. */
  description?: string;
  contentType?: string;
}

/**
 * Who a message may ping: nobody (`parse: []`), or exactly the one role a server opted into for its
 * scheduled posts. Never users, never @everyone/@here (no `parse` entry can be added).
 */
export interface AllowedMentions {
  parse: [];
  roles?: string[];
}

/** Message JSON as sent to Discord (interaction reply, edit, or channel post). */
export interface MessagePayload {
  content?: string;
  embeds?: APIEmbed[];
  /** Rows of buttons, or one select menu per row. */
  components?: APIActionRowComponent<APIComponentInMessageActionRow>[];
  allowed_mentions: AllowedMentions;
  /** 64 = ephemeral. */
  flags?: number;
  files?: readonly MessageFile[];
}

export const NO_MENTIONS = Object.freeze({ parse: [] as [] });
export const EPHEMERAL = 64;

/** Brand colours per message kind, so a channel reads at a glance. */
export const COLORS = {
  briefing: 0x2b6cb0,
  timeline: 0x2f855a,
  event: 0x2c7a7b,
  quote: 0x6b46c1,
  actor: 0xb7791f,
  search: 0x4a5568,
  sources: 0x718096,
  about: 0x3182ce,
  error: 0xc53030,
  schedule: 0x805ad5,
} as const;

/** A form Discord shows over the client (interaction response type 9): rows of one text input each. */
export interface ModalPayload {
  custom_id: string;
  title: string;
  components: APIActionRowComponent<APITextInputComponent>[];
}
