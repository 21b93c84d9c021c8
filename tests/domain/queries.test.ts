import { beforeAll, describe, expect, it } from 'vitest';
import { bibliography } from '../../src/domain/bibliography.ts';
import type { Briefbook } from '../../src/domain/briefbook.ts';
import { findQuotes } from '../../src/domain/quotes.ts';
import { timeline } from '../../src/domain/timeline.ts';
import { paginate } from '../../src/render/pager.ts';
import { realBook } from '../support/fixtures.ts';

let book: Briefbook;
beforeAll(async () => {
  book = await realBook();
});

describe('actor resolution', () => {
  it.each([
    ['Volodomyr', 'volodymyr-zelensky'],
    ['zelenskyy', 'volodymyr-zelensky'],
    ['Zelenskiy', 'volodymyr-zelensky'],
    ['Zelenksy', 'volodymyr-zelensky'],
    ['ZELENSKY', 'volodymyr-zelensky'],
    ['JD Vance', 'jd-vance'],
    ['J.D. Vance', 'jd-vance'],
    ['J. D. Vance', 'jd-vance'],
    ['Vance', 'jd-vance'],
    ['jd-vance', 'jd-vance'],
    ['Putn', 'vladimir-putin'],
    ['Emmanuel Macrón', 'emmanuel-macron'],
    ['Kellog', 'keith-kellogg'],
    ['WSJ', 'wall-street-journal'],
    ['EU', 'european-union'],
  ])('%s resolves to %s', (query, id) => {
    const r = book.actors.resolve(query);
    expect(r.status).toBe('found');
    if (r.status === 'found') expect(r.value.id).toBe(id);
  });

  it('returns ranked candidates instead of guessing when a query is ambiguous', () => {
    const r = book.actors.resolve('european');
    expect(r.status).toBe('ambiguous');
    if (r.status === 'ambiguous') {
      // "European countries" became an actor of its own (states, not leaders: audit 2026-11 row 3).
      expect(r.candidates.map((c) => c.id).sort()).toEqual([
        'european-countries',
        'european-leaders',
        'european-union',
      ]);
    }
  });

  it('reports not-found for someone absent', () => {
    expect(book.actors.resolve('Angela Merkel').status).toBe('not-found');
    expect(book.actors.resolve('   ').status).toBe('not-found');
  });

  it('suggests Zelensky for "volo" (autocomplete)', () => {
    expect(book.actors.suggest('volo')[0]?.actor.id).toBe('volodymyr-zelensky');
  });
});

describe('timeline', () => {
  it('is chronological, with same-day events ordered by part of day', () => {
    const ids = timeline(book.dataset, {}).map((e) => e.id);
    expect(ids[0]).toBe('russia-invasion-of-ukraine');
    expect(ids.indexOf('trump-putin-call')).toBeLessThan(ids.indexOf('vance-wsj-interview'));
    expect(ids.indexOf('vance-munich-speech')).toBeLessThan(ids.indexOf('vance-zelensky-munich-meeting'));
    expect(ids.at(-1)).toMatch(/2025|zelensky|ukraine/);
  });

  it('filters by actor, topic and date range', () => {
    const vance = timeline(book.dataset, { actor: 'jd-vance' }).map((e) => e.id);
    expect(vance).toEqual(
      expect.arrayContaining([
        'vance-wsj-interview',
        'vance-munich-speech',
        'vance-zelensky-munich-meeting',
        'oval-office-clash',
      ]),
    );
    expect(vance).not.toContain('white-house-summit');
    const feb = timeline(book.dataset, { from: '2025-02-13', to: '2025-02-13' }).map((e) => e.id);
    expect(feb).toContain('vance-wsj-interview');
    // Loosely dated events that may fall on that day are included.
    expect(feb).toContain('trump-calls-for-russia-g7-return');
    expect(feb).not.toContain('trump-putin-call');
    const topic = timeline(book.dataset, { topic: 'nato-membership' }).map((e) => e.id);
    expect(topic).toEqual(['trump-crimea-nato-demand']);
  });

  it('pages without losing or repeating events', () => {
    const all = timeline(book.dataset, {});
    const seen: string[] = [];
    const first = paginate(all, 0, 5);
    for (let p = 0; p < first.pageCount; p++) seen.push(...paginate(all, p, 5).items.map((e) => e.id));
    expect(seen).toEqual(all.map((e) => e.id));
    expect(paginate(all, 999, 5).page).toBe(first.pageCount - 1);
  });
});

describe('quotes, events and sources', () => {
  it('finds quotes by speaker, topic and words', () => {
    expect(findQuotes(book.dataset, { speaker: 'donald-trump' }).map((q) => q.id)).toEqual([
      'trump-extensive-support',
      'trump-first-line-of-defense',
    ]);
    expect(findQuotes(book.dataset, { text: 'LEVERAGE' }).map((q) => q.id)).toEqual([
      'vance-tools-of-leverage',
    ]);
    expect(findQuotes(book.dataset, { text: 'were holding' }).map((q) => q.id)).toEqual([
      'vance-appropriately-higher-standard',
    ]);
    const sg = findQuotes(book.dataset, { topic: 'security-guarantees' });
    expect(sg.length).toBeGreaterThanOrEqual(5);
  });

  it('resolves events by id and by words', () => {
    const byId = book.resolveEvent('trump-putin-call');
    expect(byId.status === 'found' && byId.value.id).toBe('trump-putin-call');
    const byWords = book.resolveEvent('90-minute phone call');
    expect(byWords.status === 'found' && byWords.value.id).toBe('trump-putin-call');
  });

  it('lists each source with what cites it', () => {
    const entries = bibliography(book.dataset);
    expect(entries.map((e) => e.source.label)).toEqual(['S1', 'S2']);
    for (const e of entries) {
      expect(e.counts.event).toBeGreaterThan(0);
      expect(e.paragraphs).not.toContain(0);
    }
    expect(entries[1]?.paragraphs).not.toContain(1);
  });
});

describe('topics', () => {
  it('resolves topics by id, label, keyword and typo', () => {
    for (const q of ['security-guarantees', 'Security guarantees', 'guarantees', 'securty guarantees']) {
      const r = book.resolveTopic(q);
      expect(r.status === 'found' && r.value.id, q).toBe('security-guarantees');
    }
    expect(book.resolveTopic('crimea').status === 'found').toBe(true);
    expect(book.resolveTopic('g7').status === 'found' && book.resolveTopic('g7')).toMatchObject({
      value: { id: 'russia-and-the-g7' },
    });
    expect(book.resolveTopic('weather').status).toBe('not-found');
  });
});
