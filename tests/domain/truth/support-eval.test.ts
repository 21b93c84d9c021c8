import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateSupport } from '../../../src/domain/truth/evaluate.ts';
import { brokenCopies } from '../../../src/domain/truth/mutations.ts';
import { DEFAULT_SUPPORT_THRESHOLD } from '../../../src/domain/truth/support.ts';
import { ARTICLES_DIR, rawDataset } from '../../support/fixtures.ts';
import { cleanDataset, TEXTS } from './fixture.ts';

/**
 * The support guard's precision and recall, measured the way `npm run data:truth-eval` prints
 * them: broken copies (wrong paragraph, changed number, added qualifier, swapped person) must be
 * caught, the records as they are must not be flagged.
 */

describe('broken copies', () => {
  it('break one record each, in each of the four ways', () => {
    const copies = brokenCopies(cleanDataset());
    expect(new Set(copies.map((c) => c.kind))).toEqual(
      new Set(['wrong-paragraph', 'number-changed', 'qualifier-added', 'actor-swapped']),
    );
    const number = copies.find((c) => c.kind === 'number-changed' && c.target.path === 'commitments[0]');
    expect(number?.description).toBe('commitments[0].text: "30" → "33"');
    expect(number?.data.commitments[0]?.text).toBe('A draft treaty is to be ready within 33 days.');
  });

  it('are all caught on the fixture, with no false alarm', () => {
    const [row] = evaluateSupport(cleanDataset(), TEXTS, [DEFAULT_SUPPORT_THRESHOLD]).rows;
    expect(row?.falsePositives).toBe(0);
    expect(row?.recall).toBeGreaterThanOrEqual(0.9);
  });
});

describe.runIf(existsSync(ARTICLES_DIR))('support guard on the curated dataset', () => {
  const texts = new Map(
    readdirSync(ARTICLES_DIR)
      .filter((f) => f.endsWith('.txt'))
      .map((f) => [f, readFileSync(path.join(ARTICLES_DIR, f), 'utf8')] as const),
  );

  it(`at the default threshold (${DEFAULT_SUPPORT_THRESHOLD}): no false alarm, ≥ 95% of broken copies caught`, () => {
    const ev = evaluateSupport(rawDataset(), texts, [DEFAULT_SUPPORT_THRESHOLD]);
    const [row] = ev.rows;
    if (!row) throw new Error('no row');
    expect(ev.falseAlarmsAt(DEFAULT_SUPPORT_THRESHOLD)).toEqual([]);
    expect(row.precision).toBe(1);
    expect(row.recall).toBeGreaterThanOrEqual(0.95);
    const share = (k: keyof typeof row.recallByKind) =>
      (row.recallByKind[k]?.caught ?? 0) / (row.recallByKind[k]?.total ?? 1);
    expect(share('wrong-paragraph')).toBeGreaterThanOrEqual(0.95);
    expect(share('number-changed')).toBe(1);
    expect(share('qualifier-added')).toBeGreaterThanOrEqual(0.95);
    expect(share('actor-swapped')).toBeGreaterThanOrEqual(0.9);
  });
});
