import { readFile } from 'node:fs/promises';
import { applyDraft } from '../curation/apply-draft.ts';
import { displayDir } from '../dataset/read-data-dir.ts';
import { formatSkipped } from '../domain/truth/index.ts';
import { formatProblem } from '../domain/validate.ts';
import { parseCliArgs } from './args.ts';

const USAGE = 'usage: npm run ingest:accept -- DRAFT.json [--data DIR] [--article FILE]';

const { values, positionals } = parseCliArgs(
  {
    allowPositionals: true,
    options: { data: { type: 'string', default: 'data' }, article: { type: 'string' } },
  },
  USAGE,
);
const draftPath = positionals[0];
if (!draftPath) {
  console.error(USAGE);
  process.exit(2);
}
const dataDir = values.data ?? 'data';
const shownDir = displayDir(dataDir);

let draft: unknown;
try {
  draft = JSON.parse(await readFile(draftPath, 'utf8'));
} catch (error) {
  console.error(`${draftPath}: $: cannot read the draft (${(error as Error).message})`);
  process.exit(1);
}

// The article, for the verbatim check of the new quotes: --article, else where ingest read it.
const sourceTexts = new Map<string, string>();
const review = (draft as { review?: { article?: { path?: string } } }).review;
const records = (draft as { records?: { sources?: { file?: string }[] } }).records;
const articlePath = values.article ?? review?.article?.path;
const articleFile = records?.sources?.[0]?.file;
if (articlePath && articleFile) {
  try {
    sourceTexts.set(articleFile, await readFile(articlePath, 'utf8'));
  } catch {
    console.warn(
      `note: article text not found at ${articlePath}: quotes are not checked verbatim (pass --article FILE)`,
    );
  }
}

// The same pipeline as /curate Publish: every check, then atomic writes (src/curation/apply-draft.ts).
const result = await applyDraft({ dataDir, draft, draftPath, sourceTexts });
if (!result.ok) {
  for (const p of result.problems) console.error(formatProblem(p));
  console.error(
    `\n${result.problems.length} problem(s): nothing was merged. Fix the draft and run ingest:accept again.`,
  );
  process.exit(1);
}

const lines = Object.entries(result.added)
  .filter(([, ids]) => ids.length > 0)
  .map(([key, ids]) => `  ${key}: ${ids.length} (${ids.join(', ')})`);
console.log(`Merged ${draftPath} into ${shownDir}/ — data:check passes:`);
console.log(lines.join('\n'));
if (result.unverified.length > 0)
  console.log(`  not checked verbatim (article text missing): ${result.unverified.join(', ')}`);
console.log(`Dataset version ${result.versionBefore} → ${result.versionAfter}.`);
// Truth guards: warnings do not block the merge, and some guards need the article text.
for (const p of result.warnings) console.warn(formatProblem(p));
for (const line of formatSkipped(result.skipped)) console.log(`note: ${line}`);
