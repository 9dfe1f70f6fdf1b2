// The one HTTP client: User-Agent with contact, conditional GET, connect/headers/idle/total timeouts, manual
// redirects (each hop re-checked against the address guard and robots.txt), per-host politeness, capped bodies.
// Failures come out as the typed errors of src/errors.ts, so decideNext() alone decides what happens next.
import { Agent, request, type Dispatcher } from 'undici';
import { RadarError, RateLimitedError, RetryLaterError, SkipError } from '../errors.ts';
import { silentLogger, type Logger } from '../log.ts';
import { allowHint, assertUrlAllowed, guardedConnector, type AddressPolicy } from './address-guard.ts';
import { readBody } from './body.ts';
import type { FetchConfig } from './fetch-config.ts';
import { HostLimiter } from './host-limiter.ts';
import { RobotsCache } from './robots.ts';

export interface HttpRequest {
  url: string;
  accept: string;
  /** Validators from the previous fetch: a match gives a 304 with no body. */
  etag?: string | null;
  lastModified?: string | null;
  /** Wire-size cap for this request (feeds and pages differ). */
  maxBytes: number;
  signal?: AbortSignal;
  /** Skip the robots.txt check (used for robots.txt itself). */
  skipRobots?: boolean;
}

export interface HttpResponse {
  status: number;
  /** The URL after redirects. */
  url: string;
  redirects: string[];
  notModified: boolean;
  contentType: string | null;
  etag: string | null;
  lastModified: string | null;
  body: Uint8Array;
}

export interface HttpClient {
  /** GETs `req.url`; resolves for 2xx and 304, throws SkipError / RetryLaterError / RateLimitedError otherwise. */
  get(req: HttpRequest): Promise<HttpResponse>;
  readonly limiter: HostLimiter;
  close(): Promise<void>;
}

/** Statuses that mean "the server is busy, come back later" rather than "this URL is broken". */
const RETRYABLE_STATUS = new Set([408, 425, 429, 500, 502, 503, 504, 520, 521, 522, 523, 524]);
const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);

/** Attaches the HTTP status to an error so the caller can record feeds.last_status. */
function withStatus<E extends Error>(err: E, status: number): E {
  return Object.assign(err, { status });
}

/** The HTTP status an error carries, if it came from a response. */
export function statusOf(err: unknown): number | null {
  const status = (err as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : null;
}

/** Parses Retry-After (delta-seconds or an HTTP date) into milliseconds from `now`; null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

function header(headers: Dispatcher.ResponseData['headers'], name: string): string | null {
  const v = headers[name];
  if (Array.isArray(v)) return v[0] ?? null;
  return v ?? null;
}

function networkError(url: URL, err: unknown, policy: AddressPolicy): RadarError {
  let cause: unknown = err;
  while (cause instanceof Error) {
    if ((cause as NodeJS.ErrnoException).code === 'ERR_RADAR_BLOCKED_ADDRESS') return new SkipError(`${url.href}: ${cause.message}; ${allowHint(url, policy)}`, { cause: err });
    cause = cause.cause;
  }
  const e = err as NodeJS.ErrnoException;
  const what = e.code ?? e.name ?? 'error';
  const code = errorCode(err);
  if (code) return new HostUnreachableError(url, code, { cause: err });
  return new RetryLaterError(`${url.href}: network error: ${what}: ${e.message}`, { cause: err });
}

/** The host could not be reached at all: its name did not resolve, or no connection could be opened. Retried later. */
export class HostUnreachableError extends RetryLaterError {
  readonly reason: 'dns' | 'connect';
  constructor(readonly url: URL, readonly code: string, options?: { cause?: unknown }) {
    const dns = DNS_CODES.has(code);
    super(`${url.href}: cannot reach ${dns ? url.hostname : url.host}: ${dns ? 'DNS lookup failed' : 'connection failed'} (${code})`, options);
    this.reason = dns ? 'dns' : 'connect';
  }
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'EAI_NONAME']);
const CONNECT_CODES = new Set(['ECONNREFUSED', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN', 'EHOSTDOWN', 'UND_ERR_CONNECT_TIMEOUT']);

/** The first system error code along the cause chain (undici wraps the socket's error). */
function errorCode(err: unknown): string | null {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code && (DNS_CODES.has(code) || CONNECT_CODES.has(code))) return code;
  }
  return null;
}

/** Product token for robots.txt group matching ("HiringRadar" from "HiringRadar/0.1 (+...)"). */
export function robotsToken(userAgent: string): string {
  return userAgent.split(/[/\s]/)[0] || userAgent;
}

/** Creates the shared HTTP client (one per process: it owns the connection pool, the host limiter and the robots cache). */
export function createHttpClient(config: FetchConfig, opts: { log?: Logger; settingsFile?: string } = {}): HttpClient {
  const log = opts.log ?? silentLogger;
  const policy: AddressPolicy = {
    allowPrivateNetworks: config.allowPrivateNetworks, allowHosts: config.allowHosts, ...(opts.settingsFile ? { settingsFile: opts.settingsFile } : {}),
  };
  const agent = new Agent({
    connect: guardedConnector(policy, { timeout: config.timeouts.connectMs }),
    headersTimeout: config.timeouts.headersMs,
    bodyTimeout: config.timeouts.idleMs,
    keepAliveTimeout: 10_000,
    connections: config.politeness.perHostConcurrency + 1,
  });
  const limiter = new HostLimiter(config.politeness);
  const robots = new RobotsCache(
    async (url, signal) => {
      const res = await get({ url, accept: 'text/plain', maxBytes: 512 * 1024, skipRobots: true, ...(signal ? { signal } : {}) }).catch((err) => {
        const status = statusOf(err);
        if (status !== null) return { status, body: new Uint8Array(), url };
        throw err;
      });
      return { status: 'status' in res ? res.status : 200, text: Buffer.from(res.body).toString('utf8') };
    },
    robotsToken(config.userAgent),
    config.politeness.robotsCacheMinutes * 60_000,
  );

  async function hop(url: URL, req: HttpRequest, signal: AbortSignal, first: boolean) {
    assertUrlAllowed(url, policy);
    if (config.politeness.respectRobots && !req.skipRobots) {
      // robots.txt is the first request to a host: when the host cannot be reached, say so for this URL.
      const refusal = await robots.check(url, signal).catch((err: unknown) => {
        throw err instanceof HostUnreachableError ? new HostUnreachableError(url, err.code, { cause: err }) : err;
      });
      if (refusal?.kind === 'disallowed') throw new SkipError(`${url.href}: ${refusal.reason}`);
      if (refusal) throw new RetryLaterError(`${url.href}: ${refusal.reason}`);
    }
    const headers: Record<string, string> = {
      'user-agent': config.userAgent,
      accept: req.accept,
      'accept-encoding': 'gzip, deflate, br',
      'accept-language': '*',
    };
    // Validators belong to the URL they were issued for; after a redirect they would be meaningless.
    if (first && req.etag) headers['if-none-match'] = req.etag;
    if (first && req.lastModified) headers['if-modified-since'] = req.lastModified;
    // A site's Crawl-delay is honoured up to a minute (some ask for an hour, which would stall the whole cycle).
    const crawlDelayS = config.politeness.respectRobots ? robots.crawlDelaySeconds(url.origin) : null;
    const release = await limiter.acquire(url.host, signal, Math.min(60_000, (crawlDelayS ?? 0) * 1000));
    try {
      const res = await request(url, { method: 'GET', headers, dispatcher: agent, signal });
      return { res, release };
    } catch (err) {
      release();
      throw err;
    }
  }

  async function get(req: HttpRequest): Promise<HttpResponse> {
    const total = AbortSignal.timeout(config.timeouts.totalMs);
    const signal = req.signal ? AbortSignal.any([req.signal, total]) : total;
    const redirects: string[] = [];
    let url: URL;
    try {
      url = new URL(req.url);
    } catch (err) {
      throw new SkipError(`${req.url}: not a valid URL`, { cause: err });
    }
    try {
      for (let n = 0; ; n++) {
        const { res, release } = await hop(url, req, signal, n === 0);
        try {
          const status = res.statusCode;
          if (REDIRECT_STATUS.has(status)) {
            await res.body.dump().catch(() => {});
            const location = header(res.headers, 'location');
            if (!location) throw withStatus(new SkipError(`${url.href}: HTTP ${status} without a Location header`), status);
            if (redirects.length >= config.limits.maxRedirects) throw withStatus(new SkipError(`${req.url}: more than ${config.limits.maxRedirects} redirects`), status);
            const next = new URL(location, url);
            if (next.href === url.href || redirects.includes(next.href) || next.href === req.url) {
              throw withStatus(new SkipError(`${req.url}: redirect loop at ${next.href}`), status);
            }
            redirects.push(next.href);
            log.debug({ from_url: url.href, to_url: next.href, status }, 'redirect');
            url = next;
            continue;
          }
          const base = {
            status,
            url: url.href,
            redirects,
            contentType: header(res.headers, 'content-type'),
            etag: header(res.headers, 'etag'),
            lastModified: header(res.headers, 'last-modified'),
          };
          if (status === 304) {
            await res.body.dump().catch(() => {});
            return { ...base, notModified: true, body: new Uint8Array() };
          }
          if (status >= 200 && status < 300) {
            const limits = { maxBytes: req.maxBytes, maxDecompressedBytes: config.limits.maxDecompressedBytes };
            const declared = Number(header(res.headers, 'content-length') ?? NaN);
            if (declared > req.maxBytes) {
              // Destroying an unread undici body emits 'error' (RequestAbortedError): without a listener that event
              // killed the process instead of skipping the page.
              res.body.on('error', () => {});
              res.body.destroy();
              throw withStatus(new SkipError(`${url.href}: body larger than ${req.maxBytes} bytes (Content-Length ${declared})`), status);
            }
            const body = await readBody(res.body, header(res.headers, 'content-encoding'), limits, url.href);
            return { ...base, notModified: false, body };
          }
          await res.body.dump().catch(() => {});
          throw statusError(url.href, status, header(res.headers, 'retry-after'), config);
        } finally {
          release();
        }
      }
    } catch (err) {
      if (req.signal?.aborted) throw req.signal.reason;
      if (err instanceof RadarError) throw err;
      if (total.aborted) throw new RetryLaterError(`${url.href}: timed out after ${config.timeouts.totalMs} ms`, { cause: err });
      throw networkError(url, err, policy);
    }
  }

  return { get, limiter, close: () => agent.close() };
}

function statusError(url: string, status: number, retryAfter: string | null, config: FetchConfig): RadarError {
  const capMs = config.schedule.maxRetryAfterHours * 3600_000;
  const delayMs = parseRetryAfter(retryAfter);
  if ((status === 429 || status === 503) && delayMs !== null) {
    return withStatus(new RateLimitedError(`${url}: HTTP ${status}, retry after ${Math.round(delayMs / 1000)} s`, Math.min(delayMs, capMs)), status);
  }
  // A 429 without Retry-After is still "slow down", not "broken": wait an hour, do not spend the error budget.
  if (status === 429) return withStatus(new RateLimitedError(`${url}: HTTP 429 without Retry-After`, Math.min(3600_000, capMs)), status);
  if (RETRYABLE_STATUS.has(status) || status >= 500) return withStatus(new RetryLaterError(`${url}: HTTP ${status}`), status);
  return withStatus(new SkipError(`${url}: HTTP ${status}`), status);
}
