/** REST routes: interaction callbacks (within the deadline, once) and interaction webhooks. */
import {
  type APIInteraction,
  type APIMessage,
  type APIUser,
  InteractionResponseType,
  MessageFlags,
  MessageType,
} from 'discord-api-types/v10';
import type { FakeCore } from './core.ts';
import { ErrorCode, errorBody } from './errors.ts';
import { buildMessage, makeUser } from './model.ts';
import { route } from './rest.ts';
import { makeSnowflake } from './snowflake.ts';
import type { CallbackRecord, Ctx, InteractionKind, InteractionState, Reply, RouteDef } from './types.ts';
import { isRecord, validateAutocompleteData, validateModalData } from './validate.ts';

const ALLOWED_CALLBACKS: Record<InteractionKind, ReadonlySet<number>> = {
  chatInput: new Set([4, 5, 9, 10, 12]),
  autocomplete: new Set([8]),
  button: new Set([4, 5, 6, 7, 9, 10, 12]),
  stringSelect: new Set([4, 5, 6, 7, 9, 10, 12]),
  // A form cannot answer a form; 6/7 update the message whose component opened it.
  modalSubmit: new Set([4, 5, 6, 7]),
};

/** Interaction callbacks and the interaction webhooks (follow-ups, @original edits); no bot auth, no global limit. */
export function interactionRoutes(core: FakeCore): RouteDef[] {
  const routes: RouteDef[] = [];
  const add = (...args: Parameters<typeof route>) => {
    routes.push(route(...args));
  };
  const open = { auth: false, exemptGlobal: true };
  add('POST', '/interactions/:interaction/:token/callback', (ctx) => interactionCallback(core, ctx), open);
  add('POST', '/webhooks/:app/:token', (ctx) => webhookCreate(core, ctx), open);
  add('GET', '/webhooks/:app/:token/messages/:message', (ctx) => webhookMessage(core, ctx, 'get'), open);
  add('PATCH', '/webhooks/:app/:token/messages/:message', (ctx) => webhookMessage(core, ctx, 'patch'), open);
  add(
    'DELETE',
    '/webhooks/:app/:token/messages/:message',
    (ctx) => webhookMessage(core, ctx, 'delete'),
    open,
  );
  return routes;
}

function interactionCallback(core: FakeCore, ctx: Ctx): Reply {
  const state = core.interactionsById.get(ctx.params.interaction ?? '');
  const body = isRecord(ctx.body) ? ctx.body : {};
  const type = typeof body.type === 'number' ? body.type : -1;
  const data = body.data;
  const withResponse = ctx.query.get('with_response') === 'true';
  const attempt = (status: number, errorCode: number | null): CallbackRecord => {
    const atMs = ctx.atMs;
    const cb: CallbackRecord = {
      type: type as InteractionResponseType,
      data,
      at: ctx.at,
      atMs,
      latencyMs: state ? atMs - state.record.dispatchedAtMs : Number.NaN,
      status,
      errorCode,
      withResponse,
    };
    state?.record.attempts.push(cb);
    return cb;
  };
  if (!state || state.record.token !== ctx.params.token) {
    attempt(404, ErrorCode.UnknownInteraction);
    return core.refuse('interaction', ctx, 404, ErrorCode.UnknownInteraction, 'interaction');
  }
  const record = state.record;
  if (state.acknowledged) {
    attempt(400, ErrorCode.InteractionAlreadyAcknowledged);
    return core.refuse('interaction', ctx, 400, ErrorCode.InteractionAlreadyAcknowledged, 'interaction');
  }
  if (ctx.atMs - record.dispatchedAtMs > core.interactionDeadlineMs) {
    attempt(404, ErrorCode.UnknownInteraction);
    return core.refuse(
      'interaction',
      ctx,
      404,
      ErrorCode.UnknownInteraction,
      'interaction',
      `Unknown interaction (answered after ${Math.round(ctx.atMs - record.dispatchedAtMs)} ms)`,
    );
  }
  if (!ALLOWED_CALLBACKS[record.kind].has(type)) {
    attempt(400, ErrorCode.InvalidFormBody);
    return core.invalid('interaction', ctx, [
      {
        path: ['type'],
        code: 'INTERACTION_RESPONSE_TYPE_INVALID',
        message: `Callback type ${type} is not valid for a ${record.kind} interaction`,
      },
    ]);
  }
  // Validate the data for this type.
  let bad: Reply | null = null;
  if (
    type === InteractionResponseType.ChannelMessageWithSource ||
    type === InteractionResponseType.UpdateMessage
  ) {
    core.audit(
      type === InteractionResponseType.UpdateMessage ? 'interaction.update' : 'interaction.reply',
      ctx,
      data,
      record.channelId,
      record.id,
    );
    bad = core.checkMessage(ctx, data ?? {}, type === InteractionResponseType.ChannelMessageWithSource);
  } else if (type === InteractionResponseType.ApplicationCommandAutocompleteResult) {
    const errors = validateAutocompleteData(data);
    if (errors.length > 0) bad = core.invalid('autocomplete', ctx, errors);
  } else if (type === InteractionResponseType.Modal) {
    const errors = validateModalData(data);
    if (errors.length > 0) bad = core.invalid('modal', ctx, errors);
  }
  if (bad) {
    attempt(bad.status, ErrorCode.InvalidFormBody);
    return bad;
  }

  // Accepted.
  state.acknowledged = true;
  const cb = attempt(withResponse ? 200 : 204, null);
  record.response = cb;
  core.stats.callbacks++;
  if (state.timer) clearTimeout(state.timer);
  const channel = core.channel(record.channelId);
  const dataObj = isRecord(data) ? data : {};
  const flags = typeof dataObj.flags === 'number' ? dataObj.flags : 0;
  const metadata = {
    id: record.id,
    type: record.payload.type,
    user: userOf(record.payload),
    authorizing_integration_owners: record.payload.authorizing_integration_owners,
    ...(state.sourceMessageId ? { interacted_message_id: state.sourceMessageId } : {}),
  } as APIMessage['interaction_metadata'];
  let resultMessage: APIMessage | null = null;
  switch (type) {
    case InteractionResponseType.ChannelMessageWithSource:
    case InteractionResponseType.DeferredChannelMessageWithSource: {
      const deferredReply = type === InteractionResponseType.DeferredChannelMessageWithSource;
      const message = buildMessage({
        id: makeSnowflake(),
        channelId: record.channelId,
        author: core.bot,
        body: deferredReply ? {} : dataObj,
        type: record.kind === 'chatInput' ? MessageType.ChatInputCommand : MessageType.Reply,
        webhookId: core.applicationId,
        applicationId: core.applicationId,
        interactionMetadata: metadata,
        flags:
          (flags & (MessageFlags.Ephemeral | 4 | 4096 | (1 << 15))) |
          (deferredReply ? MessageFlags.Loading : 0),
      });
      if (channel) core.storeMessage(message, channel, 'interaction', record.id, ctx);
      record.originalMessageId = message.id;
      resultMessage = message;
      break;
    }
    case InteractionResponseType.DeferredMessageUpdate:
    case InteractionResponseType.UpdateMessage: {
      record.originalMessageId = state.sourceMessageId;
      const source = state.sourceMessageId ? core.messages.get(state.sourceMessageId) : undefined;
      if (source && type === InteractionResponseType.UpdateMessage)
        core.applyEdit(source, dataObj, ctx.files);
      resultMessage = source?.message ?? null;
      break;
    }
    default:
      break;
  }
  state.callback.resolve(cb);
  core.emit('callback', record, cb);
  if (!withResponse) return { status: 204 };
  return {
    status: 200,
    body: {
      interaction: {
        id: record.id,
        type: record.payload.type,
        activity_instance_id: null,
        response_message_id: resultMessage?.id ?? null,
        response_message_loading: type === InteractionResponseType.DeferredChannelMessageWithSource,
        response_message_ephemeral: (flags & MessageFlags.Ephemeral) !== 0,
      },
      resource: { type, ...(resultMessage ? { message: resultMessage } : {}) },
    },
  };
}

function userOf(payload: APIInteraction): APIUser {
  const p = payload as { member?: { user: APIUser }; user?: APIUser };
  return p.member?.user ?? p.user ?? makeUser('0', 'unknown');
}

/** Resolves the interaction behind a webhook route, or a refusal. */
function webhookState(core: FakeCore, ctx: Ctx): InteractionState | Reply {
  const state = core.interactionsByToken.get(ctx.params.token ?? '');
  if (ctx.params.app !== core.applicationId || !state) {
    return { status: 404, body: errorBody(ErrorCode.UnknownWebhook, 404) };
  }
  if (ctx.atMs - state.record.dispatchedAtMs > core.interactionTokenTtlMs) {
    return { status: 401, body: errorBody(ErrorCode.InvalidWebhookToken, 401) };
  }
  if (!state.acknowledged) return { status: 404, body: errorBody(ErrorCode.UnknownWebhook, 404) };
  return state;
}

function webhookCreate(core: FakeCore, ctx: Ctx): Reply {
  const state = webhookState(core, ctx);
  if (!('record' in state)) return state;
  const record = state.record;
  core.audit('webhook.create', ctx, ctx.body, record.channelId, record.id);
  const bad = core.checkMessage(ctx, ctx.body, true);
  if (bad) return bad;
  const channel = core.channel(record.channelId);
  const body = ctx.body as Record<string, unknown>;
  const flags = typeof body.flags === 'number' ? body.flags : 0;
  const message = buildMessage({
    id: makeSnowflake(),
    channelId: record.channelId,
    author: core.bot,
    body,
    type: MessageType.Default,
    webhookId: core.applicationId,
    applicationId: core.applicationId,
    flags: flags & (MessageFlags.Ephemeral | 4 | 4096 | (1 << 15)),
  });
  if (channel) core.storeMessage(message, channel, 'followup', record.id, ctx);
  record.followUpIds.push(message.id);
  if (ctx.query.get('wait') === 'false') return { status: 204 };
  return { status: 200, body: message };
}

function webhookMessage(core: FakeCore, ctx: Ctx, action: 'get' | 'patch' | 'delete'): Reply {
  const state = webhookState(core, ctx);
  if (!('record' in state)) return state;
  const record = state.record;
  const isOriginal = ctx.params.message === '@original';
  const messageId = isOriginal ? record.originalMessageId : (ctx.params.message ?? null);
  const known =
    messageId !== null && (messageId === record.originalMessageId || record.followUpIds.includes(messageId));
  const message = known && messageId ? core.messages.get(messageId) : undefined;
  if (!message || message.deleted) return { status: 404, body: errorBody(ErrorCode.UnknownMessage, 404) };
  if (action === 'get') return { status: 200, body: message.message };
  if (action === 'delete') {
    message.deleted = true;
    core.emit('message', message, 'delete');
    return { status: 204 };
  }
  core.audit('webhook.edit', ctx, ctx.body, record.channelId, record.id);
  const bad = core.checkMessage(ctx, ctx.body, false);
  if (bad) return bad;
  core.applyEdit(message, ctx.body as Record<string, unknown>, ctx.files);
  if (messageId === record.originalMessageId) {
    record.originalEdits++;
    state.firstEdit.resolve({ message: message.message, atMs: ctx.atMs });
  }
  return { status: 200, body: message.message };
}
