/** Discord's message limits (developer docs, Message and Embed objects); everything rendered stays within them. */
export const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  embedTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  customId: 100,
  buttonLabel: 80,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  selectOptions: 25,
  selectOptionLabel: 100,
  selectOptionDescription: 100,
  selectPlaceholder: 150,
  modalTitle: 45,
  modalInputs: 5,
  textInputLabel: 45,
  textInputValue: 4000,
  textInputPlaceholder: 100,
  /** Files per message, and bytes per upload for a bot in a server without boosts (10 MiB). */
  files: 10,
  uploadBytes: 10 * 1024 * 1024,
} as const;

/**
 * Shortens text to at most `max` characters, cutting at a word boundary and marking the cut
 * with "…". Never splits a surrogate pair.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return '…'.slice(0, max);
  let cut = text.slice(0, max - 1);
  const space = cut.search(/\s\S*$/);
  if (space > max * 0.5) cut = cut.slice(0, space);
  cut = cut.replace(/[\s,;:.–—-]+$/u, '');
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** Joins whole lines up to `max` characters; the rest become "…and N more" with a pointer. */
export function linesWithin(lines: readonly string[], max: number, more: (n: number) => string): string {
  const kept: string[] = [];
  let used = 0;
  for (const [i, line] of lines.entries()) {
    const tail = i < lines.length - 1 ? more(lines.length - i - 1).length + 1 : 0;
    if (used + line.length + 1 + tail > max) {
      const rest = more(lines.length - i);
      return kept.length
        ? `${kept.join('\n')}\n${rest}`
        : truncate(`${truncate(line, max - rest.length - 1)}\n${rest}`, max);
    }
    kept.push(line);
    used += line.length + 1;
  }
  return kept.join('\n');
}
