// A tiny cookie-keeping client over app.request() for the web tests.
import type { Hono } from 'hono';
import type { AppEnv } from '../../../src/web/env.ts';

export class TestClient {
  readonly cookies = new Map<string, string>();
  constructor(private readonly app: Hono<AppEnv>, private readonly headers: Record<string, string> = {}) {}

  /** Sends a request with the jar's cookies and stores Set-Cookie from the response. */
  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    for (const [k, v] of Object.entries(this.headers)) if (!headers.has(k)) headers.set(k, v);
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await this.app.request(path, { ...init, headers, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair?.indexOf('=') ?? -1;
      if (!pair || eq < 0) continue;
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (!value || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  /** Posts a url-encoded form. */
  post(path: string, form: Record<string, string | string[]>, headers: Record<string, string> = {}): Promise<Response> {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const x of ([] as string[]).concat(v)) body.append(k, x);
    return this.request(path, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', ...headers } });
  }

  /** The CSRF token of the page (meta tag or the first hidden _csrf field). */
  static csrfOf(html: string): string {
    const m = /name="csrf-token" content="([^"]+)"/.exec(html) ?? /name="_csrf" value="([^"]+)"/.exec(html);
    if (!m?.[1]) throw new Error('no CSRF token on the page');
    return m[1];
  }

  /** Logs in through the form; returns the login response. */
  async login(email: string, password: string): Promise<Response> {
    const page = await (await this.request('/login')).text();
    return this.post('/login', { _csrf: TestClient.csrfOf(page), email, password, next: '/' });
  }

  /** The session's CSRF token, read from the queue page. */
  async csrf(): Promise<string> {
    return TestClient.csrfOf(await (await this.request('/')).text());
  }
}
