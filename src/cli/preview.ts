import { writeFileSync } from 'node:fs';
import { commands } from '../../commands/index.ts';
import { loadDatasetFromDir } from '../dataset/read-data-dir.ts';
import type { OptionValue } from '../discord/command.ts';
import { UserError } from '../discord/command.ts';
import { memoryPageStates } from '../discord/page-states.ts';
import { createBriefbook } from '../domain/briefbook.ts';
import { formatProblem } from '../domain/validate.ts';
import { translatorFor } from '../i18n/languages.ts';
import { createLogger } from '../logger.ts';
import { renderNotice } from '../render/notice.ts';
import { parsePageButton } from '../render/paged-view.ts';
import { messageToText } from '../render/terminal.ts';

const USAGE = `usage: npm run preview -- <command> [option:value ...] [locale:uk] [--page N] [--json] [--out FILE]
       npm run preview -- autocomplete <command> <option>:<typed text>
examples:
  npm run preview -- timeline topic:security-guarantees
  npm run preview -- briefing as_of:2025-08-20
  npm run preview -- briefing locale:uk
  npm run preview -- quote speaker:"JD Vance"
  npm run preview -- autocomplete actor name:volo
  npm run preview -- timeline view:chart --out timeline.png   (writes the attached picture)
commands: ${commands.map((c) => c.data.name).join(', ')}`;

const args = process.argv.slice(2);
const json = args.includes('--json');
const pageFlag = args.indexOf('--page');
const page = pageFlag >= 0 ? Number(args[pageFlag + 1]) - 1 : 0;
const outFlag = args.indexOf('--out');
const out = outFlag >= 0 ? args[outFlag + 1] : undefined;
const flagged = (i: number) =>
  (pageFlag >= 0 && (i === pageFlag || i === pageFlag + 1)) ||
  (outFlag >= 0 && (i === outFlag || i === outFlag + 1));
const rest = args.filter((a, i) => a !== '--json' && !flagged(i));
const autocomplete = rest[0] === 'autocomplete';
const [name, ...pairs] = autocomplete ? rest.slice(1) : rest;
const command = commands.find((c) => c.data.name === name);
if (!command) {
  console.error(name ? `Unknown command "${name}".\n${USAGE}` : USAGE);
  process.exit(2);
}

const loaded = await loadDatasetFromDir(process.env.DATA_DIR ?? 'data');
if (!loaded.ok) {
  for (const p of loaded.problems) console.error(formatProblem(p));
  process.exit(1);
}
const book = createBriefbook(loaded.dataset);
const now = new Date();
const baseContext = {
  book,
  datasetLoadedAt: now,
  clock: { now: () => now },
  logger: createLogger({ level: 'warn' }),
  botVersion: 'preview',
  startedAt: now,
  heavyWork: false,
  pageStates: memoryPageStates(),
};

const options: Record<string, OptionValue> = {};
let subcommand: string | undefined;
let focused: { name: string; value: string } | undefined;
// `locale:uk` is the reader's Discord locale, not an option of the command.
const localePair = pairs.find((p) => p.startsWith('locale:'));
const locale = localePair?.slice('locale:'.length) ?? 'en-US';
const ctx = { ...baseContext, t: translatorFor(locale) };
for (const pair of pairs.filter((p) => p !== localePair)) {
  const colon = pair.indexOf(':');
  if (colon <= 0) {
    subcommand = pair;
    continue;
  }
  const key = pair.slice(0, colon);
  const value = pair.slice(colon + 1);
  options[key] = value;
  focused ??= { name: key, value };
}
const input = {
  commandName: command.data.name,
  subcommand,
  options,
  userId: '0',
  guildId: '0',
  channelId: '0',
  memberPermissions: String(1n << 5n),
  locale,
};

if (autocomplete) {
  if (!command.autocomplete || !focused) {
    console.error(`/${command.data.name} has no autocomplete, or no option:value was given.`);
    process.exit(2);
  }
  const choices = await command.autocomplete(ctx, { ...input, focused });
  for (const c of choices) console.log(`${c.name}  →  ${c.value}`);
  process.exit(0);
}

let payload: Awaited<ReturnType<typeof command.execute>>;
try {
  payload = await command.execute(ctx, input);
  if (page > 0 && command.pages) {
    const next = payload.components?.[0]?.components.at(-1);
    const button = next && 'custom_id' in next ? parsePageButton(next.custom_id) : undefined;
    if (button) payload = await command.pages.show(ctx, { ...button, page });
  }
} catch (error) {
  if (!(error instanceof UserError)) throw error;
  const { message, title } = error.render(ctx.t);
  payload = renderNotice(message, title ? { title } : {});
}
const attached = payload.files?.[0];
if (out) {
  if (!attached) {
    console.error('This answer attaches no file, so --out has nothing to write.');
    process.exit(2);
  }
  writeFileSync(out, attached.data);
}
const { files, ...shown } = payload;
console.log(json ? JSON.stringify(shown, null, 2) : messageToText(shown));
for (const f of files ?? [])
  console.log(
    `[attached ${f.name}, ${f.data.byteLength} bytes${f === attached && out ? ` → written to ${out}` : ''}]`,
  );
