/**
 * Cron expressions, PURE: node-cron decides what is valid (the product's syntax), cron-parser computes
 * the run times in the schedule's IANA zone (DST included).
 *
 * The two libraries differ in details, so an expression is first expanded by node-cron (`parse`) and
 * rebuilt in a canonical form cron-parser reads the same way: names, `?`, `@daily`, `7` for Sunday and
 * wrapping ranges like `22-2` become explicit lists. One real difference remains: when BOTH day of
 * month and day of week are restricted, node-cron requires both to match (AND) while cron-parser
 * accepts either (OR, classic Vixie cron). We keep node-cron's meaning by intersecting two cron-parser
 * sequences (day of month only, day of week only). Forms node-cron accepts but cron-parser cannot
 * compute (`L-3`, `15W`, `LW`, `#` in a list) are refused with a clear message.
 *
 * DST (cron-parser's behaviour, asserted in tests): a wall-clock time skipped by spring-forward runs
 * at the same minute of the next hour (01:30 Europe/London on the last Sunday of March runs at 02:30
 * BST); a time repeated by fall-back runs once (the first 01:30, BST).
 *
 * cron-parser is slow (hundreds of µs per step), so compiled expressions are cached per
 * (expression, zone) and each memoizes its recent answers: 100k schedules sharing a few hundred
 * expressions cost a few hundred computations per tick, not 100k.
 */
import { type CronExpression, CronExpressionParser } from 'cron-parser';
import cronstrue from 'cronstrue';
import nodeCron from 'node-cron';

export interface Occurrences {
  /** `${timezone} ${canonical}`: schedules with equal keys run at the same instants. */
  readonly key: string;
  /** First run strictly after `ms` (epoch ms), or undefined if it never runs again. */
  nextAfter(ms: number): number | undefined;
  /** Last run at or before `ms`. */
  latestAtOrBefore(ms: number): number | undefined;
}

export interface CompiledCron extends Occurrences {
  readonly expression: string;
  readonly timezone: string;
  /** Six fields, as handed to cron-parser (AND of both day fields when `bothDays`). */
  readonly canonical: string;
  readonly bothDays: boolean;
  /** Seconds of the day this expression fires at (sorted), for the interval check. */
  readonly timesOfDay: readonly number[];
}

/** Why an expression was refused, as data (worded per language in the catalog; `message` is English). */
export type CronProblem =
  | { kind: 'empty' }
  /** `detail`: node-cron's explanation, in English (it names the field and value as typed). */
  | { kind: 'invalid'; text: string; detail: string }
  | { kind: 'unsupported-day'; text: string; form: string }
  | { kind: 'unschedulable'; text: string; detail: string }
  | { kind: 'never'; text: string };

export type CronResult =
  | { ok: true; cron: CompiledCron }
  | { ok: false; message: string; problem: CronProblem };

type Field = Array<number | string>;
interface Fields {
  second: Field;
  minute: Field;
  hour: Field;
  dayOfMonth: Field;
  month: Field;
  dayOfWeek: Field;
}

const FULL = { second: 60, minute: 60, hour: 24, dayOfMonth: 31, month: 12, dayOfWeek: 7 } as const;
const MEMO_LIMIT = 512;
const AND_STEP_LIMIT = 5_000;
const CACHE_LIMIT = 50_000;

const EXAMPLES = '`0 9 * * *` (09:00 every day) or `30 8 * * 1-5` (08:30 on weekdays)';
const FIELD_NAMES: Record<string, string> = {
  second: 'second',
  minute: 'minute',
  hour: 'hour',
  dayOfMonth: 'day of month',
  month: 'month',
  dayOfWeek: 'day of week',
};

function isFull(name: keyof Fields, values: Field): boolean {
  if (values.some((v) => typeof v !== 'number')) return false;
  return new Set(values).size >= FULL[name];
}

function fieldText(name: keyof Fields, values: Field): string {
  if (isFull(name, values)) return '*';
  const nums = [...new Set(values.filter((v): v is number => typeof v === 'number'))].sort((a, b) => a - b);
  const strings = values.filter((v): v is string => typeof v === 'string');
  return [...nums.map(String), ...strings].join(',');
}

function timesOfDay(f: Fields): number[] {
  const out: number[] = [];
  for (const h of f.hour) {
    for (const m of f.minute) {
      for (const s of f.second) {
        if (typeof h === 'number' && typeof m === 'number' && typeof s === 'number')
          out.push(h * 3600 + m * 60 + s);
      }
    }
  }
  return [...new Set(out)].sort((a, b) => a - b);
}

function safeStep(expr: CronExpression, from: number, direction: 'next' | 'prev'): number | undefined {
  try {
    expr.reset(new Date(from));
    return (direction === 'next' ? expr.next() : expr.prev()).getTime();
  } catch {
    return undefined;
  }
}

/** A bounded memo of one step function (null stands for "no such run"). */
function memoized(memo: Map<number, number | null>, ms: number, compute: () => number | undefined) {
  const hit = memo.get(ms);
  if (hit !== undefined) return hit ?? undefined;
  const value = compute();
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(ms, value ?? null);
  return value;
}

class Compiled implements CompiledCron {
  readonly key: string;
  private readonly nextMemo = new Map<number, number | null>();
  private readonly prevMemo = new Map<number, number | null>();

  constructor(
    readonly expression: string,
    readonly timezone: string,
    readonly canonical: string,
    readonly bothDays: boolean,
    readonly timesOfDay: readonly number[],
    private readonly primary: CronExpression,
    /** Day-of-week half when both day fields are restricted (primary is then the day-of-month half). */
    private readonly secondary: CronExpression | undefined,
  ) {
    this.key = `${timezone} ${canonical}`;
  }

  private rawNext(after: number): number | undefined {
    const a = this.primary;
    const b = this.secondary;
    if (!b) return safeStep(a, after, 'next');
    let x = safeStep(a, after, 'next');
    let y = safeStep(b, after, 'next');
    for (let i = 0; i < AND_STEP_LIMIT && x !== undefined && y !== undefined; i++) {
      if (x === y) return x;
      if (x < y) x = safeStep(a, y - 1, 'next');
      else y = safeStep(b, x - 1, 'next');
    }
    return undefined;
  }

  private rawLatest(atOrBefore: number): number | undefined {
    const a = this.primary;
    const b = this.secondary;
    if (!b) return safeStep(a, atOrBefore + 1, 'prev');
    let x = safeStep(a, atOrBefore + 1, 'prev');
    let y = safeStep(b, atOrBefore + 1, 'prev');
    for (let i = 0; i < AND_STEP_LIMIT && x !== undefined && y !== undefined; i++) {
      if (x === y) return x;
      if (x > y) x = safeStep(a, y + 1, 'prev');
      else y = safeStep(b, x + 1, 'prev');
    }
    return undefined;
  }

  nextAfter(ms: number): number | undefined {
    return memoized(this.nextMemo, ms, () => this.rawNext(ms));
  }

  latestAtOrBefore(ms: number): number | undefined {
    return memoized(this.prevMemo, ms, () => this.rawLatest(ms));
  }
}

function fixGrammar(message: string): string {
  return message.replace(/\ba invalid\b/g, 'an invalid');
}

/** Validates with node-cron and compiles for cron-parser. Messages say what to type instead. */
export function compileCron(expression: string, timezone: string): CronResult {
  const text = expression.trim().replace(/\s+/g, ' ');
  if (text === '')
    return {
      ok: false,
      message: `A schedule needs a cron expression, e.g. ${EXAMPLES}.`,
      problem: { kind: 'empty' },
    };
  const check = nodeCron.validateDetailed(text);
  if (!check.valid || !check.fields) {
    const first = check.errors[0];
    const detail = first
      ? first.field === 'expression'
        ? fixGrammar(first.message)
        : `${FIELD_NAMES[first.field] ?? first.field}: ${fixGrammar(first.message)}`
      : 'not a cron expression';
    return {
      ok: false,
      message:
        `\`${text}\` is not a valid cron expression (${detail}). Use five fields — minute hour ` +
        `day-of-month month day-of-week — optionally preceded by seconds, e.g. ${EXAMPLES}.`,
      problem: { kind: 'invalid', text, detail },
    };
  }
  const fields = check.fields as Fields;
  const unsupported = fields.dayOfMonth.find((v) => typeof v === 'string' && v !== 'L');
  if (unsupported !== undefined) {
    return {
      ok: false,
      message:
        `\`${text}\`: the day-of-month form \`${unsupported}\` is not supported for briefings. ` +
        'Use `L` for the last day of the month or explicit days such as `1,15`.',
      problem: { kind: 'unsupported-day', text, form: String(unsupported) },
    };
  }
  const f = (name: keyof Fields) => fieldText(name, fields[name]);
  const domRestricted = f('dayOfMonth') !== '*';
  const dowRestricted = f('dayOfWeek') !== '*';
  const bothDays = domRestricted && dowRestricted;
  const head = `${f('second')} ${f('minute')} ${f('hour')}`;
  const canonical = `${head} ${f('dayOfMonth')} ${f('month')} ${f('dayOfWeek')}`;
  let primary: CronExpression;
  let secondary: CronExpression | undefined;
  try {
    if (bothDays) {
      primary = CronExpressionParser.parse(`${head} ${f('dayOfMonth')} ${f('month')} *`, { tz: timezone });
      secondary = CronExpressionParser.parse(`${head} * ${f('month')} ${f('dayOfWeek')}`, { tz: timezone });
    } else {
      primary = CronExpressionParser.parse(canonical, { tz: timezone });
    }
  } catch (error) {
    return {
      ok: false,
      message:
        `\`${text}\` is valid cron but cannot be scheduled (${(error as Error).message}). ` +
        `Write it without that construct, e.g. ${EXAMPLES}.`,
      problem: { kind: 'unschedulable', text, detail: (error as Error).message },
    };
  }
  const compiled = new Compiled(text, timezone, canonical, bothDays, timesOfDay(fields), primary, secondary);
  // Probe: the zone must be usable and the expression must run at least once in the next 10 years.
  const probeFrom = Date.UTC(2025, 0, 1);
  const first = compiled.nextAfter(probeFrom);
  if (first === undefined || first - probeFrom > 10 * 366 * 86_400_000) {
    return {
      ok: false,
      message: `\`${text}\` never runs (no date matches all its fields). Try ${EXAMPLES}.`,
      problem: { kind: 'never', text },
    };
  }
  return { ok: true, cron: compiled };
}

const cache = new Map<string, CompiledCron>();

/** compileCron for stored schedules (already validated), shared across schedules. Throws if invalid. */
export function cachedCron(expression: string, timezone: string): CompiledCron {
  const key = `${timezone}\u0000${expression}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const result = compileCron(expression, timezone);
  if (!result.ok) throw new Error(result.message);
  if (cache.size >= CACHE_LIMIT) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  cache.set(key, result.cron);
  return result.cron;
}

/** Empties the compiled-expression cache (benchmarks measure cold starts with it). */
export function clearCronCache(): void {
  cache.clear();
}

/** The next `count` run times strictly after `after`. */
export function nextRuns(cron: Occurrences, after: number, count: number): number[] {
  const out: number[] = [];
  let t = after;
  while (out.length < count) {
    const next = cron.nextAfter(t);
    if (next === undefined) break;
    out.push(next);
    t = next;
  }
  return out;
}

/**
 * The shortest gap between two runs: exact within a day (wall clock), conservative across midnight
 * (assumes consecutive days may both run), and checked against the next real run times so DST days
 * are covered too.
 */
export function shortestGapMs(cron: CompiledCron, from: number, sample = 24): number {
  let gap = Number.POSITIVE_INFINITY;
  const t = cron.timesOfDay;
  for (let i = 1; i < t.length; i++) gap = Math.min(gap, ((t[i] ?? 0) - (t[i - 1] ?? 0)) * 1000);
  const first = t[0];
  const last = t.at(-1);
  if (first !== undefined && last !== undefined) gap = Math.min(gap, (first + 86_400 - last) * 1000);
  const runs = nextRuns(cron, from, sample);
  for (let i = 1; i < runs.length; i++) gap = Math.min(gap, (runs[i] ?? 0) - (runs[i - 1] ?? 0));
  return gap;
}

/** Why an expression runs too often for a scheduled briefing (undefined when it is fine). */
export function minIntervalProblem(
  cron: CompiledCron,
  minMs: number,
  from: number,
): { code: 'too-frequent'; expression: string; gapMs: number; minMs: number } | undefined {
  const gapMs = shortestGapMs(cron, from);
  return gapMs >= minMs ? undefined : { code: 'too-frequent', expression: cron.expression, gapMs, minMs };
}

/** The schedule in words ("At 09:00, Monday through Friday"), in node-cron's meaning. */
export function describeCron(cron: Pick<CompiledCron, 'expression' | 'bothDays'>): string {
  let text: string;
  try {
    text = cronstrue.toString(cron.expression, {
      use24HourTimeFormat: true,
      throwExceptionOnParseError: true,
    });
  } catch {
    return `cron \`${cron.expression}\``;
  }
  // cronstrue reads "day 13 … and on Friday" as either; node-cron requires both.
  if (cron.bothDays) text = text.replace(/, and on /, ', if it falls on ');
  return text;
}
