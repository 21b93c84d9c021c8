const ZWSP = '\u200b';

/**
 * Makes text safe to echo: it cannot ping (allowed_mentions is none anyway, but a visible
 * "@everyone" still alarms people) and cannot break the surrounding formatting.
 */
export function escapeText(text: string): string {
  return neutralizeMentions(escapeMarkdown(text));
}

function escapeMarkdown(text: string): string {
  return text.replace(/([\\*_`~|>[\]()#-])/g, '\\$1').replace(/^(\s*)(\d+)\./gm, '$1$2\\.');
}

function neutralizeMentions(text: string): string {
  return text
    .replace(/@(everyone|here)/gi, `@${ZWSP}$1`)
    .replace(/<(@[!&]?|#|\/)(\S*?)>/g, `<${ZWSP}$1$2>`)
    .split(String.fromCharCode(0))
    .join('');
}

/**
 * Inline code for user input echoed back, backticks included: the span is fenced with one backtick
 * more than the longest run inside (Discord's markdown, like CommonMark, closes a span only on a run
 * of the same length), padded with a space where the text starts or ends with a backtick.
 */
export function inlineCode(text: string): string {
  const clean = neutralizeMentions(text.replace(/\s+/g, ' ').trim());
  if (!clean) return '``';
  const longest = Math.max(0, ...(clean.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = clean.startsWith('`') || clean.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}
