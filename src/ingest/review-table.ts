import { formatPartialDate } from '../domain/dates.ts';
import { formatSkipped, type SkippedGuard } from '../domain/truth/index.ts';
import { isError, type Problem } from '../domain/validate.ts';
import type { DraftFile } from './draft.ts';

/** Fixed-width table; the last column takes the rest of the line. */
export function table(headers: string[], rows: string[][], width = 150): string {
  const widths = headers.map((h, i) =>
    i === headers.length - 1 ? 0 : Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)),
  );
  const used = widths.reduce((a, b) => a + b + 2, 0);
  const last = Math.max(20, width - used);
  const line = (cells: string[]) =>
    cells
      .map((c, i) =>
        i === cells.length - 1
          ? c.length > last
            ? `${c.slice(0, last - 1)}…`
            : c
          : c.padEnd(widths[i] ?? 0),
      )
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}

const conf = (n: number) => n.toFixed(2);

/** The truth guards' findings on a draft (see checkDraftRecords), for the review table. */
export interface DraftTruth {
  problems: readonly Problem[];
  skipped: readonly SkippedGuard[];
}

/** What a curator reads after `npm run ingest`: every proposal with its confidence and origin. */
export function formatReviewTable(draft: DraftFile, draftPath: string, truth?: DraftTruth): string {
  const { records, review } = draft;
  const source = records.sources[0];
  const out: string[] = [];
  const furniture = review.paragraphs.filter((p) => p.furniture);
  const flagged = review.paragraphs.filter((p) => p.flags.length > 0);
  out.push(
    `Draft written to ${draftPath}`,
    source
      ? `Source ${source.label} "${source.id}" (${source.file}), published ${source.publishedAt.value}: ${source.paragraphCount} paragraphs` +
          (furniture.length > 0
            ? `; furniture (not cited): ${furniture.map((p) => p.paragraph).join(', ')}`
            : '')
      : 'No source record.',
    '',
  );
  if (flagged.length > 0) {
    out.push(
      'PARAGRAPHS FLAGGED',
      table(
        ['¶', 'flags', 'furniture', 'text'],
        flagged.map((p) => [
          String(p.paragraph),
          p.flags.join(','),
          p.furniture ? 'yes' : 'no',
          p.reason ?? p.text,
        ]),
      ),
      '',
    );
  }
  out.push(
    `QUOTES (${records.quotes.length})`,
    table(
      ['id', '¶', 'speaker', 'conf', 'rule', 'text'],
      records.quotes.map((q) => {
        const r = review.quotes[q.id];
        return [
          q.id,
          String(q.citation.paragraph),
          q.speaker,
          r ? conf(r.confidence) : '',
          r ? `${r.speakerRule}${r.flags.length ? ' !' : ''}` : '',
          `${q.fragment ? '(fragment) ' : ''}“${q.text}”`,
        ];
      }),
    ),
    '',
    `EVENTS (${records.events.length})`,
    table(
      ['id', 'kind', 'date', '¶', 'conf', 'actors / how dated'],
      records.events.map((e) => {
        const r = review.events[e.id];
        return [
          e.id,
          e.kind,
          formatPartialDate(e.date) + (e.partOfDay ? ` ${e.partOfDay}` : ''),
          e.citations.map((c) => c.paragraph).join(','),
          r ? conf(r.confidence) : '',
          `${e.actors.map((a) => `${a.actor}:${a.role}`).join(' ')} | ${e.date.basis}`,
        ];
      }),
    ),
    '',
  );
  const planned = review.planned ?? [];
  if (planned.length > 0)
    out.push(
      `PLANNED (${planned.length}; after publication, so not proposed as events)`,
      table(
        ['date', '¶', 'what', 'sentence'],
        planned.map((p) => [
          formatPartialDate(p.date as Parameters<typeof formatPartialDate>[0]),
          String(p.paragraph),
          p.trigger,
          p.sentence,
        ]),
      ),
      '',
    );
  if (truth) out.push(...truthSection(truth));
  if (records.actors.length > 0) {
    out.push(
      `NEW ACTORS (${records.actors.length})`,
      table(
        ['id', 'kind', '¶', 'why'],
        records.actors.map((a) => {
          const r = review.actors[a.id];
          return [a.id, a.kind, r?.paragraphs.join(',') ?? '', r?.basis ?? ''];
        }),
      ),
      '',
    );
  }
  if (review.spellingVariants.length > 0) {
    out.push(
      'SPELLING VARIANTS (matched to known actors; consider adding them as aliases)',
      table(
        ['¶', 'actor', 'distance', 'as printed'],
        review.spellingVariants.map((v) => [String(v.paragraph), v.actor, String(v.distance), v.text]),
      ),
      '',
    );
  }
  if (review.otherNames.length > 0) {
    out.push(
      'OTHER NAMES (not proposed as actors)',
      table(
        ['kind', '¶', 'name'],
        review.otherNames.map((n) => [n.kind, n.paragraphs.join(','), `${n.name} (${n.basis})`]),
      ),
      '',
    );
  }
  out.push(
    `Known actors mentioned: ${review.actorsFound.join(', ') || 'none'}`,
    `Review the draft, replace every TODO, then: npm run ingest:accept -- ${draftPath}`,
  );
  return out.join('\n');
}

/** The truth guards' verdict on the proposals; accept refuses the draft while errors remain. */
function truthSection(truth: DraftTruth): string[] {
  const errors = truth.problems.filter(isError).length;
  const warnings = truth.problems.length - errors;
  const lines = [
    `TRUTH CHECKS (own words, support, attribution, dates, tags): ${errors} error(s), ${warnings} warning(s)` +
      (errors > 0 ? ' — ingest:accept refuses the draft until they are fixed' : ''),
  ];
  if (truth.problems.length > 0)
    lines.push(
      table(
        ['', 'guard', 'where', 'problem'],
        truth.problems.map((p) => [
          isError(p) ? 'error' : 'warn',
          p.guard ?? '',
          p.path.replace(/^records\./, ''),
          p.message,
        ]),
        200,
      ),
    );
  for (const line of formatSkipped(truth.skipped)) lines.push(`note: ${line}`);
  lines.push('');
  return lines;
}
