import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { buildDataset, type Dataset } from '../domain/model.ts';
import { DATA_FILES, type DataFileName, type RawDataset } from '../domain/schema.ts';
import { type Problem, validateDataset } from '../domain/validate.ts';
import { type DataFileContents, datasetVersionOf } from '../domain/version.ts';

export type LoadResult = { ok: true; dataset: Dataset } | { ok: false; problems: Problem[] };

const NAMES = Object.keys(DATA_FILES) as DataFileName[];

/** Reads the data files' bytes; missing files are left out (validation reports them), unreadable ones are problems. */
export async function readDataBytes(dir: string): Promise<{ bytes: DataFileContents; problems: Problem[] }> {
  const bytes: Partial<Record<DataFileName, Buffer>> = {};
  const problems: Problem[] = [];
  const folder = await stat(dir).catch((error: NodeJS.ErrnoException) => error.code ?? 'unreadable');
  if (typeof folder === 'string' || !folder.isDirectory()) {
    const why = folder === 'ENOENT' ? 'does not exist' : 'is not a folder';
    return {
      bytes,
      problems: [
        {
          file: displayDir(dir),
          path: '$',
          message: `the data folder ${why}: point DATA_DIR at the folder that holds events.json, actors.json and the other data files`,
        },
      ],
    };
  }
  await Promise.all(
    NAMES.map(async (name) => {
      try {
        bytes[name] = await readFile(path.join(dir, name));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') return; // validateDataset reports missing files with the fix
        problems.push({
          file: `${displayDir(dir)}/${name}`,
          path: '$',
          message: `cannot read the file (${code ?? String(error)})`,
        });
      }
    }),
  );
  return { bytes, problems: sortedProblems(problems) };
}

/** JSON-parses read files; malformed ones become problems (and `null`, so validation skips them). */
export function parseDataFiles(
  bytes: DataFileContents,
  dir: string,
): { files: Partial<Record<DataFileName, unknown>>; problems: Problem[] } {
  const files: Partial<Record<DataFileName, unknown>> = {};
  const problems: Problem[] = [];
  for (const name of NAMES) {
    const content = bytes[name];
    if (content === undefined) continue;
    try {
      // A view over the bytes, not a copy (Buffer.from(Uint8Array) copies: 90 MB at 100k events).
      const text =
        typeof content === 'string'
          ? content
          : Buffer.from(content.buffer, content.byteOffset, content.byteLength).toString('utf8');
      // A byte-order mark (some Windows editors write one) is not part of the JSON.
      files[name] = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (error) {
      problems.push({
        file: `${displayDir(dir)}/${name}`,
        path: '$',
        message: `not valid JSON: ${(error as Error).message}`,
      });
      files[name] = null;
    }
  }
  return { files, problems };
}

/** Reads and JSON-parses the data files of `dir`; unreadable or malformed files become problems. */
export async function readDataFiles(dir: string): Promise<{
  files: Partial<Record<DataFileName, unknown>>;
  problems: Problem[];
}> {
  const read = await readDataBytes(dir);
  const parsed = parseDataFiles(read.bytes, dir);
  return { files: parsed.files, problems: [...read.problems, ...parsed.problems] };
}

/** Path as users typed it: relative to the working directory when inside it. */
export function displayDir(dir: string): string {
  const rel = path.relative(process.cwd(), path.resolve(dir));
  return rel && !rel.startsWith('..') ? rel : path.resolve(dir);
}

/**
 * Parses, validates and indexes read data files (the data:check path); every problem found is
 * returned. The version is the files' (`datasetVersionOf`).
 */
export function loadDatasetFromBytes(
  bytes: DataFileContents,
  dir: string,
  readProblems: Problem[] = [],
  /** Called with the parsed files and what validation made of them, before the dataset is built. */
  onValid?: (files: Partial<Record<DataFileName, unknown>>, data: RawDataset) => void,
): { ok: true; dataset: Dataset } | { ok: false; problems: Problem[] } {
  const { files, problems: parseProblems } = parseDataFiles(bytes, dir);
  const problems = [...readProblems, ...parseProblems];
  if (problems.length > 0) {
    if (readProblems.some((p) => p.file === displayDir(dir))) return { ok: false, problems: readProblems };
    const broken = new Set(problems.map((p) => p.file));
    // A file that did not read or parse is reported once; null tells validation to skip it and
    // the references into it.
    const rest = Object.fromEntries(
      NAMES.map((name) => [name, broken.has(`${displayDir(dir)}/${name}`) ? null : files[name]]),
    ) as Partial<Record<DataFileName, unknown>>;
    const others = validateDataset(rest, displayDir(dir));
    const more = others.ok ? [] : others.problems.filter((p) => !broken.has(p.file));
    return { ok: false, problems: [...problems, ...more] };
  }
  const result = validateDataset(files, displayDir(dir));
  if (!result.ok) return result;
  onValid?.(files, result.data);
  return { ok: true, dataset: buildDataset(result.data, datasetVersionOf(bytes)) };
}

/** Reads, validates and indexes the dataset in `dir`; every problem found is returned. */
export async function loadDatasetFromDir(dir: string): Promise<LoadResult> {
  const { bytes, problems } = await readDataBytes(dir);
  return loadDatasetFromBytes(bytes, dir, problems);
}

/** Problems in data file order (reads finish in any order). */
function sortedProblems(problems: Problem[]): Problem[] {
  const rank = (p: Problem) => NAMES.findIndex((n) => p.file.endsWith(`/${n}`));
  return problems.sort((a, b) => rank(a) - rank(b));
}
