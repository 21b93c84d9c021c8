import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadDatasetFromDir } from '../../src/dataset/read-data-dir.ts';
import type { CommandContext, CommandInput, OptionValue } from '../../src/discord/command.ts';
import { memoryPageStates } from '../../src/discord/page-states.ts';
import { type Briefbook, createBriefbook } from '../../src/domain/briefbook.ts';
import type { Dataset } from '../../src/domain/model.ts';
import type { RawDataset } from '../../src/domain/schema.ts';
import { translatorFor } from '../../src/i18n/languages.ts';
import { silentLogger } from '../../src/logger.ts';

export const REPO = path.resolve(import.meta.dirname, '../..');
export const DATA_DIR = path.join(REPO, 'data');
export const ARTICLES_DIR = path.resolve(REPO, '../shared/articles');

let cached: Promise<Dataset> | undefined;
export function realDataset(): Promise<Dataset> {
  cached ??= loadDatasetFromDir(DATA_DIR).then((r) => {
    if (!r.ok) throw new Error(`data/ is invalid: ${JSON.stringify(r.problems)}`);
    return r.dataset;
  });
  return cached;
}

let book: Promise<Briefbook> | undefined;
export function realBook(): Promise<Briefbook> {
  book ??= realDataset().then(createBriefbook);
  return book;
}

/** The raw JSON of data/, for tests that break a copy. */
export function rawFiles(): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const name of ['sources', 'actors', 'topics', 'events', 'quotes', 'commitments']) {
    out[`${name}.json`] = JSON.parse(readFileSync(path.join(DATA_DIR, `${name}.json`), 'utf8'));
  }
  return out;
}

export function rawDataset(): RawDataset {
  const f = rawFiles();
  return Object.fromEntries(
    Object.entries(f).map(([k, v]) => [k.replace('.json', ''), v[k.replace('.json', '')]]),
  ) as unknown as RawDataset;
}

/** A temp copy of data/ with an edit applied to the parsed files. */
export function brokenDataDir(edit: (files: Record<string, Record<string, unknown[]>>) => void): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'briefbot-data-'));
  cpSync(DATA_DIR, dir, { recursive: true });
  const files = rawFiles() as Record<string, Record<string, unknown[]>>;
  edit(files);
  for (const [name, content] of Object.entries(files))
    writeFileSync(path.join(dir, name), JSON.stringify(content, null, 2));
  return dir;
}

/** Appends an event to `dataDir`/events.json, as a curator's edit of a running bot's data would. */
export function appendEvent(dataDir: string, event: Record<string, unknown>): void {
  const file = path.join(dataDir, 'events.json');
  const json = JSON.parse(readFileSync(file, 'utf8')) as { events: Record<string, unknown>[] };
  json.events.push(event);
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
}

export const FIXED_NOW = new Date('2025-09-01T12:00:00Z');

/** One page-state store for every fake context, as the bot has one store. */
const sharedPageStates = memoryPageStates();

export function fakeContext(b: Briefbook, overrides: Partial<CommandContext> = {}): CommandContext {
  return {
    book: b,
    datasetLoadedAt: FIXED_NOW,
    clock: { now: () => FIXED_NOW },
    logger: silentLogger,
    botVersion: '0.0.0-test',
    startedAt: new Date(FIXED_NOW.getTime() - 3_600_000),
    heavyWork: false,
    pageStates: sharedPageStates,
    t: translatorFor('en-US'),
    ...overrides,
  };
}

/** A typed fake of what the router builds from a discord.js interaction. */
export function fakeInput(
  commandName: string,
  options: Record<string, OptionValue> = {},
  extra: Partial<CommandInput> = {},
): CommandInput {
  return {
    commandName,
    options,
    userId: '100000000000000001',
    guildId: '200000000000000002',
    channelId: '300000000000000003',
    memberPermissions: '0',
    locale: 'en-US',
    ...extra,
  };
}
