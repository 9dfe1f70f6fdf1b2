// End to end in real headless Chromium against a real database seeded by the test: log in, filter, keyboard review,
// open an event, edit a slot, approve, reject, merge two entities, export CSV; and a hostile article stays inert.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createApp, startServer, type RunningServer } from '../../src/web/app.ts';
import { loadReviewConfig } from '../../src/web/config.ts';
import { openTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { PROJECT_DIR } from '../helpers/shared.ts';
import { seedEvents } from '../helpers/seed-events.ts';
import { ADMIN, PASSWORD, seedReview, type ReviewSeed } from '../integration/web/seed-review.ts';
import { RUN_E2E, launchChromium } from './browser.ts';

const OUTPUT = join(PROJECT_DIR, 'test', 'output');

describe.skipIf(!RUN_E2E)('review UI in Chromium', () => {
  let database: TestDatabase;
  let seed: ReviewSeed;
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(OUTPUT, { recursive: true });
    database = await openTestDatabase();
    seed = await seedReview(database.db);
    await seedEvents(database.db, 120, 7);
    server = await startServer(createApp({ db: database.db }), { port: 0 });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
    await database?.destroy();
  });

  const url = (path: string) => `${server.url}${path}`;

  it('sends an unauthenticated visitor to the login form and logs in', async () => {
    await page.goto(url('/events/1'));
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.fill('input[name="email"]', ADMIN);
    await page.fill('input[name="password"]', PASSWORD);
    await Promise.all([page.waitForURL(/\/events\/1$/), page.click('button[type="submit"]')]);
    await page.goto(url('/'));
    await expect.poll(() => page.locator('table.queue tbody tr[data-id]').count()).toBeGreaterThan(30);
    // The configured default threshold (config/review.yaml) applies and is shown in the filter bar.
    const threshold = loadReviewConfig().minConfidenceDefault;
    expect(Number(await page.inputValue('#filters input[name="minConfidence"]'))).toBe(threshold);
    const shown = (await page.locator('table.queue tbody .conf').allTextContents()).map(Number);
    expect(Math.min(...shown)).toBeGreaterThanOrEqual(threshold);
    await page.screenshot({ path: join(OUTPUT, 'queue.png'), fullPage: false });
  });

  it('filters the queue', async () => {
    await page.selectOption('select[name="type"]', 'hiring');
    await page.fill('input[name="firm"]', 'Alibaba Group');
    await Promise.all([page.waitForURL(/type=hiring/), page.click('#filters button[type="submit"]')]);
    const rows = page.locator('table.queue tbody tr[data-id]');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-id')).toBe(String(seed.events.hiring));
    expect(await page.textContent('.pager .total')).toBe('1');
  });

  it('moves and approves with the keyboard', async () => {
    await page.goto(url('/?status=pending&type=contraction&sort=confidence&dir=desc'));
    const rows = page.locator('table.queue tbody tr[data-id]');
    expect(await rows.count()).toBeGreaterThan(2);
    await expect.poll(() => rows.nth(0).getAttribute('class')).toContain('cursor');
    await page.keyboard.press('j');
    await expect.poll(() => rows.nth(1).getAttribute('class')).toContain('cursor');
    const id = await rows.nth(1).getAttribute('data-id');
    await page.keyboard.press('a');
    await expect.poll(() => page.locator(`tr[data-id="${id}"]`).getAttribute('data-status')).toBe('approved');
    await expect.poll(() => rows.nth(2).getAttribute('class')).toContain('cursor');
    await page.reload();
    expect(await page.locator(`tr[data-id="${id}"]`).count()).toBe(0); // no longer pending
  });

  it('opens an event with the evidence highlighted and the entities marked', async () => {
    await page.goto(url(`/?status=all&firm=${encodeURIComponent('Alibaba Group')}`));
    await Promise.all([page.waitForURL(/\/events\/\d+/), page.click('table.queue a.open')]);
    expect(await page.textContent('mark#evidence')).toContain('posted a dozen applied-scientist roles in Sunnyvale');
    expect(await page.locator('mark#evidence mark.ent-location').textContent()).toBe('Sunnyvale');
    expect(await page.locator('.article .text mark.ent-firm').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('ul.supporting li').count()).toBe(2);
    await page.screenshot({ path: join(OUTPUT, 'event.png'), fullPage: false });
  });

  it('edits a slot and shows the change in the history', async () => {
    await page.selectOption('form#edit select[name="type"]', 'expansion');
    await page.fill('form#edit input[name="headcount"]', '20');
    await page.fill('form#edit input[name="note"]', 'headcount from the second source');
    await Promise.all([page.waitForURL(/done=saved/), page.click('form#edit button[type="submit"]')]);
    expect(await page.textContent('.flash.ok')).toBe('Event saved.');
    expect(await page.inputValue('form#edit input[name="headcount"]')).toBe('20');
    const history = await page.textContent('ol.history');
    expect(history).toContain('edit by admin@example.com');
    expect(history).toMatch(/headcount: 12\s*→\s*20/);
    expect(history).toMatch(/type: hiring\s*→\s*expansion/);
  });

  it('approves with a note', async () => {
    await page.fill('form#review textarea[name="note"]', 'confirmed by two outlets');
    await Promise.all([page.waitForURL(/done=approved/), page.click('#approve')]);
    expect(await page.textContent('form#review .badge')).toBe('approved');
    expect(await page.textContent('ol.history')).toContain('confirmed by two outlets');
  });

  it('rejects another event with the keyboard shortcut', async () => {
    await page.goto(url(`/events/${seed.events.export}`));
    await Promise.all([page.waitForURL(/done=rejected/), page.keyboard.press('r')]);
    expect(await page.textContent('form#review .badge')).toBe('rejected');
  });

  it('merges two entities', async () => {
    await page.goto(url('/entities?q=alibaba'));
    const names = await page.locator('td.name').allTextContents();
    expect(names).toEqual(expect.arrayContaining(['Alibaba', 'Alibaba Group Holding']));
    await page.check(`input[name="survivorId"][value="${seed.ids.alibaba}"]`);
    await page.check(`input[name="otherIds"][value="${seed.ids.alibabaDup}"]`);
    await Promise.all([page.waitForURL(/done=merged/), page.click('#merge-button')]);
    expect(await page.textContent('.flash.ok')).toBe('Entities merged.');
    expect(await page.locator('td.name').allTextContents()).not.toContain('Alibaba Group Holding');
    expect(await page.locator(`tr[data-entity-id="${seed.ids.alibaba}"] ul.aliases`).textContent()).toContain('Alibaba Group Holding');
  });

  it('exports the filtered events as CSV', async () => {
    await page.goto(url('/?status=all&type=contraction&minConfidence=0.2'));
    const shown = Number((await page.textContent('.pager .total'))?.replace(/,/g, ''));
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a.export[href^="/export.csv"]')]);
    const file = await download.path();
    const csv = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toMatch(/^"id","status","type","date","firm"/);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(csv.match(/,"contraction",/g)?.length).toBe(shown);
    expect(csv).not.toMatch(/,"(hiring|expansion)",/);
  });

  it('renders a hostile article inert: no dialog, no injected script, no handler run', async () => {
    for (const path of [`/events/${seed.events.xss}`, '/?status=all&sort=occurred']) {
      await page.goto(url(path));
      await page.waitForLoadState('load');
      expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
      expect(await page.evaluate(() => [...document.scripts].map((s) => s.getAttribute('src')))).toEqual(['/static/app.js']);
      expect(await page.locator('img, svg, iframe, object, embed').count()).toBe(0);
    }
    await page.goto(url(`/events/${seed.events.xss}`));
    expect(await page.textContent('h2.article-title')).toContain('<script>window.__xss=1</script>');
    expect(await page.textContent('mark#evidence')).toContain('<svg onload="window.__xss=5">');
    expect(await page.getAttribute('.article .meta a', 'href')).toBe('#');
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
