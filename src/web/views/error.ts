// The error page (400, 403, 404, 500): the normal layout, what went wrong, and links back.
import { html } from 'hono/html';
import type { SessionUser } from '../../auth/sessions.ts';
import { page, type Html } from './layout.ts';

const TITLES: Record<number, string> = { 400: 'Bad request', 403: 'Forbidden', 404: 'Not found', 413: 'Request too large', 429: 'Too many requests', 500: 'Something went wrong' };

export interface ErrorPageOptions {
  status: number;
  message: string;
  user: SessionUser | null;
  csrfToken?: string | undefined;
  /** A safe local path to offer as "back" (the referring page), if any. */
  back?: string | null;
}

/** The title shown for an HTTP status. */
export function errorTitle(status: number): string {
  return TITLES[status] ?? `Error ${status}`;
}

/** A full page in the layout for an error response. */
export function errorPage(o: ErrorPageOptions): Html {
  const title = errorTitle(o.status);
  const home = o.user ? html`<a href="/" id="home">Queue</a>` : html`<a href="/login" id="home">Log in</a>`;
  return page({
    title, user: o.user, csrfToken: o.csrfToken, bodyClass: 'page-error',
    body: html`<section class="card error-page">
  <h1><span class="status">${o.status}</span> ${title}</h1>
  <p class="message">${o.message}</p>
  <p class="ways-back">${o.back ? html`<a href="${o.back}" id="back">← back</a> · ` : ''}${home}</p>
</section>`,
  });
}
