import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ARTICLES_DIR, REPO } from '../../support/fixtures.ts';
import { cleanDataset, FIXTURE_ARTICLES, one, writeDataDir } from './fixture.ts';

const run = promisify(execFile);
const tsx = path.join(REPO, 'node_modules/.bin/tsx');

async function cli(
  script: string,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(tsx, [`src/cli/${script}`, ...args], { cwd: REPO });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('data:check', () => {
  it('works without source texts, and says which guards it skipped', async () => {
    const out = await cli('data-check.ts', []);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain(
      'note: own-words skipped: no text for S1, S2: not compared with any source (looked in data/sources/<id>.txt)',
    );
    expect(out.stdout).toContain('note: support, attribution, tags, citations skipped: no text for S1, S2');
    expect(out.stdout).toContain('truth guards: 0 error(s), 0 warning(s) (dates, translations); ');
    // Every field of the curated dataset has a current Ukrainian translation.
    expect(out.stdout).toMatch(/translations: uk (\d+)\/\1 fields\.\n/);
  });

  it.runIf(existsSync(ARTICLES_DIR))(
    'passes every guard on the curated dataset with the articles',
    async () => {
      const out = await cli('data-check.ts', ['--sources', ARTICLES_DIR]);
      expect(out.code).toBe(0);
      expect(out.stdout).toContain(
        'truth guards: 0 error(s), 0 warning(s) (dates, translations, own-words, support, attribution, tags, citations); ',
      );
      expect(out.stdout).toMatch(/translations: uk (\d+)\/\1 fields\.\n/);
      expect(out.stderr).toBe('');
    },
  );

  it('reads texts stored as data/sources/<id>.txt, blocks on errors and counts warnings', async () => {
    const data = cleanDataset();
    one(data.events[0]).summary =
      'Ministers of Norland and Estmark met in Kellby on Tuesday to discuss things.';
    one(data.events[2]).citations.push({ source: 'kellby-report', paragraph: 7 });
    const dir = writeDataDir(data, { storeText: true });
    const out = await cli('data-check.ts', [dir]);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(
      /events\.json: events\[0\]\.summary: shares 12 consecutive words with S1 ¶1: "Ministers of Norland and Estmark met in Kellby on Tuesday to discuss"/,
    );
    expect(out.stderr).toMatch(
      /events\.json: events\[2\]\.citations\[1\]: warning: S1 ¶7 is cited but supports none/,
    );
    expect(out.stderr).toMatch(/truth guards: 1 error\(s\), 1 warning\(s\)/);
  });

  it('prints warnings and still passes when there are no errors', async () => {
    const data = cleanDataset();
    one(data.events[2]).citations.push({ source: 'kellby-report', paragraph: 7 });
    const out = await cli('data-check.ts', [writeDataDir(data, { storeText: true })]);
    expect(out.code).toBe(0);
    expect(out.stderr).toMatch(/warning: S1 ¶7 is cited but supports none/);
    expect(out.stdout).toMatch(/truth guards: 0 error\(s\), 1 warning\(s\)/);
  });
});

describe('data:verify', () => {
  it('runs the truth guards against the --sources folder', async () => {
    const data = cleanDataset();
    one(data.commitments[0]).text = 'A draft treaty is to be ready within 60 days.';
    const out = await cli('data-verify.ts', ['--data', writeDataDir(data), '--sources', FIXTURE_ARTICLES]);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain(
      'commitments.json: commitments[0].text: "A draft treaty is to be ready within 60 days." is not supported by S1 ¶4: "60" is not there',
    );
    expect(out.stderr).toMatch(/1 error\(s\), 0 warning\(s\)/);
  });

  it('passes the clean fixture', async () => {
    const out = await cli('data-verify.ts', [
      '--data',
      writeDataDir(cleanDataset()),
      '--sources',
      FIXTURE_ARTICLES,
    ]);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('Truth guards: 0 errors, 0 warning(s).');
  });
});
