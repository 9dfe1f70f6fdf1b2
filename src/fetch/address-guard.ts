// SSRF guard: the fetcher must never be steered (by a feed, a redirect or a DNS answer) into loopback, private,
// link-local or cloud-metadata addresses. The check runs on the resolved IP that the socket then connects to,
// so a hostname that resolves differently the second time (DNS rebinding) cannot slip through.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { buildConnector } from 'undici';
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
  /** "host" (the scheme's default port only) or "host:port" entries exempt from the check; see isAllowedHostPort. */
  allowHosts: readonly string[];
  /** Where allowHosts is set, named in a refusal so the user knows what to edit (default "config/fetch.yaml"). */
  settingsFile?: string;
}

/** An allowHosts entry split into its host (lower case, no brackets) and port (null: the scheme's default port). */
export function parseAllowEntry(entry: string): { host: string; port: string | null } {
  const e = entry.trim().toLowerCase();
  const bracketed = e.match(/^\[([^\]]+)\](?::(\d+))?$/);
  if (bracketed) return { host: bracketed[1]!, port: bracketed[2] ?? null };
  if (isIP(e) === 6) return { host: e, port: null }; // a bare IPv6 address: its last group is not a port
  const hostPort = e.match(/^(.*):(\d+)$/);
  return hostPort ? { host: hostPort[1]!, port: hostPort[2]! } : { host: e, port: null };
}

function defaultPort(protocol: string): string {
  return protocol === 'https:' ? '443' : '80';
}

/**
 * True when `hostname` on `port` is listed in `allowHosts`. An entry must match host AND port exactly: "vm:19001" allows
 * vm on port 19001 only, and a bare "vm" allows vm on the default port of the URL's scheme (80 for http, 443 for https),
 * never on any other port. Checked on every redirect hop and again when the socket connects.
 */
export function isAllowedHostPort(hostname: string, port: string | number, protocol: string, policy: AddressPolicy): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const wanted = String(port || defaultPort(protocol));
  return policy.allowHosts.some((entry) => {
    const e = parseAllowEntry(entry);
    return e.host === host && (e.port ?? defaultPort(protocol)) === wanted;
  });
}

/** True when the URL's host and port are listed in `allowHosts` (see isAllowedHostPort). */
export function isAllowedHost(url: URL, policy: AddressPolicy): boolean {
  return isAllowedHostPort(url.hostname, url.port, url.protocol, policy);
}

/** The sentence a refusal ends with: which setting would allow this host and port, and where it is set. */
export function allowHint(url: URL, policy: Pick<AddressPolicy, 'settingsFile'>): string {
  const host = url.hostname.includes(':') && !url.hostname.startsWith('[') ? `[${url.hostname}]` : url.hostname;
  const entry = `${host}:${url.port || defaultPort(url.protocol)}`;
  return `to fetch it anyway, add "${entry}" to allowHosts in ${policy.settingsFile ?? 'config/fetch.yaml'}`;
}

/** Refuses a URL whose host is an IP literal in a blocked range (hostnames are checked at connect time by guardedLookup). */
export function assertUrlAllowed(url: URL, policy: AddressPolicy): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new SkipError(`${url.href}: refused: only http and https URLs are fetched`);
  if (policy.allowPrivateNetworks || isAllowedHost(url, policy)) return;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && isBlockedAddress(host)) throw new SkipError(`${url.href}: refused: ${host} is a private, loopback or link-local address; ${allowHint(url, policy)}`);
  if (host === 'localhost' || host.endsWith('.localhost')) throw new SkipError(`${url.href}: refused: localhost is not fetched; ${allowHint(url, policy)}`);
}

/**
 * A dns.lookup replacement for the socket: resolves, then fails the connection if any answer is a blocked address.
 * It sees the host name only, not the port, so it exempts nothing but allowPrivateNetworks: allowHosts entries are
 * honoured by guardedConnector, which picks an unguarded connection only for an allowed host and port.
 */
export function guardedLookup(policy: AddressPolicy): LookupFunction {
  return ((hostname: string, options: object, callback: (...args: unknown[]) => void) => {
    dnsLookup(hostname, { ...(options as object), all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err);
      const bad = policy.allowPrivateNetworks ? undefined : addresses.find((a) => isBlockedAddress(a.address));
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

/**
 * The socket connector for the HTTP agent: an allowed host:port (exact match, see isAllowedHostPort) connects with the
 * ordinary DNS lookup, everything else through guardedLookup. The choice is made per connection from the host and port
 * the socket is opened to, so a redirect from an allowed "vm:19001" to "vm:5432" is refused.
 */
export function guardedConnector(policy: AddressPolicy, opts: { timeout: number }): buildConnector.connector {
  const guarded = buildConnector({ timeout: opts.timeout, lookup: guardedLookup(policy) });
  const open = buildConnector({ timeout: opts.timeout });
  return (options, callback) => {
    const exempt = policy.allowPrivateNetworks || isAllowedHostPort(options.hostname, options.port, options.protocol, policy);
    return (exempt ? open : guarded)(options, callback);
  };
}
