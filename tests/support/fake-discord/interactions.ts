/** INTERACTION_CREATE payloads complete enough for discord.js to build its interaction classes. */
import {
  type APIApplicationCommand,
  type APIApplicationCommandInteractionDataOption,
  type APIApplicationCommandOption,
  type APIInteraction,
  type APIInteractionDataResolved,
  type APIMessage,
  type APIUser,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ComponentType,
  InteractionContextType,
  InteractionType,
} from 'discord-api-types/v10';
import { type ChannelState, type GuildState, type MemberState, toAPIChannel, toAPIMember } from './model.ts';

/** Options in API shape, or a flat `{ name: value }` shorthand typed from the registered command. */
export type OptionsInput =
  | APIApplicationCommandInteractionDataOption[]
  | Record<string, string | number | boolean>;

/** Who/where an interaction comes from. Everything is optional. */
export interface InteractionOptions {
  /** Guild to run in (default: the fake's first guild). `null` = a DM with the bot. */
  guildId?: string | null;
  /** Channel (default: the guild's first text channel). */
  channelId?: string;
  /** Invoking user id (default: a fixed test user). */
  userId?: string;
  username?: string;
  /** Roles of the invoking member. */
  roles?: string[];
  /**
   * The member's permissions as Discord sends them (e.g. `'0'`, or `PermissionFlagsBits.ManageGuild`).
   * Default: computed from the guild's roles and the channel's overwrites.
   */
  permissions?: bigint | string;
  /** The bot's permissions (`app_permissions`). Default: computed like Discord does. */
  appPermissions?: bigint | string;
  /** User locale (default `en-US`). */
  locale?: string;
  /** Guild locale (default: the guild's preferred locale). */
  guildLocale?: string;
  /** `data.resolved`, if options refer to users/channels/roles. */
  resolved?: APIInteractionDataResolved;
  /** With the record shorthand: run this subcommand (and group). */
  subcommand?: string;
  group?: string;
  /** With the record shorthand for autocomplete: which option is focused. */
  focused?: string;
  /** How long `callback` waits before rejecting (default: deadline + 2 s). */
  timeoutMs?: number;
  /**
   * Which of the gateway sessions that own the guild gets it (0 = the newest), when several bot
   * processes are connected as the same shard.
   */
  via?: number;
}

export interface BaseContext {
  id: string;
  token: string;
  applicationId: string;
  guild: GuildState | null;
  channel: ChannelState;
  user: APIUser;
  member: MemberState | null;
  memberPermissions: string;
  appPermissions: string;
  locale: string;
  guildLocale: string | undefined;
}

export function baseInteraction(ctx: BaseContext): Record<string, unknown> {
  const channel = toAPIChannel(ctx.channel);
  const common: Record<string, unknown> = {
    id: ctx.id,
    application_id: ctx.applicationId,
    token: ctx.token,
    version: 1,
    channel,
    channel_id: ctx.channel.id,
    app_permissions: ctx.appPermissions,
    locale: ctx.locale,
    entitlements: [],
    attachment_size_limit: 10 * 1024 * 1024,
  };
  if (ctx.guild && ctx.member) {
    return {
      ...common,
      guild_id: ctx.guild.id,
      guild: {
        id: ctx.guild.id,
        features: ctx.guild.features,
        locale: ctx.guildLocale ?? ctx.guild.preferredLocale,
      },
      guild_locale: ctx.guildLocale ?? ctx.guild.preferredLocale,
      member: { ...toAPIMember(ctx.member), permissions: ctx.memberPermissions },
      authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: ctx.guild.id },
      context: InteractionContextType.Guild,
    };
  }
  return {
    ...common,
    user: ctx.user,
    authorizing_integration_owners: { [ApplicationIntegrationType.UserInstall]: ctx.user.id },
    context: InteractionContextType.BotDM,
  };
}

function inferType(value: string | number | boolean, def: APIApplicationCommandOption | undefined): number {
  if (def) return def.type;
  if (typeof value === 'boolean') return ApplicationCommandOptionType.Boolean;
  if (typeof value === 'number')
    return Number.isInteger(value)
      ? ApplicationCommandOptionType.Integer
      : ApplicationCommandOptionType.Number;
  return ApplicationCommandOptionType.String;
}

function childOptions(list: readonly APIApplicationCommandOption[] | undefined, name: string | undefined) {
  if (!name || !list) return list;
  const found = list.find((o) => o.name === name);
  return found && 'options' in found
    ? (found.options as APIApplicationCommandOption[] | undefined)
    : undefined;
}

/** Turns the shorthand into API options, typed from the registered command when there is one. */
export function toOptionList(
  input: OptionsInput | undefined,
  command: APIApplicationCommand | undefined,
  opts: Pick<InteractionOptions, 'subcommand' | 'group' | 'focused'>,
): APIApplicationCommandInteractionDataOption[] {
  if (input === undefined) input = {};
  if (Array.isArray(input)) return input;
  const groupDefs = childOptions(command?.options, opts.group);
  const defs = opts.subcommand
    ? childOptions(opts.group ? groupDefs : command?.options, opts.subcommand)
    : command?.options;
  let list = Object.entries(input).map(([name, value]) => {
    const def = defs?.find((o) => o.name === name);
    const option = { name, type: inferType(value, def), value } as Record<string, unknown>;
    if (opts.focused === name) option.focused = true;
    return option as unknown as APIApplicationCommandInteractionDataOption;
  });
  if (opts.subcommand) {
    list = [
      {
        name: opts.subcommand,
        type: ApplicationCommandOptionType.Subcommand,
        options: list,
      } as APIApplicationCommandInteractionDataOption,
    ];
  }
  if (opts.group) {
    list = [
      {
        name: opts.group,
        type: ApplicationCommandOptionType.SubcommandGroup,
        options: list,
      } as APIApplicationCommandInteractionDataOption,
    ];
  }
  return list;
}

export function chatInputPayload(
  ctx: BaseContext,
  command: { id: string; name: string; guildId: string | null },
  options: APIApplicationCommandInteractionDataOption[],
  resolved: APIInteractionDataResolved | undefined,
  autocomplete: boolean,
): APIInteraction {
  return {
    ...baseInteraction(ctx),
    type: autocomplete ? InteractionType.ApplicationCommandAutocomplete : InteractionType.ApplicationCommand,
    data: {
      id: command.id,
      name: command.name,
      type: ApplicationCommandType.ChatInput,
      ...(options.length > 0 ? { options } : {}),
      ...(resolved ? { resolved } : {}),
      ...(command.guildId ? { guild_id: command.guildId } : {}),
    },
  } as unknown as APIInteraction;
}

export function buttonPayload(ctx: BaseContext, customId: string, message: APIMessage): APIInteraction {
  return {
    ...baseInteraction(ctx),
    type: InteractionType.MessageComponent,
    message,
    data: { custom_id: customId, component_type: ComponentType.Button },
  } as unknown as APIInteraction;
}

export function stringSelectPayload(
  ctx: BaseContext,
  customId: string,
  values: string[],
  message: APIMessage,
): APIInteraction {
  return {
    ...baseInteraction(ctx),
    type: InteractionType.MessageComponent,
    message,
    data: { custom_id: customId, component_type: ComponentType.StringSelect, values },
  } as unknown as APIInteraction;
}

/** Finds a component with this custom_id anywhere in a message's component tree. */
export function hasCustomId(components: unknown, customId: string): boolean {
  if (!Array.isArray(components)) return false;
  for (const c of components) {
    if (typeof c !== 'object' || c === null) continue;
    const rec = c as Record<string, unknown>;
    if (rec.custom_id === customId) return true;
    if (hasCustomId(rec.components, customId)) return true;
    if (rec.accessory && hasCustomId([rec.accessory], customId)) return true;
  }
  return false;
}

/** MODAL_SUBMIT (type 5): the values of the form's text inputs, as the client sends them back. */
export function modalSubmitPayload(
  ctx: BaseContext,
  customId: string,
  fields: Array<{ custom_id: string; value: string }>,
  message: APIMessage | undefined,
): APIInteraction {
  return {
    ...baseInteraction(ctx),
    type: InteractionType.ModalSubmit,
    ...(message ? { message } : {}),
    data: {
      custom_id: customId,
      components: fields.map((f) => ({
        type: ComponentType.ActionRow,
        components: [{ type: ComponentType.TextInput, custom_id: f.custom_id, value: f.value }],
      })),
    },
  } as unknown as APIInteraction;
}

/** The text inputs of a modal (type 9 callback data), rows or labels. */
export function modalInputs(modal: unknown): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) for (const v of value) walk(v);
    else if (value && typeof value === 'object') {
      const rec = value as Record<string, unknown>;
      if (rec.type === ComponentType.TextInput) out.push(rec);
      walk(rec.components);
      walk(rec.component);
    }
  };
  walk((modal as { components?: unknown } | null)?.components);
  return out;
}
