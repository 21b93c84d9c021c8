/**
 * A loopback HTTP proxy in front of the fake Discord that adds what the fake does not do (yet):
 * - `enforce_nonce`: a channel message POST whose (channel, nonce) was already answered within the
 *   window returns the first message again instead of creating another (Discord's documented behaviour);
 * - per-channel response delays, and "hold" (forward the request, never answer: the caller crashed
 *   before learning the message id).
 * Everything else (rate limits and their headers, validation, permissions) is the fake's own answer.
 */
import { createServer, type IncomingMessage, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

interface Answer {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

export interface NonceProxy {
  apiUrl: string;
  /** Channel POSTs answered from the nonce cache (not forwarded). */
  deduped: number;
  delay(channelId: string, ms: number | undefined): void;
  hold(channelId: string, on: boolean): void;
  close(): Promise<void>;
}

function readAll(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startNonceProxy(targetApiUrl: string, windowMs = 5 * 60_000): Promise<NonceProxy> {
  const target = new URL(targetApiUrl);
  const cache = new Map<string, { at: number; answer: Answer }>();
  const inflight = new Map<string, Promise<Answer>>();
  const delays = new Map<string, number>();
  const held = new Set<string>();
  const sockets = new Set<import('node:net').Socket>();
  let deduped = 0;

  const forward = (req: IncomingMessage, body: Buffer): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const headers = { ...req.headers, host: target.host };
      const out = request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const h: Record<string, string | string[]> = {};
            for (const [k, v] of Object.entries(res.headers))
              if (v !== undefined && k !== 'content-length') h[k] = v;
            resolve({ status: res.statusCode ?? 502, headers: h, body: Buffer.concat(chunks) });
          });
          res.on('error', reject);
        },
      );
      out.on('error', reject);
      out.end(body);
    });

  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readAll(req);
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const channelId = req.method === 'POST' ? /\/channels\/(\d+)\/messages$/.exec(path)?.[1] : undefined;
      let key: string | undefined;
      if (channelId) {
        try {
          const json = JSON.parse(body.toString('utf8')) as { nonce?: unknown; enforce_nonce?: unknown };
          if (
            json.enforce_nonce === true &&
            (typeof json.nonce === 'string' || typeof json.nonce === 'number')
          ) {
            key = `${channelId}:${json.nonce}`;
          }
        } catch {}
        const ms = delays.get(channelId);
        if (ms) await new Promise((r) => setTimeout(r, ms));
      }
      let answer: Answer;
      const cached = key ? cache.get(key) : undefined;
      if (key && cached && Date.now() - cached.at < windowMs) {
        deduped++;
        answer = cached.answer;
      } else if (key && inflight.has(key)) {
        deduped++;
        answer = await (inflight.get(key) as Promise<Answer>);
      } else {
        const p = forward(req, body);
        if (key) inflight.set(key, p);
        try {
          answer = await p;
        } finally {
          if (key) inflight.delete(key);
        }
        if (key && answer.status >= 200 && answer.status < 300) cache.set(key, { at: Date.now(), answer });
      }
      // Held: any post to the channel (a message, a forum post, a thread or crosspost on a message).
      const postedTo =
        req.method === 'POST' ? /^.*\/channels\/(\d+)\/(messages|threads)/.exec(path)?.[1] : undefined;
      if (postedTo && held.has(postedTo)) return; // the caller never hears back
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    apiUrl: `http://127.0.0.1:${port}${target.pathname}`,
    get deduped() {
      return deduped;
    },
    delay: (channelId, ms) => (ms ? delays.set(channelId, ms) : delays.delete(channelId)),
    hold: (channelId, on) => (on ? held.add(channelId) : held.delete(channelId)),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
