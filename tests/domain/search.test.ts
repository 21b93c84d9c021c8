import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Briefbook } from '../../src/domain/briefbook.ts';
import { RankedIndex } from '../../src/domain/ranked-index.ts';
import { realBook } from '../support/fixtures.ts';

let book: Briefbook;
beforeAll(async () => {
  book = await realBook();
});

describe('full-text search', () => {
  it('ranks the most relevant record first', () => {
    expect(book.search.search('Munich speech free speech')[0]?.id).toBe('vance-munich-speech');
    expect(book.search.search('90 billion weapons')[0]?.id).toMatch(
      /ukraine-us-weapons-purchase-plan|ukraine-buys/,
    );
    expect(book.search.search('G7')[0]?.kind).toMatch(/event|topic|actor/);
  });

  it('tolerates typos', () => {
    const hits = book.search.search('secrity guarantes');
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.some((h) => h.id === 'security-guarantees' || h.id === 'zelensky-welcomes-guarantees')).toBe(
      true,
    );
    expect(book.search.search('Volodomyr').some((h) => h.id === 'volodymyr-zelensky')).toBe(true);
  });

  it('searches every kind and can be restricted to one', () => {
    const kinds = new Set(book.search.search('Zelensky').map((h) => h.kind));
    expect([...kinds].sort()).toEqual(
      ['actor', 'event', 'quote', 'topic'].filter((k) => kinds.has(k as never)).sort(),
    );
    expect(kinds.has('event') && kinds.has('quote') && kinds.has('actor')).toBe(true);
    expect(book.search.search('Zelensky', { kinds: ['quote'] }).every((h) => h.kind === 'quote')).toBe(true);
  });

  it('falls back to any-word matching and cites every hit', () => {
    const hits = book.search.search('maps battlefield unicorn');
    expect(hits.length).toBeGreaterThan(0);
    for (const h of book.search.search('peace')) expect(h.citations.length).toBeGreaterThan(0);
    expect(book.search.search('zzzzqqq')).toEqual([]);
  });

  it('tells which index terms each hit matched: exact, prefix and typo expansions', () => {
    const [typo] = book.search.search('secrity guarantes');
    expect(typo?.terms).toEqual(expect.arrayContaining(['security']));
    const [prefix] = book.search.search('Munich spee');
    expect(prefix?.terms).toEqual(expect.arrayContaining(['munich', 'speech']));
  });

  it('answers a repeated query (a page button) from its cache, with the same hits', () => {
    const first = book.search.search('ceasefire talks');
    const query = vi.spyOn(RankedIndex.prototype, 'query');
    try {
      const again = book.search.search('  Ceasefire   TALKS ');
      expect(again).toEqual(first);
      expect(again.map((h) => [h.title, h.snippet, h.date, h.citations, h.terms])).toEqual(
        first.map((h) => [h.title, h.snippet, h.date, h.citations, h.terms]),
      );
      expect(again).not.toBe(first); // a copy: callers may slice it freely
      expect(query).not.toHaveBeenCalled();
    } finally {
      query.mockRestore();
    }
  });

  it('answers a repeated event autocomplete from memory: the same events, whatever was done to an earlier answer', () => {
    const typed = ['whi', 'white house', 'summit', 'zel', 'munich spe', ''];
    const first = new Map(typed.map((q) => [q, book.search.suggestEvents(q, 25)]));
    expect(first.get('whi')?.length).toBeGreaterThan(0);
    (first.get('whi') ?? []).splice(0); // a caller that empties what it got
    const query = vi.spyOn(RankedIndex.prototype, 'query');
    try {
      for (const q of typed.slice(0, 5)) expect(book.search.suggestEvents(q, 25), q).not.toEqual([]);
      expect(query).not.toHaveBeenCalled();
    } finally {
      query.mockRestore();
    }
    expect(book.search.suggestEvents('whi', 25)).toEqual(book.search.suggestEvents('whi', 25));
    // The limit is part of what is remembered; and past 512 other queries the oldest are made again.
    expect(book.search.suggestEvents('whi', 1)).toHaveLength(1);
    const again = book.search.suggestEvents('summit', 25);
    for (let i = 0; i < 600; i++) book.search.suggestEvents(`q${i}`, 5);
    expect(book.search.suggestEvents('summit', 25)).toEqual(again);
  });
});
