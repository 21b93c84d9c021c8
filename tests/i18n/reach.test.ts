/**
 * Scheduled posts' own words (where and how they post, their refusals, forum titles) and the timeline
 * chart's words, in every language: keys and parameters, no English left in the pseudo-locale,
 * Discord's limits, and every character a Ukrainian chart draws present in the shipped fonts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Briefbook } from '../../src/domain/briefbook.ts';
import { timeline } from '../../src/domain/timeline.ts';
import type { Translator } from '../../src/i18n/catalog.ts';
import { localizedOptionName } from '../../src/i18n/commands.ts';
import { english, LANGUAGES, translatorFor, translatorOf } from '../../src/i18n/languages.ts';
import { FONT_METRICS } from '../../src/render/chart/font-metrics.ts';
import { timelineChart } from '../../src/render/chart/timeline-chart.ts';
import { wordsOf } from '../../src/render/chart/words.ts';
import { LIMITS } from '../../src/render/limits.ts';
import { describeScheduleProblem, postWords } from '../../src/render/schedule.ts';
import { scheduledPostTitle, THREAD_NAME_MAX } from '../../src/render/scheduled-post.ts';
import { renderTimelineChart } from '../../src/render/timeline.ts';
import type { ScheduleProblem } from '../../src/scheduler/schedule-error.ts';
import type { PostStyle } from '../../src/scheduler/types.ts';
import { realBook } from '../support/fixtures.ts';
import { pseudoLanguage } from '../support/pseudo-locale.ts';

let book: Briefbook;
beforeAll(async () => {
  book = await realBook();
});

const ALL = [...LANGUAGES, pseudoLanguage].map((l) => translatorOf(l));
const pseudoT = translatorOf(pseudoLanguage);

/** Every English message part (between placeholders) of three words or more. */
const englishPhrases = Object.values(english.messages)
  .flatMap((m) => (typeof m === 'string' ? [m] : Object.values(m)))
  .flatMap((m) => m.split(/\{[A-Za-z0-9_]+\}/))
  .map((part) => part.trim())
  .filter((part) => part.split(' ').length >= 3);
const englishLeft = (text: string) => englishPhrases.filter((phrase) => text.includes(phrase));

const STYLES: PostStyle[] = [
  { kind: 'text' },
  { kind: 'text', thread: { archiveMinutes: 60 }, image: true, mentionRoleId: '42' },
  { kind: 'announcement', publish: true, thread: { archiveMinutes: 1440 } },
  { kind: 'forum', tagIds: ['1', '2'], tagNames: ['News', 'Daily'], thread: { archiveMinutes: 4320 } },
  { kind: 'media', tagIds: ['1'], thread: { archiveMinutes: 10080 }, mentionRoleId: '7' },
];

const PROBLEMS: ScheduleProblem[] = [
  { code: 'option-not-here', option: 'thread', kind: 'forum', channelId: '1' },
  { code: 'option-not-here', option: 'publish', kind: 'text', channelId: '1' },
  { code: 'option-not-here', option: 'tag', kind: 'announcement', channelId: '1' },
  { code: 'unknown-tag', typed: 'sport', channelId: '1', available: ['News', 'Daily'] },
  { code: 'unknown-tag', typed: 'sport', channelId: '1', available: [] },
  { code: 'unknown-role', roleId: '5' },
  { code: 'everyone-role' },
  { code: 'role-not-mentionable', roleId: '5', roleName: 'Briefings', channelId: '1' },
];

describe('where and how a schedule posts', () => {
  it.each(STYLES)('%j is worded from the catalog in every language', (post) => {
    for (const t of ALL) {
      const words = postWords(t, { channelId: '99', post });
      expect(words).toContain('<#99>');
      if (post.mentionRoleId) expect(words).toContain(`<@&${post.mentionRoleId}>`);
      expect(words.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    }
    expect(englishLeft(postWords(pseudoT, { channelId: '99', post }))).toEqual([]);
  });

  it('words the idle time before archiving with the language’s plurals', () => {
    const uk = translatorFor('uk');
    const thread = (archiveMinutes: 60 | 1440 | 4320 | 10080) =>
      postWords(uk, { channelId: '1', post: { kind: 'forum', thread: { archiveMinutes } } });
    expect(thread(60)).toContain(uk.t('post.idleHours', { count: 1 }));
    expect(thread(1440)).toContain(uk.t('post.idleHours', { count: 24 }));
    expect(thread(4320)).toContain(uk.t('post.idleDays', { count: 3 }));
    expect(thread(10080)).toContain(uk.t('post.idleWeeks', { count: 1 }));
    expect(uk.t('post.idleDays', { count: 3 })).not.toBe(uk.t('post.idleDays', { count: 5 }));
  });
});

describe('refusals about where and how to post', () => {
  it.each(PROBLEMS)('%j is a catalog key with its parameters', (problem) => {
    const { title, message } = describeScheduleProblem(problem);
    expect(title.key).toMatch(/^post\./);
    expect(message.key).toMatch(/^post\./);
    for (const t of ALL) {
      expect(t.text(title).length).toBeLessThanOrEqual(LIMITS.embedTitle);
      expect(t.text(message).length).toBeLessThanOrEqual(LIMITS.embedDescription);
      expect(t.text(message)).not.toMatch(/\{[a-z]+\}/i);
    }
    const pseudoText = `${pseudoT.text(title)}\n${pseudoT.text(message)}`;
    expect(pseudoText).toContain('⟦');
    expect(englishLeft(pseudoText)).toEqual([]);
  });

  it('names the option as the reader’s client shows it and the missing permission in the language', () => {
    const uk = translatorFor('uk');
    const tag = describeScheduleProblem({ code: 'unknown-tag', typed: 'x', channelId: '1', available: [] });
    expect(tag.message.key).toBe('post.noTags');
    const tagOption = localizedOptionName(uk, 'schedule', ['add', 'tag']);
    expect(tagOption).not.toBe('tag');
    expect(uk.text(tag.message)).toContain(`\`${tagOption}\``);
    const role = describeScheduleProblem({
      code: 'role-not-mentionable',
      roleId: '5',
      roleName: 'Briefings',
      channelId: '1',
    });
    expect(role.message.params).toMatchObject({ role: 'Briefings', channel: '<#1>' });
    expect(uk.text(role.message)).toContain(uk.t('permission.mentionEveryone'));
  });
});

describe('forum post titles', () => {
  const run = Date.parse('2025-09-01T09:00:00Z');
  it.each(ALL.map((t) => [t.language.code, t] as const))(
    '%s: the language’s words, within 100 characters',
    (_, t) => {
      const short = scheduledPostTitle(t, { run, timezone: 'Europe/Kyiv' });
      expect(short.startsWith(`${t.t('post.title')} · `)).toBe(true);
      const long = scheduledPostTitle(t, { topicLabel: 'x'.repeat(200), run, timezone: 'Europe/Kyiv' });
      expect(long.length).toBeLessThanOrEqual(THREAD_NAME_MAX);
      const head = t.t('post.titleTopic', { topic: '\u0000' }).split('\u0000')[0] ?? '';
      expect(long.startsWith(head)).toBe(true);
    },
  );
});

/** The text nodes of an SVG, unescaped. */
function svgTexts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
    (m[1] ?? '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&'),
  );
}

function fontCodePoints(runs: ReadonlyArray<readonly number[]>): Set<number> {
  const out = new Set<number>();
  for (const [first = 0, ...widths] of runs) widths.forEach((_, i) => out.add(first + i));
  return out;
}

describe('the timeline chart’s words', () => {
  const chart = (t: Translator, topic?: string) => {
    const events = timeline(book.dataset, { topic });
    return timelineChart(book.dataset, events, {
      t,
      filter: topic ? wordsOf(t).topicName(book.dataset, topic) : undefined,
      topicFiltered: topic !== undefined,
    });
  };

  it('come from the catalog: title, subtitle, lanes, legend and alt text in the language', () => {
    for (const t of ALL) {
      const drawn = chart(t);
      const texts = svgTexts(drawn.svg);
      expect(texts[0]).toBe(t.t('chart.titleAll'));
      expect(texts[1]).toContain(t.t('chart.lanes.topic'));
      for (const key of ['chart.legendDay', 'chart.legendSpan', 'chart.legendApproximate'] as const)
        expect(texts).toContain(t.t(key));
      expect(drawn.alt).toContain(t.t('count.events', { count: drawn.events }));
    }
    const pseudoTexts = svgTexts(chart(pseudoT, 'security-guarantees').svg).join('\n');
    expect(pseudoTexts).toContain('⟦');
    expect(englishLeft(pseudoTexts)).toEqual([]);
  });

  it('every character a Ukrainian chart draws is in the shipped fonts (no missing glyph)', () => {
    const uk = translatorFor('uk');
    const regular = fontCodePoints(FONT_METRICS.regular.runs);
    const bold = fontCodePoints(FONT_METRICS.bold.runs);
    for (const topic of [undefined, ...book.dataset.topics.map((x) => x.id)]) {
      const texts = svgTexts(chart(uk, topic).svg).join('');
      expect(texts).toMatch(/[а-яіїєґ]/);
      const missing = [...new Set(texts)].filter((ch) => {
        const cp = ch.codePointAt(0) ?? 0;
        return !regular.has(cp) || !bold.has(cp);
      });
      expect(missing).toEqual([]);
    }
  });

  it('the message around the picture is worded in the language, within the embed limits', () => {
    for (const t of ALL) {
      const drawn = chart(t);
      const payload = renderTimelineChart(t, 'x', drawn);
      const embed = payload.embeds?.[0];
      expect(embed?.title).toBe(t.t('chart.message.titleFiltered', { filters: 'x' }));
      expect(embed?.footer?.text).toBe(t.t('chart.message.footer'));
      expect(embed?.description).toContain(t.t('chart.message.legend'));
    }
    const pseudoPayload = renderTimelineChart(pseudoT, '', chart(pseudoT));
    expect(englishLeft(JSON.stringify(pseudoPayload))).toEqual([]);
  });
});
