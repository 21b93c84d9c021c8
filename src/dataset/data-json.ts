/**
 * A data file printed the way data/ is laid out (JSON.stringify's two-space indent as Biome leaves
 * it): objects one member per line, a list of plain values on one line when it fits in 110
 * columns. Rewriting a file this way changes only the lines whose values changed.
 */
const LINE_WIDTH = 110;

function format(value: unknown, indent: number, lead: number, suffix: string): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const pad = ' '.repeat(indent + 2);
  const close = ' '.repeat(indent);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every((v) => v === null || typeof v !== 'object')) {
      const flat = `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
      if (lead + flat.length + suffix.length <= LINE_WIDTH) return flat;
    }
    const items = value.map((v, i) => {
      const comma = i < value.length - 1 ? ',' : '';
      return `${pad}${format(v, indent + 2, pad.length, comma)}${comma}`;
    });
    return `[\n${items.join('\n')}\n${close}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  const members = entries.map(([k, v], i) => {
    const comma = i < entries.length - 1 ? ',' : '';
    const key = `${pad}${JSON.stringify(k)}: `;
    return `${key}${format(v, indent + 2, key.length, comma)}${comma}`;
  });
  return `{\n${members.join('\n')}\n${close}}`;
}

export function formatDataFile(value: unknown): string {
  return `${format(value, 0, 0, '')}\n`;
}
