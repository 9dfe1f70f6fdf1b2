// Request guards: security headers, session loading, the session gate (redirect for pages, 401 for the API),
// CSRF checks on every state-changing request, and role checks.
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { findSession } from '../auth/sessions.ts';
import { safeEqual } from '../auth/tokens.ts';
import type { AppEnv, Ctx } from './env.ts';
import { cookieName } from './cookies.ts';
import { errorResponse, wantsJson } from './respond.ts';

// No inline script or style anywhere: JS and CSS are files under /static.
const CSP = [
  "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "connect-src 'self'",
  "font-src 'self'", "frame-src 'self'", "form-action 'self'", "frame-ancestors 'none'", "base-uri 'none'",
].join('; ');

/** Sets CSP and the other security headers on every response. */
export const securityHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  // A route may set a narrower policy of its own (the sandboxed digest preview).
  if (!c.res.headers.has('Content-Security-Policy')) c.res.headers.set('Content-Security-Policy', CSP);
  c.res.headers.set('X-Content-Type-Options', 'nosniff');
  if (!c.res.headers.has('X-Frame-Options')) c.res.headers.set('X-Frame-Options', 'DENY');
  // same-origin, not no-referrer: with no-referrer browsers send "Origin: null" on form posts, which the origin check refuses.
  c.res.headers.set('Referrer-Policy', 'same-origin');
  c.res.headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  c.res.headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
  if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
};

/** Loads the session named by the cookie, if any. */
export const loadSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  const deps = c.get('deps');
  const token = getCookie(c, cookieName('session', deps.cookieSecure));
  c.set('session', token ? await findSession(deps.db, token) : null);
  await next();
};

/**
 * Paths reachable without a session: the login form (which checks its own pre-login CSRF token), static assets,
 * and /healthz for an external health checker (it says only whether the database answers).
 */
export function isPublicPath(path: string): boolean {
  return path === '/login' || path === '/healthz' || path.startsWith('/static/');
}

/** Refuses requests without a session: 401 JSON for the API and non-HTML clients, a redirect to /login for pages. */
export const requireSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.get('session') || isPublicPath(c.req.path)) return next();
  if (wantsJson(c)) return c.json({ error: 'not signed in' }, 401);
  const url = new URL(c.req.url);
  const target = c.req.method === 'GET' ? url.pathname + url.search : '/';
  return c.redirect(`/login?next=${encodeURIComponent(target)}`, 303);
};

/** A same-origin check: a present Origin header must name this host (a browser always sends it on cross-site POSTs). */
export function originOk(c: Ctx): boolean {
  const origin = c.req.header('origin');
  if (!origin || origin === 'null') return origin !== 'null';
  try {
    return new URL(origin).host === (c.req.header('host') ?? new URL(c.req.url).host);
  } catch {
    return false;
  }
}

/** The CSRF token sent with a request: X-CSRF-Token header, or the _csrf form field. */
export async function submittedCsrf(c: Ctx): Promise<string | undefined> {
  const header = c.req.header('x-csrf-token');
  if (header) return header;
  const type = c.req.header('content-type') ?? '';
  if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) {
    const body = await c.req.parseBody();
    const v = body['_csrf'];
    return typeof v === 'string' ? v : undefined;
  }
  return undefined;
}

/** Checks the session's CSRF token (and the Origin) on every POST/PUT/PATCH/DELETE; 403 otherwise. */
export const requireCsrf: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (['GET', 'HEAD', 'OPTIONS'].includes(c.req.method) || isPublicPath(c.req.path)) return next();
  const session = c.get('session');
  if (!originOk(c) || !session || !safeEqual(await submittedCsrf(c), session.csrfToken)) {
    c.get('deps').log.warn({ path: c.req.path, user_id: session?.user.id ?? null }, 'csrf check failed');
    return wantsJson(c) ? c.json({ error: 'missing or wrong CSRF token' }, 403) : errorResponse(c, 403, 'The form is missing its security token or it has expired. Reload the page and try again.', false);
  }
  return next();
};

/** Lets only admins through; 403 for analysts. */
export const requireAdmin: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.get('session')?.user.role === 'admin') return next();
  return wantsJson(c) ? c.json({ error: 'admins only' }, 403) : errorResponse(c, 403, 'This page is for admins.', false);
};

