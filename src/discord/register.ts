import { createHash } from 'node:crypto';
import { type REST, Routes } from 'discord.js';
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { type Clock, systemClock } from '../clock.ts';
import { localizeCommand } from '../i18n/commands.ts';
import type { Logger } from '../logger.ts';
import type { Store } from '../store/index.ts';
import type { Command } from './command.ts';

/**
 * The JSON Discord registers, with every language's names, descriptions and choices
 * (name_localizations, description_localizations). CommandData is a readonly subset of Discord's type.
 */
export function commandsJson(
  commands: readonly Command[],
): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return commands.map((c) => localizeCommand(c.data) as RESTPostAPIChatInputApplicationCommandsJSONBody);
}

function commandsHash(json: unknown, scope: string): string {
  return createHash('sha256').update(scope).update(JSON.stringify(json)).digest('hex');
}

export interface RegisterOptions {
  rest: REST;
  applicationId: string;
  guildId?: string | undefined;
  commands: readonly Command[];
  store?: Store;
  logger: Logger;
  /** Register even when the JSON is unchanged since the last registration. */
  force?: boolean;
  clock?: Clock;
}

/**
 * Bulk-overwrites the commands (to one guild when given, else globally) when their JSON changed since
 * the last registration; the hash lives in the store so restarts do not re-register needlessly.
 */
export async function registerCommands(opts: RegisterOptions): Promise<'registered' | 'unchanged'> {
  const json = commandsJson(opts.commands);
  const scope = opts.guildId ? `guild:${opts.guildId}` : 'global';
  const hash = commandsHash(json, `${opts.applicationId}:${scope}`);
  const key = `commands:${opts.applicationId}:${scope}`;
  if (!opts.force && opts.store) {
    const previous = await opts.store.get<{ hash: string }>('meta', key).catch((err: unknown) => {
      opts.logger.warn({ err }, 'could not read the last command registration; registering again');
      return undefined;
    });
    if (previous?.hash === hash) {
      opts.logger.info({ scope, commands: json.length }, 'slash commands unchanged; not re-registering');
      return 'unchanged';
    }
  }
  const route = opts.guildId
    ? Routes.applicationGuildCommands(opts.applicationId, opts.guildId)
    : Routes.applicationCommands(opts.applicationId);
  await opts.rest.put(route, { body: json });
  opts.logger.info({ scope, commands: json.length }, 'registered slash commands');
  await opts.store
    ?.set('meta', key, { hash, at: (opts.clock ?? systemClock).now().toISOString() })
    .catch((err: unknown) => opts.logger.warn({ err }, 'could not record the command registration'));
  return 'registered';
}
