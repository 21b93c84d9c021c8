/**
 * The store did not answer: a backend error (connection refused, lock held, server gone), a timeout,
 * or a closed store. Callers may tell users to try again; any other error from a store call is a bug
 * (a bad key, a value that cannot be stored, an exception in an update function).
 */
export class StoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}

/**
 * The store could not be opened at start: one line that names STORE_URL, what failed and the fix
 * (the bot prints it and exits; nothing is retried, since the setting itself must change).
 */
export class StoreOpenError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreOpenError';
  }
}

/** The code and message of an error (and of its cause), for a one-line explanation. */
export function errorSummary(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined;
  const message = typeof e?.message === 'string' && e.message ? e.message : String(error);
  const cause = e?.cause as { message?: unknown } | undefined;
  const extra =
    typeof cause?.message === 'string' && !message.includes(cause.message) ? ` (${cause.message})` : '';
  return `${message}${extra}`;
}
