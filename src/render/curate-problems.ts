/** Every /curate refusal as catalog messages (PURE): what went wrong and what to do instead. */
import type { CurationProblem, EditDetail } from '../curation/errors.ts';
import { type MessageKey, type Msg, msg, type Translator } from '../i18n/catalog.ts';
import { localizedOptionName } from '../i18n/commands.ts';
import { inlineCode } from './escape.ts';
import { truncate } from './limits.ts';

/** "1.5 MB" in the reader's language. */
const mb = (bytes: number) => msg('curateError.size', { mb: Math.round((bytes / 1024 / 1024) * 10) / 10 });
const publishedOption = (t: Translator) => localizedOptionName(t, 'curate', ['article', 'published']);

/** A record or form field as the curator reads it ("title" → "назва"); unknown fields as they are. */
export function fieldName(t: Translator, field: string): string {
  const key = `curateReview.recordField.${field}`;
  return key in t.language.messages ? t.text({ key: key as MessageKey, params: {} }) : field;
}

const quoted = (text: string) => truncate(text, 80);
const ids = (list: readonly string[]) => (t: Translator) =>
  list.length ? list.join(', ') : t.t('curateError.edit.none');
const PRECISION = {
  day: { is: 'curateError.edit.precision.day', for: 'curateError.edit.for.day', format: 'YYYY-MM-DD' },
  month: { is: 'curateError.edit.precision.month', for: 'curateError.edit.for.month', format: 'YYYY-MM' },
  year: { is: 'curateError.edit.precision.year', for: 'curateError.edit.for.year', format: 'YYYY' },
} as const;

/** Why a form field was refused, in the curator's language; an older refusal as it was written. */
export function editDetail(detail: EditDetail | undefined, message: string): Msg {
  if (!detail) return msg('text.verbatim', { text: message });
  switch (detail.why) {
    case 'too-short':
      return msg('curateError.edit.tooShort', { count: detail.min });
    case 'too-long':
      return msg('curateError.edit.tooLong', { count: detail.max, length: detail.length });
    case 'date-shape':
      return msg('curateError.edit.dateShape');
    case 'not-a-day':
      return msg('curateError.edit.notADay', { value: quoted(detail.value) });
    case 'not-a-month':
      return msg('curateError.edit.notAMonth', { value: quoted(detail.value) });
    case 'precision':
      return msg('curateError.edit.precision', {
        value: quoted(detail.value),
        precision: msg(PRECISION[detail.precision].is),
        said: msg(PRECISION[detail.said].for),
        format: PRECISION[detail.said].format,
      });
    case 'date-words':
      return msg('curateError.edit.dateWords', { words: quoted(detail.words) });
    case 'no-topic':
      return msg('curateError.edit.noTopic', {
        typed: quoted(detail.typed),
        topics: detail.topics.join(', '),
      });
    case 'speaker-ambiguous':
      return msg('curateError.edit.speakerAmbiguous', {
        typed: quoted(detail.typed),
        matches: detail.matches.join(', '),
      });
    case 'no-speaker':
      return msg('curateError.edit.noSpeaker', {
        typed: quoted(detail.typed),
        example: detail.example,
        keys: ids(detail.keys),
      });
    case 'no-event':
      return msg('curateError.edit.noEvent', { typed: quoted(detail.typed), keys: ids(detail.keys) });
    case 'kind':
      return msg('curateError.edit.kind', { kinds: detail.kinds.join(', ') });
    case 'source-reject':
      return msg('curateError.edit.sourceReject');
  }
}

export function describeCurationProblem(p: CurationProblem): { title: Msg; message: Msg } {
  switch (p.code) {
    case 'url-invalid': {
      const url = inlineCode(truncate(p.url, 80));
      return {
        title: msg('curateError.urlInvalid.title'),
        message:
          p.reason === 'scheme'
            ? msg('curateError.urlScheme', { url })
            : p.reason === 'credentials'
              ? msg('curateError.urlCredentials')
              : msg('curateError.urlSyntax', { url }),
      };
    }
    case 'url-refused':
      return {
        title: msg('curateError.urlRefused.title'),
        message: msg('curateError.urlRefused', {
          host: inlineCode(p.host),
          address: inlineCode(p.address),
          range: p.range,
        }),
      };
    case 'url-unresolved':
      return {
        title: msg('curateError.urlUnresolved.title'),
        message: msg('curateError.urlUnresolved', { host: inlineCode(p.host) }),
      };
    case 'fetch-timeout':
      return {
        title: msg('curateError.timeout.title'),
        message: msg('curateError.timeout', { seconds: p.seconds }),
      };
    case 'fetch-too-large':
      return {
        title: msg('curateError.pageTooLarge.title'),
        message: msg('curateError.pageTooLarge', { size: mb(p.limitBytes) }),
      };
    case 'fetch-type':
      return {
        title: msg('curateError.type.title'),
        message: msg('curateError.type', {
          type: inlineCode(p.contentType),
          expected: (t) => t.list([...p.expected], 'or'),
        }),
      };
    case 'fetch-status':
      return {
        title: msg('curateError.status.title'),
        message:
          p.status === 401 || p.status === 403
            ? msg('curateError.statusBlocked', { status: String(p.status) })
            : p.status === 404
              ? msg('curateError.statusNotFound', { status: String(p.status) })
              : msg('curateError.status', { status: String(p.status) }),
      };
    case 'fetch-redirects':
      return {
        title: msg('curateError.redirects.title'),
        message: msg('curateError.redirects', { max: p.max }),
      };
    case 'fetch-failed':
      return {
        title: msg('curateError.fetchFailed.title'),
        message: msg('curateError.fetchFailed', { reason: truncate(p.reason, 120) }),
      };
    case 'file-type':
      return {
        title: msg('curateError.fileType.title'),
        message: msg('curateError.fileType', {
          name: inlineCode(truncate(p.name, 60)),
          allowed: (t) => t.list([...p.allowed], 'or'),
        }),
      };
    case 'file-too-large':
      return {
        title: msg('curateError.fileTooLarge.title'),
        message: msg('curateError.fileTooLarge', {
          name: inlineCode(truncate(p.name, 60)),
          size: mb(p.size),
          limit: mb(p.limitBytes),
        }),
      };
    case 'no-text':
      return {
        title: msg('curateError.noText.title'),
        message: msg('curateError.noText', {
          from:
            p.from === 'paste'
              ? msg('curateError.from.paste')
              : p.from === 'page'
                ? msg('curateError.from.page')
                : msg('curateError.from.file', { name: inlineCode(truncate(p.from.file, 60)) }),
        }),
      };
    case 'text-too-short':
      return {
        title: msg('curateError.tooShort.title'),
        message: msg('curateError.tooShort', { count: p.words, min: p.min }),
      };
    case 'published-missing':
      return {
        title: msg('curateError.publishedMissing.title'),
        message: msg('curateError.publishedMissing', { option: publishedOption }),
      };
    case 'published-invalid':
      return {
        title: msg('curateError.publishedInvalid.title'),
        message: msg('curateError.publishedInvalid', {
          option: publishedOption,
          typed: inlineCode(truncate(p.typed, 20)),
        }),
      };
    case 'already-ingested':
      return {
        title: msg('curateError.ingested.title'),
        message: msg('curateError.ingested', { label: p.label, id: inlineCode(p.sourceId) }),
      };
    case 'already-drafted':
      return {
        title: msg('curateError.drafted.title'),
        message: msg('curateError.drafted', { id: inlineCode(p.draftId) }),
      };
    case 'not-curator': {
      const permission = msg('permission.manageServer');
      return {
        title: msg('curateError.notCurator.title'),
        message: p.roleConfigured
          ? msg('curateError.notCuratorRole', { permission })
          : msg('curateError.notCurator', { permission }),
      };
    }
    case 'no-such-draft':
      return {
        title: msg('curateError.noDraft.title'),
        message: msg('curateError.noDraft', { typed: inlineCode(truncate(p.typed, 20)) }),
      };
    case 'draft-closed':
      return {
        title: msg('curateError.closed.title'),
        message: msg('curateError.closed', { id: inlineCode(p.draftId), status: p.status }),
      };
    case 'no-such-item':
      return {
        title: msg('curateError.noItem.title'),
        message: msg('curateError.noItem', { id: inlineCode(p.draftId), item: inlineCode(p.item) }),
      };
    case 'edit-conflict':
      return {
        title: msg('curateError.conflict.title'),
        message: msg('curateError.conflict', { by: p.by, item: p.item }),
      };
    case 'edit-invalid':
      return {
        title: msg('curateError.invalid.title'),
        message: msg('curateError.invalid', {
          field: (t) => fieldName(t, p.field),
          detail: editDetail(p.detail, p.message),
        }),
      };
    case 'publish-busy':
      return {
        title: msg('curateError.busy.title'),
        message: msg('curateError.busy', { id: inlineCode(p.draftId) }),
      };
    case 'feed-invalid':
      return {
        title: msg('curateError.feedInvalid.title'),
        message: msg('curateError.feedInvalid', {
          url: inlineCode(truncate(p.url, 80)),
          reason: truncate(p.reason, 120),
        }),
      };
    case 'feed-exists':
      return {
        title: msg('curateError.feedExists.title'),
        message: msg('curateError.feedExists', { id: inlineCode(p.feedId) }),
      };
    case 'feed-limit':
      return {
        title: msg('curateError.feedLimit.title'),
        message: msg('curateError.feedLimit', { max: p.max }),
      };
    case 'no-such-feed':
      return {
        title: msg('curateError.noFeed.title'),
        message: msg('curateError.noFeed', { typed: inlineCode(truncate(p.typed, 20)) }),
      };
    case 'off-topic':
      return { title: msg('curateError.offTopic.title'), message: msg('curateError.offTopic') };
    case 'store-unavailable':
      return { title: msg('curateError.store.title'), message: msg('curateError.store') };
  }
}
