import { isDeepStrictEqual } from 'node:util';
import { DATA_FILES, type DataFileName, type RawDataset } from '../domain/schema.ts';
import { checkAppended, type SkippedGuard } from '../domain/truth/index.ts';
import { isError, jsonPath, type Problem, validateDataset } from '../domain/validate.ts';
import { verifyQuotes } from '../domain/verify.ts';
import { datasetVersionOf } from '../domain/version.ts';
import { Draft, type DraftRecords, TODO } from './draft.ts';
import { formatJson, formatJsonValue } from './json.ts';

/**
 * Merging a reviewed draft into the dataset: only additions, only when the result passes every
 * check `data:check` makes (and, when the article is at hand, the verbatim check of data:verify).
 * Pure: the caller reads and writes the files.
 */

type RecordKey = keyof DraftRecords;
const KEYS = Object.values(DATA_FILES).map((f) => f.key) as RecordKey[];
const FILE_OF = Object.fromEntries(Object.entries(DATA_FILES).map(([name, f]) => [f.key, name])) as Record<
  RecordKey,
  DataFileName
>;

export interface MergeInput {
  /** The draft as parsed JSON. */
  draft: unknown;
  draftPath: string;
  /** The data files as read: text and parsed JSON. */
  files: Partial<Record<DataFileName, { text: string; json: unknown }>>;
  /** The data directory as shown in problems ("data"). */
  dataDir: string;
  /** Source texts by file name, for the verbatim check of the new quotes. */
  sourceTexts?: ReadonlyMap<string, string>;
}

export type MergeResult =
  | {
      ok: true;
      added: Record<RecordKey, string[]>;
      /** New text of every data file that changed. */
      writes: Partial<Record<DataFileName, string>>;
      versionBefore: string;
      versionAfter: string;
      /** Quotes whose verbatim check could not run because the article text was not found. */
      unverified: string[];
      /** Truth-guard warnings on the new records (they do not block the merge). */
      warnings: Problem[];
      /** Truth guards that could not run for lack of source text. */
      skipped: SkippedGuard[];
    }
  | { ok: false; problems: Problem[] };

/** Strings the curator still has to write. */
export function findTodos(records: DraftRecords, draftPath: string): Problem[] {
  const problems: Problem[] = [];
  const walk = (value: unknown, path: (string | number)[]) => {
    if (typeof value === 'string') {
      if (value.includes(TODO) || /^todo-/.test(value))
        problems.push({
          file: draftPath,
          path: jsonPath(['records', ...path]),
          message: /^todo-/.test(value)
            ? `"${value}" is a placeholder: choose the right id (or delete the record)`
            : 'still has a TODO: write it in our own words (or delete the record)',
        });
    } else if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
    else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) walk(v, [...path, k]);
  };
  walk(records, []);
  return problems;
}

/** Points problems about appended items at the draft record they came from. */
function relocate(
  problems: Problem[],
  counts: Record<RecordKey, number>,
  dataDir: string,
  draftPath: string,
): Problem[] {
  return problems.map((p) => {
    const m = /^([a-z]+)\[(\d+)\](.*)$/.exec(p.path);
    const key = m?.[1] as RecordKey | undefined;
    if (!m || !key || !(key in counts) || !p.file.startsWith(dataDir)) return p;
    const index = Number(m[2]);
    const existing = counts[key];
    if (index < existing) return p;
    return { file: draftPath, path: `records.${key}[${index - existing}]${m[3] ?? ''}`, message: p.message };
  });
}

/** Appends items to the top-level array of a data file, leaving the existing text untouched. */
export function appendToFileText(text: string, items: readonly unknown[], merged: unknown): string {
  if (items.length === 0) return text;
  const body = items
    .map((item, i) => `    ${formatJsonValue(item, 4, '', i < items.length - 1 ? ',' : '')}`)
    .join(',\n');
  const close = /\n?([ \t]*)\]\s*\}\s*$/.exec(text);
  let out: string | undefined;
  if (close) {
    const before = text.slice(0, close.index).trimEnd();
    out = before.endsWith('[') ? `${before}\n${body}\n  ]\n}\n` : `${before},\n${body}\n  ]\n}\n`;
  }
  // Whatever the file looked like, the result must be exactly the merged data.
  try {
    if (out !== undefined && isDeepStrictEqual(JSON.parse(out), merged)) return out;
  } catch {
    // fall through to a full rewrite
  }
  return formatJson(merged);
}

export function mergeDraft(input: MergeInput): MergeResult {
  const { draftPath, dataDir } = input;
  const parsed = Draft.safeParse(input.draft);
  if (!parsed.success)
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({
        file: draftPath,
        path: jsonPath(issue.path),
        message: issue.message,
      })),
    };
  const records = parsed.data.records;
  const todos = findTodos(records, draftPath);
  if (todos.length > 0) return { ok: false, problems: todos };

  const before = validateDataset(
    Object.fromEntries(Object.entries(input.files).map(([name, f]) => [name, f?.json])),
    dataDir,
  );
  if (!before.ok)
    return {
      ok: false,
      problems: [
        ...before.problems,
        {
          file: `${dataDir}/`,
          path: '$',
          message: 'the dataset does not pass data:check before the merge: fix it first',
        },
      ],
    };

  const problems: Problem[] = [];
  records.sources.forEach((s, i) => {
    const known = before.data.sources.find((x) => x.file === s.file);
    if (known)
      problems.push({
        file: draftPath,
        path: `records.sources[${i}].file`,
        message: `"${s.file}" is already source ${known.label} ("${known.id}"): this article was ingested before`,
      });
  });

  const counts = Object.fromEntries(KEYS.map((k) => [k, before.data[k].length])) as Record<RecordKey, number>;
  const mergedFiles: Partial<Record<DataFileName, unknown>> = {};
  const mergedRaw = {} as RawDataset;
  for (const key of KEYS) {
    const name = FILE_OF[key];
    const original = input.files[name]?.json as Record<string, unknown>;
    const list = [...((original[key] as unknown[]) ?? []), ...records[key]];
    mergedFiles[name] = { ...original, [key]: list };
    (mergedRaw as unknown as Record<string, unknown[]>)[key] = list;
  }
  const after = validateDataset(mergedFiles, dataDir);
  if (!after.ok) problems.push(...relocate(after.problems, counts, dataDir, draftPath));

  const unverified: string[] = [];
  if (after.ok) {
    const newSources = new Set(records.sources.map((s) => s.id));
    const texts = input.sourceTexts ?? new Map<string, string>();
    const subset: RawDataset = {
      ...after.data,
      sources: after.data.sources.filter((s) => newSources.has(s.id) && texts.has(s.file)),
      quotes: after.data.quotes.filter((q, i) => i >= counts.quotes && newSources.has(q.citation.source)),
    };
    for (const q of after.data.quotes.slice(counts.quotes))
      if (!subset.sources.some((s) => s.id === q.citation.source)) unverified.push(q.id);
    subset.quotes = subset.quotes.filter((q) => !unverified.includes(q.id));
    const verbatim = verifyQuotes(subset, texts, dataDir).map((p) => {
      // verifyQuotes numbers records within the subset; point at the draft record instead.
      const m = /^(quotes|sources)\[(\d+)\](.*)$/.exec(p.path);
      const key = m?.[1] as 'quotes' | 'sources' | undefined;
      const item = key && m ? subset[key][Number(m[2])] : undefined;
      const k = key && item ? records[key].findIndex((x) => x.id === item.id) : -1;
      return key && k >= 0
        ? { file: draftPath, path: `records.${key}[${k}]${m?.[3] ?? ''}`, message: p.message }
        : p;
    });
    problems.push(...verbatim);
  }

  // Truth guards on the new records: own words, support, attribution, dates, tags (errors block).
  let truth: { problems: Problem[]; skipped: SkippedGuard[] } = { problems: [], skipped: [] };
  if (after.ok) {
    truth = checkAppended(after.data, counts, input.sourceTexts ?? new Map(), { draftPath });
    problems.push(...truth.problems.filter(isError));
  }

  if (problems.length > 0 || !after.ok) return { ok: false, problems };

  const writes: Partial<Record<DataFileName, string>> = {};
  for (const key of KEYS) {
    if (records[key].length === 0) continue;
    const name = FILE_OF[key];
    const file = input.files[name];
    if (!file) continue;
    writes[name] = appendToFileText(file.text, records[key], mergedFiles[name]);
  }
  const added = Object.fromEntries(KEYS.map((k) => [k, records[k].map((r) => r.id)])) as Record<
    RecordKey,
    string[]
  >;
  return {
    ok: true,
    added,
    writes,
    versionBefore: datasetVersionOf(texts(input.files)),
    versionAfter: datasetVersionOf({ ...texts(input.files), ...writes }),
    unverified,
    warnings: truth.problems.filter((p) => !isError(p)),
    skipped: truth.skipped,
  };
}

function texts(files: MergeInput['files']): Partial<Record<DataFileName, string>> {
  return Object.fromEntries(Object.entries(files).map(([name, file]) => [name, file?.text ?? '']));
}
