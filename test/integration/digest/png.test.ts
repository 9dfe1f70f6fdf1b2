// Renders the HTML digest in headless Chromium and saves test/output/digest.png (and a phone-width one) so its
// look can be judged. Skipped, with a message, only when Chromium is absent and CI is not set.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDigest } from '../../../src/digest/build.ts';
import { ENGINE, openTestDatabase, type TestDatabase } from '../../helpers/db.ts';
import { PROJECT_DIR } from '../../helpers/shared.ts';
import { seedWeek47 } from './seed.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HAS_CHROMIUM = existsSync(CHROMIUM);
const OUTPUT = join(PROJECT_DIR, 'test', 'output');
if (!HAS_CHROMIUM && !process.env.CI) console.warn(`[tests] ${CHROMIUM} not found: digest PNG test skipped (apt-get install -y chromium, or set CHROMIUM_PATH)`);

function pngSize(file: string): { width: number; height: number } {
  const buf = readFileSync(file);
  expect(buf.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

describe.skipIf(!HAS_CHROMIUM && !process.env.CI)(`digest HTML rendered in headless Chromium (${ENGINE})`, () => {
  let database: TestDatabase;
  let browser: Browser;
  beforeAll(async () => {
    database = await openTestDatabase();
    await seedWeek47(database.db);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await database?.destroy();
  });

  it('saves test/output/digest.png without loading anything from the network', async () => {
    const { html } = await buildDigest(database, '2026-W47', { timeZone: 'Europe/Berlin', reviewUrl: 'https://radar.example.com/review' });
    mkdirSync(OUTPUT, { recursive: true });
    const requests: string[] = [];
    for (const [name, width] of [['digest.png', 800], ['digest-narrow.png', 390]] as const) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      await page.route('**/*', (route) => {
        requests.push(route.request().url());
        return route.abort();
      });
      await page.setContent(html, { waitUntil: 'load' });
      // Nothing executes or overflows: the escaped <script> firm is text, and the card fits the viewport.
      expect(await page.evaluate(() => document.querySelectorAll('script').length)).toBe(0);
      expect(await page.getByText('<script>alert("x")</script>').count()).toBe(1);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      const file = join(OUTPUT, name);
      await page.screenshot({ path: file, fullPage: true });
      await page.close();
      const size = pngSize(file);
      expect(size.width).toBe(width);
      expect(size.height).toBeGreaterThan(900);
    }
    expect(requests).toEqual([]);
  });
});
