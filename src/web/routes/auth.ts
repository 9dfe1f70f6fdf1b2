// Log in and log out. The login form is protected by a double-submit CSRF cookie (there is no session yet) and
// throttled per client address and per account from that address; failures say nothing about whether the account exists.
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { isIP } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import { burnPasswordCheck, verifyPassword } from '../../auth/password.ts';
import { createSession, deleteSession } from '../../auth/sessions.ts';
import { newToken, safeEqual } from '../../auth/tokens.ts';
import { findUserByEmail, normaliseEmail } from '../../auth/users.ts';
import { cookieName, loginCsrfCookieOptions, sessionCookieOptions } from '../cookies.ts';
import type { AppEnv, Ctx } from '../env.ts';
import { errorResponse } from '../respond.ts';
import { safeNext } from '../safe-path.ts';
import { originOk } from '../security.ts';
import { loginPage } from '../views/login.ts';

/**
 * The client address for throttling: the socket address, or, with RADAR_TRUST_PROXY=1, the last X-Forwarded-For
 * entry. That is the one the trusted proxy appended; entries left of it come from the client and prove nothing.
 */
export function clientIp(c: Ctx): string {
  if (c.get('deps').trustProxy) {
    const last = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (last && isIP(last)) return last;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // app.request() in tests has no socket
  }
}

function loginToken(c: Ctx): string {
  const secure = c.get('deps').cookieSecure;
  const existing = getCookie(c, cookieName('login_csrf', secure));
  if (existing && /^[\w-]{43}$/.test(existing)) return existing;
  const token = newToken();
  setCookie(c, cookieName('login_csrf', secure), token, loginCsrfCookieOptions(secure));
  return token;
}

/** Routes: GET/POST /login, POST /logout. */
export function authRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/login', (c) => {
    if (c.get('session')) return c.redirect(safeNext(c.req.query('next')), 303);
    return c.html(loginPage({ csrfToken: loginToken(c), next: safeNext(c.req.query('next')) }));
  });

  app.post('/login', async (c) => {
    const deps = c.get('deps');
    const body = await c.req.parseBody();
    const email = typeof body.email === 'string' ? normaliseEmail(body.email).slice(0, 254) : '';
    const password = typeof body.password === 'string' ? body.password.slice(0, 1024) : '';
    const next = safeNext(body.next);
    const cookieToken = getCookie(c, cookieName('login_csrf', deps.cookieSecure));
    if (!originOk(c) || !safeEqual(typeof body._csrf === 'string' ? body._csrf : undefined, cookieToken)) {
      deps.log.warn({ path: '/login' }, 'login csrf check failed');
      return errorResponse(c, 403, 'The login form expired. Reload the page and try again.', false);
    }
    const ip = clientIp(c);
    const ipKey = `ip:${ip}`;
    // Per account *and* address: a stranger's wrong guesses do not lock the account for its owner elsewhere.
    const accountKey = `acct:${email}|ip:${ip}`;
    const waitMs = Math.max(deps.ipLimiter.blockedForMs(ipKey), deps.accountLimiter.blockedForMs(accountKey));
    if (waitMs > 0) {
      deps.log.warn({ client_ip: ip, email }, 'login throttled');
      c.header('Retry-After', String(Math.ceil(waitMs / 1000)));
      return c.html(loginPage({ csrfToken: loginToken(c), next, email, error: `Too many login attempts. Try again in ${Math.ceil(waitMs / 60_000)} minute(s).` }), 429);
    }
    // Reserve the attempt before the slow password check (no await between the check above and here), so that
    // guesses sent at the same time are counted before any of them is checked. A success gives it back.
    deps.ipLimiter.hit(ipKey);
    deps.accountLimiter.hit(accountKey);
    const user = email ? await findUserByEmail(deps.db, email) : null;
    const ok = user && !user.disabled ? await verifyPassword(password, user.passwordHash) : await burnPasswordCheck(password);
    if (!ok || !user) {
      deps.log.info({ client_ip: ip, email }, 'login failed');
      return c.html(loginPage({ csrfToken: loginToken(c), next, email, error: 'Wrong email or password.' }), 401);
    }
    deps.accountLimiter.reset(accountKey);
    const session = await createSession(deps.db, user.id, deps.sessionTtlMs);
    setCookie(c, cookieName('session', deps.cookieSecure), session.token, sessionCookieOptions(deps.cookieSecure, session.expiresAt));
    deleteCookie(c, cookieName('login_csrf', deps.cookieSecure), { path: '/', secure: deps.cookieSecure });
    deps.log.info({ user_id: user.id }, 'login');
    return c.redirect(next, 303);
  });

  app.post('/logout', async (c) => {
    const deps = c.get('deps');
    const session = c.get('session');
    if (session) await deleteSession(deps.db, session.id);
    deleteCookie(c, cookieName('session', deps.cookieSecure), { path: '/', secure: deps.cookieSecure });
    return c.redirect('/login', 303);
  });

  return app;
}
