import type { PartialDate } from '../schema.ts';
import { quotedSpans } from './text.ts';

/**
 * Dates: precision no finer than the basis supports. The basis quotes the text's own words for a
 * relative placement ('Before the White House talks', 'Earlier', 'has made clear'); those, and the
 * basis's plain statements ("the day is not given", "no later than"), decide what the date may
 * claim. Pure.
 */

export interface DateContext {
  kind?: string;
  title?: string;
}

export interface DateFinding {
  message: string;
  severity: 'error' | 'warning';
}

const WEEKDAY = /\b(mon|tues|wednes|thurs|fri|satur|sun)day\b/i;
const MONTH_NAME =
  '(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)';
const DAY_MONTH = new RegExp(`\\b\\d{1,2}\\s+${MONTH_NAME}\\b|\\b${MONTH_NAME}\\s+\\d{1,2}\\b`, 'i');
const ISO_DAY = /\b\d{4}-\d{2}-\d{2}\b/;
const SAME_DAY =
  /\b(the same day|that day|same day|that (morning|afternoon|evening|night)|today|yesterday)\b/i;

const DAY_NOT_GIVEN =
  /\b(day|date)\b[^.;]{0,40}\b(is|was|are|were) not (given|stated|known|reported)\b|\bdoes(n't| not) (give|say|state) (the |which )?(day|date|when)\b|\bundated\b|\bwhen\b[^.;]{0,60}\b(is|was) not (given|stated|known)\b/i;
const MONTH_NOT_GIVEN =
  /\bmonth\b[^.;]{0,40}\b(is|was) not (given|stated|known)\b|\bdoes(n't| not) (give|say) the month\b/i;

const BEFORE_QUOTED = /\b(before|ahead of|prior to|in the run-up to|earlier|by the time)\b/i;
const AFTER_QUOTED = /\b(after|following|since|later|in response to)\b/i;
/** A present perfect the text uses ('has made clear', 'have said'): true no later than publication. */
const PERFECT_QUOTED =
  /^(he |she |it |they |we )?(has|have)( (long|already|repeatedly|also|now))? \p{L}+(ed|en|n|t|de|ne|id|ld)\b/iu;
const BEFORE_PLAIN = /\bno later than\b|\bat the latest\b/i;
const AFTER_PLAIN = /\bno earlier than\b|\bat the earliest\b/i;

const MULTI_DAY_BASIS =
  /\b(several|many|multiple|how many|over (two|three|four|five|several)) days\b|\bmulti-?day\b|\bunder ?way\b|\bongoing\b|\bcontinu(es|ing|ed) to\b|\bran (from|for|over|until)\b/i;
const MULTI_DAY_TITLE =
  /\b(conference|forum|congress|convention|festival|games|olympics|assembly|week|campaign|offensive)\b/i;

export function checkDateHonesty(date: PartialDate, ctx: DateContext = {}): DateFinding[] {
  const out: DateFinding[] = [];
  const err = (message: string) => out.push({ message, severity: 'error' });
  const basis = date.basis;
  const quoted = quotedSpans(basis).map((q) => q.text);
  const pinsDay = WEEKDAY.test(basis) || DAY_MONTH.test(basis) || ISO_DAY.test(basis) || SAME_DAY.test(basis);
  const bothBoundsOneDay = date.earliest !== undefined && date.earliest === date.latest;
  const dayPinned = date.precision === 'day' && (pinsDay || bothBoundsOneDay);

  if (date.precision === 'day' && DAY_NOT_GIVEN.test(basis) && !bothBoundsOneDay)
    err(
      'precision "day" but the basis says the day is not given: use the month or year, with the earliest/latest bounds the text gives',
    );
  if (date.precision !== 'year' && MONTH_NOT_GIVEN.test(basis))
    err(`precision "${date.precision}" but the basis says the month is not given: use the year, with bounds`);

  const multiCue =
    MULTI_DAY_BASIS.exec(basis)?.[0] ??
    (ctx.kind === 'summit' && ctx.title ? MULTI_DAY_TITLE.exec(ctx.title)?.[0] : undefined);
  if (multiCue && !date.multiDay)
    err(
      `"${multiCue}" describes an event over several days: set "multiDay": true with the period it falls in (precision month or year) and the bounds the text gives (earliest, latest, underWay)`,
    );
  if (date.multiDay && !date.earliest && !date.latest && !date.underWay)
    err(
      'a multi-day event needs bounds: earliest/latest for its first and last days, or underWay for a day the text shows it under way',
    );

  const before =
    quoted.map((q) => BEFORE_QUOTED.exec(q)?.[0] ?? (PERFECT_QUOTED.test(q) ? q : undefined)).find(Boolean) ??
    BEFORE_PLAIN.exec(basis)?.[0];
  const after = quoted.map((q) => AFTER_QUOTED.exec(q)?.[0]).find(Boolean) ?? AFTER_PLAIN.exec(basis)?.[0];
  if (before && !date.latest && !dayPinned && !date.multiDay)
    err(
      `the basis places it relative to something later ("${before}"): add "latest", the last day it can have happened`,
    );
  if (after && !date.earliest && !dayPinned && !date.multiDay)
    err(
      `the basis places it after something ("${after}"): add "earliest", the first day it can have happened`,
    );

  const oneSided = (date.earliest === undefined) !== (date.latest === undefined);
  if (oneSided && !date.multiDay) {
    const bound = date.latest ? `latest ${date.latest}` : `earliest ${date.earliest}`;
    if (date.precision === 'month')
      err(
        `precision "month" is finer than a one-sided bound supports (only ${bound}): the event may fall in another month; use precision "year" with the bound, or add the other bound the text gives`,
      );
    else if (date.precision === 'day' && !dayPinned)
      err(
        `precision "day" is finer than a one-sided bound supports (only ${bound}): say in the basis which day the text gives, or use precision "year" with the bound`,
      );
  }

  if (date.precision === 'day' && !dayPinned && !out.length)
    out.push({
      severity: 'warning',
      message:
        'precision "day" but the basis names no day (a weekday, a date, "the same day"): say how the day was determined',
    });
  return out;
}
