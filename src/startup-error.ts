/**
 * A start-up failure the operator can fix (a refused token, an unreachable DISCORD_API_URL, a server
 * the bot is not in): src/index.ts prints its message as one line, with no stack trace, and exits 1.
 * The message names the setting and says what to do.
 */
export class StartupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StartupError';
  }
}
