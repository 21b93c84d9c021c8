/**
 * /curate's refusals in every language: each problem is a catalog key with its parameters, no English
 * left in the pseudo-locale, within Discord's embed limits; option and command names as the reader's
 * client shows them.
 */
import { describe, expect, it } from 'vitest';
import type { CurationProblem, CurationProblemCode, EditDetail } from '../../src/curation/errors.ts';
import type { FeedRecord } from '../../src/curation/feeds.ts';
import type { Translator } from '../../src/i18n/catalog.ts';
import { localizedOptionName } from '../../src/i18n/commands.ts';
import { english, LANGUAGES, translatorFor, translatorOf } from '../../src/i18n/languages.ts';
import {
  renderFeedAdded,
  renderFeedList,
  renderFeedRemoved,
  renderFeedResumed,
} from '../../src/render/curate-feeds.ts';
import { describeCurationProblem } from '../../src/render/curate-problems.ts';
import { messageViolations } from '../../src/render/embed.ts';
import { LIMITS } from '../../src/render/limits.ts';
import type { MessagePayload } from '../../src/render/message.ts';
import { messageToText } from '../../src/render/terminal.ts';
import { pseudoLanguage } from '../support/pseudo-locale.ts';

const ALL = [...LANGUAGES, pseudoLanguage].map((l) => translatorOf(l));
const pseudoT = translatorOf(pseudoLanguage);
const englishPhrases = Object.values(english.messages)
  .flatMap((m) => (typeof m === 'string' ? [m] : Object.values(m)))
  .flatMap((m) => m.split(/\{[A-Za-z0-9_]+\}/))
  .map((part) => part.trim())
  .filter((part) => part.split(' ').length >= 3);

const long = 'x'.repeat(500);
/** Every reason a form field is refused (the `satisfies` fails to compile when one is added). */
const EDIT_DETAILS = {
  'too-short': { why: 'too-short', min: 1 },
  'too-long': { why: 'too-long', max: 200, length: 212 },
  'date-shape': { why: 'date-shape' },
  'not-a-day': { why: 'not-a-day', value: '2025-02-30' },
  'not-a-month': { why: 'not-a-month', value: '2025-13' },
  precision: { why: 'precision', value: '2025-03', precision: 'month', said: 'day' },
  'date-words': { why: 'date-words', words: long },
  'no-topic': { why: 'no-topic', typed: long, topics: ['security-guarantees', 'ceasefire'] },
  'speaker-ambiguous': { why: 'speaker-ambiguous', typed: 'Smith', matches: ['a-smith', 'b-smith'] },
  'no-speaker': { why: 'no-speaker', typed: long, example: 'donald-trump', keys: [] },
  'no-event': { why: 'no-event', typed: long, keys: ['e1', 'e2'] },
  kind: { why: 'kind', kinds: ['person', 'state'] },
  'source-reject': { why: 'source-reject' },
} satisfies { [W in EditDetail['why']]: Extract<EditDetail, { why: W }> };
/** One problem of every code (the `satisfies` below fails to compile when a code is added). */
const SAMPLES = {
  'url-invalid': [
    { code: 'url-invalid', url: long, reason: 'scheme' },
    { code: 'url-invalid', url: long, reason: 'credentials' },
    { code: 'url-invalid', url: long, reason: 'syntax' },
  ],
  'url-refused': [{ code: 'url-refused', host: 'h.example', address: '10.0.0.1', range: 'private' }],
  'url-unresolved': [{ code: 'url-unresolved', host: 'h.example' }],
  'fetch-timeout': [{ code: 'fetch-timeout', url: long, seconds: 15 }],
  'fetch-too-large': [{ code: 'fetch-too-large', url: long, limitBytes: 5 * 1024 * 1024 }],
  'fetch-type': [
    { code: 'fetch-type', url: long, contentType: 'image/png', expected: ['text/html', 'text/plain'] },
  ],
  'fetch-status': [
    { code: 'fetch-status', url: long, status: 403 },
    { code: 'fetch-status', url: long, status: 404 },
    { code: 'fetch-status', url: long, status: 500 },
  ],
  'fetch-redirects': [{ code: 'fetch-redirects', url: long, max: 5 }],
  'fetch-failed': [{ code: 'fetch-failed', url: long, reason: long }],
  'file-type': [{ code: 'file-type', name: long, allowed: ['.txt', '.html', '.md'] }],
  'file-too-large': [{ code: 'file-too-large', name: long, size: 9_000_000, limitBytes: 5_000_000 }],
  'no-text': [
    { code: 'no-text', from: 'paste' },
    { code: 'no-text', from: 'page' },
    { code: 'no-text', from: { file: long } },
  ],
  'text-too-short': [
    { code: 'text-too-short', words: 1, min: 80 },
    { code: 'text-too-short', words: 23, min: 80 },
  ],
  'published-missing': [{ code: 'published-missing' }],
  'published-invalid': [{ code: 'published-invalid', typed: long }],
  'already-ingested': [{ code: 'already-ingested', sourceId: 'src-1', label: 'S3' }],
  'already-drafted': [{ code: 'already-drafted', draftId: 'd1' }],
  'not-curator': [
    { code: 'not-curator', roleConfigured: true },
    { code: 'not-curator', roleConfigured: false },
  ],
  'no-such-draft': [{ code: 'no-such-draft', typed: long }],
  'draft-closed': [{ code: 'draft-closed', draftId: 'd1', status: 'published' }],
  'no-such-item': [{ code: 'no-such-item', draftId: 'd1', item: 'e2' }],
  'edit-conflict': [{ code: 'edit-conflict', item: 'e2', by: 'Ann' }],
  'edit-invalid': [
    { code: 'edit-invalid', field: 'date', message: 'not a day' },
    ...Object.values(EDIT_DETAILS).map((detail) => ({
      code: 'edit-invalid' as const,
      field: 'summary',
      message: 'English',
      detail,
    })),
  ],
  'publish-busy': [{ code: 'publish-busy', draftId: 'd1' }],
  'feed-invalid': [{ code: 'feed-invalid', url: long, reason: long }],
  'feed-exists': [{ code: 'feed-exists', feedId: 'f1' }],
  'feed-limit': [{ code: 'feed-limit', max: 10 }],
  'no-such-feed': [{ code: 'no-such-feed', typed: long }],
  'off-topic': [{ code: 'off-topic' }],
  'store-unavailable': [{ code: 'store-unavailable' }],
} satisfies { [C in CurationProblemCode]: Extract<CurationProblem, { code: C }>[] };
const PROBLEMS: CurationProblem[] = Object.values(SAMPLES).flat();

describe('/curate refusals', () => {
  it.each(PROBLEMS.map((p) => [p.code, p] as const))(
    '%s: a catalog key in every language, within limits',
    (_, p) => {
      const { title, message } = describeCurationProblem(p);
      expect(title.key).toMatch(/^curateError\./);
      expect(message.key).toMatch(/^curateError\./);
      for (const t of ALL) {
        const [head, body] = [t.text(title), t.text(message)];
        expect(head.length).toBeLessThanOrEqual(LIMITS.embedTitle);
        expect(body.length).toBeLessThanOrEqual(LIMITS.embedDescription);
        expect(`${head}${body}`).not.toMatch(/\{[a-z]+\}/i);
      }
      const pseudoText = `${pseudoT.text(title)}\n${pseudoT.text(message)}`;
      expect(pseudoText).toContain('⟦');
      expect(englishPhrases.filter((phrase) => pseudoText.includes(phrase))).toEqual([]);
    },
  );

  it('counts words with the language’s plurals and names options as the reader’s client does', () => {
    const uk = translatorFor('uk');
    const short = (words: number) =>
      describeCurationProblem({ code: 'text-too-short', words, min: 80 }).message;
    expect(short(21).params).toEqual({ count: 21, min: 80 });
    expect(uk.text(short(21))).not.toBe(uk.text(short(25)).replace('25', '21'));
    const published = localizedOptionName(uk, 'curate', ['article', 'published']);
    expect(published).not.toBe('published');
    expect(uk.text(describeCurationProblem({ code: 'published-missing' }).message)).toContain(
      `\`${published}:\``,
    );
    const invalid = describeCurationProblem({
      code: 'edit-invalid',
      field: 'summary',
      message: 'write at least 20 characters',
      detail: { why: 'too-short', min: 20 },
    }).message;
    expect(uk.text(invalid)).toContain(uk.t('curateError.edit.tooShort', { count: 20 }));
    expect(uk.text(invalid)).toContain(`**${uk.t('curateReview.recordField.summary')}**`);
    expect(translatorFor('en-US').text(invalid)).toBe(
      '**summary**: write at least 20 characters. Nothing was changed; try again.',
    );
    const curator = describeCurationProblem({ code: 'not-curator', roleConfigured: false }).message;
    expect(uk.text(curator)).toContain(uk.t('permission.manageServer'));
  });
});

describe('/curate feed answers', () => {
  const feed = (over: Partial<FeedRecord>): FeedRecord => ({
    id: 'f1',
    guildId: 'g',
    url: 'https://news.example/feed.xml',
    title: 'News',
    channelId: '9',
    addedBy: { id: 'u', name: 'Ann' },
    addedAt: '2025-09-01T00:00:00Z',
    nextPollAt: '2025-09-01T12:30:00Z',
    failures: 0,
    counts: { items: 10, drafted: 3, skipped: { 'off-topic': 2, duplicate: 1, unreadable: 1, existing: 5 } },
    ...over,
  });
  const FEEDS = [
    feed({}),
    feed({ id: 'f2', failures: 2, lastError: 'HTTP 503' }),
    feed({
      id: 'f3',
      paused: { at: '2025-09-01T00:00:00Z', reason: 'gone' },
      counts: { items: 0, drafted: 0, skipped: {} },
    }),
  ];
  const renders = (t: Translator): MessagePayload[] => [
    renderFeedAdded(t, { feed: feed({}), marked: 1, backfill: 0 }),
    renderFeedAdded(t, { feed: feed({}), marked: 12, backfill: 3 }),
    renderFeedList(t, FEEDS),
    renderFeedList(t, []),
    renderFeedRemoved(t, feed({})),
    renderFeedResumed(t, feed({})),
  ];

  it('every answer in every language within Discord limits; the pseudo-locale leaves no English', () => {
    for (const t of ALL) for (const payload of renders(t)) expect(messageViolations(payload)).toEqual([]);
    const text = renders(pseudoT).map(messageToText).join('\n');
    expect(text).toContain('⟦');
    expect(englishPhrases.filter((phrase) => text.includes(phrase))).toEqual([]);
  });

  it('counts with the language’s plurals', () => {
    const uk = translatorFor('uk');
    const list = messageToText(renderFeedList(uk, FEEDS));
    expect(list).toContain(uk.t('curateFeed.skip.existing', { count: 5 }));
    expect(list).toContain(uk.t('curateFeed.drafted', { count: 3 }));
    expect(uk.t('curateFeed.drafted', { count: 3 })).not.toBe(
      uk.t('curateFeed.drafted', { count: 5 }).replace('5', '3'),
    );
  });
});
