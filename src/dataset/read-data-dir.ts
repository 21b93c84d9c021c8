import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { buildDataset, type Dataset } from '../domain/model.ts';
import { DATA_FILES, type DataFileName } from '../domain/schema.ts';
import { type Problem, validateDataset } from '../domain/validate.ts';

export type LoadResult = { ok: true; dataset: Dataset } | { ok: false; problems: Problem[] };

/** Reads and JSON-parses the data files of `dir`; unreadable or malformed files become problems. */
export async function readDataFiles(dir: string): Promise<{
  files: Partial<Record<DataFileName, unknown>>;
  problems: Problem[];
}> {
  const files: Partial<Record<DataFileName, unknown>> = {};
  const problems: Problem[] = [];
  const shown = displayDir(dir);
  await Promise.all(
    (Object.keys(DATA_FILES) as DataFileName[]).map(async (name) => {
      let text: string;
      try {
        text = await readFile(path.join(dir, name), 'utf8');
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') return; // validateDataset reports missing files with the fix
        problems.push({
          file: `${shown}/${name}`,
          path: '$',
          message: `cannot read the file (${code ?? String(error)})`,
        });
        return;
      }
      try {
        files[name] = JSON.parse(text);
      } catch (error) {
        problems.push({
          file: `${shown}/${name}`,
          path: '$',
          message: `not valid JSON: ${(error as Error).message}`,
        });
        files[name] = null;
      }
    }),
  );
  return { files, problems };
}

/** Path as users typed it: relative to the working directory when inside it. */
export function displayDir(dir: string): string {
  const rel = path.relative(process.cwd(), path.resolve(dir));
  return rel && !rel.startsWith('..') ? rel : path.resolve(dir);
}

/** Reads, validates and indexes the dataset in `dir`; every problem found is returned. */
export async function loadDatasetFromDir(dir: string): Promise<LoadResult> {
  const { files, problems } = await readDataFiles(dir);
  if (problems.length > 0) {
    const broken = new Set(problems.map((p) => p.file));
    const rest = Object.fromEntries(
      Object.entries(files).filter(([name]) => !broken.has(`${displayDir(dir)}/${name}`)),
    ) as Partial<Record<DataFileName, unknown>>;
    const others = validateDataset(rest, displayDir(dir));
    const more = others.ok ? [] : others.problems.filter((p) => !broken.has(p.file));
    return { ok: false, problems: [...problems, ...more] };
  }
  const result = validateDataset(files, displayDir(dir));
  return result.ok ? { ok: true, dataset: buildDataset(result.data) } : result;
}
