// Hardening of the review UI (issue 13 items 2, 3, 15 and 18; issue 14's error pages): login limits under concurrency
// and behind a proxy, the redirect after login, bad filter values, the public health check, and error pages in the
// layout. The login races run against a real server on 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createApp, startServer, type RunningServer } from '../../../src/web/app.ts';
import { openTestDatabase, type TestDatabase } from '../../helpers/db.ts';
import { TestClient } from './client.ts';
import { ADMIN, ANALYST, PASSWORD, seedReview } from './seed-review.ts';

let database: TestDatabase;
const logLines: string[] = [];
const log = pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) });

beforeAll(async () => {
  database = await openTestDatabase();
  await seedReview(database.db);
});
afterAll(async () => database?.destroy());

/** Posts the login form over real HTTP with a fresh form token; returns the status codes of `n` simultaneous tries. */
async function raceLogins(server: RunningServer, n: number, form: (i: number) => Record<string, string>, headers: (i: number) => Record<string, string> = () => ({})): Promise<number[]> {
  const loginPage = await fetch(`${server.url}/login`);
  const cookie = (loginPage.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
  const csrf = TestClient.csrfOf(await loginPage.text());
  const one = (i: number) => fetch(`${server.url}/login`, {
    method: 'POST', redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', ...headers(i) },
    body: new URLSearchParams({ _csrf: csrf, next: '/', ...form(i) }),
  }).then(async (r) => (await r.arrayBuffer(), r.status));
  return Promise.all(Array.from({ length: n }, (_, i) => one(i)));
}

const count = (statuses: number[], s: number) => statuses.filter((x) => x === s).length;

describe('login limits (issue 13 item 2)', () => {
  it('counts simultaneous guesses before checking any password: 30 at once give at most 5 checks', async () => {
    const server = await startServer(createApp({ db: database.db }), { port: 0 });
    try {
      const statuses = await raceLogins(server, 30, (i) => ({ email: ANALYST, password: `wrong guess ${i}` }));
      expect(count(statuses, 401)).toBe(5);
      expect(count(statuses, 429)).toBe(25);
    } finally {
      await server.close();
    }
  });

  it('behind a trusted proxy, uses the address the proxy appended, not the client-supplied leftmost one', async () => {
    const server = await startServer(createApp({ db: database.db, trustProxy: true }), { port: 0 });
    try {
      // Each guess claims a different origin on the left; the proxy's own entry (rightmost) is the same.
      const statuses = await raceLogins(server, 12, (i) => ({ email: ADMIN, password: `wrong ${i}` }), (i) => ({ 'x-forwarded-for': `10.0.${i}.1, 198.51.100.7` }));
      expect(count(statuses, 401)).toBe(5);
      expect(count(statuses, 429)).toBe(7);
    } finally {
      await server.close();
    }
  });

  it('limits per account and address together: a stranger\'s failures do not lock the owner out', async () => {
    const app = createApp({ db: database.db, trustProxy: true });
    const stranger = new TestClient(app, { 'x-forwarded-for': '198.51.100.66' });
    for (let i = 0; i < 5; i++) expect((await stranger.login(ADMIN, `guess ${i}`)).status).toBe(401);
    expect((await stranger.login(ADMIN, PASSWORD)).status).toBe(429);
    const owner = new TestClient(app, { 'x-forwarded-for': '203.0.113.20' });
    expect((await owner.login(ADMIN, PASSWORD)).status).toBe(303);
  });
});

describe('redirect after login (issue 13 item 3)', () => {
  it('refuses a tab-smuggled protocol-relative next, and a newline in next is a redirect home, not a 500', async () => {
    const c = new TestClient(createApp({ db: database.db }));
    const page = await (await c.request('/login?next=/%09/evil.example/')).text();
    expect(page).toContain('name="next" value="/"');
    for (const next of ['/\t/evil.example/', '/x\nSet-Cookie: a=b', '/\r\n/evil.example', '/%0a/evil.example']) {
      const fresh = new TestClient(createApp({ db: database.db }));
      const form = await (await fresh.request('/login')).text();
      const res = await fresh.post('/login', { _csrf: TestClient.csrfOf(form), email: ADMIN, password: PASSWORD, next });
      expect(res.status, JSON.stringify(next)).toBe(303);
      expect(res.headers.get('location'), JSON.stringify(next)).toBe('/');
    }
  });
});

describe('bad filter values (issue 13 item 15, issue 14)', () => {
  let c: TestClient;
  beforeAll(async () => {
    c = new TestClient(createApp({ db: database.db, log }));
    await c.login(ANALYST, PASSWORD);
  });

  const cases: Array<[string, string, RegExp]> = [
    ['from=2025-13-45', 'from', /not a real calendar date/],
    ['to=2025-02-30', 'to', /not a real calendar date/],
    ['from=0000-00-00', 'from', /not a real calendar date/],
    ['from=2019-13-45', 'from', /not a real calendar date/],
    ['to=31/12/2019', 'to', /must be a date as YYYY-MM-DD/],
    ['firm=a%00b', 'firm', /control characters/],
    ['place=%00', 'place', /control characters/],
    ['language=e%00n', 'language', /control characters/],
    ['q=x%00', 'q', /control characters/],
    ['minConfidence=high', 'minConfidence', /number from 0 to 1/],
    ['page=-1', 'page', /whole number/],
    ['sort=evil', 'sort', /must be one of/],
  ];

  it('answers the queue with a 400 page in the layout naming the parameter and the reason', async () => {
    logLines.length = 0;
    for (const [query, param, why] of cases) {
      const res = await c.request(`/?${query}`, { headers: { accept: 'text/html' } });
      expect(res.status, query).toBe(400);
      const page = await res.text();
      expect(page, query).toContain(`filter &quot;${param}&quot;`);
      expect(page, query).toMatch(why);
      expect(page, query).toContain('<nav>'); // the layout, with its navigation
      expect(page, query).toContain('id="home"');
      expect(page, query).not.toContain('\u0000');
    }
    expect(logLines.join('')).not.toMatch(/select|Failed query/i);
  });

  it('answers the API and the exports with a 400 too', async () => {
    const api = await c.request('/api/events?from=2025-13-45');
    expect(api.status).toBe(400);
    expect(((await api.json()) as { error: string }).error).toMatch(/^filter "from" "2025-13-45" is not a real calendar date$/);
    expect((await c.request('/export.csv?q=%00')).status).toBe(400);
    expect((await c.request('/export.json?to=31/12/2019')).status).toBe(400);
    expect((await c.request('/entities?q=%00')).status).toBe(400);
  });

  it('still accepts empty fields from the filter form and real dates', async () => {
    expect((await c.request('/?status=all&firm=&place=&language=&from=&to=&minConfidence=&q=')).status).toBe(200);
    expect((await c.request('/?from=2024-02-29&to=2025-12-31')).status).toBe(200);
    expect((await c.request('/?from=2025-03-02&to=2025-03-01')).status).toBe(400);
  });
});

describe('/healthz (issue 13 item 18)', () => {
  it('answers without a session and says nothing but ok', async () => {
    const res = await new TestClient(createApp({ db: database.db })).request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });
});

describe('error pages (issue 14)', () => {
  it('render 404 and 403 in the layout with a way back', async () => {
    const c = new TestClient(createApp({ db: database.db }));
    await c.login(ANALYST, PASSWORD);
    const notFound = await c.request('/no/such/page', { headers: { accept: 'text/html', referer: 'http://localhost/?type=hiring' } });
    expect(notFound.status).toBe(404);
    const page404 = await notFound.text();
    expect(page404).toContain('<h1><span class="status">404</span> Not found</h1>');
    expect(page404).toContain('<a href="/?type=hiring" id="back">← back</a>');
    expect(page404).toContain('<a href="/" id="home">Queue</a>');
    const forbidden = await c.request('/feeds', { headers: { accept: 'text/html' } });
    expect(forbidden.status).toBe(403);
    const page403 = await forbidden.text();
    expect(page403).toContain('This page is for admins.');
    expect(page403).toContain('<nav>');
    const csrf = await c.post('/events/1/status', { status: 'approved' });
    expect(csrf.status).toBe(403);
    expect(await csrf.text()).toContain('id="home"');
    const noEvent = await (await c.request('/events/999999')).text();
    expect(noEvent).toContain('There is no event 999999.');
    expect(noEvent).toContain('id="home"');
  });

  it('never offers a foreign page as "back"', async () => {
    const c = new TestClient(createApp({ db: database.db }));
    await c.login(ANALYST, PASSWORD);
    const page = await (await c.request('/nope', { headers: { referer: 'https://evil.example/x' } })).text();
    expect(page).not.toContain('evil.example');
  });

  it('renders a 500 in the layout, and logs the database\'s reason without the SQL', async () => {
    const broken = await openTestDatabase();
    await seedReview(broken.db);
    const lines: string[] = [];
    const c = new TestClient(createApp({ db: broken.db, log: pino({ level: 'info' }, { write: (l: string) => void lines.push(l) }) }));
    await c.login(ANALYST, PASSWORD);
    await broken.destroy();
    const res = await c.request('/?firm=secret-typed-value', { headers: { accept: 'text/html' } });
    expect(res.status).toBe(500);
    const page = await res.text();
    expect(page).toContain('<span class="status">500</span>');
    expect(page).toContain('id="home"');
    const logged = lines.join('');
    expect(logged).toContain('web request failed');
    expect(logged).not.toMatch(/secret-typed-value|Failed query|select /i);
  });
});
