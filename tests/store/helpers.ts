import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { createClient } from '@keyv/redis';
import { sleep } from '../support/time.ts';

export const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
export const POSTGRES_URL = process.env.POSTGRES_URL || '';
export const IN_CI = Boolean(process.env.CI);

/** A keyPrefix unique to this run, so parallel runs on a shared Redis/Postgres never collide. */
export const uniquePrefix = (label: string) => `t-${label}-${process.pid}-${randomBytes(4).toString('hex')}`;

/** Undefined when Redis answers PING, otherwise why not. */
export async function probeRedis(url: string): Promise<string | undefined> {
  const client = createClient({ url, socket: { connectTimeout: 1_000, reconnectStrategy: false } });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
    return undefined;
  } catch (error) {
    return (error as Error).message || String(error);
  } finally {
    if (client.isOpen) client.destroy();
  }
}

/** Deletes every Redis key under `<keyPrefix>:`. */
export async function cleanRedis(url: string, keyPrefix: string): Promise<void> {
  const client = createClient({ url, socket: { reconnectStrategy: false } });
  client.on('error', () => {});
  await client.connect();
  try {
    let cursor = '0';
    do {
      const reply = await client.scan(cursor, { MATCH: `${keyPrefix}:*`, COUNT: 1_000 });
      cursor = String(reply.cursor);
      if (reply.keys.length > 0) await client.del(reply.keys);
    } while (cursor !== '0');
  } finally {
    client.destroy();
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export function hasRedisServerBinary(): boolean {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A private, non-persistent redis-server child process (for outage tests). */
export class RedisServerProcess {
  private child: ReturnType<typeof spawn> | undefined;

  constructor(
    readonly port: number,
    private readonly password: string,
  ) {}

  get url(): string {
    return `redis://:${this.password}@127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--requirepass',
        this.password,
      ],
      { stdio: 'ignore' },
    );
    this.child = child;
    const deadline = Date.now() + 10_000;
    while ((await probeRedis(this.url)) !== undefined) {
      if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
      if (Date.now() > deadline) throw new Error(`redis-server on port ${this.port} did not start`);
      await sleep(50);
    }
  }

  /** SIGSTOP: the socket stays open but nothing answers (a hung server). */
  pause(): void {
    this.child?.kill('SIGSTOP');
  }

  resume(): void {
    this.child?.kill('SIGCONT');
  }

  async kill(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode === 'SIGKILL') return;
    child.kill('SIGCONT');
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
  }
}
