// The digest opt-in in the review UI (a user's own account page, with CSRF), the admin's list of who receives the
// digest, the digest preview's week span in the digest zone, and the event page's date with its source.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events, users } from '../../../src/db/schema.ts';
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
async function signedIn(email: string): Promise<TestClient> {
  const c = new TestClient(app(), { origin: 'http://localhost' });
  expect((await c.login(email, PASSWORD)).status).toBe(303);
  return c;
}
const optIn = async (email: string) => (await database.db.select({ on: users.digestOptIn }).from(users).where(eq(users.email, email)))[0]!.on;

describe('account page: the weekly digest opt-in', () => {
  it('shows the state, refuses a post without the CSRF token, and turns the digest on and off', async () => {
    const c = await signedIn(ANALYST);
    const page = await (await c.request('/account')).text();
    expect(page).toContain('The weekly digest of approved events is <strong>off</strong>');
    expect(page).toContain('href="/account"');
    expect((await c.post('/account/digest', { digest: 'on' })).status).toBe(403);
    expect(await optIn(ANALYST)).toBe(false);
    const csrf = TestClient.csrfOf(page);
    const on = await c.post('/account/digest', { _csrf: csrf, digest: 'on' });
    expect([on.status, on.headers.get('location')]).toEqual([303, '/account?done=digest_on']);
    expect(await optIn(ANALYST)).toBe(true);
    expect(await (await c.request('/account?done=digest_on')).text()).toContain('<strong>on</strong>');
    expect((await c.post('/account/digest', { _csrf: csrf, digest: 'maybe' })).status).toBe(400);
    await c.post('/account/digest', { _csrf: csrf, digest: 'off' });
    expect(await optIn(ANALYST)).toBe(false);
  });

  it('lists who receives the digest for admins only, placeholders marked as skipped', async () => {
    const analyst = await signedIn(ANALYST);
    await analyst.post('/account/digest', { _csrf: await analyst.csrf(), digest: 'on' });
    expect((await analyst.request('/digest/recipients', { headers: { accept: 'text/html' } })).status).toBe(403);
    const admin = await signedIn(ADMIN);
    const res = await admin.request('/digest/recipients?week=2025-W10');
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain('Who receives the digest of 2025-W10');
    // config/digest.yaml ships analysts@example.com, and the seeded accounts are at example.com: all placeholders.
    expect(body).toMatch(/analysts@example\.com<\/td><td>digest\.yaml<\/td><td><span class="badge b-rejected">skipped/);
    expect(body).toMatch(/analyst@example\.com<\/td><td>opted-in user<\/td><td><span class="badge b-rejected">skipped/);
    expect(body).not.toContain('admin@example.com</td>');
    expect(await (await admin.request('/users')).text()).toContain('<th title="weekly digest opt-in');
  });
});

describe('digest preview and event page dates', () => {
  it('shows the ISO week on the digest zone\'s wall clock: W47 of 2019 is 18-24 Nov, not 17-24', async () => {
    const c = await signedIn(ADMIN);
    const body = await (await c.request('/digest?week=2019-W47')).text();
    expect(body).toContain('18 Nov 2019 - 24 Nov 2019 (Europe/Berlin)');
    expect(body).not.toContain('2019-11-17');
  });

  it('shows the event date and where it came from, and "undated" when there is none', async () => {
    const c = await signedIn(ADMIN);
    await database.db.update(events).set({ dateSource: 'feed' }).where(eq(events.id, seed.events.hiring));
    const dated = await (await c.request(`/events/${seed.events.hiring}`)).text();
    expect(dated).toMatch(/id="event-date">Date: <strong><time datetime="2025-03-04T08:00:00.000Z">2025-03-04<\/time><\/strong> <small class="muted">from the feed item/);
    await database.db.update(events).set({ occurredAt: null, dateSource: 'undated' }).where(eq(events.id, seed.events.formula));
    const undated = await (await c.request(`/events/${seed.events.formula}`)).text();
    expect(undated).toContain('id="event-date">Date: <strong>undated</strong>');
  });
});
