import type { MessagePayload } from './message.ts';

/** A message as readable terminal text: what a Discord user would see, for `npm run preview`. */
export function messageToText(m: MessagePayload): string {
  const out: string[] = [];
  if (m.flags && (m.flags & 64) === 64) out.push('(only you can see this)');
  if (m.content) out.push(m.content);
  for (const e of m.embeds ?? []) {
    if (e.author) out.push(e.author.name);
    if (e.title) out.push(`━━ ${e.title} ━━`);
    if (e.description) out.push(e.description);
    for (const f of e.fields ?? []) out.push(`\n▸ ${f.name}\n${f.value}`);
    if (e.footer) out.push(`\n— ${e.footer.text}`);
  }
  for (const row of m.components ?? []) {
    out.push(
      row.components
        .map((b) =>
          'label' in b && b.label
            ? `[${b.label}${'disabled' in b && b.disabled ? ' (disabled)' : ''}]`
            : '[button]',
        )
        .join(' '),
    );
  }
  return out.join('\n');
}
