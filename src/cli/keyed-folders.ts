import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { AnswerKey } from '../ingest/corpus.ts';

/** Folders of articles with answer keys (NAME.txt + NAME.key.json), as the eval and the calibration read them. */

export const FIXTURE_DIR = 'tests/fixtures/articles';
/** Every keyed folder of our own articles is training data: the eval gates on it and calibration learns from it. */
export const TRAINING_DIRS = ['corpus', 'heldout', 'blind', 'styles', 'blind2', 'blind3'].map((d) =>
  path.join(FIXTURE_DIR, d),
);

export interface KeyedArticle {
  name: string;
  text: string;
  key: AnswerKey;
}

/** The keyed articles of a folder, sorted by name; throws naming the file whose key does not parse. */
export async function readKeyedFolder(dir: string): Promise<KeyedArticle[]> {
  if (!existsSync(dir)) return [];
  const names = (await readdir(dir)).filter((n) => n.endsWith('.txt')).sort();
  const out: KeyedArticle[] = [];
  for (const name of names) {
    const keyPath = path.join(dir, name.replace(/\.txt$/, '.key.json'));
    const parsed = AnswerKey.safeParse(JSON.parse(await readFile(keyPath, 'utf8')));
    if (!parsed.success)
      throw new Error(
        `${keyPath}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    out.push({ name, text: await readFile(path.join(dir, name), 'utf8'), key: parsed.data });
  }
  return out;
}
