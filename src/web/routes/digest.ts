// Digest preview: /digest?week=YYYY-Www renders what the weekly digest would send, without sending it.
import { Hono } from 'hono';
import { html } from 'hono/html';
import type { AppEnv } from '../env.ts';
import { sessionOf } from '../env.ts';
import { page } from '../views/layout.ts';

/** Routes: GET /digest. */
export function digestRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/digest', (c) => {
    const s = sessionOf(c);
    return c.html(page({ title: 'Digest', user: s.user, csrfToken: s.csrfToken, nav: 'digest', body: html`<p class="muted">The digest preview is not wired yet.</p>` }));
  });
  return app;
}
