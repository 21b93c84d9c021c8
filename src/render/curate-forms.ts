/**
 * The /curate forms (PURE): the edit form of each kind of item, prefilled with its fields (quote text
 * is not among them: it stays verbatim), the paste form, and the speaker select menu. Within Discord's
 * limits: five inputs, labels of 45, values of 4,000, 25 options.
 */
import type { APIActionRowComponent, APITextInputComponent } from 'discord-api-types/v10';
import { ComponentType, TextInputStyle } from 'discord-api-types/v10';
import type { ReviewItem, ReviewState } from '../curation/review.ts';
import type { Dataset } from '../domain/model.ts';
import { CURATE_IDS, FORM_FIELDS } from './curate-ids.ts';
import { LIMITS, truncate } from './limits.ts';
import { EPHEMERAL, type MessagePayload, type ModalPayload, NO_MENTIONS } from './message.ts';

interface Input {
  id: string;
  label: string;
  long?: boolean;
  value?: string | undefined;
  placeholder?: string;
  required?: boolean;
  min?: number;
  max?: number;
}

function row(input: Input): APIActionRowComponent<APITextInputComponent> {
  const value =
    input.value && !/TODO|^todo-/.test(input.value)
      ? input.value.slice(0, input.max ?? LIMITS.textInputValue)
      : undefined;
  return {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.TextInput,
        custom_id: input.id,
        label: truncate(input.label, LIMITS.textInputLabel),
        style: input.long ? TextInputStyle.Paragraph : TextInputStyle.Short,
        required: input.required ?? true,
        ...(input.min !== undefined ? { min_length: input.min } : {}),
        max_length: input.max ?? LIMITS.textInputValue,
        ...(value ? { value } : {}),
        ...(input.placeholder
          ? { placeholder: truncate(input.placeholder, LIMITS.textInputPlaceholder) }
          : {}),
      },
    ],
  };
}

function dateText(item: Extract<ReviewItem, { kind: 'event' }>): string {
  const d = item.record.date;
  return `${d.value}${d.approximate ? ' ~' : ''}`;
}

/** The edit form of an item, opened at its current revision. */
export function renderEditForm(state: ReviewState, item: ReviewItem): ModalPayload {
  const custom_id = CURATE_IDS.editForm.make({ draft: state.id, item: item.key, rev: item.rev });
  const f = FORM_FIELDS;
  let title: string;
  let inputs: Input[];
  switch (item.kind) {
    case 'source':
      title = 'Edit the source';
      inputs = [
        { id: f.title, label: 'Title (the article’s headline)', value: item.record.title, min: 3, max: 200 },
        {
          id: f.summary,
          label: 'Summary, in your own words',
          long: true,
          value: item.record.summary,
          placeholder: 'What the article reports, without copying its sentences',
          min: 10,
          max: 1500,
        },
        {
          id: f.publisher,
          label: 'Publisher (as the page names it)',
          value: item.record.publisher,
          required: false,
          max: 100,
        },
      ];
      break;
    case 'event':
      title = `Edit event ${item.key}`;
      inputs = [
        { id: f.title, label: 'Title, in your own words', value: item.record.title, min: 5, max: 200 },
        {
          id: f.summary,
          label: 'Summary, in your own words',
          long: true,
          value: item.record.summary,
          placeholder: `What ¶${item.record.citations.map((c) => c.paragraph).join(', ¶')} report, not copied`,
          min: 20,
          max: 1500,
        },
        {
          id: f.date,
          label: 'Date: 2025-03-11, 2025-03 or 2025; ~ = approx.',
          value: dateText(item),
          max: 20,
        },
        {
          id: f.basis,
          label: 'How the text dates it (quote its words)',
          long: true,
          value: item.record.date.basis,
          min: 3,
          max: 600,
        },
        {
          id: f.topics,
          label: 'Topics (ids, comma-separated)',
          value: item.record.topics.join(', '),
          required: false,
          max: 300,
        },
      ];
      break;
    case 'quote':
      title = `Edit quote ${item.key}`;
      inputs = [
        { id: f.speaker, label: 'Speaker (actor id, name, or a1…)', value: item.record.speaker, max: 100 },
        { id: f.event, label: 'Event (e1… or a dataset event id)', value: item.record.event, max: 100 },
        {
          id: f.context,
          label: 'Context, in your own words',
          long: true,
          value: item.record.context,
          placeholder: 'Who said it, where and about what (not the quote itself)',
          min: 10,
          max: 500,
        },
        {
          id: f.topics,
          label: 'Topics (ids, comma-separated)',
          value: item.record.topics.join(', '),
          required: false,
          max: 300,
        },
      ];
      break;
    case 'actor':
      title = `Edit new actor ${item.key}`;
      inputs = [
        { id: f.name, label: 'Name (clean, without titles)', value: item.record.name, min: 2, max: 100 },
        { id: f.kind, label: 'Kind: person, state, organization or group', value: item.record.kind, max: 20 },
        {
          id: f.description,
          label: 'Who they are, in your own words',
          long: true,
          value: item.record.description,
          min: 3,
          max: 300,
        },
        {
          id: f.aliases,
          label: 'Other spellings (comma-separated)',
          value: item.record.aliases.join(', '),
          required: false,
          max: 500,
        },
      ];
      break;
  }
  return {
    custom_id,
    title: truncate(title, LIMITS.modalTitle),
    components: inputs.slice(0, LIMITS.modalInputs).map(row),
  };
}

/** `/curate article` without url or file: paste the text (two boxes of 4,000 characters). */
export function renderPasteForm(prefill: {
  published?: string | undefined;
  title?: string | undefined;
  publisher?: string | undefined;
}): ModalPayload {
  const f = FORM_FIELDS;
  return {
    custom_id: CURATE_IDS.pasteForm.make({}),
    title: 'Paste an article',
    components: [
      row({
        id: f.text,
        label: 'Article text (one paragraph per line)',
        long: true,
        min: 200,
        max: LIMITS.textInputValue,
        placeholder: 'Longer than 8,000 characters? Use file: or url: instead',
      }),
      row({
        id: f.more,
        label: 'Continued (optional)',
        long: true,
        required: false,
        max: LIMITS.textInputValue,
      }),
      row({
        id: f.published,
        label: 'Published (YYYY-MM-DD)',
        value: prefill.published,
        min: 10,
        max: 10,
        placeholder: '2025-03-11',
      }),
      row({ id: f.title, label: 'Headline (optional)', value: prefill.title, required: false, max: 200 }),
      row({
        id: f.publisher,
        label: 'Publisher (optional)',
        value: prefill.publisher,
        required: false,
        max: 100,
      }),
    ],
  };
}

/** The speaker candidates of a quote as a select menu (private to the curator who asked). */
export function renderSpeakerChoice(
  state: ReviewState,
  item: Extract<ReviewItem, { kind: 'quote' }>,
  dataset: Dataset,
): MessagePayload {
  const name = (id: string) =>
    dataset.actorById.get(id)?.name ??
    state.items.find((i) => i.kind === 'actor' && i.record.id === id)?.record.id ??
    id;
  const seen = new Set<string>();
  const options = item.candidates
    .filter((c) => !c.speaker.startsWith('new:') && !seen.has(c.speaker) && seen.add(c.speaker))
    .slice(0, LIMITS.selectOptions)
    .map((c) => ({
      label: truncate(name(c.speaker), LIMITS.selectOptionLabel),
      value: c.speaker.slice(0, LIMITS.choiceValue),
      description: truncate(
        `${c.rule}, ${c.confidence.toFixed(2)}: ${c.evidence}`,
        LIMITS.selectOptionDescription,
      ),
      ...(c.speaker === item.record.speaker ? { default: true } : {}),
    }));
  const text = `Who said “${truncate(item.record.text, 200)}” (¶${item.record.citation.paragraph})? The ingest’s candidates, best first. Someone else: use Edit.`;
  if (options.length === 0)
    return { content: `${text}\nNo candidates were found.`, allowed_mentions: NO_MENTIONS, flags: EPHEMERAL };
  return {
    content: text,
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.StringSelect,
            custom_id: CURATE_IDS.pickSpeaker.make({ draft: state.id, item: item.key, rev: item.rev }),
            placeholder: 'Choose the speaker',
            options,
          },
        ],
      },
    ],
    allowed_mentions: NO_MENTIONS,
    flags: EPHEMERAL,
  };
}
