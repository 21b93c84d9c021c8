/**
 * The one way a reviewed draft enters data/: `npm run ingest:accept` and /curate Publish both call
 * applyDraft. It reads the data files, merges the draft through every check data:check and
 * data:verify make (schema, references, dates, verbatim quotes, the truth guards; ingest/accept.ts),
 * and only when all pass writes: the source text as data/sources/<id>.txt (when given), then each
 * changed data file whole, through a temporary file and a rename, in the order references point
 * (sources, actors, topics, events, quotes, commitments), so a reader never sees half a file nor a
 * reference to something not written yet. A refused merge writes nothing.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { displayDir } from '../dataset/read-data-dir.ts';
import { readSourceTexts } from '../dataset/source-texts.ts';
import { DATA_FILES, type DataFileName, type Source } from '../domain/schema.ts';
import type { Problem } from '../domain/validate.ts';
import { type MergeResult, mergeDraft } from '../ingest/accept.ts';

export interface ApplyDraftInput {
  dataDir: string;
  /** The draft as parsed JSON (`briefbot-ingest-draft/1`). */
  draft: unknown;
  /** How problems name the draft ("drafts/x.json", "review abc123"). */
  draftPath: string;
  /** Article texts by source `file`, for the verbatim check of the new quotes. */
  sourceTexts?: ReadonlyMap<string, string>;
  /** Store the new source's text beside the dataset (data/sources/<id>.txt). */
  storeText?: { sourceId: string; text: string };
}

export type ApplyDraftResult = MergeResult | { ok: false; problems: Problem[] };

async function writeAtomically(target: string, text: string): Promise<void> {
  const tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, target);
}

export async function readDataDir(
  dataDir: string,
): Promise<{ files: Partial<Record<DataFileName, { text: string; json: unknown }>>; problems: Problem[] }> {
  const files: Partial<Record<DataFileName, { text: string; json: unknown }>> = {};
  const problems: Problem[] = [];
  const shown = displayDir(dataDir);
  for (const name of Object.keys(DATA_FILES) as DataFileName[]) {
    try {
      const text = await readFile(path.join(dataDir, name), 'utf8');
      files[name] = { text, json: JSON.parse(text) };
    } catch (error) {
      problems.push({
        file: `${shown}/${name}`,
        path: '$',
        message: `cannot read the data file (${(error as Error).message})`,
      });
    }
  }
  return { files, problems };
}

export async function applyDraft(input: ApplyDraftInput): Promise<ApplyDraftResult> {
  const { dataDir } = input;
  const { files, problems } = await readDataDir(dataDir);
  if (problems.length > 0) return { ok: false, problems };
  const texts = new Map(input.sourceTexts ?? []);
  // Texts stored as data/sources/<id>.txt: the own-words guard compares the new records with them too.
  const known = ((files['sources.json']?.json as { sources?: Source[] } | undefined)?.sources ?? []).filter(
    (s) => typeof s?.id === 'string',
  );
  const stored = await readSourceTexts({ dataDir, sources: known });
  for (const [k, v] of stored.texts) if (!texts.has(k)) texts.set(k, v);
  const result = mergeDraft({
    draft: input.draft,
    draftPath: input.draftPath,
    files,
    dataDir: displayDir(dataDir),
    sourceTexts: texts,
  });
  if (!result.ok) return result;
  if (input.storeText) {
    const dir = path.join(dataDir, 'sources');
    await mkdir(dir, { recursive: true });
    await writeAtomically(path.join(dir, `${input.storeText.sourceId}.txt`), input.storeText.text);
  }
  for (const name of Object.keys(DATA_FILES) as DataFileName[]) {
    const text = result.writes[name];
    if (text !== undefined) await writeAtomically(path.join(dataDir, name), text);
  }
  return result;
}
