/**
 * Why curation refused or failed: a code and the data to explain it (the ScheduleError pattern).
 * The words are in src/render/curate-problems.ts, so this room knows nothing of Discord messages.
 */

export type CurationProblem =
  | { code: 'url-invalid'; url: string; reason: 'syntax' | 'scheme' | 'credentials' }
  /** The host is, or resolves to, an address curation never fetches (unless CURATE_ALLOW_HOSTS allows it). */
  | { code: 'url-refused'; host: string; address: string; range: string }
  | { code: 'url-unresolved'; host: string }
  | { code: 'fetch-timeout'; url: string; seconds: number }
  | { code: 'fetch-too-large'; url: string; limitBytes: number }
  | { code: 'fetch-type'; url: string; contentType: string; expected: readonly string[] }
  | { code: 'fetch-status'; url: string; status: number }
  | { code: 'fetch-redirects'; url: string; max: number }
  | { code: 'fetch-failed'; url: string; reason: string }
  | { code: 'file-type'; name: string; allowed: readonly string[] }
  | { code: 'file-too-large'; name: string; size: number; limitBytes: number }
  /** The page or file had no article text (a paywall, a script-only page, an empty paste). */
  | { code: 'no-text'; from: 'paste' | 'page' | { file: string } }
  | { code: 'text-too-short'; words: number; min: number }
  | { code: 'published-missing' }
  | { code: 'published-invalid'; typed: string }
  | { code: 'already-ingested'; sourceId: string; label: string }
  | { code: 'already-drafted'; draftId: string }
  | { code: 'not-curator'; roleConfigured: boolean }
  | { code: 'no-such-draft'; typed: string }
  | { code: 'draft-closed'; draftId: string; status: string }
  | { code: 'no-such-item'; draftId: string; item: string }
  /** Someone changed the item since this form was opened: nothing was overwritten. */
  | { code: 'edit-conflict'; item: string; by: string }
  | { code: 'edit-invalid'; field: string; message: string; detail?: EditDetail | undefined }
  | { code: 'publish-busy'; draftId: string }
  | { code: 'feed-invalid'; url: string; reason: string }
  | { code: 'feed-exists'; feedId: string }
  | { code: 'feed-limit'; max: number }
  | { code: 'no-such-feed'; typed: string }
  /** A feed item about nothing the dataset covers (no actor, no topic). */
  | { code: 'off-topic' }
  | { code: 'store-unavailable' };

export type CurationProblemCode = CurationProblem['code'];

export class CurationError extends Error {
  constructor(readonly problem: CurationProblem) {
    super(`curation refused: ${problem.code}`);
    this.name = 'CurationError';
  }

  get code(): CurationProblemCode {
    return this.problem.code;
  }
}

/** Why a form field was refused, as data (render/curate-problems.ts words it; `message` is English). */
export type EditDetail =
  | { why: 'too-short'; min: number }
  | { why: 'too-long'; max: number; length: number }
  | { why: 'date-shape' }
  | { why: 'not-a-day'; value: string }
  | { why: 'not-a-month'; value: string }
  | { why: 'precision'; value: string; precision: DatePrecision; said: DatePrecision }
  | { why: 'date-words'; words: string }
  | { why: 'no-topic'; typed: string; topics: string[] }
  | { why: 'speaker-ambiguous'; typed: string; matches: string[] }
  | { why: 'no-speaker'; typed: string; example: string; keys: string[] }
  | { why: 'no-event'; typed: string; keys: string[] }
  | { why: 'kind'; kinds: string[] }
  | { why: 'source-reject' };

type DatePrecision = 'day' | 'month' | 'year';
