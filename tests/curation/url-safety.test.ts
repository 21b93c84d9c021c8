import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CurationError, type CurationProblem } from '../../src/curation/errors.ts';
import { createSafeFetcher } from '../../src/curation/safe-fetch.ts';
import {
  AllowedHosts,
  parseFetchableUrl,
  type Resolver,
  refusedRange,
  resolveChecked,
} from '../../src/curation/url-safety.ts';
import { startWebServer, type WebServer } from '../support/web-server.ts';

async function problemOf(work: Promise<unknown>): Promise<CurationProblem> {
  try {
    await work;
  } catch (error) {
    if (error instanceof CurationError) return error.problem;
    throw error;
  }
  throw new Error('expected a CurationError');
}

describe('refusedRange: only public unicast addresses may be fetched', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.1', 'private'],
    ['10.255.255.255', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.254', 'private'],
    ['192.168.1.10', 'private'],
    ['169.254.10.20', 'link-local'],
    ['169.254.169.254', 'cloud metadata'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.254', 'carrier-grade NAT'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['192.0.2.1', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['240.0.0.1', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['fc00::1', 'IPv6 unique-local'],
    ['fd12:3456::1', 'IPv6 unique-local'],
    ['fd00:ec2::254', 'cloud metadata'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:169.254.169.254', 'cloud metadata'],
    ['[::ffff:a9fe:a9fe]', 'cloud metadata'],
    ['64:ff9b::a00:1', 'IPv4 embedded in IPv6 (rfc6052)'],
    ['2002:a00:1::1', 'IPv4 embedded in IPv6 (6to4)'],
    ['2001:db8::1', 'reserved'],
  ])('%s is refused as %s', (address, range) => {
    expect(refusedRange(address)).toBe(range);
  });

  it.each([
    '93.184.216.34',
    '8.8.8.8',
    '172.32.0.1',
    '172.15.255.255',
    '100.128.0.1',
    '11.0.0.1',
    '2606:4700:4700::1111',
    '2a00:1450:4001:80b::200e',
    '::ffff:8.8.8.8',
  ])('%s is public', (address) => {
    expect(refusedRange(address)).toBeUndefined();
  });

  it('calls anything that is not an address "not an IP address"', () => {
    expect(refusedRange('example.com')).toBe('not an IP address');
  });
});

describe('URLs curation accepts', () => {
  it('takes http and https only, without credentials', () => {
    expect(parseFetchableUrl(' https://news.example/a ').href).toBe('https://news.example/a');
    const codes = [
      'ftp://x.example/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'https://u:p@x.example/',
      'not a url',
    ].map((u) => {
      try {
        parseFetchableUrl(u);
        return 'accepted';
      } catch (error) {
        return (error as CurationError).problem.code === 'url-invalid'
          ? (error as CurationError & { problem: { reason: string } }).problem.reason
          : 'other';
      }
    });
    expect(codes).toEqual(['scheme', 'scheme', 'scheme', 'credentials', 'syntax']);
  });

  it('parses CURATE_ALLOW_HOSTS (commas or spaces, case, brackets, trailing dot)', () => {
    const allowed = AllowedHosts.parse(' 127.0.0.1, Wiki.Intranet.  [::1] ');
    expect(allowed.size).toBe(3);
    expect(allowed.has('wiki.intranet')).toBe(true);
    expect(allowed.has('::1')).toBe(true);
    expect(allowed.has('127.0.0.2')).toBe(false);
    expect(AllowedHosts.parse(undefined).size).toBe(0);
  });
});

describe('names resolving to private addresses (injected resolver)', () => {
  const table: Record<string, string[]> = {
    'public.test': ['93.184.216.34', '2606:4700:4700::1111'],
    'internal.test': ['10.1.2.3'],
    'mixed.test': ['93.184.216.34', '192.168.0.5'],
    'v6-private.test': ['fd00::5'],
    'mapped.test': ['::ffff:127.0.0.1'],
    'metadata.test': ['169.254.169.254'],
  };
  const resolver: Resolver = async (host) => {
    const list = table[host];
    if (!list) throw new Error('ENOTFOUND');
    return list.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  const none = new AllowedHosts();

  it('passes a name whose every address is public', async () => {
    expect(await resolveChecked('public.test', resolver, none)).toHaveLength(2);
  });

  it.each([
    ['internal.test', '10.1.2.3', 'private'],
    ['mixed.test', '192.168.0.5', 'private'],
    ['v6-private.test', 'fd00::5', 'IPv6 unique-local'],
    ['mapped.test', '::ffff:127.0.0.1', 'loopback'],
    ['metadata.test', '169.254.169.254', 'cloud metadata'],
  ])('refuses %s (%s, %s)', async (host, address, range) => {
    expect(await problemOf(resolveChecked(host, resolver, none))).toEqual({
      code: 'url-refused',
      host,
      address,
      range,
    });
  });

  it('lets the operator allow a host whatever it resolves to', async () => {
    expect(await resolveChecked('internal.test', resolver, new AllowedHosts(['internal.test']))).toEqual([
      { address: '10.1.2.3', family: 4 },
    ]);
  });

  it('says when a name does not resolve', async () => {
    expect(await problemOf(resolveChecked('nowhere.test', resolver, none))).toEqual({
      code: 'url-unresolved',
      host: 'nowhere.test',
    });
  });
});

describe('the safe fetcher on a loopback server', () => {
  let web: WebServer;
  // Names only this resolver knows: a successful fetch proves the socket used its (checked) answer.
  const names: Record<string, string> = { 'news.test': '127.0.0.1', 'evil.test': '127.0.0.1' };
  const resolver: Resolver = async (host) => {
    const address = names[host];
    if (!address) throw new Error('ENOTFOUND');
    return [{ address, family: 4 }];
  };
  const fetcher = (allow: string[], limits = {}) =>
    createSafeFetcher({ allowed: new AllowedHosts(allow), resolver, limits });
  const HTML = ['text/html', 'text/plain'];

  beforeAll(async () => {
    web = await startWebServer();
    web.route('/article', { body: '<html><body><p>Hello</p></body></html>' });
    web.route('/redirect-to-evil', (_req, res) => {
      res.writeHead(302, { location: `http://evil.test:${web.port}/article` });
      res.end();
    });
    web.route('/redirect-to-private-literal', (_req, res) => {
      res.writeHead(301, { location: 'http://10.0.0.1/article' });
      res.end();
    });
    web.route('/redirect-to-metadata', (_req, res) => {
      res.writeHead(307, { location: 'http://169.254.169.254/latest/meta-data/' });
      res.end();
    });
    web.route('/redirect-relative', (_req, res) => {
      res.writeHead(302, { location: '/article' });
      res.end();
    });
    web.route('/loop', (_req, res) => {
      res.writeHead(302, { location: '/loop' });
      res.end();
    });
    web.route('/pdf', { headers: { 'content-type': 'application/pdf' }, body: '%PDF-1.4' });
    web.route('/huge-declared', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(5 * 1024 * 1024) });
      res.end();
    });
    web.route('/huge-streamed', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      let sent = 0;
      const pump = () => {
        while (sent < 48 && res.write(chunk)) sent++;
        if (sent >= 48) res.end();
        else res.once('drain', pump);
      };
      pump();
    });
    web.route('/slow', () => {
      // never answers
    });
    web.route('/gone', { status: 410, body: 'gone' });
    web.route('/latin1', {
      headers: { 'content-type': 'text/plain; charset=iso-8859-1' },
      body: Buffer.from([0x5a, 0xfc, 0x72, 0x69, 0x63, 0x68]),
    });
    web.route('/feed', (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') {
        res.writeHead(304, { etag: '"v1"' });
        res.end();
        return;
      }
      res.writeHead(200, {
        'content-type': 'application/rss+xml',
        etag: '"v1"',
        'last-modified': 'Tue, 11 Mar 2025 09:00:00 GMT',
      });
      res.end('<rss version="2.0"><channel><title>t</title></channel></rss>');
    });
  });
  afterAll(async () => {
    await web.close();
  });

  it('refuses 127.0.0.1 unless the operator allows it, and never connects', async () => {
    const before = web.requests.length;
    expect(await problemOf(fetcher([]).fetchText(web.url('/article'), { accept: HTML }))).toMatchObject({
      code: 'url-refused',
      range: 'loopback',
    });
    expect(web.requests.length).toBe(before);
    const ok = await fetcher(['127.0.0.1']).fetchText(web.url('/article'), { accept: HTML });
    expect(ok).toMatchObject({
      notModified: false,
      contentType: 'text/html',
      text: expect.stringContaining('Hello'),
    });
  });

  it('refuses a name that resolves to loopback, before any connection', async () => {
    const before = web.requests.length;
    const problem = await problemOf(
      fetcher([]).fetchText(`http://evil.test:${web.port}/article`, { accept: HTML }),
    );
    expect(problem).toMatchObject({ code: 'url-refused', host: 'evil.test', address: '127.0.0.1' });
    expect(web.requests.length).toBe(before);
  });

  it('connects to the address it checked (a name the system cannot resolve works when allowed)', async () => {
    const ok = await fetcher(['news.test']).fetchText(`http://news.test:${web.port}/article`, {
      accept: HTML,
    });
    expect(ok.notModified).toBe(false);
  });

  it('re-checks every redirect: to a private name, a private literal, the metadata address', async () => {
    const f = fetcher(['127.0.0.1']);
    expect(await problemOf(f.fetchText(web.url('/redirect-to-evil'), { accept: HTML }))).toMatchObject({
      code: 'url-refused',
      host: 'evil.test',
    });
    expect(
      await problemOf(f.fetchText(web.url('/redirect-to-private-literal'), { accept: HTML })),
    ).toMatchObject({
      code: 'url-refused',
      address: '10.0.0.1',
      range: 'private',
    });
    expect(await problemOf(f.fetchText(web.url('/redirect-to-metadata'), { accept: HTML }))).toMatchObject({
      code: 'url-refused',
      range: 'cloud metadata',
    });
    const ok = await f.fetchText(web.url('/redirect-relative'), { accept: HTML });
    expect(ok.url).toBe(web.url('/article'));
  });

  it('caps redirects, size, time and content type', async () => {
    const f = fetcher(['127.0.0.1'], { timeoutMs: 400, maxBytes: 2 * 1024 * 1024 });
    expect(await problemOf(f.fetchText(web.url('/loop'), { accept: HTML }))).toMatchObject({
      code: 'fetch-redirects',
      max: 5,
    });
    expect(await problemOf(f.fetchText(web.url('/pdf'), { accept: HTML }))).toMatchObject({
      code: 'fetch-type',
      contentType: 'application/pdf',
    });
    expect(await problemOf(f.fetchText(web.url('/huge-declared'), { accept: HTML }))).toMatchObject({
      code: 'fetch-too-large',
      limitBytes: 2 * 1024 * 1024,
    });
    expect(await problemOf(f.fetchText(web.url('/huge-streamed'), { accept: HTML }))).toMatchObject({
      code: 'fetch-too-large',
    });
    expect(await problemOf(f.fetchText(web.url('/slow'), { accept: HTML }))).toMatchObject({
      code: 'fetch-timeout',
    });
    expect(await problemOf(f.fetchText(web.url('/gone'), { accept: HTML }))).toMatchObject({
      code: 'fetch-status',
      status: 410,
    });
  });

  it('decodes the declared charset and answers conditional requests', async () => {
    const f = fetcher(['127.0.0.1']);
    const latin = await f.fetchText(web.url('/latin1'), { accept: HTML });
    expect(latin.notModified === false && latin.text).toBe('Zürich');
    const feed = await f.fetchText(web.url('/feed'), { accept: ['application/rss+xml'] });
    expect(feed).toMatchObject({ notModified: false, etag: '"v1"' });
    const again = await f.fetchText(web.url('/feed'), { accept: ['application/rss+xml'], etag: '"v1"' });
    expect(again).toMatchObject({ notModified: true, etag: '"v1"' });
  });
});
