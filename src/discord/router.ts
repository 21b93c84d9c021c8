import { performance } from 'node:perf_hooks';
import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  Interaction,
} from 'discord.js';
import { withDeadline } from '../clock.ts';
import { type LocalText, msg, type Translator } from '../i18n/catalog.ts';
import { localizedCommandName } from '../i18n/commands.ts';
import { translatorFor } from '../i18n/languages.ts';
import type { Logger } from '../logger.ts';
import { componentCode } from '../render/custom-id.ts';
import { EPHEMERAL, type MessagePayload } from '../render/message.ts';
import { renderNotice } from '../render/notice.ts';
import { parsePageButton } from '../render/paged-view.ts';
import {
  type Answerer,
  answerer,
  isEphemeral,
  type Resend,
  replyOptions,
  resendOnFreshConnection,
} from './answer.ts';
import {
  type AutocompleteInput,
  type Command,
  type CommandContext,
  type CommandInput,
  type ComponentReply,
  type ComponentRoute,
  canManageServer,
  UserError,
} from './command.ts';
import { type InteractionEvents, type InteractionOutcome, kindOf } from './interaction-events.ts';
import { type ComponentInteraction, commandInputOf, componentInputOf } from './interaction-input.ts';
import { createWorkLane, type WorkLane } from './work-lane.ts';

export interface RouterDeps {
  commands: readonly Command[];
  /** A fresh context per interaction: it pins the dataset snapshot the work runs on. */
  context: () => Omit<CommandContext, 't'>;
  logger: Logger;
  /** Defer when the answer is not ready by then; Discord allows 3 s for the first response. */
  deferAfterMs?: number;
  /** Told how each interaction ended (the operator's metrics); optional. */
  events?: InteractionEvents | undefined;
  /**
   * Acknowledge (defer) before queueing when the work ahead and the job itself are expected to
   * take longer than this, so a burst's first responses do not wait for one another's work.
   */
  ackFirstAfterMs?: number;
  /** How a lost answer is sent again (default: a fresh connection through the client's REST). */
  resend?: Resend;
  /** The synchronous work of every interaction (default: one lane per router). */
  lane?: WorkLane;
  /**
   * A private notice owed to the user (e.g. their follow digests were paused), sent once after the
   * answer to their next command; looked up after the first response, so no answer waits for it.
   */
  noticeFor?: (userId: string, t: Translator) => Promise<MessagePayload | undefined>;
}

export interface Router {
  handle(interaction: Interaction): Promise<void>;
  /** Stop taking new work; resolves when in-flight interactions are answered or `timeoutMs` passes. */
  drain(timeoutMs: number): Promise<void>;
  inFlight(): number;
}

export function checkAccess(command: Command, input: CommandInput): void {
  if (!command.adminOnly) return;
  if (!input.guildId) throw new UserError('error.serverOnly', { command: commandName(command, input) });
  if (!canManageServer(input.memberPermissions)) {
    throw new UserError(
      'error.needsManageServer',
      { command: commandName(command, input) },
      { title: msg('error.notAllowed.title') },
    );
  }
}

/** The command's name as the reader's client shows it. */
function commandName(command: Command, input: CommandInput): LocalText {
  return (t) => localizedCommandName(t, command.data.name) ?? input.commandName;
}

/** A user error in the reader's language; anything else is our failure, said as such. */
function noticeFor(error: unknown, t: Translator): MessagePayload {
  if (error instanceof UserError) {
    const { message, title } = error.render(t);
    return renderNotice(message, title ? { title } : {});
  }
  return renderNotice(t.t('error.generic'), { title: t.t('error.generic.title') });
}

type SettledOf<T> = { ok: true; value: T } | { ok: false; error: unknown };
type Settled = SettledOf<MessagePayload>;

const settled = <T>(p: Promise<T>): Promise<SettledOf<T>> =>
  p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );

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
  /** A context in the reader's language (the interaction's locale). */
  const contextFor = (locale: string | undefined): CommandContext => ({
    ...deps.context(),
    t: translatorFor(locale),
  });
  const deferAfterMs = deps.deferAfterMs ?? 2000;
  const ackFirstAfterMs = deps.ackFirstAfterMs ?? 150;
  const lane = deps.lane ?? createWorkLane();
  const resend = deps.resend ?? resendOnFreshConnection;
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

  /**
   * Acknowledge first when the work could outlast Discord's 3 s on its own (a heavy command on a big
   * dataset), when the dataset is big and the lane busy (a job ahead may block the loop for long,
   * and no deferral timer fires while it does), or when the lane's expected wait is long.
   */
  const ackFirst = (key: string, heavy: boolean, bigData: boolean) =>
    heavy || (bigData && lane.size() > 0) || lane.expectedMs(key) > ackFirstAfterMs;

  async function chatInput(interaction: ChatInputCommandInteraction, answer: Answerer): Promise<void> {
    const command = byName.get(interaction.commandName);
    const input = commandInputOf(interaction);
    const ephemeral = command?.ephemeral === true;
    const ctx = contextFor(interaction.locale);
    const key = `/${interaction.commandName}`;
    // Looked up once the first response is out (a burst's acknowledgements do not wait on the
    // store), while the work runs when the command was deferred.
    let notice: Promise<MessagePayload | undefined> | undefined;
    const lookUpNotice = () => {
      notice ??=
        deps.noticeFor?.(interaction.user.id, ctx.t).catch(() => undefined) ?? Promise.resolve(undefined);
      return notice;
    };
    const sendNotice = async () => {
      const payload = await lookUpNotice();
      if (payload) await answer.followUp({ ...payload, flags: EPHEMERAL }).catch(() => undefined);
    };
    if (command?.modal) {
      // A form must be the first response: decided at once, before any deferral or slow work.
      let modal: ReturnType<NonNullable<Command['modal']>>;
      try {
        checkAccess(command, input);
        modal = command.modal(ctx, input);
      } catch (error) {
        logFailure(error, interaction, key);
        await answer.reply({ ...noticeFor(error, ctx.t), flags: EPHEMERAL });
        await sendNotice();
        return;
      }
      if (modal) {
        await answer.showModal(modal);
        await sendNotice();
        return;
      }
    }
    let deferring: Promise<void> | undefined;
    const defer = () => {
      deferring ??= answer.defer(ephemeral);
      return deferring;
    };
    // The deferral is sent before the work is queued: it goes out while earlier work runs.
    const heavy = command?.heavy === true && ctx.heavyWork;
    if (ackFirst(key, heavy, ctx.heavyWork)) void defer().catch(() => undefined);
    // Progress: interim edits of the (deferred) reply; serialized so the last one shown is the last sent.
    let shown: Promise<unknown> = Promise.resolve();
    input.progress = (message) => {
      shown = shown
        .then(defer)
        .then(() => answer.edit(message))
        .catch((err: unknown) => deps.logger.warn({ err }, 'could not show progress'));
      return shown.then(() => undefined);
    };
    const result = settled(
      lane.run(
        key,
        () => {
          if (!command) throw new UserError('error.notACommand', { command: interaction.commandName });
          checkAccess(command, input);
          return command.execute(ctx, input);
        },
        { heavy },
      ),
    );
    if (deferring) {
      await deferring;
      void lookUpNotice();
    }
    const early = deferring ? await result : await within(result, deferAfterMs);
    let outcome: Settled;
    if (early === 'late') {
      await defer();
      outcome = await result;
    } else outcome = early;
    await shown;
    if (!outcome.ok) logFailure(outcome.error, interaction, key);
    const payload = outcome.ok ? outcome.value : noticeFor(outcome.error, ctx.t);
    const isPrivate = ephemeral || isEphemeral(payload);
    if (!interaction.deferred && !interaction.replied) {
      await answer.reply(isPrivate ? { ...payload, flags: EPHEMERAL } : payload);
    } else if (isPrivate && !ephemeral) {
      // A public "thinking…" placeholder cannot turn private: remove it and answer privately.
      await answer.deleteReply().catch(() => undefined);
      await answer.followUp({ ...payload, flags: EPHEMERAL });
    } else {
      await answer.edit(payload);
    }
    await sendNotice();
  }

  async function autocomplete(interaction: AutocompleteInteraction, answer: Answerer): Promise<void> {
    const command = byName.get(interaction.commandName);
    let choices: Awaited<ReturnType<NonNullable<Command['autocomplete']>>> = [];
    try {
      const suggest = command?.autocomplete;
      if (suggest) {
        const focused = interaction.options.getFocused(true);
        const input: AutocompleteInput = {
          ...commandInputOf(interaction),
          focused: { name: focused.name, value: String(focused.value ?? '') },
        };
        if (!command.adminOnly || canManageServer(input.memberPermissions)) {
          // Autocomplete cannot be deferred: it goes ahead of queued commands.
          const key = `autocomplete /${interaction.commandName}`;
          choices = await lane.run(key, () => suggest(contextFor(interaction.locale), input), {
            first: true,
          });
        }
      }
    } catch (error) {
      logFailure(error, interaction, `autocomplete /${interaction.commandName}`);
    }
    await answer.respond(choices.slice(0, 25));
  }

  async function pageButton(interaction: ButtonInteraction, answer: Answerer): Promise<void> {
    const button = parsePageButton(interaction.customId);
    const pages = button && byPageCode.get(button.code)?.pages;
    const key = `button ${button?.code ?? '?'}`;
    const ctx = contextFor(interaction.locale);
    const acked = ackFirst(key, false, ctx.heavyWork) ? answer.deferUpdate() : undefined;
    const result = settled(
      lane.run(
        key,
        () => {
          if (!button || !pages)
            throw new UserError('error.oldButton', {}, { title: msg('error.outOfDate.title') });
          return pages.show(ctx, button);
        },
        { heavy: ctx.heavyWork },
      ),
    );
    if (acked) await acked;
    const early = acked ? await result : await within(result, deferAfterMs);
    let outcome: Settled;
    if (early === 'late') {
      await answer.deferUpdate();
      outcome = await result;
    } else outcome = early;
    if (!outcome.ok) {
      logFailure(outcome.error, interaction, `button ${interaction.customId}`);
      const notice = noticeFor(outcome.error, ctx.t);
      if (interaction.deferred) await answer.followUp(notice);
      else await answer.reply(notice);
      return;
    }
    if (interaction.deferred) await answer.edit(outcome.value);
    else await answer.update(outcome.value);
  }

  /**
   * Buttons (other than paging), select menus and modal submits routed by their custom_id's code.
   * Their answer may be a form, which must be the first response: they are never deferred ahead of
   * their work, and go ahead of queued commands.
   */
  async function component(
    interaction: ComponentInteraction,
    route: ComponentRoute,
    answer: Answerer,
  ): Promise<void> {
    const input = componentInputOf(interaction);
    const ctx = contextFor(interaction.locale);
    const result = settled(
      lane.run(`${input.kind} ${route.code}`, () => route.handle(ctx, input), { first: true }),
    );
    const early = await within(result, deferAfterMs);
    let outcome: SettledOf<ComponentReply>;
    let deferredAs: 'update' | 'reply' | undefined;
    const canUpdate = !interaction.isModalSubmit() || interaction.isFromMessage();
    if (early === 'late') {
      deferredAs = route.defer === 'update' && canUpdate ? 'update' : 'reply';
      if (deferredAs === 'update') await answer.deferUpdate();
      else await answer.defer(true);
      outcome = await result;
    } else outcome = early;
    const notify = async (notice: MessagePayload) => {
      const privately = { ...notice, flags: EPHEMERAL };
      if (deferredAs === 'reply') await answer.edit(privately);
      else if (deferredAs === 'update') await answer.followUp(privately);
      else await answer.reply(privately);
    };
    if (!outcome.ok) {
      logFailure(outcome.error, interaction, `${input.kind} ${interaction.customId}`);
      await notify(noticeFor(outcome.error, ctx.t));
      return;
    }
    const reply = outcome.value;
    if ('modal' in reply) {
      if (interaction.isModalSubmit() || deferredAs) {
        deps.logger.error({ customId: interaction.customId }, 'a form cannot answer a form or a late click');
        await notify(noticeFor(new Error('late'), ctx.t));
        return;
      }
      await answer.showModal(reply.modal);
      return;
    }
    if ('update' in reply && canUpdate) {
      if (deferredAs === 'update') await answer.edit(reply.update);
      else if (deferredAs === 'reply') {
        const { flags: _flags, ...rest } = reply.update;
        await interaction.message?.edit(replyOptions(rest) as never).catch(() => undefined);
        await answer.deleteReply().catch(() => undefined);
      } else await answer.update(reply.update);
      return;
    }
    const message = 'update' in reply ? reply.update : reply.reply;
    if (deferredAs === 'reply') await answer.edit(message);
    else if (deferredAs === 'update') await answer.followUp(message);
    else await answer.reply(message);
  }

  async function dispatch(interaction: Interaction, answer: Answerer): Promise<void> {
    if (draining) {
      if (interaction.isAutocomplete()) await answer.respond([]);
      else if (interaction.isRepliable())
        await answer.reply(renderNotice(translatorFor(interaction.locale).t('error.draining')));
      return;
    }
    if (interaction.isChatInputCommand()) return chatInput(interaction, answer);
    if (interaction.isAutocomplete()) return autocomplete(interaction, answer);
    if (interaction.isButton() || interaction.isStringSelectMenu() || interaction.isModalSubmit()) {
      if (interaction.customId.startsWith('noop|')) {
        if (interaction.isModalSubmit()) return;
        return answer.deferUpdate();
      }
      const code = componentCode(interaction.customId);
      const found = code === undefined ? undefined : byComponentCode.get(code);
      const kind = interaction.isButton() ? 'button' : interaction.isModalSubmit() ? 'modal' : 'select';
      if (found && found.route.kind === kind) return component(interaction, found.route, answer);
      if (interaction.isButton()) return pageButton(interaction, answer);
      const t = translatorFor(interaction.locale);
      return answer.reply({ ...noticeFor(new UserError('error.oldComponent', {}), t), flags: EPHEMERAL });
    }
  }

  return {
    async handle(interaction) {
      const receivedAt = performance.now();
      active++;
      const startedAt = receivedAt;
      let outcome: InteractionOutcome = draining ? 'draining' : 'ok';
      try {
        const answer = answerer(interaction, {
          logger: deps.logger,
          resend,
          receivedAt,
          sending: (p) => lane.hold(p),
        });
        await dispatch(interaction, answer);
        outcome = failed.get(interaction) ?? outcome;
      } catch (error) {
        outcome = 'unanswered';
        // Discord refused our answer (expired token, already acknowledged…), or it was lost twice.
        deps.logger.warn(
          {
            err: error,
            interactionId: interaction.id,
            type: interaction.type,
            msSinceReceived: Math.round(performance.now() - receivedAt),
          },
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
      const done = new Promise<void>((resolve) => {
        idle = resolve;
      });
      return withDeadline(done, timeoutMs, () => undefined);
    },
    inFlight: () => active,
  };
}
