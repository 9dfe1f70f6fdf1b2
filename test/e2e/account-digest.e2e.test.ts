// In headless Chromium: a user turns the weekly digest on from their account page (CSRF-protected form), an admin
// sees them in the list of recipients, the digest preview shows the week on the digest zone's calendar, the event
// page shows the event's date and its source; screenshots of the preview and of the digest go to test/output.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { events, reviewActions, users } from '../../src/db/schema.ts';
import { createApp, startServer, type RunningServer } from '../../src/web/app.ts';
import { openTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { PROJECT_DIR } from '../helpers/shared.ts';
import { ADMIN, PASSWORD, seedReview, type ReviewSeed } from '../integration/web/seed-review.ts';
import { RUN_E2E, launchChromium } from './browser.ts';

const OUTPUT = join(PROJECT_DIR, 'test', 'output');

describe.skipIf(!RUN_E2E)('account, digest preview and event dates in Chromium', () => {
  let database: TestDatabase;
  let seed: ReviewSeed;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(OUTPUT, { recursive: true });
    database = await openTestDatabase();
    seed = await seedReview(database.db);
    // One approved event with a feed date and an analyst note, in 2025-W10 (3-9 March, Europe/Berlin).
    await database.db.update(events).set({ status: 'approved', dateSource: 'feed' }).where(eq(events.id, seed.events.hiring));
    await database.db.insert(reviewActions).values({ eventId: seed.events.hiring, userId: seed.adminId, action: 'approve', note: 'Two outlets agree' });
    server = await startServer(createApp({ db: database.db }), { port: 0 });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(`${server.url}/login`);
    await page.fill('input[name="email"]', ADMIN);
    await page.fill('input[name="password"]', PASSWORD);
    await Promise.all([page.waitForURL(`${server.url}/`), page.click('button[type="submit"]')]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await database?.destroy();
  });

  it('turns the digest on from the account page reached through the header', async () => {
    await Promise.all([page.waitForURL(/\/account$/), page.click('#account-link')]);
    expect(await page.textContent('#digest-state')).toContain('is off');
    await Promise.all([page.waitForURL(/done=digest_on/), page.click('#digest-toggle')]);
    expect(await page.textContent('#digest-state')).toContain('is on');
    const [me] = await database.db.select({ on: users.digestOptIn }).from(users).where(eq(users.id, seed.adminId));
    expect(me!.on).toBe(true);
    await page.goto(`${server.url}/digest/recipients?week=2025-W10`);
    expect(await page.locator('table.recipients tr', { hasText: ADMIN }).textContent()).toContain('skipped');
  });

  it('previews W10 of 2025 as 3-9 March and saves a screenshot of the preview and of the digest', async () => {
    await page.goto(`${server.url}/digest?week=2025-W10`);
    expect(await page.textContent('#week-span')).toContain('3 Mar 2025 - 9 Mar 2025 (Europe/Berlin)');
    await page.screenshot({ path: join(OUTPUT, 'digest-preview.png'), fullPage: true });
    const frame = page.frameLocator('iframe.digest-frame');
    await expect.poll(() => frame.getByText('Two outlets agree').count()).toBe(1);
    await page.goto(`${server.url}/digest/preview?week=2025-W10`);
    expect(await page.textContent('body')).toContain('Example News, 4 Mar 2025');
    await page.screenshot({ path: join(OUTPUT, 'digest-content.png'), fullPage: true });
  });

  it('shows the event date and that it came from the feed', async () => {
    await page.goto(`${server.url}/events/${seed.events.hiring}`);
    const line = await page.textContent('#event-date');
    expect(line).toContain('2025-03-04');
    expect(line).toContain("from the feed item's date");
  });
});
