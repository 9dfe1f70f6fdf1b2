// Digest preview: /digest?week=YYYY-Www shows what the weekly digest of that week would send (subject, counts, the
// text part, and the HTML part in a sandboxed frame served by /digest/preview), without sending anything.
import { Hono } from 'hono';
import { html } from 'hono/html';
import { buildDigest } from '../../digest/build.ts';
import { loadDigestConfig, type DigestConfig } from '../../digest/config.ts';
import { formatWeek, lastCompleteWeek, parseWeek } from '../../digest/week.ts';
import { InputError } from '../../errors.ts';
import type { AppEnv, Ctx } from '../env.ts';
import { sessionOf } from '../env.ts';
import { page } from '../views/layout.ts';

// The digest HTML is built from article text: it is shown only in a frame with scripts, forms and plugins off.
const PREVIEW_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox; frame-ancestors 'self'";

function weekOf(c: Ctx, config: DigestConfig): string {
  const raw = c.req.query('week');
  if (!raw) return formatWeek(lastCompleteWeek(new Date(), config.timeZone));
  try {
    return formatWeek(parseWeek(raw));
  } catch (err) {
    throw new InputError(`week "${raw.slice(0, 20)}" is not an ISO week such as 2025-W14`, { cause: err });
  }
}

/** Routes: GET /digest, GET /digest/preview. */
export function digestRoutes(configDir?: string): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  let config: DigestConfig | null = null;
  const settings = () => (config ??= loadDigestConfig(configDir));

  app.get('/digest', async (c) => {
    const s = sessionOf(c);
    const cfg = settings();
    const week = weekOf(c, cfg);
    const built = await buildDigest({ db: c.get('deps').db }, week, { timeZone: cfg.timeZone, reviewUrl: cfg.reviewUrl, configDir: cfg.configDir });
    const counts = Object.entries(built.counts.byType).filter(([, n]) => n > 0);
    return c.html(page({
      title: `Digest ${built.week}`, user: s.user, csrfToken: s.csrfToken, nav: 'digest',
      body: html`<form class="filters" method="get" action="/digest">
  <label>Week <input name="week" value="${built.week}" pattern="\\d{4}-W\\d{2}" size="9"></label><button>Show</button>
  <span class="muted" id="week-span">${built.span} (${cfg.timeZone}) · preview only, nothing is sent</span>
  ${s.user.role === 'admin' ? html`<a href="/digest/recipients?week=${encodeURIComponent(built.week)}">Who receives it</a>` : ''}
</form>
<section class="card"><h2>${built.subject}</h2>
  <p>${built.counts.total} approved event(s)${counts.length ? html`: ${counts.map(([t, n]) => html`<span class="badge b-${t}">${t.replace('_', ' ')} ${n}</span> `)}` : ''} · previous week ${built.counts.previousTotal}</p>
  ${built.empty ? html`<p class="muted">No approved events this week.</p>` : ''}
</section>
<iframe class="digest-frame" title="digest HTML" sandbox src="/digest/preview?week=${encodeURIComponent(built.week)}"></iframe>
<details class="card"><summary>Plain-text part</summary><pre>${built.text}</pre></details>`,
    }));
  });

  app.get('/digest/preview', async (c) => {
    const cfg = settings();
    const built = await buildDigest({ db: c.get('deps').db }, weekOf(c, cfg), { timeZone: cfg.timeZone, reviewUrl: cfg.reviewUrl, configDir: cfg.configDir });
    c.header('Content-Security-Policy', PREVIEW_CSP);
    c.header('X-Frame-Options', 'SAMEORIGIN');
    return c.html(built.html);
  });
  return app;
}
