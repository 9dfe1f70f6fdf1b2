// allowHosts matches host AND port exactly, on the first request and on every redirect hop, against real loopback
// servers: an entry for one port of a host that resolves to loopback must not open any other port of that host.
import { lookup } from 'node:dns/promises';
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SkipError } from '../../../src/errors.ts';
import { isAllowedHost, isAllowedHostPort } from '../../../src/fetch/address-guard.ts';
import { fetchConfigFrom } from '../../../src/fetch/fetch-config.ts';
import { createHttpClient, type HttpClient } from '../../../src/fetch/http.ts';
import { body, redirect, startTestServer, type TestServer } from '../../helpers/http-server.ts';

// A name (not "localhost", which is refused by name) that resolves to 127.0.0.1 only, as "vm" did in the probe run.
const NAME = hostname().toLowerCase();
const NAME_IS_LOOPBACK = await lookup(NAME, { all: true }).then((a) => a.length > 0 && a.every((x) => x.address === '127.0.0.1'), () => false);

describe('isAllowedHostPort', () => {
  const policy = { allowPrivateNetworks: false, allowHosts: ['vm:19001', 'intranet', '[::1]:8080'] };
  it('matches an entry with a port on that port only', () => {
    expect(isAllowedHostPort('vm', '19001', 'http:', policy)).toBe(true);
    expect(isAllowedHostPort('VM', 19001, 'https:', policy)).toBe(true);
    expect(isAllowedHostPort('vm', '19002', 'http:', policy)).toBe(false);
    expect(isAllowedHostPort('vm', '5432', 'http:', policy)).toBe(false);
    expect(isAllowedHostPort('vm', '', 'http:', policy)).toBe(false);
  });
  it('matches a bare host on the default port of the scheme only', () => {
    expect(isAllowedHost(new URL('http://intranet/feed'), policy)).toBe(true);
    expect(isAllowedHost(new URL('https://intranet/feed'), policy)).toBe(true);
    expect(isAllowedHost(new URL('http://intranet:8080/feed'), policy)).toBe(false);
    expect(isAllowedHost(new URL('http://[::1]:8080/'), policy)).toBe(true);
    expect(isAllowedHost(new URL('http://[::1]:8081/'), policy)).toBe(false);
  });
});

describe.skipIf(!NAME_IS_LOOPBACK)(`allowHosts ["${NAME}:PORT"] against real servers`, () => {
  let allowed: TestServer;
  let internal: TestServer;
  let client: HttpClient;
  beforeAll(async () => {
    allowed = await startTestServer();
    internal = await startTestServer();
    internal.on('/secret', body('internal service'));
    allowed.on('/feed', body('<rss/>', { contentType: 'application/rss+xml' }));
    allowed.on('/hop', redirect(`http://${NAME}:${internal.port}/secret`));
    client = createHttpClient(
      fetchConfigFrom({ allowHosts: [`${NAME}:${allowed.port}`], politeness: { perHostDelayMs: 0, respectRobots: false } }),
      { settingsFile: '/srv/radar/config/fetch.yaml' },
    );
  });
  afterAll(async () => {
    await client?.close();
    await allowed?.close();
    await internal?.close();
  });
  const get = (url: string) => client.get({ url, accept: '*/*', maxBytes: 1 << 20 });

  it('fetches the allowed host on its port', async () => {
    const res = await get(`http://${NAME}:${allowed.port}/feed`);
    expect(Buffer.from(res.body).toString()).toBe('<rss/>');
  });

  it('refuses the same host on another port, naming the setting and its file', async () => {
    const err = await get(`http://${NAME}:${internal.port}/secret`).catch((e) => e);
    expect(err).toBeInstanceOf(SkipError);
    expect(err.message).toContain(`refused: ${NAME} resolves to 127.0.0.1`);
    expect(err.message).toContain(`add "${NAME}:${internal.port}" to allowHosts in /srv/radar/config/fetch.yaml`);
    expect(internal.hits('/secret')).toBe(0);
  });

  it('refuses a redirect from the allowed port to another port of the same host', async () => {
    const err = await get(`http://${NAME}:${allowed.port}/hop`).catch((e) => e);
    expect(err).toBeInstanceOf(SkipError);
    expect(err.message).toMatch(/refused/);
    expect(internal.hits('/secret')).toBe(0);
    expect(internal.requests).toHaveLength(0);
  });
});
