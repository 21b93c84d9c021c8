/** Discord-style JSON error bodies. */
import type { RESTError, RESTErrorData, RESTErrorFieldInformation } from 'discord-api-types/v10';

/** The error codes the fake answers with (a subset of `RESTJSONErrorCodes`). */
export const ErrorCode = {
  General: 0,
  UnknownApplication: 10002,
  UnknownChannel: 10003,
  UnknownGuild: 10004,
  UnknownMember: 10007,
  UnknownMessage: 10008,
  UnknownWebhook: 10015,
  UnknownApplicationCommand: 10063,
  UnknownInteraction: 10062,
  RequestEntityTooLarge: 40005,
  AlreadyCrossposted: 40033,
  InteractionAlreadyAcknowledged: 40060,
  CannotSendMessagesToThisUser: 50007,
  CannotExecuteOnThisChannelType: 50024,
  ThreadAlreadyCreatedForMessage: 160004,
  MissingAccess: 50001,
  CannotSendEmptyMessage: 50006,
  InvalidWebhookToken: 50027,
  MissingPermissions: 50013,
  InvalidFormBody: 50035,
  InvalidJSON: 50109,
} as const;

const MESSAGES: Record<number, string> = {
  0: 'General error',
  10002: 'Unknown Application',
  10003: 'Unknown Channel',
  10004: 'Unknown Guild',
  10007: 'Unknown Member',
  10008: 'Unknown Message',
  10015: 'Unknown Webhook',
  10062: 'Unknown interaction',
  10063: 'Unknown application command',
  40005: 'Request entity too large',
  40033: 'This message has already been crossposted.',
  50007: 'Cannot send messages to this user',
  50024: 'Cannot execute action on this channel type',
  160004: 'A thread has already been created for this message',
  40060: 'Interaction has already been acknowledged.',
  50001: 'Missing Access',
  50006: 'Cannot send an empty message',
  50013: 'Missing Permissions',
  50027: 'Invalid Webhook Token',
  50035: 'Invalid Form Body',
  50109: 'The request body contains invalid JSON.',
};

export function errorMessage(code: number, status: number): string {
  if (code === 0) {
    if (status === 401) return '401: Unauthorized';
    if (status === 403) return '403: Forbidden';
    if (status === 404) return '404: Not Found';
    if (status === 405) return '405: Method Not Allowed';
    if (status >= 500) return `${status}: Internal Server Error`;
  }
  return MESSAGES[code] ?? `Error ${code}`;
}

export function errorBody(code: number, status: number, message?: string): RESTError {
  return { code, message: message ?? errorMessage(code, status) };
}

/** One broken rule, located by a path into the request body. */
export interface FieldError {
  /** Path segments into the JSON body, e.g. `['embeds', 0, 'title']`. */
  path: Array<string | number>;
  /** Discord's form-error code, e.g. `BASE_TYPE_MAX_LENGTH`. */
  code: string;
  message: string;
}

export function formatPath(path: ReadonlyArray<string | number>): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out ? `.${part}` : part;
  return out || '(body)';
}

/** `{ code: 50035, errors: { embeds: { 0: { title: { _errors: [...] } } } }, message }`. */
export function invalidFormBody(errors: readonly FieldError[]): RESTError {
  const root: Record<string, unknown> = {};
  for (const error of errors) {
    let node = root;
    for (const part of error.path) {
      const key = String(part);
      const next = node[key];
      if (next && typeof next === 'object') {
        node = next as Record<string, unknown>;
      } else {
        const created: Record<string, unknown> = {};
        node[key] = created;
        node = created;
      }
    }
    const list = (node._errors as RESTErrorFieldInformation[] | undefined) ?? [];
    list.push({ code: error.code, message: error.message });
    node._errors = list;
  }
  return {
    code: ErrorCode.InvalidFormBody,
    message: errorMessage(ErrorCode.InvalidFormBody, 400),
    errors: root as RESTErrorData,
  };
}
