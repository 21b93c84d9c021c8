import {
  ApplicationCommandOptionType,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  type Interaction,
  type InteractionReplyOptions,
  type InteractionUpdateOptions,
  MessageFlags,
  type ModalSubmitInteraction,
  type StringSelectMenuInteraction,
} from 'discord.js';
import { withDeadline } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { componentCode } from '../render/custom-id.ts';
import { EPHEMERAL, type MessagePayload } from '../render/message.ts';
import { renderNotice } from '../render/notice.ts';
import { parsePageButton } from '../render/paged-view.ts';
import {
  type AttachmentInfo,
  type AutocompleteInput,
  type Command,
  type CommandContext,
  type CommandInput,
  type ComponentInput,
  type ComponentReply,
  type ComponentRoute,
  canManageServer,
  type OptionValue,
  UserError,
} from './command.ts';
import { type InteractionEvents, type InteractionOutcome, kindOf } from './interaction-events.ts';

export interface RouterDeps {
  commands: readonly Command[];
  /** A fresh context per interaction: it pins the dataset snapshot the work runs on. */
  context: () => CommandContext;
  logger: Logger;
  /** Defer when the answer is not ready by then; Discord allows 3 s for the first response. */
  deferAfterMs?: number;
  /** Told how each interaction ended (the operator's metrics); optional. */
  events?: InteractionEvents | undefined;
}

export interface Router {
  handle(interaction: Interaction): Promise<void>;
  /** Stop taking new work; resolves when in-flight interactions are answered or `timeoutMs` passes. */
  drain(timeoutMs: number): Promise<void>;
  inFlight(): number;
}

const GENERIC_FAILURE =
  'Something went wrong on our side while answering. It has been logged; please try again in a moment.';
const DRAINING = 'The bot is restarting. Please try again in a few seconds.';

/** discord.js options from our JSON payload; mentions are always off. */
function toReplyOptions(m: MessagePayload): InteractionReplyOptions & InteractionUpdateOptions {
  return {
    content: m.content ?? '',
    embeds: m.embeds ?? [],
    components: m.components ?? [],
    allowedMentions: { parse: [] },
    ...(m.flags && (m.flags & EPHEMERAL) === EPHEMERAL ? { flags: MessageFlags.Ephemeral } : {}),
  } as InteractionReplyOptions & InteractionUpdateOptions;
}

function flattenOptions(
  data: readonly CommandInteractionOption[],
  out: Record<string, OptionValue>,
  attachments: Record<string, AttachmentInfo>,
): { subcommand: string | undefined } {
  let subcommand: string | undefined;
  for (const opt of data) {
    const isSubcommand = opt.type === ApplicationCommandOptionType.Subcommand;
    if (opt.options && (isSubcommand || opt.type === ApplicationCommandOptionType.SubcommandGroup)) {
      const inner = flattenOptions(opt.options, out, attachments);
      subcommand = inner.subcommand ? `${opt.name} ${inner.subcommand}` : opt.name;
    } else if (isSubcommand) {
      subcommand = opt.name;
    } else if (opt.value !== undefined && opt.value !== null) {
      out[opt.name] = opt.value;
      if (opt.attachment) {
        const a = opt.attachment;
        attachments[opt.name] = {
          id: a.id,
          name: a.name,
          size: a.size,
          url: a.url,
          contentType: a.contentType ?? undefined,
        };
      }
    }
  }
  return { subcommand };
}

type MemberLike = { roles?: unknown; displayName?: unknown; nick?: unknown } | null | undefined;

/** Role ids of the member, from a cached GuildMember or the raw interaction member. */
function rolesOf(member: MemberLike): string[] {
  const roles = member?.roles;
  if (Array.isArray(roles)) return roles.filter((r): r is string => typeof r === 'string');
  const cache = (roles as { cache?: Map<string, unknown> } | undefined)?.cache;
  return cache ? [...cache.keys()] : [];
}

function userNameOf(interaction: Interaction): string {
  const member = interaction.member as MemberLike;
  if (member && typeof member.displayName === 'string') return member.displayName;
  if (member && typeof member.nick === 'string' && member.nick) return member.nick;
  return interaction.user.globalName ?? interaction.user.username;
}

/** Builds the discord.js-independent command input. */
function commandInputOf(interaction: ChatInputCommandInteraction | AutocompleteInteraction): CommandInput {
  const options: Record<string, OptionValue> = {};
  const attachments: Record<string, AttachmentInfo> = {};
  const { subcommand } = flattenOptions(interaction.options.data, options, attachments);
  return {
    commandName: interaction.commandName,
    subcommand,
    options,
    userId: interaction.user.id,
    guildId: interaction.guildId ?? undefined,
    channelId: interaction.channelId ?? undefined,
    memberPermissions: interaction.memberPermissions?.bitfield.toString(),
    locale: interaction.locale,
    userName: userNameOf(interaction),
    memberRoles: rolesOf(interaction.member as MemberLike),
    attachments,
  };
}

type ComponentInteraction = ButtonInteraction | StringSelectMenuInteraction | ModalSubmitInteraction;

function componentInputOf(interaction: ComponentInteraction): ComponentInput {
  const fields: Record<string, string> = {};
  if (interaction.isModalSubmit())
    for (const field of interaction.fields.fields.values())
      if ('value' in field && typeof field.value === 'string') fields[field.customId] = field.value;
  return {
    kind: interaction.isModalSubmit() ? 'modal' : interaction.isButton() ? 'button' : 'select',
    customId: interaction.customId,
    userId: interaction.user.id,
    userName: userNameOf(interaction),
    guildId: interaction.guildId ?? undefined,
    channelId: interaction.channelId ?? undefined,
    messageId: interaction.message?.id,
    memberPermissions: interaction.memberPermissions?.bitfield.toString(),
    memberRoles: rolesOf(interaction.member as MemberLike),
    values: interaction.isStringSelectMenu() ? [...interaction.values] : [],
    fields,
    locale: interaction.locale,
  };
}

export function checkAccess(command: Command, input: CommandInput): void {
  if (!command.adminOnly) return;
  if (!input.guildId) throw new UserError(`/${command.data.name} works only inside a server.`);
  if (!canManageServer(input.memberPermissions)) {
    throw new UserError(`/${command.data.name} needs the **Manage Server** permission. Ask a server admin.`, {
      title: 'Not allowed',
    });
  }
}

function noticeFor(error: unknown): MessagePayload {
  if (error instanceof UserError)
    return renderNotice(error.message, error.title ? { title: error.title } : {});
  return renderNotice(GENERIC_FAILURE, { title: 'Sorry' });
}

type SettledOf<T> = { ok: true; value: T } | { ok: false; error: unknown };
type Settled = SettledOf<MessagePayload>;

function settle<T>(work: () => Promise<T> | T): Promise<SettledOf<T>> {
  return Promise.resolve()
    .then(work)
    .then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );
}

/** The outcome, or 'late' once `ms` pass without one. */
const within = <T>(p: Promise<T>, ms: number) => withDeadline(p, ms, () => 'late' as const);

export function createRouter(deps: RouterDeps): Router {
  const byName = new Map(deps.commands.map((c) => [c.data.name, c]));
  const byPageCode = new Map<string, Command>();
  for (const c of deps.commands) {
    if (!c.pages) continue;
    const taken = byPageCode.get(c.pages.code);
    if (taken)
      throw new Error(`/${c.data.name} and /${taken.data.name} both page with code "${c.pages.code}"`);
    byPageCode.set(c.pages.code, c);
  }
  const byComponentCode = new Map<string, { command: Command; route: ComponentRoute }>();
  for (const c of deps.commands) {
    for (const route of c.components ?? []) {
      const taken = byComponentCode.get(route.code)?.command ?? byPageCode.get(route.code);
      if (taken)
        throw new Error(
          `/${c.data.name} and /${taken.data.name} both use the component code "${route.code}"`,
        );
      byComponentCode.set(route.code, { command: c, route });
    }
  }
  const deferAfterMs = deps.deferAfterMs ?? 2000;
  let active = 0;
  let draining = false;
  let idle: (() => void) | undefined;
  const failed = new WeakMap<Interaction, InteractionOutcome>();

  /** The registered command an interaction belongs to (for events; components by their code). */
  const commandOf = (i: Interaction): string | undefined => {
    if (i.isChatInputCommand() || i.isAutocomplete()) return byName.get(i.commandName)?.data.name;
    if (!(i.isButton() || i.isStringSelectMenu() || i.isModalSubmit())) return undefined;
    const code = componentCode(i.customId);
    const page = parsePageButton(i.customId);
    return (
      (code === undefined ? undefined : byComponentCode.get(code)?.command.data.name) ??
      (page ? byPageCode.get(page.code)?.data.name : undefined)
    );
  };

  const logFailure = (error: unknown, interaction: Interaction, what: string) => {
    failed.set(interaction, error instanceof UserError ? 'user-error' : 'error');
    if (error instanceof UserError) return;
    deps.logger.error(
      {
        err: error,
        interactionId: interaction.id,
        what,
        userId: interaction.user.id,
        guildId: interaction.guildId,
      },
      'interaction failed',
    );
  };

  async function chatInput(interaction: ChatInputCommandInteraction): Promise<void> {
    const command = byName.get(interaction.commandName);
    const input = commandInputOf(interaction);
    const ephemeral = command?.ephemeral === true;
    const ctx = deps.context();
    let deferring: Promise<unknown> | undefined;
    const defer = () => {
      deferring ??= interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
      return deferring;
    };
    if (command?.heavy && ctx.heavyWork) {
      // Synchronous work blocks the event loop, so a timer-based deferral could not fire in time.
      await defer();
    }
    if (command?.modal && !interaction.deferred) {
      // A form must be the first response: decided at once, before any slow work.
      let modal: ReturnType<NonNullable<Command['modal']>>;
      try {
        checkAccess(command, input);
        modal = command.modal(ctx, input);
      } catch (error) {
        logFailure(error, interaction, `/${interaction.commandName}`);
        await interaction.reply(toReplyOptions({ ...noticeFor(error), flags: EPHEMERAL }));
        return;
      }
      if (modal) {
        await interaction.showModal(modal);
        return;
      }
    }
    // Progress: interim edits of the (deferred) reply; serialized so the last one shown is the last sent.
    let shown: Promise<unknown> = Promise.resolve();
    input.progress = (message) => {
      shown = shown
        .then(defer)
        .then(() => {
          const { flags: _flags, ...rest } = message;
          return interaction.editReply(toReplyOptions(rest));
        })
        .catch((err: unknown) => deps.logger.warn({ err }, 'could not show progress'));
      return shown.then(() => undefined);
    };
    const result = settle(() => {
      if (!command)
        throw new UserError(`/${interaction.commandName} is not a command of this bot (any more).`);
      checkAccess(command, input);
      return command.execute(ctx, input);
    });
    const early = interaction.deferred ? await result : await within(result, deferAfterMs);
    let outcome: Settled;
    if (early === 'late') {
      await defer();
      outcome = await result;
    } else outcome = early;
    await shown;
    if (!outcome.ok) logFailure(outcome.error, interaction, `/${interaction.commandName}`);
    const payload = outcome.ok ? outcome.value : noticeFor(outcome.error);
    const isEphemeral = ephemeral || ((payload.flags ?? 0) & EPHEMERAL) === EPHEMERAL;
    if (!interaction.deferred && !interaction.replied) {
      await interaction.reply(toReplyOptions(isEphemeral ? { ...payload, flags: EPHEMERAL } : payload));
    } else if (isEphemeral && !ephemeral) {
      // A public "thinking…" placeholder cannot turn private: remove it and answer privately.
      await interaction.deleteReply().catch(() => undefined);
      await interaction.followUp(toReplyOptions({ ...payload, flags: EPHEMERAL }));
    } else {
      const { flags: _flags, ...rest } = payload;
      await interaction.editReply(toReplyOptions(rest));
    }
  }

  async function autocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const command = byName.get(interaction.commandName);
    let choices: Awaited<ReturnType<NonNullable<Command['autocomplete']>>> = [];
    try {
      if (command?.autocomplete) {
        const focused = interaction.options.getFocused(true);
        const input: AutocompleteInput = {
          ...commandInputOf(interaction),
          focused: { name: focused.name, value: String(focused.value ?? '') },
        };
        if (!command.adminOnly || canManageServer(input.memberPermissions)) {
          choices = await command.autocomplete(deps.context(), input);
        }
      }
    } catch (error) {
      logFailure(error, interaction, `autocomplete /${interaction.commandName}`);
    }
    await interaction.respond(choices.slice(0, 25));
  }

  async function button(interaction: ButtonInteraction): Promise<void> {
    const button = parsePageButton(interaction.customId);
    const pages = button && byPageCode.get(button.code)?.pages;
    const result = settle(() => {
      if (!button || !pages) {
        throw new UserError('This button belongs to an older version of the bot. Run the command again.');
      }
      return pages.show(deps.context(), button);
    });
    const early = await within(result, deferAfterMs);
    let outcome: Settled;
    if (early === 'late') {
      await interaction.deferUpdate();
      outcome = await result;
    } else outcome = early;
    if (!outcome.ok) {
      logFailure(outcome.error, interaction, `button ${interaction.customId}`);
      const notice = toReplyOptions(noticeFor(outcome.error));
      if (interaction.deferred) await interaction.followUp(notice);
      else await interaction.reply(notice);
      return;
    }
    const { flags: _flags, ...rest } = outcome.value;
    if (interaction.deferred) await interaction.editReply(toReplyOptions(rest));
    else await interaction.update(toReplyOptions(rest));
  }

  /** Buttons (other than paging), select menus and modal submits routed by their custom_id's code. */
  async function component(interaction: ComponentInteraction, route: ComponentRoute): Promise<void> {
    const input = componentInputOf(interaction);
    const result = settle(() => route.handle(deps.context(), input));
    const early = await within(result, deferAfterMs);
    let outcome: SettledOf<ComponentReply>;
    let deferredAs: 'update' | 'reply' | undefined;
    if (early === 'late') {
      const canUpdate = !interaction.isModalSubmit() || interaction.isFromMessage();
      deferredAs = route.defer === 'update' && canUpdate ? 'update' : 'reply';
      if (deferredAs === 'update') await (interaction as ButtonInteraction).deferUpdate();
      else await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      outcome = await result;
    } else outcome = early;
    if (!outcome.ok) {
      logFailure(outcome.error, interaction, `${input.kind} ${interaction.customId}`);
      const notice = toReplyOptions({ ...noticeFor(outcome.error), flags: EPHEMERAL });
      if (deferredAs === 'reply') await interaction.editReply(notice);
      else if (deferredAs === 'update') await interaction.followUp(notice);
      else await interaction.reply(notice);
      return;
    }
    const reply = outcome.value;
    if ('modal' in reply) {
      if (interaction.isModalSubmit() || deferredAs) {
        deps.logger.error({ customId: interaction.customId }, 'a form cannot answer a form or a late click');
        const notice = toReplyOptions({ ...noticeFor(new Error('late')), flags: EPHEMERAL });
        if (deferredAs === 'reply') await interaction.editReply(notice);
        else if (deferredAs) await interaction.followUp(notice);
        else await interaction.reply(notice);
        return;
      }
      await interaction.showModal(reply.modal);
      return;
    }
    const canUpdate = !interaction.isModalSubmit() || interaction.isFromMessage();
    if ('update' in reply && canUpdate) {
      const { flags: _flags, ...rest } = reply.update;
      if (deferredAs === 'update') await interaction.editReply(toReplyOptions(rest));
      else if (deferredAs === 'reply') {
        await interaction.message?.edit(toReplyOptions(rest) as never).catch(() => undefined);
        await interaction.deleteReply().catch(() => undefined);
      } else if (interaction.isModalSubmit()) await interaction.update(toReplyOptions(rest));
      else await interaction.update(toReplyOptions(rest));
      return;
    }
    const message = 'update' in reply ? reply.update : reply.reply;
    const isEphemeral = ((message.flags ?? 0) & EPHEMERAL) === EPHEMERAL;
    if (deferredAs === 'reply') {
      const { flags: _flags, ...rest } = message;
      await interaction.editReply(toReplyOptions(rest));
    } else if (deferredAs === 'update') await interaction.followUp(toReplyOptions(message));
    else await interaction.reply(toReplyOptions(isEphemeral ? message : { ...message }));
  }

  async function dispatch(interaction: Interaction): Promise<void> {
    if (draining) {
      if (interaction.isAutocomplete()) await interaction.respond([]);
      else if (interaction.isRepliable()) await interaction.reply(toReplyOptions(renderNotice(DRAINING)));
      return;
    }
    if (interaction.isChatInputCommand()) return chatInput(interaction);
    if (interaction.isAutocomplete()) return autocomplete(interaction);
    if (interaction.isButton() || interaction.isStringSelectMenu() || interaction.isModalSubmit()) {
      if (interaction.customId.startsWith('noop|')) {
        if (interaction.isModalSubmit()) return;
        return interaction.deferUpdate().then(() => undefined);
      }
      const code = componentCode(interaction.customId);
      const found = code === undefined ? undefined : byComponentCode.get(code);
      const kind = interaction.isButton() ? 'button' : interaction.isModalSubmit() ? 'modal' : 'select';
      if (found && found.route.kind === kind) return component(interaction, found.route);
      if (interaction.isButton()) return button(interaction);
      return interaction
        .reply(
          toReplyOptions({
            ...noticeFor(
              new UserError(
                'This menu or form belongs to an older version of the bot. Run the command again.',
              ),
            ),
            flags: EPHEMERAL,
          }),
        )
        .then(() => undefined);
    }
  }

  return {
    async handle(interaction) {
      active++;
      const startedAt = performance.now();
      let outcome: InteractionOutcome = draining ? 'draining' : 'ok';
      try {
        await dispatch(interaction);
        outcome = failed.get(interaction) ?? outcome;
      } catch (error) {
        outcome = 'unanswered';
        // Discord refused our answer (expired token, already acknowledged…): nothing more we can send.
        deps.logger.warn(
          { err: error, interactionId: interaction.id, type: interaction.type },
          'could not answer interaction',
        );
      } finally {
        active--;
        const { id } = interaction;
        deps.events?.finished({
          id,
          kind: kindOf(interaction),
          command: commandOf(interaction),
          outcome,
          startedAt,
        });
        if (active === 0) idle?.();
      }
    },
    drain(timeoutMs) {
      draining = true;
      if (active === 0) return Promise.resolve();
      const settled = new Promise<void>((resolve) => {
        idle = resolve;
      });
      return withDeadline(settled, timeoutMs, () => undefined);
    },
    inFlight: () => active,
  };
}
