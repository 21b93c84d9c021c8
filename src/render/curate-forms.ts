/**
 * The /curate forms (PURE): the edit form of each kind of item, prefilled with its fields (quote text
 * is not among them: it stays verbatim), the paste form, and the speaker select menu. Within Discord's
 * limits: five inputs, labels of 45, values of 4,000, 25 options.
 */
import type { APIActionRowComponent, APITextInputComponent } from 'discord-api-types/v10';
import { ComponentType, TextInputStyle } from 'discord-api-types/v10';
import type { ReviewItem, ReviewState } from '../curation/review.ts';
import type { Dataset } from '../domain/model.ts';
import type { Translator } from '../i18n/catalog.ts';
import { confidence } from './curate.ts';
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
export function renderEditForm(t: Translator, state: ReviewState, item: ReviewItem): ModalPayload {
  const custom_id = CURATE_IDS.editForm.make({ draft: state.id, item: item.key, rev: item.rev });
  const f = FORM_FIELDS;
  let title: string;
  let inputs: Input[];
  switch (item.kind) {
    case 'source':
      title = t.t('curateForm.source.title');
      inputs = [
        { id: f.title, label: t.t('curateForm.headline'), value: item.record.title, min: 3, max: 200 },
        {
          id: f.summary,
          label: t.t('curateForm.summary'),
          long: true,
          value: item.record.summary,
          placeholder: t.t('curateForm.sourceSummaryHint'),
          min: 10,
          max: 1500,
        },
        {
          id: f.publisher,
          label: t.t('curateForm.publisherAsNamed'),
          value: item.record.publisher,
          required: false,
          max: 100,
        },
      ];
      break;
    case 'event':
      title = t.t('curateForm.event.title', { key: item.key });
      inputs = [
        { id: f.title, label: t.t('curateForm.eventTitle'), value: item.record.title, min: 5, max: 200 },
        {
          id: f.summary,
          label: t.t('curateForm.summary'),
          long: true,
          value: item.record.summary,
          placeholder: t.t('curateForm.eventSummaryHint', {
            paragraphs: `¶${item.record.citations.map((c) => c.paragraph).join(', ¶')}`,
          }),
          min: 20,
          max: 1500,
        },
        {
          id: f.date,
          label: t.t('curateForm.date'),
          value: dateText(item),
          max: 20,
        },
        {
          id: f.basis,
          label: t.t('curateForm.basis'),
          long: true,
          value: item.record.date.basis,
          min: 3,
          max: 600,
        },
        {
          id: f.topics,
          label: t.t('curateForm.topics'),
          value: item.record.topics.join(', '),
          required: false,
          max: 300,
        },
      ];
      break;
    case 'quote':
      title = t.t('curateForm.quote.title', { key: item.key });
      inputs = [
        { id: f.speaker, label: t.t('curateForm.speaker'), value: item.record.speaker, max: 100 },
        { id: f.event, label: t.t('curateForm.event'), value: item.record.event, max: 100 },
        {
          id: f.context,
          label: t.t('curateForm.context'),
          long: true,
          value: item.record.context,
          placeholder: t.t('curateForm.contextHint'),
          min: 10,
          max: 500,
        },
        {
          id: f.topics,
          label: t.t('curateForm.topics'),
          value: item.record.topics.join(', '),
          required: false,
          max: 300,
        },
      ];
      break;
    case 'actor':
      title = t.t('curateForm.actor.title', { key: item.key });
      inputs = [
        { id: f.name, label: t.t('curateForm.name'), value: item.record.name, min: 2, max: 100 },
        { id: f.kind, label: t.t('curateForm.kind'), value: item.record.kind, max: 20 },
        {
          id: f.description,
          label: t.t('curateForm.description'),
          long: true,
          value: item.record.description,
          min: 3,
          max: 300,
        },
        {
          id: f.aliases,
          label: t.t('curateForm.aliases'),
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
export function renderPasteForm(
  t: Translator,
  prefill: {
    published?: string | undefined;
    title?: string | undefined;
    publisher?: string | undefined;
  },
): ModalPayload {
  const f = FORM_FIELDS;
  return {
    custom_id: CURATE_IDS.pasteForm.make({}),
    title: t.t('curateForm.paste.title'),
    components: [
      row({
        id: f.text,
        label: t.t('curateForm.text'),
        long: true,
        min: 200,
        max: LIMITS.textInputValue,
        placeholder: t.t('curateForm.textHint'),
      }),
      row({
        id: f.more,
        label: t.t('curateForm.more'),
        long: true,
        required: false,
        max: LIMITS.textInputValue,
      }),
      row({
        id: f.published,
        label: t.t('curateForm.published'),
        value: prefill.published,
        min: 10,
        max: 10,
        placeholder: '2025-03-11',
      }),
      row({
        id: f.title,
        label: t.t('curateForm.headlineOptional'),
        value: prefill.title,
        required: false,
        max: 200,
      }),
      row({
        id: f.publisher,
        label: t.t('curateForm.publisherOptional'),
        value: prefill.publisher,
        required: false,
        max: 100,
      }),
    ],
  };
}

/** The speaker candidates of a quote as a select menu (private to the curator who asked). */
export function renderSpeakerChoice(
  t: Translator,
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
        `${c.rule}, ${confidence(t, c.confidence)}: ${c.evidence}`,
        LIMITS.selectOptionDescription,
      ),
      ...(c.speaker === item.record.speaker ? { default: true } : {}),
    }));
  const text = t.t('curateForm.whoSaid', {
    quote: truncate(item.record.text, 200),
    paragraph: `¶${item.record.citation.paragraph}`,
  });
  if (options.length === 0)
    return {
      content: `${text}\n${t.t('curateForm.noCandidates')}`,
      allowed_mentions: NO_MENTIONS,
      flags: EPHEMERAL,
    };
  return {
    content: text,
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.StringSelect,
            custom_id: CURATE_IDS.pickSpeaker.make({ draft: state.id, item: item.key, rev: item.rev }),
            placeholder: truncate(t.t('curateForm.chooseSpeaker'), LIMITS.selectPlaceholder),
            options,
          },
        ],
      },
    ],
    allowed_mentions: NO_MENTIONS,
    flags: EPHEMERAL,
  };
}
