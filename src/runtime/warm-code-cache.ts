/**
 * Run by `npm run build` (dist/warm-code-cache.js): loads every package of the vendor bundle once
 * and writes its first code cache (see code-cache.ts), so the first `npm start` after a build does
 * not compile discord.js either. It prints nothing unless the cache could not be written.
 */
import * as cronParser from 'cron-parser';
import * as cronstrue from 'cronstrue';
import * as discord from 'discord.js';
import * as apiTypes from 'discord-api-types/v10';
import * as keyv from 'keyv';
import * as nodeCron from 'node-cron';
import * as pino from 'pino';
import * as undici from 'undici';
import * as zod from 'zod';
import { CacheMaker, saveCodeCaches } from './code-cache.ts';

const packages = [cronParser, cronstrue, apiTypes, discord, keyv, nodeCron, pino, undici, zod];
if (packages.some((p) => Object.keys(p).length === 0)) throw new Error('a vendored package has no exports');
if (saveCodeCaches(CacheMaker.build).length === 0) {
  console.error('build: no code cache written (dist/ not writable, or the bot runs from sources)');
  process.exitCode = 1;
}
