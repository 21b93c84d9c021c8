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

/** Inline code for user input echoed back; backticks inside are replaced so the span stays closed. */
export function inlineCode(text: string): string {
  const clean = neutralizeMentions(text.replace(/`/g, 'ˋ').replace(/\s+/g, ' ').trim());
  return clean ? `\`${clean}\`` : '``';
}
