import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { UserError } from '../../src/discord/command.ts';
import { createBriefbook } from '../../src/domain/briefbook.ts';
import { buildDataset } from '../../src/domain/model.ts';
import { validateDataset } from '../../src/domain/validate.ts';
import { LANGUAGES, translatorOf } from '../../src/i18n/languages.ts';
import { buildEmbed, messageViolations } from '../../src/render/embed.ts';
import { truncate } from '../../src/render/limits.ts';
import { renderNotice } from '../../src/render/notice.ts';
import { parsePageButton } from '../../src/render/paged-view.ts';
import { fakeContext, fakeInput } from '../support/fixtures.ts';
import { generateDataset } from '../support/generate.ts';
import { pseudoLanguage } from '../support/pseudo-locale.ts';

/** Every language the bot speaks, and the pseudo-locale (longer than any): each within the limits. */
const languages = [...LANGUAGES, pseudoLanguage];

const hostile = fc.oneof(
  fc.string({ maxLength: 50 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.constantFrom(
    '@everyone',
    '<@&123456789012345678>',
    '**bold** __u__ `code` ||spoiler||',
    '> quote\n# heading',
    '😀'.repeat(700),
  ),
  fc.string({ unit: 'binary', minLength: 1000, maxLength: 6000 }),
);

function datasetWith(texts: string[], events: number, seed: number) {
  let i = 0;
  const raw = generateDataset({
    events,
    seed,
    text: (kind, fallback) => {
      const t = texts[i++ % Math.max(1, texts.length)] ?? fallback;
      const clean = kind === 'quote' ? t.replace(/\s+/g, ' ').trim() : t;
      return `${fallback} ${clean}`;
    },
  });
  const v = validateDataset({
    'sources.json': { sources: raw.sources },
    'actors.json': { actors: raw.actors },
    'topics.json': { topics: raw.topics },
    'events.json': { events: raw.events },
    'quotes.json': { quotes: raw.quotes },
    'commitments.json': { commitments: raw.commitments },
  });
  return v.ok ? createBriefbook(buildDataset(v.data)) : undefined;
}

describe('rendering never exceeds Discord limits', () => {
  it('holds for random datasets and random command options, in every language (fast-check)', async () => {
    let cases = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(hostile, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.constantFrom(...commands.filter((c) => !c.adminOnly).map((c) => c.data.name)),
        fc.constantFrom(...languages),
        fc.dictionary(
          fc.constantFrom(
            'topic',
            'as_of',
            'actor',
            'from',
            'to',
            'event',
            'speaker',
            'text',
            'name',
            'query',
            'kind',
          ),
          hostile,
        ),
        async (texts, n, seed, name, language, options) => {
          const book = datasetWith(texts, n, seed);
          if (!book) return;
          const command = commands.find((c) => c.data.name === name);
          if (!command) return;
          const ctx = fakeContext(book, { t: translatorOf(language) });
          let payload: Awaited<ReturnType<typeof command.execute>>;
          try {
            payload = await command.execute(ctx, fakeInput(name, options));
          } catch (error) {
            if (!(error instanceof UserError)) throw error;
            const { message, title } = error.render(ctx.t);
            payload = renderNotice(message, title ? { title } : {});
          }
          cases++;
          expect(messageViolations(payload)).toEqual([]);
          for (const row of payload.components ?? []) {
            for (const b of row.components) {
              if (!('custom_id' in b) || b.custom_id.startsWith('noop')) continue;
              const button = parsePageButton(b.custom_id);
              expect(button).toBeDefined();
              if (button && command.pages)
                expect(messageViolations(await command.pages.show(ctx, button))).toEqual([]);
            }
          }
        },
      ),
      { numRuns: 240 },
    );
    console.log(`render property: ${cases} command renders checked`);
    expect(cases).toBeGreaterThan(50);
  });

  it('builds embeds within every part and total limit', () => {
    fc.assert(
      fc.property(
        fc.record({
          title: fc.string({ maxLength: 600 }),
          description: fc.string({ maxLength: 9000 }),
          fields: fc.array(
            fc.record({ name: fc.string({ maxLength: 400 }), value: fc.string({ maxLength: 3000 }) }),
            { maxLength: 40 },
          ),
          footer: fc.string({ maxLength: 3000 }),
        }),
        (spec) => {
          const embed = buildEmbed(spec);
          const violations = messageViolations({ embeds: [embed], allowed_mentions: { parse: [] } });
          expect(violations.filter((v) => !v.includes('neither content nor embeds'))).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('truncates at a word boundary and never mid surrogate pair', () => {
    expect(truncate('the quick brown fox jumps', 15)).toBe('the quick…');
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 500 }),
        fc.integer({ min: 1, max: 400 }),
        (s, max) => {
          const t = truncate(s, max);
          expect(t.length).toBeLessThanOrEqual(Math.max(max, 1));
          expect(/[\uD800-\uDBFF]…?$/.test(t.replace(/…$/, ''))).toBe(false);
        },
      ),
    );
  });
});
