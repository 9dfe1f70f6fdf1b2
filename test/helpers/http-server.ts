// A real node:http server on 127.0.0.1 for fetch and ingest tests: each path gets a handler built from the small
// behaviours below (conditional GET, 429/503 with Retry-After, redirects, slow and stalled responses, bombs).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, gzipSync } from 'node:zlib';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface TestServer {
  /** "http://127.0.0.1:PORT" */
  origin: string;
  /** "127.0.0.1:PORT", for allowHosts. */
  hostPort: string;
  port: number;
  /** Serves `handler` at `path` (exact path, query ignored); replaces any earlier handler. */
  on(path: string, handler: Handler): void;
  /** Requests received for `path`. */
  hits(path: string): number;
  requests: Array<{ path: string; headers: IncomingMessage['headers'] }>;
  close(): Promise<void>;
}

/** Starts a server on an ephemeral loopback port; unknown paths answer 404, /robots.txt answers 404 unless set. */
export async function startTestServer(): Promise<TestServer> {
  const routes = new Map<string, Handler>();
  const requests: TestServer['requests'] = [];
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    requests.push({ path, headers: req.headers });
    const handler = routes.get(path);
    if (!handler) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    Promise.resolve(handler(req, res)).catch((err) => {
      if (!res.headersSent) res.writeHead(500).end(String(err));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    hostPort: `127.0.0.1:${port}`,
    port,
    requests,
    on: (path, handler) => void routes.set(path, handler),
    hits: (path) => requests.filter((r) => r.path === path).length,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface BodyOptions {
  status?: number;
  contentType?: string;
  headers?: Record<string, string>;
  /** Compress the body and say so in Content-Encoding. */
  encoding?: 'gzip' | 'br';
}

/** A fixed response. */
export function body(content: string | Uint8Array, opts: BodyOptions = {}): Handler {
  let bytes: Uint8Array = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  if (opts.encoding === 'gzip') bytes = gzipSync(bytes);
  if (opts.encoding === 'br') bytes = brotliCompressSync(bytes);
  return (_req, res) => {
    res.writeHead(opts.status ?? 200, {
      'content-type': opts.contentType ?? 'text/html; charset=utf-8',
      'content-length': String(bytes.length),
      ...(opts.encoding ? { 'content-encoding': opts.encoding } : {}),
      ...opts.headers,
    });
    res.end(bytes);
  };
}

/** Serves `content` with an ETag and Last-Modified; answers 304 when the request's validators match. */
export function conditional(content: string | Uint8Array, opts: BodyOptions & { etag?: string; lastModified?: string } = {}): Handler {
  const etag = opts.etag ?? '"v1"';
  const lastModified = opts.lastModified ?? 'Mon, 01 Jan 2024 00:00:00 GMT';
  const full = body(content, { ...opts, headers: { ...opts.headers, etag, 'last-modified': lastModified } });
  return (req, res) => {
    if (req.headers['if-none-match'] === etag || (!req.headers['if-none-match'] && req.headers['if-modified-since'] === lastModified)) {
      res.writeHead(304, { etag, 'last-modified': lastModified }).end();
      return;
    }
    return full(req, res);
  };
}

/** A status with optional Retry-After (429, 503...). */
export function status(code: number, retryAfter?: string): Handler {
  return (_req, res) => void res.writeHead(code, { 'content-type': 'text/plain', ...(retryAfter ? { 'retry-after': retryAfter } : {}) }).end(`status ${code}`);
}

/** A redirect to `location` (absolute or relative). */
export function redirect(location: string, code = 302): Handler {
  return (_req, res) => void res.writeHead(code, { location }).end();
}

/** Waits `delayMs` before answering with `then`; the timer is cleared if the client goes away. */
export function slow(delayMs: number, then: Handler): Handler {
  return (req, res) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => resolve(then(req, res) as void), delayMs);
      res.on('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });
}

/** Sends the headers and the first bytes, then goes silent (a stalled body). */
export function stall(first = '<rss version="2.0"><channel>'): Handler {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.write(first);
  };
}

/** Streams `totalBytes` of filler without a Content-Length, to test the streaming size cap. */
export function huge(totalBytes: number, contentType = 'text/html'): Handler {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': contentType });
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    const pump = () => {
      while (sent < totalBytes) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end();
    };
    res.on('error', () => {});
    pump();
  };
}

/** A small compressed body that expands to `expandedBytes` of zeros (a decompression bomb). */
export function bomb(expandedBytes: number, encoding: 'gzip' | 'br' = 'gzip'): Handler {
  const zeros = Buffer.alloc(expandedBytes);
  const packed = encoding === 'gzip' ? gzipSync(zeros, { level: 9 }) : brotliCompressSync(zeros);
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': encoding, 'content-length': String(packed.length) });
    res.end(packed);
  };
}
