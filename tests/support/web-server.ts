/**
 * A loopback web server for curation tests: serves articles, feeds, attachments, redirects and
 * misbehaving responses on 127.0.0.1 only. Routes are set per test; every request is recorded.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StaticResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void;

export interface WebServer {
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  readonly port: number;
  /** Every request: method, path and headers. */
  readonly requests: Array<{ method: string; path: string; headers: IncomingMessage['headers'] }>;
  route(path: string, response: StaticResponse | RouteHandler): void;
  url(path: string): string;
  close(): Promise<void>;
}

export async function startWebServer(): Promise<WebServer> {
  const routes = new Map<string, StaticResponse | RouteHandler>();
  const requests: WebServer['requests'] = [];
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    requests.push({ method: req.method ?? 'GET', path, headers: req.headers });
    const route = routes.get(path);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    if (typeof route === 'function') {
      route(req, res);
      return;
    }
    res.writeHead(route.status ?? 200, route.headers ?? { 'content-type': 'text/html; charset=utf-8' });
    res.end(route.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    port,
    requests,
    route: (path, response) => {
      routes.set(path, response);
    },
    url: (path) => `${origin}${path}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
