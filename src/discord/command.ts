import type { APIApplicationCommandOptionChoice } from 'discord-api-types/v10';
import type { Clock } from '../clock.ts';
import type { Briefbook } from '../domain/briefbook.ts';
import { type MessageKey, type Msg, msg, type ParamsOf, type Translator } from '../i18n/catalog.ts';
import { reference } from '../i18n/languages.ts';
import type { Logger } from '../logger.ts';
import type { ComponentId } from '../render/custom-id.ts';
import type { MessagePayload, ModalPayload } from '../render/message.ts';
import { type PageButton, type PagedView, type PageKeys, pageCustomId } from '../render/paged-view.ts';
import type { PageLink } from '../render/pager.ts';
import type { CommandData } from './command-data.ts';

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
  /** The server's language (guild_locale); absent in DMs. */
  guildLocale?: string;
  /** The member's display name and role ids (curator checks, provenance); absent in DMs. */
  userName?: string;
  memberRoles?: readonly string[];
  /** Attachment options, by option name (the value in `options` is the attachment id). */
  attachments?: Readonly<Record<string, AttachmentInfo>>;
  /**
   * Shows interim progress to the user (defers first when needed); the value `execute` returns
   * replaces it. Long work (fetching, analysing) calls it between steps.
   */
  progress?: (message: MessagePayload) => Promise<void>;
}

/** An uploaded file as Discord describes it; the bytes are fetched from `url`. */
export interface AttachmentInfo {
  id: string;
  name: string;
  size: number;
  url: string;
  contentType?: string | undefined;
}

export interface AutocompleteInput extends CommandInput {
  focused: { name: string; value: string };
}

/** Everything a command may use. Taken once per interaction: in-flight work keeps its snapshot. */
export interface CommandContext {
  book: Briefbook;
  datasetLoadedAt: Date;
  clock: Clock;
  logger: Logger;
  botVersion: string;
  startedAt: Date;
  /**
   * The dataset is big enough that a heavy command's synchronous work could outlast Discord's 3 s:
   * the router defers before running one (a timer could not fire while the work blocks the loop).
   */
  heavyWork: boolean;
  /** Where paged views keep queries too long for a custom_id (see render/paged-view.ts). */
  pageStates: PageStates;
  /** The reader's language (interaction.locale): every reply is rendered through it. */
  t: Translator;
}

/** Stored page states: the keys of a query, under a short hash of them. */
export interface PageStates {
  save(key: string, keys: PageKeys): Promise<void>;
  /** The keys saved under `key`, or undefined when they are gone (expired, or another store). */
  load(key: string): Promise<PageKeys | undefined>;
}

export type Choice = APIApplicationCommandOptionChoice<string>;

/** A command as the router and registration see it (build one with defineCommand). */
export interface Command {
  data: CommandData;
  /** Requires Manage Server: enforced by default_member_permissions AND re-checked at run time. */
  adminOnly?: boolean;
  /** Replies only the invoking user sees. */
  ephemeral?: boolean;
  /**
   * CPU-bound on big datasets (full-text search, composition). When the context says work is heavy,
   * the router defers BEFORE running it, so a burst cannot starve other interactions of their 3 s.
   */
  heavy?: boolean;
  /** The paged view whose buttons this command answers (pagesOf). */
  pages?: PageRoute;
  execute(ctx: CommandContext, input: CommandInput): Promise<MessagePayload> | MessagePayload;
  /**
   * Answers this invocation with a form instead (the router shows it as the first response, so it
   * must be quick); undefined lets `execute` answer.
   */
  modal?(ctx: CommandContext, input: CommandInput): ModalPayload | undefined;
  autocomplete?(ctx: CommandContext, input: AutocompleteInput): Promise<Choice[]> | Choice[];
  /** Buttons, select menus and modal submits this command answers (componentOf). */
  components?: readonly ComponentRoute[];
}

/** A button click, a select menu choice or a submitted modal, independent of discord.js. */
export interface ComponentInput {
  kind: ComponentKind;
  customId: string;
  userId: string;
  userName: string;
  guildId?: string;
  channelId?: string;
  /** The message the component is on (absent for a modal opened by a slash command). */
  messageId?: string;
  memberPermissions?: string;
  memberRoles: readonly string[];
  /** Select menus: the chosen values. */
  values: readonly string[];
  /** Modals: each text input's value by its custom_id. */
  fields: Readonly<Record<string, string>>;
  locale?: string;
}

export type ComponentKind = 'button' | 'select' | 'modal';

/** How a component is answered: the message it is on updated, a new (often private) reply, or a form. */
export type ComponentReply = { update: MessagePayload } | { reply: MessagePayload } | { modal: ModalPayload };

/** How a command answers the components whose custom_id starts with `code`. */
export interface ComponentRoute {
  readonly code: string;
  readonly kind: ComponentKind;
  /** What the router defers as when the answer is late: an update of the message, or a private reply. */
  readonly defer: 'update' | 'reply';
  handle(ctx: CommandContext, input: ComponentInput): Promise<ComponentReply> | ComponentReply;
}

/** Routes the components of one typed custom_id to `handle`, which gets the decoded parameters. */
export function componentOf<P>(
  id: ComponentId<P>,
  opts: { kind: ComponentKind; defer: 'update' | 'reply' },
  handle: (ctx: CommandContext, params: P, input: ComponentInput) => Promise<ComponentReply> | ComponentReply,
): ComponentRoute {
  return {
    code: id.code,
    kind: opts.kind,
    defer: opts.defer,
    handle(ctx, input) {
      const params = id.parse(input.customId);
      if (params === undefined) throw new UserError('error.oldButtonOrForm', {});
      return handle(ctx, params, input);
    },
  };
}

/** How a command answers the buttons of its paged view. */
export interface PageRoute {
  /** The view's code: buttons whose custom_id starts with it are routed here. */
  readonly code: string;
  show(ctx: CommandContext, button: PageButton): Promise<MessagePayload>;
}

/** A command's paged view: its first page (execute) and the pages its buttons ask for. */
export interface Pages<P> extends PageRoute {
  /** Page `page` (zero-based) for `params`; the query is stored first when its buttons cannot carry it. */
  render(ctx: CommandContext, params: P, page: number): Promise<MessagePayload>;
}

export type PageRenderer<P> = (
  ctx: CommandContext,
  params: P,
  page: number,
  link: PageLink,
) => Promise<MessagePayload> | MessagePayload;

const OUT_OF_DATE = { title: msg('error.outOfDate.title') };

/** Routes a paged view's buttons to `page`, which receives the decoded, typed parameters. */
export function pagesOf<P>(view: PagedView<P>, page: PageRenderer<P>): Pages<P> {
  const render = async (ctx: CommandContext, params: P, n: number) => {
    const state = view.state(params);
    let linked = false;
    const payload = await page(ctx, params, n, (to) => {
      linked = true;
      return pageCustomId(state, to);
    });
    if (!linked || !('key' in state)) return payload;
    try {
      await ctx.pageStates.save(state.key, state.keys);
      return payload;
    } catch (err) {
      // The page itself is right; only its buttons would lead nowhere, so they are left off.
      ctx.logger.warn({ err, view: view.code }, 'could not store a paged query; page buttons left off');
      return { ...payload, components: [] };
    }
  };
  return {
    code: view.code,
    render,
    async show(ctx, button) {
      const raw = button.stored === undefined ? button.raw : await ctx.pageStates.load(button.stored);
      if (raw === undefined) throw new UserError('error.expiredList', {}, OUT_OF_DATE);
      const params = view.decode(raw);
      if (params === undefined) throw new UserError('error.oldButton', {}, OUT_OF_DATE);
      return render(ctx, params, button.page);
    },
  };
}

/**
 * An expected failure: bad option, unknown id, missing permission. It carries a catalog key and its
 * parameters (Sapphire's identifier + context); the router renders it in the reader's language as an
 * ephemeral message that says what to type instead, and nothing is logged as an error. `message` is
 * the English text, for logs.
 */
export class UserError<K extends MessageKey = MessageKey> extends Error {
  readonly key: K;
  readonly params: Readonly<Record<string, ParamValueOf>>;
  readonly title: Msg | undefined;
  constructor(key: K, params: ParamsOf<K>, opts: { title?: Msg | undefined } = {}) {
    super((reference.t as (k: MessageKey, p: unknown) => string)(key, params));
    this.name = 'UserError';
    this.key = key;
    this.params = params as Readonly<Record<string, ParamValueOf>>;
    this.title = opts.title;
  }

  /** A message made elsewhere (a described problem), thrown as a user error. */
  static of(message: Msg, opts: { title?: Msg | undefined } = {}): UserError {
    return new UserError(message.key, message.params as never, opts);
  }

  /** The message and title in the reader's language. */
  render(t: Translator): { message: string; title: string | undefined } {
    return {
      message: t.text({ key: this.key, params: this.params }),
      title: this.title ? t.text(this.title) : undefined,
    };
  }
}

type ParamValueOf = Msg['params'][string];

/** Discord's Manage Guild ("Manage Server") permission bit. */
const MANAGE_GUILD = 1n << 5n;
const ADMINISTRATOR = 1n << 3n;

export function canManageServer(permissions: string | undefined): boolean {
  if (!permissions) return false;
  try {
    const bits = BigInt(permissions);
    return (bits & MANAGE_GUILD) === MANAGE_GUILD || (bits & ADMINISTRATOR) === ADMINISTRATOR;
  } catch {
    return false;
  }
}
