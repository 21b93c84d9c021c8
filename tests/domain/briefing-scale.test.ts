import { describe, expect, it } from 'vitest';
import { createBriefbook } from '../../src/domain/briefbook.ts';
import { commitmentViews, composeBriefing } from '../../src/domain/briefing.ts';
import { formatDayRange } from '../../src/i18n/format.ts';
import { reference as en } from '../../src/i18n/languages.ts';

const formatDueWindow = (due: { from: string; to: string }) => formatDayRange(en, due.from, due.to);

import { certainByDay, dateSpan, formatPartialDate, sortDay } from '../../src/domain/dates.ts';
import { buildDataset, type Dataset, eventsUpTo } from '../../src/domain/model.ts';
import { validateDataset } from '../../src/domain/validate.ts';
import { renderBriefing } from '../../src/render/briefing.ts';
import { messageViolations } from '../../src/render/embed.ts';
import { realDataset } from '../support/fixtures.ts';
import { generateDataset } from '../support/generate.ts';

/** The full sort the briefing used before the order was kept per dataset: the specification. */
function reference(dataset: Dataset, asOf: string, topicId?: string) {
  const views: Array<{ id: string; state: string; label: string; madeOn: string }> = [];
  for (const c of dataset.commitments) {
    const event = dataset.eventById.get(c.event);
    if (!event) continue;
    const madeOn = dataset.eventDay.get(event.id) ?? sortDay(event.date);
    // A commitment counts once its event had certainly happened (issue 17 item 7).
    if (certainByDay(event.date) > asOf) continue;
    if (topicId && !c.topics.includes(topicId)) continue;
    const due = c.due;
    const [state, label] =
      c.status !== 'open'
        ? [c.status, c.status]
        : !due
          ? ['no-deadline', 'no deadline given']
          : asOf < due.from
            ? ['pending', `due ${formatDueWindow(due)}`]
            : asOf <= due.to
              ? ['due-now', `due now (${formatDueWindow(due)})`]
              : [
                  'window-passed',
                  `was due ${formatDueWindow(due)}; no source in the dataset reports the outcome`,
                ];
    views.push({ id: c.id, state, label, madeOn, due: due?.to } as never);
  }
  return views.sort((a, b) => {
    const da = (a as unknown as { due?: string }).due;
    const db = (b as unknown as { due?: string }).due;
    if (da && db) return da.localeCompare(db);
    if (da) return -1;
    if (db) return 1;
    return b.madeOn.localeCompare(a.madeOn) || a.id.localeCompare(b.id);
  });
}

const shown = (d: Dataset, asOf: string, topic?: string, limit?: number) => {
  const { views, count } = commitmentViews(d, asOf, topic, limit);
  return {
    count,
    views: views.map((v) => ({
      id: v.commitment.id,
      state: v.state,
      label: en.text(v.label),
      madeOn: v.madeOn,
    })),
  };
};

async function datasets(): Promise<Dataset[]> {
  const raw = generateDataset({ events: 3000, seed: 5 });
  const files = Object.fromEntries(Object.entries(raw).map(([k, v]) => [`${k}.json`, { [k]: v }]));
  const valid = validateDataset(files);
  if (!valid.ok) throw new Error('generated dataset invalid');
  return [await realDataset(), buildDataset(valid.data)];
}

const DATES = ['2020-06-01', '2025-03-01', '2025-08-20', '2027-01-01', '2031-01-05', '2040-01-01'];

describe('briefing events without copying the timeline', () => {
  it('counts, latest, new events and the key quote are those of the events known as of the date', async () => {
    for (const d of await datasets()) {
      const sample = d.events.filter((_, i) => i % 7 === 0).map((e) => e.id);
      for (const asOf of DATES) {
        for (const topic of [undefined, d.topics[0]?.id]) {
          const known = eventsUpTo(d, topic ? (d.eventsByTopic.get(topic) ?? []) : d.events, asOf);
          for (const ids of [new Set(sample.slice(0, 3)), new Set(sample)]) {
            const b = composeBriefing(d, { asOf, newEventIds: ids, ...(topic ? { topic } : {}) });
            expect(b.eventCount).toBe(known.length);
            // As shown (same-day events may differ in their basis only).
            const span = dateSpan(known.map((e) => e.date));
            const shown = (c: typeof span) => c && [formatPartialDate(c.first), formatPartialDate(c.last)];
            expect(shown(b.coverage)).toEqual(shown(span));
            expect(b.latest.map((e) => e.id)).toEqual(
              known
                .slice(-5)
                .reverse()
                .map((e) => e.id),
            );
            expect(b.newEvents.map((e) => e.id)).toEqual(known.filter((e) => ids.has(e.id)).map((e) => e.id));
            const quotes = known.flatMap((e) => d.quotesByEvent.get(e.id) ?? []);
            const full = [...known].reverse().flatMap((e) =>
              [...(d.quotesByEvent.get(e.id) ?? [])]
                .sort(
                  (x, y) =>
                    Number(x.fragment) - Number(y.fragment) ||
                    y.text.length - x.text.length ||
                    x.id.localeCompare(y.id),
                )
                .slice(0, 1)
                .filter((q) => !q.fragment),
            )[0];
            expect(b.keyQuote?.quote.id).toBe((full ?? quotes.at(-1))?.id);
          }
        }
      }
    }
  });
});

describe('briefing threads', () => {
  it("are every topic's state of play as of the date, newest first; the embed shows the first 25", async () => {
    for (const d of await datasets()) {
      const book = createBriefbook(d);
      for (const asOf of DATES) {
        const expected = d.topics
          .flatMap((topic) => {
            const entry = topic.thread.filter((t) => t.date <= asOf).at(-1);
            const latest = eventsUpTo(d, d.eventsByTopic.get(topic.id) ?? [], asOf).at(-1);
            if (entry && (!latest || entry.date >= sortDay(latest.date)))
              return [{ topic, since: entry.date }];
            return latest ? [{ topic, since: sortDay(latest.date) }] : [];
          })
          .sort((a, b) =>
            a.since === b.since ? a.topic.label.localeCompare(b.topic.label) : a.since < b.since ? 1 : -1,
          );
        const b = composeBriefing(d, { asOf });
        expect(b.threads.map((t) => [t.topic.id, t.since])).toEqual(
          expected.map((t) => [t.topic.id, t.since]),
        );
        const message = renderBriefing(en, book, b);
        expect(messageViolations(message)).toEqual([]);
        const fields = message.embeds?.[0]?.fields ?? [];
        const threadFields = fields.filter((f) => d.topics.some((t) => f.name.startsWith(`${t.label} · `)));
        expect(threadFields.map((f) => f.name.split(' · ')[0])).toEqual(
          expected.slice(0, Math.min(expected.length, 25)).map((t) => t.topic.label),
        );
        if (expected.length >= 25) expect(fields).toHaveLength(25);
      }
    }
  });
});

describe('briefing commitments', () => {
  it('come in the order and with the states of the full sort, for any date, topic and limit', async () => {
    const raw = generateDataset({ events: 3000, seed: 5 });
    const files = Object.fromEntries(Object.entries(raw).map(([k, v]) => [`${k}.json`, { [k]: v }]));
    const valid = validateDataset(files);
    if (!valid.ok) throw new Error('generated dataset invalid');
    for (const d of [await realDataset(), buildDataset(valid.data)]) {
      for (const asOf of [
        '2020-06-01',
        '2025-03-01',
        '2025-08-20',
        '2027-01-01',
        '2031-01-05',
        '2040-01-01',
      ]) {
        for (const topic of [undefined, d.topics[0]?.id, d.topics[1]?.id]) {
          const expected = reference(d, asOf, topic).map(({ id, state, label, madeOn }) => ({
            id,
            state,
            label,
            madeOn,
          }));
          expect(shown(d, asOf, topic)).toEqual({ count: expected.length, views: expected });
          expect(shown(d, asOf, topic, 8)).toEqual({ count: expected.length, views: expected.slice(0, 8) });
        }
      }
    }
  });
});
