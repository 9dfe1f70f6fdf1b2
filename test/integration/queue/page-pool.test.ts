// The worker-thread page pool: the same output as cleaning and extracting in this thread, the analysts' alias
// decisions picked up at warm() like the inline extractor does, a page over its time budget skipped (never retried),
// and a closed pool refusing work as a transient failure.
import { resolve } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAlias } from '../../../src/db/queries/entities.ts';
import { entities } from '../../../src/db/schema.ts';
import { RetryLaterError, SkipError } from '../../../src/errors.ts';
import { createExtractor } from '../../../src/extract/extract.ts';
import { lazyProcessPage } from '../../../src/ingest/cycle.ts';
import { inlineProcessPage, type PageInput, type ProcessedPage } from '../../../src/ingest/process-page.ts';
import { storeArticle } from '../../../src/store/store-article.ts';
import { createPagePool, type PagePool } from '../../../src/workers/page-pool.ts';
import { openTestDatabase, type TestDatabase } from '../../helpers/db.ts';
import { articlePage } from './fixtures.ts';

const CONFIG_DIR = resolve(import.meta.dirname, '../../../config');
const page = (html: string, n: number): PageInput => ({ body: new TextEncoder().encode(html), url: `https://news.example.com/p/${n}`, finalUrl: `https://news.example.com/p/${n}`, contentType: 'text/html', langHint: 'en' });
const mentionsOf = (p: ProcessedPage) => p.extraction.entities.map((e) => `${e.type}:${e.name}`).sort();

let database: TestDatabase;
let pool: PagePool;
beforeAll(async () => {
  database = await openTestDatabase();
  pool = createPagePool({ configDir: CONFIG_DIR, size: 1, db: database.db });
}, 120_000);
afterAll(async () => {
  await pool?.close();
  await database?.destroy();
});

describe('page pool', () => {
  it('cleans and extracts exactly as the inline path does', async () => {
    const inline = inlineProcessPage(await createExtractor(CONFIG_DIR));
    for (const [i, firm] of ['Nvidia', 'Tencent', 'Mistral AI'].entries()) {
      const input = page(articlePage(firm, i), i);
      expect(await pool(input)).toEqual(await inline(input));
    }
  }, 120_000);

  it("applies an analyst's new alias after warm(), as lazyProcessPage does", async () => {
    const intro = page(articlePage('Zorblax Robotics', 1).replace(/Zorblax Robotics is hiring/, 'Zorblax Robotics Inc. is hiring'), 10);
    await storeArticle(database, { url: intro.url, finalUrl: intro.finalUrl, feedId: null, guid: null, contentType: 'text/html', rawBody: intro.body, ...(await pool(intro)) });
    const [firm] = await database.db.select({ id: entities.id, name: entities.canonicalName }).from(entities).where(eq(entities.type, 'firm'));
    expect(firm).toBeDefined();
    const nickname = page(articlePage('Zorbo', 2), 11);
    const before = mentionsOf(await pool(nickname));
    expect(before).not.toContain(`firm:${firm!.name}`);

    await addAlias(database.db, firm!.id, 'en', 'Zorbo', null);
    await pool.warm();
    const reference = lazyProcessPage(CONFIG_DIR, database.db);
    await reference.warm();
    const after = await pool(nickname);
    expect(mentionsOf(after)).toContain(`firm:${firm!.name}`);
    expect(after).toEqual(await reference(nickname));
  }, 120_000);

  it('skips a page that runs over its time budget and refuses work once closed', async () => {
    const strict = createPagePool({ configDir: CONFIG_DIR, size: 1, taskTimeoutMs: 1 });
    try {
      await expect(strict(page(articlePage('Baidu', 3), 20))).rejects.toBeInstanceOf(SkipError);
      expect(strict.replaced()).toBeGreaterThanOrEqual(1);
    } finally {
      await strict.close();
    }
    await expect(strict(page(articlePage('Baidu', 3), 21))).rejects.toBeInstanceOf(RetryLaterError);
  }, 120_000);
});
