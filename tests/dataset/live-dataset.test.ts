import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DatasetSwap, LiveDataset, type LiveDatasetOptions } from '../../src/dataset/live-dataset.ts';
import { type LoadResult, loadDatasetFromDir } from '../../src/dataset/read-data-dir.ts';
import { formatProblem } from '../../src/domain/validate.ts';

const DATA = path.resolve(import.meta.dirname, '../../data');

interface Entry {
  level: 'info' | 'warn' | 'error';
  obj: object;
  msg: string | undefined;
}

let dir: string;
let logs: Entry[];
let loads: number;
let clock: number;

function options(extra: Partial<LiveDatasetOptions> = {}): LiveDatasetOptions {
  const log = (level: Entry['level']) => (obj: object, msg?: string) => logs.push({ level, obj, msg });
  return {
    dir,
    now: () => new Date(clock),
    logger: { info: log('info'), warn: log('warn'), error: log('error') },
    debounceMs: 60,
    load: (d: string): Promise<LoadResult> => {
      loads++;
      return loadDatasetFromDir(d);
    },
    ...extra,
  };
}

async function open(extra: Partial<LiveDatasetOptions> = {}): Promise<LiveDataset> {
  const result = await LiveDataset.open(options(extra));
  if (!result.ok) throw new Error('the copy of data/ is invalid');
  return result.live;
}

/** Adds an event copied from the first one, under a new id. */
async function addEvent(id: string): Promise<void> {
  const file = path.join(dir, 'events.json');
  const json = JSON.parse(await readFile(file, 'utf8')) as { events: Record<string, unknown>[] };
  json.events.push({ ...json.events[0], id, title: `Added for a test: ${id}` });
  await writeFile(file, `${JSON.stringify(json, null, 2)}\n`);
}

function nextSwap(live: LiveDataset, timeoutMs = 3000): Promise<DatasetSwap> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no swap')), timeoutMs);
    const off = live.subscribe((swap) => {
      clearTimeout(timer);
      off();
      resolve(swap);
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'briefbot-live-'));
  await cp(DATA, dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}drafts`) });
  logs = [];
  loads = 0;
  clock = Date.parse('2025-09-01T10:00:00Z');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('LiveDataset', () => {
  it('loads the dataset with its version and the time it was loaded', async () => {
    const live = await open();
    const loaded = await loadDatasetFromDir(dir);
    expect(loaded.ok && live.current().version).toBe(loaded.ok && loaded.dataset.version);
    expect(live.current().loadedAt.toISOString()).toBe('2025-09-01T10:00:00.000Z');
    expect(live.current().briefbook.dataset.events.length).toBeGreaterThan(0);
  });

  it('refuses to open invalid data and returns every problem', async () => {
    await writeFile(path.join(dir, 'quotes.json'), '{"quotes": [{"id": "Bad Id"}]}');
    const result = await LiveDataset.open(options());
    expect(result.ok).toBe(false);
  });

  it('swaps a valid change in atomically; a snapshot taken before keeps the old data', async () => {
    const live = await open();
    const before = live.current();
    const swaps: DatasetSwap[] = [];
    live.subscribe((s) => swaps.push(s));
    await addEvent('test-added-event');
    clock += 60_000;
    const result = await live.reload();
    expect(result).toMatchObject({ ok: true, changed: true, addedEventIds: ['test-added-event'] });
    const after = live.current();
    expect(after).not.toBe(before);
    expect(after.version).not.toBe(before.version);
    expect(after.loadedAt.toISOString()).toBe('2025-09-01T10:01:00.000Z');
    expect(after.briefbook.dataset.eventById.has('test-added-event')).toBe(true);
    expect(before.briefbook.dataset.eventById.has('test-added-event')).toBe(false);
    expect(swaps).toHaveLength(1);
    expect(swaps[0]).toMatchObject({ previous: before, current: after, addedEventIds: ['test-added-event'] });
    expect(logs).toContainEqual(
      expect.objectContaining({ level: 'info', msg: `dataset reloaded: version ${after.version}` }),
    );
  });

  it('keeps serving the old version on an invalid change and logs every problem like data:check', async () => {
    const live = await open();
    const before = live.current();
    const events = path.join(dir, 'events.json');
    const json = JSON.parse(await readFile(events, 'utf8')) as { events: { date: { value: string } }[] };
    const first = json.events[0];
    if (first) first.date.value = '2025-02-30';
    const second = json.events[1];
    if (second) (second as Record<string, unknown>).kind = 'party';
    await writeFile(events, JSON.stringify(json));
    const result = await live.reload();
    expect(result.ok).toBe(false);
    expect(live.current()).toBe(before);
    const expected = await loadDatasetFromDir(dir);
    if (expected.ok) throw new Error('expected invalid data');
    const printed = logs.filter((l) => l.level === 'error').map((l) => l.msg);
    for (const p of expected.problems) expect(printed).toContain(formatProblem(p));
    expect(printed[0]).toMatch(/still serving version/);
  });

  it('does not swap or notify when the files change but the data does not', async () => {
    const live = await open();
    const before = live.current();
    let told = 0;
    live.subscribe(() => told++);
    const file = path.join(dir, 'actors.json');
    await writeFile(file, JSON.stringify(JSON.parse(await readFile(file, 'utf8'))));
    expect(await live.reload()).toMatchObject({ ok: true, changed: false });
    expect(live.current()).toBe(before);
    expect(told).toBe(0);
  });

  it('coalesces reloads asked for while one runs', async () => {
    const live = await open();
    loads = 0;
    await addEvent('coalesced');
    const results = await Promise.all([live.reload(), live.reload(), live.reload(), live.reload()]);
    expect(loads).toBe(2);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(live.current().briefbook.dataset.eventById.has('coalesced')).toBe(true);
  });

  it('watches data/: a burst of writes is one reload after the quiet period', async () => {
    const live = await open();
    live.watch();
    loads = 0;
    const swap = nextSwap(live);
    await addEvent('watched-1');
    await addEvent('watched-2');
    await addEvent('watched-3');
    const s = await swap;
    expect(s.addedEventIds).toEqual(['watched-1', 'watched-2', 'watched-3']);
    await sleep(200);
    expect(loads).toBe(1);
    live.close();
  });

  it('ignores drafts/, schema/ and temporary files, and stops when closed', async () => {
    const live = await open();
    live.watch();
    loads = 0;
    await writeFile(path.join(dir, 'drafts-note.txt'), 'x');
    await cp(path.join(dir, 'events.json'), path.join(dir, 'events.json.123.tmp'));
    await writeFile(path.join(dir, 'schema', 'events.schema.json'), '{}');
    const { mkdir } = await import('node:fs/promises');
    await mkdir(path.join(dir, 'drafts'), { recursive: true });
    await writeFile(path.join(dir, 'drafts', 'x.json'), '{}');
    await sleep(300);
    expect(loads).toBe(0);
    live.close();
    await addEvent('after-close');
    await sleep(300);
    expect(loads).toBe(0);
    expect(live.current().briefbook.dataset.eventById.has('after-close')).toBe(false);
  });

  it('logs a broken file written while watching and keeps the old version', async () => {
    const live = await open();
    const before = live.current();
    live.watch();
    await writeFile(path.join(dir, 'topics.json'), '{"topics": [');
    await sleep(400);
    expect(live.current()).toBe(before);
    expect(
      logs.some((l) => l.level === 'error' && /topics\.json: \$: not valid JSON/.test(l.msg ?? '')),
    ).toBe(true);
    live.close();
  });
});
