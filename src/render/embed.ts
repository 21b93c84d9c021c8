import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import { LIMITS, truncate } from './limits.ts';
import type { MessagePayload } from './message.ts';

export interface EmbedSpec {
  title?: string;
  description?: string;
  fields?: { name: string; value: string; inline?: boolean }[];
  footer?: string;
  color?: number;
  author?: string;
}

function embedLength(e: APIEmbed): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.author?.name.length ?? 0) +
    (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

/**
 * Builds one embed within every per-part limit, then shrinks the longest parts until the whole
 * fits `budget` (6000 by default, less when several embeds share a message).
 */
export function buildEmbed(spec: EmbedSpec, budget: number = LIMITS.embedTotal): APIEmbed {
  const fields: APIEmbedField[] = (spec.fields ?? [])
    .filter((f) => f.name.trim() && f.value.trim())
    .slice(0, LIMITS.embedFields)
    .map((f) => ({
      name: truncate(f.name, LIMITS.fieldName),
      value: truncate(f.value, LIMITS.fieldValue),
      ...(f.inline ? { inline: true } : {}),
    }));
  // Discord JSON: a part the spec leaves empty is left out of the embed, never sent empty.
  const embed: APIEmbed = {
    ...(spec.title ? { title: truncate(spec.title, LIMITS.embedTitle) } : {}),
    ...(spec.description ? { description: truncate(spec.description, LIMITS.embedDescription) } : {}),
    ...(fields.length ? { fields } : {}),
    ...(spec.footer ? { footer: { text: truncate(spec.footer, LIMITS.footer) } } : {}),
    ...(spec.author ? { author: { name: truncate(spec.author, LIMITS.author) } } : {}),
    ...(spec.color !== undefined ? { color: spec.color } : {}),
  };
  let excess = embedLength(embed) - budget;
  while (excess > 0) {
    // Shrink the description first, then the longest field, keeping at least a stub of each.
    if (embed.description && embed.description.length > 200) {
      const target = Math.max(200, embed.description.length - excess);
      embed.description = truncate(embed.description, target);
    } else if (embed.fields?.length) {
      const longest = embed.fields.reduce((a, b) => (b.value.length > a.value.length ? b : a));
      if (longest.value.length > 60)
        longest.value = truncate(longest.value, Math.max(60, longest.value.length - excess));
      else embed.fields.pop();
    } else if (embed.description) {
      embed.description = truncate(embed.description, Math.max(1, embed.description.length - excess));
    } else if (embed.footer) {
      embed.footer.text = truncate(embed.footer.text, Math.max(1, embed.footer.text.length - excess));
    } else if (embed.title) {
      embed.title = truncate(embed.title, Math.max(1, embed.title.length - excess));
    } else break;
    excess = embedLength(embed) - budget;
  }
  return embed;
}

/** Every way a payload breaks Discord's limits; empty when it is valid. Used by tests and fuzzing. */
export function messageViolations(m: MessagePayload): string[] {
  const out: string[] = [];
  if (m.allowed_mentions?.parse.length !== 0) out.push('allowed_mentions must be { parse: [] }');
  const roles = m.allowed_mentions?.roles ?? [];
  if (roles.length > 1) out.push('allowed_mentions may allow one opted-in role at most');
  if ('users' in (m.allowed_mentions ?? {})) out.push('allowed_mentions must not allow users');
  const files = m.files ?? [];
  if (files.length > LIMITS.files) out.push(`${files.length} files > ${LIMITS.files}`);
  const bytes = files.reduce((sum, f) => sum + f.data.byteLength, 0);
  if (bytes > LIMITS.uploadBytes) out.push(`files total ${bytes} bytes > ${LIMITS.uploadBytes}`);
  for (const url of JSON.stringify(m.embeds ?? []).match(/attachment:\/\/[^"]+/g) ?? [])
    if (!files.some((f) => `attachment://${f.name}` === url)) out.push(`${url} names no attached file`);
  if ((m.content?.length ?? 0) > LIMITS.content) out.push(`content ${m.content?.length} > ${LIMITS.content}`);
  const embeds = m.embeds ?? [];
  if (!m.content && embeds.length === 0 && files.length === 0)
    out.push('message has neither content nor embeds');
  if (embeds.length > LIMITS.embeds) out.push(`${embeds.length} embeds > ${LIMITS.embeds}`);
  let total = 0;
  embeds.forEach((e, i) => {
    total += embedLength(e);
    if ((e.title?.length ?? 0) > LIMITS.embedTitle) out.push(`embed ${i} title too long`);
    if ((e.description?.length ?? 0) > LIMITS.embedDescription) out.push(`embed ${i} description too long`);
    if ((e.fields?.length ?? 0) > LIMITS.embedFields) out.push(`embed ${i} has too many fields`);
    for (const f of e.fields ?? []) {
      if (f.name.length > LIMITS.fieldName || f.name.length === 0)
        out.push(`embed ${i} field name length ${f.name.length}`);
      if (f.value.length > LIMITS.fieldValue || f.value.length === 0)
        out.push(`embed ${i} field value length ${f.value.length}`);
    }
    if ((e.footer?.text.length ?? 0) > LIMITS.footer) out.push(`embed ${i} footer too long`);
    if ((e.author?.name.length ?? 0) > LIMITS.author) out.push(`embed ${i} author too long`);
  });
  if (total > LIMITS.embedTotal) out.push(`embeds total ${total} > ${LIMITS.embedTotal}`);
  const rows = m.components ?? [];
  if (rows.length > LIMITS.actionRows) out.push(`${rows.length} rows > ${LIMITS.actionRows}`);
  const ids = new Set<string>();
  for (const row of rows) {
    if (row.components.length > LIMITS.buttonsPerRow) out.push('too many buttons in a row');
    for (const b of row.components) {
      if ('custom_id' in b) {
        if (b.custom_id.length > LIMITS.customId || b.custom_id.length === 0)
          out.push(`custom_id length ${b.custom_id.length}`);
        if (ids.has(b.custom_id)) out.push(`duplicate custom_id ${b.custom_id}`);
        ids.add(b.custom_id);
      }
      if ('label' in b && (b.label?.length ?? 0) > LIMITS.buttonLabel) out.push('button label too long');
      if ('options' in b) {
        if (row.components.length !== 1) out.push('a select menu must be alone in its row');
        if (b.options.length === 0 || b.options.length > LIMITS.selectOptions)
          out.push(`select menu with ${b.options.length} options`);
        if ((b.placeholder?.length ?? 0) > LIMITS.selectPlaceholder) out.push('select placeholder too long');
        for (const o of b.options) {
          if (o.label.length === 0 || o.label.length > LIMITS.selectOptionLabel)
            out.push('select option label length');
          if (o.value.length === 0 || o.value.length > LIMITS.choiceValue)
            out.push('select option value length');
          if ((o.description?.length ?? 0) > LIMITS.selectOptionDescription)
            out.push('select option description too long');
        }
      }
    }
  }
  return out;
}
