import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  dayOf,
  extractFromHtml,
  extractFromMarkdown,
  extractFromPlain,
  wordCount,
} from '../../src/curation/extract.ts';
import { splitParagraphs } from '../../src/domain/verify.ts';
import { REPO } from '../support/fixtures.ts';

const html = readFileSync(path.join(REPO, 'tests/fixtures/curation/article.html'), 'utf8');

describe('extracting an article from a web page', () => {
  const article = extractFromHtml(html);
  const paragraphs = splitParagraphs(article.text);

  it('keeps the story, one paragraph per line, in order', () => {
    expect(paragraphs).toHaveLength(5);
    expect(paragraphs[0]).toMatch(/^Envoys from the two coastal states spent nine hours/);
    expect(paragraphs[1]).toBe(
      '“We have a text on the table and a date in the diary,” said Ilse Varga, the lead negotiator for the northern delegation, as she left the building shortly before midnight.',
    );
    expect(paragraphs[3]).toBe(
      'Neither side would say whether the second round would be held in Valletta again. The continental shelf has been contested since a 1998 survey.',
    );
    expect(paragraphs[4]).toMatch(/40,000 signatures\.$/);
  });

  it('leaves out menus, the byline, captions, scripts, share buttons, related links and the footer', () => {
    for (const furniture of [
      'World',
      'Sport',
      'By Mara Quill',
      'Photograph',
      'Injected by a script',
      'Tracking paragraph',
      'Share on social media',
      'Read more',
      'talks stall',
      'newsletter',
      '©',
      'Subscribe',
    ])
      expect(article.text).not.toContain(furniture);
    expect(article.text).not.toContain('Negotiators agree a second round');
  });

  it('proposes the page’s own title, publisher, language and publication day (JSON-LD first)', () => {
    expect(article.title).toBe('Negotiators agree a second round in Valletta');
    expect(article.publisher).toBe('The Harbour Ledger');
    expect(article.language).toBe('en');
    // The day as the page states it in its own zone, not the UTC day nor the meta tag's later date.
    expect(article.published).toBe('2025-03-11');
    expect(article.publishedFrom).toBe('JSON-LD datePublished');
    expect(article.byline).toBe('Mara Quill');
  });

  it('falls back to meta tags, then <time>, and invents nothing when the page gives no date', () => {
    const meta = extractFromHtml(
      `<html><head><meta property="article:published_time" content="2025-04-02T10:00:00Z"></head><body><article>${'<p>Officials met again on Wednesday to discuss the draft and the timetable for the next round.</p>'.repeat(4)}</article></body></html>`,
    );
    expect(meta).toMatchObject({ published: '2025-04-02', publishedFrom: 'meta article:published_time' });
    const time = extractFromHtml(
      `<html><body><article><time itemprop="datePublished" datetime="2025-05-06">6 May</time>${'<p>Officials met again on Wednesday to discuss the draft and the timetable for the next round.</p>'.repeat(4)}</article></body></html>`,
    );
    expect(time.published).toBe('2025-05-06');
    const none = extractFromHtml(
      `<html><head><title>Notes</title></head><body>${'<p>Officials met again on Wednesday to discuss the draft and the timetable for the next round.</p>'.repeat(4)}</body></html>`,
    );
    expect(none.published).toBeUndefined();
    expect(none.publisher).toBeUndefined();
  });

  it('ignores broken JSON-LD and impossible dates', () => {
    const page = extractFromHtml(
      `<html><head><script type="application/ld+json">{ not json</script><meta name="date" content="2025-02-30"></head><body><article>${'<p>Officials met again on Wednesday to discuss the draft and the timetable for the next round.</p>'.repeat(4)}</article></body></html>`,
    );
    expect(page.published).toBeUndefined();
    expect(dayOf('Tue, 11 Mar 2025 09:00:00 GMT')).toBe('2025-03-11');
    expect(dayOf('2025-13-01')).toBeUndefined();
  });
});

describe('text and Markdown files', () => {
  it('keeps one paragraph per non-empty line of plain text', () => {
    const plain = extractFromPlain('\uFEFFFirst  paragraph.\r\n\r\n\r\nSecond\tparagraph.\n   \nThird.');
    expect(splitParagraphs(plain.text)).toEqual(['First paragraph.', 'Second paragraph.', 'Third.']);
  });

  it('reads Markdown as a reader would: the title apart, wrapped lines joined, syntax removed', () => {
    const md = extractFromMarkdown(
      [
        '# Ministers meet in Tallinn',
        '',
        'The ministers met on **Monday** in a',
        'conference centre near the port, [officials said](https://example.invalid/x).',
        '',
        '> “We are closer than we were,” the host said.',
        '',
        '- A second meeting is planned.',
        '- ![chart](c.png) Trade was not discussed.',
        '',
        '## Background',
        '',
        'The dispute dates from _2019_.',
      ].join('\n'),
    );
    expect(md.title).toBe('Ministers meet in Tallinn');
    expect(splitParagraphs(md.text)).toEqual([
      'The ministers met on Monday in a conference centre near the port, officials said.',
      '“We are closer than we were,” the host said.',
      'A second meeting is planned.',
      'Trade was not discussed.',
      'Background',
      'The dispute dates from 2019.',
    ]);
  });

  it('counts words', () => {
    expect(wordCount('One two, three — four.')).toBe(4);
  });
});
