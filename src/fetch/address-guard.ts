// SSRF guard: the fetcher must never be steered (by a feed, a redirect or a DNS answer) into loopback, private,
// link-local or cloud-metadata addresses. The check runs on the resolved IP that the socket then connects to,
// so a hostname that resolves differently the second time (DNS rebinding) cannot slip through.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { SkipError } from '../errors.ts';

const V4_BLOCKED: Array<[string, number]> = [
  ['0.0.0.0', 8], // "this network", incl. 0.0.0.0 which Linux routes to localhost
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, incl. the 169.254.169.254 metadata endpoint
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments (incl. 192.0.0.192 Oracle metadata)
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, incl. 255.255.255.255
];

const V6_BLOCKED: Array<[string, number]> = [
  ['::', 96], // unspecified, loopback and the deprecated IPv4-compatible block
  ['100::', 64], // discard
  ['2001::', 23], // IETF protocol assignments (Teredo, ORCHID...)
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // old site-local
  ['ff00::', 8], // multicast
  ['fd00:ec2::', 32], // AWS IMDS over IPv6 (already inside fc00::/7; listed for the record)
];

const blocked = new BlockList();
for (const [net, prefix] of V4_BLOCKED) blocked.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of V6_BLOCKED) blocked.addSubnet(net, prefix, 'ipv6');

/** The IPv4 address embedded in an IPv4-mapped (::ffff:a.b.c.d), NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address. */
function embeddedV4(ip: string): string | null {
  const lower = ip.toLowerCase();
  const dotted = lower.match(/^(?:::ffff:(?:0:)?|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/);
  if (dotted) return dotted[1]!;
  const hex = lower.match(/^(?:::ffff:(?:0:)?|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/);
  if (hex) {
    const hi = parseInt(hex[1]!, 16);
    const lo = parseInt(hex[2]!, 16);
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  const sixToFour = lower.match(/^2002:([0-9a-f]{1,4}):([0-9a-f]{1,4}):/);
  if (sixToFour) {
    const hi = parseInt(sixToFour[1]!, 16);
    const lo = parseInt(sixToFour[2]!, 16);
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return null;
}

/** True when `ip` is loopback, private, link-local, CGNAT, multicast, reserved or a metadata address (IPv4 or IPv6). */
export function isBlockedAddress(ip: string): boolean {
  const bare = ip.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 4) return blocked.check(bare, 'ipv4');
  if (family !== 6) return true; // not an IP at all: refuse rather than guess
  const v4 = embeddedV4(bare);
  if (v4) return blocked.check(v4, 'ipv4');
  if (/^::ffff:/i.test(bare)) return true; // a mapped form we could not read
  return blocked.check(bare, 'ipv6');
}

export interface AddressPolicy {
  allowPrivateNetworks: boolean;
  /** "host" or "host:port" entries exempt from the check. */
  allowHosts: readonly string[];
}

/** True when the URL's host (or host:port) is listed in `allowHosts`. */
export function isAllowedHost(url: URL, policy: AddressPolicy): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return policy.allowHosts.some((entry) => {
    const e = entry.toLowerCase().replace(/^\[|\]$/g, '');
    return e === host || e === `${host}:${port}` || e === `[${host}]:${port}`;
  });
}

/** Refuses a URL whose host is an IP literal in a blocked range (hostnames are checked at connect time by guardedLookup). */
export function assertUrlAllowed(url: URL, policy: AddressPolicy): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new SkipError(`${url.href}: refused: only http and https URLs are fetched`);
  if (policy.allowPrivateNetworks || isAllowedHost(url, policy)) return;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && isBlockedAddress(host)) throw new SkipError(`${url.href}: refused: ${host} is a private, loopback or link-local address`);
  if (host === 'localhost' || host.endsWith('.localhost')) throw new SkipError(`${url.href}: refused: localhost is not fetched`);
}

/** A dns.lookup replacement for the socket: resolves, then fails the connection if any answer is a blocked address. */
export function guardedLookup(policy: AddressPolicy): LookupFunction {
  const allowedNames = new Set(policy.allowHosts.map((h) => h.replace(/:\d+$/, '').replace(/^\[|\]$/g, '').toLowerCase()));
  return ((hostname: string, options: object, callback: (...args: unknown[]) => void) => {
    dnsLookup(hostname, { ...(options as object), all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err);
      const exempt = policy.allowPrivateNetworks || allowedNames.has(hostname.toLowerCase());
      const bad = exempt ? undefined : addresses.find((a) => isBlockedAddress(a.address));
      if (bad) {
        const refused = new Error(`refused: ${hostname} resolves to ${bad.address}, a private, loopback or link-local address`);
        (refused as NodeJS.ErrnoException).code = 'ERR_RADAR_BLOCKED_ADDRESS';
        return callback(refused);
      }
      if ((options as { all?: boolean }).all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(new Error(`${hostname}: no address`));
      callback(null, first.address, first.family);
    });
  }) as unknown as LookupFunction;
}
