/**
 * Which addresses curation may fetch from. Every address a URL's host stands for is checked (all of
 * them, IPv4 and IPv6) and only public unicast addresses pass: no loopback, private, link-local,
 * carrier-grade NAT, multicast, reserved, IPv6 unique-local or IPv4-mapped/embedded forms, and never
 * the cloud metadata endpoints. An operator can allow named hosts (CURATE_ALLOW_HOSTS), e.g. an
 * intranet wiki, or 127.0.0.1 in tests. The check is made on the addresses the connection then uses
 * (safe-fetch.ts pins them), so a name cannot resolve one way for the check and another to connect.
 */
import ipaddr from 'ipaddr.js';
import { CurationError } from './errors.ts';

/** Addresses refused with a clearer name than their range. */
const METADATA = new Map([
  ['169.254.169.254', 'cloud metadata'],
  ['fd00:ec2::254', 'cloud metadata'],
  ['100.100.100.200', 'cloud metadata'],
]);

/** ipaddr.js range names that are public, routable unicast. Everything else is refused. */
const PUBLIC_RANGES = new Set(['unicast']);

/**
 * Undefined when `address` (an IP literal) may be fetched from; otherwise the name of the range
 * that forbids it ("loopback", "private", "cloud metadata", …).
 */
export function refusedRange(address: string): string | undefined {
  const literal = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!ipaddr.isValid(literal)) return 'not an IP address';
  let ip = ipaddr.parse(literal);
  if (ip.kind() === 'ipv6') {
    const v6 = ip as ipaddr.IPv6;
    // ::ffff:10.0.0.1 reaches 10.0.0.1: judge the IPv4 address inside.
    if (v6.isIPv4MappedAddress()) ip = v6.toIPv4Address();
  }
  const normalized = ip.toString();
  const metadata = METADATA.get(normalized);
  if (metadata) return metadata;
  const range = ip.range();
  return PUBLIC_RANGES.has(range) ? undefined : rangeName(range);
}

function rangeName(range: string): string {
  switch (range) {
    case 'linkLocal':
      return 'link-local';
    case 'carrierGradeNat':
      return 'carrier-grade NAT';
    case 'uniqueLocal':
      return 'IPv6 unique-local';
    case 'ipv4Mapped':
      return 'IPv4-mapped';
    case 'rfc6052':
    case 'rfc6145':
    case '6to4':
    case 'teredo':
      return `IPv4 embedded in IPv6 (${range})`;
    default:
      return range;
  }
}

/** Host names (or IP literals) the operator allows whatever they resolve to. */
export class AllowedHosts {
  private readonly hosts: ReadonlySet<string>;

  constructor(list: readonly string[] = []) {
    this.hosts = new Set(list.map(normalizeHost).filter((h) => h !== ''));
  }

  /** From CURATE_ALLOW_HOSTS: comma- or space-separated host names or IP addresses. */
  static parse(value: string | undefined): AllowedHosts {
    return new AllowedHosts((value ?? '').split(/[\s,]+/));
  }

  has(host: string): boolean {
    return this.hosts.has(normalizeHost(host));
  }

  get size(): number {
    return this.hosts.size;
  }
}

export function normalizeHost(host: string): string {
  return host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
}

/** A URL curation may try: http(s), no user:password. Refuses with a CurationError otherwise. */
export function parseFetchableUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new CurationError({ code: 'url-invalid', url: text, reason: 'syntax' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new CurationError({ code: 'url-invalid', url: text, reason: 'scheme' });
  if (url.username || url.password)
    throw new CurationError({ code: 'url-invalid', url: text, reason: 'credentials' });
  return url;
}

/** Refuses an IP-literal host up front (a connection to an IP literal never resolves a name). */
export function checkLiteralHost(url: URL, allowed: AllowedHosts): void {
  const host = normalizeHost(url.hostname);
  if (!ipaddr.isValid(host) || allowed.has(host)) return;
  const range = refusedRange(host);
  if (range) throw new CurationError({ code: 'url-refused', host, address: host, range });
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Name → every address it stands for (dns.lookup with all: true in production; injected in tests). */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

/**
 * Resolves `hostname` and checks every address: all must be fetchable (one private address among
 * public ones is enough to refuse, as the connection might pick it). Returns the checked addresses.
 */
export async function resolveChecked(
  hostname: string,
  resolver: Resolver,
  allowed: AllowedHosts,
): Promise<ResolvedAddress[]> {
  const host = normalizeHost(hostname);
  if (ipaddr.isValid(host)) {
    const family = ipaddr.parse(host).kind() === 'ipv6' ? 6 : 4;
    if (!allowed.has(host)) {
      const range = refusedRange(host);
      if (range) throw new CurationError({ code: 'url-refused', host, address: host, range });
    }
    return [{ address: host, family }];
  }
  let addresses: ResolvedAddress[];
  try {
    addresses = await resolver(host);
  } catch {
    throw new CurationError({ code: 'url-unresolved', host });
  }
  if (addresses.length === 0) throw new CurationError({ code: 'url-unresolved', host });
  if (allowed.has(host)) return addresses;
  for (const a of addresses) {
    const range = refusedRange(a.address);
    if (range) throw new CurationError({ code: 'url-refused', host, address: a.address, range });
  }
  return addresses;
}
