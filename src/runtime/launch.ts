/**
 * dist/index.js, what `npm start` runs: compiles the bot's own start-up code, bundled by
 * `npm run build` into dist/app-<content hash>.cjs (src/main.ts and everything it loads at start),
 * from a V8 code cache, as the vendor bundle is (see code-cache.ts), and runs it. Node 20 keeps no
 * compile cache for ES modules, so this saves compiling our code at every start. The build defines
 * BRIEFBOT_APP_BUNDLE; code only curation or another store needs is in ES module files lazy-*.js
 * beside it, which the bundle imports through the importer passed here the first time it needs them.
 */
import { fileURLToPath } from 'node:url';
import { loadCachedBundle } from './code-cache.ts';

declare const BRIEFBOT_APP_BUNDLE: string;

const app = loadCachedBundle(fileURLToPath(new URL(BRIEFBOT_APP_BUNDLE, import.meta.url))) as {
  main(): Promise<void>;
  setImporter(importer: (url: string) => Promise<unknown>): void;
};
app.setImporter((url) => import(url));
await app.main();
