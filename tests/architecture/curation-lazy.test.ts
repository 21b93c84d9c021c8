/**
 * The bot loads curation's heavy half only when someone curates: nothing the bot imports statically
 * (import declarations, not `import()`) reaches the ingest (chrono-node, wink), Readability, linkedom,
 * the feed parser or the truth guards. The production build refuses curation code in the bot's eager
 * graph for the same reason: start-up time and memory for servers that never curate.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { REPO } from '../support/fixtures.ts';

const HEAVY_PACKAGES =
  /^(chrono-node|wink-nlp|wink-eng-lite-web-model|@mozilla\/readability|linkedom|@extractus\/feed-extractor|stemmer)$/;
const HEAVY_FILES =
  /^src\/(ingest\/|domain\/truth\/|curation\/(pipeline|extract|apply-draft|feed-parse|relevance)\.ts)/;

/** Static, runtime imports of a file (type-only imports and dynamic import() left out). */
function staticImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const out: string[] = [];
  for (const node of source.statements) {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      const typeOnly = ts.isImportDeclaration(node)
        ? (node.importClause?.isTypeOnly ?? false)
        : node.isTypeOnly;
      if (!typeOnly) out.push(node.moduleSpecifier.text);
    }
  }
  return out;
}

function eagerGraph(entry: string): Map<string, string[]> {
  const reached = new Map<string, string[]>();
  const walk = (file: string, via: string[]) => {
    const rel = path.relative(REPO, file);
    if (reached.has(rel)) return;
    reached.set(rel, via);
    for (const spec of staticImports(file)) {
      if (spec.startsWith('.')) {
        const target = path.resolve(path.dirname(file), spec);
        if (existsSync(target)) walk(target, [...via, rel]);
      } else reached.set(spec, [...via, rel]);
    }
  };
  walk(path.join(REPO, entry), []);
  return reached;
}

describe('curation loads lazily', () => {
  it.each(['src/index.ts', 'src/cli/start-sharded.ts', 'src/cli/register.ts'])(
    '%s reaches no NLP, extraction, feed parsing or truth-guard code at start-up',
    (entry) => {
      const graph = eagerGraph(entry);
      expect(graph.has('commands/curate.ts') || entry !== 'src/index.ts').toBe(true);
      const heavy = [...graph].filter(([m]) => HEAVY_PACKAGES.test(m) || HEAVY_FILES.test(m));
      expect(heavy.map(([m, via]) => `${[...via, m].join(' → ')}`)).toEqual([]);
    },
  );

  it('the service reaches the heavy half through import() only', () => {
    const service = readFileSync(path.join(REPO, 'src/curation/service.ts'), 'utf8');
    expect(service).toMatch(/import\('\.\/pipeline\.ts'\)/);
  });
});
