import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkTruth } from '../../../src/domain/truth/index.ts';
import { formatProblem } from '../../../src/domain/validate.ts';
import { ARTICLES_DIR, rawDataset } from '../../support/fixtures.ts';

describe.runIf(existsSync(ARTICLES_DIR))('the curated dataset against its articles', () => {
  it('passes every truth guard: no error, no warning, nothing skipped', () => {
    const texts = new Map(
      readdirSync(ARTICLES_DIR)
        .filter((f) => f.endsWith('.txt'))
        .map((f) => [f, readFileSync(path.join(ARTICLES_DIR, f), 'utf8')] as const),
    );
    const report = checkTruth(rawDataset(), texts);
    expect(report.problems.map(formatProblem)).toEqual([]);
    expect(report.skipped).toEqual([]);
  });
});
