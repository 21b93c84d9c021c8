import { writeFile } from 'node:fs/promises';
import { loadDatasetFromDir } from '../dataset/read-data-dir.ts';
import { formatProblem } from '../domain/validate.ts';
import { computeCalibration } from '../ingest/calibration.ts';
import { evaluateKeyed } from '../ingest/corpus.ts';
import { table } from '../ingest/review-table.ts';
import { parseCliArgs } from './args.ts';
import { readKeyedFolder, TRAINING_DIRS } from './keyed-folders.ts';

/**
 * npm run ingest:calibrate: measures each speaker sieve's precision on the training articles and
 * writes src/ingest/speaker-calibration.json, which the ingest reads its confidences and its review
 * threshold from. Run it after changing an attribution rule; ingest:eval fails while it is stale.
 */

const OUT = 'src/ingest/speaker-calibration.json';
const USAGE = 'usage: npm run ingest:calibrate [-- --data DIR] [--training DIR]...';
const { values } = parseCliArgs(
  {
    options: {
      data: { type: 'string', default: 'data' },
      training: { type: 'string', multiple: true },
    },
  },
  USAGE,
);
const loaded = await loadDatasetFromDir(values.data ?? 'data');
if (!loaded.ok) {
  for (const p of loaded.problems) console.error(formatProblem(p));
  process.exit(1);
}
const dirs = values.training && values.training.length > 0 ? values.training : TRAINING_DIRS;
const folders = [];
for (const dir of dirs) {
  const outcomes = [];
  for (const a of await readKeyedFolder(dir))
    outcomes.push(...evaluateKeyed(a.name, a.text, a.key, loaded.dataset).quotes);
  folders.push(outcomes);
}
const calibration = computeCalibration(folders);
console.log(
  table(
    ['sieve/resolution', 'first-sieve picks', 'right', 'confidence'],
    Object.entries(calibration.cells).map(([k, c]) => [
      k,
      String(c.n),
      String(c.right),
      c.confidence.toFixed(3),
    ]),
  ),
);
const oos = calibration.outOfSample;
console.log(
  `\nreview threshold: ${calibration.threshold} (${folders.flat().length} quotes; precision of all picks ${calibration.global})`,
);
if (oos)
  console.log(
    `leave-one-folder-out at that threshold: ${oos.chosen} chosen, ${oos.right} right, ${oos.wrong} wrong (${((oos.wrong / oos.quotes) * 100).toFixed(1)}% of quotes)`,
  );
await writeFile(OUT, `${JSON.stringify(calibration, null, 2)}\n`);
console.log(`wrote ${OUT}`);
