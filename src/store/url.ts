/** STORE_URL helpers: redaction for logs and error messages. */
import { StoreOpenError } from './errors.ts';

const SECRET_PARAM = /pass|secret|token|key|auth|credential/i;

/** The URL with any password (and secret-looking query parameters) replaced by `***`. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    for (const name of [...parsed.searchParams.keys()]) {
      if (SECRET_PARAM.test(name)) parsed.searchParams.set(name, '***');
    }
    return parsed.toString();
  } catch {
    // Not parseable as a URL: still hide anything that looks like `user:password@`.
    return url.replace(/\/\/([^/@:]*):[^/@]*@/, '//$1:***@');
  }
}

const ACCEPTED_STORE_URLS =
  'sqlite://var/briefbot.sqlite (relative to the working directory), sqlite:///absolute/path.sqlite, ' +
  'redis://host:6379[/db], postgres://user:pass@host/db (or postgresql://), memory:// (tests only)';

export function invalidStoreUrl(url: string, reason: string): StoreOpenError {
  return new StoreOpenError(
    `STORE_URL "${redactUrl(url)}" ${reason}. Accepted forms: ${ACCEPTED_STORE_URLS}`,
  );
}
