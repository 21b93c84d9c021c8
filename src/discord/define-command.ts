/**
 * defineCommand: a command file declares its JSON and an `execute` that takes typed arguments. The
 * arguments of one invocation are read from what Discord sent against the command's own JSON: the
 * subcommand chosen, each option converted to its type, blank text treated as absent, choices and
 * required options enforced (Discord checks them too; a stale client or a hand-made request may not).
 */
import { ApplicationCommandOptionType as OptionType } from 'discord-api-types/v10';
import { localizedCommandName, localizedOptionName } from '../i18n/commands.ts';
import { inlineCode } from '../render/escape.ts';
import { truncate } from '../render/limits.ts';
import type { MessagePayload } from '../render/message.ts';
import {
  type Command,
  type CommandContext,
  type CommandInput,
  type OptionValue,
  UserError,
} from './command.ts';
import type {
  ArgsOf,
  CommandData,
  SubcommandData,
  SubcommandGroupData,
  ValueOptionData,
} from './command-data.ts';

type Entry = ValueOptionData | SubcommandData | SubcommandGroupData;

function isSubcommand(option: Entry): option is SubcommandData | SubcommandGroupData {
  return option.type === OptionType.Subcommand || option.type === OptionType.SubcommandGroup;
}

/** Subcommands by the name the router reports: "add", or "feed add" inside a group. */
function subcommandsOf(options: readonly Entry[]): { name: string; sub: SubcommandData }[] {
  return options
    .filter(isSubcommand)
    .flatMap((o) =>
      o.type === OptionType.SubcommandGroup
        ? o.options.map((sub) => ({ name: `${o.name} ${sub.name}`, sub }))
        : [{ name: o.name, sub: o }],
    );
}

/** Where an option sits: the command and the subcommand path, for its name in the reader's client. */
interface OptionPlace {
  command: string;
  path: readonly string[];
}

/** `as_of`, or `на_дату` for a Ukrainian reader. */
const optionName = (place: OptionPlace, name: string) => (t: Parameters<typeof localizedOptionName>[0]) =>
  localizedOptionName(t, place.command, [...place.path, name]);

function argumentValue(
  option: ValueOptionData,
  raw: OptionValue | undefined,
  place: OptionPlace,
): OptionValue | undefined {
  if (raw === undefined) return undefined;
  switch (option.type) {
    case OptionType.Integer:
    case OptionType.Number: {
      const n = typeof raw === 'number' ? raw : Number(String(raw).trim());
      if (!Number.isFinite(n) || (option.type === OptionType.Integer && !Number.isInteger(n)))
        throw new UserError('option.notANumber', { option: optionName(place, option.name) });
      return n;
    }
    case OptionType.Boolean:
      return raw === true || raw === 'true';
    default: {
      const text = String(raw).trim();
      return text === '' ? undefined : text;
    }
  }
}

export function parseArgs<D extends CommandData>(data: D, input: CommandInput): ArgsOf<D> {
  const options = data.options ?? [];
  const args: Record<string, OptionValue | undefined> = {};
  let declared: readonly ValueOptionData[] = [];
  const place: { command: string; path: readonly string[] } = { command: data.name, path: [] };
  const subcommands = subcommandsOf(options as readonly Entry[]);
  if (subcommands.length > 0) {
    const chosen = subcommands.find((s) => s.name === input.subcommand);
    if (!chosen) {
      const names = subcommands.map((s) => s.name);
      throw new UserError('option.useSubcommand', {
        command: (t) => localizedCommandName(t, data.name) ?? data.name,
        subcommands: (t) =>
          t.list(
            names.map((n) => {
              const path = n.split(' ');
              return path.map((_, i) => localizedOptionName(t, data.name, path.slice(0, i + 1))).join(' ');
            }),
            'or',
          ),
      });
    }
    args.subcommand = chosen.name;
    place.path = chosen.name.split(' ');
    declared = chosen.sub.options ?? [];
  } else {
    declared = options as readonly ValueOptionData[];
  }
  for (const option of declared) {
    const value = argumentValue(option, input.options[option.name], place);
    if (value === undefined) {
      if (option.required) {
        const path = [...place.path, option.name];
        throw new UserError('option.required', {
          option: optionName(place, option.name),
          description: (t) => optionDescription(t, data.name, path) ?? option.description,
        });
      }
      continue;
    }
    if ('choices' in option && option.choices && !option.choices.some((c) => c.value === value)) {
      const values = option.choices.map((c) => String(c.value));
      throw new UserError('option.notAChoice', {
        option: optionName(place, option.name),
        choices: values.join(', '),
        typed: inlineCode(truncate(String(value), 40)),
      });
    }
    args[option.name] = value;
  }
  return args as ArgsOf<D>;
}

/** An option's description in the reader's language, when the language localizes it. */
function optionDescription(
  t: Parameters<typeof localizedOptionName>[0],
  command: string,
  path: readonly string[],
): string | undefined {
  let at = t.language.commands?.[command];
  for (const part of path) at = at?.options?.[part];
  return at?.description;
}

type Reply = Promise<MessagePayload> | MessagePayload;

/** What a command file declares: its JSON, and what it does with the arguments that JSON implies. */
export interface CommandSpec<D extends CommandData> extends Omit<Command, 'data' | 'execute'> {
  data: D;
  /** `args` is typed from `data` (ArgsOf); `input` is the invocation (user, server, channel). */
  execute(ctx: CommandContext, args: ArgsOf<D>, input: CommandInput): Reply;
}

/** A command whose `execute` reads typed arguments, parsed from the interaction against its own JSON. */
export function defineCommand<const D extends CommandData>(
  spec: CommandSpec<D>,
): Omit<Command, 'data'> & { data: D } {
  return { ...spec, execute: (ctx, input) => spec.execute(ctx, parseArgs(spec.data, input), input) };
}
