import { displayDir, readDataFiles } from '../dataset/read-data-dir.ts';
import { readSourceTexts } from '../dataset/source-texts.ts';
import { checkTruth } from '../domain/truth/index.ts';
import { formatProblem, validateDataset } from '../domain/validate.ts';
import { verifyQuotes } from '../domain/verify.ts';
import { parseCliArgs } from './args.ts';
import { printTruthFindings } from './truth-output.ts';

/**
 * `npm run data:verify [-- --sources DIR]`: every quote verbatim in the paragraph it cites, and the
 * truth guards (own words, support, attribution, dates, tags, citations) against the texts in DIR
 * and those stored as data/sources/<id>.txt (curated sources keep theirs there, so they need no DIR).
 */
const USAGE = 'usage: npm run data:verify [-- --sources DIR] [--data DIR]';
const { values } = parseCliArgs(
  {
    options: { sources: { type: 'string' }, data: { type: 'string', default: 'data' } },
  },
  USAGE,
);
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
// Without --sources, only the stored texts are at hand: sources without one are named, not failed.
const checked = values.sources ? data : { ...data, sources: data.sources.filter((s) => byFile.has(s.file)) };
const unchecked = data.sources.filter((s) => !byFile.has(s.file));
if (!values.sources && unchecked.length > 0)
  console.log(
    `note: quotes of ${unchecked.map((s) => s.label).join(', ')} not checked verbatim: no text in ${shown}/sources/ (pass --sources DIR)`,
  );
const verbatim = [...texts.problems, ...verifyQuotes(checked, byFile, shown)];
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
  `All ${checked.sources.length === data.sources.length ? data.quotes.length : data.quotes.filter((q) => byFile.has(data.sources.find((x) => x.id === q.citation.source)?.file ?? '')).length} quotes checked appear verbatim in the paragraphs they cite (${checked.sources.length} of ${data.sources.length} sources).\n` +
    `Truth guards: 0 errors, ${warnings} warning(s).`,
);
