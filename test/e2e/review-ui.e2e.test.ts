// The review UI fixes of issue 14 in real headless Chromium: entity counts (screenshot), a bad filter's 400 page in
// the layout with a way back (screenshot), "u" back to the queue with its filters, sort and page, the queue's
// outlet and event-date columns and language list, and "merge into…" through the type-ahead.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createApp, startServer, type RunningServer } from '../../src/web/app.ts';
import { entities } from '../../src/db/schema.ts';
import { openTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { PROJECT_DIR } from '../helpers/shared.ts';
import { seedEvents } from '../helpers/seed-events.ts';
import { ADMIN, PASSWORD, seedReview, type ReviewSeed } from '../integration/web/seed-review.ts';
import { RUN_E2E, launchChromium } from './browser.ts';

const OUTPUT = join(PROJECT_DIR, 'test', 'output');

describe.skipIf(!RUN_E2E)('review UI fixes in Chromium', () => {
  let database: TestDatabase;
  let seed: ReviewSeed;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(OUTPUT, { recursive: true });
    database = await openTestDatabase();
    seed = await seedReview(database.db);
    await seedEvents(database.db, 60, 11);
    server = await startServer(createApp({ db: database.db }), { port: 0 });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${server.url}/login`);
    await page.fill('input[name="email"]', ADMIN);
    await page.fill('input[name="password"]', PASSWORD);
    await Promise.all([page.waitForURL((u) => u.pathname === '/'), page.click('button[type="submit"]')]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await database?.destroy();
  });

  const url = (path: string) => `${server.url}${path}`;

  it('shows each entity\'s own counts on the entities page', async () => {
    await page.goto(url('/entities?q=a&type=firm'));
    const cells = async (id: number) => page.locator(`tr[data-entity-id="${id}"] td.num`).allTextContents();
    expect(await cells(seed.ids.alibabaDup)).toEqual(['1', '1']);
    expect(await cells(seed.ids.alibaba)).toEqual(['1', '0']);
    expect(await cells(seed.ids.meituan)).toEqual(['0', '1']);
    await page.screenshot({ path: join(OUTPUT, 'entities.png'), fullPage: false });
  });

  it('answers an impossible date with a 400 page in the layout that names the parameter, with a way back', async () => {
    // An impossible date typed into the address bar (the date picker cannot produce one).
    const response = await page.goto(url('/?status=all&from=2019-13-45'));
    expect(response?.status()).toBe(400);
    expect(await page.textContent('.error-page h1')).toBe('400 Bad request');
    expect(await page.textContent('.error-page .message')).toBe('filter "from" "2019-13-45" is not a real calendar date');
    expect(await page.locator('header.top nav a').count()).toBeGreaterThan(2);
    await page.screenshot({ path: join(OUTPUT, 'error.png'), fullPage: false });
    const unparseable = await page.goto(url('/?to=31/12/2019'));
    expect(unparseable?.status()).toBe(400);
    expect(await page.textContent('.error-page .message')).toBe('filter "to" "31/12/2019" must be a date as YYYY-MM-DD');
    await Promise.all([page.waitForURL((u) => u.pathname === '/' && u.search === ''), page.click('#home')]);
    expect(await page.locator('table.queue').count()).toBe(1);
  });

  it('goes back from an event with "u" to the same filters, sort and page', async () => {
    const query = 'status=all&type=contraction&minConfidence=0&sort=confidence&dir=asc&page=2&pageSize=3';
    await page.goto(url(`/?${query}`));
    const firstOnPage = await page.locator('table.queue tbody tr[data-id]').first().getAttribute('data-id');
    await Promise.all([page.waitForURL(/\/events\/\d+/), page.keyboard.press('o')]);
    await Promise.all([page.waitForURL(/done=approved/), page.click('#approve')]);
    await Promise.all([page.waitForURL((u) => u.pathname === '/'), page.keyboard.press('u')]);
    const params = Object.fromEntries(new URL(page.url()).searchParams);
    expect(params).toEqual(Object.fromEntries(new URLSearchParams(query)));
    expect(await page.textContent('.pager')).toContain('page 2 /');
    expect(await page.locator('table.queue tbody tr[data-id]').first().getAttribute('data-id')).toBe(firstOnPage);
  });

  it('has outlet and event-date columns and a language list', async () => {
    await page.goto(url('/?status=all&minConfidence=0&pageSize=200'));
    expect(await page.locator('table.queue thead th').allTextContents()).toEqual(expect.arrayContaining(['Event date', 'Outlet']));
    expect(await page.locator(`tr[data-id="${seed.events.hiring}"] td.outlet`).textContent()).toBe('Example News');
    const languages = await page.locator('#filters select[name="language"] option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(languages[0]).toBe('');
    expect(languages).toEqual(expect.arrayContaining(['de', 'en', 'fr']));
    await page.selectOption('#filters select[name="language"]', 'de');
    await Promise.all([page.waitForURL(/language=de/), page.click('#filters button[type="submit"]')]);
    const langs = await page.locator('table.queue tbody td.lang').allTextContents();
    expect(langs.length).toBeGreaterThan(0);
    expect(new Set(langs)).toEqual(new Set(['de']));
  });

  it('merges an entity into another picked with the type-ahead', async () => {
    // More firms matching "Alibaba" than one search page holds (200); the type-ahead still reaches the one wanted.
    await database.db.insert(entities).values(Array.from({ length: 210 }, (_, i) => ({ key: `new:firm:alibaba-filler-${i}`, type: 'firm' as const, canonicalName: `Alibaba Filler ${i}` })));
    await page.goto(url(`/entities/${seed.ids.alibabaDup}`));
    await page.locator('#merge-into input[name="target"]').pressSequentially('Alibaba');
    const option = page.locator('#merge-targets option');
    await expect.poll(async () => page.locator('#merge-targets option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value)))
      .toContain(`Alibaba · firm:alibaba #${seed.ids.alibaba}`);
    expect(await option.count()).toBeLessThanOrEqual(20);
    await page.fill('#merge-into input[name="target"]', `Alibaba · firm:alibaba #${seed.ids.alibaba}`);
    await Promise.all([page.waitForURL(new RegExp(`/entities/${seed.ids.alibaba}\\?done=merged`)), page.click('#merge-into-button')]);
    expect(await page.textContent('.flash.ok')).toBe('Entities merged.');
    expect(await page.textContent('ul.aliases')).toContain('Alibaba Group Holding');
    expect(await page.textContent('dd.mentions')).toBe('2');
    expect(pageErrors).toEqual([]);
  });
});
