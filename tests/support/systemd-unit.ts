/** The README's example systemd unit, parsed: what the operator copies is what the tests run. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO } from './fixtures.ts';

export interface SystemdUnit {
  /** `[Section]` → key → values (a key may repeat). */
  sections: Record<string, Record<string, string[]>>;
  one(section: string, key: string): string;
  /** `Environment=A=1 B=2` lines as variables. */
  environment(): Record<string, string>;
}

export function readmeSystemdUnit(): SystemdUnit {
  const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const from = readme.indexOf('### Running under systemd');
  if (from < 0) throw new Error('README.md has no "### Running under systemd" section');
  const block = /```ini\n([\s\S]*?)```/.exec(readme.slice(from));
  if (!block?.[1]) throw new Error('the systemd section of README.md has no ```ini block');
  const sections: SystemdUnit['sections'] = {};
  let current: Record<string, string[]> | undefined;
  for (const raw of block[1].split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const header = /^\[(\w+)\]$/.exec(line);
    if (header?.[1]) {
      current = sections[header[1]] = {};
      continue;
    }
    const eq = line.indexOf('=');
    if (!current || eq < 1) throw new Error(`not a unit line: ${line}`);
    const key = line.slice(0, eq);
    current[key] = [...(current[key] ?? []), line.slice(eq + 1)];
  }
  return {
    sections,
    one(section, key) {
      const values = sections[section]?.[key];
      if (values?.length !== 1) throw new Error(`[${section}] ${key} should be set once`);
      return values[0] as string;
    },
    environment() {
      const env: Record<string, string> = {};
      for (const value of sections.Service?.Environment ?? [])
        for (const pair of value.split(/\s+/)) {
          const [k, ...v] = pair.split('=');
          if (k) env[k] = v.join('=');
        }
      return env;
    },
  };
}
