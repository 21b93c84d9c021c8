/** What the router reads from a discord.js interaction, as plain inputs commands can be tested with. */
import {
  ApplicationCommandOptionType,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  type Interaction,
  type ModalSubmitInteraction,
  type StringSelectMenuInteraction,
} from 'discord.js';
import type { AttachmentInfo, CommandInput, ComponentInput, OptionValue } from './command.ts';

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
export function commandInputOf(
  interaction: ChatInputCommandInteraction | AutocompleteInteraction,
): CommandInput {
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
    guildLocale: interaction.guildLocale ?? undefined,
    userName: userNameOf(interaction),
    memberRoles: rolesOf(interaction.member as MemberLike),
    attachments,
  };
}

export type ComponentInteraction = ButtonInteraction | StringSelectMenuInteraction | ModalSubmitInteraction;

export function componentInputOf(interaction: ComponentInteraction): ComponentInput {
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
