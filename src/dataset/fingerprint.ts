import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Identifies the code that validates and indexes the data: a dataset cache file built by other
 * code (a new schema rule, another tokenizer) must not be loaded. It hashes the sources of
 * src/domain and src/dataset, which hold all of that code, found from the package root (the
 * compiled bot runs from the same checkout); without them, the running files themselves.
 */
export function codeFingerprint(from: string = fileURLToPath(import.meta.url)): string {
  cached ??= compute(from);
  return cached;
}

let cached: string | undefined;

function compute(from: string): string {
  const hash = createHash('sha256');
  hash.update(`node ${process.versions.node.split('.')[0]} ${process.arch} ${process.platform}\0`);
  const root = packageRoot(path.dirname(from));
  const dirs = root ? ['src/domain', 'src/dataset'].map((d) => path.join(root, d)).filter(existsSync) : [];
  const files =
    dirs.length > 0
      ? dirs.flatMap((d) =>
          readdirSync(d)
            .filter((f) => f.endsWith('.ts'))
            .sort()
            .map((f) => path.join(d, f)),
        )
      : readdirSync(path.dirname(from))
          .filter((f) => f.endsWith('.js'))
          .sort()
          .map((f) => path.join(path.dirname(from), f));
  for (const file of files) {
    hash.update(`${path.basename(file)}\0`);
    hash.update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}

function packageRoot(dir: string): string | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    if (existsSync(path.join(d, 'package.json'))) return d;
    if (path.dirname(d) === d) return undefined;
  }
}
