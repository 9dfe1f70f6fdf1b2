// The login page: the only page (with static assets) reachable without a session.
import { html } from 'hono/html';
import { page, type Html } from './layout.ts';

/** Renders the login form with the pre-login double-submit CSRF token. */
export function loginPage(o: { csrfToken: string; next: string; email?: string; error?: string | null }): Html {
  return page({
    title: 'Log in',
    user: null,
    error: o.error ?? null,
    bodyClass: 'login',
    body: html`<form class="card login-form" method="post" action="/login">
  <h1>Log in</h1>
  <input type="hidden" name="_csrf" value="${o.csrfToken}">
  <input type="hidden" name="next" value="${o.next}">
  <label>Email <input name="email" type="email" autocomplete="username" required autofocus value="${o.email ?? ''}"></label>
  <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
  <button class="primary" type="submit">Log in</button>
</form>`,
  });
}
