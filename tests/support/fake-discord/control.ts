import type { ServerResponse } from 'node:http';
import { parseBody } from './http-util.ts';
import type { InteractionOptions, OptionsInput } from './interactions.ts';
import type { FakeDiscord } from './server.ts';
import { isRecord } from './validate.ts';

/** Control endpoints for a fake running in another process (`/_fake/…`, never under /api). */
export async function control(
  fake: FakeDiscord,
  method: string,
  url: URL,
  raw: Buffer,
  res: ServerResponse,
): Promise<void> {
  const send = (status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
  };
  const input = parseBody(raw, 'application/json').body;
  const args = isRecord(input) ? input : {};
  try {
    if (method === 'GET' && url.pathname === '/_fake/state') {
      send(200, {
        apiUrl: fake.apiUrl,
        gatewayUrl: fake.gatewayUrl,
        guilds: [...fake.guilds.keys()],
        defaultChannelId: fake.defaultChannelId,
        stats: fake.stats,
        shards: fake.shards(),
        violations: fake.violations,
        unknownRoutes: fake.unknownRoutes.map((r) => `${r.method} ${r.path}`),
        unsafeMentionBodies: fake.unsafeMentionBodies().length,
        messages: fake.messagesIn().length,
        interactions: fake.interactions.length,
      });
      return;
    }
    if (method === 'POST' && url.pathname === '/_fake/chat-input') {
      const handle = fake.chatInput(
        String(args.name),
        args.options as OptionsInput | undefined,
        (isRecord(args.opts) ? args.opts : {}) as InteractionOptions,
      );
      const visible = await handle.visible();
      send(200, {
        id: handle.id,
        latencyMs: visible.callback.latencyMs,
        visibleLatencyMs: visible.latencyMs,
        visible,
      });
      return;
    }
    if (method === 'POST' && url.pathname === '/_fake/drop') {
      const dropped = fake.dropGateway(typeof args.code === 'number' ? args.code : 1006, {
        ...(typeof args.shardId === 'number' ? { shardId: args.shardId } : {}),
      });
      send(200, { dropped });
      return;
    }
    if (method === 'POST' && url.pathname === '/_fake/clear') {
      fake.clearRecords();
      send(200, { ok: true });
      return;
    }
    send(404, { message: 'unknown control route' });
  } catch (error) {
    send(500, { message: String(error) });
  }
}
