/**
 * Run the fake Discord as its own process (for benchmarks that start bot processes separately):
 *
 *   npx tsx tests/support/fake-discord/cli.ts --guilds 4 --shards 2 --per-channel 5/5000
 *
 * Prints one JSON line on stdout ({ apiUrl, gatewayUrl, controlUrl, guilds, channels }) and runs
 * until SIGINT/SIGTERM, then prints the final /_fake/state JSON on stderr. Point bots at it with
 * DISCORD_API_URL=<apiUrl>. Drive it over HTTP: POST <controlUrl>/chat-input {name, options, opts},
 * POST <controlUrl>/drop {code, shardId}, GET <controlUrl>/state, POST <controlUrl>/clear.
 */
import { parseArgs } from 'node:util';
import { startFakeDiscord } from './server.ts';
import { guildIdForShard } from './snowflake.ts';

function window(spec: string | undefined): { count: number; windowMs: number } | undefined {
  if (!spec) return undefined;
  const [count, windowMs] = spec.split('/').map(Number);
  if (!count || !windowMs) throw new Error(`expected COUNT/WINDOW_MS, got ${spec}`);
  return { count, windowMs };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      token: { type: 'string' },
      guilds: { type: 'string', default: '1' },
      shards: { type: 'string', default: '1' },
      'channels-per-guild': { type: 'string', default: '1' },
      'global-per-second': { type: 'string' },
      'per-channel': { type: 'string' },
      deadline: { type: 'string' },
      heartbeat: { type: 'string' },
      debug: { type: 'boolean', default: false },
    },
  });
  const shards = Number(values.shards);
  const channelsPerGuild = Number(values['channels-per-guild']);
  const guilds = Array.from({ length: Number(values.guilds) }, (_, i) => ({
    id: guildIdForShard(i % shards, shards),
    name: `Fake Guild ${i + 1}`,
    channels: Array.from({ length: channelsPerGuild }, (_, c) => ({
      name: c === 0 ? 'general' : `channel-${c}`,
    })),
  }));
  const perChannelMessages = window(values['per-channel']);
  const fake = await startFakeDiscord({
    port: Number(values.port),
    ...(values.token ? { token: values.token } : {}),
    guilds,
    recommendedShards: shards,
    rateLimits: {
      ...(values['global-per-second'] ? { globalPerSecond: Number(values['global-per-second']) } : {}),
      ...(perChannelMessages ? { perChannelMessages } : {}),
    },
    ...(values.deadline ? { interactionDeadlineMs: Number(values.deadline) } : {}),
    ...(values.heartbeat ? { heartbeatIntervalMs: Number(values.heartbeat) } : {}),
    debug: values.debug,
  });
  const controlUrl = `http://127.0.0.1:${fake.listeningPort}/_fake`;
  process.stdout.write(
    `${JSON.stringify({
      apiUrl: fake.apiUrl,
      gatewayUrl: fake.gatewayUrl,
      controlUrl,
      guilds: [...fake.guilds.keys()],
      channels: [...fake.guilds.values()].flatMap((g) => [...g.channels.keys()]),
    })}\n`,
  );
  const stop = async () => {
    const state = await fetch(`${controlUrl}/state`).then((r) => r.json() as Promise<unknown>);
    process.stderr.write(`${JSON.stringify(state)}\n`);
    await fake.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
