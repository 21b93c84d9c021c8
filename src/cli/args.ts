import { type ParseArgsConfig, parseArgs } from 'node:util';

/**
 * The command line of a CLI, parsed by node:util's parseArgs with the answers a person expects:
 * `--help` (or `-h`) prints the usage and exits 0; an unknown option, a missing value or a stray
 * argument prints what was wrong and the usage, and exits 2, instead of a stack trace.
 */
export function parseCliArgs<T extends ParseArgsConfig>(
  config: T,
  usage: string,
): ReturnType<typeof parseArgs<T>> {
  const args = config.args ?? process.argv.slice(2);
  const end = args.indexOf('--');
  if ((end === -1 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h')) {
    console.log(usage);
    process.exit(0);
  }
  try {
    return parseArgs(config);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (!code.startsWith('ERR_PARSE_ARGS')) throw error;
    console.error(`${(error as Error).message.replace(/\. To specify .*$/s, '.')}\n${usage}`);
    process.exit(2);
  }
}
