import { type Logger as PinoLogger, pino } from 'pino';
import { type Clock, systemClock } from './clock.ts';

/** What every module logs through (a pino logger fits; tests pass a recording one). */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * Warnings that repeat (a store that is down fails every call, every second) are logged at most once
 * per `intervalMs` per key; `reset()` after a recovery lets the next failure through at once.
 */
export function throttledWarnings(logger: Logger, opts: { clock?: Clock; intervalMs?: number } = {}) {
  const clock = opts.clock ?? systemClock;
  const intervalMs = opts.intervalMs ?? 30_000;
  const last = new Map<string, number>();
  return {
    warn(key: string, obj: object, msg: string): void {
      const now = clock.now().getTime();
      const previous = last.get(key);
      if (previous !== undefined && now - previous < intervalMs) return;
      if (last.size > 100) last.clear();
      last.set(key, now);
      logger.warn(obj, msg);
    },
    reset(): void {
      last.clear();
    },
  };
}

export type ThrottledWarnings = ReturnType<typeof throttledWarnings>;

/** A line sink that blanks every secret before it reaches stdout, whatever logged it. */
function scrubbingStream(secrets: readonly string[], out: NodeJS.WritableStream) {
  const live = secrets.filter((s) => s.length >= 8);
  return {
    write(chunk: string) {
      let line = chunk;
      for (const s of live) if (line.includes(s)) line = line.split(s).join('[redacted]');
      out.write(line);
    },
  };
}

/**
 * Structured JSON logs (pino). The token never reaches the output: known fields are redacted and
 * every line is scrubbed of the secret values themselves.
 */
export function createLogger(opts: {
  level: string;
  secrets?: readonly string[];
  out?: NodeJS.WritableStream;
  /** Fields on every line (e.g. the shard range, so the lines of many hosts can be told apart). */
  fields?: Record<string, string>;
}): PinoLogger {
  return pino(
    {
      level: opts.level,
      base: { app: 'briefbot', ...opts.fields },
      redact: {
        paths: [
          'token',
          '*.token',
          'headers.authorization',
          '*.headers.authorization',
          'config.DISCORD_TOKEN',
          'DISCORD_TOKEN',
        ],
        censor: '[redacted]',
      },
      serializers: { err: pino.stdSerializers.err },
    },
    scrubbingStream(opts.secrets ?? [], opts.out ?? process.stdout),
  );
}
