import { type Logger, pino } from 'pino';

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
}): Logger {
  return pino(
    {
      level: opts.level,
      base: { app: 'briefbot' },
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
