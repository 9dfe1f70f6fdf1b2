// Cookie names and options. With Secure cookies the __Host- prefix pins them to this host and path.
import type { CookieOptions } from 'hono/utils/cookie';

/** The cookie name for a purpose; __Host- prefixed when Secure. */
export function cookieName(purpose: 'session' | 'login_csrf', secure: boolean): string {
  return `${secure ? '__Host-' : ''}radar_${purpose}`;
}

/** Options for the session cookie: httpOnly, SameSite=Lax (links from mail still open pages), Secure when configured. */
export function sessionCookieOptions(secure: boolean, expires: Date): CookieOptions {
  return { httpOnly: true, sameSite: 'Lax', secure, path: '/', expires };
}

/** Options for the pre-login CSRF cookie (double submit): short-lived and Strict. */
export function loginCsrfCookieOptions(secure: boolean): CookieOptions {
  return { httpOnly: true, sameSite: 'Strict', secure, path: '/', maxAge: 3600 };
}
