/**
 * Issue 17 items 11 and 12: live reload survives the data folder being replaced or deleted and
 * recreated; a broken file is reported once (no cascade of "unknown" references), a byte-order
 * mark is accepted, and a missing DATA_DIR is one clear problem naming the folder.
 */
import { cp, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LiveDataset } from '../../src/dataset/live-dataset.ts';
import { loadDatasetFromDir } from '../../src/dataset/read-data-dir.ts';
import { waitFor } from '../support/time.ts';

const DATA = path.resolve(import.meta.dirname, '../../data');
const FILES = ['sources', 'actors', 'topics', 'events', 'quotes', 'commitments'].map((n) => `${n}.json`);

let root: string;
let dir: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'briefbot-folder-'));
  dir = path.join(root, 'data');
  await cp(DATA, dir, { recursive: true });
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Renames the first event's title in `folder`'s events.json. */
async function retitle(folder: string, title: string): Promise<void> {
  const file = path.join(folder, 'events.json');
  const json = JSON.parse(await readFile(file, 'utf8')) as { events: Array<{ title: string }> };
  if (json.events[0]) json.events[0].title = title;
  await writeFile(file, JSON.stringify(json, null, 2));
}

describe('live reload after the data folder is replaced (item 11)', () => {
  const logs: Array<{ level: string; msg: string }> = [];
  const logger = {
    info: (_o: object, msg?: string) => logs.push({ level: 'info', msg: msg ?? '' }),
    warn: (_o: object, msg?: string) => logs.push({ level: 'warn', msg: msg ?? '' }),
    error: (_o: object, msg?: string) => logs.push({ level: 'error', msg: msg ?? '' }),
  };

  async function live(): Promise<LiveDataset> {
    logs.length = 0;
    const opened = await LiveDataset.open({ dir, logger, debounceMs: 30, load: loadDatasetFromDir });
    if (!opened.ok) throw new Error('copy of data/ invalid');
    opened.live.watch(50);
    return opened.live;
  }

  const title = (l: LiveDataset) => l.current().briefbook.dataset.events.find((e) => e.id === firstId)?.title;
  let firstId = '';

  it('keeps reloading after `mv data data.old && cp -a data.old data`', async () => {
    const l = await live();
    firstId = l.current().briefbook.dataset.events[0]?.id ?? '';
    try {
      await rename(dir, `${dir}.old`);
      await cp(`${dir}.old`, dir, { recursive: true });
      await waitFor('the replaced folder noticed', () => logs.some((e) => /was replaced/.test(e.msg)), 3_000);
      await retitle(dir, 'A retitled event in the new folder');
      await waitFor(
        'the edit in the new folder served',
        () => title(l) === 'A retitled event in the new folder',
        3_000,
      );
      expect(logs.filter((e) => /was replaced/.test(e.msg))).toHaveLength(1);
    } finally {
      l.close();
    }
  });

  it('says once that the folder is gone, and reloads when it is recreated', async () => {
    const l = await live();
    firstId = l.current().briefbook.dataset.events[0]?.id ?? '';
    try {
      await rm(dir, { recursive: true });
      await waitFor(
        'the folder reported gone',
        () => logs.some((e) => e.level === 'warn' && /is gone/.test(e.msg)),
        3_000,
      );
      await new Promise((r) => setTimeout(r, 200));
      expect(logs.filter((e) => /is gone/.test(e.msg))).toHaveLength(1);
      expect(l.current().briefbook.dataset.events.length).toBeGreaterThan(0); // still serving
      await cp(DATA, dir, { recursive: true });
      await retitle(dir, 'Back again');
      await waitFor('the recreated folder served', () => title(l) === 'Back again', 3_000);
    } finally {
      l.close();
    }
  });
});

describe('broken data files (item 12)', () => {
  it('a truncated events.json is one problem, with no cascade of unknown-event references', async () => {
    const file = path.join(dir, 'events.json');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.slice(0, Math.floor(text.length / 2)));
    const result = await loadDatasetFromDir(dir);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.filter((p) => p.file.endsWith('events.json'))).toHaveLength(1);
    expect(result.problems[0]?.message).toMatch(/not valid JSON/);
    expect(result.problems.filter((p) => /unknown event/.test(p.message))).toEqual([]);
    expect(result.problems).toHaveLength(1);
  });

  it('accepts files that start with a UTF-8 byte-order mark', async () => {
    for (const name of FILES) {
      const file = path.join(dir, name);
      await writeFile(file, `\uFEFF${await readFile(file, 'utf8')}`);
    }
    expect((await loadDatasetFromDir(dir)).ok).toBe(true);
  });

  it('a DATA_DIR that does not exist is one problem naming the folder', async () => {
    const missing = path.join(root, 'no-such-folder');
    const result = await loadDatasetFromDir(missing);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.file).toContain('no-such-folder');
    expect(result.problems[0]?.message).toMatch(/does not exist.*DATA_DIR/);
  });
});
