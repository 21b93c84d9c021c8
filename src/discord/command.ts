import type {
  APIApplicationCommandOptionChoice,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { Logger } from 'pino';
import type { Briefbook } from '../domain/briefbook.ts';
import type { PagedView, PageState } from '../render/custom-id.ts';
import type { MessagePayload } from '../render/message.ts';

export type OptionValue = string | number | boolean;

/** What a command needs from an interaction, independent of discord.js (so tests and preview can build one). */
export interface CommandInput {
  commandName: string;
  /** "add" for `/schedule add`; group and subcommand joined by a space when both exist. */
  subcommand?: string;
  options: Readonly<Record<string, OptionValue>>;
  userId: string;
  guildId?: string;
  channelId?: string;
  /** The member's permissions in this channel as a bitfield string (Discord sends it); absent in DMs. */
  memberPermissions?: string;
  locale?: string;
}

export interface AutocompleteInput extends CommandInput {
  focused: { name: string; value: string };
}

/** Everything a command may use. Taken once per interaction: in-flight work keeps its snapshot. */
export interface CommandContext {
  book: Briefbook;
  datasetLoadedAt: Date;
  now: () => Date;
  logger: Logger;
  botVersion: string;
  startedAt: Date;
}

export type Choice = APIApplicationCommandOptionChoice<string>;

export interface Command {
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  /** Requires Manage Server: enforced by default_member_permissions AND re-checked at run time. */
  adminOnly?: boolean;
  /** Replies only the invoking user sees. */
  ephemeral?: boolean;
  /**
   * CPU-bound on big datasets (full-text search, composition). On a large dataset the router defers
   * BEFORE running it, so a burst of such commands cannot starve other interactions of their 3 s.
   */
  heavy?: boolean;
  /** Views whose pagination buttons this command answers. */
  pages?: readonly PagedView[];
  execute(ctx: CommandContext, input: CommandInput): Promise<MessagePayload> | MessagePayload;
  autocomplete?(ctx: CommandContext, input: AutocompleteInput): Promise<Choice[]> | Choice[];
  page?(ctx: CommandContext, state: PageState): Promise<MessagePayload> | MessagePayload;
}

/**
 * An expected failure: bad option, unknown id, missing permission. The router answers it with an
 * ephemeral message that says what to type instead; nothing is logged as an error.
 */
export class UserError extends Error {
  readonly title: string | undefined;
  constructor(message: string, opts: { title?: string } = {}) {
    super(message);
    this.name = 'UserError';
    this.title = opts.title;
  }
}

/** Discord's Manage Guild ("Manage Server") permission bit. */
export const MANAGE_GUILD = 1n << 5n;
export const ADMINISTRATOR = 1n << 3n;

export function canManageServer(permissions: string | undefined): boolean {
  if (!permissions) return false;
  try {
    const bits = BigInt(permissions);
    return (bits & MANAGE_GUILD) === MANAGE_GUILD || (bits & ADMINISTRATOR) === ADMINISTRATOR;
  } catch {
    return false;
  }
}
