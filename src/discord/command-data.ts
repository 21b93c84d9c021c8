/**
 * Slash command JSON, typed so a command's arguments follow from its options (as yuudachi's
 * ArgumentsOf does): option names stay literal, `required: true` makes an argument non-optional,
 * `choices` narrow it to their values, subcommands become a union discriminated by `subcommand`.
 *
 *   data: { name: 'briefing', options: [dateInputOption('as_of', '…')] }  →  args.as_of: string | undefined
 */
import {
  type ApplicationIntegrationType,
  type ChannelType,
  ApplicationIntegrationType as Integration,
  InteractionContextType as InteractionContext,
  type InteractionContextType,
  ApplicationCommandOptionType as OptionType,
} from 'discord-api-types/v10';
import type { Briefbook } from '../domain/briefbook.ts';
import type { Translator } from '../i18n/catalog.ts';
import type { AutocompleteInput, Choice, CommandContext } from './command.ts';

interface OptionBase {
  readonly name: string;
  readonly description: string;
  readonly required?: boolean;
}

export interface StringOptionData extends OptionBase {
  readonly type: OptionType.String;
  readonly choices?: readonly { readonly name: string; readonly value: string }[];
  readonly autocomplete?: boolean;
  readonly min_length?: number;
  readonly max_length?: number;
}

export interface NumberOptionData extends OptionBase {
  readonly type: OptionType.Integer | OptionType.Number;
  readonly choices?: readonly { readonly name: string; readonly value: number }[];
  readonly autocomplete?: boolean;
  readonly min_value?: number;
  readonly max_value?: number;
}

export interface BooleanOptionData extends OptionBase {
  readonly type: OptionType.Boolean;
}

/** Channel, user, role and mentionable options arrive as snowflake strings. */
export interface SnowflakeOptionData extends OptionBase {
  readonly type: OptionType.Channel | OptionType.User | OptionType.Role | OptionType.Mentionable;
  readonly channel_types?: readonly ChannelType[];
}

/** An uploaded file: the argument is its attachment id (CommandInput.attachments has the file). */
export interface AttachmentOptionData extends OptionBase {
  readonly type: OptionType.Attachment;
}

export type ValueOptionData =
  | StringOptionData
  | NumberOptionData
  | BooleanOptionData
  | SnowflakeOptionData
  | AttachmentOptionData;

export interface SubcommandData {
  readonly type: OptionType.Subcommand;
  readonly name: string;
  readonly description: string;
  readonly options?: readonly ValueOptionData[];
}

/** `/curate feed add`: a group of subcommands; the argument's `subcommand` is "feed add". */
export interface SubcommandGroupData {
  readonly type: OptionType.SubcommandGroup;
  readonly name: string;
  readonly description: string;
  readonly options: readonly SubcommandData[];
}

/** The part of Discord's chat-input command JSON the bot uses, readonly so literal types survive. */
export interface CommandData {
  readonly name: string;
  readonly description: string;
  readonly options?: readonly ValueOptionData[] | readonly (SubcommandData | SubcommandGroupData)[];
  readonly default_member_permissions?: string | null;
  readonly dm_permission?: boolean;
  readonly integration_types?: readonly ApplicationIntegrationType[];
  readonly contexts?: readonly InteractionContextType[];
}

type ValueOf<O extends ValueOptionData> = O extends {
  readonly choices: readonly { readonly value: infer V }[];
}
  ? V
  : O extends StringOptionData | SnowflakeOptionData | AttachmentOptionData
    ? string
    : O extends NumberOptionData
      ? number
      : boolean;

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The arguments of a list of options: required ones always present, the others maybe undefined. */
export type ArgsOfOptions<Os> = Os extends readonly ValueOptionData[]
  ? Simplify<
      { [O in Os[number] as O extends { readonly required: true } ? O['name'] : never]: ValueOf<O> } & {
        [O in Os[number] as O extends { readonly required: true } ? never : O['name']]?:
          | ValueOf<O>
          | undefined;
      }
    >
  : Record<never, never>;

type ArgsOfSubcommand<S, Prefix extends string = ''> = S extends SubcommandData
  ? Simplify<{ subcommand: `${Prefix}${S['name']}` } & ArgsOfOptions<S['options']>>
  : S extends SubcommandGroupData
    ? ArgsOfSubcommand<S['options'][number], `${S['name']} `>
    : never;

/** What `execute` receives for a command whose JSON is `D`. */
export type ArgsOf<D extends CommandData> = D['options'] extends readonly (
  | SubcommandData
  | SubcommandGroupData
)[]
  ? ArgsOfSubcommand<D['options'][number]>
  : ArgsOfOptions<D['options']>;

/** Where the read-only commands are offered: in servers that installed the bot, and in its DMs. */
export const READ_COMMAND_CONTEXTS = {
  integration_types: [Integration.GuildInstall],
  contexts: [InteractionContext.Guild, InteractionContext.BotDM],
} as const;

type Required<R extends boolean> = R extends true
  ? { readonly required: true }
  : { readonly required?: false };

/** A free-text option backed by autocomplete (actors, topics, events); typed text still resolves. */
export function lookupOption<const N extends string, const R extends boolean = false>(
  name: N,
  description: string,
  opts: { required?: R } = {},
) {
  return {
    type: OptionType.String,
    name,
    description,
    ...(opts.required ? { required: true } : {}),
    autocomplete: true,
    max_length: 100,
  } as {
    readonly type: OptionType.String;
    readonly name: N;
    readonly description: string;
    readonly autocomplete: true;
    readonly max_length: 100;
  } & Required<R>;
}

/** A date option typed as YYYY-MM-DD or YYYY-MM. */
export function dateInputOption<const N extends string>(name: N, description: string) {
  return { type: OptionType.String, name, description, max_length: 10 } as const;
}

/** Autocomplete that answers each focused option from its own source; unknown options get none. */
export function autocompleteBy(
  sources: Record<string, (book: Briefbook, typed: string, t: Translator) => Choice[]>,
): (ctx: CommandContext, input: AutocompleteInput) => Choice[] {
  return (ctx, input) => sources[input.focused.name]?.(ctx.book, input.focused.value, ctx.t) ?? [];
}
