/**
 * The router's port for an operator's counters: how each interaction ended. The router calls it
 * once per interaction; what is counted (and how) lives outside, in src/ops/metrics.ts.
 */
import type { Interaction } from 'discord.js';

export type InteractionKind = 'command' | 'autocomplete' | 'button' | 'select' | 'modal' | 'other';

/**
 * - `ok`: answered with what was asked; `user-error`: answered with a private "type this instead";
 * - `error`: a bug, answered generically; `unanswered`: Discord refused our answer (expired, …);
 * - `draining`: turned away while the bot stops.
 */
export type InteractionOutcome = 'ok' | 'user-error' | 'error' | 'unanswered' | 'draining';

export interface InteractionFinished {
  /** The interaction's id (REST callbacks carry it: that is how first responses are matched). */
  id: string;
  kind: InteractionKind;
  /** The registered command it belongs to; undefined when it belongs to none. */
  command: string | undefined;
  outcome: InteractionOutcome;
  /** performance.now() when the router received it. */
  startedAt: number;
}

export interface InteractionEvents {
  finished(event: InteractionFinished): void;
}

export function kindOf(interaction: Interaction): InteractionKind {
  if (interaction.isChatInputCommand()) return 'command';
  if (interaction.isAutocomplete()) return 'autocomplete';
  if (interaction.isButton()) return 'button';
  if (interaction.isStringSelectMenu()) return 'select';
  if (interaction.isModalSubmit()) return 'modal';
  return 'other';
}
