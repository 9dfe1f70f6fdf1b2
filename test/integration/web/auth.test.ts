// The gate: no session means a redirect (pages) or 401 (API); every POST needs its CSRF token; logins are throttled;
// analysts cannot reach admin pages; logout ends the session.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { events, reviewActions, sessions } from '../../../src/db/schema.ts';
import { createApp } from '../../../src/web/app.ts';
import { openTestDatabase, type TestDatabase } from '../../helpers/db.ts';
import { TestClient } from './client.ts';
import { ADMIN, ANALYST, PASSWORD, seedReview, type ReviewSeed } from './seed-review.ts';

let database: TestDatabase;
let seed: ReviewSeed;

beforeAll(async () => {
  database = await openTestDatabase();
  seed = await seedReview(database.db);
});
afterAll(async () => database?.destroy());

const app = () => createApp({ db: database.db });

describe('without a session', () => {
  it('redirects pages to the login form, keeping the target', async () => {
    const res = await new TestClient(app()).request('/events/1?x=1', { headers: { accept: 'text/html' } });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/login?next=${encodeURIComponent('/events/1?x=1')}`);
  });

  it('answers 401 on the API and on exports requested by scripts', async () => {
    const c = new TestClient(app());
    const api = await c.request('/api/events');
    expect(api.status).toBe(401);
    expect(await api.json()).toEqual({ error: 'not signed in' });
    expect((await c.request('/api/events/1/status', { method: 'POST', body: '{}' })).status).toBe(401);
    expect((await c.request('/api/entities?q=ali')).status).toBe(401);
    expect((await c.request('/export.csv')).status).toBe(303);
  });

  it('serves only the login page, static assets and the health check', async () => {
    const c = new TestClient(app());
    expect((await c.request('/login')).status).toBe(200);
    expect((await c.request('/static/app.js')).status).toBe(200);
    expect((await c.request('/healthz')).status).toBe(200);
    for (const path of ['/', '/entities', '/entities/1', '/feeds', '/users', '/digest', '/export.json']) {
      expect((await c.request(path)).status, path).toBe(303);
    }
  });

  it('rejects a forged or reused session cookie', async () => {
    const c = new TestClient(app());
    c.cookies.set('radar_session', 'not-a-real-token');
    expect((await c.request('/api/events')).status).toBe(401);
  });
});

describe('login', () => {
  it('logs in with the right password and sets an httpOnly SameSite session cookie', async () => {
    const c = new TestClient(app());
    const res = await c.login(ADMIN, PASSWORD);
    expect(res.status).toBe(303);
    const cookie = res.headers.getSetCookie().find((l) => l.startsWith('radar_session='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/);
    expect((await c.request('/')).status).toBe(200);
    // Only the token's digest is stored.
    const rows = await database.db.select().from(sessions);
    expect(rows.map((r) => r.id)).not.toContain(c.cookies.get('radar_session'));
  });

  it('marks cookies Secure and __Host- when configured for https', async () => {
    const c = new TestClient(createApp({ db: database.db, cookieSecure: true }));
    const res = await c.login(ADMIN, PASSWORD);
    const cookie = res.headers.getSetCookie().find((l) => l.startsWith('__Host-radar_session='));
    expect(cookie).toMatch(/Secure/);
  });

  it('refuses a wrong password without saying whether the account exists', async () => {
    const c = new TestClient(app());
    const wrong = await c.login(ANALYST, 'not the password');
    const unknown = await c.login('nobody@example.com', 'not the password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.text()).toContain('Wrong email or password.');
    expect(await unknown.text()).toContain('Wrong email or password.');
    expect(c.cookies.has('radar_session')).toBe(false);
  });

  it('refuses a login form without its double-submit CSRF token', async () => {
    const c = new TestClient(app());
    await c.request('/login');
    expect((await c.post('/login', { email: ADMIN, password: PASSWORD })).status).toBe(403);
    expect((await c.post('/login', { _csrf: 'guess', email: ADMIN, password: PASSWORD })).status).toBe(403);
    const fresh = new TestClient(app());
    expect((await fresh.post('/login', { _csrf: 'a'.repeat(43), email: ADMIN, password: PASSWORD })).status).toBe(403);
  });

  it('throttles an account after 5 failures, even for the right password', async () => {
    const c = new TestClient(app());
    for (let i = 0; i < 5; i++) expect((await c.login(ANALYST, `wrong ${i}`)).status).toBe(401);
    const blocked = await c.login(ANALYST, PASSWORD);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('throttles a client IP across accounts', async () => {
    const c = new TestClient(createApp({ db: database.db, trustProxy: true, loginLimits: { perIp: 3, perAccount: 100, windowMs: 60_000 } }), { 'x-forwarded-for': '203.0.113.9' });
    for (let i = 0; i < 3; i++) expect((await c.login(`user${i}@example.com`, 'nope')).status).toBe(401);
    expect((await c.login(ADMIN, PASSWORD)).status).toBe(429);
    const other = new TestClient(createApp({ db: database.db, trustProxy: true, loginLimits: { perIp: 3, perAccount: 100, windowMs: 60_000 } }), { 'x-forwarded-for': '203.0.113.10' });
    expect((await other.login(ADMIN, PASSWORD)).status).toBe(303);
  });

  it('refuses oversized bodies before parsing them', async () => {
    const c = new TestClient(app());
    const res = await c.request('/login', { method: 'POST', body: 'x'.repeat(2 * 1024 * 1024), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(413);
  });

  it('never redirects off-site after login', async () => {
    const c = new TestClient(app());
    const page = await (await c.request('/login?next=//evil.example/x')).text();
    expect(page).toContain('name="next" value="/"');
    const res = await c.post('/login', { _csrf: TestClient.csrfOf(page), email: ADMIN, password: PASSWORD, next: 'https://evil.example/' });
    expect(res.headers.get('location')).toBe('/');
  });

  it('logs out: the session row goes and the old cookie stops working', async () => {
    const c = new TestClient(app());
    await c.login(ADMIN, PASSWORD);
    const token = c.cookies.get('radar_session') as string;
    const csrf = await c.csrf();
    expect((await c.post('/logout', { _csrf: csrf })).status).toBe(303);
    const again = new TestClient(app());
    again.cookies.set('radar_session', token);
    expect((await again.request('/api/events')).status).toBe(401);
  });
});

describe('CSRF on state-changing requests', () => {
  it('refuses a form post without the token, or with another session\'s token, and accepts the right one', async () => {
    const a = new TestClient(app());
    await a.login(ADMIN, PASSWORD);
    const b = new TestClient(app());
    await b.login(ANALYST, PASSWORD);
    const id = seed.events.export;
    expect((await a.post(`/events/${id}/status`, { status: 'rejected' })).status).toBe(403);
    expect((await a.post(`/events/${id}/status`, { status: 'rejected', _csrf: await b.csrf() })).status).toBe(403);
    expect((await database.db.select().from(events).where(eq(events.id, id)))[0]?.status).toBe('pending');
    const ok = await a.post(`/events/${id}/status`, { status: 'rejected', _csrf: await a.csrf(), note: 'not hiring' });
    expect(ok.status).toBe(303);
    expect((await database.db.select().from(events).where(eq(events.id, id)))[0]?.status).toBe('rejected');
    const [action] = await database.db.select().from(reviewActions).where(eq(reviewActions.eventId, id));
    expect(action).toMatchObject({ action: 'reject', userId: seed.adminId, before: { status: 'pending' }, after: { status: 'rejected' }, note: 'not hiring' });
  });

  it('checks the X-CSRF-Token header and the Origin on the JSON API', async () => {
    const c = new TestClient(app());
    await c.login(ANALYST, PASSWORD);
    const csrf = await c.csrf();
    const body = JSON.stringify({ status: 'approved' });
    const json = { 'content-type': 'application/json' };
    expect((await c.request(`/api/events/${seed.events.export}/status`, { method: 'POST', body, headers: json })).status).toBe(403);
    expect((await c.request(`/api/events/${seed.events.export}/status`, { method: 'POST', body, headers: { ...json, 'x-csrf-token': csrf, origin: 'https://evil.example' } })).status).toBe(403);
    const ok = await c.request(`/api/events/${seed.events.export}/status`, { method: 'POST', body, headers: { ...json, 'x-csrf-token': csrf, origin: 'http://localhost' } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ id: seed.events.export, status: 'approved' });
  });
});

describe('roles', () => {
  it('keeps analysts out of feeds, users and entity changes', async () => {
    const c = new TestClient(app());
    await c.login(ANALYST, PASSWORD);
    const csrf = await c.csrf();
    expect((await c.request('/feeds')).status).toBe(403);
    expect((await c.request('/users')).status).toBe(403);
    expect((await c.request('/entities')).status).toBe(200);
    expect((await c.post('/entities/merge', { _csrf: csrf, survivorId: String(seed.ids.alibaba), otherIds: String(seed.ids.alibabaDup) })).status).toBe(403);
    expect((await c.post(`/entities/${seed.ids.alibabaDup}/merge-into`, { _csrf: csrf, target: `Alibaba · firm:alibaba #${seed.ids.alibaba}` })).status).toBe(403);
    expect((await c.post(`/entities/${seed.ids.alibaba}/aliases`, { _csrf: csrf, alias: 'Ali', lang: 'en' })).status).toBe(403);
    expect((await c.post('/feeds', { _csrf: csrf, url: 'https://example.com/feed' })).status).toBe(403);
    expect((await c.post('/users', { _csrf: csrf, email: 'x@example.com', role: 'admin', password: 'long enough pw' })).status).toBe(403);
  });

  it('lets admins manage feeds and accounts', async () => {
    const c = new TestClient(app());
    await c.login(ADMIN, PASSWORD);
    const csrf = await c.csrf();
    expect((await c.post('/feeds', { _csrf: csrf, url: 'https://feeds.example.net/rss.xml', title: 'Example', language: 'en', intervalMinutes: '30' })).status).toBe(303);
    const feeds = await (await c.request('/feeds')).text();
    expect(feeds).toContain('https://feeds.example.net/rss.xml');
    const id = /action="\/feeds\/(\d+)\/pause"/.exec(feeds)?.[1];
    expect(id).toBeDefined();
    expect((await c.post(`/feeds/${id}/pause`, { _csrf: csrf })).status).toBe(303);
    expect(await (await c.request('/feeds')).text()).toContain(`action="/feeds/${id}/resume"`);
    expect((await c.post(`/feeds/${id}/remove`, { _csrf: csrf })).status).toBe(303);
    expect(await (await c.request('/feeds')).text()).not.toContain('https://feeds.example.net/rss.xml');
    expect((await c.post('/users', { _csrf: csrf, email: 'New@Example.com', role: 'analyst', password: 'a long password' })).status).toBe(303);
    expect(await (await c.request('/users')).text()).toContain('new@example.com');
  });
});
