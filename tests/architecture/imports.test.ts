/**
 * The one-way import rule (ARCHITECTURE.md): domain/ and render/ stay pure (no discord.js, no I/O, no
 * clock, no logger), and scheduler/ never reaches into discord/. Checked on the real import graph:
 * every file's own imports, and everything it loads at run time through relative imports.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { REPO } from '../support/fixtures.ts';

const SRC = path.join(REPO, 'src');

interface Import {
  specifier: string;
  /** `import type` / `export type`: erased, never loaded. */
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

function importsOf(file: string): Import[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const found: Import[] = [];
  const visit = (node: ts.Node) => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      const typeOnly = ts.isImportDeclaration(node)
        ? (node.importClause?.isTypeOnly ?? false)
        : node.isTypeOnly;
      found.push({ specifier: node.moduleSpecifier.text, typeOnly });
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      found.push({ specifier: node.arguments[0].text, typeOnly: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const rel = (file: string) => path.relative(REPO, file);
const resolve = (from: string, specifier: string) => path.resolve(path.dirname(from), specifier);
const isRelative = (specifier: string) => specifier.startsWith('.');

/** Every module `file` loads at run time: [module, the chain of files that leads to it]. */
function runtimeReach(file: string): Array<{ target: string; via: string[] }> {
  const out: Array<{ target: string; via: string[] }> = [];
  const seen = new Set<string>();
  const walk = (current: string, via: string[]) => {
    if (seen.has(current)) return;
    seen.add(current);
    for (const imp of importsOf(current)) {
      if (imp.typeOnly) continue;
      if (isRelative(imp.specifier)) {
        const target = resolve(current, imp.specifier);
        out.push({ target: rel(target), via });
        walk(target, [...via, rel(target)]);
      } else out.push({ target: imp.specifier, via });
    }
  };
  walk(file, [rel(file)]);
  return out;
}

const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
/** Pure computation, no I/O: hashing a dataset version. */
const PURE_BUILTINS = new Set(['node:crypto', 'crypto']);

/** Why a pure module may not load `target` (undefined: it may). */
function impurity(target: string): string | undefined {
  if (BUILTINS.has(target) && !PURE_BUILTINS.has(target)) return 'node I/O';
  if (target === 'discord.js' || target.startsWith('@discordjs/')) return 'discord.js';
  if (/^(@keyv\/|keyv$|node-cron$|pino$|ws$)/.test(target)) return 'I/O library';
  if (target === 'src/clock.ts') return 'the clock';
  if (target === 'src/logger.ts') return 'the logger';
  if (/^src\/(discord|store|dataset|cli)\//.test(target) || /^src\/(bot|index|config)\.ts$/.test(target))
    return 'an impure room';
  return undefined;
}

/** Reading the time or the environment without being handed them. */
const AMBIENT = /\bDate\.now\(|new Date\(\)|performance\.now\(|\bprocess\.|\bset(?:Timeout|Interval)\(/;

const pureFiles = [...sourceFiles(path.join(SRC, 'domain')), ...sourceFiles(path.join(SRC, 'render'))];

describe('import rule: domain/ and render/ are pure', () => {
  it('finds the files it checks', () => {
    expect(pureFiles.length).toBeGreaterThan(20);
  });

  it.each(pureFiles.map((f) => [rel(f), f]))(
    '%s loads no discord.js, I/O, clock or logger',
    (_name, file) => {
      const problems = runtimeReach(file).flatMap(({ target, via }) => {
        const why = impurity(target);
        return why ? [`${via.join(' → ')} → ${target} (${why})`] : [];
      });
      expect(problems).toEqual([]);
    },
  );

  it.each(pureFiles.map((f) => [rel(f), f]))(
    '%s does not read the time or the environment',
    (_name, file) => {
      const lines = readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => `${i + 1}: ${line.trim()}`)
        .filter((line) => AMBIENT.test(line) && !/^\d+: (\/\/|\*|\/\*)/.test(line));
      expect(lines).toEqual([]);
    },
  );
});

describe('import rule: scheduler/ never imports discord/', () => {
  const schedulerFiles = sourceFiles(path.join(SRC, 'scheduler'));

  it.each(schedulerFiles.map((f) => [rel(f), f]))('%s', (_name, file) => {
    const direct = importsOf(file)
      .filter(
        (imp) => isRelative(imp.specifier) && rel(resolve(file, imp.specifier)).startsWith('src/discord/'),
      )
      .map((imp) => imp.specifier);
    const reached = runtimeReach(file)
      .filter(({ target }) => target.startsWith('src/discord/'))
      .map(({ target, via }) => `${via.join(' → ')} → ${target}`);
    expect([...direct, ...reached]).toEqual([]);
  });
});

describe('the rule itself', () => {
  it('catches what it forbids', () => {
    expect(impurity('node:fs')).toBe('node I/O');
    expect(impurity('fs/promises')).toBe('node I/O');
    expect(impurity('discord.js')).toBe('discord.js');
    expect(impurity('src/clock.ts')).toBe('the clock');
    expect(impurity('src/store/index.ts')).toBe('an impure room');
    expect(impurity('node:crypto')).toBeUndefined();
    expect(impurity('src/domain/dates.ts')).toBeUndefined();
    expect(AMBIENT.test('const t = Date.now();')).toBe(true);
    expect(AMBIENT.test('const day = new Date(ms);')).toBe(false);
  });
});
