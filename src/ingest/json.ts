/**
 * JSON printed the way the project's formatter (Biome, line width 110) leaves it: a value goes on
 * one line when it fits, otherwise one member per line. Keeps `biome check` clean on data files
 * that accept writes to.
 */

export const LINE_WIDTH = 110;

function inline(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? '[]' : `[${value.map(inline).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    return `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${inline(v)}`).join(', ')} }`;
  }
  return JSON.stringify(value);
}

/**
 * `value` printed at `indent` spaces, as it would follow `prefix` on its line and be followed by
 * `suffix` (a comma or nothing).
 */
export function formatJsonValue(value: unknown, indent: number, prefix = '', suffix = ''): string {
  const flat = inline(value);
  const isContainer = value !== null && typeof value === 'object';
  if (!isContainer || indent + prefix.length + flat.length + suffix.length <= LINE_WIDTH) return flat;
  const pad = ' '.repeat(indent + 2);
  if (Array.isArray(value)) {
    const items = value.map(
      (v, i) => pad + formatJsonValue(v, indent + 2, '', i < value.length - 1 ? ',' : ''),
    );
    return `[\n${items.map((line, i) => (i < items.length - 1 ? `${line},` : line)).join('\n')}\n${' '.repeat(indent)}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  const lines = entries.map(([k, v], i) => {
    const key = `${JSON.stringify(k)}: `;
    const comma = i < entries.length - 1 ? ',' : '';
    return `${pad}${key}${formatJsonValue(v, indent + 2, key, comma)}${comma}`;
  });
  return `{\n${lines.join('\n')}\n${' '.repeat(indent)}}`;
}

/** A whole JSON document, with a final newline. */
export function formatJson(value: unknown): string {
  return `${formatJsonValue(value, 0)}\n`;
}
