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

/** Left-aligned columns, two spaces apart. */
export function columns(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}
