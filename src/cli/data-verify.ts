import { parseArgs } from 'node:util';
import { displayDir, readDataFiles } from '../dataset/read-data-dir.ts';
import { readSourceTexts } from '../dataset/source-texts.ts';
import { checkTruth } from '../domain/truth/index.ts';
import { formatProblem, validateDataset } from '../domain/validate.ts';
import { verifyQuotes } from '../domain/verify.ts';
import { printTruthFindings } from './truth-output.ts';

/**
 * `npm run data:verify -- --sources DIR`: every quote verbatim in the paragraph it cites, and the
 * truth guards (own words, support, attribution, dates, tags, citations) against the texts in DIR
 * (and any stored as data/sources/<id>.txt).
 */
const { values } = parseArgs({
  options: { sources: { type: 'string' }, data: { type: 'string', default: 'data' } },
});
if (!values.sources) {
  console.error('usage: npm run data:verify -- --sources DIR   (DIR holds the source article texts)');
  process.exit(2);
}
const dataDir = values.data ?? 'data';
const shown = displayDir(dataDir);
const { files, problems: readProblems } = await readDataFiles(dataDir);
const validated = validateDataset(files, shown);
if (readProblems.length > 0 || !validated.ok) {
  for (const p of [...readProblems, ...(validated.ok ? [] : validated.problems)])
    console.error(formatProblem(p));
  console.error('The dataset does not pass `npm run data:check`; fix that first.');
  process.exit(1);
}
const data = validated.data;
const texts = await readSourceTexts({
  sourcesDir: values.sources,
  dataDir,
  shownDataDir: shown,
  sources: data.sources,
});
const byFile = new Map(
  data.sources.flatMap((s) => {
    const t = texts.texts.get(s.file) ?? texts.texts.get(s.id);
    return t === undefined ? [] : [[s.file, t] as const];
  }),
);
const verbatim = [...texts.problems, ...verifyQuotes(data, byFile, shown)];
for (const p of verbatim) console.error(formatProblem(p));
const truth = checkTruth(data, texts.texts, { dir: shown });
const { errors, warnings } = printTruthFindings(truth.problems, truth.skipped, texts.looked);
const total = verbatim.length + errors;
if (total > 0) {
  console.error(
    `\n${total} error(s), ${warnings} warning(s): quotes must match their cited paragraph verbatim, and every other text must be our own words, supported by what it cites.`,
  );
  process.exit(1);
}
console.log(
  `All ${data.quotes.length} quotes appear verbatim in the paragraphs they cite (${data.sources.length} sources).\n` +
    `Truth guards: 0 errors, ${warnings} warning(s).`,
);
