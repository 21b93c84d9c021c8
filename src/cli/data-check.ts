import { loadDatasetFromDir } from '../dataset/read-data-dir.ts';
import { formatProblem } from '../domain/validate.ts';

const dir = process.argv[2] ?? 'data';
const result = await loadDatasetFromDir(dir);
if (!result.ok) {
  for (const p of result.problems) console.error(formatProblem(p));
  console.error(
    `\n${result.problems.length} problem(s) in ${dir}/ — fix them and run \`npm run data:check\` again.`,
  );
  process.exit(1);
}
const d = result.dataset;
console.log(
  `${dir}/ is valid (version ${d.version}): ${d.events.length} events, ${d.actors.length} actors, ${d.quotes.length} quotes, ` +
    `${d.topics.length} topics, ${d.commitments.length} commitments, ${d.sources.length} sources` +
    (d.coverage ? `; events from ${d.coverage.first} to ${d.coverage.last}.` : '.'),
);
