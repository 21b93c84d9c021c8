import { describe, expect, it } from 'vitest';
import { ingestFixture } from './helpers.ts';

describe('actors', () => {
  it('matches misspelt names of known actors within a small edit distance', async () => {
    const { draft } = await ingestFixture('misspelled-names.txt', '2025-09-01');
    expect(draft.review.spellingVariants).toEqual([
      expect.objectContaining({ text: 'Volodimir Zelenskiy', actor: 'volodymyr-zelensky' }),
      expect.objectContaining({ text: 'Emanuel Macron', actor: 'emmanuel-macron' }),
      expect.objectContaining({ text: 'Vladmir Puttin', actor: 'vladimir-putin' }),
    ]);
    expect(draft.review.actorsFound).toEqual(
      expect.arrayContaining(['volodymyr-zelensky', 'emmanuel-macron', 'vladimir-putin', 'nato', 'russia']),
    );
  });

  it('proposes unknown people as new actors, a surname alone being the same person', async () => {
    const { draft } = await ingestFixture('misspelled-names.txt', '2025-09-01');
    expect(draft.records.actors.map((a) => [a.id, a.kind])).toEqual([
      ['mark-rutte', 'person'],
      ['brigitte-macron', 'person'],
    ]);
    expect(draft.records.quotes.find((q) => q.text === 'It was a warm evening')?.speaker).toBe('mark-rutte');
  });

  it('does not take a namesake for a known actor or a place for an actor', async () => {
    const { draft } = await ingestFixture('misspelled-names.txt', '2025-09-01');
    expect(draft.review.otherNames).toEqual([expect.objectContaining({ name: 'Brussels', kind: 'place' })]);
    const p5 = draft.review.spellingVariants.filter((v) => v.paragraph === 5);
    expect(p5).toEqual([]);
  });

  it('matches aliases with initials and acronyms by case ("US" yes, "us" no)', async () => {
    const { ingestArticle } = await import('../../src/ingest/ingest.ts');
    const { curatedDataset, NOW } = await import('./helpers.ts');
    const { draft } = ingestArticle('J. D. Vance told us the US would help.\nLater JD Vance spoke again.', {
      articlePath: 'x.txt',
      published: '2025-03-01',
      now: NOW,
      dataset: await curatedDataset(),
    });
    expect(draft.review.actorsFound).toEqual(['jd-vance', 'united-states']);
  });
});

describe('countries by their long and short official names', () => {
  it('reads "the Republic of Korea", "the DPRK", "Czechia" and "the People’s Republic of China" as the states they are', async () => {
    const { ingestArticle } = await import('../../src/ingest/ingest.ts');
    const { curatedDataset, NOW } = await import('./helpers.ts');
    const text = [
      'Envoys of the Republic of Korea and the DPRK sat down with delegates from Czechia and the UAE on Monday.',
      'The Democratic Republic of the Congo and the People’s Republic of China sent observers, as did Burma.',
      'The Republic of Korea said it welcomed the talks.',
    ].join('\n');
    const { draft } = ingestArticle(text, {
      published: '2025-06-02',
      now: NOW,
      dataset: await curatedDataset(),
    });
    const states = [...draft.records.actors, ...draft.review.otherNames]
      .filter((a) => a.kind === 'state')
      .map((a) => a.name)
      .sort();
    expect(states).toEqual([
      'China',
      'Czech Republic',
      'Democratic Republic of the Congo',
      'Myanmar',
      'North Korea',
      'South Korea',
      'United Arab Emirates',
    ]);
    expect(draft.review.otherNames.map((n) => n.name)).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/^(?:Republic|Korea|People|Democratic Republic)$/)]),
    );
  });
});

describe('compound adjectives, titles and the names ids are made of', () => {
  it('proposes no actor for "Sino-US" or "China-US" relations, and drops "State Councillor" from a name', async () => {
    const { ingestArticle } = await import('../../src/ingest/ingest.ts');
    const { curatedDataset, NOW } = await import('./helpers.ts');
    const text = [
      'Chinese President Xi Jinping said on Monday that Sino-US relations had reached a turning point.',
      '“China-US ties matter to the whole world,” Xi said, before State Councillor Yang Jiechi met the visitors.',
    ].join('\n');
    const { draft } = ingestArticle(text, {
      published: '2025-06-02',
      now: NOW,
      dataset: await curatedDataset(),
    });
    expect(draft.records.actors.map((a) => a.name).sort()).toEqual(['Xi Jinping', 'Yang Jiechi']);
    expect(draft.records.quotes.map((q) => q.id)).toEqual([expect.stringMatching(/^xi-/)]);
  });

  it('makes ids from the word of a name the article uses alone', async () => {
    const { usedAlone } = await import('../../src/ingest/ingest.ts');
    const text = 'Xi Jinping met Luiz Inácio Lula da Silva. Xi said so, and Lula agreed. Lula da Silva left.';
    expect(usedAlone('Xi Jinping', text)).toBe('xi');
    expect(usedAlone('Luiz Inácio Lula da Silva', text)).toBe('lula');
    expect(usedAlone('Yang Jiechi', text)).toBeUndefined();
    expect(usedAlone('Mevlut Cavusoglu', 'Mevlut Cavusoglu spoke. Cavusoglu said no.')).toBe('cavusoglu');
  });
});
