import type { RawDataset } from '../../src/domain/schema.ts';
import { generateNewsDataset } from './news-corpus.ts';
import { rng } from './rng.ts';

export { rng };

const WORDS =
  'talks guarantee security peace summit envoy minister ceasefire sanctions border treaty parliament pledge delegation defence energy grain corridor prisoner exchange reconstruction aid frontline drone memorandum observers referendum'.split(
    ' ',
  );

export interface GenerateOptions {
  events: number;
  seed?: number;
  /**
   * `adversarial` (default): 25 domain words fill 60–92% of documents, the worst case for search.
   * `news`: news-like text (see generateNewsDataset).
   */
  corpus?: 'adversarial' | 'news';
  /** Replaces generated words: lets property tests inject hostile text. */
  text?: (kind: 'title' | 'summary' | 'quote' | 'name' | 'status', fallback: string) => string;
}

/** A valid synthetic dataset of `events` events with proportional actors, quotes, topics, commitments. */
export function generateDataset(opts: GenerateOptions): RawDataset {
  if (opts.corpus === 'news') return generateNewsDataset(opts);
  const rand = rng(opts.seed ?? 1);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  // News text is Zipf-distributed over a large vocabulary: a few common words, a long tail of rare ones.
  const vocabulary = [...WORDS, ...Array.from({ length: 5000 }, (_, i) => syllables(i))];
  const word = () => vocabulary[Math.floor(vocabulary.length ** rand()) - 1] ?? 'talks';
  const words = (n: number) => Array.from({ length: n }, word).join(' ');
  const text = opts.text ?? ((_k, f) => f);
  const sentence = (
    kind: Parameters<NonNullable<GenerateOptions['text']>>[0],
    n: number,
    min: number,
    max: number,
  ) => {
    let s = text(kind, `${words(n)} ${words(3)}`).slice(0, max);
    while (s.length < min) s += ' detail';
    return s;
  };
  const nActors = Math.max(3, Math.ceil(opts.events / 20));
  const nTopics = Math.max(2, Math.min(25, Math.ceil(opts.events / 100)));
  const paragraphCount = 200;
  const nSources = Math.max(1, Math.ceil(opts.events / 50));
  const sources = Array.from({ length: nSources }, (_, i) => ({
    id: `source-${i}`,
    label: `S${i + 1}`,
    title: `Generated report ${i + 1}`,
    publishedAt: { value: '2030-12-31', precision: 'day' as const, basis: 'generated' },
    language: 'en',
    file: `gen-${i}.txt`,
    paragraphCount,
    furniture: [],
    summary: 'A generated source for benchmarks and property tests.',
  }));
  const cite = () => ({ source: pick(sources).id, paragraph: 1 + Math.floor(rand() * paragraphCount) });
  const actors = Array.from({ length: nActors }, (_, i) => ({
    id: `actor-${i}`,
    name: sentence('name', 2, 2, 100),
    kind: pick(['person', 'state', 'organization', 'group'] as const),
    aliases: [`Alias ${i}`, `A${i}`],
    description: `Generated actor number ${i}.`,
    roles: [{ title: 'Minister', asOf: '2025-01-01', citation: cite() }],
  }));
  const topics = Array.from({ length: nTopics }, (_, i) => ({
    id: `topic-${i}`,
    label: `Topic ${i} ${pick(WORDS)}`.slice(0, 80),
    description: `Generated topic number ${i} about ${words(4)}.`,
    keywords: [pick(WORDS)],
    thread: [] as RawDataset['topics'][number]['thread'],
  }));
  const events: RawDataset['events'] = [];
  const quotes: RawDataset['quotes'] = [];
  const commitments: RawDataset['commitments'] = [];
  for (let i = 0; i < opts.events; i++) {
    const day = new Date(Date.UTC(2020, 0, 1) + Math.floor(rand() * 3650) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const precision = rand() < 0.8 ? 'day' : 'month';
    const a1 = pick(actors).id;
    const a2 = pick(actors).id;
    const id = `event-${i}`;
    events.push({
      id,
      kind: pick(['meeting', 'call', 'speech', 'statement', 'summit'] as const),
      title: sentence('title', 5, 5, 200),
      summary: sentence('summary', 30, 20, 1500),
      date: { value: precision === 'day' ? day : day.slice(0, 7), precision, basis: 'generated' },
      actors: [...new Set([a1, a2])].map((actor) => ({ actor, role: 'participant' as const })),
      topics: [pick(topics).id],
      citations: [cite(), cite()],
      related:
        i > 0 && rand() < 0.3
          ? [{ event: `event-${Math.floor(rand() * i)}`, relation: 'follows' as const }]
          : [],
    });
    const ev = events[i];
    if (ev && rand() < 0.5) {
      quotes.push({
        id: `quote-${i}`,
        speaker: a1,
        text:
          sentence('quote', 12, 2, 1000)
            .trim()
            .replace(/^["'“”‘’«»„‚\s]+|["“”‘«»„‚\s]+$/g, '') || 'words',
        fragment: rand() < 0.2,
        event: id,
        topics: ev.topics,
        context: 'Generated context for this quote.',
        citation: ev.citations[0] ?? cite(),
      });
    }
    if (ev && rand() < 0.1) {
      commitments.push({
        id: `commitment-${i}`,
        kind: 'pledge',
        text: `Generated pledge ${i}: ${words(6)}`,
        by: [a1],
        to: [],
        event: id,
        ...(rand() < 0.5 ? { due: { from: '2031-01-01', to: '2031-01-10', basis: 'generated' } } : {}),
        status: 'open',
        topics: ev.topics,
        citation: cite(),
      });
    }
  }
  for (const t of topics) {
    const ev = events.find((e) => e.topics.includes(t.id));
    if (ev)
      t.thread.push({
        date: '2030-06-01',
        status: sentence('status', 20, 10, 600),
        events: [ev.id],
        citations: [cite()],
      });
  }
  return { sources, actors, topics, events, quotes, commitments };
}

const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  're',
  'tan',
  'vos',
  'del',
  'qui',
  'shar',
  'nov',
  'bel',
  'ost',
  'rin',
  'gard',
  'pol',
];

/** A pronounceable pseudo-word, distinct for each index. */
function syllables(i: number): string {
  let n = i + SYLLABLES.length;
  let out = '';
  while (n > 0) {
    out += SYLLABLES[n % SYLLABLES.length];
    n = Math.floor(n / SYLLABLES.length);
  }
  return out;
}
