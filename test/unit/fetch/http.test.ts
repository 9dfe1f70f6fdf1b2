// The HTTP client against a real loopback server: conditional GET, rate limits, redirects, caps, robots, timeouts.
import { lookup } from 'node:dns/promises';
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isBlockedAddress } from '../../../src/fetch/address-guard.ts';
import { RateLimitedError, RetryLaterError, SkipError } from '../../../src/errors.ts';
import { fetchConfigFrom } from '../../../src/fetch/fetch-config.ts';
import { createHttpClient, HostUnreachableError, parseRetryAfter, statusOf, type HttpClient } from '../../../src/fetch/http.ts';
import { bomb, body, conditional, huge, redirect, slow, stall, startTestServer, status, type TestServer } from '../../helpers/http-server.ts';

let server: TestServer;
let client: HttpClient;
const HOSTNAME_IS_PRIVATE = await lookup(hostname(), { all: true }).then((a) => a.length > 0 && a.every((x) => isBlockedAddress(x.address)), () => false);

beforeAll(async () => {
  server = await startTestServer();
  client = createHttpClient(
    fetchConfigFrom({
      allowHosts: [server.hostPort],
      timeouts: { connectMs: 2000, headersMs: 2000, idleMs: 500, totalMs: 3000 },
      limits: { maxFeedBytes: 1 << 20, maxPageBytes: 1 << 20, maxDecompressedBytes: 2 << 20, maxRedirects: 5 },
      politeness: { perHostConcurrency: 4, perHostDelayMs: 0, globalConcurrency: 8, respectRobots: true, robotsCacheMinutes: 60 },
    }),
  );
});
afterAll(async () => {
  await client.close();
  await server.close();
});

const get = (path: string, extra: Partial<Parameters<HttpClient['get']>[0]> = {}) =>
  client.get({ url: `${server.origin}${path}`, accept: '*/*', maxBytes: 1 << 20, ...extra });

describe('conditional GET', () => {
  it('sends the validators and reports 304 as not modified', async () => {
    server.on('/cond', conditional('<rss/>', { etag: '"abc"', lastModified: 'Tue, 02 Jan 2024 00:00:00 GMT' }));
    const first = await get('/cond');
    expect(first.notModified).toBe(false);
    expect(first.etag).toBe('"abc"');
    const second = await get('/cond', { etag: first.etag, lastModified: first.lastModified });
    expect(second.notModified).toBe(true);
    expect(second.status).toBe(304);
    expect(server.requests.filter((r) => r.path === '/cond').at(-1)?.headers['if-none-match']).toBe('"abc"');
  });
  it('sends the configured User-Agent', async () => {
    server.on('/ua', body('ok'));
    await get('/ua');
    expect(server.requests.find((r) => r.path === '/ua')?.headers['user-agent']).toMatch(/HiringRadar.*mailto:/);
  });
});

describe('status handling', () => {
  it('maps 429 with Retry-After to RateLimitedError carrying the delay', async () => {
    server.on('/busy', status(429, '120'));
    const err = await get('/busy').catch((e) => e);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).retryAfterMs).toBe(120_000);
    expect(statusOf(err)).toBe(429);
  });
  it('maps 503 with an HTTP-date Retry-After to RateLimitedError, and without it to RetryLaterError', async () => {
    server.on('/down', status(503, new Date(Date.now() + 600_000).toUTCString()));
    const err = await get('/down').catch((e) => e);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).retryAfterMs).toBeGreaterThan(500_000);
    server.on('/down2', status(503));
    expect(await get('/down2').catch((e) => e)).toBeInstanceOf(RetryLaterError);
  });
  it('maps 404 to SkipError and 500 to RetryLaterError', async () => {
    expect(await get('/missing').catch((e) => e)).toBeInstanceOf(SkipError);
    server.on('/boom', status(500));
    const err = await get('/boom').catch((e) => e);
    expect(err).toBeInstanceOf(RetryLaterError);
    expect(err.message).toContain('/boom: HTTP 500');
  });
  it('parses Retry-After forms', () => {
    expect(parseRetryAfter('30')).toBe(30_000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:27:00 GMT'))).toBe(60_000);
    expect(parseRetryAfter('soon')).toBeNull();
  });
});

describe('redirects', () => {
  it('follows up to five redirects and reports the final URL', async () => {
    for (let i = 0; i < 5; i++) server.on(`/r${i}`, redirect(`/r${i + 1}`));
    server.on('/r5', body('landed'));
    const res = await get('/r0');
    expect(res.url).toBe(`${server.origin}/r5`);
    expect(res.redirects).toHaveLength(5);
    expect(Buffer.from(res.body).toString()).toBe('landed');
  });
  it('refuses a sixth redirect', async () => {
    for (let i = 0; i < 6; i++) server.on(`/s${i}`, redirect(`/s${i + 1}`));
    server.on('/s6', body('too far'));
    await expect(get('/s0')).rejects.toThrow(/more than 5 redirects/);
  });
  it('detects a redirect loop', async () => {
    server.on('/loop-a', redirect('/loop-b'));
    server.on('/loop-b', redirect('/loop-a'));
    await expect(get('/loop-a')).rejects.toThrow(/redirect loop/);
  });
  it('refuses a redirect into a private or metadata address, and to another loopback port', async () => {
    server.on('/to-metadata', redirect('http://169.254.169.254/latest/meta-data/'));
    const err = await get('/to-metadata').catch((e) => e);
    expect(err).toBeInstanceOf(SkipError);
    expect(err.message).toMatch(/169\.254\.169\.254.*refused/);
    server.on('/to-other-port', redirect(`http://127.0.0.1:${server.port === 1 ? 2 : 1}/admin`));
    await expect(get('/to-other-port')).rejects.toThrow(/refused/);
    server.on('/to-localhost', redirect(`http://localhost:${server.port}/x`));
    await expect(get('/to-localhost')).rejects.toThrow(/refused/);
  });
  // The machine's own hostname usually resolves to a loopback or private address through /etc/hosts: it passes the
  // name check, so only the socket's lookup hook (checking the resolved IP it then connects to) can stop it.
  it.skipIf(!HOSTNAME_IS_PRIVATE)('checks the resolved address at connect time (the lookup hook)', async () => {
    server.on('/to-hostname', redirect(`http://${hostname()}:${server.port}/x`));
    const err = await get('/to-hostname').catch((e) => e);
    expect(err).toBeInstanceOf(SkipError);
    expect(err.message).toContain(`refused: ${hostname()} resolves to`);
  });
});

describe('size caps and decompression', () => {
  it('stops a streamed body over the cap', async () => {
    server.on('/huge', huge(8 << 20));
    const err = await get('/huge').catch((e) => e);
    expect(err).toBeInstanceOf(SkipError);
    expect(err.message).toMatch(/larger than 1048576 bytes/);
  });
  it('decodes gzip and br', async () => {
    server.on('/gz', body('<p>héllo gzip</p>', { encoding: 'gzip' }));
    server.on('/br', body('<p>héllo br</p>', { encoding: 'br' }));
    expect(Buffer.from((await get('/gz')).body).toString()).toBe('<p>héllo gzip</p>');
    expect(Buffer.from((await get('/br')).body).toString()).toBe('<p>héllo br</p>');
  });
  it('stops gzip and brotli bombs at the decompressed cap', async () => {
    server.on('/gzbomb', bomb(16 << 20, 'gzip'));
    server.on('/brbomb', bomb(16 << 20, 'br'));
    await expect(get('/gzbomb')).rejects.toThrow(/decompressed body larger than/);
    await expect(get('/brbomb')).rejects.toThrow(/decompressed body larger than/);
  });
});

describe('robots.txt', () => {
  it('refuses disallowed paths and caches robots.txt', async () => {
    const robots = await startTestServer();
    const strictClient = createHttpClient(fetchConfigFrom({ allowHosts: [robots.hostPort], politeness: { perHostDelayMs: 10 } }));
    try {
      robots.on('/robots.txt', body('User-agent: HiringRadar\nDisallow: /private\n\nUser-agent: *\nAllow: /\n', { contentType: 'text/plain' }));
      robots.on('/private/feed', body('secret'));
      robots.on('/public', body('hello'));
      const fetchIt = (p: string) => strictClient.get({ url: `${robots.origin}${p}`, accept: '*/*', maxBytes: 1000 });
      await expect(fetchIt('/private/feed')).rejects.toThrow(/disallowed by .*robots\.txt/);
      expect((await fetchIt('/public')).status).toBe(200);
      expect(robots.hits('/private/feed')).toBe(0);
      expect(robots.hits('/robots.txt')).toBe(1);
    } finally {
      await strictClient.close();
      await robots.close();
    }
  });
});

describe('timeouts', () => {
  it('gives up on a slow response with RetryLaterError', async () => {
    server.on('/slow', slow(5000, body('late')));
    const err = await get('/slow').catch((e) => e);
    expect(err).toBeInstanceOf(RetryLaterError);
  });
  it('gives up on a stalled body', async () => {
    server.on('/stall', stall());
    await expect(get('/stall')).rejects.toBeInstanceOf(RetryLaterError);
  });
  it('rethrows the caller abort instead of turning it into a retry', async () => {
    server.on('/slow2', slow(5000, body('late')));
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('shutting down')), 50);
    await expect(get('/slow2', { signal: controller.signal })).rejects.toThrow('shutting down');
  });
  it('reports a refused connection as an unreachable host to retry later', async () => {
    const dead = await startTestServer();
    const port = dead.port;
    await dead.close();
    const c = createHttpClient(fetchConfigFrom({ allowHosts: [`127.0.0.1:${port}`] }));
    try {
      const err = await c.get({ url: `http://127.0.0.1:${port}/feed`, accept: '*/*', maxBytes: 1000, skipRobots: true }).catch((e) => e);
      expect(err).toBeInstanceOf(RetryLaterError);
      expect(err).toBeInstanceOf(HostUnreachableError);
      expect(err.message).toBe(`http://127.0.0.1:${port}/feed: cannot reach 127.0.0.1:${port}: connection failed (ECONNREFUSED)`);
    } finally {
      await c.close();
    }
  });
});
