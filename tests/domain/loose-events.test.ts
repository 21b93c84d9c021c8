import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { certainByDay, dateSpan, sortDay } from '../../src/domain/dates.ts';
import { buildLooseEvents } from '../../src/domain/loose-events.ts';
import type { Event, PartialDate } from '../../src/domain/schema.ts';

const day = (n: number) => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

/** Dates of every shape the schema allows, over about two years. */
const partialDate: fc.Arbitrary<PartialDate> = fc
  .record({
    start: fc.integer({ min: 0, max: 700 }),
    length: fc.integer({ min: 0, max: 400 }),
    shape: fc.constantFrom('day', 'month', 'year', 'range', 'by', 'multi', 'under-way', 'month-bounded'),
    approximate: fc.boolean(),
  })
  .map(({ start, length, shape, approximate }) => {
    const from = day(start);
    const to = day(start + length);
    const base = { basis: 'test', ...(approximate ? { approximate } : {}) };
    switch (shape) {
      case 'day':
        return { ...base, value: from, precision: 'day' as const };
      case 'month':
        return { ...base, value: from.slice(0, 7), precision: 'month' as const };
      case 'year':
        return { ...base, value: from.slice(0, 4), precision: 'year' as const };
      case 'range':
        return { ...base, value: from.slice(0, 4), precision: 'year' as const, earliest: from, latest: to };
      case 'by':
        return { ...base, value: to.slice(0, 7), precision: 'month' as const, latest: to };
      case 'multi':
        return { ...base, value: from.slice(0, 7), precision: 'month' as const, multiDay: true };
      case 'under-way':
        return {
          ...base,
          value: from.slice(0, 4),
          precision: 'year' as const,
          multiDay: true,
          earliest: from,
          latest: to,
          underWay: day(start + Math.floor(length / 2)),
        };
      default:
        return { ...base, value: from.slice(0, 7), precision: 'month' as const, earliest: from };
    }
  });

const TOPICS = ['a', 'b', 'c'];

function eventsOf(dates: Array<{ date: PartialDate; topics: string[] }>): Event[] {
  return dates
    .map(({ date, topics }, i) => ({ id: `e${i}`, date, topics }) as unknown as Event)
    .sort((x, y) => (sortDay(x.date) < sortDay(y.date) ? -1 : sortDay(x.date) > sortDay(y.date) ? 1 : 0));
}

describe('loose events arranged once per dataset', () => {
  it('pending and last certain equal a scan of every event, for any day and topic', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ date: partialDate, topics: fc.subarray(TOPICS) }), {
          minLength: 0,
          maxLength: 120,
        }),
        fc.array(fc.integer({ min: -30, max: 1200 }), { minLength: 1, maxLength: 8 }),
        (dates, days) => {
          const events = eventsOf(dates);
          const eventDay = new Map(events.map((e) => [e.id, sortDay(e.date)]));
          const loose = buildLooseEvents(events, eventDay);
          const isLoose = (e: Event) => certainByDay(e.date) > sortDay(e.date);
          expect(loose.events.map((e) => e.id)).toEqual(events.filter(isLoose).map((e) => e.id));
          for (const n of days) {
            const asOf = day(n);
            for (const topic of [undefined, ...TOPICS]) {
              const inScope = events.filter((e) => isLoose(e) && (!topic || e.topics.includes(topic)));
              const pending = inScope
                .filter((e) => sortDay(e.date) <= asOf && certainByDay(e.date) > asOf)
                .map((e) => e.id);
              expect([...loose.pendingOn(asOf, topic)].sort()).toEqual(pending.sort());
              const known = inScope.filter((e) => certainByDay(e.date) <= asOf).map((e) => e.date);
              expect(loose.lastCertainBy(asOf, topic)).toEqual(dateSpan(known)?.last);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
