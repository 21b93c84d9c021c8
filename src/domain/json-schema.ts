import { z } from 'zod';
import { DATA_FILES, type DataFileName } from './schema.ts';

/** JSON Schemas for editors, generated from the zod schema (the single source of truth). */
export function dataJsonSchemas(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(DATA_FILES) as [
    DataFileName,
    (typeof DATA_FILES)[DataFileName],
  ][]) {
    const schema = z.toJSONSchema(spec.schema, { io: 'input', unrepresentable: 'any' });
    out[name.replace(/\.json$/, '.schema.json')] = { ...schema, title: `briefbot ${name}` };
  }
  return out;
}
