/**
 * defineCommand: a command file declares its JSON and an `execute` that takes typed arguments. The
 * arguments of one invocation are read from what Discord sent against the command's own JSON: the
 * subcommand chosen, each option converted to its type, blank text treated as absent, choices and
 * required options enforced (Discord checks them too; a stale client or a hand-made request may not).
 */
import { ApplicationCommandOptionType as OptionType } from 'discord-api-types/v10';
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

function argumentValue(option: ValueOptionData, raw: OptionValue | undefined): OptionValue | undefined {
  if (raw === undefined) return undefined;
  switch (option.type) {
    case OptionType.Integer:
    case OptionType.Number: {
      const n = typeof raw === 'number' ? raw : Number(String(raw).trim());
      if (!Number.isFinite(n) || (option.type === OptionType.Integer && !Number.isInteger(n)))
        throw new UserError(`\`${option.name}\` must be a number.`);
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

function orList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

export function parseArgs<D extends CommandData>(data: D, input: CommandInput): ArgsOf<D> {
  const options = data.options ?? [];
  const args: Record<string, OptionValue | undefined> = {};
  let declared: readonly ValueOptionData[] = [];
  const subcommands = subcommandsOf(options as readonly Entry[]);
  if (subcommands.length > 0) {
    const chosen = subcommands.find((s) => s.name === input.subcommand);
    if (!chosen) throw new UserError(`Use /${data.name} ${orList(subcommands.map((s) => s.name))}.`);
    args.subcommand = chosen.name;
    declared = chosen.sub.options ?? [];
  } else {
    declared = options as readonly ValueOptionData[];
  }
  for (const option of declared) {
    const value = argumentValue(option, input.options[option.name]);
    if (value === undefined) {
      if (option.required) throw new UserError(`\`${option.name}\` is required: ${option.description}.`);
      continue;
    }
    if ('choices' in option && option.choices && !option.choices.some((c) => c.value === value)) {
      throw new UserError(
        `\`${option.name}\` must be one of: ${option.choices.map((c) => c.value).join(', ')} (you typed ${inlineCode(truncate(String(value), 40))}).`,
      );
    }
    args[option.name] = value;
  }
  return args as ArgsOf<D>;
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
