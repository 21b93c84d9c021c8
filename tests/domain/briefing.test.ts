import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Briefbook } from '../../src/domain/briefbook.ts';
import { createBriefbook } from '../../src/domain/briefbook.ts';
import { commitmentViews, composeBriefing } from '../../src/domain/briefing.ts';
import {
  certainByDay,
  describePartialDate,
  formatPartialDate,
  parseDayOrMonth,
  sortDay,
} from '../../src/domain/dates.ts';
import { buildDataset } from '../../src/domain/model.ts';
import { type Event, Id, type RawDataset } from '../../src/domain/schema.ts';
import { validateDataset } from '../../src/domain/validate.ts';
import { formatDayRange } from '../../src/i18n/format.ts';
import { reference, translatorFor } from '../../src/i18n/languages.ts';
import { renderBriefing } from '../../src/render/briefing.ts';
import { messageToText } from '../../src/render/terminal.ts';
import { rawDataset, realBook } from '../support/fixtures.ts';

const filesOf = (raw: RawDataset) =>
  Object.fromEntries(Object.entries(raw).map(([name, list]) => [`${name}.json`, { [name]: list }]));

/** A day on which a loosely dated event may have happened but is not yet certain to have. */
const sortDayOf = (e: Event) => (certainByDay(e.date) > sortDay(e.date) ? sortDay(e.date) : '0001-01-01');

let book: Briefbook;
beforeAll(async () => {
  book = await realBook();
});

describe('briefing composition', () => {
  it('gives the state of play per topic as of a date, every point cited', () => {
    const b = composeBriefing(book.dataset, { asOf: '2025-09-01' });
    expect(b.threads.length).toBe(book.dataset.topics.length);
    for (const t of b.threads) expect(t.citations.length).toBeGreaterThan(0);
    const sg = b.threads.find((t) => t.topic.id === 'security-guarantees');
    expect(sg?.since).toBe('2025-08-18');
    // The newest development is of 18 Aug 2025 (since audit 2026-11 it may be a range under way that day).
    expect(book.dataset.eventDay.get(b.latest[0]?.id ?? '')).toBe('2025-08-18');
    expect(b.keyQuote?.quote.fragment).toBe(false);
    expect(b.coverage?.first).toMatchObject({ value: '2022-02', precision: 'month', approximate: true });
    expect(book.dataset.eventDay.get(b.latest[0]?.id ?? '')).toBe('2025-08-18');
  });

  it('only knows what happened by the as-of date', () => {
    const b = composeBriefing(book.dataset, { asOf: '2025-02-13' });
    expect(b.latest.map((e) => e.id)).toContain('vance-wsj-interview');
    expect(b.latest.map((e) => e.id)).not.toContain('vance-munich-speech');
    expect(b.threads.find((t) => t.topic.id === 'security-guarantees')).toBeUndefined();
    expect(b.commitments.map((c) => c.commitment.id)).not.toContain('security-guarantees-on-paper');
  });

  it('tracks the due window of the guarantees commitment', () => {
    const state = (asOf: string) =>
      composeBriefing(book.dataset, { asOf }).commitments.find(
        (c) => c.commitment.id === 'security-guarantees-on-paper',
      );
    expect(state('2025-08-20')?.state).toBe('pending');
    expect(state('2025-08-26')?.state).toBe('due-now');
    expect(state('2025-09-30')?.state).toBe('window-passed');
    const window = { dayRange: ['2025-08-25', '2025-08-28'] };
    expect(state('2025-08-20')?.label).toEqual({ key: 'commitment.due', params: { window } });
    expect(state('2025-09-30')?.label).toEqual({ key: 'commitment.windowPassed', params: { window } });
    // Rendered per language: the range through Intl.
    const label = state('2025-08-20')?.label ?? { key: 'briefing.noEvents', params: {} };
    expect(reference.text(label)).toMatch(/^due 25\s–\s28 Aug 2025$/);
    expect(translatorFor('uk').text(label)).toMatch(/^строк 25–28 серп\. 2025\sр\.$/);
  });

  it('narrows to one topic', () => {
    const b = composeBriefing(book.dataset, { asOf: '2025-12-31', topic: 'direct-talks-with-putin' });
    expect(b.threads.map((t) => t.topic.id)).toEqual(['direct-talks-with-putin']);
    expect(b.latest.every((e) => e.topics.includes('direct-talks-with-putin'))).toBe(true);
    expect(b.keyQuote?.quote.id).toBe('zelensky-ready-for-bilateral-meeting');
  });

  it('is deterministic and marks new events given by the caller', () => {
    const a = composeBriefing(book.dataset, {
      asOf: '2025-09-01',
      newEventIds: new Set(['white-house-summit']),
    });
    const b = composeBriefing(book.dataset, {
      asOf: '2025-09-01',
      newEventIds: new Set(['white-house-summit']),
    });
    expect(a).toEqual(b);
    expect(a.newEvents.map((e) => e.id)).toEqual(['white-house-summit']);
  });
});

describe('month-precision dates count by their bounds (issue 17 item 7)', () => {
  it('a "c. Feb 2022" event has not happened as of 10 Feb 2022, and has by the end of February', () => {
    const early = composeBriefing(book.dataset, { asOf: '2022-02-10' });
    expect(early.latest.map((e) => e.id)).not.toContain('russia-invasion-of-ukraine');
    expect(early.eventCount).toBe(0);
    const late = composeBriefing(book.dataset, { asOf: '2022-02-28' });
    expect(late.latest.map((e) => e.id)).toContain('russia-invasion-of-ukraine');
    expect(late.coverage?.first).toMatchObject({ value: '2022-02', precision: 'month' });
  });

  it('a mid-February statement known only to the month heads its thread as "Feb 2025", not 1 Feb', () => {
    const raw = structuredClone(rawDataset());
    const topic = raw.topics.find((t) => t.id === 'economic-and-military-leverage');
    const template = raw.events.find((e) => e.topics.includes('economic-and-military-leverage'));
    if (!topic || !template) throw new Error('fixture changed');
    // The statement is the topic's only event and its thread has no entries of its own.
    topic.thread = [];
    for (const e of raw.events) e.topics = e.topics.filter((t) => t !== topic.id);
    raw.events.push({
      ...template,
      id: 'mid-month-statement',
      topics: [topic.id],
      date: { value: '2025-02', precision: 'month', basis: 'a test statement dated to the month' },
      related: [],
    });
    const v = validateDataset(filesOf(raw));
    if (!v.ok) throw new Error(JSON.stringify(v.problems.slice(0, 3)));
    const dataset = buildDataset(v.data);
    const thread = (asOf: string) =>
      composeBriefing(dataset, { asOf }).threads.find((t) => t.topic.id === topic.id);
    expect(thread('2025-02-20')).toBeUndefined();
    expect(thread('2025-03-01')?.eventIds).toEqual(['mid-month-statement']);
    expect(thread('2025-03-01')?.sinceDate).toMatchObject({ value: '2025-02', precision: 'month' });
    const shown = messageToText(
      renderBriefing(reference, createBriefbook(dataset), composeBriefing(dataset, { asOf: '2025-03-01' })),
    );
    expect(shown).toContain('Economic and military leverage · Feb 2025');
    expect(shown).not.toMatch(/leverage · 1 Feb 2025/);
  });

  it('commitments made at a month-precision event count once the month is over', () => {
    const made = (asOf: string) => commitmentViews(book.dataset, asOf).views.map((c) => c.commitment.event);
    const monthly = book.dataset.events.filter((e) => e.date.precision !== 'day').map((e) => e.id);
    for (const c of book.dataset.commitments.filter((x) => monthly.includes(x.event))) {
      const event = book.dataset.eventById.get(c.event);
      if (!event) continue;
      expect(made(sortDayOf(event))).not.toContain(c.event);
    }
  });
});

describe('dates', () => {
  it('shows dates with their precision', () => {
    expect(formatPartialDate({ value: '2025-02-14', precision: 'day', basis: 'x' })).toBe('14 Feb 2025');
    expect(formatPartialDate({ value: '2025-02', precision: 'month', basis: 'x' })).toBe('Feb 2025');
    expect(formatPartialDate({ value: '2022-02', precision: 'month', approximate: true, basis: 'x' })).toBe(
      'c. Feb 2022',
    );
    expect(
      describePartialDate({
        value: '2025-02',
        precision: 'month',
        earliest: '2025-02-12',
        latest: '2025-02-14',
        basis: 'x',
      }),
    ).toBe('Feb 2025 (between 12 Feb 2025 and 14 Feb 2025)');
    expect(formatDayRange(reference, '2025-08-25', '2025-08-28')).toMatch(/^25\s–\s28 Aug 2025$/);
  });

  it('parses user dates strictly', () => {
    expect(parseDayOrMonth('2025-02')).toEqual({ from: '2025-02-01', to: '2025-02-28', precision: 'month' });
    expect(parseDayOrMonth('2024-02')?.to).toBe('2024-02-29');
    expect(parseDayOrMonth('2025-02-30')).toBeUndefined();
    expect(parseDayOrMonth('14/02/2025')).toBeUndefined();
    expect(parseDayOrMonth('2025-13')).toBeUndefined();
  });

  it('accepts years 0001-9999 in every shape and refuses year 0 in every shape (item 15)', () => {
    expect(parseDayOrMonth('0001-01-01')).toEqual({ from: '0001-01-01', to: '0001-01-01', precision: 'day' });
    expect(parseDayOrMonth('0099-02')?.to).toBe('0099-02-28');
    expect(parseDayOrMonth('0096-02')?.to).toBe('0096-02-29');
    expect(parseDayOrMonth('0001')?.from).toBe('0001-01-01');
    for (const bad of ['0000', '0000-01', '0000-01-01']) expect(parseDayOrMonth(bad), bad).toBeUndefined();
  });
});

describe('commitments with the same day are ordered by id', () => {
  // The briefing compares ids by code point, which must be the order people read in any language.
  it('code-point order of schema ids equals the collation order in en, uk and the default locale', () => {
    const id = fc
      .stringMatching(/^[a-z0-9]{1,6}(?:-[a-z0-9]{1,6}){0,3}$/)
      .filter((s) => Id.safeParse(s).success);
    const collators = [new Intl.Collator(), new Intl.Collator('en'), new Intl.Collator('uk')];
    fc.assert(
      fc.property(id, id, (a, b) => {
        const byCodePoint = a < b ? -1 : a > b ? 1 : 0;
        for (const c of collators) expect(Math.sign(c.compare(a, b))).toBe(byCodePoint);
      }),
      { numRuns: 2000 },
    );
  });
});
