import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatDataFile } from '../dataset/data-json.ts';
import { displayDir, readDataFiles } from '../dataset/read-data-dir.ts';
import { isTranslationLocale, TRANSLATION_LOCALES, type TranslationLocale } from '../domain/locales.ts';
import { DATA_FILES, type DataFileName, type RawDataset } from '../domain/schema.ts';
import { englishText, translationHash, translationState } from '../domain/translations.ts';
import { translationCoverage, translationTargets } from '../domain/truth/translations.ts';
import { formatProblem, validateDataset } from '../domain/validate.ts';
import { parseCliArgs } from './args.ts';

/**
 * `npm run data:translations [-- DIR] [--locale uk]`: coverage per locale, then every field whose
 * translation is missing or stale, with its key, the hash a translation must record and the English.
 *
 * `npm run data:translations -- --apply FILE.json`: writes translations given as
 * `{ "locale": "uk", "translations": { "events.<id>.title": "…", "topics.<id>.thread.0.status": "…",
 * "actors.<id>.roles.0.title": "…", "actors.<id>.aliases": ["…"] } }`, each stamped with the hash of
 * the English text as it is now; refuses (writing nothing) when a key names nothing or the result
 * does not validate. Then run `npm run data:check`: it holds each translation to its English entry.
 */
const USAGE = 'usage: npm run data:translations [-- DIR] [--locale uk] [--apply FILE.json]';
const { values, positionals } = parseCliArgs(
  {
    allowPositionals: true,
    options: { locale: { type: 'string' }, apply: { type: 'string' } },
  },
  USAGE,
);
const dir = positionals[0] ?? 'data';
const shown = displayDir(dir);

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const { files } = await readDataFiles(dir);
const validated = validateDataset(files, shown);
if (!validated.ok) {
  for (const p of validated.problems) console.error(formatProblem(p));
  fail(`\n${shown}/ does not pass data:check: fix it first.`);
}
const data = validated.data;

/** "events.<id>.title" for a target path ("events[3]") and field. */
function keyOf(data: RawDataset, targetPath: string, field: string): string {
  return `${targetPath.replace(/^([a-z]+)\[(\d+)\]/, (_m, kind: keyof RawDataset, i: string) => `${kind}.${data[kind][Number(i)]?.id}`).replace(/\[(\d+)\]/g, '.$1')}.${field}`;
}

if (values.apply) await apply(values.apply);
else list(values.locale);

function list(only: string | undefined): void {
  if (only !== undefined && !isTranslationLocale(only))
    fail(`--locale ${only}: not a translation locale; use one of ${TRANSLATION_LOCALES.join(', ')}`);
  const locales = only ? [only as TranslationLocale] : TRANSLATION_LOCALES;
  const coverage = translationCoverage(data);
  for (const locale of locales) {
    const c = coverage[locale];
    console.log(
      `${locale}: ${c.current}/${c.fields} fields translated, ${c.stale} stale, ${c.missing} missing`,
    );
    for (const target of translationTargets(data))
      for (const field of target.fields) {
        const english = englishText(target.entity, field);
        if (english === undefined) continue;
        const state = translationState(target.entity, field, locale);
        if (state === 'current') continue;
        console.log(
          `  ${state.padEnd(7)} ${keyOf(data, target.path, field)}  from: "${translationHash(english)}"\n          ${english}`,
        );
      }
  }
}

async function apply(file: string): Promise<void> {
  const input = JSON.parse(await readFile(file, 'utf8')) as {
    locale?: string;
    translations?: Record<string, unknown>;
  };
  const locale = input.locale ?? '';
  if (!isTranslationLocale(locale))
    fail(`${file}: "locale" must be one of ${TRANSLATION_LOCALES.join(', ')}`);
  const raw = Object.fromEntries(
    Object.entries(files).map(([name, json]) => [name, structuredClone(json) as Record<string, unknown[]>]),
  ) as Record<DataFileName, Record<string, unknown[]>>;
  const byKey = new Map<string, { entity: Record<string, unknown>; field: string; file: DataFileName }>();
  const fileOf = Object.fromEntries(
    Object.entries(DATA_FILES).map(([name, f]) => [f.key, name as DataFileName]),
  );
  for (const target of translationTargets(data)) {
    const m = /^([a-z]+)\[(\d+)\](.*)$/.exec(target.path);
    const kind = m?.[1] ?? '';
    const name = fileOf[kind] as DataFileName;
    let entity = raw[name]?.[kind]?.[Number(m?.[2])] as Record<string, unknown>;
    for (const [, list, i] of (m?.[3] ?? '').matchAll(/\.([a-z]+)\[(\d+)\]/g))
      entity = (entity[list as string] as Record<string, unknown>[])[Number(i)] as Record<string, unknown>;
    const fields =
      target.key === 'actors' && !target.path.includes('.roles')
        ? [...target.fields, 'aliases']
        : target.fields;
    for (const field of fields) byKey.set(keyOf(data, target.path, field), { entity, field, file: name });
  }
  const touched = new Set<DataFileName>();
  const unknown: string[] = [];
  for (const [key, text] of Object.entries(input.translations ?? {})) {
    const at = byKey.get(key);
    if (!at) {
      unknown.push(key);
      continue;
    }
    if (!at.entity.i18n) at.entity.i18n = {};
    const i18n = at.entity.i18n as Record<string, Record<string, unknown>>;
    if (!i18n[locale]) i18n[locale] = {};
    const own = i18n[locale];
    if (at.field === 'aliases') own.aliases = text;
    else {
      const english = englishText(at.entity, at.field);
      if (english === undefined) {
        unknown.push(`${key} (the record has no English ${at.field})`);
        continue;
      }
      own[at.field] = { text, from: translationHash(english) };
    }
    touched.add(at.file);
  }
  if (unknown.length > 0) fail(`${file}: these keys name no translatable field:\n  ${unknown.join('\n  ')}`);
  const check = validateDataset(raw, shown);
  if (!check.ok) {
    for (const p of check.problems) console.error(formatProblem(p));
    fail(`\nnothing written: the translations above do not validate.`);
  }
  for (const name of touched) {
    const target = path.join(dir, name);
    const tmp = `${target}.${process.pid}.tmp`;
    await writeFile(tmp, formatDataFile(raw[name]));
    await rename(tmp, target);
  }
  console.log(
    `wrote ${Object.keys(input.translations ?? {}).length} ${locale} translation(s) to ${[...touched].map((n) => `${shown}/${n}`).join(', ') || 'no file'}; now run \`npm run data:check\`.`,
  );
}
