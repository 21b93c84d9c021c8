import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkQuoteText } from '../../src/domain/validate.ts';
import { findQuotes, flagParagraphs, splitSentences } from '../../src/ingest/text.ts';

const texts = (p: string) => findQuotes(p).map((q) => q.text);

describe('findQuotes', () => {
  it('finds curly double quotes and drops the comma before the attribution', () => {
    expect(texts('“We are ready to talk,” the minister said.')).toEqual(['We are ready to talk']);
  });

  it('finds curly single quotes and tells apostrophes from closing marks', () => {
    const p = '‘We’re not leaving, and Kyiv’s people know it,’ he said of the city’s defence.';
    expect(texts(p)).toEqual(['We’re not leaving, and Kyiv’s people know it']);
  });

  it('finds straight double quotes, in pairs', () => {
    expect(texts('"Peace must be just," she said. "Nobody wants a frozen conflict."')).toEqual([
      'Peace must be just',
      'Nobody wants a frozen conflict.',
    ]);
  });

  it('finds straight single quotes and guillemets', () => {
    expect(texts("'We will win,' he said, and the crowd's answer was loud.")).toEqual(['We will win']);
    expect(texts('Il a dit «nous tiendrons» hier.')).toEqual(['nous tiendrons']);
  });

  it('keeps sentence punctuation inside the marks and fragments mid-sentence', () => {
    expect(
      texts('He called it “a significant step forward,” adding it would be signed “within ten days.”'),
    ).toEqual(['a significant step forward', 'within ten days.']);
  });

  it('cuts a quote left open when another opens at its first clause boundary, and flags it', () => {
    const [first, second] = findQuotes(
      'She accused them of ‘ignoring voters and asked whether ‘we’re any better’.',
    );
    expect(first).toMatchObject({ text: 'ignoring voters', closed: false });
    expect(second).toMatchObject({ text: 'we’re any better', closed: true });
  });

  it('runs a quote left open at the end of the paragraph to its end (news style)', () => {
    expect(findQuotes('“We will continue the talks next week')[0]).toMatchObject({
      text: 'We will continue the talks next week',
      closed: false,
    });
  });

  it('returns quotes that pass the dataset verbatim rules and come from the paragraph', () => {
    const word = fc.stringMatching(/^[A-Za-z]{1,6}(?:[’'][a-z]{1,3})?$/);
    const phrase = fc.array(word, { minLength: 1, maxLength: 6 }).map((w) => w.join(' '));
    const marks = fc.constantFrom(['“', '”'], ['‘', '’'], ['"', '"']);
    fc.assert(
      fc.property(phrase, phrase, phrase, marks, (before, inner, after, [open, close]) => {
        const p = `${before} ${open}${inner},${close} ${after}.`;
        for (const q of findQuotes(p)) {
          expect(p.slice(q.textStart, q.textEnd)).toBe(q.text);
          expect(checkQuoteText(q.text)).toBeUndefined();
        }
      }),
    );
  });
});

describe('splitSentences', () => {
  const split = (p: string) => splitSentences(p, findQuotes(p)).map((s) => p.slice(s.start, s.end));

  it('does not split after initials, titles or inside quotes', () => {
    expect(split('J.D. Vance met Mr. Smith in the U.S. Senate. “Stop. Now,” he said. It ended.')).toEqual([
      'J.D. Vance met Mr. Smith in the U.S. Senate.',
      '“Stop. Now,” he said.',
      'It ended.',
    ]);
  });

  it('ends a sentence with a quote that ends in a period', () => {
    expect(split('“This was the best meeting,” she said. “We used maps.”')).toEqual([
      '“This was the best meeting,” she said.',
      '“We used maps.”',
    ]);
  });

  it('keeps "?" quotes with the say-verb that follows', () => {
    expect(split('“Why now?” he asked. Nobody answered.')).toEqual([
      '“Why now?” he asked.',
      'Nobody answered.',
    ]);
  });
});

describe('flagParagraphs', () => {
  it('flags interface lines and captions that repeat a quote as furniture, other captions as citable', () => {
    const flags = flagParagraphs([
      'Select Language:',
      '“We need real guarantees for our people,” the president said on Friday.',
      'The president said ‘We need real guarantees’ after the talks',
      'The envoy was flanked by two aides at the hotel entrance',
      'Advertisement',
    ]);
    expect(flags.map((f) => f.furniture)).toEqual([true, false, true, false, true]);
    expect(flags[2]?.flags).toEqual(['caption', 'repeats-text']);
    expect(flags[3]?.flags).toEqual(['caption']);
  });
});
