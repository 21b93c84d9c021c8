/**
 * `npm start` runs compiled JavaScript (dist/, built by scripts/build.mjs in `prestart` when a source
 * changed): no tsx at run time, and no curation code (src/ingest, chrono-node) loaded at start.
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CacheMaker, readCacheFile, writeCacheFile } from '../../src/runtime/code-cache.ts';
import { openStore } from '../../src/store/index.ts';
import { cleanRedis, IN_CI, probeRedis, REDIS_URL } from '../store/helpers.ts';
import { type BotProcess, COMPILED_ENTRY, isReady, spawnBot, TEST_TOKEN } from '../support/bot-process.ts';
import { type FakeDiscord, startFakeDiscord } from '../support/fake-discord.ts';
import { DATA_DIR, REPO } from '../support/fixtures.ts';
import { httpGet, metricsPortOf } from '../support/ops-http.ts';
import { tempStoreUrl } from '../support/stores.ts';
import { readmeSystemdUnit } from '../support/systemd-unit.ts';

const DIST = path.join(REPO, 'dist');
const build = (...args: string[]) =>
  execFileSync(process.execPath, ['scripts/build.mjs', ...args], { cwd: REPO, encoding: 'utf8' });

let fake: FakeDiscord;
let bot: BotProcess;
let dataDir: string;

beforeAll(() => {
  build();
}, 60_000);

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
});

describe('the production build', () => {
  it('rebuilds only when the sources changed', () => {
    expect(build('--if-stale')).toBe('');
    const stamp = path.join(DIST, '.build-stamp');
    writeFileSync(stamp, 'an older build\n');
    expect(build('--if-stale')).toMatch(/^built dist\//);
    expect(build('--if-stale')).toBe('');
  });

  it('answers through the compiled bot', async () => {
    fake = await startFakeDiscord();
    dataDir = mkdtempSync(path.join(tmpdir(), 'briefbot-compiled-'));
    cpSync(DATA_DIR, dataDir, { recursive: true });
    bot = spawnBot(
      {
        DISCORD_API_URL: fake.apiUrl,
        DISCORD_GUILD_ID: fake.defaultGuildId,
        STORE_URL: tempStoreUrl(),
        DATA_DIR: dataDir,
        DATASET_CACHE_DIR: mkdtempSync(path.join(tmpdir(), 'briefbot-compiled-cache-')),
      },
      { compiled: true },
    );
    await bot.waitForLog(isReady, 30_000);
    const reply = await fake.chatInput('search', { query: 'security guarantees' }).visible();
    expect(JSON.stringify(reply.message)).toContain('Search results');
    const about = await fake.chatInput('about', {}).visible();
    expect(JSON.stringify(about.message)).toMatch(/Dataset version","value":"[0-9a-f]{12}/);
  });

  it('compiles the vendor bundle from a code cache: the build writes one, a ready bot replaces it once', async () => {
    const [vendor, ...more] = readdirSync(DIST).filter((f) => /^vendor-[0-9a-f]{12}\.cjs$/.test(f));
    expect(vendor).toBeDefined();
    expect(more).toEqual([]);
    const caches = () =>
      readdirSync(path.join(DIST, '.code-cache'))
        .filter((f) => f.startsWith(`${vendor}.`) && f.endsWith('.v8'))
        .map((f) => readCacheFile(path.join(DIST, '.code-cache', f))?.maker);
    // The bot above started after the build: it saved the cache of what it compiled up to READY.
    for (let i = 0; i < 50 && !caches().includes(CacheMaker.ready); i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(caches()).toContain(CacheMaker.ready);
    expect(bot.stdout()).not.toMatch(/vendor|code cache/i);
  });

  it("runs the bot's own start-up code from the code-cached app bundle; a cache V8 refuses is replaced, and the bot still starts", async () => {
    const [app, ...more] = readdirSync(DIST).filter((f) => /^app-[0-9a-f]{12}\.cjs$/.test(f));
    expect(app).toBeDefined();
    expect(more).toEqual([]);
    // Loaded with --import, a probe prints at exit which bundles went through the code cache and
    // with whose cache (1: the build's, 2: a ready bot's; null: none, or refused by V8).
    const probeDir = mkdtempSync(path.join(tmpdir(), 'briefbot-cache-probe-'));
    const probe = path.join(probeDir, 'probe.mjs');
    writeFileSync(
      probe,
      `import { writeSync } from 'node:fs';
       import { isMainThread } from 'node:worker_threads';
       // Worker threads (the dataset build) load this probe too: only the bot's own thread reports.
       if (isMainThread) process.on('exit', () => {
         const loaded = globalThis[Symbol.for('briefbot.codeCache.loaded')] ?? new Map();
         const used = Object.fromEntries([...loaded].map(([file, e]) => [file.split('/').pop(), e.compiledFrom ?? null]));
         writeSync(1, JSON.stringify({ probe: used }) + '\\n');
       });`,
    );
    const cacheDir = path.join(DIST, '.code-cache');
    const appCaches = () =>
      new Set(readdirSync(cacheDir).filter((f) => f.startsWith(`${app}.`) && f.endsWith('.v8')));
    const before = appCaches();
    const storeUrl = tempStoreUrl();
    const datasetCache = mkdtempSync(path.join(tmpdir(), 'briefbot-compiled-cache-'));
    const start = async () => {
      const startFake = await startFakeDiscord();
      const started = spawnBot(
        {
          DISCORD_API_URL: startFake.apiUrl,
          DISCORD_GUILD_ID: startFake.defaultGuildId,
          STORE_URL: storeUrl,
          DATASET_CACHE_DIR: datasetCache,
        },
        { compiled: true, nodeArgs: ['--import', probe] },
      );
      try {
        await started.waitForLog(isReady, 30_000);
        const reply = await startFake.chatInput('search', { query: 'security guarantees' }).visible();
        expect(JSON.stringify(reply.message)).toContain('Search results');
        // Saved right after READY, when the bot has compiled its start.
        const file = () => [...appCaches()].find((f) => !before.has(f));
        for (
          let i = 0;
          i < 50 &&
          !(file() && readCacheFile(path.join(cacheDir, file() as string))?.maker === CacheMaker.ready);
          i++
        )
          await new Promise((r) => setTimeout(r, 100));
        expect(await started.stop()).toBe(0);
        const line = started.logs.find((l) => 'probe' in l) as
          | { probe: Record<string, number | null> }
          | undefined;
        expect(line, started.stdout()).toBeDefined();
        return { used: line?.probe ?? {}, file: path.join(cacheDir, file() as string) };
      } finally {
        await startFake.close();
      }
    };
    // New flags (--import): no cache for them yet; the ready bot writes one for each bundle.
    const first = await start();
    expect(first.used[app as string]).toBeNull();
    expect(readCacheFile(first.file)?.maker).toBe(CacheMaker.ready);
    // The next start compiles both bundles from the caches the first one saved.
    const second = await start();
    expect(second.used[app as string]).toBe(CacheMaker.ready);
    expect(Object.entries(second.used).find(([f]) => f.startsWith('vendor-'))?.[1]).toBe(CacheMaker.ready);
    // A cache with a good header that V8 refuses (another script's): compiled from source, then replaced.
    const vendorCache = readdirSync(cacheDir).find(
      (f) => f.startsWith('vendor-') && f.endsWith('.v8'),
    ) as string;
    const foreign = readCacheFile(path.join(cacheDir, vendorCache))?.data as Buffer;
    expect(writeCacheFile(second.file, foreign, CacheMaker.ready)).toBe(true);
    const third = await start();
    expect(third.used[app as string]).toBeNull();
    expect(readCacheFile(third.file)?.data.equals(foreign)).toBe(false);
    const fourth = await start();
    expect(fourth.used[app as string]).toBe(CacheMaker.ready);
  }, 120_000);

  it('the app bundle gives the lazy files (curation, store backends) its own modules instead of copies', () => {
    const [app] = readdirSync(DIST).filter((f) => /^app-[0-9a-f]{12}\.cjs$/.test(f));
    const probe = `
      const app = require(${JSON.stringify(path.join(DIST, app as string))});
      const modules = globalThis[Symbol.for('briefbot.app.modules')];
      const before = process.moduleLoadList.length;
      (async () => {
        const pipeline = await import(${JSON.stringify(path.join(DIST, 'lazy-curation-pipeline.js'))});
        const memory = await import(${JSON.stringify(path.join(DIST, 'lazy-store-memory.js'))});
        console.log(JSON.stringify({
          main: typeof app.main,
          shared: Object.keys(modules).sort(),
          pipeline: Object.keys(pipeline).length > 0,
          memory: typeof memory.openMemoryStore,
          sameErrors: typeof modules['src/store/errors.ts'].StoreOpenError === 'function',
        }));
      })();`;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', probe], { encoding: 'utf8' }).trim()) as {
      main: string;
      shared: string[];
      pipeline: boolean;
      memory: string;
    };
    expect(out).toMatchObject({ main: 'function', pipeline: true, memory: 'function', sameErrors: true });
    expect(out.shared).toEqual(expect.arrayContaining(['src/domain/schema.ts', 'src/logger.ts']));
    // The lazy files read those modules from the app bundle instead of carrying copies.
    const lazySources = readdirSync(DIST)
      .filter((f) => /^lazy-.*\.js$/.test(f))
      .flatMap(
        (f) =>
          (JSON.parse(readFileSync(path.join(DIST, `${f}.map`), 'utf8')) as { sources: string[] }).sources,
      );
    for (const shared of out.shared)
      expect(lazySources.some((s) => s.endsWith(shared) && !s.startsWith('app:'))).toBe(false);
    expect(lazySources.some((s) => s.endsWith('src/curation/pipeline.ts'))).toBe(true);
  });

  it('validates an edit of data/ in the compiled worker thread and swaps it in', async () => {
    const file = path.join(dataDir, 'events.json');
    const json = JSON.parse(readFileSync(file, 'utf8')) as { events: Record<string, unknown>[] };
    json.events.push({
      ...json.events[0],
      id: 'compiled-reload-check',
      title: 'Added while the compiled bot runs',
    });
    const before = bot.logs.length;
    writeFileSync(file, JSON.stringify(json, null, 2));
    await bot.waitForLog((l) => typeof l.msg === 'string' && l.msg.startsWith('dataset reloaded'), 20_000);
    expect(bot.logs.slice(before).find((l) => l.thread === 'worker' && l.valid === true)).toBeTruthy();
    const reply = await fake.chatInput('event', { event: 'compiled-reload-check' }).visible();
    expect(JSON.stringify(reply.message)).toContain('Added while the compiled bot runs');
  });

  it('npm run start:sharded runs the compiled launcher, which spawns compiled shards', async () => {
    const shardFake = await startFakeDiscord({ recommendedShards: 2 });
    const launcher = spawn(process.execPath, ['dist/start-sharded.js'], {
      cwd: REPO,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DISCORD_TOKEN: TEST_TOKEN,
        DISCORD_API_URL: shardFake.apiUrl,
        DISCORD_GUILD_ID: shardFake.defaultGuildId,
        STORE_URL: tempStoreUrl(),
        SHARD_SPAWN_DELAY_MS: '0',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    for (const stream of [launcher.stdout, launcher.stderr]) stream?.on('data', (c: Buffer) => (output += c));
    try {
      const shards = await shardFake.waitForShards(2, 60_000);
      expect(shards.map((s) => s.shard).sort()).toEqual([
        [0, 2],
        [1, 2],
      ]);
      for (let i = 0; i < 300 && !output.includes('all shards ready'); i++)
        await new Promise((r) => setTimeout(r, 100));
      expect(output).toContain('all shards ready');
    } finally {
      launcher.kill('SIGTERM');
      await new Promise((r) => launcher.once('exit', r));
      await shardFake.close();
    }
  }, 90_000);

  it('loads no curation code at start and no TypeScript runner', () => {
    const js = readdirSync(DIST).filter((f) => f.endsWith('.js'));
    expect(js).toEqual(
      expect.arrayContaining(['index.js', 'build-worker.js', 'start-sharded.js', 'register.js']),
    );
    // What an entry loads at start: itself and the chunks it imports statically (not import()).
    // The bundle is minified: which sources each file holds is read from its source map.
    const sources = (file: string) =>
      (JSON.parse(readFileSync(path.join(DIST, `${file}.map`), 'utf8')) as { sources: string[] }).sources;
    const eager = new Set<string>();
    // The vendor bundle is loaded through the code cache, not import: it is always loaded.
    const vendor = readdirSync(DIST).filter((f) => /^vendor-[0-9a-f]{12}\.cjs$/.test(f));
    // So is the app bundle, the bot's own start-up code (dist/index.js loads it the same way).
    const app = readdirSync(DIST).filter((f) => /^app-[0-9a-f]{12}\.cjs$/.test(f));
    expect(app).toHaveLength(1);
    const queue = ['index.js', 'build-worker.js', 'start-sharded.js', 'register.js', ...vendor, ...app];
    while (queue.length > 0) {
      const file = queue.pop() as string;
      if (eager.has(file)) continue;
      eager.add(file);
      const text = readFileSync(path.join(DIST, file), 'utf8');
      for (const m of text.matchAll(/\bimport\s*(?:[\w$*{][^;()]*?from\s*)?["']\.\/([^"']+\.js)["']/g))
        queue.push(m[1] as string);
      expect(text, file).not.toMatch(/from\s*["'](chrono-node|tsx)/);
      expect(
        sources(file).filter((s) => /(^|\/)src\/ingest\/|\/node_modules\/(chrono-node|tsx)\//.test(s)),
        file,
      ).toEqual([]);
    }
    expect(eager.size).toBeGreaterThan(5);
    expect(sources(vendor[0] as string).some((s) => s.includes('node_modules/discord.js/'))).toBe(true);
    // Curation is there, loaded on first use.
    expect(js.some((f) => sources(f).some((s) => /(^|\/)src\/ingest\//.test(s)))).toBe(true);
    expect(sources(app[0] as string).some((s) => s.endsWith('src/main.ts'))).toBe(true);
    // What the bot imports dynamically stays out of the app bundle, in lazy files loaded on first use.
    const appSources = sources(app[0] as string);
    for (const lazy of [
      'src/curation/pipeline.ts',
      'src/ops/metrics.ts',
      'src/store/redis.ts',
      'src/store/postgres.ts',
    ])
      expect(
        appSources.some((s) => s.endsWith(lazy)),
        lazy,
      ).toBe(false);
    const appText = readFileSync(path.join(DIST, app[0] as string), 'utf8');
    expect(appText).toMatch(/__imp_\("\.\/lazy-curation-pipeline\.js"\)/);
    expect(appText).not.toMatch(/\brequire\("\.\/lazy-/);
    // Its modules were ES modules, which run in strict mode: so does the bundle.
    expect(appText.startsWith("'use strict';")).toBe(true);
  });

  it("the SQLite store's chunk bundles @keyv/sqlite on the vendor bundle's keyv (no second keyv from node_modules) and requires sqlite3", () => {
    const chunks = readdirSync(DIST).filter((f) => /^lazy-store-sqlite\.js$/.test(f));
    expect(chunks).toHaveLength(1);
    const text = readFileSync(path.join(DIST, chunks[0] as string), 'utf8');
    // Required, not imported: Node's ES module loader would scan the CommonJS package for exports.
    expect(text).toMatch(/require\(\s*["']sqlite3["']\s*\)/);
    expect(text).not.toMatch(/from\s*["']sqlite3["']/);
    for (const file of readdirSync(DIST).filter((f) => f.endsWith('.js')))
      expect(readFileSync(path.join(DIST, file), 'utf8'), file).not.toMatch(
        /from\s*["'](keyv|@keyv\/sqlite)["']/,
      );
  });

  it("loads discord.js without Node's own undici nor node:http2, and FormData is still there (polyfilled when Node lacks it)", () => {
    const [vendor] = readdirSync(DIST).filter((f) => /^vendor-[0-9a-f]{12}\.cjs$/.test(f));
    const probe = `
      const before = new Set(process.moduleLoadList);
      const { REST } = require(${JSON.stringify(path.join(DIST, vendor as string))})['discord.js'];
      const loaded = process.moduleLoadList.filter((m) => !before.has(m));
      console.log(JSON.stringify({
        rest: typeof REST,
        nodeUndici: loaded.some((m) => m.includes('internal/deps/undici')),
        http2: loaded.some((m) => m.includes('http2')),
        formData: typeof globalThis.FormData,
      }));`;
    const run = (...flags: string[]) =>
      JSON.parse(execFileSync(process.execPath, [...flags, '-e', probe], { encoding: 'utf8' })) as Record<
        string,
        unknown
      >;
    expect(run()).toEqual({ rest: 'function', nodeUndici: false, http2: false, formData: 'function' });
    // Without Node's fetch globals, @discordjs/rest still puts undici's FormData there.
    expect(run('--no-experimental-fetch')).toMatchObject({ rest: 'function', formData: 'function' });
  });

  it("leaves undici's mocks, fetch and file-type guessing unloaded at start, and each works on first use", () => {
    const [vendor] = readdirSync(DIST).filter((f) => /^vendor-[0-9a-f]{12}\.cjs$/.test(f));
    // A loopback server answers undici's fetch and receives a file upload @discordjs/rest sends
    // without a content type (a PNG signature): the type it guessed is in the multipart body.
    const probe = `
      const http = require('node:http');
      const before = new Set(process.moduleLoadList);
      const bundle = require(${JSON.stringify(path.join(DIST, vendor as string))});
      const { REST } = bundle['discord.js'];
      const undici = bundle.undici;
      const atLoad = process.moduleLoadList.filter((m) => !before.has(m));
      const server = http.createServer((req, res) => {
        let body = '';
        req.on('data', (chunk) => { body += chunk.toString('latin1'); });
        req.on('end', () => { res.setHeader('content-type', 'application/json'); res.end(JSON.stringify({ body })); });
      });
      server.listen(0, '127.0.0.1', async () => {
        const base = 'http://127.0.0.1:' + server.address().port;
        const fetched = await (await undici.fetch(base + '/fetch')).json();
        const rest = new REST({ api: base, version: '10' }).setToken('x');
        const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
        const upload = await rest.post('/upload', { files: [{ name: 'chart.png', data: png }] });
        console.log(JSON.stringify({
          consoleModuleAtLoad: atLoad.includes('NativeModule console'),
          mockAgent: typeof undici.MockAgent,
          interceptors: Object.keys(undici.interceptors).filter((k) => typeof undici.interceptors[k] === 'function'),
          fetched: typeof fetched.body,
          guessedType: /Content-Type: image\\/png/i.test(upload.body),
        }));
        server.close();
      });`;
    expect(JSON.parse(execFileSync(process.execPath, ['-e', probe], { encoding: 'utf8' }))).toEqual({
      consoleModuleAtLoad: false,
      mockAgent: 'function',
      interceptors: ['redirect', 'retry', 'dump', 'dns'],
      fetched: 'string',
      guessedType: true,
    });
  });
});

/**
 * The README's systemd unit is tested text: its ExecStartPre and ExecStart run here as written (the
 * interpreter path aside), with its Environment (METRICS_PORT aside: any free port), in the
 * repository as WorkingDirectory, and its KillSignal stops the bot cleanly (exit 0, so
 * Restart=on-failure does not restart a stop the operator asked for).
 */
describe("the README's systemd unit", () => {
  const unit = readmeSystemdUnit();
  const command = (line: string) => {
    const [interpreter, ...args] = line.split(/\s+/);
    expect(interpreter).toMatch(/\/node$/);
    return args;
  };

  it('restarts on failure, stops with SIGTERM, and runs what npm start runs', () => {
    expect(unit.one('Service', 'Restart')).toBe('on-failure');
    expect(unit.one('Service', 'KillSignal')).toBe('SIGTERM');
    expect(Number(unit.one('Service', 'TimeoutStopSec'))).toBeGreaterThan(5); // the bot's own stop budget
    const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(command(unit.one('Service', 'ExecStart'))).toEqual([...COMPILED_ENTRY]);
    expect(pkg.scripts.start).toBe(`node ${COMPILED_ENTRY.join(' ')}`);
    expect(`node ${command(unit.one('Service', 'ExecStartPre')).join(' ')}`).toBe(pkg.scripts.prestart);
  });

  it('its commands start the shard range it names, ready over HTTP, and SIGTERM stops it with exit 0', async (ctx) => {
    const problem = await probeRedis(REDIS_URL);
    if (problem && IN_CI) throw new Error(`CI is set but Redis at ${REDIS_URL} is unreachable: ${problem}`);
    if (problem) ctx.skip(`Redis at ${REDIS_URL} unreachable: ${problem}`);
    const url = new URL(REDIS_URL);
    url.pathname = '/7';
    const storeUrl = url.toString();
    await cleanRedis(storeUrl, 'briefbot');
    execFileSync(process.execPath, command(unit.one('Service', 'ExecStartPre')), { cwd: REPO });
    const env = unit.environment();
    const count = Number(env.SHARD_COUNT);
    const unitFake = await startFakeDiscord();
    const started = spawnBot(
      {
        ...env,
        METRICS_PORT: '0',
        DISCORD_API_URL: unitFake.apiUrl,
        DISCORD_GUILD_ID: unitFake.defaultGuildId,
        STORE_URL: storeUrl,
      },
      { compiled: true },
    );
    try {
      expect(started.proc.spawnargs.slice(1)).toEqual(command(unit.one('Service', 'ExecStart')));
      const port = await metricsPortOf(started);
      await started.waitForLog(isReady, 60_000);
      const live = unitFake.shards().filter((s) => s.connected);
      expect(live.map((s) => s.shard[0]).sort((a, b) => a - b)).toEqual([4, 5, 6, 7]);
      expect(live.every((s) => s.shard[1] === count)).toBe(true);
      expect((await httpGet(port, '/readyz')).status).toBe(200);
      const store = await openStore(storeUrl);
      try {
        expect(await store.list('shard-hosts')).toHaveLength(1);
        started.proc.kill(unit.one('Service', 'KillSignal') as NodeJS.Signals);
        expect(await started.exited).toBe(0);
        // A clean stop withdraws the range at once: a replacement sees no overlap.
        expect(await store.list('shard-hosts')).toEqual([]);
      } finally {
        await store.close();
      }
      expect(unitFake.shards().filter((s) => s.connected)).toEqual([]);
      // SIGTERM while it is still connecting: a clean stop too, not a start failure.
      const early = spawnBot(
        { ...env, METRICS_PORT: '', DISCORD_API_URL: unitFake.apiUrl, STORE_URL: storeUrl },
        { compiled: true },
      );
      await early.waitForLog((l) => l.msg === 'store opened', 30_000);
      early.proc.kill('SIGTERM');
      expect(await early.exited).toBe(0);
      expect(early.stdout()).not.toContain('could not start');
    } finally {
      await started.stop('SIGKILL');
      await unitFake.close();
      await cleanRedis(storeUrl, 'briefbot');
    }
  }, 90_000);
});
