import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type RawDataset, RawDatasetFiles } from './raw.ts';

/**
 * A small dataset of our own writing about a made-up meeting (tests/fixtures/truth/kellby.txt),
 * clean under every truth guard. Tests break copies of it, one guard at a time.
 */
export const ARTICLE_FILE = 'kellby.txt';
export const ARTICLE = readFileSync(
  path.resolve(import.meta.dirname, '../../fixtures/truth', ARTICLE_FILE),
  'utf8',
);
export const TEXTS: ReadonlyMap<string, string> = new Map([[ARTICLE_FILE, ARTICLE]]);

const S = 'kellby-report';
const cite = (...ps: number[]) => ps.map((paragraph) => ({ source: S, paragraph }));

/** The element a test knows is there. */
export function one<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('the fixture has no such record');
  return value;
}

/** An edit to a copy of the fixture; indexes are the fixture's (events[1] is Berg's account). */
export type RawDatasetEdit = (data: RawDataset) => void;

export function cleanDataset(): RawDataset {
  return RawDatasetFiles.parse({
    sources: [
      {
        id: S,
        label: 'S1',
        title: 'Norland and Estmark ministers meet in Kellby',
        publishedAt: { value: '2025-05-15', precision: 'day', basis: 'given by the test' },
        language: 'en',
        file: ARTICLE_FILE,
        paragraphCount: 7,
        summary: 'A made-up report on border talks, written for the tests.',
      },
    ],
    actors: [
      {
        id: 'anna-berg',
        name: 'Anna Berg',
        kind: 'person',
        aliases: ['Berg'],
        description: 'Norland foreign minister.',
      },
      {
        id: 'jonas-vik',
        name: 'Jonas Vik',
        kind: 'person',
        aliases: ['Vik'],
        description: 'Estmark minister.',
      },
      { id: 'norland', name: 'Norland', kind: 'state', description: 'A made-up state.' },
      { id: 'estmark', name: 'Estmark', kind: 'state', description: 'Another made-up state.' },
    ],
    topics: [
      {
        id: 'border-treaty',
        label: 'Border treaty',
        description: 'Talks on a treaty fixing the border.',
        keywords: ['treaty', 'border', 'commission'],
        thread: [
          {
            date: '2025-05-13',
            status:
              'In Kellby the ministers discuss a border treaty; Vik says a draft will be ready within 30 days.',
            events: ['kellby-talks', 'vik-draft-deadline'],
            citations: cite(1, 4),
          },
        ],
      },
      {
        id: 'troops',
        label: 'Troops in the valley',
        description: 'Whether Norland keeps troops in the disputed valley.',
        keywords: ['troops', 'withdraw'],
        thread: [],
      },
    ],
    events: [
      {
        id: 'kellby-talks',
        kind: 'meeting',
        title: 'Norland and Estmark ministers meet in Kellby',
        summary:
          'The foreign ministers of Norland and Estmark hold talks in Kellby about a treaty on their border.',
        date: {
          value: '2025-05-13',
          precision: 'day',
          basis: "'on Tuesday' in S1, published Thursday 15 May 2025.",
        },
        location: 'Kellby',
        actors: [
          { actor: 'anna-berg', role: 'participant' },
          { actor: 'jonas-vik', role: 'participant' },
          { actor: 'norland', role: 'participant' },
          { actor: 'estmark', role: 'participant' },
        ],
        topics: ['border-treaty'],
        citations: cite(1),
      },
      {
        id: 'talks-length',
        kind: 'statement',
        title: 'Berg on how long the talks lasted',
        summary: 'The talks last three hours.',
        attributedTo: 'anna-berg',
        date: {
          value: '2025-05-13',
          precision: 'day',
          basis: "About Tuesday's talks, read as the same day.",
        },
        actors: [{ actor: 'anna-berg', role: 'speaker' }],
        citations: cite(2),
      },
      {
        id: 'vik-draft-deadline',
        kind: 'statement',
        title: 'Vik expects a draft treaty within 30 days',
        summary: 'Vik tells reporters that a draft of the treaty will be ready within 30 days.',
        date: {
          value: '2025-05-13',
          precision: 'day',
          basis: "After Tuesday's talks, read as the same day.",
        },
        actors: [{ actor: 'jonas-vik', role: 'speaker' }],
        topics: ['border-treaty'],
        citations: cite(4),
      },
      {
        id: 'vik-troops-demand',
        kind: 'demand',
        title: 'Vik urges Norland to pull its troops out of the valley',
        summary: 'Vik urges Norland to pull its troops out of the disputed valley.',
        date: {
          value: '2025',
          precision: 'year',
          latest: '2025-05-13',
          basis: "'Before the talks' of Tuesday 13 May 2025 (S1); how long before is not given.",
        },
        actors: [
          { actor: 'jonas-vik', role: 'speaker' },
          { actor: 'norland', role: 'addressee' },
        ],
        topics: ['troops'],
        citations: cite(5),
      },
    ],
    quotes: [],
    commitments: [
      {
        id: 'draft-treaty-in-30-days',
        kind: 'expectation',
        text: 'A draft treaty is to be ready within 30 days.',
        by: ['jonas-vik'],
        event: 'vik-draft-deadline',
        status: 'open',
        topics: ['border-treaty'],
        citation: cite(4)[0],
      },
    ],
  });
}

/** Writes a dataset as a data/ folder (with its schema references), optionally storing the article. */
export function writeDataDir(data: RawDataset, opts: { storeText?: boolean } = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'briefbot-truth-'));
  for (const key of ['sources', 'actors', 'topics', 'events', 'quotes', 'commitments'] as const)
    writeFileSync(path.join(dir, `${key}.json`), JSON.stringify({ [key]: data[key] }, null, 2));
  if (opts.storeText) {
    mkdirSync(path.join(dir, 'sources'));
    writeFileSync(path.join(dir, 'sources', 'kellby-report.txt'), ARTICLE);
  }
  return dir;
}

export const FIXTURE_ARTICLES = path.resolve(import.meta.dirname, '../../fixtures/truth');
