/**
 * The /curate review in Discord (PURE): the summary message (what came in, what to check first, the
 * decisions so far, Publish), the item pages in the review thread (up to five items a message, one row
 * of buttons each), publish results and problems, the queue. Every payload stays within Discord's
 * limits however large the draft: items are paged, long text is cut with "…", lists end in "…and N more".
 * Every word of ours comes from the catalog through `t`: the curator's language for private answers,
 * the review's language (`reviewTranslator`) for the messages every curator shares.
 */
import type {
  APIActionRowComponent,
  APIButtonComponent,
  APIComponentInMessageActionRow,
} from 'discord-api-types/v10';
import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import type { ReviewItem, ReviewNote, ReviewProblem, ReviewState, UnsureNote } from '../curation/review.ts';
import { counts, needsWords, PUBLISHED_FROM, proposedByIngest } from '../curation/review.ts';
import type { Dataset } from '../domain/model.ts';
import { type MessageKey, type Msg, msg, type Translator } from '../i18n/catalog.ts';
import { formatDay, formatPartialDate } from '../i18n/format.ts';
import { translatorFor } from '../i18n/languages.ts';
import { CURATE_IDS } from './curate-ids.ts';
import { fieldName } from './curate-problems.ts';
import { buildEmbed } from './embed.ts';
import { escapeText, inlineCode } from './escape.ts';
import { LIMITS, linesWithin, truncate } from './limits.ts';
import { EPHEMERAL, type MessagePayload, NO_MENTIONS } from './message.ts';

export const CURATE_COLOR = 0x38a169;
const DONE_COLOR = 0x718096;
/** Items per review page: one row of buttons each, within Discord's five rows. */
export const ITEMS_PER_PAGE = 5;
/** Five embeds share a message's 6,000 characters. */
const ITEM_EMBED_BUDGET = Math.floor(LIMITS.embedTotal / ITEMS_PER_PAGE) - 20;

const MARK = { pending: '⏳', accepted: '✅', rejected: '❌' } as const;
const KIND_KEY = {
  source: 'curateReview.kind.source',
  event: 'curateReview.kind.event',
  quote: 'curateReview.kind.quote',
  actor: 'curateReview.kind.actor',
} as const satisfies Record<ReviewItem['kind'], MessageKey>;
const DECISION_KEY = {
  pending: 'curateReview.decision.pending',
  accepted: 'curateReview.decision.accepted',
  rejected: 'curateReview.decision.rejected',
} as const satisfies Record<ReviewItem['decision'], MessageKey>;

/** The messages every curator sees (summary, pages, thread notes) speak the review's language. */
export function reviewTranslator(state: Pick<ReviewState, 'language'>): Translator {
  return translatorFor(state.language);
}

/** An item in a line of text: its title, its name, or "quote by … (¶n)". */
export function itemLabelIn(t: Translator, item: ReviewItem): string {
  switch (item.kind) {
    case 'source':
    case 'event':
      return item.record.title;
    case 'quote':
      return t.t('curateReview.quoteLabel', {
        speaker: item.record.speaker,
        paragraph: String(item.record.citation.paragraph),
      });
    case 'actor':
      return item.record.name;
  }
}

/** "0.85" / "0,85": a speaker's confidence with two decimals in the language. */
export const confidence = (t: Translator, n: number) =>
  new Intl.NumberFormat(t.language.intl, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n);

const day = (t: Translator, value: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDay(t, value) : value;

/** The review's pages: item keys in order (source and events, then quotes, then new actors). */
export function reviewPages(state: Pick<ReviewState, 'items'>): string[][] {
  const keys = state.items.map((i) => i.key);
  const pages: string[][] = [];
  for (let i = 0; i < keys.length; i += ITEMS_PER_PAGE) pages.push(keys.slice(i, i + ITEMS_PER_PAGE));
  return pages;
}

function actorName(t: Translator, id: string, dataset: Dataset, state: ReviewState): string {
  const known = dataset.actorById.get(id)?.name;
  if (known) return known;
  const draft = state.items.find((i) => i.kind === 'actor' && i.record.id === id);
  if (draft?.kind === 'actor')
    return t.t('curateReview.newActor', { name: draft.record.name, key: draft.key });
  return id.startsWith('todo-') ? t.t('curateReview.unknownChoose') : id;
}

function eventName(t: Translator, id: string, dataset: Dataset, state: ReviewState): string {
  const draft = state.items.find((i) => i.kind === 'event' && i.record.id === id);
  if (draft && draft.kind === 'event') return `${draft.key}: ${draft.record.title}`;
  const known = dataset.eventById.get(id);
  if (known) return `${known.title} (${inlineCode(id)})`;
  return id.startsWith('todo-') ? t.t('curateReview.noneChoose') : id;
}

function originLine(t: Translator, state: ReviewState): string {
  const o = state.origin;
  switch (o.kind) {
    case 'url':
      return `<${truncate(o.url ?? '', 300)}>`;
    case 'feed':
      return t.t('curateReview.origin.feed', { url: `<${truncate(o.url ?? '', 300)}>` });
    case 'file':
      return t.t('curateReview.origin.file', {
        name: inlineCode(truncate(o.name ?? t.t('curateReview.origin.attachment'), 80)),
      });
    case 'paste':
      return t.t('curateReview.origin.paste');
  }
}

/**
 * How the publication day was established. The curation pipeline records it in English for the
 * dataset's date basis; the three phrasings it uses are worded here, a page's metadata name (JSON-LD
 * datePublished, meta article:published_time) stays as it is.
 */
function publishedFromText(t: Translator, from: string): string {
  if (from === PUBLISHED_FROM.curator) return t.t('curateReview.publishedFrom.curator');
  if (from === PUBLISHED_FROM.feed) return t.t('curateReview.publishedFrom.feed');
  if (from.startsWith(PUBLISHED_FROM.pagePrefix))
    return t.t('curateReview.publishedFrom.page', { what: from.slice(PUBLISHED_FROM.pagePrefix.length) });
  return from;
}

function decisionLine(t: Translator, item: ReviewItem): string {
  const decided =
    item.decidedBy && item.decision !== 'pending'
      ? t.t(
          item.decision === 'accepted'
            ? 'curateReview.decidedBy.accepted'
            : 'curateReview.decidedBy.rejected',
          { name: escapeText(item.decidedBy.name) },
        )
      : t.t(DECISION_KEY[item.decision]);
  const edited = item.editedBy
    ? ` · ${t.t('curateReview.editedBy', { name: escapeText(item.editedBy.name) })}`
    : '';
  return `${MARK[item.decision]} ${decided}${edited}`;
}

function needsLine(t: Translator, item: ReviewItem): string | undefined {
  const words = needsWords(item);
  const proposed = proposedByIngest(item).filter((f) => !words.includes(f));
  const names = (fields: string[]) => fields.map((f) => fieldName(t, f)).join(', ');
  const parts = [
    ...(words.length ? [t.t('curateReview.needsWords', { fields: names(words) })] : []),
    ...(proposed.length ? [t.t('curateReview.proposed', { fields: names(proposed) })] : []),
  ];
  return parts.length ? parts.join('\n') : undefined;
}

function shown(t: Translator, text: string, max: number): string {
  return /TODO/.test(text) ? t.t('curateReview.stillToWrite') : escapeText(truncate(text, max));
}

type FieldKey = Extract<MessageKey, `curateReview.field.${string}`>;

/** What to check first, in the language; the ingest's own notes as it wrote them. */
function unsureText(t: Translator, note: UnsureNote): string {
  if (typeof note === 'string') return note;
  switch (note.code) {
    case 'dated-by-publication':
      return t.t('curateReview.unsure.datedByPublication');
    case 'approximate-date':
      return t.t('curateReview.unsure.approximateDate');
    case 'no-actor':
      return t.t('curateReview.unsure.noActor');
    case 'low-confidence':
      return t.t('curateReview.unsure.lowConfidence', { confidence: confidence(t, note.confidence) });
    case 'speaker-unknown':
      return t.t('curateReview.unsure.speakerUnknown');
    case 'speaker-confidence':
      return t.t('curateReview.unsure.speakerConfidence', { confidence: confidence(t, note.confidence) });
    case 'no-event':
      return t.t('curateReview.unsure.noEvent');
    case 'new-actor': {
      const kind = msg(`actorKind.${note.kind}` as 'actorKind.person');
      return note.basis
        ? t.t('curateReview.unsure.newActorBasis', { kind, basis: note.basis })
        : t.t('curateReview.unsure.newActor', { kind });
    }
  }
}

const unsureList = (t: Translator, notes: readonly UnsureNote[]) =>
  notes.map((n) => unsureText(t, n)).join('; ');

const paragraphs = (list: readonly number[]) => `¶${list.join(', ¶')}`;

function cites(t: Translator, list: readonly number[], topics: readonly string[]): string {
  return topics.length
    ? t.t('curateReview.citesTopics', { paragraphs: paragraphs(list), topics: topics.join(', ') })
    : paragraphs(list);
}

function itemEmbed(t: Translator, item: ReviewItem, state: ReviewState, dataset: Dataset) {
  const fields: { name: string; value: string; inline?: boolean }[] = [];
  const field = (key: FieldKey, value: string, inline?: boolean) =>
    fields.push({ name: t.text({ key, params: {} }), value, ...(inline ? { inline } : {}) });
  let description = '';
  const kind = t.t(KIND_KEY[item.kind]);
  let title = t.t('curateReview.item.title', { key: item.key, kind });
  switch (item.kind) {
    case 'source': {
      const s = item.record;
      title = t.t('curateReview.item.titleNamed', { key: item.key, kind, name: s.title });
      description = shown(t, s.summary, 500);
      field(
        'curateReview.field.published',
        t.t('curateReview.publishedValue', {
          date: formatPartialDate(t, s.publishedAt),
          from: escapeText(truncate(publishedFromText(t, state.publishedFrom), 80)),
        }),
        true,
      );
      if (s.publisher) field('curateReview.field.publisher', escapeText(truncate(s.publisher, 100)), true);
      const count = t.t('curateReview.paragraphs', { count: s.paragraphCount });
      field(
        'curateReview.field.text',
        s.furniture.length
          ? t.t('curateReview.furniture', { paragraphs: count, list: paragraphs(s.furniture) })
          : count,
      );
      break;
    }
    case 'event': {
      const e = item.record;
      title = t.t('curateReview.item.titleEvent', {
        key: item.key,
        kind,
        eventKind: msg(`eventKind.${e.kind}` as 'eventKind.meeting'),
        name: e.title,
      });
      description = shown(t, e.summary, 450);
      field(
        'curateReview.field.when',
        t.t('curateReview.when', {
          date: formatPartialDate(t, e.date),
          basis: escapeText(truncate(e.date.basis, 160)),
        }),
      );
      field(
        'curateReview.field.actors',
        truncate(
          e.actors
            .map((a) =>
              t.t('curateReview.actorRole', {
                name: actorName(t, a.actor, dataset, state),
                role: msg(`participantRole.${a.role}` as 'participantRole.host'),
              }),
            )
            .join(', '),
          200,
        ),
      );
      field(
        'curateReview.field.cites',
        cites(
          t,
          e.citations.map((c) => c.paragraph),
          e.topics,
        ),
      );
      break;
    }
    case 'quote': {
      const q = item.record;
      description = `> “${escapeText(truncate(q.text, 420))}”\n${shown(t, q.context, 200)}`;
      const chosen = item.candidates.find((c) => c.speaker === q.speaker);
      const name = actorName(t, q.speaker, dataset, state);
      field(
        'curateReview.field.speaker',
        chosen
          ? t.t('curateReview.speakerChosen', {
              name,
              rule: chosen.rule,
              confidence: confidence(t, chosen.confidence),
            })
          : name,
      );
      field('curateReview.field.event', truncate(eventName(t, q.event, dataset, state), 200), true);
      field('curateReview.field.cites', cites(t, [q.citation.paragraph], q.topics), true);
      break;
    }
    case 'actor': {
      const a = item.record;
      title = t.t('curateReview.item.titleActor', {
        key: item.key,
        kind,
        name: a.name,
        actorKind: msg(`actorKind.${a.kind}` as 'actorKind.person'),
      });
      description = shown(t, a.description, 300);
      if (a.roles.length)
        field(
          'curateReview.field.roles',
          truncate(
            a.roles.map((r) => t.t('actor.roleAsOf', { title: r.title, date: day(t, r.asOf) })).join('; '),
            200,
          ),
        );
      if (a.aliases.length) field('curateReview.field.aliases', truncate(a.aliases.join(', '), 200));
      break;
    }
  }
  const needs = needsLine(t, item);
  if (needs) field('curateReview.field.toDo', needs);
  if (item.unsure.length) field('curateReview.field.check', truncate(unsureList(t, item.unsure), 300));
  return buildEmbed(
    {
      title,
      description,
      fields,
      footer: decisionLine(t, item),
      color: item.decision === 'accepted' ? CURATE_COLOR : item.decision === 'rejected' ? 0xc53030 : 0xd69e2e,
    },
    ITEM_EMBED_BUDGET,
  );
}

function button(
  custom_id: string,
  label: string,
  style: ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Success | ButtonStyle.Danger,
  disabled: boolean,
): APIButtonComponent {
  return {
    type: ComponentType.Button,
    custom_id,
    label: truncate(label, LIMITS.buttonLabel),
    style,
    ...(disabled ? { disabled: true } : {}),
  };
}

function itemRow(
  t: Translator,
  item: ReviewItem,
  state: ReviewState,
): APIActionRowComponent<APIButtonComponent> {
  const closed = state.status !== 'open';
  const ref = { draft: state.id, item: item.key };
  const buttons: APIButtonComponent[] = [
    button(
      CURATE_IDS.decide.make({ ...ref, decision: 'accepted' }),
      t.t('curateReview.button.accept', { key: item.key }),
      item.decision === 'accepted' ? ButtonStyle.Success : ButtonStyle.Secondary,
      closed || item.decision === 'accepted',
    ),
  ];
  if (item.kind !== 'source')
    buttons.push(
      button(
        CURATE_IDS.decide.make({ ...ref, decision: 'rejected' }),
        t.t('curateReview.button.reject', { key: item.key }),
        item.decision === 'rejected' ? ButtonStyle.Danger : ButtonStyle.Secondary,
        closed || item.decision === 'rejected',
      ),
    );
  buttons.push(
    button(
      CURATE_IDS.edit.make(ref),
      t.t('curateReview.button.edit', { key: item.key }),
      ButtonStyle.Primary,
      closed,
    ),
  );
  if (item.kind === 'quote' && item.candidates.length > 0)
    buttons.push(
      button(
        CURATE_IDS.speakers.make(ref),
        t.t('curateReview.button.speaker'),
        ButtonStyle.Secondary,
        closed,
      ),
    );
  return { type: ComponentType.ActionRow, components: buttons };
}

/** One page of the review: each item's embed, and a row of buttons per item. */
export function renderReviewPage(
  t: Translator,
  state: ReviewState,
  page: number,
  dataset: Dataset,
): MessagePayload {
  const pages = reviewPages(state);
  const keys = pages[page] ?? [];
  const items = keys.flatMap((k) => state.items.filter((i) => i.key === k));
  return {
    content: t.t('curateReview.pageHeader', {
      id: inlineCode(state.id),
      page: page + 1,
      pages: pages.length,
    }),
    embeds: items.map((i) => itemEmbed(t, i, state, dataset)),
    components: items.map((i) => itemRow(t, i, state)),
    allowed_mentions: NO_MENTIONS,
  };
}

/** Which page holds an item. */
export function pageOf(state: ReviewState, key: string): number {
  return reviewPages(state).findIndex((keys) => keys.includes(key));
}

/** A problem the review found, in the language; a data check's problem as the check wrote it. */
export function problemText(note: ReviewNote | undefined, message: string): Msg {
  if (!note) return msg('text.verbatim', { text: message });
  const field = (name: string) => (t: Translator) => fieldName(t, name);
  switch (note.code) {
    case 'undecided':
      return msg('curateReview.note.undecided');
    case 'no-actor':
      return msg('curateReview.note.noActor');
    case 'not-chosen':
      return msg('curateReview.note.notChosen', { field: field(note.field) });
    case 'needs-words':
      return msg('curateReview.note.needsWords', { field: field(note.field) });
    case 'depends':
      return msg(note.rejected ? 'curateReview.note.dependsRejected' : 'curateReview.note.dependsPending', {
        what: field(note.what),
        other: note.other,
        label: truncate(note.label, 120),
        kind: msg(note.kind === 'event' ? 'curateReview.changeThis.event' : 'curateReview.changeThis.quote'),
      });
    case 'text-gone':
      return msg('curateReview.note.textGone');
    case 'failed':
      return msg('curateReview.note.failed');
  }
}

function problemLine(t: Translator, p: ReviewProblem, state: ReviewState): string {
  const item = p.item ? state.items.find((i) => i.key === p.item) : undefined;
  const where = item ? `**${item.key}** ${escapeText(truncate(itemLabelIn(t, item), 60))}` : '';
  const field = p.field ? ` · ${fieldName(t, p.field)}` : '';
  const text = t.text(problemText(p.note, p.message));
  return `• ${where}${field}${where || field ? ': ' : ''}${escapeText(truncate(text, 400))}`;
}

const kindCount = (state: ReviewState, kind: ReviewItem['kind']) =>
  state.items.filter((i) => i.kind === kind).length;

/** "3 events, 2 quotes, 1 new actor" as parameters. */
function proposedCounts(t: Translator, state: ReviewState) {
  return {
    events: t.t('count.events', { count: kindCount(state, 'event') }),
    quotes: t.t('count.quotes', { count: kindCount(state, 'quote') }),
    actors: t.t('curateReview.count.newActors', { count: kindCount(state, 'actor') }),
  };
}

function addedCounts(t: Translator, added: { events: string[]; quotes: string[]; actors: string[] }) {
  return {
    events: t.t('count.events', { count: added.events.length }),
    quotes: t.t('count.quotes', { count: added.quotes.length }),
    actors: t.t('count.actors', { count: added.actors.length }),
  };
}

/** The summary message the review thread hangs from. */
export function renderReviewSummary(t: Translator, state: ReviewState): MessagePayload {
  const c = counts(state);
  const source = state.items.find((i) => i.kind === 'source');
  const title = source?.kind === 'source' ? source.record.title : t.t('curateReview.summary.article');
  const name = (curator: { name: string } | undefined) =>
    curator ? escapeText(curator.name) : t.t('curateReview.someCurator');
  const lines = [
    t.t('curateReview.summary.source', { origin: originLine(t, state) }),
    t.t('curateReview.summary.published', {
      date: day(t, state.published),
      from: truncate(publishedFromText(t, state.publishedFrom), 80),
    }),
    t.t('curateReview.summary.text', {
      words: t.t('curateReview.words', { count: state.stats.words }),
      count: state.stats.paragraphs,
      furniture: state.stats.furniture
        ? t.t('curateReview.summary.furniture', { count: state.stats.furniture })
        : '',
    }),
    t.t('curateReview.summary.proposed', proposedCounts(t, state)),
    t.t('curateReview.summary.decided', { accepted: c.accepted, rejected: c.rejected, pending: c.pending }),
    state.threadId
      ? t.t('curateReview.summary.startedThread', {
          name: escapeText(state.createdBy.name),
          id: inlineCode(state.id),
          thread: `<#${state.threadId}>`,
        })
      : t.t('curateReview.summary.started', {
          name: escapeText(state.createdBy.name),
          id: inlineCode(state.id),
        }),
  ];
  const unsure = state.items
    .filter((i) => i.unsure.length > 0 && i.decision === 'pending')
    .map(
      (i) =>
        `• **${i.key}** ${escapeText(truncate(itemLabelIn(t, i), 50))}: ${escapeText(truncate(unsureList(t, i.unsure), 120))}`,
    );
  const fields: { name: string; value: string }[] = [];
  if (unsure.length)
    fields.push({
      name: t.t('curateReview.summary.checkFirst'),
      value: linesWithin(unsure, 1000, (count) => t.t('curateReview.moreInThread', { count })),
    });
  let status: string;
  switch (state.status) {
    case 'open':
      status = c.pending > 0 ? t.t('curateReview.status.decide') : t.t('curateReview.status.decided');
      break;
    case 'publishing':
      status = t.t('curateReview.status.publishing', { name: name(state.publishing?.by) });
      break;
    case 'published': {
      const o = state.outcome;
      status = o
        ? t.t('curateReview.status.published', {
            name: escapeText(o.by.name),
            label: o.label,
            ...addedCounts(t, o.added),
            before: o.versionBefore.slice(0, 12),
            after: o.versionAfter.slice(0, 12),
          })
        : t.t('curateReview.status.publishedBare');
      break;
    }
    case 'discarded':
      status = t.t('curateReview.status.discarded', { name: name(state.discarded?.by) });
      break;
  }
  fields.push({ name: t.t('curateReview.summary.status'), value: status });
  if (state.status === 'open' && state.lastPublish && state.lastPublish.problems.length > 0) {
    const problems = state.lastPublish.problems.map((p) => problemLine(t, p, state));
    fields.push({
      name: t.t('curateReview.summary.refused', { count: state.lastPublish.problems.length }),
      value: linesWithin(problems, 1000, (count) => t.t('curateReview.moreListed', { count })),
    });
  }
  const open = state.status === 'open';
  const components: APIActionRowComponent<APIComponentInMessageActionRow>[] = open
    ? [
        {
          type: ComponentType.ActionRow,
          components: [
            button(
              CURATE_IDS.publish.make({ draft: state.id }),
              t.t('curateReview.button.publish'),
              ButtonStyle.Success,
              false,
            ),
            button(
              CURATE_IDS.refresh.make({ draft: state.id }),
              t.t('curateReview.button.refresh'),
              ButtonStyle.Secondary,
              false,
            ),
            button(
              CURATE_IDS.discard.make({ draft: state.id }),
              t.t('curateReview.button.discard'),
              ButtonStyle.Danger,
              false,
            ),
          ],
        },
      ]
    : [];
  return {
    embeds: [
      buildEmbed({
        title: t.t('curateReview.summary.title', { title }),
        description: lines.join('\n'),
        fields,
        footer: t.t('curateReview.summary.footer', { id: state.id }),
        color: open ? CURATE_COLOR : DONE_COLOR,
      }),
    ],
    components,
    allowed_mentions: NO_MENTIONS,
  };
}

/** Every problem of a refused publish, as many messages as it takes. */
export function renderProblems(
  t: Translator,
  state: ReviewState,
  problems: readonly ReviewProblem[],
): MessagePayload[] {
  const lines = problems.map((p) => problemLine(t, p, state));
  const messages: MessagePayload[] = [];
  let chunk: string[] = [];
  let size = 0;
  const flush = () => {
    if (chunk.length === 0) return;
    messages.push({
      embeds: [
        buildEmbed({
          title:
            messages.length === 0
              ? t.t('curateReview.problems.title', { count: problems.length })
              : t.t('curateReview.problems.more'),
          description: chunk.join('\n'),
          footer: t.t('curateReview.problems.footer'),
          color: 0xc53030,
        }),
      ],
      allowed_mentions: NO_MENTIONS,
    });
    chunk = [];
    size = 0;
  };
  for (const line of lines) {
    if (size + line.length + 1 > 3800) flush();
    chunk.push(line);
    size += line.length + 1;
  }
  flush();
  return messages;
}

/** What the thread says after a publish. */
export function renderPublishedNote(t: Translator, state: ReviewState, dataset: Dataset): MessagePayload {
  const o = state.outcome;
  const events = (o?.added.events ?? []).map((id) => {
    const e = dataset.eventById.get(id);
    return `• ${e ? `${formatPartialDate(t, e.date)} ${escapeText(truncate(e.title, 120))}` : id} — ${inlineCode(id)}`;
  });
  const quotes = (o?.added.quotes ?? []).map((id) => `• ${inlineCode(id)}`);
  const actors = (o?.added.actors ?? []).map(
    (id) => `• ${escapeText(dataset.actorById.get(id)?.name ?? id)} — ${inlineCode(id)}`,
  );
  const more = (count: number) => t.t('list.more', { count });
  const list = (
    key: 'curateReview.published.events' | 'curateReview.published.quotes' | 'curateReview.published.actors',
    lines: string[],
  ) =>
    lines.length ? [{ name: t.t(key, { count: lines.length }), value: linesWithin(lines, 1000, more) }] : [];
  const fields = [
    ...list('curateReview.published.events', events),
    ...list('curateReview.published.quotes', quotes),
    ...list('curateReview.published.actors', actors),
  ];
  return {
    embeds: [
      buildEmbed({
        title: t.t('curateReview.published.title', {
          label: o?.label ?? t.t('curateReview.published.newSource'),
        }),
        description: t.t('curateReview.published.description', {
          name: o ? escapeText(o.by.name) : t.t('curateReview.someCuratorStart'),
        }),
        fields,
        footer: t.t('curateReview.published.footer', {
          before: o?.versionBefore.slice(0, 12) ?? '?',
          after: o?.versionAfter.slice(0, 12) ?? '?',
        }),
        color: CURATE_COLOR,
      }),
    ],
    allowed_mentions: NO_MENTIONS,
  };
}

export function renderPublishReply(t: Translator, state: ReviewState): MessagePayload {
  if (state.status === 'published' && state.outcome) {
    const o = state.outcome;
    const params = { ...addedCounts(t, o.added), label: o.label };
    return notice(
      t.t('curateReview.reply.published.title'),
      state.threadId
        ? t.t('curateReview.reply.publishedThread', { ...params, thread: `<#${state.threadId}>` })
        : t.t('curateReview.reply.published', params),
    );
  }
  const problems = state.lastPublish?.problems ?? [];
  return notice(
    t.t('curateReview.problems.title', { count: problems.length }),
    `${linesWithin(
      problems.map((p) => problemLine(t, p, state)),
      3500,
      (count) => t.t('curateReview.moreListed', { count }),
    )}\n\n${t.t('curateReview.nothingWritten')}`,
    0xc53030,
  );
}

function notice(title: string, text: string, color = CURATE_COLOR): MessagePayload {
  return {
    embeds: [buildEmbed({ title, description: text, color })],
    allowed_mentions: NO_MENTIONS,
    flags: EPHEMERAL,
  };
}

export type ProgressStep = 'fetching' | 'extracting' | 'analysing' | 'posting';

const STEPS = {
  fetching: 'curateReview.progress.fetching',
  extracting: 'curateReview.progress.extracting',
  analysing: 'curateReview.progress.analysing',
  posting: 'curateReview.progress.posting',
} as const satisfies Record<ProgressStep, MessageKey>;

export function renderProgress(t: Translator, step: ProgressStep): MessagePayload {
  const order = Object.keys(STEPS) as ProgressStep[];
  const at = order.indexOf(step);
  const lines = order.map((s, i) => `${i < at ? '✅' : i === at ? '⏳' : '▫️'} ${t.t(STEPS[s])}`);
  return notice(t.t('curateReview.progress.title'), lines.join('\n'));
}

export function renderSubmitted(t: Translator, state: ReviewState): MessagePayload {
  const unsure = state.items.filter((i) => i.unsure.length > 0).length;
  const where = state.threadId ? `<#${state.threadId}>` : `<#${state.channelId}>`;
  return notice(
    t.t('curateReview.submitted.title'),
    t.t('curateReview.submitted', { id: inlineCode(state.id), where, ...proposedCounts(t, state), unsure }),
  );
}

export function renderQueue(t: Translator, states: readonly ReviewState[]): MessagePayload {
  const open = states.filter((s) => s.status === 'open' || s.status === 'publishing');
  if (open.length === 0) return notice(t.t('curateReview.queue.none.title'), t.t('curateReview.queue.none'));
  const lines = open.map((s) => {
    const c = counts(s);
    const source = s.items.find((i) => i.kind === 'source');
    const params = {
      id: inlineCode(s.id),
      label: escapeText(truncate(source ? itemLabelIn(t, source) : '?', 70)),
      pending: c.pending,
      accepted: c.accepted,
      date: day(t, s.createdAt.slice(0, 10)),
    };
    return s.threadId
      ? t.t('curateReview.queue.lineThread', { ...params, thread: `<#${s.threadId}>` })
      : t.t('curateReview.queue.line', params);
  });
  return notice(
    t.t('curateReview.queue.title', { count: open.length }),
    linesWithin(lines, 3800, (count) => t.t('list.more', { count })),
  );
}

export function renderDiscardConfirm(t: Translator, state: ReviewState): MessagePayload {
  return {
    ...notice(
      t.t('curateReview.discard.title'),
      t.t('curateReview.discard', { id: inlineCode(state.id) }),
      0xc53030,
    ),
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          button(
            CURATE_IDS.confirmDiscard.make({ draft: state.id }),
            t.t('curateReview.button.discardIt'),
            ButtonStyle.Danger,
            false,
          ),
        ],
      },
    ],
  };
}

export function renderDiscarded(t: Translator, state: ReviewState): MessagePayload {
  return notice(
    t.t('curateReview.discarded.title'),
    t.t('curateReview.discarded', { id: inlineCode(state.id) }),
    DONE_COLOR,
  );
}

export function renderItemNotice(
  t: Translator,
  state: ReviewState,
  key: string,
  text: string,
): MessagePayload {
  const item = state.items.find((i) => i.key === key);
  return notice(
    item ? `${item.key} · ${truncate(itemLabelIn(t, item), 200)}` : t.t('curateReview.notice.title'),
    text,
  );
}

/** The review thread's name (Discord: at most 100 characters). */
export function reviewThreadName(t: Translator, state: ReviewState): string {
  const source = state.items.find((i) => i.kind === 'source');
  return truncate(
    t.t('curateReview.threadName', {
      id: state.id,
      title: source?.kind === 'source' ? source.record.title : t.t('curateReview.threadArticle'),
    }),
    100,
  );
}
