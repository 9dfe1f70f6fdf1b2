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
import { DrizzleQueryError, sql } from 'drizzle-orm';
import { NotFoundError } from '../db/queries/not-found.ts';
import { RadarError } from '../errors.ts';
import { silentLogger } from '../log.ts';
import { loadReviewConfig } from './config.ts';
import { projectPath } from '../paths.ts';
import type { AppEnv, WebDeps, WebOptions } from './env.ts';
import { errorResponse } from './respond.ts';
import { accountRoutes } from './routes/account.ts';
import { adminRoutes } from './routes/admin.ts';
import { apiRoutes } from './routes/api.ts';
import { authRoutes } from './routes/auth.ts';
import { digestRoutes } from './routes/digest.ts';
import { eventRoutes } from './routes/events.ts';
import { loadSession, requireCsrf, requireSession, securityHeaders } from './security.ts';

// The assets stay in the source tree; the compiled copy (dist/) holds only JavaScript.
const STATIC_DIR = projectPath('src', 'web', 'static');
const STATIC_TYPES: Record<string, string> = { 'app.css': 'text/css; charset=utf-8', 'app.js': 'text/javascript; charset=utf-8' };

/** Default login throttling: 30 attempts per client address, and 5 failures per account from one address, per 15 minutes. */
export const DEFAULT_LOGIN_LIMITS = { perIp: 30, perAccount: 5, windowMs: 15 * 60_000 };

/**
 * What a failed request puts in the log: the error's name and message, but for a failed query only the database's
 * own reason: drizzle's message carries the whole SQL and its parameters, which may hold what a user typed.
 */
export function errorForLog(err: Error): Record<string, unknown> {
  if (err instanceof DrizzleQueryError) {
    const cause = err.cause as { message?: string; code?: string } | undefined;
    return { name: 'DrizzleQueryError', message: `query failed: ${cause?.message ?? 'unknown reason'}`, code: cause?.code ?? null };
  }
  return { name: err.name, message: err.message, stack: err.stack };
}

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
    review: loadReviewConfig(options.configDir),
  };
  const assets = new Map(Object.keys(STATIC_TYPES).map((name) => [name, readFileSync(join(STATIC_DIR, name))]));

  const app = new Hono<AppEnv>();
  app.use('*', securityHeaders);
  // Forms and JSON here are small; refuse big bodies before anything parses them.
  app.use('*', bodyLimit({ maxSize: 1024 * 1024, onError: (c) => errorResponse(c, 413, 'The request body is larger than 1 MB.') }));
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
  // For an external health checker, without a session: says only whether the database answers, nothing else.
  app.get('/healthz', async (c) => {
    try {
      await deps.db.execute(sql`select 1`);
      return c.json({ ok: true });
    } catch (err) {
      deps.log.warn({ err }, 'health check: database did not answer');
      return c.json({ ok: false }, 503);
    }
  });
  app.use('*', loadSession, requireSession, requireCsrf);
  app.route('/', authRoutes());
  app.route('/', eventRoutes());
  app.route('/', apiRoutes());
  app.route('/', adminRoutes());
  app.route('/', accountRoutes(options.configDir));
  app.route('/', digestRoutes(options.configDir));

  const isApi = (c: { req: { path: string } }) => c.req.path.startsWith('/api/');
  app.notFound((c) => errorResponse(c, 404, `There is no page ${c.req.path.slice(0, 200)}.`, isApi(c)));
  app.onError((err, c) => {
    if (err instanceof NotFoundError) return errorResponse(c, 404, `Not found: ${err.message}.`, isApi(c));
    if (isClientError(err)) return errorResponse(c, 400, err.message, isApi(c));
    // The path only, not the query string: its values may carry what a user typed.
    deps.log.error({ err: errorForLog(err), path: c.req.path }, 'web request failed');
    return errorResponse(c, 500, 'Internal error; the details are in the server log.', isApi(c));
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
