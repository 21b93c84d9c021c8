import { formatSkipped, type SkippedGuard } from '../domain/truth/index.ts';
import { formatProblem, isError, type Problem } from '../domain/validate.ts';

/** Prints the truth guards' findings the way data:check prints everything: `file: path: message`. */
export function printTruthFindings(
  problems: readonly Problem[],
  skipped: readonly SkippedGuard[],
  looked: readonly string[],
): { errors: number; warnings: number } {
  const errors = problems.filter(isError);
  const warnings = problems.filter((p) => !isError(p));
  for (const p of errors) console.error(formatProblem(p));
  for (const p of warnings) console.error(formatProblem(p));
  for (const line of formatSkipped(skipped)) console.log(`note: ${line} (looked in ${looked.join(' and ')})`);
  return { errors: errors.length, warnings: warnings.length };
}
