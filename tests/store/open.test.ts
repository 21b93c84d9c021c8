import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { openStore, redactUrl } from '../../src/store/index.ts';

describe('openStore URL handling', () => {
  it.each([
    ['mysql://user:hunter2@db/briefbot', /unsupported scheme "mysql:"/],
    ['var/briefbot.sqlite', /is not a URL/],
    ['sqlite://', /has no file path/],
    ['', /is not a URL/],
  ])('rejects %j naming STORE_URL, the value and the accepted forms', async (url, reason) => {
    const error = await openStore(url).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toMatch(/^STORE_URL "/);
    expect(message).toMatch(reason);
    for (const form of ['sqlite://', 'sqlite:///', 'redis://', 'postgres://', 'memory://']) {
      expect(message).toContain(form);
    }
    expect(message).not.toContain('hunter2');
    expect(message).not.toContain('\n');
  });

  it('shows the bad value (minus its password) in the message', async () => {
    await expect(openStore('mongodb://admin:hunter2@mongo:27017/x')).rejects.toThrow(
      'STORE_URL "mongodb://admin:***@mongo:27017/x" has an unsupported scheme "mongodb:"',
    );
  });

  it('takes a pino logger as is', async () => {
    const store = await openStore('memory://', { logger: pino({ level: 'silent' }) });
    await store.ping();
    await store.close();
  });

  it('accepts the scheme case-insensitively', async () => {
    const store = await openStore('MEMORY://');
    expect(store.kind).toBe('memory');
    await store.close();
  });
});

describe('redactUrl', () => {
  it.each([
    ['postgres://bot:s3cret@db.internal:5432/briefbot', 'postgres://bot:***@db.internal:5432/briefbot'],
    [
      'postgresql://bot:s3cret@db/briefbot?sslmode=require',
      'postgresql://bot:***@db/briefbot?sslmode=require',
    ],
    ['redis://:s3cret@cache:6379/2', 'redis://:***@cache:6379/2'],
    ['redis://default:s3cret@cache:6379', 'redis://default:***@cache:6379'],
    ['redis://cache:6379', 'redis://cache:6379'],
    ['postgres://db/briefbot?password=s3cret', 'postgres://db/briefbot?password=***'],
    ['sqlite://var/briefbot.sqlite', 'sqlite://var/briefbot.sqlite'],
  ])('%s → %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
    expect(redactUrl(url)).not.toContain('s3cret');
  });

  it('redacts even when the URL does not parse', () => {
    expect(redactUrl('redis://u:s3cret@[bad')).not.toContain('s3cret');
  });
});
