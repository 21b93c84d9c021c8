import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatJson } from '../../src/ingest/json.ts';
import { ingestFixture, ROOT } from './helpers.ts';

const biome = path.join(ROOT, 'node_modules/.bin/biome');

describe('formatJson', () => {
  it('puts a value on one line when it fits in 110 columns, else one member per line', () => {
    expect(formatJson({ a: [1, 2], b: { c: 'd' } })).toBe('{ "a": [1, 2], "b": { "c": "d" } }\n');
    const long = { items: Array.from({ length: 12 }, (_, i) => `item-number-${i}`) };
    expect(formatJson(long).trimEnd().split('\n')).toHaveLength(16);
  });

  it.skipIf(!existsSync(biome))('prints drafts exactly as Biome formats them', async () => {
    const { draft } = await ingestFixture('quote-styles.txt', '2025-03-07');
    const text = formatJson(draft);
    const formatted = spawnSync(biome, ['format', '--stdin-file-path=tests/fixtures/draft.json'], {
      cwd: ROOT,
      input: text,
      encoding: 'utf8',
    });
    expect(formatted.status).toBe(0);
    expect(formatted.stdout).toBe(text);
  });
});
