import type { z } from 'zod';
import { DATA_FILES, type DataFileName, type RawDataset } from '../domain/schema.ts';

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  defaultValue?: unknown;
};
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Fills in, in place, the defaults of a value's absent fields; undefined: nothing to fill. */
type Filler = ((value: unknown) => void) | undefined;
const fillers = new WeakMap<z.ZodType, Filler>();

/**
 * A function that fills in, in place, the defaults the schema gives absent fields (through objects,
 * arrays, optional and nullable values; other schema kinds are left as they are). For valid data
 * this is what validation returns; the build checks that it is (see build-cache.ts) before trusting
 * an index built from it without waiting for validation.
 */
export function defaultsFiller(schema: z.ZodType): Filler {
  if (fillers.has(schema)) return fillers.get(schema);
  fillers.set(schema, undefined); // a recursive schema fills nothing below itself
  const filler = compile(schema);
  fillers.set(schema, filler);
  return filler;
}

function compile(schema: z.ZodType): Filler {
  const def = defOf(schema);
  if ((def.type === 'default' || def.type === 'optional' || def.type === 'nullable') && def.innerType) {
    const inner = defaultsFiller(def.innerType);
    return inner && ((value) => value !== undefined && value !== null && inner(value));
  }
  if (def.type === 'array' && def.element) {
    const element = defaultsFiller(def.element);
    return (
      element &&
      ((value) => {
        if (Array.isArray(value)) for (const item of value) element(item);
      })
    );
  }
  if (def.type !== 'object' || !def.shape) return undefined;
  const defaults: Array<[string, z.ZodType]> = [];
  const nested: Array<[string, (value: unknown) => void]> = [];
  for (const [key, field] of Object.entries(def.shape)) {
    if (defOf(field).type === 'default') defaults.push([key, field]);
    const inner = defaultsFiller(field);
    if (inner) nested.push([key, inner]);
  }
  if (defaults.length === 0 && nested.length === 0) return undefined;
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
    const record = value as Record<string, unknown>;
    for (const [key, field] of defaults)
      if (record[key] === undefined) record[key] = defOf(field).defaultValue; // a fresh copy each time
    for (const [key, fill] of nested) if (record[key] !== undefined) fill(record[key]);
  };
}

/** The item schema of a data file (one event, one quote…). */
export function itemSchemaOf(name: DataFileName): z.ZodType {
  const spec = DATA_FILES[name];
  return (spec.schema.shape[spec.key as never] as unknown as z.ZodArray<z.ZodType>).element;
}

/**
 * The record lists of parsed data files with the schema's defaults filled in (the files' objects,
 * changed in place), or undefined when a file is not an object with its list.
 */
export function listsWithDefaults(files: Partial<Record<DataFileName, unknown>>): RawDataset | undefined {
  const raw: Record<string, unknown[]> = {};
  for (const [name, spec] of Object.entries(DATA_FILES) as [
    DataFileName,
    (typeof DATA_FILES)[DataFileName],
  ][]) {
    const items = (files[name] as Record<string, unknown> | null | undefined)?.[spec.key];
    if (!Array.isArray(items)) return undefined;
    const fill = defaultsFiller(itemSchemaOf(name));
    if (fill) for (const item of items) fill(item);
    raw[spec.key] = items;
  }
  return raw as unknown as RawDataset;
}

/**
 * Deep equality of JSON values (what JSON.parse and validation of JSON give: plain objects, arrays,
 * strings, finite numbers, booleans, null), own keys in any order. Faster than util.isDeepStrictEqual
 * on such values, which it agrees with.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      if (!(i in a) || !(i in b) || !sameJson(a[i], b[i])) return false;
    }
    return true;
  }
  if (Array.isArray(b)) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  for (const k of ka) if (!Object.hasOwn(rb, k) || !sameJson(ra[k], rb[k])) return false;
  return true;
}
