import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Source } from '../domain/schema.ts';

/**
 * The source texts the truth guards compare with: the `*.txt` files of a folder given on the
 * command line (keyed by file name, as sources' `file` names them) and the texts curation stores
 * as `data/sources/<source id>.txt` (keyed by id). Either may be absent.
 */
export interface SourceTexts {
  texts: Map<string, string>;
  /** Where texts were looked for, for messages ("--sources ../shared/articles", "data/sources/"). */
  looked: string[];
  problems: { file: string; path: string; message: string }[];
}

export async function readSourceTexts(opts: {
  sourcesDir?: string | undefined;
  dataDir: string;
  shownDataDir?: string;
  sources: readonly Source[];
}): Promise<SourceTexts> {
  const texts = new Map<string, string>();
  const looked: string[] = [];
  const problems: SourceTexts['problems'] = [];
  if (opts.sourcesDir) {
    looked.push(`--sources ${opts.sourcesDir}`);
    let names: string[] = [];
    try {
      names = (await readdir(opts.sourcesDir)).filter((n) => n.endsWith('.txt'));
    } catch (error) {
      problems.push({
        file: opts.sourcesDir,
        path: '$',
        message: `cannot read the sources folder (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      });
    }
    for (const name of names) texts.set(name, await readFile(path.join(opts.sourcesDir, name), 'utf8'));
  }
  const stored = path.join(opts.dataDir, 'sources');
  looked.push(`${path.join(opts.shownDataDir ?? opts.dataDir, 'sources')}/<id>.txt`);
  for (const s of opts.sources) {
    if (texts.has(s.file)) continue;
    try {
      texts.set(s.id, await readFile(path.join(stored, `${s.id}.txt`), 'utf8'));
    } catch {
      // not stored: the guards say which sources they could not check
    }
  }
  return { texts, looked, problems };
}
