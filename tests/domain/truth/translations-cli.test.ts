import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { formatDataFile } from '../../../src/dataset/data-json.ts';
import { translationHash } from '../../../src/domain/translations.ts';
import { DATA_DIR, REPO } from '../../support/fixtures.ts';

const run = promisify(execFile);
const tsx = path.join(REPO, 'node_modules/.bin/tsx');

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(tsx, ['src/cli/data-translations.ts', ...args], { cwd: REPO });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** A copy of data/ whose trump-putin-call event lost its Ukrainian title. */
function copyWithoutOneTitle(): { dir: string; english: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'briefbot-i18n-'));
  cpSync(DATA_DIR, dir, { recursive: true });
  const file = path.join(dir, 'events.json');
  const json = JSON.parse(readFileSync(file, 'utf8'));
  const event = json.events.find((e: { id: string }) => e.id === 'trump-putin-call');
  delete event.i18n.uk.title;
  writeFileSync(file, formatDataFile(json));
  return { dir, english: event.title };
}

describe('npm run data:translations', () => {
  it('lists what is left to translate with the hash to record', async () => {
    const { dir, english } = copyWithoutOneTitle();
    const out = await cli([dir]);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^uk: (\d+)\/(\d+) fields translated, 0 stale, 1 missing$/m);
    expect(out.stdout).toContain(
      `missing events.trump-putin-call.title  from: "${translationHash(english)}"`,
    );
    expect(out.stdout).toContain(english);
  });

  it('applies translations stamped with the English hash, changing only their lines', async () => {
    const { dir, english } = copyWithoutOneTitle();
    const before = readFileSync(path.join(dir, 'events.json'), 'utf8');
    const input = path.join(dir, 'uk.json');
    writeFileSync(
      input,
      JSON.stringify({
        locale: 'uk',
        translations: { 'events.trump-putin-call.title': 'Трамп і Путін 90 хвилин говорять телефоном' },
      }),
    );
    const out = await cli(['--apply', input, dir]);
    expect(out.code).toBe(0);
    const after = readFileSync(path.join(dir, 'events.json'), 'utf8');
    const event = JSON.parse(after).events.find((e: { id: string }) => e.id === 'trump-putin-call');
    expect(event.i18n.uk.title).toEqual({
      text: 'Трамп і Путін 90 хвилин говорять телефоном',
      from: translationHash(english),
    });
    const removed = before.split('\n').filter((line) => !after.includes(line));
    expect(removed.filter((l) => l.trim() !== '')).toEqual([]);
    // The other files are untouched and the dataset is fully translated again.
    expect(readFileSync(path.join(dir, 'actors.json'), 'utf8')).toBe(
      readFileSync(path.join(DATA_DIR, 'actors.json'), 'utf8'),
    );
    expect((await cli([dir])).stdout).toMatch(/^uk: (\d+)\/\1 fields translated, 0 stale, 0 missing$/m);
  });

  it('refuses, writing nothing, a key that names no translatable field or a translation that does not fit', async () => {
    const { dir } = copyWithoutOneTitle();
    const before = readFileSync(path.join(dir, 'events.json'), 'utf8');
    const input = path.join(dir, 'uk.json');
    writeFileSync(
      input,
      JSON.stringify({ locale: 'uk', translations: { 'events.trump-putin-call.kind': 'дзвінок' } }),
    );
    const unknown = await cli(['--apply', input, dir]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('events.trump-putin-call.kind');
    writeFileSync(
      input,
      JSON.stringify({ locale: 'uk', translations: { 'events.trump-putin-call.title': 'д'.repeat(201) } }),
    );
    const long = await cli(['--apply', input, dir]);
    expect(long.code).toBe(1);
    expect(long.stderr).toContain('a translation has at most 200 characters, like the English field');
    expect(long.stderr).toContain('nothing written');
    expect(readFileSync(path.join(dir, 'events.json'), 'utf8')).toBe(before);
  });
});
