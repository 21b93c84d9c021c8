/** Scheduled posts in the schedule's language: the render cache keeps languages apart. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Briefbook } from '../../src/domain/briefbook.ts';
import { messageViolations } from '../../src/render/embed.ts';
import { messageToText } from '../../src/render/terminal.ts';
import { composeRun, type RenderCache } from '../../src/scheduler/compose.ts';
import { realBook } from '../support/fixtures.ts';

let book: Briefbook;
beforeAll(async () => {
  book = await realBook();
});

const run = Date.parse('2025-08-26T09:00:00Z');
const compose = (language: string | undefined, cache: RenderCache) =>
  composeRun(
    {
      snapshot: { briefbook: book, version: book.dataset.version },
      schedule: { timezone: 'Europe/Kyiv', mode: 'always', ...(language ? { language } : {}) },
      run,
      cutoff: run,
      watermark: undefined,
      seen: new Map(),
    },
    cache,
  );

describe('a run in each schedule’s language', () => {
  it('renders uk and English separately, sharing the cache within a language', () => {
    const cache: RenderCache = new Map();
    const uk = compose('uk', cache);
    const en = compose(undefined, cache);
    const enAgain = compose('en', cache);
    expect(uk.key).not.toBe(en.key);
    expect(enAgain.key).toBe(en.key);
    expect(cache.size).toBe(2);
    expect(messageToText(uk.payload)).toMatch(/Стан справ на \*\*26 серп\. 2025\sр\.\*\*/);
    expect(messageToText(en.payload)).toContain('State of play as of **26 Aug 2025**');
    expect(messageViolations(uk.payload)).toEqual([]);
  });

  it('posts a language this version does not speak in English', () => {
    const post = compose('xx', new Map());
    expect(messageToText(post.payload)).toContain('State of play as of');
  });
});
