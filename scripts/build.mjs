#!/usr/bin/env node
import { execFileSync } from 'node:child_process';
/**
 * `npm run build`: compiles the bot to plain JavaScript in dist/ with esbuild: one bundle per entry,
 * shared code in chunks, the packages it uses bundled in too (loading one file instead of hundreds
 * of discord.js modules halves the start-up time), except native and optional ones, which stay in
 * node_modules (EXTERNAL). `npm start` runs it through `prestart`
 * with --if-stale, which rebuilds only when a source file changed since the last build (a hash of
 * src/, commands/, package.json, tsconfig.json and this script), so `npm install && npm start`
 * just works and a second start costs a few milliseconds.
 *
 * The bot must not load curation code at start: the build fails if src/ingest or chrono-node is
 * reachable from an entry through static imports. /curate loads it with a dynamic import() the
 * first time a curator uses it, so those chunks exist in dist/ but stay unloaded until then.
 */
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist');
const stampFile = path.join(outdir, '.build-stamp');
const ifStale = process.argv.includes('--if-stale');

/** The bot, its sharded launcher, slash command registration, and the dataset worker thread. */
const entryPoints = {
  // Loads dist/app-<hash>.cjs, the bot itself (src/main.ts), from a code cache: see buildApp.
  index: 'src/runtime/launch.ts',
  'start-sharded': 'src/cli/start-sharded.ts',
  register: 'src/cli/register.ts',
  'build-worker': 'src/dataset/build-worker.ts',
  // Run once by this script to write the vendor bundle's first code cache (see below).
  'warm-code-cache': 'src/runtime/warm-code-cache.ts',
};
/**
 * Packages the bot loads at every start, bundled into one CommonJS file, dist/vendor-<hash>.cjs,
 * that src/runtime/code-cache.ts compiles from a V8 code cache: Node 20 caches no compiled ES
 * modules, and compiling these was most of a start's CPU time. Each import of one of them from
 * the ES module bundles becomes a small module that reads its exports from the vendor bundle.
 * Packages only curation loads stay in lazily imported chunks.
 */
const VENDOR = [
  'discord.js',
  'discord-api-types/v10',
  'undici',
  'zod',
  'keyv',
  'node-cron',
  'cronstrue',
  // Registers itself in cronstrue: it must run inside the vendor bundle, with its cronstrue.
  'cronstrue/locales/uk.js',
  'cron-parser',
  'pino',
];
/**
 * Native modules, optional peers, and the store backends (loaded only when STORE_URL picks them).
 * @keyv/sqlite, the default store's, is bundled into its lazily imported chunk instead: loaded from
 * node_modules, it brought a second keyv (ES modules, ~10 ms to compile at every start) beside the
 * vendor bundle's; bundled, it uses the vendor bundle's (see SHARES_VENDORED).
 */
const EXTERNAL = [
  'sqlite3',
  '@keyv/redis',
  '@keyv/postgres',
  'pg-native',
  'zlib-sync',
  'bufferutil',
  'utf-8-validate',
  'erlpack',
  'tsx',
  '@resvg/resvg-js',
];
/**
 * Smaller bundles for what the bot loads at start (parsing is most of a warm start's CPU time):
 * - world-countries' countries.json is 1 MB (flags, borders, translations, geography); the bundle
 *   keeps only the fields src/domain/places.ts reads (its CountryRecord), ~6% of it;
 * - zod re-exports every error-message locale as `z.locales` (350 KB), which the bot never uses:
 *   its schema messages are written in src/domain/schema.ts, and zod's default English locale is
 *   imported by zod itself, not through that index.
 */
/**
 * Less work when the vendor bundle loads: a package that loads a Node built-in it needs only on a
 * path the bot never takes. Each patch replaces one exact piece of the package's file; when a new
 * version changed that piece, the build says so and keeps the file as it is (a slower start, nothing
 * broken).
 * - @discordjs/rest polyfills FormData with `globalThis.FormData ??= …`: reading the global makes
 *   Node 20 load its own copy of undici (fetch, FormData), ~20 ms of a start, only to find FormData
 *   there. An `in` test polyfills in the same cases (a Node without the global) without reading it.
 *   It also loads magic-bytes.js (~5 ms: a tree of file signatures built at load) to guess the type
 *   of an uploaded file sent without one; it is loaded by the first such upload instead.
 * - undici loads node:http2 (~10 ms) for the HTTP/2 client, used only with `allowH2` (the bot's
 *   Discord and curation requests are HTTP/1.1), and reads seven header-name constants from it at
 *   load: those are HTTP/2's fixed pseudo-header names (checked against Node's below), and
 *   node:http2 is loaded by the first HTTP/2 connection instead.
 * - undici's index loads its mocks (MockAgent loads node:console), fetch, Response, Request,
 *   FileReader, the Cache API, cookies, WebSocket, EventSource and its interceptors (~25 ms): the bot uses `request`,
 *   `Agent` and `Headers`, and discord.js takes `fetch` at load but calls it only to fetch a file
 *   from a URL. Those exports become getters that load their module on first use (not enumerable,
 *   so the vendor modules below do not read them at load; nothing of ours imports them), and
 *   `fetch` loads its implementation on its first call.
 * - @vladfrangu/async_event_emitter (discord.js's event emitter) bundles node-inspect-extracted, a
 *   browser port of util.inspect (~17 ms to load), to format an error it rethrows; on Node it is
 *   node:util's own inspect.
 */
const HTTP2_HEADERS = {
  HTTP2_HEADER_AUTHORITY: ':authority',
  HTTP2_HEADER_METHOD: ':method',
  HTTP2_HEADER_PATH: ':path',
  HTTP2_HEADER_SCHEME: ':scheme',
  HTTP2_HEADER_CONTENT_LENGTH: 'content-length',
  HTTP2_HEADER_EXPECT: 'expect',
  HTTP2_HEADER_STATUS: ':status',
};
function checkHttp2Headers() {
  const { constants } = createRequire(import.meta.url)('node:http2');
  for (const [name, value] of Object.entries(HTTP2_HEADERS))
    if (constants[name] !== value) throw new Error(`node:http2 ${name} is not ${value}`);
}
/** A getter, not enumerable, that loads an export of undici on first use and keeps it. */
const UNDICI_LAZY = `function lazyExport(name, load) {
  Object.defineProperty(module.exports, name, {
    configurable: true,
    enumerable: false,
    get() {
      const value = load();
      Object.defineProperty(module.exports, name, { value, writable: true, configurable: true, enumerable: false });
      return value;
    },
  });
}
`;
const UNDICI_LAZY_EXPORTS = [
  {
    from: `const MockClient = require('./lib/mock/mock-client')
const MockAgent = require('./lib/mock/mock-agent')
const MockPool = require('./lib/mock/mock-pool')
const mockErrors = require('./lib/mock/mock-errors')
`,
    to: UNDICI_LAZY,
  },
  {
    from: "const fetchImpl = require('./lib/web/fetch').fetch\n",
    to: "let fetchModule\nconst fetchImpl = (init, options) => (fetchModule ??= require('./lib/web/fetch')).fetch(init, options)\n",
  },
  {
    from: `module.exports.Response = require('./lib/web/fetch/response').Response
module.exports.Request = require('./lib/web/fetch/request').Request
module.exports.FormData = require('./lib/web/fetch/formdata').FormData
module.exports.File = globalThis.File ?? require('node:buffer').File
module.exports.FileReader = require('./lib/web/fileapi/filereader').FileReader
`,
    to: `lazyExport('Response', () => require('./lib/web/fetch/response').Response)
lazyExport('Request', () => require('./lib/web/fetch/request').Request)
lazyExport('FormData', () => require('./lib/web/fetch/formdata').FormData)
module.exports.File = globalThis.File ?? require('node:buffer').File
lazyExport('FileReader', () => require('./lib/web/fileapi/filereader').FileReader)
`,
  },
  {
    from: `const { CacheStorage } = require('./lib/web/cache/cachestorage')
const { kConstruct } = require('./lib/web/cache/symbols')

// Cache & CacheStorage are tightly coupled with fetch. Even if it may run
// in an older version of Node, it doesn't have any use without fetch.
module.exports.caches = new CacheStorage(kConstruct)

const { deleteCookie, getCookies, getSetCookies, setCookie } = require('./lib/web/cookies')

module.exports.deleteCookie = deleteCookie
module.exports.getCookies = getCookies
module.exports.getSetCookies = getSetCookies
module.exports.setCookie = setCookie

const { parseMIMEType, serializeAMimeType } = require('./lib/web/fetch/data-url')

module.exports.parseMIMEType = parseMIMEType
module.exports.serializeAMimeType = serializeAMimeType

const { CloseEvent, ErrorEvent, MessageEvent } = require('./lib/web/websocket/events')
module.exports.WebSocket = require('./lib/web/websocket/websocket').WebSocket
module.exports.CloseEvent = CloseEvent
module.exports.ErrorEvent = ErrorEvent
module.exports.MessageEvent = MessageEvent
`,
    to: `lazyExport('caches', () => {
  const { CacheStorage } = require('./lib/web/cache/cachestorage')
  const { kConstruct } = require('./lib/web/cache/symbols')
  return new CacheStorage(kConstruct)
})
for (const name of ['deleteCookie', 'getCookies', 'getSetCookies', 'setCookie'])
  lazyExport(name, () => require('./lib/web/cookies')[name])
for (const name of ['parseMIMEType', 'serializeAMimeType'])
  lazyExport(name, () => require('./lib/web/fetch/data-url')[name])
lazyExport('WebSocket', () => require('./lib/web/websocket/websocket').WebSocket)
for (const name of ['CloseEvent', 'ErrorEvent', 'MessageEvent'])
  lazyExport(name, () => require('./lib/web/websocket/events')[name])
`,
  },
  {
    from: `module.exports.MockClient = MockClient
module.exports.MockPool = MockPool
module.exports.MockAgent = MockAgent
module.exports.mockErrors = mockErrors

const { EventSource } = require('./lib/web/eventsource/eventsource')

module.exports.EventSource = EventSource
`,
    to: `lazyExport('MockClient', () => require('./lib/mock/mock-client'))
lazyExport('MockPool', () => require('./lib/mock/mock-pool'))
lazyExport('MockAgent', () => require('./lib/mock/mock-agent'))
lazyExport('mockErrors', () => require('./lib/mock/mock-errors'))
lazyExport('EventSource', () => require('./lib/web/eventsource/eventsource').EventSource)
`,
  },
  {
    from: `module.exports.interceptors = {
  redirect: require('./lib/interceptor/redirect'),
  retry: require('./lib/interceptor/retry'),
  dump: require('./lib/interceptor/dump'),
  dns: require('./lib/interceptor/dns')
}
`,
    to: `module.exports.interceptors = {
  get redirect () { return require('./lib/interceptor/redirect') },
  get retry () { return require('./lib/interceptor/retry') },
  get dump () { return require('./lib/interceptor/dump') },
  get dns () { return require('./lib/interceptor/dns') }
}
`,
  },
];
const LOAD_PATCHES = [
  {
    file: /[\\/]node_modules[\\/]@discordjs[\\/]rest[\\/]dist[\\/]index\.js$/,
    what: 'its FormData polyfill and magic-bytes.js import',
    edits: [
      {
        from: 'globalThis.FormData ??= import_undici2.FormData;',
        to: 'if (!("FormData" in globalThis)) globalThis.FormData = import_undici2.FormData;',
      },
      {
        from: 'var import_magic_bytes = require("magic-bytes.js");',
        to: 'var import_magic_bytes = { get filetypeinfo() { return require("magic-bytes.js").filetypeinfo; } };',
      },
    ],
  },
  {
    file: /[\\/]node_modules[\\/]undici[\\/]lib[\\/]dispatcher[\\/]client-h2\.js$/,
    what: 'its node:http2 import',
    check: checkHttp2Headers,
    from: "try {\n  http2 = require('node:http2')\n} catch {\n  // @ts-ignore\n  http2 = { constants: {} }\n}",
    to: `http2 = { constants: ${JSON.stringify(HTTP2_HEADERS)}, connect: (...args) => require('node:http2').connect(...args) }`,
  },
  {
    file: /[\\/]node_modules[\\/]undici[\\/]index\.js$/,
    what: 'its eager load of mocks, fetch, WebSocket and EventSource',
    edits: UNDICI_LAZY_EXPORTS,
  },
  {
    file: /[\\/]node_modules[\\/]@vladfrangu[\\/]async_event_emitter[\\/]dist[\\/]index\.cjs$/,
    what: 'its bundled node-inspect-extracted',
    from: 'var import_inspect = __toESM(require_inspect(), 1);',
    to: 'var import_inspect = { default: require("node:util") };',
  },
];
const COUNTRY_FIELDS = ['name', 'cca2', 'cca3', 'altSpellings', 'independent', 'unMember', 'demonyms'];
const slimPackages = {
  name: 'slim-packages',
  setup(build) {
    build.onLoad({ filter: /[\\/]world-countries[\\/]countries\.json$/ }, (args) => {
      const countries = JSON.parse(readFileSync(args.path, 'utf8')).map((c) => {
        const kept = Object.fromEntries(COUNTRY_FIELDS.filter((f) => f in c).map((f) => [f, c[f]]));
        kept.name = { common: c.name.common, official: c.name.official };
        kept.demonyms = c.demonyms?.eng ? { eng: c.demonyms.eng } : undefined;
        return kept;
      });
      return { contents: JSON.stringify(countries), loader: 'json' };
    });
    build.onLoad({ filter: /[\\/]node_modules[\\/]zod[\\/]v4[\\/]locales[\\/]index\.c?js$/ }, () => ({
      contents: 'export {};',
      loader: 'js',
    }));
    for (const patch of LOAD_PATCHES)
      build.onLoad({ filter: patch.file }, (args) => {
        const source = readFileSync(args.path, 'utf8');
        const edits = patch.edits ?? [{ from: patch.from, to: patch.to }];
        if (!edits.every((edit) => source.includes(edit.from))) {
          console.warn(`build: ${path.relative(root, args.path)} changed; ${patch.what} is kept as it is`);
          return undefined;
        }
        patch.check?.();
        const contents = edits.reduce((text, edit) => text.replace(edit.from, edit.to), source);
        return { contents, loader: 'js' };
      });
  },
};
/** Bundled packages whose imports of vendored packages take the vendor bundle's copy too. */
const SHARES_VENDORED = /[\\/]node_modules[\\/]@keyv[\\/]sqlite[\\/]/;
const FORBIDDEN = [/^src\/ingest\//, /(^|\/)node_modules\/chrono-node\//, /^chrono-node$/];

function files(dir) {
  const abs = path.join(root, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { recursive: true })
    .map((f) => path.join(dir, String(f)))
    .filter((f) => statSync(path.join(root, f)).isFile())
    .sort();
}

function inputsHash() {
  const hash = createHash('sha256');
  const { version } = createRequire(import.meta.url)('esbuild/package.json');
  hash.update(`esbuild ${version}\0`);
  for (const file of [
    ...files('src'),
    ...files('commands'),
    'package.json',
    'tsconfig.json',
    'scripts/build.mjs',
  ]) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(path.join(root, file)));
  }
  return hash.digest('hex');
}

/** Builds dist/vendor-<hash>.cjs with `esbuild`; returns its file name and each package's export names. */
async function buildVendor(esbuild) {
  const getters = VENDOR.map(
    (spec) => `  get ${JSON.stringify(spec)}() { return require(${JSON.stringify(spec)}); },`,
  );
  const built = await esbuild.build({
    absWorkingDir: root,
    stdin: { contents: `module.exports = {\n${getters.join('\n')}\n};\n`, resolveDir: root, loader: 'js' },
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    // vm.Script has no loader for import(): optional packages (zlib-sync, bufferutil) are required.
    supported: { 'dynamic-import': false },
    plugins: [slimPackages],
    minifyWhitespace: true,
    minifySyntax: true,
    outfile: path.join(outdir, 'vendor.cjs'),
    sourcemap: 'linked',
    metafile: true,
    write: false,
    logLevel: 'warning',
  });
  const code = built.outputFiles.find((f) => f.path.endsWith('.cjs')).text;
  const map = built.outputFiles.find((f) => f.path.endsWith('.map')).text;
  const file = `vendor-${createHash('sha256').update(code).digest('hex').slice(0, 12)}.cjs`;
  mkdirSync(outdir, { recursive: true });
  writeFileSync(path.join(outdir, file), code.replace(/vendor\.cjs\.map\s*$/, `${file}.map\n`));
  writeFileSync(path.join(outdir, `${file}.map`), map);
  for (const input of Object.keys(built.metafile.inputs))
    if (FORBIDDEN.some((re) => re.test(input))) throw new Error(`the vendor bundle includes ${input}`);
  const bundle = createRequire(import.meta.url)(path.join(outdir, file));
  const packages = Object.fromEntries(
    VENDOR.map((spec) => {
      const exports = bundle[spec];
      const names = Object.keys(exports).filter(
        (name) => /^[A-Za-z_$][\w$]*$/.test(name) && name !== 'default',
      );
      return [spec, { names, esm: packageType(spec) === 'module' }];
    }),
  );
  return { file, packages };
}

function packageType(spec) {
  const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
  return JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')).type;
}

/**
 * Points each import of a vendored package at a module that takes its exports from the vendor
 * bundle: named exports by name, and the default export as Node gives it (an ES module package's
 * default export; a CommonJS package's module.exports).
 */
function vendorModules({ file, packages }) {
  const loader = path.join(root, 'src/runtime/code-cache.ts');
  const filter = new RegExp(`^(${VENDOR.map((s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`);
  return {
    name: 'vendor-modules',
    setup(build) {
      // Only our own imports (and SHARES_VENDORED's ES module imports, which expect the same shape):
      // a package that requires a vendored one keeps the shape it expects.
      build.onResolve({ filter }, (args) =>
        /[\\/]node_modules[\\/]/.test(args.importer) && !SHARES_VENDORED.test(args.importer)
          ? undefined
          : { path: args.path, namespace: 'vendor' },
      );
      build.onLoad({ filter: /.*/, namespace: 'vendor' }, (args) => {
        const { names, esm } = packages[args.path];
        const lines = [
          `import { loadCachedBundle } from ${JSON.stringify(loader)};`,
          `import { fileURLToPath } from 'node:url';`,
          `const ns = loadCachedBundle(fileURLToPath(new URL(${JSON.stringify(`./${file}`)}, import.meta.url)))[${JSON.stringify(args.path)}];`,
          ...names.map((name, i) => `const e${i} = ns.${name};`),
          `export { ${names.map((name, i) => `e${i} as ${name}`).join(', ')} };`,
          `export default ${esm ? 'ns.default' : 'ns'};`,
        ];
        return { contents: lines.join('\n'), loader: 'js', resolveDir: root };
      });
    },
  };
}

/**
 * The bot's own start-up code in a code-cached CommonJS bundle too: dist/index.js (launch.ts) loads
 * dist/app-<hash>.cjs, src/main.ts and everything it imports statically, through code-cache.ts, so a
 * start compiles none of our code either. The modules the bot imports dynamically (the curation
 * pipeline, metrics, the store backends) stay out of it, in ES module files dist/lazy-*.js loaded on
 * first use: vm.Script has no loader for import(), so the bundle's import() calls go through an
 * importer dist/index.js passes in (`setImporter`), and a lazy file's imports of modules the app
 * bundle holds read them from it (one copy of each module and its state). import.meta.url in the
 * bundle is its own file URL (it sits in dist/, where the ES module chunks were).
 */
const APP_MODULES = 'briefbot.app.modules';
const rel = (abs) => path.relative(root, abs).split(path.sep).join('/');
const lazyName = (source) =>
  `lazy-${source
    .replace(/\.[cm]?[jt]s$/, '')
    .replace(/^src\//, '')
    .replace(/[\\/]/g, '-')}`;
// `import(` and `__imp_(` have the same length: the rewrite keeps the source map's columns.
// 'use strict' first: the modules were ES modules, which are strict.
const APP_BANNER = [
  "'use strict';",
  "var __import_meta_url = require('node:url').pathToFileURL(__filename).href;",
  "var __import_meta_resolve = (s) => require('node:url').pathToFileURL(require.resolve(s)).href;",
  'var __briefbot_importer;',
  "var __imp_ = (s) => __briefbot_importer ? __briefbot_importer(new URL(s, __import_meta_url).href) : Promise.reject(new Error('briefbot: ' + s + ' cannot be imported: the app bundle was loaded without an importer'));",
].join(' ');

/**
 * Imports of our own modules: a dynamic import() of one the app bundle does not hold becomes an
 * import of its lazy file (recorded in `lazy`); with `fromApp`, an import of one it holds reads it
 * from there.
 */
function appImports({ lazy, fromApp }) {
  return {
    name: 'app-imports',
    setup(build) {
      build.onResolve({ filter: /^(\.{1,2}\/|\/)/ }, (args) => {
        if (/[\\/]node_modules[\\/]/.test(args.importer)) return undefined;
        const source = rel(path.resolve(args.resolveDir, args.path));
        if (fromApp?.has(source)) return { path: source, namespace: 'app' };
        if (!lazy || args.kind !== 'dynamic-import') return undefined;
        lazy.add(source);
        return { path: `./${lazyName(source)}.js`, external: true };
      });
      build.onLoad({ filter: /.*/, namespace: 'app' }, (args) => ({
        contents: `module.exports = globalThis[Symbol.for(${JSON.stringify(APP_MODULES)})][${JSON.stringify(args.path)}];`,
        loader: 'js',
      }));
    },
  };
}

/**
 * The lazy files are ES modules: an `import` of sqlite3, a CommonJS package, would have Node's ES
 * module loader scan its files for export names (~7 ms of every start on the default store); it
 * is required instead, as Node would give it to an import (module.exports as the default export).
 */
const REQUIRED_NOT_IMPORTED = /^sqlite3$/;
const requireCommonJsExternals = {
  name: 'require-commonjs-externals',
  setup(build) {
    build.onResolve({ filter: REQUIRED_NOT_IMPORTED }, (args) =>
      args.kind === 'import-statement' ? { path: args.path, namespace: 'required' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'required' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)});`,
      loader: 'js',
      resolveDir: root,
    }));
  },
};

/** ES module output: bundled CommonJS packages may require() the external ones. */
const ESM_REQUIRE_BANNER =
  "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

/** What every build of our code shares. */
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  external: EXTERNAL,
  // Fewer bytes to read and parse at start. Identifiers are not renamed: class and function names
  // show in logs and errors, and keepNames would wrap every function in a __name() call at start.
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
};
const appOptions = (plugins) => ({
  ...common,
  format: 'cjs',
  plugins,
  define: { 'import.meta.url': '__import_meta_url', 'import.meta.resolve': '__import_meta_resolve' },
  banner: { js: APP_BANNER },
  outfile: path.join(outdir, 'app.cjs'),
  write: false,
});

/**
 * Builds dist/app-<hash>.cjs and the lazy files; returns the app bundle's file name and the app
 * bundle's and lazy files' metafile outputs (for the curation check).
 */
async function buildApp(esbuild, vendor) {
  const lazy = new Set();
  // First the app's modules, to know which ones the lazy files take from it.
  const probe = await esbuild.build({
    ...appOptions([slimPackages, vendorModules(vendor), appImports({ lazy })]),
    entryPoints: ['src/main.ts'],
  });
  const inApp = new Set(Object.keys(probe.metafile.inputs).filter((f) => /^(src|commands)\//.test(f)));
  const lazyBuilt = await esbuild.build({
    ...common,
    format: 'esm',
    splitting: true,
    entryPoints: Object.fromEntries([...lazy].map((s) => [lazyName(s), s])),
    outdir,
    chunkNames: 'lazy-chunk-[hash]',
    banner: { js: ESM_REQUIRE_BANNER },
    plugins: [slimPackages, requireCommonJsExternals, vendorModules(vendor), appImports({ fromApp: inApp })],
  });
  // The app modules the lazy files use: the app bundle exposes their namespaces.
  const shared = new Set();
  for (const info of Object.values(lazyBuilt.metafile.outputs))
    for (const input of Object.keys(info.inputs))
      if (input.startsWith('app:')) shared.add(input.slice('app:'.length));
  const names = [...shared].sort();
  const entry = [
    `export { main } from './src/main.ts';`,
    ...names.map((s, i) => `import * as m${i} from ${JSON.stringify(`./${s}`)};`),
    `globalThis[Symbol.for(${JSON.stringify(APP_MODULES)})] = { ${names.map((s, i) => `${JSON.stringify(s)}: m${i}`).join(', ')} };`,
    '/** dist/index.js passes its import(): the lazy files are ES modules. */',
    'export function setImporter(importer) { __briefbot_importer = importer; }',
  ].join('\n');
  const built = await esbuild.build({
    ...appOptions([slimPackages, vendorModules(vendor), appImports({ lazy: new Set() })]),
    stdin: { contents: entry, resolveDir: root, loader: 'js', sourcefile: 'app-entry.js' },
  });
  const out = built.outputFiles.find((f) => f.path.endsWith('.cjs'));
  const code = out.text.replace(/\bimport\((?="\.\/lazy-)/g, '__imp_(');
  // (loader.ts's worker code, a string, holds `import(${...})`: not a call.)
  const unhandled = code.match(/.{0,80}\bimport\((?!\$\{).{0,80}/);
  if (unhandled)
    throw new Error(`the app bundle has an import() the importer does not handle: ${unhandled[0]}`);
  const file = `app-${createHash('sha256').update(code).digest('hex').slice(0, 12)}.cjs`;
  writeFileSync(path.join(outdir, file), code.replace(/app\.cjs\.map\s*$/, `${file}.map\n`));
  writeFileSync(
    path.join(outdir, `${file}.map`),
    built.outputFiles.find((f) => f.path.endsWith('.map')).text,
  );
  const outputs = {
    ...lazyBuilt.metafile.outputs,
    [`dist/${file}`]: Object.values(built.metafile.outputs)[0],
  };
  return { file, outputs };
}

const wanted = inputsHash();
if (ifStale && existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === wanted) process.exit(0);

const started = performance.now();
const esbuild = await import('esbuild');
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
const vendor = await buildVendor(esbuild);
const app = await buildApp(esbuild, vendor);
const result = await esbuild.build({
  ...common,
  entryPoints,
  outdir,
  splitting: true,
  format: 'esm',
  banner: { js: ESM_REQUIRE_BANNER },
  chunkNames: '[name]-[hash]',
  define: { BRIEFBOT_APP_BUNDLE: JSON.stringify(`./${app.file}`) },
  plugins: [slimPackages, vendorModules(vendor)],
});

/** Outputs an entry loads at start: itself and what it reaches through static imports. */
function eagerOutputs(outputs) {
  const seen = new Set();
  const entries = new Set(Object.values(entryPoints));
  const queue = Object.entries(outputs)
    .filter(([, info]) => entries.has(info.entryPoint))
    .map(([out]) => out);
  while (queue.length > 0) {
    const out = queue.pop();
    if (seen.has(out) || !outputs[out]) continue;
    seen.add(out);
    for (const imp of outputs[out].imports)
      if (!imp.external && imp.kind === 'import-statement') queue.push(imp.path);
  }
  return seen;
}

const problems = [];
const eager = eagerOutputs(result.metafile.outputs);
for (const [out, info] of Object.entries(result.metafile.outputs)) {
  if (!out.endsWith('.js') || !eager.has(out)) continue;
  for (const input of Object.keys(info.inputs))
    if (FORBIDDEN.some((re) => re.test(input))) problems.push(`${out} includes ${input}`);
  for (const imp of info.imports)
    if (imp.external && imp.kind === 'import-statement' && FORBIDDEN.some((re) => re.test(imp.path)))
      problems.push(`${out} imports ${imp.path}`);
}
for (const [out, info] of Object.entries(app.outputs))
  if (out.includes('/app-'))
    for (const input of Object.keys(info.inputs))
      if (FORBIDDEN.some((re) => re.test(input))) problems.push(`${out} includes ${input}`);
if (problems.length > 0) {
  console.error(
    `build refused: the bot must not load curation code at start (import it dynamically):\n  ${problems.join('\n  ')}`,
  );
  rmSync(outdir, { recursive: true, force: true });
  process.exit(1);
}
// The chart's fonts, where src/chart/png.ts looks for them from a bundle (dist/fonts).
mkdirSync(path.join(outdir, 'fonts'));
for (const font of files('src/render/fonts').filter((f) => f.endsWith('.ttf')))
  copyFileSync(path.join(root, font), path.join(outdir, 'fonts', path.basename(font)));
// The first code caches (vendor and app bundles), for `node dist/index.js` with no flags; a bot rewrites it once READY, when
// it has compiled the gateway and REST paths too. A start without it still works, only slower.
try {
  execFileSync(
    process.execPath,
    [path.join(outdir, 'warm-code-cache.js'), path.join(outdir, vendor.file), path.join(outdir, app.file)],
    { stdio: 'inherit' },
  );
} catch {
  console.warn('build: could not write the first code cache; the first start compiles the vendor bundle');
}
writeFileSync(stampFile, `${wanted}\n`);
const size = Object.entries({ ...result.metafile.outputs, ...app.outputs })
  .filter(([out]) => /\.c?js$/.test(out))
  .reduce((sum, [, info]) => sum + info.bytes, 0);
console.log(
  `built dist/ (${Object.keys(entryPoints).join(', ')}; ${Math.round(size / 1024)} KB) in ${Math.round(performance.now() - started)} ms`,
);
