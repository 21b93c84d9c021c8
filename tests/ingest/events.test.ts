import { describe, expect, it } from 'vitest';
import { ingestArticle } from '../../src/ingest/ingest.ts';
import { curatedDataset, ingestFixture, NOW } from './helpers.ts';

async function events(name: string, published: string) {
  const { draft } = await ingestFixture(name, published);
  return draft.records.events.map((e) => ({
    kind: e.kind,
    value: e.date.value,
    precision: e.date.precision,
    paragraphs: e.citations.map((c) => c.paragraph),
    actors: e.actors.map((a) => a.actor),
    ...(e.partOfDay ? { partOfDay: e.partOfDay } : {}),
    ...(e.location ? { location: e.location } : {}),
  }));
}

async function ingestText(text: string, published: string) {
  return ingestArticle(text, {
    articlePath: 'story.txt',
    published,
    now: NOW,
    dataset: await curatedDataset(),
  });
}

describe('event candidates', () => {
  // weekday-dates.txt is published Thursday 12 June 2025.
  it('dates calls, meetings and speeches from weekdays, "last Saturday" and "Thursday morning"', async () => {
    const e = await events('weekday-dates.txt', '2025-06-12');
    expect(e).toContainEqual(
      expect.objectContaining({ kind: 'call', value: '2025-06-09', precision: 'day', paragraphs: [1] }),
    );
    expect(e).toContainEqual(
      expect.objectContaining({ kind: 'meeting', value: '2025-06-07', paragraphs: [2], location: 'Rome' }),
    );
    expect(e).toContainEqual(
      expect.objectContaining({ kind: 'speech', value: '2025-06-12', partOfDay: 'morning', paragraphs: [3] }),
    );
  });

  it('dates "in May" to the month, a war "three years ago" approximately, and ignores plans', async () => {
    const e = await events('weekday-dates.txt', '2025-06-12');
    expect(e).toContainEqual(
      expect.objectContaining({ kind: 'meeting', value: '2025-05', precision: 'month' }),
    );
    expect(e).toContainEqual(
      expect.objectContaining({
        kind: 'military-action',
        value: '2022-06',
        precision: 'month',
        paragraphs: [5],
      }),
    );
    expect(e.some((x) => x.paragraphs.includes(6))).toBe(false); // "Next week, the envoys will meet again"
    expect(e).toContainEqual(
      expect.objectContaining({
        kind: 'demand',
        value: '2025-06-11',
        // "European countries" are states, not the leaders (audit 2026-11 row 3).
        actors: ['emmanuel-macron', 'european-countries'],
      }),
    );
  });

  it('groups the sentences about one meeting, including quotes of its participants', async () => {
    const { draft } = await ingestFixture('quote-styles.txt', '2025-03-07');
    const meeting = draft.records.events.find((x) => x.kind === 'meeting');
    expect(meeting).toMatchObject({
      date: { value: '2025-03-05', precision: 'day' },
      location: 'Paris',
      citations: [2, 3, 4, 5, 6, 7].map((paragraph) => ({ source: 'source-2025-03-07', paragraph })),
    });
    const quoted = draft.records.quotes.filter((q) => q.event === meeting?.id).map((q) => q.speaker);
    expect(new Set(quoted)).toEqual(new Set(['volodymyr-zelensky', 'emmanuel-macron']));
  });

  it('a speaker only talked about in the statement before makes a statement of its own', async () => {
    const { draft } = await ingestText(
      [
        'Finnish President Alexander Stubb said on Tuesday that allies should keep pressing Russia to agree a ceasefire. “Time is not on our side,” Stubb told reporters in Tallinn.',
        'The Kremlin said on Tuesday that Moscow was “ready to listen” but would not accept conditions set by others.',
      ].join('\n'),
      '2025-06-12',
    );
    const speakers = draft.records.events.map((e) =>
      e.actors.filter((a) => a.role === 'speaker').map((a) => a.actor),
    );
    expect(speakers).toEqual([['alexander-stubb'], ['russia']]);
    expect(draft.records.events.map((e) => e.citations.map((c) => c.paragraph))).toEqual([[1], [2]]);
  });

  it('titles a conference with the text’s own word and dates it as an event over several days', async () => {
    const { draft } = await ingestText(
      'Finnish President Alexander Stubb said on Tuesday that allies should keep pressing Russia. “Time is not on our side,” Stubb told a conference in Tallinn.',
      '2025-06-12',
    );
    const conference = draft.records.events.find((e) => e.kind === 'summit');
    expect(conference?.title).toBe('Conference with Alexander Stubb');
    expect(conference?.date).toMatchObject({ precision: 'month', multiDay: true });
  });

  it('proposes a topic only where the tags guard finds its keyword: a party’s name is no keyword', async () => {
    const text = [
      'Finnish President Alexander Stubb said on Tuesday that Ukraine’s path to NATO membership was irreversible.',
      'Li Andersson, a Left Alliance member of the European Parliament, said on Wednesday that Stubb was “too eager to please”.',
    ].join('\n');
    const { draft } = await ingestText(text, '2025-06-12');
    const topicsOf = (speaker: string) =>
      draft.records.events.find((e) => e.actors.some((a) => a.actor === speaker && a.role === 'speaker'))
        ?.topics;
    expect(topicsOf('alexander-stubb')).toContain('nato-membership');
    expect(topicsOf('li-andersson')).toEqual([]);
  });

  it('leaves the title of fighting told only by its date to the curator', async () => {
    const { saysOnlyWhen } = await import('../../src/ingest/ingest.ts');
    for (const when of ['2011', 'June', 'in 2023', 'between 2008 and 2011', 'on 12 March', 'early 2024'])
      expect(saysOnlyWhen(when), when).toBe(true);
    for (const what of ['clashes', 'fighting', 'offensive', 'the 2011 war', 'strikes'])
      expect(saysOnlyWhen(what), what).toBe(false);
  });

  it('dates undated statements between the last date told and publication', async () => {
    const text = [
      'Marta Lind held a call with Donald Trump on Tuesday.',
      'She urged him to keep sanctions in place.',
      'Trump has said he wants a deal.',
    ].join('\n');
    const { draft } = await ingestText(text, '2025-04-04'); // a Friday
    const byKind = Object.fromEntries(draft.records.events.map((e) => [e.kind, e.date]));
    expect(byKind.call).toMatchObject({ value: '2025-04-01', precision: 'day' });
    expect(byKind.demand).toMatchObject({ value: '2025-04', earliest: '2025-04-01', latest: '2025-04-04' });
    // "has said": no later than publication, and nothing bounds it from below, so the year (truth guard).
    expect(byKind.statement).toMatchObject({ value: '2025', precision: 'year', latest: '2025-04-04' });
  });

  it('dates "before the talks" and "Earlier" relative to the event they point at', async () => {
    const text = [
      'Donald Trump met Zelensky at the White House on Monday.',
      'Before the talks, Trump urged Ukraine to give up land.',
      'Earlier, in a speech, Zelensky said Ukraine would not give up land.',
    ].join('\n');
    const { draft } = await ingestText(text, '2025-08-20'); // a Wednesday
    const byKind = Object.fromEntries(draft.records.events.map((e) => [e.kind, e.date]));
    expect(byKind.meeting).toMatchObject({ value: '2025-08-18', precision: 'day' });
    expect(byKind.demand).toMatchObject({ value: '2025', precision: 'year', latest: '2025-08-18' });
    expect(byKind.speech).toMatchObject({ value: '2025-08-18', precision: 'day', approximate: true });
  });

  it('proposes records that reference each other and pass the schema', async () => {
    const { draft } = await ingestFixture('quote-styles.txt', '2025-03-07');
    const events = new Set(draft.records.events.map((e) => e.id));
    for (const q of draft.records.quotes) {
      expect(events.has(q.event)).toBe(true);
      const event = draft.records.events.find((e) => e.id === q.event);
      // A quote left "speaker unknown — check" leaves its event's actor to the curator too.
      expect(event?.actors.map((a) => a.actor)).toContain(
        q.speaker === 'todo-speaker' ? 'todo-actor' : q.speaker,
      );
    }
    const dataset = await curatedDataset();
    for (const e of draft.records.events) expect(dataset.eventById.has(e.id)).toBe(false);
  });
});
