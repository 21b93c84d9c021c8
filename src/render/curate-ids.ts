/**
 * The custom_ids of the /curate review (PURE): each carries the draft and item it acts on, so a click
 * works after a restart and on any process; the router parses them back and refuses what does not
 * decode. Item keys: `s` (source), `e1`…, `q1`…, `a1`… (events, quotes, new actors).
 */
import { defineComponentId } from './custom-id.ts';

export type ItemDecision = 'accepted' | 'rejected';

const DRAFT = /^[a-z0-9]{4,16}$/;
const ITEM = /^(?:s|[eqa]\d{1,4})$/;
const REV = /^\d{1,6}$/;

interface DraftRef {
  draft: string;
}
interface ItemRef extends DraftRef {
  item: string;
}
interface ItemAt extends ItemRef {
  rev: number;
}

const draftCodec = {
  encode: (p: DraftRef) => [p.draft],
  decode: ([draft]: readonly string[]) => (draft && DRAFT.test(draft) ? { draft } : undefined),
};
const itemCodec = {
  encode: (p: ItemRef) => [p.draft, p.item],
  decode: ([draft, item]: readonly string[]) =>
    draft && item && DRAFT.test(draft) && ITEM.test(item) ? { draft, item } : undefined,
};
const itemAtCodec = {
  encode: (p: ItemAt) => [p.draft, p.item, String(p.rev)],
  decode: ([draft, item, rev]: readonly string[]) =>
    draft && item && rev && DRAFT.test(draft) && ITEM.test(item) && REV.test(rev)
      ? { draft, item, rev: Number(rev) }
      : undefined,
};

export const CURATE_IDS = {
  /** Accept / Reject an item. */
  decide: defineComponentId<ItemRef & { decision: ItemDecision }>('cdec', {
    encode: (p) => [p.draft, p.item, p.decision === 'accepted' ? 'a' : 'r'],
    decode: ([draft, item, d]) => {
      const ref = itemCodec.decode([draft ?? '', item ?? '']);
      return ref && (d === 'a' || d === 'r')
        ? { ...ref, decision: d === 'a' ? 'accepted' : 'rejected' }
        : undefined;
    },
  }),
  /** Opens the item's edit form. */
  edit: defineComponentId<ItemRef>('cedit', itemCodec),
  /** The edit form, opened at the item's revision `rev`. */
  editForm: defineComponentId<ItemAt>('cform', itemAtCodec),
  /** Shows the speaker candidates of a quote. */
  speakers: defineComponentId<ItemRef>('cspk', itemCodec),
  /** The speaker select menu. */
  pickSpeaker: defineComponentId<ItemAt>('cpick', itemAtCodec),
  publish: defineComponentId<DraftRef>('cpub', draftCodec),
  discard: defineComponentId<DraftRef>('cdrop', draftCodec),
  confirmDiscard: defineComponentId<DraftRef>('cdropok', draftCodec),
  refresh: defineComponentId<DraftRef>('cref', draftCodec),
  /** The paste form of `/curate article` without url or file. */
  pasteForm: defineComponentId<Record<string, never>>('cpaste', {
    encode: () => [],
    decode: (parts) => (parts.length === 0 ? {} : undefined),
  }),
};

/** Text inputs of the forms, by custom_id. */
export const FORM_FIELDS = {
  title: 'title',
  summary: 'summary',
  date: 'date',
  basis: 'basis',
  topics: 'topics',
  speaker: 'speaker',
  event: 'event',
  context: 'context',
  name: 'name',
  kind: 'kind',
  description: 'description',
  aliases: 'aliases',
  publisher: 'publisher',
  text: 'text',
  more: 'more',
  published: 'published',
} as const;
