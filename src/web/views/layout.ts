// The page shell: head, navigation, flash message and the CSRF meta tag the keyboard script reads.
// Every value goes through hono/html's `html` template, which escapes interpolations; raw() is never used on input.
import { html } from 'hono/html';
import type { SessionUser } from '../../auth/sessions.ts';

export type Html = ReturnType<typeof html>;

export interface PageOptions {
  title: string;
  user: SessionUser | null;
  csrfToken?: string;
  /** Which nav item is current. */
  nav?: 'queue' | 'entities' | 'feeds' | 'users' | 'digest';
  notice?: string | null;
  error?: string | null;
  body: Html;
  /** Extra class on <body> (page-specific keyboard handling). */
  bodyClass?: string;
}

function navLink(href: string, label: string, current: boolean): Html {
  return html`<a href="${href}"${current ? html` aria-current="page"` : ''}>${label}</a>`;
}

/** Renders a complete HTML page. */
export function page(o: PageOptions): Html {
  const admin = o.user?.role === 'admin';
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
${o.csrfToken ? html`<meta name="csrf-token" content="${o.csrfToken}">` : ''}
<title>${o.title} · Hiring Radar</title>
<link rel="stylesheet" href="/static/app.css">
<script src="/static/app.js" defer></script>
</head>
<body class="${o.bodyClass ?? ''}">
<header class="top">
  <a class="brand" href="/">Hiring&nbsp;Radar</a>
  ${o.user ? html`<nav>
    ${navLink('/', 'Queue', o.nav === 'queue')}
    ${navLink('/entities', 'Entities', o.nav === 'entities')}
    ${admin ? navLink('/feeds', 'Feeds', o.nav === 'feeds') : ''}
    ${admin ? navLink('/users', 'Users', o.nav === 'users') : ''}
    ${navLink('/digest', 'Digest', o.nav === 'digest')}
  </nav>
  <div class="who"><a href="/account" id="account-link" title="your account and the weekly digest">${o.user.email}</a> <small>(${o.user.role})</small>
    <form method="post" action="/logout"><input type="hidden" name="_csrf" value="${o.csrfToken ?? ''}"><button class="link">Log out</button></form>
  </div>` : ''}
</header>
<main>
${o.notice ? html`<p class="flash ok" role="status">${o.notice}</p>` : ''}
${o.error ? html`<p class="flash err" role="alert">${o.error}</p>` : ''}
${o.body}
</main>
<div id="help" class="help" hidden>
  <h2>Keyboard</h2>
  <dl><dt>j / k</dt><dd>next / previous event</dd><dt>o, Enter</dt><dd>open</dd><dt>a / r</dt><dd>approve / reject</dd>
  <dt>x</dt><dd>select</dd><dt>Shift+A / Shift+R</dt><dd>approve / reject selected</dd><dt>/</dt><dd>filter</dd><dt>u</dt><dd>back to the queue</dd><dt>?</dt><dd>this help</dd></dl>
</div>
</body>
</html>`;
}

/** A hidden CSRF input for a form. */
export function csrfField(token: string): Html {
  return html`<input type="hidden" name="_csrf" value="${token}">`;
}

/** An href for an untrusted URL: only http(s) URLs are linked; anything else (javascript:, data:) becomes "#". */
export function safeHref(url: string | null | undefined): string {
  if (!url) return '#';
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : '#';
  } catch {
    return '#';
  }
}

/** A date as YYYY-MM-DD (UTC), or an em dash. */
export function fmtDate(d: Date | null | undefined): string {
  return d ? d.toISOString().slice(0, 10) : '—';
}

/** A timestamp as YYYY-MM-DD HH:MM UTC, or an em dash. */
export function fmtTime(d: Date | null | undefined): string {
  return d ? `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '—';
}

/** Shortens text to n characters at a word boundary. */
export function truncate(s: string, n: number): string {
  if (s.length <= n) return s;
  const cut = s.slice(0, n);
  const space = cut.lastIndexOf(' ');
  return `${space > n * 0.6 ? cut.slice(0, space) : cut}…`;
}

/** The small coloured label for an event type or status. */
export function badge(kind: string, text = kind.replace('_', ' ')): Html {
  return html`<span class="badge b-${kind}">${text}</span>`;
}

/** A confidence figure with a colour bucket. */
export function confidence(c: number): Html {
  const bucket = c >= 0.8 ? 'hi' : c >= 0.5 ? 'mid' : 'lo';
  return html`<span class="conf c-${bucket}">${c.toFixed(2)}</span>`;
}
