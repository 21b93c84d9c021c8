import { buildEmbed } from './embed.ts';
import { COLORS, EPHEMERAL, type MessagePayload, NO_MENTIONS } from './message.ts';

/** An ephemeral message only the user sees: errors, not-found with suggestions, confirmations. */
export function renderNotice(
  text: string,
  opts: { title?: string; color?: number; ephemeral?: boolean } = {},
): MessagePayload {
  return {
    embeds: [
      buildEmbed({
        title: opts.title,
        description: text,
        color: opts.color ?? COLORS.error,
      }),
    ],
    allowed_mentions: NO_MENTIONS,
    ...(opts.ephemeral === false ? {} : { flags: EPHEMERAL }),
  };
}
