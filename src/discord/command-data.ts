import {
  type APIApplicationCommandStringOption,
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  InteractionContextType,
} from 'discord-api-types/v10';
import type { Briefbook } from '../domain/briefbook.ts';
import type { AutocompleteInput, Choice, CommandContext } from './command.ts';

/** Where the read-only commands are offered: in servers that installed the bot, and in its DMs. */
export const READ_COMMAND_CONTEXTS = {
  integration_types: [ApplicationIntegrationType.GuildInstall],
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
};

/** A free-text option backed by autocomplete (actors, topics, events); typed text still resolves. */
export function lookupOption(
  name: string,
  description: string,
  opts: { required?: boolean } = {},
): APIApplicationCommandStringOption {
  return {
    type: ApplicationCommandOptionType.String,
    name,
    description,
    ...(opts.required ? { required: true } : {}),
    autocomplete: true,
    max_length: 100,
  };
}

/** A date option typed as YYYY-MM-DD or YYYY-MM. */
export function dateInputOption(name: string, description: string): APIApplicationCommandStringOption {
  return { type: ApplicationCommandOptionType.String, name, description, max_length: 10 };
}

/** Autocomplete that answers each focused option from its own source; unknown options get none. */
export function autocompleteBy(
  sources: Record<string, (book: Briefbook, typed: string) => Choice[]>,
): (ctx: CommandContext, input: AutocompleteInput) => Choice[] {
  return (ctx, input) => sources[input.focused.name]?.(ctx.book, input.focused.value) ?? [];
}
