import { describe, expect, it } from 'vitest';
import { assertUrlAllowed, guardedLookup, isAllowedHost, isBlockedAddress } from '../../../src/fetch/address-guard.ts';

describe('isBlockedAddress', () => {
  it.each([
    '127.0.0.1', '127.255.0.9', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '0.0.0.0',
    '100.64.0.1', '100.127.255.254', '224.0.0.1', '255.255.255.255', '192.0.0.192',
    '::1', '::', 'fe80::1', 'fc00::1', 'fd12:3456::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:169.254.169.254',
    '::ffff:a9fe:a9fe', '64:ff9b::10.0.0.1', '2002:c0a8:0101::1', 'ff02::1', '[::1]', 'fe80::1%eth0', 'not-an-ip',
  ])('refuses %s', (ip) => expect(isBlockedAddress(ip)).toBe(true));

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '::ffff:8.8.8.8', '2002:0808:0808::1'])(
    'allows %s', (ip) => expect(isBlockedAddress(ip)).toBe(false),
  );
});

describe('assertUrlAllowed', () => {
  const strict = { allowPrivateNetworks: false, allowHosts: [] };
  it('refuses IP literals in private ranges and localhost names', () => {
    expect(() => assertUrlAllowed(new URL('http://169.254.169.254/latest/meta-data/'), strict)).toThrow(/refused/);
    expect(() => assertUrlAllowed(new URL('http://[::ffff:127.0.0.1]:8080/'), strict)).toThrow(/refused/);
    expect(() => assertUrlAllowed(new URL('http://localhost:3000/'), strict)).toThrow(/refused/);
    expect(() => assertUrlAllowed(new URL('file:///etc/passwd'), strict)).toThrow(/only http/);
  });
  it('says which setting would allow a refused address, and where it is set', () => {
    expect(() => assertUrlAllowed(new URL('http://10.0.0.7:8080/feed'), strict)).toThrow('to fetch it anyway, add "10.0.0.7:8080" to allowHosts in config/fetch.yaml');
    expect(() => assertUrlAllowed(new URL('https://[fd00::1]/'), { ...strict, settingsFile: '/etc/radar/fetch.yaml' }))
      .toThrow('add "[fd00::1]:443" to allowHosts in /etc/radar/fetch.yaml');
  });
  it('lets public addresses, exempt host:port pairs and allowPrivateNetworks through', () => {
    expect(() => assertUrlAllowed(new URL('https://93.184.216.34/'), strict)).not.toThrow();
    const exempt = { allowPrivateNetworks: false, allowHosts: ['127.0.0.1:4321'] };
    expect(() => assertUrlAllowed(new URL('http://127.0.0.1:4321/feed'), exempt)).not.toThrow();
    expect(() => assertUrlAllowed(new URL('http://127.0.0.1:4322/feed'), exempt)).toThrow(/refused/);
    expect(isAllowedHost(new URL('http://127.0.0.1:4321/x'), exempt)).toBe(true);
    expect(() => assertUrlAllowed(new URL('http://10.0.0.1/'), { allowPrivateNetworks: true, allowHosts: [] })).not.toThrow();
  });
});

describe('guardedLookup', () => {
  it('fails the connection when a name resolves to loopback', async () => {
    const lookup = guardedLookup({ allowPrivateNetworks: false, allowHosts: [] });
    const err = await new Promise<Error | null>((resolve) => (lookup as Function)('localhost', {}, (e: Error | null) => resolve(e)));
    expect(err?.message).toMatch(/refused: localhost resolves to/);
  });
  it('resolves normally when private networks are allowed', async () => {
    const lookup = guardedLookup({ allowPrivateNetworks: true, allowHosts: [] });
    const address = await new Promise<string>((resolve, reject) =>
      (lookup as Function)('localhost', {}, (e: Error | null, a: string) => (e ? reject(e) : resolve(a))));
    expect(address).toMatch(/^(127\.0\.0\.1|::1)$/);
  });
});
