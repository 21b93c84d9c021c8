import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadDatasetFromDir } from '../dataset/read-data-dir.ts';
import { readSourceTexts } from '../dataset/source-texts.ts';
import { isRealDay } from '../domain/dates.ts';
import { checkDraftRecords } from '../domain/truth/index.ts';
import { formatProblem } from '../domain/validate.ts';
import { splitParagraphs } from '../domain/verify.ts';
import { ingestArticle } from '../ingest/ingest.ts';
import { formatJson } from '../ingest/json.ts';
import { formatReviewTable } from '../ingest/review-table.ts';
import { parseCliArgs } from './args.ts';

const USAGE =
  'usage: npm run ingest -- FILE --published YYYY-MM-DD [--title "…"] [--publisher "…"] [--language en] [--data DIR] [--out DRAFT.json] [--force]';

const { values, positionals } = parseCliArgs(
  {
    allowPositionals: true,
    options: {
      published: { type: 'string' },
      title: { type: 'string' },
      publisher: { type: 'string' },
      language: { type: 'string' },
      data: { type: 'string', default: 'data' },
      out: { type: 'string' },
      force: { type: 'boolean', default: false },
    },
  },
  USAGE,
);
const file = positionals[0];
if (!file || !values.published) {
  console.error(USAGE);
  process.exit(2);
}
if (!isRealDay(values.published)) {
  console.error(`--published must be a real day written YYYY-MM-DD, got "${values.published}"`);
  process.exit(2);
}
const dataDir = values.data ?? 'data';
const loaded = await loadDatasetFromDir(dataDir);
if (!loaded.ok) {
  for (const p of loaded.problems) console.error(formatProblem(p));
  console.error(`\nThe dataset in ${dataDir}/ does not pass data:check; fix it before ingesting.`);
  process.exit(1);
}
let text: string;
try {
  text = await readFile(file, 'utf8');
} catch (error) {
  console.error(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  process.exit(1);
}
if (splitParagraphs(text).length === 0) {
  console.error(`${file} has no text: nothing to ingest`);
  process.exit(1);
}
const known = loaded.dataset.sources.find((s) => s.file === path.basename(file));
if (known)
  console.warn(
    `note: ${path.basename(file)} is already source ${known.label} ("${known.id}") in ${dataDir}/`,
  );

const result = ingestArticle(text, {
  dataset: loaded.dataset,
  articlePath: path.resolve(file),
  published: values.published,
  ...(values.title ? { title: values.title } : {}),
  ...(values.publisher ? { publisher: values.publisher } : {}),
  ...(values.language ? { language: values.language } : {}),
  now: new Date(),
});
const sourceId = result.draft.records.sources[0]?.id ?? 'draft';
const out = values.out ?? path.join(dataDir, 'drafts', `${sourceId}.json`);
if (existsSync(out) && !values.force) {
  console.error(
    `${out} exists (it may hold your review): pass --force to overwrite it, or --out another path.`,
  );
  process.exit(1);
}
await mkdir(path.dirname(out), { recursive: true });
await writeFile(out, formatJson(result.draft));
// Truth guards on the proposals (placeholders skipped), shown in the review table.
const stored = await readSourceTexts({ dataDir, sources: loaded.dataset.sources });
stored.texts.set(result.draft.records.sources[0]?.file ?? path.basename(file), text);
const truth = checkDraftRecords(loaded.dataset, result.draft.records, stored.texts, { draftPath: out });
console.log(formatReviewTable(result.draft, out, truth));
