import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tsx = path.join(ROOT, 'node_modules/.bin/tsx');

type Outcome = { code: number; stdout: string; stderr: string };
async function cli(script: string, args: string[]): Promise<Outcome> {
  try {
    const { stdout, stderr } = await promisify(execFile)(tsx, [`src/cli/${script}`, ...args], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const noStackTrace = (o: Outcome) => expect(`${o.stdout}${o.stderr}`).not.toMatch(/\n\s+at |ERR_PARSE_ARGS/);

describe('command-line arguments of the CLIs', () => {
  it('--help and -h print the usage and exit 0', async () => {
    const help = await cli('ingest.ts', ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: npm run ingest -- FILE --published YYYY-MM-DD/);
    noStackTrace(help);
    const short = await cli('data-check.ts', ['-h']);
    expect(short.code).toBe(0);
    expect(short.stdout).toMatch(/^usage: npm run data:check/);
  });

  it('an unknown option is named, with the usage, and exits 2', async () => {
    const o = await cli('ingest-accept.ts', ['draft.json', '--dta', 'data']);
    expect(o.code).toBe(2);
    expect(o.stderr).toContain("Unknown option '--dta'.");
    expect(o.stderr).toContain('usage: npm run ingest:accept -- DRAFT.json');
    noStackTrace(o);
  });

  it('an option missing its value, or an argument a command does not take, exits 2 with the usage', async () => {
    const missing = await cli('ingest.ts', ['article.txt', '--published']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("Option '--published <value>' argument missing");
    expect(missing.stderr).toContain('usage: npm run ingest --');
    noStackTrace(missing);
    const stray = await cli('data-verify.ts', ['extra']);
    expect(stray.code).toBe(2);
    expect(stray.stderr).toContain("Unexpected argument 'extra'");
    expect(stray.stderr).toContain('usage: npm run data:verify');
    noStackTrace(stray);
  });

  it('a --help after -- is an argument, not a request for help', async () => {
    const o = await cli('data-verify.ts', ['--', '--help']);
    expect(o.code).toBe(2);
    expect(o.stderr).toContain("Unexpected argument '--help'");
  });
});
