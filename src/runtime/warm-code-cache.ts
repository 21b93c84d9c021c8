/**
 * Run by `npm run build` as `node dist/warm-code-cache.js <vendor bundle> <app bundle>`: loads every
 * package of the vendor bundle once (each is a getter of its exports), then the app bundle, and writes
 * their first code caches (see code-cache.ts), so the first `npm start` after a build compiles
 * neither discord.js nor the bot's own modules.
 * It prints nothing unless the cache could not be written.
 */
import path from 'node:path';
import { CacheMaker, loadCachedBundle, saveCodeCaches } from './code-cache.ts';

const [bundle, ...more] = process.argv.slice(2);
if (!bundle) throw new Error('usage: node dist/warm-code-cache.js <vendor bundle> [<app bundle>]');
const packages = loadCachedBundle(path.resolve(bundle));
for (const [name, exports] of Object.entries(packages))
  if (!exports || Object.keys(exports).length === 0)
    throw new Error(`the vendored package ${name} has no exports`);
// The app bundle (dist/app-<hash>.cjs): loading it runs only its modules' top level, not the bot.
for (const other of more) loadCachedBundle(path.resolve(other));
if (saveCodeCaches(CacheMaker.build).length === 0) {
  console.error('build: no code cache written (dist/ not writable)');
  process.exitCode = 1;
}
