import type { Logger } from '../../src/logger.ts';

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  obj: object;
  msg: string;
}

export interface RecordingLogger extends Logger {
  lines: LogLine[];
  /** A line at `level` whose message matches. */
  has(level: LogLine['level'], re: RegExp): boolean;
}

/** A Logger that keeps every line, for asserting on what was logged. */
export function recordingLogger(): RecordingLogger {
  const lines: LogLine[] = [];
  const at = (level: LogLine['level']) => (obj: object, msg?: string) => {
    lines.push({ level, obj, msg: msg ?? '' });
  };
  return {
    lines,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    has: (level, re) => lines.some((l) => l.level === level && re.test(l.msg)),
  };
}
