// The review web UI: a Hono app (server-rendered HTML, no build step) and a node:http server around it.
// createApp() is what `radar serve` and `radar run` mount; tests drive it with app.request() or a real listen.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { serve, type ServerType } from '@hono/node-server';
import { RateLimiter } from '../auth/rate-limit.ts';
import { DEFAULT_SESSION_TTL_MS, purgeExpiredSessions } from '../auth/sessions.ts';
import { NotFoundError } from '../db/queries/not-found.ts';
import { RadarError } from '../errors.ts';
import { silentLogger } from '../log.ts';
import { projectPath } from '../paths.ts';
import type { AppEnv, WebDeps, WebOptions } from './env.ts';
import { adminRoutes } from './routes/admin.ts';
import { apiRoutes } from './routes/api.ts';
import { authRoutes } from './routes/auth.ts';
import { digestRoutes } from './routes/digest.ts';
import { eventRoutes } from './routes/events.ts';
import { loadSession, requireCsrf, requireSession, securityHeaders } from './security.ts';

// The assets stay in the source tree; the compiled copy (dist/) holds only JavaScript.
const STATIC_DIR = projectPath('src', 'web', 'static');
const STATIC_TYPES: Record<string, string> = { 'app.css': 'text/css; charset=utf-8', 'app.js': 'text/javascript; charset=utf-8' };

/** Default login throttling: 30 attempts per IP and 5 failures per account per 15 minutes. */
export const DEFAULT_LOGIN_LIMITS = { perIp: 30, perAccount: 5, windowMs: 15 * 60_000 };

function isClientError(err: unknown): err is RadarError {
  return err instanceof RadarError && err.exitCode === 2; // InputError / ConfigError: the request was wrong
}

/** Builds the review UI app on an open database handle. */
export function createApp(options: WebOptions): Hono<AppEnv> {
  const limits = options.loginLimits ?? DEFAULT_LOGIN_LIMITS;
  const deps: WebDeps = {
    db: options.db,
    log: options.log ?? silentLogger,
    cookieSecure: options.cookieSecure ?? false,
    trustProxy: options.trustProxy ?? false,
    sessionTtlMs: options.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS,
    ipLimiter: new RateLimiter({ max: limits.perIp, windowMs: limits.windowMs }),
    accountLimiter: new RateLimiter({ max: limits.perAccount, windowMs: limits.windowMs }),
  };
  const assets = new Map(Object.keys(STATIC_TYPES).map((name) => [name, readFileSync(join(STATIC_DIR, name))]));

  const app = new Hono<AppEnv>();
  app.use('*', securityHeaders);
  // Forms and JSON here are small; refuse big bodies before anything parses them.
  app.use('*', bodyLimit({ maxSize: 1024 * 1024, onError: (c) => c.text('Request body too large', 413) }));
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  app.get('/static/:name', (c) => {
    const name = c.req.param('name');
    const body = assets.get(name);
    if (!body) return c.notFound();
    return c.body(new Uint8Array(body), 200, { 'Content-Type': STATIC_TYPES[name] ?? 'application/octet-stream', 'Cache-Control': 'public, max-age=300' });
  });
  app.use('*', loadSession, requireSession, requireCsrf);
  app.route('/', authRoutes());
  app.route('/', eventRoutes());
  app.route('/', apiRoutes());
  app.route('/', adminRoutes());
  app.route('/', digestRoutes(options.configDir));
  app.get('/healthz', (c) => c.json({ ok: true }));

  app.notFound((c) => (c.req.path.startsWith('/api/') ? c.json({ error: 'not found' }, 404) : c.text('Not found', 404)));
  app.onError((err, c) => {
    if (err instanceof NotFoundError) {
      return c.req.path.startsWith('/api/') ? c.json({ error: err.message }, 404) : c.text(`Not found: ${err.message}`, 404);
    }
    if (isClientError(err)) {
      return c.req.path.startsWith('/api/') ? c.json({ error: err.message }, 400) : c.text(`Bad request: ${err.message}`, 400);
    }
    deps.log.error({ err, path: c.req.path }, 'web request failed');
    return c.req.path.startsWith('/api/') ? c.json({ error: 'internal error' }, 500) : c.text('Internal error; the details are in the server log.', 500);
  });
  // Expired session rows are only garbage; sweep them at start and then hourly.
  const sweep = () => void purgeExpiredSessions(deps.db).catch((err) => deps.log.warn({ err }, 'session sweep failed'));
  sweep();
  setInterval(sweep, 3600_000).unref();
  return app;
}

export interface RunningServer {
  server: ServerType;
  port: number;
  url: string;
  close(): Promise<void>;
}

/** Serves the app on host:port (port 0 picks a free one) and resolves once it listens. */
export function startServer(app: Hono<AppEnv>, opts: { port?: number; host?: string } = {}): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  return new Promise((resolvePromise, reject) => {
    const server = serve({ fetch: app.fetch, port: opts.port ?? 8080, hostname: host }, (info: AddressInfo) => {
      const shownHost = host.includes(':') ? `[${host}]` : host;
      resolvePromise({
        server,
        port: info.port,
        url: `http://${shownHost}:${info.port}`,
        close: () => new Promise<void>((done) => {
          server.close(() => done());
          (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        }),
      });
    });
    server.once('error', reject);
  });
}
