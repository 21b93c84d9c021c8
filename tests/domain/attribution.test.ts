import { beforeAll, describe, expect, it } from 'vitest';
import { createBriefbook } from '../../src/domain/briefbook.ts';
import { composeBriefing } from '../../src/domain/briefing.ts';
import { buildDataset } from '../../src/domain/model.ts';
import { reference } from '../../src/i18n/languages.ts';
import { renderBriefing } from '../../src/render/briefing.ts';
import { renderEvent } from '../../src/render/event.ts';
import { messageToText } from '../../src/render/terminal.ts';
import { eventLine } from '../../src/render/timeline.ts';
import { composeRun } from '../../src/scheduler/compose.ts';
import { rawDataset } from '../support/fixtures.ts';

/**
 * A claim the source reports as someone's account is shown as theirs wherever it appears: the
 * event, the timeline, search, the briefing (threads and commitments) and so scheduled posts.
 */

const raw = rawDataset();
// A thread entry curated as Zelensky's account, to see the composer carry it.
const territory = raw.topics.find((t) => t.id === 'territory-and-crimea');
const entry = territory?.thread[0];
if (entry) {
  entry.status = 'Zelensky set out the battlefield situation clearly for Trump in their one-on-one.';
  entry.attributedTo = 'volodymyr-zelensky';
}
const book = createBriefbook(buildDataset(raw));
const ZELENSKY = 'According to Volodymyr Zelensky: ';

let oneOnOne: NonNullable<ReturnType<typeof book.dataset.eventById.get>>;
beforeAll(() => {
  const e = book.dataset.eventById.get('trump-zelensky-oval-office-one-on-one');
  if (!e) throw new Error('event missing');
  oneOnOne = e;
});

describe('attributed claims', () => {
  it('the event shows its summary as the account of the one it is attributed to', () => {
    expect(oneOnOne.attributedTo).toBe('volodymyr-zelensky');
    expect(messageToText(renderEvent(reference, book, oneOnOne))).toContain(
      `${ZELENSKY}In his one-on-one with Trump`,
    );
  });

  it('the timeline line too', () => {
    expect(eventLine(reference, book, oneOnOne)).toContain(`${ZELENSKY}In his one-on-one with Trump`);
  });

  it('search snippets too', () => {
    const hit = book.search
      .search('one-on-one Oval Office battlefield', { kinds: ['event'], limit: 5 })
      .find((h) => h.id === oneOnOne.id);
    expect(hit?.snippet.startsWith(`${ZELENSKY}In his one-on-one`)).toBe(true);
  });

  it('the composer never presents an attributed status or commitment as fact', () => {
    const b = composeBriefing(book.dataset, { asOf: '2025-08-26', commitmentLimit: 20 });
    const thread = b.threads.find((t) => t.topic.id === 'territory-and-crimea');
    expect(thread?.attributedTo).toBe('volodymyr-zelensky');
    expect(thread?.status).toBe(
      `${ZELENSKY}Zelensky set out the battlefield situation clearly for Trump in their one-on-one.`,
    );
    const onPaper = b.commitments.find((c) => c.commitment.id === 'security-guarantees-on-paper');
    expect(onPaper?.text).toBe(
      `${ZELENSKY}The guarantees are to be formalized on paper within a week to ten days.`,
    );
    const fromEurope = b.commitments.find((c) => c.commitment.id === 'guarantees-from-european-countries');
    expect(fromEurope?.text.startsWith('According to Donald Trump: ')).toBe(true);
    // Commitments nobody reports as an account stay as they are.
    const plain = b.commitments.find((c) => c.commitment.id === 'ukraine-buys-us-weapons');
    expect(plain?.text).toBe(plain?.commitment.text);
  });

  it('a thread falling back on an attributed event summary keeps the attribution', () => {
    const noThread = structuredClone(raw);
    noThread.topics.push({
      id: 'oval-talks',
      label: 'Oval talks',
      description: 'Test topic.',
      keywords: [],
      thread: [],
    });
    const e = noThread.events.find((x) => x.id === oneOnOne.id);
    if (e) e.topics = ['oval-talks'];
    const b = composeBriefing(buildDataset(noThread), { asOf: '2025-08-26', topic: 'oval-talks' });
    expect(b.threads[0]?.eventIds).toEqual([oneOnOne.id]);
    expect(b.threads[0]?.status).toBe(`${ZELENSKY}${oneOnOne.summary}`);
  });

  it('the briefing and a scheduled post show it', () => {
    const text = messageToText(
      renderBriefing(
        reference,
        book,
        composeBriefing(book.dataset, { asOf: '2025-08-26', commitmentLimit: 20 }),
      ),
    );
    expect(text).toContain(`${ZELENSKY}Zelensky set out the battlefield situation`);
    expect(text).toContain(`${ZELENSKY}The guarantees are to be formalized on paper`);
    const post = composeRun({
      snapshot: { briefbook: book, version: book.dataset.version },
      schedule: { timezone: 'UTC', mode: 'always' },
      run: Date.parse('2025-08-26T09:00:00Z'),
      cutoff: Date.parse('2025-08-26T09:00:00Z'),
      watermark: undefined,
      seen: new Map(),
    });
    expect(messageToText(post.payload)).toContain(`${ZELENSKY}The guarantees are to be formalized on paper`);
  });
});
