/**
 * Interaction answers that survive a dropped connection. When Discord (or a proxy) has closed a
 * keep-alive connection the client has not noticed yet — typically after an event-loop stall longer
 * than the keep-alive timeout — the answer written on it fails with "other side closed" and no HTTP
 * response. Such an answer is sent once more, on a fresh connection, while Discord still takes it:
 * within 3 s of the interaction for the first response, within the token's 15 minutes for edits,
 * follow-ups and deletions. A retried first response refused with 40060 ("already acknowledged")
 * means the first attempt did land; a retried deletion refused with 10008 ("unknown message") too.
 *
 * A follow-up whose request reached Discord but whose answer was lost is posted twice by the retry:
 * Discord's webhook execution takes no nonce. It is the rare case (a stale socket fails before the
 * request is read), and a duplicate private notice beats a lost one.
 */
import { performance } from 'node:perf_hooks';
import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  DiscordAPIError,
  type Interaction,
  type InteractionReplyOptions,
  InteractionResponseType,
  type InteractionUpdateOptions,
  MessageFlags,
  Routes,
} from 'discord.js';
import { Agent } from 'undici';
import type { Logger } from '../logger.ts';
import { EPHEMERAL, type MessagePayload, type ModalPayload } from '../render/message.ts';

/** Discord takes the first response this long after the interaction. */
export const CALLBACK_WINDOW_MS = 3_000;
/** The interaction token (edits, follow-ups) lives this long. */
export const TOKEN_WINDOW_MS = 15 * 60_000;

const ALREADY_ACKNOWLEDGED = 40060;
const UNKNOWN_MESSAGE = 10008;

/** One answer as Discord's HTTP API takes it: what a retry sends. */
export interface RawAnswer {
  method: 'POST' | 'PATCH' | 'DELETE';
  route: `/${string}`;
  body?: unknown;
  query?: URLSearchParams;
  /** Uploaded with the body (multipart), as the first attempt did. */
  files?: RawFile[];
}

export interface RawFile {
  name: string;
  data: Buffer;
  contentType?: string | undefined;
}

/** Sends an answer again on a connection of its own. */
export type Resend = (interaction: Interaction, answer: RawAnswer) => Promise<void>;

/** The default Resend: through the client's REST manager, on a new connection closed afterwards. */
export const resendOnFreshConnection: Resend = async (interaction, answer) => {
  const dispatcher = new Agent({ connections: 1 });
  try {
    await interaction.client.rest.request({
      method: answer.method as never,
      fullRoute: answer.route,
      body: answer.body,
      query: answer.query,
      ...(answer.files?.length ? { files: answer.files } : {}),
      auth: false,
      dispatcher,
    });
  } finally {
    void dispatcher.close().catch(() => undefined);
  }
};

/** Failures that left no HTTP response: the request may or may not have reached Discord. */
export function isConnectionFailure(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof DiscordAPIError) return false;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
    if (/other side closed|socket hang up|ECONNRESET|EPIPE/i.test(e.message)) return true;
  }
  return false;
}

/**
 * Discord answered 5xx, and discord.js's own retries (two) met the same: the request may or may not
 * have taken effect, as with a lost connection.
 */
export function isServerError(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const status = (e as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 500) return true;
  }
  return false;
}

const CONNECTION_CODES = new Set([
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
]);

const hasCode = (error: unknown, code: number) => error instanceof DiscordAPIError && error.code === code;

/** discord.js message options from our JSON payload; mentions are always off. */
export function replyOptions(m: MessagePayload): InteractionReplyOptions & InteractionUpdateOptions {
  return {
    content: m.content ?? '',
    embeds: m.embeds ?? [],
    components: m.components ?? [],
    allowedMentions: { parse: [] },
    ...(isEphemeral(m) ? { flags: MessageFlags.Ephemeral } : {}),
    ...(m.files?.length
      ? {
          files: m.files.map((f) => ({
            attachment: Buffer.from(f.data.buffer, f.data.byteOffset, f.data.byteLength),
            name: f.name,
            description: f.description,
          })),
        }
      : {}),
  } as InteractionReplyOptions & InteractionUpdateOptions;
}

/** The same payload as Discord's API takes it (what a retry sends); files go alongside (`apiFiles`). */
function apiMessage(m: MessagePayload) {
  return {
    content: m.content ?? '',
    embeds: m.embeds ?? [],
    components: m.components ?? [],
    allowed_mentions: { parse: [] },
    ...(isEphemeral(m) ? { flags: MessageFlags.Ephemeral } : {}),
    ...(m.files?.length
      ? { attachments: m.files.map((f, id) => ({ id, filename: f.name, description: f.description })) }
      : {}),
  };
}

function apiFiles(m: MessagePayload): RawFile[] | undefined {
  return m.files?.map((f) => ({
    name: f.name,
    data: Buffer.from(f.data.buffer, f.data.byteOffset, f.data.byteLength),
    contentType: f.contentType,
  }));
}

export const isEphemeral = (m: MessagePayload) => ((m.flags ?? 0) & EPHEMERAL) === EPHEMERAL;

type Repliable = ChatInputCommandInteraction | ButtonInteraction;
type Modalable = ChatInputCommandInteraction | ButtonInteraction;

/** Every way the router answers an interaction, each retried once on a fresh connection when lost. */
export interface Answerer {
  reply(payload: MessagePayload): Promise<void>;
  defer(ephemeral: boolean): Promise<void>;
  deferUpdate(): Promise<void>;
  update(payload: MessagePayload): Promise<void>;
  edit(payload: MessagePayload): Promise<void>;
  followUp(payload: MessagePayload): Promise<void>;
  deleteReply(): Promise<void>;
  respond(choices: readonly { name: string; value: string }[]): Promise<void>;
  /** A form as the first response. */
  showModal(modal: ModalPayload): Promise<void>;
}

export interface AnswererDeps {
  logger: Logger;
  resend: Resend;
  /** When the interaction arrived (performance.now()); the windows count from it. */
  receivedAt: number;
  /** Told of every answer being sent (the work lane holds long jobs until answers are out). */
  sending?: (answer: Promise<unknown>) => void;
  now?: () => number;
}

export function answerer(interaction: Interaction, deps: AnswererDeps): Answerer {
  const now = deps.now ?? (() => performance.now());
  const repliable = interaction as Repliable;
  const base = `/interactions/${interaction.id}/${interaction.token}/callback` as const;
  // Routes and bodies for a retry are built only when one is needed (rarely).
  const webhook = () => Routes.webhook(interaction.applicationId, interaction.token);
  const original = () => Routes.webhookMessage(interaction.applicationId, interaction.token, '@original');

  /** Sends one answer (see `send`), telling `deps.sending` it is on its way. */
  function attempt(...args: Parameters<typeof send>): Promise<void> {
    const sending = send(...args);
    deps.sending?.(sending);
    return sending;
  }

  /**
   * `first`, and when its connection failed within `windowMs`, `again` on a fresh connection. `landed`
   * recognises a refusal of the retry that proves the first attempt took effect.
   */
  async function send(
    what: string,
    windowMs: number,
    first: () => Promise<unknown>,
    again: () => RawAnswer,
    landed: (error: unknown) => boolean,
    after: () => void,
  ): Promise<void> {
    try {
      await first();
      return;
    } catch (error) {
      const elapsed = now() - deps.receivedAt;
      if (!(isConnectionFailure(error) || isServerError(error)) || elapsed >= windowMs) throw error;
      deps.logger.warn(
        { err: error, interactionId: interaction.id, what, elapsedMs: Math.round(elapsed) },
        'interaction answer lost (connection or Discord 5xx); sending it again on a fresh connection',
      );
    }
    try {
      await deps.resend(interaction, again());
    } catch (error) {
      if (!landed(error)) throw error;
      deps.logger.info(
        { interactionId: interaction.id, what },
        'the first attempt of a retried interaction answer had landed',
      );
    }
    after();
  }

  const callback = (
    what: string,
    first: () => Promise<unknown>,
    body: () => { type: InteractionResponseType; data?: unknown },
    files: () => RawFile[] | undefined,
    after: () => void,
  ) =>
    attempt(
      what,
      CALLBACK_WINDOW_MS,
      first,
      () => ({ method: 'POST', route: base, body: body(), files: files() }),
      (e) => hasCode(e, ALREADY_ACKNOWLEDGED),
      after,
    );

  // After a retry, discord.js's own record of what was sent is brought in line, so later edits work.
  const mark =
    (fields: Partial<Record<'replied' | 'deferred' | 'ephemeral' | 'responded', boolean>>) => () => {
      Object.assign(interaction, fields);
    };

  const answers: Answerer = {
    reply: (payload) =>
      callback(
        'reply',
        () => repliable.reply(replyOptions(payload)),
        () => ({ type: InteractionResponseType.ChannelMessageWithSource, data: apiMessage(payload) }),
        () => apiFiles(payload),
        mark({ replied: true, ephemeral: isEphemeral(payload) }),
      ),
    defer: (ephemeral) =>
      callback(
        'defer',
        () => repliable.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
        () => ({
          type: InteractionResponseType.DeferredChannelMessageWithSource,
          data: { flags: ephemeral ? MessageFlags.Ephemeral : 0 },
        }),
        () => undefined,
        mark({ deferred: true, ephemeral }),
      ),
    deferUpdate: () =>
      callback(
        'deferUpdate',
        () => (interaction as ButtonInteraction).deferUpdate(),
        () => ({ type: InteractionResponseType.DeferredMessageUpdate }),
        () => undefined,
        mark({ deferred: true }),
      ),
    update: (payload) => {
      const { flags: _flags, ...rest } = payload;
      return callback(
        'update',
        () => (interaction as ButtonInteraction).update(replyOptions(rest)),
        () => ({ type: InteractionResponseType.UpdateMessage, data: apiMessage(rest) }),
        () => apiFiles(rest),
        mark({ replied: true }),
      );
    },
    showModal: (modal) =>
      callback(
        'modal',
        () => (interaction as Modalable).showModal(modal as never),
        () => ({ type: InteractionResponseType.Modal, data: modal }),
        () => undefined,
        mark({ replied: true }),
      ),
    respond: (choices) =>
      callback(
        'autocomplete',
        () => (interaction as AutocompleteInteraction).respond([...choices]),
        () => ({ type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices } }),
        () => undefined,
        mark({ responded: true }),
      ),
    edit: (payload) => {
      const { flags: _flags, ...rest } = payload;
      return attempt(
        'edit',
        TOKEN_WINDOW_MS,
        () => repliable.editReply(replyOptions(rest)),
        () => ({ method: 'PATCH', route: original(), body: apiMessage(rest), files: apiFiles(rest) }),
        () => false,
        mark({ replied: true }),
      );
    },
    followUp: (payload) =>
      attempt(
        'followUp',
        TOKEN_WINDOW_MS,
        () => repliable.followUp(replyOptions(payload)),
        () => ({
          method: 'POST',
          route: webhook(),
          body: apiMessage(payload),
          files: apiFiles(payload),
          query: new URLSearchParams({ wait: 'true' }),
        }),
        () => false,
        mark({ replied: true }),
      ),
    deleteReply: () =>
      attempt(
        'deleteReply',
        TOKEN_WINDOW_MS,
        () => repliable.deleteReply(),
        () => ({ method: 'DELETE', route: original() }),
        (e) => hasCode(e, UNKNOWN_MESSAGE),
        () => undefined,
      ),
  };
  return answers;
}
