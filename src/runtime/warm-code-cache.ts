/**
 * Run by `npm run build` as `node dist/warm-code-cache.js <vendor bundle>`: loads every package of
 * the vendor bundle once (each is a getter of its exports) and writes the bundle's first code cache
 * (see code-cache.ts), so the first `npm start` after a build does not compile discord.js either.
 * It prints nothing unless the cache could not be written.
 */
import path from 'node:path';
import { CacheMaker, loadCachedBundle, saveCodeCaches } from './code-cache.ts';

const bundle = process.argv[2];
if (!bundle) throw new Error('usage: node dist/warm-code-cache.js <vendor bundle>');
const packages = loadCachedBundle(path.resolve(bundle));
for (const [name, exports] of Object.entries(packages))
  if (!exports || Object.keys(exports).length === 0)
    throw new Error(`the vendored package ${name} has no exports`);
if (saveCodeCaches(CacheMaker.build).length === 0) {
  console.error('build: no code cache written (dist/ not writable)');
  process.exitCode = 1;
}
