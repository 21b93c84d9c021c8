/**
 * The /curate review in Discord (PURE): the summary message (what came in, what to check first, the
 * decisions so far, Publish), the item pages in the review thread (up to five items a message, one row
 * of buttons each), publish results and problems, the queue. Every payload stays within Discord's
 * limits however large the draft: items are paged, long text is cut with "…", lists end in "…and N more".
 */
import type {
  APIActionRowComponent,
  APIButtonComponent,
  APIComponentInMessageActionRow,
} from 'discord-api-types/v10';
import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import type { ReviewItem, ReviewProblem, ReviewState } from '../curation/review.ts';
import { counts, itemLabel, needsWords, proposedByIngest } from '../curation/review.ts';
import { formatPartialDate } from '../domain/dates.ts';
import type { Dataset } from '../domain/model.ts';
import { CURATE_IDS } from './curate-ids.ts';
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
const KIND_NAME = { source: 'Source', event: 'Event', quote: 'Quote', actor: 'New actor' } as const;

/** The review's pages: item keys in order (source and events, then quotes, then new actors). */
export function reviewPages(state: Pick<ReviewState, 'items'>): string[][] {
  const keys = state.items.map((i) => i.key);
  const pages: string[][] = [];
  for (let i = 0; i < keys.length; i += ITEMS_PER_PAGE) pages.push(keys.slice(i, i + ITEMS_PER_PAGE));
  return pages;
}

function actorName(id: string, dataset: Dataset, state: ReviewState): string {
  const known = dataset.actorById.get(id)?.name;
  if (known) return known;
  const draft = state.items.find((i) => i.kind === 'actor' && i.record.id === id);
  if (draft) return `${draft.kind === 'actor' ? draft.record.name : id} (new, ${draft.key})`;
  return id.startsWith('todo-') ? 'unknown — choose one' : id;
}

function eventName(id: string, dataset: Dataset, state: ReviewState): string {
  const draft = state.items.find((i) => i.kind === 'event' && i.record.id === id);
  if (draft && draft.kind === 'event') return `${draft.key}: ${draft.record.title}`;
  const known = dataset.eventById.get(id);
  if (known) return `${known.title} (${inlineCode(id)})`;
  return id.startsWith('todo-') ? 'none — choose one' : id;
}

function originLine(state: ReviewState): string {
  const o = state.origin;
  switch (o.kind) {
    case 'url':
      return `<${truncate(o.url ?? '', 300)}>`;
    case 'feed':
      return `feed item <${truncate(o.url ?? '', 300)}>`;
    case 'file':
      return `file ${inlineCode(truncate(o.name ?? 'attachment', 80))}`;
    case 'paste':
      return 'text pasted in Discord';
  }
}

function decisionLine(item: ReviewItem): string {
  const who = item.decidedBy ? ` by ${escapeText(item.decidedBy.name)}` : '';
  const edited = item.editedBy ? ` · edited by ${escapeText(item.editedBy.name)}` : '';
  return `${MARK[item.decision]} ${item.decision}${who}${edited}`;
}

function needsLine(item: ReviewItem): string | undefined {
  const words = needsWords(item);
  const proposed = proposedByIngest(item).filter((f) => !words.includes(f));
  const parts = [
    ...(words.length ? [`**needs your words:** ${words.join(', ')}`] : []),
    ...(proposed.length ? [`proposed by ingest, rewrite in your words: ${proposed.join(', ')}`] : []),
  ];
  return parts.length ? parts.join('\n') : undefined;
}

function shown(text: string, max: number): string {
  return /TODO/.test(text) ? '⚠ *still to write in your own words*' : escapeText(truncate(text, max));
}

function itemEmbed(item: ReviewItem, state: ReviewState, dataset: Dataset) {
  const fields: { name: string; value: string; inline?: boolean }[] = [];
  let description = '';
  let title = `${item.key} · ${KIND_NAME[item.kind]}`;
  switch (item.kind) {
    case 'source': {
      const s = item.record;
      title += `: ${s.title}`;
      description = shown(s.summary, 500);
      fields.push({
        name: 'Published',
        value: `${formatPartialDate(s.publishedAt)} (${escapeText(truncate(state.publishedFrom, 80))})`,
        inline: true,
      });
      if (s.publisher)
        fields.push({ name: 'Publisher', value: escapeText(truncate(s.publisher, 100)), inline: true });
      fields.push({
        name: 'Text',
        value: `${s.paragraphCount} paragraphs${s.furniture.length ? `, furniture ¶${s.furniture.join(', ¶')}` : ''}`,
      });
      break;
    }
    case 'event': {
      const e = item.record;
      title += ` (${e.kind}): ${e.title}`;
      description = shown(e.summary, 450);
      fields.push({
        name: 'When',
        value: `${formatPartialDate(e.date)}${e.date.approximate ? ' (approx.)' : ''} — *${escapeText(truncate(e.date.basis, 160))}*`,
      });
      fields.push({
        name: 'Actors',
        value: truncate(
          e.actors.map((a) => `${actorName(a.actor, dataset, state)} (${a.role})`).join(', '),
          200,
        ),
      });
      fields.push({
        name: 'Cites',
        value: `¶${e.citations.map((c) => c.paragraph).join(', ¶')}${e.topics.length ? ` · topics: ${e.topics.join(', ')}` : ''}`,
      });
      break;
    }
    case 'quote': {
      const q = item.record;
      description = `> “${escapeText(truncate(q.text, 420))}”\n${shown(q.context, 200)}`;
      const chosen = item.candidates.find((c) => c.speaker === q.speaker);
      fields.push({
        name: 'Speaker',
        value: `${actorName(q.speaker, dataset, state)}${chosen ? ` — ${chosen.rule}, confidence ${chosen.confidence.toFixed(2)}` : ''}`,
      });
      fields.push({ name: 'Event', value: truncate(eventName(q.event, dataset, state), 200), inline: true });
      fields.push({
        name: 'Cites',
        value: `¶${q.citation.paragraph}${q.topics.length ? ` · topics: ${q.topics.join(', ')}` : ''}`,
        inline: true,
      });
      break;
    }
    case 'actor': {
      const a = item.record;
      title += `: ${a.name} (${a.kind})`;
      description = shown(a.description, 300);
      if (a.roles.length)
        fields.push({
          name: 'Roles',
          value: truncate(a.roles.map((r) => `${r.title} (as of ${r.asOf})`).join('; '), 200),
        });
      if (a.aliases.length) fields.push({ name: 'Aliases', value: truncate(a.aliases.join(', '), 200) });
      break;
    }
  }
  const needs = needsLine(item);
  if (needs) fields.push({ name: 'To do', value: needs });
  if (item.unsure.length) fields.push({ name: 'Check', value: truncate(item.unsure.join('; '), 300) });
  return buildEmbed(
    {
      title,
      description,
      fields,
      footer: decisionLine(item),
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
  return { type: ComponentType.Button, custom_id, label, style, ...(disabled ? { disabled: true } : {}) };
}

function itemRow(item: ReviewItem, state: ReviewState): APIActionRowComponent<APIButtonComponent> {
  const closed = state.status !== 'open';
  const ref = { draft: state.id, item: item.key };
  const buttons: APIButtonComponent[] = [
    button(
      CURATE_IDS.decide.make({ ...ref, decision: 'accepted' }),
      `Accept ${item.key}`,
      item.decision === 'accepted' ? ButtonStyle.Success : ButtonStyle.Secondary,
      closed || item.decision === 'accepted',
    ),
  ];
  if (item.kind !== 'source')
    buttons.push(
      button(
        CURATE_IDS.decide.make({ ...ref, decision: 'rejected' }),
        `Reject ${item.key}`,
        item.decision === 'rejected' ? ButtonStyle.Danger : ButtonStyle.Secondary,
        closed || item.decision === 'rejected',
      ),
    );
  buttons.push(button(CURATE_IDS.edit.make(ref), `Edit ${item.key}`, ButtonStyle.Primary, closed));
  if (item.kind === 'quote' && item.candidates.length > 0)
    buttons.push(button(CURATE_IDS.speakers.make(ref), 'Speaker…', ButtonStyle.Secondary, closed));
  return { type: ComponentType.ActionRow, components: buttons };
}

/** One page of the review: each item's embed, and a row of buttons per item. */
export function renderReviewPage(state: ReviewState, page: number, dataset: Dataset): MessagePayload {
  const pages = reviewPages(state);
  const keys = pages[page] ?? [];
  const items = keys.flatMap((k) => state.items.filter((i) => i.key === k));
  return {
    content: `Review ${inlineCode(state.id)} · page ${page + 1} of ${pages.length}`,
    embeds: items.map((i) => itemEmbed(i, state, dataset)),
    components: items.map((i) => itemRow(i, state)),
    allowed_mentions: NO_MENTIONS,
  };
}

/** Which page holds an item. */
export function pageOf(state: ReviewState, key: string): number {
  return reviewPages(state).findIndex((keys) => keys.includes(key));
}

function problemLine(p: ReviewProblem, state: ReviewState): string {
  const item = p.item ? state.items.find((i) => i.key === p.item) : undefined;
  const where = item ? `**${item.key}** ${escapeText(truncate(itemLabel(item), 60))}` : '';
  const field = p.field ? ` · ${p.field}` : '';
  return `• ${where}${field}${where || field ? ': ' : ''}${escapeText(truncate(p.message, 400))}`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The summary message the review thread hangs from. */
export function renderReviewSummary(state: ReviewState): MessagePayload {
  const c = counts(state);
  const source = state.items.find((i) => i.kind === 'source');
  const title = source?.kind === 'source' ? source.record.title : 'Article';
  const kinds = (k: ReviewItem['kind']) => state.items.filter((i) => i.kind === k).length;
  const lines = [
    `**Source:** ${originLine(state)}`,
    `**Published:** ${state.published} (${truncate(state.publishedFrom, 80)})`,
    `**Text:** ${state.stats.words} words in ${state.stats.paragraphs} paragraphs${state.stats.furniture ? ` (${state.stats.furniture} furniture)` : ''}`,
    `**Proposed:** ${plural(kinds('event'), 'event')} · ${plural(kinds('quote'), 'quote')} · ${plural(kinds('actor'), 'new actor')}`,
    `**Decided:** ${c.accepted} accepted · ${c.rejected} rejected · ${c.pending} pending`,
    `**Started by** ${escapeText(state.createdBy.name)} · review ${inlineCode(state.id)}${state.threadId ? ` · items in <#${state.threadId}>` : ''}`,
  ];
  const unsure = state.items
    .filter((i) => i.unsure.length > 0 && i.decision === 'pending')
    .map(
      (i) =>
        `• **${i.key}** ${escapeText(truncate(itemLabel(i), 50))}: ${escapeText(truncate(i.unsure.join('; '), 120))}`,
    );
  const fields: { name: string; value: string }[] = [];
  if (unsure.length)
    fields.push({
      name: 'Check first',
      value: linesWithin(unsure, 1000, (n) => `…and ${n} more in the thread`),
    });
  let status: string;
  switch (state.status) {
    case 'open':
      status =
        c.pending > 0
          ? 'Decide each item in the thread (Accept / Reject / Edit), then Publish.'
          : 'Every item is decided: Publish adds the accepted ones to the dataset.';
      break;
    case 'publishing':
      status = `Publishing… (started by ${escapeText(state.publishing?.by.name ?? 'a curator')})`;
      break;
    case 'published': {
      const o = state.outcome;
      status = o
        ? `Published by ${escapeText(o.by.name)} as ${o.label}: ${o.added.events.length} events, ${o.added.quotes.length} quotes, ${o.added.actors.length} actors added (dataset ${o.versionBefore.slice(0, 12)} → ${o.versionAfter.slice(0, 12)}).`
        : 'Published.';
      break;
    }
    case 'discarded':
      status = `Discarded by ${escapeText(state.discarded?.by.name ?? 'a curator')}: nothing was added.`;
      break;
  }
  fields.push({ name: 'Status', value: status });
  if (state.status === 'open' && state.lastPublish && state.lastPublish.problems.length > 0) {
    const problems = state.lastPublish.problems.map((p) => problemLine(p, state));
    fields.push({
      name: `Publish refused (${state.lastPublish.problems.length} problem${state.lastPublish.problems.length === 1 ? '' : 's'})`,
      value: linesWithin(problems, 1000, (n) => `…and ${n} more, listed in the thread`),
    });
  }
  const open = state.status === 'open';
  const components: APIActionRowComponent<APIComponentInMessageActionRow>[] = open
    ? [
        {
          type: ComponentType.ActionRow,
          components: [
            button(CURATE_IDS.publish.make({ draft: state.id }), 'Publish', ButtonStyle.Success, false),
            button(CURATE_IDS.refresh.make({ draft: state.id }), 'Refresh', ButtonStyle.Secondary, false),
            button(CURATE_IDS.discard.make({ draft: state.id }), 'Discard', ButtonStyle.Danger, false),
          ],
        },
      ]
    : [];
  return {
    embeds: [
      buildEmbed({
        title: `Review: ${title}`,
        description: lines.join('\n'),
        fields,
        footer: `/curate queue lists open reviews · /curate discard ${state.id}`,
        color: open ? CURATE_COLOR : DONE_COLOR,
      }),
    ],
    components,
    allowed_mentions: NO_MENTIONS,
  };
}

/** Every problem of a refused publish, as many messages as it takes. */
export function renderProblems(state: ReviewState, problems: readonly ReviewProblem[]): MessagePayload[] {
  const lines = problems.map((p) => problemLine(p, state));
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
              ? `Publish refused: ${problems.length} problem${problems.length === 1 ? '' : 's'}`
              : 'More problems',
          description: chunk.join('\n'),
          footer: 'Nothing was written. Fix the items (Edit, Accept or Reject), then Publish again.',
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
export function renderPublishedNote(state: ReviewState, dataset: Dataset): MessagePayload {
  const o = state.outcome;
  const events = (o?.added.events ?? []).map((id) => {
    const e = dataset.eventById.get(id);
    return `• ${e ? `${formatPartialDate(e.date)} ${escapeText(truncate(e.title, 120))}` : id} — ${inlineCode(id)}`;
  });
  const quotes = (o?.added.quotes ?? []).map((id) => `• ${inlineCode(id)}`);
  const actors = (o?.added.actors ?? []).map(
    (id) => `• ${escapeText(dataset.actorById.get(id)?.name ?? id)} — ${inlineCode(id)}`,
  );
  const fields = [
    ...(events.length
      ? [{ name: `Events (${events.length})`, value: linesWithin(events, 1000, (n) => `…and ${n} more`) }]
      : []),
    ...(quotes.length
      ? [{ name: `Quotes (${quotes.length})`, value: linesWithin(quotes, 1000, (n) => `…and ${n} more`) }]
      : []),
    ...(actors.length
      ? [{ name: `Actors (${actors.length})`, value: linesWithin(actors, 1000, (n) => `…and ${n} more`) }]
      : []),
  ];
  return {
    embeds: [
      buildEmbed({
        title: `Published as ${o?.label ?? 'a new source'}`,
        description: `${escapeText(o?.by.name ?? 'A curator')} published this review. The bot now serves the new entries (/event, /timeline, /quote), and scheduled briefings count the new events as new.`,
        fields,
        footer: `dataset ${o?.versionBefore.slice(0, 12) ?? '?'} → ${o?.versionAfter.slice(0, 12) ?? '?'}`,
        color: CURATE_COLOR,
      }),
    ],
    allowed_mentions: NO_MENTIONS,
  };
}

export function renderPublishReply(state: ReviewState): MessagePayload {
  if (state.status === 'published' && state.outcome) {
    const o = state.outcome;
    return notice(
      'Published',
      `Added ${o.added.events.length} events, ${o.added.quotes.length} quotes and ${o.added.actors.length} actors as source ${o.label}.${state.threadId ? ` Details in <#${state.threadId}>.` : ''}`,
    );
  }
  const problems = state.lastPublish?.problems ?? [];
  return notice(
    `Publish refused: ${problems.length} problem${problems.length === 1 ? '' : 's'}`,
    `${linesWithin(
      problems.map((p) => problemLine(p, state)),
      3500,
      (n) => `…and ${n} more, listed in the thread`,
    )}\n\nNothing was written.`,
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

const STEPS: Record<ProgressStep, string> = {
  fetching: 'Fetching the article',
  extracting: 'Extracting the text',
  analysing: 'Analysing quotes, speakers, events and dates',
  posting: 'Posting the review',
};

export function renderProgress(step: ProgressStep): MessagePayload {
  const order: ProgressStep[] = ['fetching', 'extracting', 'analysing', 'posting'];
  const at = order.indexOf(step);
  const lines = order.map((s, i) => `${i < at ? '✅' : i === at ? '⏳' : '▫️'} ${STEPS[s]}`);
  return notice('Curating…', lines.join('\n'));
}

export function renderSubmitted(state: ReviewState): MessagePayload {
  const unsure = state.items.filter((i) => i.unsure.length > 0).length;
  const where = state.threadId ? `<#${state.threadId}>` : `<#${state.channelId}>`;
  return notice(
    'Posted for review',
    `Review ${inlineCode(state.id)} is in ${where}: ${state.items.filter((i) => i.kind === 'event').length} events, ${state.items.filter((i) => i.kind === 'quote').length} quotes, ${state.items.filter((i) => i.kind === 'actor').length} new actors (${unsure} to check first). Nothing reaches the dataset until a curator publishes it.`,
  );
}

export function renderQueue(states: readonly ReviewState[]): MessagePayload {
  const open = states.filter((s) => s.status === 'open' || s.status === 'publishing');
  if (open.length === 0)
    return notice(
      'No open reviews',
      'Submit an article with `/curate article url:…` (or a file, or paste it).',
    );
  const lines = open.map((s) => {
    const c = counts(s);
    const source = s.items.find((i) => i.kind === 'source');
    return `• ${inlineCode(s.id)} ${escapeText(truncate(source ? itemLabel(source) : '?', 70))} — ${c.pending} pending, ${c.accepted} accepted${s.threadId ? ` · <#${s.threadId}>` : ''} · ${s.createdAt.slice(0, 10)}`;
  });
  return notice(
    `Open reviews (${open.length})`,
    linesWithin(lines, 3800, (n) => `…and ${n} more`),
  );
}

export function renderDiscardConfirm(state: ReviewState): MessagePayload {
  return {
    ...notice(
      'Discard this review?',
      `Review ${inlineCode(state.id)} and every decision in it will be dropped; nothing is added to the dataset.`,
      0xc53030,
    ),
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          button(
            CURATE_IDS.confirmDiscard.make({ draft: state.id }),
            'Discard it',
            ButtonStyle.Danger,
            false,
          ),
        ],
      },
    ],
  };
}

export function renderDiscarded(state: ReviewState): MessagePayload {
  return notice('Discarded', `Review ${inlineCode(state.id)} was discarded; nothing was added.`, DONE_COLOR);
}

export function renderItemNotice(state: ReviewState, key: string, text: string): MessagePayload {
  const item = state.items.find((i) => i.key === key);
  return notice(item ? `${item.key} · ${truncate(itemLabel(item), 200)}` : 'Review', text);
}
