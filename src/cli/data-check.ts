import { displayDir, loadDatasetFromDir, readDataFiles } from '../dataset/read-data-dir.ts';
import { readSourceTexts } from '../dataset/source-texts.ts';
import { formatPartialDate } from '../domain/dates.ts';
import { checkTruth, TEXT_GUARDS } from '../domain/truth/index.ts';
import { missingTranslations, translationCoverage } from '../domain/truth/translations.ts';
import { formatProblem, validateDataset } from '../domain/validate.ts';
import { parseCliArgs } from './args.ts';
import { printTruthFindings } from './truth-output.ts';

/**
 * `npm run data:check [-- DIR] [--sources DIR]`: schema, ids, references, dates and citations,
 * then the truth guards (own words, support, attribution, honest dates, supported tags) against
 * whatever source texts are available. Errors exit 1; warnings are printed and counted.
 */
const USAGE = 'usage: npm run data:check [-- DIR] [--sources DIR]';
const { values, positionals } = parseCliArgs(
  {
    allowPositionals: true,
    options: { sources: { type: 'string' } },
  },
  USAGE,
);
const dir = positionals[0] ?? 'data';
const shown = displayDir(dir);
const result = await loadDatasetFromDir(dir);
if (!result.ok) {
  for (const p of result.problems) console.error(formatProblem(p));
  console.error(
    `\n${result.problems.length} problem(s) in ${shown}/ — fix them and run \`npm run data:check\` again.`,
  );
  process.exit(1);
}
const d = result.dataset;
const { files } = await readDataFiles(dir);
const validated = validateDataset(files, shown);
if (!validated.ok) throw new Error('unreachable: the dataset validated a moment ago');
const texts = await readSourceTexts({
  sourcesDir: values.sources,
  dataDir: dir,
  shownDataDir: shown,
  sources: d.sources,
});
for (const p of texts.problems) console.error(formatProblem(p));
const truth = checkTruth(validated.data, texts.texts, { dir: shown });
// Every field in every translation locale a dataset has begun translating into: a missing one is a
// warning (the English is shown, marked). A dataset with no translation in a locale gets one note.
const coverage = translationCoverage(validated.data);
const begun = new Set(
  Object.entries(coverage)
    .filter(([, c]) => c.current + c.stale > 0)
    .map(([locale]) => locale),
);
const untranslated = missingTranslations(validated.data)
  .filter((f) => begun.has(f.locale))
  .map((f) => ({
    file: `${shown}/${f.key}.json`,
    path: f.path,
    message: f.message,
    severity: f.severity,
    guard: 'translations' as const,
  }));
const { errors, warnings } = printTruthFindings(
  [...truth.problems, ...untranslated],
  truth.skipped,
  texts.looked,
);
const checked = TEXT_GUARDS.filter(
  (g) => !truth.skipped.some((s) => s.guard === g && s.sources.length === d.sources.length),
);
const summary =
  `${d.events.length} events, ${d.actors.length} actors, ${d.quotes.length} quotes, ` +
  `${d.topics.length} topics, ${d.commitments.length} commitments, ${d.sources.length} sources` +
  (d.coverage
    ? `; events from ${formatPartialDate(d.coverage.first)} to ${formatPartialDate(d.coverage.last)}`
    : '');
for (const [locale, c] of Object.entries(coverage))
  if (!begun.has(locale) && c.fields > 0)
    console.log(
      `note: no ${locale} translations: ${locale} readers see every entry in English, marked (\`npm run data:translations -- --locale ${locale}\` lists what to translate)`,
    );
const translated = Object.entries(coverage)
  .map(([locale, c]) => `${locale} ${c.current}/${c.fields} fields${c.stale ? `, ${c.stale} stale` : ''}`)
  .join('; ');
const guards = `truth guards: ${errors} error(s), ${warnings} warning(s) (dates, translations${checked.length ? `, ${checked.join(', ')}` : ''}); translations: ${translated}`;
if (errors > 0 || texts.problems.length > 0) {
  console.error(
    `\n${shown}/ (version ${d.version}): ${summary}.\n${guards} — fix the errors and run \`npm run data:check\` again.`,
  );
  process.exit(1);
}
console.log(`${shown}/ is valid (version ${d.version}): ${summary}.\n${guards}.`);
