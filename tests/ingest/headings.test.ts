import { describe, expect, it } from 'vitest';
import { isQuoteLine } from '../../src/ingest/headings.ts';
import { ingestArticle } from '../../src/ingest/ingest.ts';
import { findQuotes } from '../../src/ingest/text.ts';
import { curatedDataset, NOW } from './helpers.ts';

/** Speakers named by a heading or a label above bare quotes (factboxes, roundups, live pages). */

async function speakers(text: string, published = '2025-06-20') {
  const { draft } = await ingestArticle(text, { published, dataset: await curatedDataset(), now: NOW });
  return draft.records.quotes.map((q) => ({
    paragraph: q.citation.paragraph,
    speaker: q.speaker,
    rule: draft.review.quotes[q.id]?.speakerRule,
    first: draft.review.quotes[q.id]?.candidates[0],
  }));
}

const FACTBOX = [
  'Leaders meet in Oslo: what they said',
  'Norwegian Prime Minister Jonas Gahr Store and Finnish President Alexander Stubb met in Oslo on Thursday to discuss Arctic security.',
  'Here are some of their remarks:',
  'NORWEGIAN PRIME MINISTER JONAS GAHR STORE',
  '“We share a border with a difficult neighbour and a long coastline to watch.”',
  'On shipping lanes: “Our patrols will double by the winter.”',
  'FINNISH PRESIDENT ALEXANDER STUBB',
  '“Finland brings its artillery and its experience of the long winter.”',
  '“Nobody here is asking for a quarrel.”',
].join('\n');

describe('speaker headings', () => {
  it('attributes each run of bare quotes to the heading above it, topic leads included', async () => {
    const q = await speakers(FACTBOX);
    expect(q.map((x) => [x.paragraph, x.first?.speaker, x.first?.rule])).toEqual([
      [5, 'jonas-gahr-store', 'heading/name'],
      [6, 'jonas-gahr-store', 'heading/name'],
      [8, 'alexander-stubb', 'heading/name'],
      [9, 'alexander-stubb', 'heading/name'],
    ]);
  });

  it('a line of prose between the heading and the quote ends the heading’s reach', async () => {
    const text = FACTBOX.replace(
      '“Nobody here is asking for a quarrel.”',
      'The two leaders later toured the harbour with the defence chiefs.\n“Nobody here is asking for a quarrel.”',
    );
    const last = (await speakers(text)).at(-1);
    expect(last?.paragraph).toBe(10);
    expect(last?.rule).not.toBe('heading/name');
  });

  it('a quote with a say-verb between the heading and the quote ends the heading’s reach', async () => {
    const text = FACTBOX.replace(
      '“Nobody here is asking for a quarrel.”',
      'Store replied: “We have room for more guests.”\n“Nobody here is asking for a quarrel.”',
    );
    const q = await speakers(text);
    expect(q.at(-2)?.first).toMatchObject({ speaker: 'jonas-gahr-store' });
    expect(q.at(-1)?.first?.rule).not.toBe('heading/name');
  });

  it('a headline about someone is no heading: only role words may stand beside the name', async () => {
    const text = [
      'Stubb in Oslo for Arctic talks',
      '“The ice is thinner and the stakes are higher.”',
      'So spoke Finnish President Alexander Stubb on arrival in Oslo on Thursday.',
    ].join('\n');
    const [first] = await speakers(text);
    expect(first?.rule).not.toBe('heading/name');
  });

  it('a heading naming two people, or nobody the article names, names no speaker', async () => {
    const text = [
      'Finnish President Alexander Stubb and Norwegian Prime Minister Jonas Gahr Store spoke in Oslo on Thursday.',
      'STUBB AND STORE',
      '“We will patrol together.”',
      'DEFENCE CHIEFS',
      '“The drills start in March.”',
    ].join('\n');
    const q = await speakers(text);
    expect(q.map((x) => x.rule)).not.toContain('heading/name');
  });

  it('a label before a colon names the speaker of the bare quotes after it, as a live page’s headline does', async () => {
    const text = [
      'Finnish President Alexander Stubb and Norwegian Prime Minister Jonas Gahr Store spoke in Oslo on Thursday.',
      '14:05 BST Stubb: the border stays closed',
      '“We will not reopen the crossings this year.”',
      'Store: “Our patrols will double.”',
      '“The coast guard gets two new ships.”',
    ].join('\n');
    const q = await speakers(text);
    expect(q.map((x) => [x.paragraph, x.first?.speaker])).toEqual([
      [3, 'alexander-stubb'],
      [4, 'jonas-gahr-store'],
      [5, 'jonas-gahr-store'],
    ]);
    expect(q[0]?.first?.rule).toBe('heading/name');
    expect(q[2]?.first?.rule).toBe('heading/name');
  });
});

describe('isQuoteLine', () => {
  const line = (text: string) => isQuoteLine(text, findQuotes(text));
  it('is bare quotes, or quotes after a short lead ending in a colon', () => {
    expect(line('“We will patrol together.”')).toBe(true);
    expect(line('“One.” “Two.”')).toBe(true);
    expect(line('Asked about tariffs: “Not this year.”')).toBe(true);
    expect(line('He said: “Not this year.”')).toBe(true);
    expect(line('“Not this year,” he said.')).toBe(false);
    expect(line('The minister called it “a good start”.')).toBe(false);
    expect(line('No quotes here.')).toBe(false);
  });
});
