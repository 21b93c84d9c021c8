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
