/**
 * Every /curate curator screen in every language and in the pseudo-locale: the review summary in each
 * state, the item pages, publish problems and results, progress, the queue, discard, item notices, the
 * edit and paste forms and the speaker menu. The pseudo-locale finds any word of ours that bypasses the
 * catalog; Discord's limits hold in every language (modal titles and input labels ≤ 45 characters,
 * placeholders ≤ 100, without cutting a catalog text short); tests name keys and parameters, not prose.
 */
import type { APIActionRowComponent, APITextInputComponent } from 'discord-api-types/v10';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReviewItem, ReviewNote, ReviewProblem, ReviewState } from '../../src/curation/review.ts';
import { reviewProblems } from '../../src/curation/review.ts';
import type { Dataset } from '../../src/domain/model.ts';
import type { MessageKey, Translator } from '../../src/i18n/catalog.ts';
import { formatDay } from '../../src/i18n/format.ts';
import { english, LANGUAGES, translatorFor, translatorOf } from '../../src/i18n/languages.ts';
import {
  type ProgressStep,
  problemText,
  renderDiscardConfirm,
  renderDiscarded,
  renderItemNotice,
  renderProblems,
  renderProgress,
  renderPublishedNote,
  renderPublishReply,
  renderQueue,
  renderReviewPage,
  renderReviewSummary,
  renderSubmitted,
  reviewPages,
  reviewThreadName,
  reviewTranslator,
} from '../../src/render/curate.ts';
import { renderEditForm, renderPasteForm, renderSpeakerChoice } from '../../src/render/curate-forms.ts';
import { messageViolations } from '../../src/render/embed.ts';
import { LIMITS } from '../../src/render/limits.ts';
import type { MessagePayload, ModalPayload } from '../../src/render/message.ts';
import { messageToText } from '../../src/render/terminal.ts';
import { realDataset } from '../support/fixtures.ts';
import { pseudoLanguage } from '../support/pseudo-locale.ts';

const ALL = [...LANGUAGES, pseudoLanguage].map((l) => translatorOf(l));
const pseudoT = translatorOf(pseudoLanguage);
const uk = translatorFor('uk');
const en = translatorFor('en-US');

/** English catalog phrases of three words or more: none may appear in a pseudo-locale render. */
const englishPhrases = Object.values(english.messages)
  .flatMap((m) => (typeof m === 'string' ? [m] : Object.values(m)))
  .flatMap((m) => m.split(/\{[A-Za-z0-9_]+\}/))
  .map((part) => part.trim())
  .filter((part) => part.split(' ').length >= 3);

/** Words of ours the screens used before the catalog: none may show through in the pseudo-locale. */
const OLD_WORDS =
  /\b(Review|Accept|Reject|Edit|Publish(ed)?|Refresh|Discard(ed)?|Speaker|Source|Event|Quote|New actor|pending|accepted|rejected|paragraphs?|words?|Published|Publisher|Text|When|Actors|Cites|Roles|Aliases|To do|Check( first)?|Status|topics|confidence|unknown|none|feed item|file|pasted|Curating|Fetching|Extracting|Analysing|Posting|Saved|Paste|Headline|Summary|Title|Date|Topics|Context|Name|Kind|Continued|optional|Choose)\b/;

let dataset: Dataset;
let states: Record<string, ReviewState>;

const curator = (name: string) => ({ id: `u-${name}`, name });
/** The ingest's own analysis notes: its words (English), shown as they are. */
const INGEST_NOTE = "also dated '11 March' (2025-03-11)";
const INGEST_BASIS = 'named as a person elsewhere in the text';

/** A review built from real records: a source, events, quotes with candidates, a new actor. */
function review(ds: Dataset): ReviewState {
  const source = ds.sources[0];
  const [e1, e2] = ds.events.filter((e) => e.actors.length > 0 && e.citations.length > 0);
  const quote = ds.quotes[0];
  const actor = ds.actors.find((a) => a.roles.length > 0 && a.aliases.length > 0) ?? ds.actors[0];
  if (!source || !e1 || !e2 || !quote || !actor) throw new Error('the dataset lacks records for the fixture');
  const base = { rev: 0, unsure: [] as string[] };
  const newActor = { ...actor, id: 'new-envoy', name: 'Ola Envoy' };
  const items: ReviewItem[] = [
    {
      ...base,
      key: 's',
      kind: 'source',
      decision: 'accepted',
      decidedBy: curator('Ann'),
      record: { ...source, summary: 'TODO: summarise', furniture: [1, 4] },
    },
    {
      ...base,
      key: 'e1',
      kind: 'event',
      decision: 'pending',
      record: { ...e1, date: { ...e1.date, approximate: true } },
      unsure: [
        { code: 'dated-by-publication' },
        { code: 'approximate-date' },
        { code: 'no-actor' },
        { code: 'low-confidence', confidence: 0.5 },
        INGEST_NOTE,
      ],
    },
    {
      ...base,
      key: 'e2',
      kind: 'event',
      decision: 'accepted',
      decidedBy: curator('Ann'),
      editedBy: curator('Bo'),
      rev: 2,
      record: { ...e2, title: 'TODO title', actors: [{ actor: 'todo-who', role: 'participant' }] },
    },
    {
      ...base,
      key: 'q1',
      kind: 'quote',
      decision: 'accepted',
      decidedBy: curator('Ann'),
      record: { ...quote, speaker: 'new-envoy', event: e1.id },
      candidates: [
        { speaker: 'new-envoy', rule: 'said-verb', confidence: 0.625, evidence: 'Ola Envoy said' },
        { speaker: actor.id, rule: 'nearest-name', confidence: 0.3, evidence: actor.name },
      ],
    },
    {
      ...base,
      key: 'q2',
      kind: 'quote',
      decision: 'rejected',
      decidedBy: curator('Bo'),
      record: { ...quote, id: 'q-two', speaker: 'todo-speaker', event: 'todo-event' },
      unsure: [
        { code: 'speaker-unknown' },
        { code: 'no-event' },
        { code: 'speaker-confidence', confidence: 0.4 },
      ],
      candidates: [],
    },
    {
      ...base,
      key: 'a1',
      kind: 'actor',
      decision: 'pending',
      record: newActor,
      unsure: [
        { code: 'new-actor', kind: 'person', basis: INGEST_BASIS },
        { code: 'new-actor', kind: 'state' },
      ],
    },
  ];
  return {
    id: 'abcd1234',
    guildId: 'g',
    status: 'open',
    version: 3,
    createdBy: curator('Ann'),
    createdAt: '2025-11-24T10:00:00Z',
    origin: { kind: 'url', url: 'https://news.example/geneva' },
    published: '2025-11-24',
    publishedFrom: "the page's JSON-LD datePublished",
    stats: { paragraphs: 21, words: 1, furniture: 2, otherNames: 0 },
    channelId: '10',
    threadId: '11',
    summaryMessageId: '12',
    pages: [],
    items,
  };
}

beforeAll(async () => {
  dataset = await realDataset();
  const open = review(dataset);
  const problems = reviewProblems(open);
  const outcome = {
    at: '2025-11-24T12:00:00Z',
    by: curator('Ann'),
    sourceId: 'src-new',
    label: 'S9',
    added: {
      events: [dataset.events[0]?.id ?? 'x', 'gone-event'],
      quotes: ['q-a', 'q-b'],
      actors: [dataset.actors[0]?.id ?? 'y'],
    },
    versionBefore: 'aaaaaaaaaaaaaaaa',
    versionAfter: 'bbbbbbbbbbbbbbbb',
  };
  states = {
    open,
    refused: {
      ...open,
      lastPublish: {
        at: open.createdAt,
        by: curator('Ann'),
        problems: [
          ...problems,
          { message: 'events.json: events[3].date: not a day' },
          { message: 'x', note: { code: 'text-gone' } },
          { message: 'x', note: { code: 'failed' } },
        ],
      },
    },
    decided: { ...open, items: open.items.map((i) => ({ ...i, decision: 'accepted' as const })) },
    publishing: {
      ...open,
      status: 'publishing',
      publishing: { by: curator('Cy'), at: open.createdAt, until: open.createdAt, owner: 'p' },
    },
    published: { ...open, status: 'published', outcome },
    publishedOne: {
      ...open,
      status: 'published',
      threadId: undefined,
      outcome: { ...outcome, added: { events: ['e'], quotes: ['q'], actors: ['a'] } },
    },
    discarded: { ...open, status: 'discarded', discarded: { at: open.createdAt, by: curator('Cy') } },
    feed: {
      ...open,
      origin: { kind: 'feed', url: 'https://news.example/rss/1', feedId: 'f1' },
      publishedFrom: 'the feed item’s date',
      threadId: undefined,
    },
    file: { ...open, origin: { kind: 'file', name: 'envoys.md' }, publishedFrom: 'given by the curator' },
    paste: { ...open, origin: { kind: 'paste' }, stats: { ...open.stats, furniture: 0 } },
  };
});

/** Every screen of a review, in one language. */
function screens(t: Translator): MessagePayload[] {
  const out: MessagePayload[] = [];
  for (const state of Object.values(states)) {
    out.push(renderReviewSummary(t, state));
    reviewPages(state).forEach((_, i) => {
      out.push(renderReviewPage(t, state, i, dataset));
    });
  }
  const refused = states.refused as ReviewState;
  out.push(...renderProblems(t, refused, refused.lastPublish?.problems ?? []));
  out.push(renderPublishedNote(t, states.published as ReviewState, dataset));
  out.push(renderPublishedNote(t, states.open as ReviewState, dataset));
  out.push(renderPublishReply(t, states.published as ReviewState));
  out.push(renderPublishReply(t, states.publishedOne as ReviewState));
  out.push(renderPublishReply(t, refused));
  for (const step of ['fetching', 'extracting', 'analysing', 'posting'] as ProgressStep[])
    out.push(renderProgress(t, step));
  out.push(renderSubmitted(t, states.open as ReviewState));
  out.push(renderSubmitted(t, states.feed as ReviewState));
  out.push(renderQueue(t, Object.values(states)));
  out.push(renderQueue(t, []));
  out.push(renderDiscardConfirm(t, states.open as ReviewState));
  out.push(renderDiscarded(t, states.discarded as ReviewState));
  out.push(renderItemNotice(t, states.open as ReviewState, 'q1', t.t('curateReview.saved')));
  out.push(
    renderItemNotice(t, states.open as ReviewState, 'zz', t.t('curateReview.speakerSet', { speaker: '`x`' })),
  );
  const open = states.open as ReviewState;
  for (const item of open.items)
    if (item.kind === 'quote') out.push(renderSpeakerChoice(t, open, item, dataset));
  return out;
}

function forms(t: Translator): ModalPayload[] {
  const open = states.open as ReviewState;
  return [
    ...open.items.map((item) => renderEditForm(t, open, { ...item, key: item.key.replace(/\d+/, '9999') })),
    renderPasteForm(t, {}),
    renderPasteForm(t, { published: '2025-03-11', title: 'A headline', publisher: 'Harbour Radio' }),
  ];
}

const inputsOf = (modal: ModalPayload): APITextInputComponent[] =>
  (modal.components as APIActionRowComponent<APITextInputComponent>[]).flatMap((row) => row.components);

/** Discord's modal limits; a text the catalog gives that had to be cut counts as a break too. */
function modalViolations(modal: ModalPayload): string[] {
  const out: string[] = [];
  const cut = (text: string) => text.endsWith('…');
  if (modal.title.length > LIMITS.modalTitle || cut(modal.title)) out.push(`title "${modal.title}"`);
  if (modal.components.length > LIMITS.modalInputs) out.push(`${modal.components.length} inputs`);
  for (const input of inputsOf(modal)) {
    const label = input.label ?? '';
    if (!label || label.length > LIMITS.textInputLabel || cut(label)) out.push(`label "${label}"`);
    if ((input.placeholder?.length ?? 0) > LIMITS.textInputPlaceholder || cut(input.placeholder ?? ''))
      out.push(`placeholder "${input.placeholder}"`);
    if ((input.value?.length ?? 0) > (input.max_length ?? LIMITS.textInputValue))
      out.push(`value of ${input.custom_id}`);
  }
  return out;
}

describe('/curate curator screens in every language', () => {
  it.each(ALL.map((t) => [t.language.code, t] as const))(
    '%s: every screen within Discord limits, no placeholder left unfilled',
    (_, t) => {
      for (const payload of screens(t)) {
        expect(messageViolations(payload)).toEqual([]);
        expect(messageToText(payload)).not.toMatch(/\{[a-zA-Z]+\}/);
      }
      for (const name of Object.values(states).map((s) => reviewThreadName(t, s)))
        expect(name.length).toBeLessThanOrEqual(100);
    },
  );

  it.each(ALL.map((t) => [t.language.code, t] as const))(
    '%s: forms fit Discord (title and labels ≤ 45, placeholders ≤ 100), nothing cut short',
    (_, t) => {
      for (const modal of forms(t)) expect(modalViolations(modal)).toEqual([]);
    },
  );

  it('every form title and label in every language fits 45 characters with the longest item key', () => {
    const longest = { key: 'a9999', paragraphs: '¶10, ¶11, ¶12' };
    const keys = Object.keys(english.messages).filter((k) => k.startsWith('curateForm.')) as MessageKey[];
    const labels = keys.filter((k) => !/Hint$|whoSaid|noCandidates|chooseSpeaker/.test(k));
    expect(labels.length).toBeGreaterThan(20);
    for (const t of ALL)
      for (const key of labels) {
        const text = t.text({ key, params: longest });
        expect(text.length, `${t.language.code} ${key}: ${text}`).toBeLessThanOrEqual(LIMITS.textInputLabel);
      }
    for (const t of ALL)
      for (const key of keys.filter((k) => k.endsWith('Hint'))) {
        const text = t.text({ key, params: longest });
        expect(text.length, `${t.language.code} ${key}`).toBeLessThanOrEqual(LIMITS.textInputPlaceholder);
      }
  });

  it('the pseudo-locale leaves no English word of ours on any screen or form', () => {
    const texts = [
      ...screens(pseudoT).map(messageToText),
      ...forms(pseudoT).map((m) =>
        [m.title, ...inputsOf(m).flatMap((i) => [i.label ?? '', i.placeholder ?? ''])].join('\n'),
      ),
      ...Object.values(states).map((s) => reviewThreadName(pseudoT, s)),
    ].join('\n');
    expect(texts).toContain('⟦');
    expect(englishPhrases.filter((phrase) => texts.includes(phrase))).toEqual([]);
    // Data stays as it is (titles, quotes, names); our own words are all accented.
    const ours = texts
      .split('\n')
      .map((line) => line.replace(/⟦[^⟧]*⟧/g, '').replace(/`[^`]*`|<[^>]*>/g, ''))
      .join('\n');
    const data = new Set(
      [
        ...(states.open as ReviewState).items.flatMap((i) =>
          Object.values(i.record).filter((v) => typeof v === 'string'),
        ),
        ...dataset.events.map((e) => e.title),
        ...dataset.actors.map((a) => a.name),
        INGEST_NOTE,
        INGEST_BASIS,
      ].flatMap((v) => String(v).split(/\s+/)),
    );
    const leftover = (ours.match(new RegExp(OLD_WORDS.source, 'g')) ?? []).filter((w) => !data.has(w));
    expect(leftover).toEqual([]);
  });

  it('buttons, kinds and decisions are catalog words (keys, not English)', () => {
    const open = states.open as ReviewState;
    const page = renderReviewPage(uk, open, 0, dataset);
    const labels = (page.components ?? []).flatMap((row) =>
      row.components.map((b) => ('label' in b ? b.label : undefined)),
    );
    expect(labels).toContain(uk.t('curateReview.button.accept', { key: 'e1' }));
    expect(labels).toContain(uk.t('curateReview.button.reject', { key: 'e1' }));
    expect(labels).toContain(uk.t('curateReview.button.edit', { key: 's' }));
    expect(labels).toContain(uk.t('curateReview.button.speaker'));
    const text = messageToText(page);
    expect(text).toContain(`s · ${uk.t('curateReview.kind.source')}: `);
    expect(text).toContain(`q1 · ${uk.t('curateReview.kind.quote')}`);
    expect(text).toContain(`⏳ ${uk.t('curateReview.decision.pending')}`);
    expect(text).toContain(uk.t('curateReview.decidedBy.accepted', { name: 'Ann' }));
    expect(text).toContain(uk.t('curateReview.editedBy', { name: 'Bo' }));
    expect(text).toContain(uk.t('curateReview.stillToWrite'));
    expect(text).toContain(uk.t('curateReview.unknownChoose'));
    expect(text).toContain(uk.t('curateReview.newActor', { name: 'Ola Envoy', key: 'a1' }));
    // The speaker's confidence with the language's decimal comma.
    expect(text).toContain('0,63');
    const summary = messageToText(renderReviewSummary(uk, open));
    expect(summary).toContain(uk.t('curateReview.button.publish'));
    expect(summary).toContain(uk.t('curateReview.summary.checkFirst'));
  });

  it('counts with the language’s plurals, dates through Intl', () => {
    const open = states.open as ReviewState;
    const summary = messageToText(renderReviewSummary(uk, open));
    // 1 word, 21 paragraphs (one: "в 21 абзаці"), 2 events, 2 quotes, 1 new actor.
    expect(summary).toContain(
      uk.t('curateReview.summary.text', {
        words: uk.t('curateReview.words', { count: 1 }),
        count: 21,
        furniture: uk.t('curateReview.summary.furniture', { count: 2 }),
      }),
    );
    expect(uk.t('curateReview.words', { count: 1 })).not.toBe(
      uk.t('curateReview.words', { count: 5 }).replace('5', '1'),
    );
    expect(summary).toContain(uk.t('count.events', { count: 2 }));
    expect(summary).toContain(uk.t('curateReview.count.newActors', { count: 1 }));
    expect(summary).toContain(formatDay(uk, '2025-11-24'));
    expect(formatDay(uk, '2025-11-24')).toMatch(/^24 лист\. 2025/);
    expect(messageToText(renderReviewSummary(en, open))).toContain('24 Nov 2025');
    const reply = messageToText(renderPublishReply(en, states.publishedOne as ReviewState));
    expect(reply).toContain(
      en.t('curateReview.reply.published', {
        events: en.t('count.events', { count: 1 }),
        quotes: en.t('count.quotes', { count: 1 }),
        actors: en.t('count.actors', { count: 1 }),
        label: 'S9',
      }),
    );
    expect(reply).toContain('1 event, 1 quote and 1 actor');
  });

  it('review problems are notes worded per language; a data check’s own text stays as written', () => {
    const open = states.open as ReviewState;
    const notes = reviewProblems(open).map((p) => p.note?.code);
    expect(notes).toEqual(expect.arrayContaining(['undecided', 'no-actor', 'depends']));
    const depends = reviewProblems(open).find((p) => p.note?.code === 'depends') as ReviewProblem;
    const text = problemText(depends.note, depends.message);
    expect(text.key).toMatch(/^curateReview\.note\.depends/);
    expect(uk.text(text)).not.toBe(en.text(text));
    const check = problemText(undefined, 'events.json: events[3].date: not a day');
    expect(check).toEqual({
      key: 'text.verbatim',
      params: { text: 'events.json: events[3].date: not a day' },
    });
    const every: ReviewNote[] = [
      { code: 'undecided' },
      { code: 'no-actor' },
      { code: 'not-chosen', field: 'speaker' },
      { code: 'needs-words', field: 'summary' },
      { code: 'depends', what: 'event', other: 'e1', label: 'x', rejected: true, kind: 'quote' },
      { code: 'depends', what: 'actor', other: 'a1', label: 'x', rejected: false, kind: 'event' },
      { code: 'text-gone' },
      { code: 'failed' },
    ];
    for (const note of every) {
      const m = problemText(note, 'English');
      expect(m.key).toMatch(/^curateReview\.note\./);
      for (const t of ALL) expect(t.text(m)).not.toMatch(/\{[a-z]+\}/i);
    }
  });

  it('shared review messages speak the review’s language; English when a review has none', () => {
    const open = states.open as ReviewState;
    expect(reviewTranslator({ language: 'uk' }).language.code).toBe('uk');
    expect(reviewTranslator({}).language.code).toBe('en');
    expect(reviewTranslator({ language: 'xx' }).language.code).toBe('en');
    expect(reviewThreadName(uk, open)).toMatch(/^Перевірка abcd1234: /);
    const feed = messageToText(renderReviewSummary(uk, states.feed as ReviewState));
    expect(feed).toContain(uk.t('curateReview.publishedFrom.feed'));
    expect(feed).toContain(uk.t('curateReview.origin.feed', { url: '<https://news.example/rss/1>' }));
    const file = messageToText(renderReviewSummary(uk, states.file as ReviewState));
    expect(file).toContain(uk.t('curateReview.publishedFrom.curator'));
    expect(messageToText(renderReviewSummary(uk, open))).toContain(
      uk.t('curateReview.publishedFrom.page', { what: 'JSON-LD datePublished' }),
    );
  });
});
