// Error responses in the form the client asked for: JSON for the API and scripts, a page in the layout for browsers.
import type { Ctx } from './env.ts';
import { safeLocalPath } from './safe-path.ts';
import { errorPage } from './views/error.ts';

/** True when the client wants JSON: API paths, and non-GET requests that do not accept HTML (fetch, curl). */
export function wantsJson(c: Ctx): boolean {
  return c.req.path.startsWith('/api/') || (!(c.req.header('accept') ?? '').includes('text/html') && c.req.method !== 'GET');
}

/** The referring page as a local path, when it is on this site and not the page that failed. */
function backFrom(c: Ctx): string | null {
  const referer = c.req.header('referer');
  if (!referer) return null;
  try {
    const r = new URL(referer);
    const self = new URL(c.req.url);
    if (r.host !== (c.req.header('host') ?? self.host)) return null;
    const path = r.pathname + r.search;
    return path === self.pathname + self.search ? null : safeLocalPath(path);
  } catch {
    return null;
  }
}

/** An error response: `{ error }` as JSON, or the error page with the layout and a way back. */
export function errorResponse(c: Ctx, status: 400 | 403 | 404 | 413 | 429 | 500, message: string, json = wantsJson(c)): Response | Promise<Response> {
  if (json) return c.json({ error: message }, status);
  const session = c.get('session') ?? null;
  return c.html(errorPage({ status, message, user: session?.user ?? null, csrfToken: session?.csrfToken, back: backFrom(c) }), status);
}
