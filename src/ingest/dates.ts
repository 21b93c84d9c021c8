import * as chrono from 'chrono-node';
import { type Day, formatDay } from '../domain/dates.ts';
import type { PartialDate } from '../domain/schema.ts';
import { MONTHS, NUMBER_WORDS, PART_OF_DAY, WEEKDAYS } from './lexicon.ts';
import type { QuoteSpan, Span } from './text.ts';

/**
 * Date expressions of one sentence, resolved against the publication day. News reports the past:
 * a bare weekday is the most recent such day on or before publication, "in February" the most
 * recent February; "three and a half years ago" is the month it lands in, marked approximate.
 */

export type DateRule =
  | 'weekday'
  | 'calendar'
  | 'month'
  | 'year'
  | 'relative-day'
  | 'relative-period'
  | 'ago'
  | 'n-year'
  | 'earlier'
  | 'later'
  | 'offset';

export interface DateMention {
  /** Offsets within the paragraph. */
  start: number;
  end: number;
  text: string;
  rule: DateRule;
  /** Absent for "earlier"/"later" and offsets, which are relative to the event being told. */
  date?: PartialDate;
  /** "three days after X": X is this many days from the day the story is at (negative: before it). */
  offsetDays?: number;
  partOfDay?: 'morning' | 'afternoon' | 'evening' | 'night';
  /** After publication: a plan or deadline, never an event date. */
  future: boolean;
  /** A duration back from publication ("years ago", "three-year war"): dates a past war, not the news. */
  historical: boolean;
  inQuote: boolean;
}

const DAY_MS = 86_400_000;

export function toUtc(day: Day): Date {
  return new Date(`${day}T00:00:00Z`);
}

export function dayString(date: Date): Day {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: Day, n: number): Day {
  return dayString(new Date(toUtc(day).getTime() + n * DAY_MS));
}

/** Day minus a number of months (fractional months count as 30 days). */
export function minusMonths(day: Day, months: number): Day {
  const whole = Math.floor(months);
  const d = toUtc(day);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - whole, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return addDays(dayString(target), -Math.round((months - whole) * 30));
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const WEEKDAY_RE = WEEKDAYS.map(cap).join('|');
const MONTH_RE = MONTHS.map(cap).join('|');
const NUM_RE = `\\d+(?:\\.\\d+)?|${[...NUMBER_WORDS.keys()].sort((a, b) => b.length - a.length).join('|')}`;

/**
 * The range a date can denote as a partial date: a day when both ends agree, else the month or year
 * both ends share, with the ends as bounds. With no lower bound the month is unknown: the year of
 * the upper bound, approximate, with that bound (the truth guards' date rule).
 */
export function rangeDate(
  earliest: Day | undefined,
  latest: Day,
  basis: string,
  approximate = false,
): PartialDate {
  const approx = approximate ? { approximate: true } : {};
  if (earliest === latest) return { value: latest, precision: 'day', ...approx, basis };
  if (!earliest) return { value: latest.slice(0, 4), precision: 'year', approximate: true, latest, basis };
  const bounds = { earliest, latest };
  if (earliest.slice(0, 7) === latest.slice(0, 7))
    return { value: latest.slice(0, 7), precision: 'month', ...approx, ...bounds, basis };
  if (earliest.slice(0, 4) === latest.slice(0, 4))
    return { value: latest.slice(0, 4), precision: 'year', ...approx, ...bounds, basis };
  return { value: latest.slice(0, 4), precision: 'year', approximate: true, ...bounds, basis };
}

function weekdayIndex(name: string): number {
  return WEEKDAYS.indexOf(name.toLowerCase() as (typeof WEEKDAYS)[number]);
}

function amountOf(word: string): number | undefined {
  const lower = word.toLowerCase();
  if (/^\d/.test(lower)) return Number(lower);
  return NUMBER_WORDS.get(lower);
}

/** Words that put a date ahead: a plan, a schedule, a deadline ("will meet on Monday", "due to expire on Saturday"). */
const FUTURE_CUE =
  /\b(?:will|shall|'ll|is due|are due|due to|due at|due in|due on|scheduled|is expected|are expected|expected to|is set to|are set to|is to|are to|plans? to|planning to|planned|upcoming|forthcoming|next|looks? forward|looking forward|takes? effect|takes? over|comes? into force|goes? into effect|begins|starts|opens|closes|ends|expires|resumes|kicks? off|is slated|are slated)\b/iu;
/** Words that put it behind: a verb in the past. */
const PAST_CUE =
  /\b(?:was|were|had|did|said|met|took|held|signed|agreed|announced|launched|struck|ended|began|started|closed|opened|arrived|left|visited|spoke|told|came|went|won|lost|fell|rose|gave|made|sent|led|wrote|stood|[a-z]+ed)\b/iu;

/**
 * Whether the words nearest a date put it after publication: the closest tense cue within its
 * clause decides ("the talks, which ended on Tuesday, will resume …": Tuesday is past).
 */
function tenseAt(text: string, start: number, end: number): 'future' | 'past' | undefined {
  const before =
    text
      .slice(Math.max(0, start - 90), start)
      .split(/[.;!?]\s/u)
      .at(-1) ?? '';
  const after = text.slice(end, end + 70).split(/[.;!?](?:\s|$)/u)[0] ?? '';
  // A future cue's own words ("is expected", "scheduled") are no past tense.
  const blank = (x: string) => x.replace(new RegExp(FUTURE_CUE.source, 'giu'), (w) => ' '.repeat(w.length));
  const near = (re: RegExp, side: 'before' | 'after'): number => {
    const g = new RegExp(re.source, 'giu');
    const where = side === 'before' ? before : after;
    const hits = [...(re === PAST_CUE ? blank(where) : where).matchAll(g)];
    if (hits.length === 0) return Number.POSITIVE_INFINITY;
    return side === 'before'
      ? before.length - ((hits.at(-1)?.index ?? 0) + (hits.at(-1)?.[0].length ?? 0))
      : (hits[0]?.index ?? 0);
  };
  const future = Math.min(near(FUTURE_CUE, 'before'), near(FUTURE_CUE, 'after') + 10);
  const past = Math.min(near(PAST_CUE, 'before'), near(PAST_CUE, 'after') + 10);
  if (future === Number.POSITIVE_INFINITY && past === Number.POSITIVE_INFINITY) return undefined;
  return future < past ? 'future' : 'past';
}

interface Found {
  start: number;
  end: number;
  text: string;
  rule: DateRule;
  offsetDays?: number;
  date?: PartialDate;
  partOfDay?: DateMention['partOfDay'];
  future?: boolean;
  historical?: boolean;
}

/** Every date expression of a sentence. `published` is the article's day of publication. */
export function findDates(
  paragraph: string,
  sentence: Span,
  quotes: readonly QuoteSpan[],
  published: Day,
): DateMention[] {
  const text = paragraph.slice(sentence.start, sentence.end);
  const pub = formatDay(published);
  const pubWeekday = toUtc(published).getUTCDay();
  const found: Found[] = [];
  const add = (m: RegExpMatchArray, f: Omit<Found, 'start' | 'end' | 'text'>, group = 0) => {
    const whole = m[0];
    const part = m[group] ?? whole;
    const offset = (m.index ?? 0) + whole.indexOf(part);
    found.push({ start: offset, end: offset + part.length, text: part, ...f });
  };

  // Weekdays: "on Friday evening", "Monday’s talks", "last Wednesday".
  for (const m of text.matchAll(
    new RegExp(
      `\\b(?:(last|this|next|past|on)\\s+)?(${WEEKDAY_RE})(?:['’]s)?(?:\\s+(morning|afternoon|evening|night))?\\b`,
      'g',
    ),
  )) {
    const [, mod, name = '', part] = m;
    const target = weekdayIndex(name);
    let back = (pubWeekday - target + 7) % 7;
    if (mod === 'last' || mod === 'past') back = back === 0 ? 7 : back;
    // "due at the White House on Friday", "is expected to … on Thursday": the coming one.
    const ahead =
      mod !== 'next' &&
      mod !== 'last' &&
      mod !== 'past' &&
      tenseAt(text, m.index ?? 0, (m.index ?? 0) + m[0].length) === 'future';
    const future = mod === 'next' || ahead;
    const day =
      mod === 'next'
        ? addDays(published, ((target - pubWeekday + 7) % 7) + 7)
        : ahead
          ? addDays(published, (target - pubWeekday + 7) % 7)
          : addDays(published, -back);
    const basis = future
      ? `'${m[0].trim()}': the ${name} after publication on ${pub}, a plan or a deadline`
      : `'${m[0].trim()}': the ${name} on or before publication (${pub})`;
    add(m, {
      rule: 'weekday',
      date: { value: day, precision: 'day', basis },
      ...(part ? { partOfDay: PART_OF_DAY.get(part) } : {}),
      future: future && day > published,
    });
  }

  // Days named relative to publication. "Last night" is the evening before; "overnight" the night
  // ending on the day of publication.
  for (const m of text.matchAll(
    /\b(yesterday|today|tonight|tomorrow|last night|overnight|this (morning|afternoon|evening))\b/gi,
  )) {
    const word = (m[1] ?? '').toLowerCase();
    const offset = word === 'yesterday' || word === 'last night' ? -1 : word === 'tomorrow' ? 1 : 0;
    const part =
      word === 'tonight' || word === 'last night' || word === 'overnight' ? 'night' : m[2]?.toLowerCase();
    add(m, {
      rule: 'relative-day',
      date: {
        value: addDays(published, offset),
        precision: 'day',
        basis: `'${m[0]}' relative to publication (${pub})`,
      },
      ...(part ? { partOfDay: PART_OF_DAY.get(part) } : {}),
      future: offset > 0,
    });
  }

  // Periods: "last week", "earlier this month", "next year".
  for (const m of text.matchAll(/\b(?:(earlier|later)\s+)?(this|last|next|past)\s+(week|month|year)\b/gi)) {
    const which = (m[2] ?? '').toLowerCase();
    const unit = (m[3] ?? '').toLowerCase();
    const basis = `'${m[0]}' relative to publication (${pub})`;
    if (which === 'next' && unit !== 'week') {
      // "starting next month", "next year": the month or the year after publication's.
      const year = Number(published.slice(0, 4));
      const month = Number(published.slice(5, 7));
      const date: PartialDate =
        unit === 'month'
          ? {
              value: `${month === 12 ? year + 1 : year}-${String((month % 12) + 1).padStart(2, '0')}`,
              precision: 'month',
              basis: `'${m[0]}' after publication (${pub})`,
            }
          : { value: String(year + 1), precision: 'year', basis: `'${m[0]}' after publication (${pub})` };
      add(m, { rule: 'relative-period', date, future: true });
      continue;
    }
    if (which === 'next' || (which === 'this' && m[1]?.toLowerCase() === 'later')) {
      add(m, { rule: 'relative-period', future: true });
      continue;
    }
    let date: PartialDate;
    if (unit === 'week') {
      const monday = addDays(published, -((pubWeekday + 6) % 7));
      date =
        which === 'this'
          ? rangeDate(monday, published, basis)
          : rangeDate(addDays(monday, -7), addDays(monday, -1), basis, true);
    } else if (unit === 'month') {
      date =
        which === 'this'
          ? rangeDate(`${published.slice(0, 7)}-01`, published, basis)
          : { value: minusMonths(published, 1).slice(0, 7), precision: 'month', basis };
    } else {
      date =
        which === 'this'
          ? { value: published.slice(0, 4), precision: 'year', latest: published, basis }
          : { value: String(Number(published.slice(0, 4)) - 1), precision: 'year', basis };
    }
    add(m, { rule: 'relative-period', date });
  }

  // Durations back from publication: "nearly three and a half years ago".
  for (const m of text.matchAll(
    new RegExp(
      `\\b(?:(nearly|almost|about|around|some|roughly|approximately|more than|over|just over|less than|under)\\s+)?(${NUM_RE})(\\s+and\\s+a\\s+half)?\\s+(day|week|month|year|decade)s?\\s+ago\\b`,
      'gi',
    ),
  )) {
    const amount = (amountOf(m[2] ?? '') ?? 1) + (m[3] ? 0.5 : 0);
    const unit = (m[4] ?? '').toLowerCase();
    const approximate = Boolean(m[1] || m[3]) || unit === 'year' || unit === 'decade';
    const basis = `'${m[0]}' before publication (${pub})`;
    let date: PartialDate;
    if (unit === 'day' || unit === 'week') {
      const day = addDays(published, -Math.round(amount * (unit === 'week' ? 7 : 1)));
      date = {
        value: day,
        precision: 'day',
        ...(approximate || unit === 'week' ? { approximate: true } : {}),
        basis,
      };
    } else if (unit === 'month' || unit === 'year') {
      const day = minusMonths(published, amount * (unit === 'year' ? 12 : 1));
      date = {
        value: day.slice(0, 7),
        precision: 'month',
        ...(approximate ? { approximate: true } : {}),
        basis,
      };
    } else {
      date = {
        value: minusMonths(published, amount * 120).slice(0, 4),
        precision: 'year',
        approximate: true,
        basis,
      };
    }
    add(m, { rule: 'ago', date, historical: unit === 'year' || unit === 'decade' });
  }

  // "the three-year war": a war that began that long before publication.
  for (const m of text.matchAll(
    new RegExp(
      `\\b(${NUM_RE})-(year|decade)(?:-old|-long)?\\s+(?:[a-z]+\\s+)?(war|conflict|invasion|occupation|siege|insurgency|crisis)\\b`,
      'gi',
    ),
  )) {
    const amount = amountOf(m[1] ?? '') ?? 1;
    const months = amount * ((m[2] ?? '').toLowerCase() === 'decade' ? 120 : 12);
    const day = minusMonths(published, months);
    add(
      m,
      {
        rule: 'n-year',
        date: {
          value: day.slice(0, 7),
          precision: 'month',
          approximate: true,
          basis: `'${m[0]}' in an article of ${pub}: began about ${amount} ${m[2]}${amount === 1 ? '' : 's'} before`,
        },
        historical: true,
      },
      0,
    );
  }

  // Offsets from the day the story is at: "came three days after Trump met Putin" (the meeting was
  // three days before), "a day after a phone call", "two days later".
  for (const m of text.matchAll(
    new RegExp(`\\b(${NUM_RE}|a)\\s+(day|week)s?\\s+(after|before|later|earlier)\\b`, 'gi'),
  )) {
    const n = (m[1]?.toLowerCase() === 'a' ? 1 : amountOf(m[1] ?? '')) ?? 1;
    const days = n * ((m[2] ?? '').toLowerCase() === 'week' ? 7 : 1);
    const dir = (m[3] ?? '').toLowerCase();
    add(m, { rule: 'offset', offsetDays: dir === 'after' || dir === 'earlier' ? -days : days });
  }

  // Told relative to the event in focus: "Earlier, …", "later that day".
  for (const m of text.matchAll(
    /^(Earlier|Later)\b(?![^,]*\b(?:this|last|next)\s+(?:week|month|year)\b)|\b(earlier|later) (?:that|in the|on the same) day\b/g,
  )) {
    const word = (m[1] ?? m[2] ?? '').toLowerCase();
    add(m, { rule: word === 'earlier' ? 'earlier' : 'later' });
  }

  // Years on their own: "in 2022".
  for (const m of text.matchAll(/\b(?:in|since|during|by|until|of)\s+((?:19|20)\d{2})\b(?!\s*[-–]\s*\d)/g)) {
    const year = m[1] ?? '';
    add(
      m,
      {
        rule: 'year',
        date: { value: year, precision: 'year', basis: `'${m[0]}'` },
        future: year > published.slice(0, 4),
      },
      1,
    );
  }

  // "in November next year": that month of the year after publication.
  for (const m of text.matchAll(new RegExp(`\\b(${MONTH_RE})\\s+next\\s+year\\b`, 'g'))) {
    const month = MONTHS.indexOf((m[1] ?? '').toLowerCase() as (typeof MONTHS)[number]) + 1;
    add(m, {
      rule: 'month',
      date: {
        value: `${Number(published.slice(0, 4)) + 1}-${String(month).padStart(2, '0')}`,
        precision: 'month',
        basis: `'${m[0]}' in an article of ${pub}`,
      },
      future: true,
    });
  }

  // Calendar dates and month names (chrono-node): with no year, the past one unless the words
  // around them say it is ahead ("will take effect on Aug. 1"), and the year whose weekday agrees
  // when one is printed ("on Saturday, March 1").
  const ref = new Date(`${published}T12:00:00Z`);
  for (const r of chrono.parse(text, { instant: ref, timezone: 'UTC' }, { forwardDate: false })) {
    const hasMonth = new RegExp(
      `\\b(?:${MONTH_RE}|${MONTHS.map((x) => cap(x).slice(0, 3)).join('|')}|Sept)\\b`,
    ).test(r.text);
    const numeric = /\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}/.test(r.text);
    if (!hasMonth && !numeric) continue;
    const before = text.slice(Math.max(0, r.index - 12), r.index);
    const bareMonth = !r.start.isCertain('day') && !r.start.isCertain('year');
    if (
      bareMonth &&
      !/\b(?:in|since|during|by|until|of|early|late|mid|last|this|from|through)\s+$/i.test(before)
    )
      continue;
    const shown = r.text.replace(/[,.\s]+$/, '');
    const month = r.start.get('month') ?? 1;
    const dayOfMonth = r.start.get('day') ?? 1;
    let year = r.start.isCertain('year') ? (r.start.get('year') ?? 0) : Number(published.slice(0, 4));
    const mm = String(month).padStart(2, '0');
    const dd = String(dayOfMonth).padStart(2, '0');
    let date: PartialDate;
    const ahead = !r.start.isCertain('year') && tenseAt(text, r.index, r.index + r.text.length) === 'future';
    const weekday = r.start.isCertain('weekday') ? r.start.get('weekday') : undefined;
    if (r.start.isCertain('day')) {
      let how = 'the most recent such day';
      if (!r.start.isCertain('year')) {
        const pubYear = Number(published.slice(0, 4));
        const fits = [pubYear - 1, pubYear, pubYear + 1].filter(
          (y) => weekday === undefined || new Date(`${y}-${mm}-${dd}T00:00:00Z`).getUTCDay() === weekday,
        );
        const distance = (y: number) => Math.abs(Date.parse(`${y}-${mm}-${dd}`) - Date.parse(published));
        if (weekday !== undefined && fits.length > 0) {
          year = [...fits].sort((a, b) => distance(a) - distance(b))[0] ?? year;
          how = 'the year whose weekday agrees';
        } else if (ahead) {
          if (`${year}-${mm}-${dd}` < published) year++;
          how = 'the next such day: the words around it say it is ahead';
        } else if (`${year}-${mm}-${dd}` > published) year--;
      }
      date = {
        value: `${year}-${mm}-${dd}`,
        precision: 'day',
        basis: `'${shown}'${r.start.isCertain('year') ? '' : ` in an article of ${pub}: ${how}`}`,
      };
    } else {
      let how = `the most recent ${cap(MONTHS[month - 1] ?? '')} on or before it`;
      if (!r.start.isCertain('year')) {
        if (ahead) {
          if (`${year}-${mm}` < published.slice(0, 7)) year++;
          how = `the next ${cap(MONTHS[month - 1] ?? '')}: the words around it say it is ahead`;
        } else if (`${year}-${mm}` > published.slice(0, 7)) year--;
      }
      date = {
        value: `${year}-${mm}`,
        precision: 'month',
        basis: `'${shown}'${r.start.isCertain('year') ? '' : ` in an article of ${pub}: ${how}`}`,
      };
    }
    found.push({
      start: r.index,
      end: r.index + shown.length,
      text: shown,
      rule: r.start.isCertain('day') ? 'calendar' : 'month',
      date,
      future: date.value > published,
    });
  }

  // Keep the longest expression where two overlap.
  found.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const kept: Found[] = [];
  for (const f of found) {
    const prev = kept.at(-1);
    if (prev && f.start < prev.end) {
      if (f.end - f.start > prev.end - prev.start) kept[kept.length - 1] = f;
      continue;
    }
    kept.push(f);
  }
  return kept.map((f) => {
    const start = sentence.start + f.start;
    const inQuote = quotes.some((q) => start >= q.open && start < q.end);
    return {
      start,
      end: sentence.start + f.end,
      text: f.text,
      rule: f.rule,
      ...(f.date ? { date: f.date } : {}),
      ...(f.offsetDays !== undefined ? { offsetDays: f.offsetDays } : {}),
      ...(f.partOfDay ? { partOfDay: f.partOfDay } : {}),
      future: f.future ?? false,
      historical: f.historical ?? false,
      inQuote,
    };
  });
}
