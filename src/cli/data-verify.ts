import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readDataFiles } from '../dataset/read-data-dir.ts';
import { formatProblem, validateDataset } from '../domain/validate.ts';
import { verifyQuotes } from '../domain/verify.ts';

const { values } = parseArgs({
  options: { sources: { type: 'string' }, data: { type: 'string', default: 'data' } },
});
if (!values.sources) {
  console.error('usage: npm run data:verify -- --sources DIR   (DIR holds the source article texts)');
  process.exit(2);
}
const dataDir = values.data ?? 'data';
const { files, problems: readProblems } = await readDataFiles(dataDir);
const validated = validateDataset(files, dataDir);
if (readProblems.length > 0 || !validated.ok) {
  for (const p of [...readProblems, ...(validated.ok ? [] : validated.problems)])
    console.error(formatProblem(p));
  console.error('The dataset does not pass `npm run data:check`; fix that first.');
  process.exit(1);
}
const texts = new Map<string, string>();
for (const name of await readdir(values.sources)) {
  if (name.endsWith('.txt')) texts.set(name, await readFile(path.join(values.sources, name), 'utf8'));
}
const problems = verifyQuotes(validated.data, texts, dataDir);
for (const p of problems) console.error(formatProblem(p));
if (problems.length > 0) {
  console.error(`\n${problems.length} problem(s): quotes must match their cited paragraph verbatim.`);
  process.exit(1);
}
console.log(
  `All ${validated.data.quotes.length} quotes appear verbatim in the paragraphs they cite (${validated.data.sources.length} sources).`,
);
