import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadDatasetFromDir } from '../dataset/read-data-dir.ts';
import { formatProblem } from '../domain/validate.ts';
import {
  type ArticleEvaluation,
  evaluateArticle,
  formatCount,
  GOALS,
  summarize,
} from '../ingest/evaluate.ts';
import { table } from '../ingest/review-table.ts';

const USAGE =
  'usage: npm run ingest:eval -- DIR [--data DIR] [--verbose]   (DIR holds the source article texts)';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { data: { type: 'string', default: 'data' }, verbose: { type: 'boolean', default: false } },
});
const dir = positionals[0];
if (!dir) {
  console.error(USAGE);
  process.exit(2);
}
const dataDir = values.data ?? 'data';
const loaded = await loadDatasetFromDir(dataDir);
if (!loaded.ok) {
  for (const p of loaded.problems) console.error(formatProblem(p));
  console.error(`\nThe dataset in ${dataDir}/ does not pass data:check.`);
  process.exit(1);
}
const dataset = loaded.dataset;
let names: string[];
try {
  names = (await readdir(dir)).filter((n) => n.endsWith('.txt')).sort();
} catch (error) {
  console.error(`cannot read ${dir}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  process.exit(1);
}

const results: ArticleEvaluation[] = [];
for (const name of names) {
  const source = dataset.sources.find((s) => s.file === name);
  if (!source) {
    console.log(`skip ${name}: no curated source has this file`);
    continue;
  }
  const text = await readFile(path.join(dir, name), 'utf8');
  results.push(evaluateArticle(text, source, dataset, new Date()));
}
const summary = summarize(results);
console.log(
  table(
    [
      'article',
      'published',
      'quotes found',
      'right speaker',
      'event dates right',
      'actors found',
      'extra quotes',
    ],
    [
      ...results.map((r) => [
        `${r.label} ${r.file}`,
        r.published,
        formatCount(r.quotesFound),
        formatCount(r.quotesWithSpeaker),
        formatCount(r.eventDates),
        formatCount(r.actorsFound),
        String(r.extraQuotes),
      ]),
      [
        'total',
        '',
        formatCount(summary.total.quotesFound),
        formatCount(summary.total.quotesWithSpeaker),
        formatCount(summary.total.eventDates),
        formatCount(summary.total.actorsFound),
        String(results.reduce((a, r) => a + r.extraQuotes, 0)),
      ],
    ],
    160,
  ),
);
for (const r of results) {
  const para =
    r.paragraphs.curated === r.paragraphs.proposed
      ? 'match'
      : `${r.paragraphs.proposed} vs ${r.paragraphs.curated}`;
  console.log(
    `\n${r.label}: paragraphs ${para}; furniture proposed [${r.furniture.proposed.join(', ')}], curated [${r.furniture.curated.join(', ')}]`,
  );
  for (const m of r.misses) console.log(`  miss: ${m}`);
}
console.log(
  `\nGoals: ≥ ${GOALS.quotesWithSpeaker * 100}% of curated quotes found with the right speaker, ≥ ${GOALS.eventDates * 100}% of event dates right: ${summary.meetsGoals ? 'met' : 'NOT met'}.`,
);
if (!summary.meetsGoals) process.exit(1);
