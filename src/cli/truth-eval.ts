import { displayDir, readDataFiles } from '../dataset/read-data-dir.ts';
import { readSourceTexts } from '../dataset/source-texts.ts';
import { evaluateSupport } from '../domain/truth/evaluate.ts';
import { DEFAULT_SUPPORT_THRESHOLD } from '../domain/truth/support.ts';
import { formatProblem, validateDataset } from '../domain/validate.ts';
import { parseCliArgs } from './args.ts';
import { columns } from './truth-output.ts';

/**
 * `npm run data:truth-eval -- --sources DIR [--data DIR] [--verbose]`: precision and recall of the
 * support guard on broken copies of the dataset (wrong paragraph, changed number, added qualifier,
 * swapped person) and on the dataset as it is, over a range of thresholds.
 */
const USAGE = 'usage: npm run data:truth-eval -- --sources DIR [--data DIR] [--verbose]';
const { values } = parseCliArgs(
  {
    options: {
      sources: { type: 'string' },
      data: { type: 'string', default: 'data' },
      verbose: { type: 'boolean', default: false },
    },
  },
  USAGE,
);
if (!values.sources) {
  console.error(USAGE);
  process.exit(2);
}
const dataDir = values.data ?? 'data';
const { files, problems } = await readDataFiles(dataDir);
const validated = validateDataset(files, displayDir(dataDir));
if (problems.length > 0 || !validated.ok) {
  for (const p of [...problems, ...(validated.ok ? [] : validated.problems)]) console.error(formatProblem(p));
  console.error('The dataset does not pass `npm run data:check`; fix that first.');
  process.exit(1);
}
const texts = await readSourceTexts({ sourcesDir: values.sources, dataDir, sources: validated.data.sources });
const thresholds = Array.from({ length: 11 }, (_, i) => Math.round((0.2 + i * 0.05) * 100) / 100);
if (!thresholds.includes(DEFAULT_SUPPORT_THRESHOLD)) thresholds.push(DEFAULT_SUPPORT_THRESHOLD);
thresholds.sort((a, b) => a - b);
const started = Date.now();
const ev = evaluateSupport(validated.data, texts.texts, thresholds);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const kinds = ['wrong-paragraph', 'number-changed', 'qualifier-added', 'actor-swapped'] as const;
console.log(
  `Support guard on ${ev.copies} broken copies and ${ev.records} records as they are (${Date.now() - started} ms)\n`,
);
console.log(
  columns(
    ['threshold', 'precision', 'recall', 'F1', 'false alarms', 'missed', ...kinds],
    ev.rows.map((r) => [
      `${r.threshold.toFixed(2)}${r.threshold === DEFAULT_SUPPORT_THRESHOLD ? ' *' : ''}`,
      pct(r.precision),
      pct(r.recall),
      r.f1.toFixed(3),
      String(r.falsePositives),
      String(r.falseNegatives),
      ...kinds.map((k) => `${r.recallByKind[k]?.caught ?? 0}/${r.recallByKind[k]?.total ?? 0}`),
    ]),
  ),
);
console.log(`\n* the default threshold (DEFAULT_SUPPORT_THRESHOLD in src/domain/truth/support.ts)`);
if (values.verbose) {
  for (const c of ev.missedAt(DEFAULT_SUPPORT_THRESHOLD)) console.log(`missed: ${c.kind}: ${c.description}`);
  for (const r of ev.falseAlarmsAt(DEFAULT_SUPPORT_THRESHOLD)) console.log(`false alarm: ${r}`);
}
