/**
 * The operator's HTTP listener (METRICS_PORT, on METRICS_HOST = 127.0.0.1 unless changed):
 *
 *   GET /healthz  200 "ok" while the process runs (a liveness probe: restart it when this fails)
 *   GET /readyz   200 when it can serve: every shard of this process READY on the gateway, the
 *                 dataset loaded, the store answering; otherwise 503 with the reasons, one a line
 *   GET /metrics  Prometheus text (prom-client), when metrics are on
 *
 * It answers nothing else (404) and no other method (405); nothing it returns names a user, a
 * server or the token.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StartupError } from '../startup-error.ts';

export interface HealthServerOptions {
  port: number;
  host: string;
  /** Why the bot cannot serve yet (empty: ready). */
  notReady(): Promise<string[]>;
  metrics?: { contentType: string; render(): Promise<string> };
}

export interface HealthServer {
  /** The port it listens on (METRICS_PORT=0 picks one). */
  readonly port: number;
  close(): Promise<void>;
}

export async function startHealthServer(opts: HealthServerOptions): Promise<HealthServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const send = (status: number, body: string, type = 'text/plain; charset=utf-8') => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      res.end(body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return send(405, 'method not allowed\n');
    }
    if (path === '/healthz') return send(200, 'ok\n');
    if (path === '/readyz') {
      opts.notReady().then(
        (reasons) => (reasons.length === 0 ? send(200, 'ready\n') : send(503, `${reasons.join('\n')}\n`)),
        (error: unknown) => send(503, `readiness check failed: ${(error as Error).message}\n`),
      );
      return;
    }
    if (path === '/metrics' && opts.metrics) {
      const { metrics } = opts;
      metrics.render().then(
        (text) => send(200, text, metrics.contentType),
        (error: unknown) => send(500, `metrics failed: ${(error as Error).message}\n`),
      );
      return;
    }
    send(404, 'not found: /healthz, /readyz, /metrics\n');
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const where = `${opts.host}:${opts.port}`;
      reject(
        new StartupError(
          error.code === 'EADDRINUSE'
            ? `METRICS_PORT ${opts.port} is already in use on ${opts.host}: pick a free port (or stop what listens there), or leave METRICS_PORT empty to run without the health and metrics listener`
            : error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND'
              ? `METRICS_HOST ${opts.host} is not an address of this machine: use 127.0.0.1 (the default) or 0.0.0.0 for every interface`
              : `the health and metrics listener could not start on ${where} (${error.message}): check METRICS_HOST and METRICS_PORT`,
          { cause: error },
        ),
      );
    });
    server.listen(opts.port, opts.host, () => resolve());
  });
  server.unref();
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
