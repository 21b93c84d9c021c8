/** Every /curate refusal in words (PURE): what went wrong and what to do instead. */
import type { CurationProblem } from '../curation/errors.ts';
import { inlineCode } from './escape.ts';
import { truncate } from './limits.ts';

const mb = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

export function describeCurationProblem(p: CurationProblem): { title: string; message: string } {
  switch (p.code) {
    case 'url-invalid':
      return {
        title: 'Not a link the bot can fetch',
        message:
          p.reason === 'scheme'
            ? `Only http:// and https:// links can be curated (you gave ${inlineCode(truncate(p.url, 80))}).`
            : p.reason === 'credentials'
              ? 'Links with a user name or password in them are not fetched. Paste the public link of the article.'
              : `${inlineCode(truncate(p.url, 80))} is not a web address. Paste the full link, starting with https://.`,
      };
    case 'url-refused':
      return {
        title: 'Address refused',
        message: `${inlineCode(p.host)} points to ${inlineCode(p.address)}, a ${p.range} address. The bot never fetches private, internal or metadata addresses. If this is your own server, the operator can allow it with CURATE_ALLOW_HOSTS; otherwise attach the article as a file or paste it.`,
      };
    case 'url-unresolved':
      return { title: 'Unknown host', message: `${inlineCode(p.host)} does not resolve. Check the link.` };
    case 'fetch-timeout':
      return {
        title: 'The site did not answer',
        message: `No complete answer within ${p.seconds} s. Try again later, or attach the article as a file.`,
      };
    case 'fetch-too-large':
      return {
        title: 'Page too large',
        message: `The page is over ${mb(p.limitBytes)}. Save the article’s text and attach it as a .txt file.`,
      };
    case 'fetch-type':
      return {
        title: 'Not an article page',
        message: `The link serves ${inlineCode(p.contentType)}; only ${p.expected.join(' or ')} can be read. Link the article page itself, or attach its text.`,
      };
    case 'fetch-status':
      return {
        title: 'The site refused',
        message: `The site answered HTTP ${p.status}${p.status === 401 || p.status === 403 ? ' (a paywall or a block)' : p.status === 404 ? ' (not found)' : ''}. Attach the article as a file, or paste it.`,
      };
    case 'fetch-redirects':
      return {
        title: 'Too many redirects',
        message: `The link redirected more than ${p.max} times. Use the final article link.`,
      };
    case 'fetch-failed':
      return {
        title: 'Could not fetch',
        message: `Fetching failed (${truncate(p.reason, 120)}). Try again, or attach the article.`,
      };
    case 'file-type':
      return {
        title: 'Unsupported file',
        message: `${inlineCode(truncate(p.name, 60))} is not one of ${p.allowed.join(', ')}. Save the article as text, HTML or Markdown.`,
      };
    case 'file-too-large':
      return {
        title: 'File too large',
        message: `${inlineCode(truncate(p.name, 60))} is ${mb(p.size)}; the limit is ${mb(p.limitBytes)}.`,
      };
    case 'no-text':
      return {
        title: 'No article text found',
        message: `No article text could be read from ${p.what} (a paywall, or a page built by scripts?). Attach the text as a file or paste it.`,
      };
    case 'text-too-short':
      return {
        title: 'Too short to curate',
        message: `Only ${p.words} words: an article needs at least ${p.min}. Check that the whole text came through.`,
      };
    case 'published-missing':
      return {
        title: 'When was it published?',
        message:
          'The page does not say when it was published, and dates like "on Tuesday" count from that day. Run the command again with `published:` (YYYY-MM-DD, the day the article appeared).',
      };
    case 'published-invalid':
      return {
        title: 'Date not understood',
        message: `\`published\` must be a real day written YYYY-MM-DD (you typed ${inlineCode(truncate(p.typed, 20))}).`,
      };
    case 'already-ingested':
      return {
        title: 'Already in the dataset',
        message: `This article is already source ${p.label} (${inlineCode(p.sourceId)}).`,
      };
    case 'already-drafted':
      return {
        title: 'Already under review',
        message: `This article is already in review ${inlineCode(p.draftId)} (/curate queue).`,
      };
    case 'not-curator':
      return {
        title: 'Curators only',
        message: p.roleConfigured
          ? 'Curating needs the **Manage Server** permission or this server’s curator role. Ask a moderator.'
          : 'Curating needs the **Manage Server** permission. Ask a moderator.',
      };
    case 'no-such-draft':
      return {
        title: 'No such review',
        message: `There is no review ${inlineCode(truncate(p.typed, 20))} in this server. /curate queue lists the open ones.`,
      };
    case 'draft-closed':
      return {
        title: 'Review closed',
        message: `Review ${inlineCode(p.draftId)} is ${p.status}: nothing more can change in it.`,
      };
    case 'no-such-item':
      return {
        title: 'No such item',
        message: `Review ${inlineCode(p.draftId)} has no item ${inlineCode(p.item)}.`,
      };
    case 'edit-conflict':
      return {
        title: 'Changed meanwhile',
        message: `${p.by} edited ${p.item} after you opened the form, so your edit was not applied (nothing was overwritten). Your text is below: open Edit again and re-apply what you still need.`,
      };
    case 'edit-invalid':
      return { title: 'Not saved', message: `**${p.field}**: ${p.message}. Nothing was changed; try again.` };
    case 'publish-busy':
      return {
        title: 'Already publishing',
        message: `Review ${inlineCode(p.draftId)} (or another one) is being published right now. Wait a moment and look at the review.`,
      };
    case 'feed-invalid':
      return {
        title: 'Not a feed',
        message: `${inlineCode(truncate(p.url, 80))} could not be read as an RSS, Atom or JSON feed (${truncate(p.reason, 120)}).`,
      };
    case 'feed-exists':
      return {
        title: 'Already followed',
        message: `This server already follows that feed as ${inlineCode(p.feedId)}.`,
      };
    case 'feed-limit':
      return {
        title: 'Too many feeds',
        message: `A server can follow at most ${p.max} feeds. Remove one first (/curate feed remove).`,
      };
    case 'no-such-feed':
      return {
        title: 'No such feed',
        message: `No feed ${inlineCode(truncate(p.typed, 20))} here. /curate feed list shows them.`,
      };
    case 'off-topic':
      return {
        title: 'Not about this timeline',
        message: 'The article names none of the dataset’s actors or topics, so it was not drafted.',
      };
    case 'store-unavailable':
      return {
        title: 'Storage not answering',
        message: 'The bot’s storage did not answer in time; nothing was changed. Try again in a moment.',
      };
  }
}
