// Feed health (admin): a removed feed keeps its real last error with the removal shown apart, a malformed feed shows
// its warning, and a run whose process died is listed as interrupted.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markInterruptedRuns } from '../../../src/db/queries/runs.ts';
import { feeds, runs } from '../../../src/db/schema.ts';
import { syncFeeds } from '../../../src/ingest/sync-feeds.ts';
import { createApp } from '../../../src/web/app.ts';
import { openTestDatabase, type TestDatabase } from '../../helpers/db.ts';
import { TestClient } from './client.ts';
import { ADMIN, PASSWORD, seedReview } from './seed-review.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
  await seedReview(database.db);
});
afterAll(async () => database?.destroy());

const list = (urls: string[]) => ({ defaults: { intervalMinutes: 60 }, feeds: urls.map((url) => ({ url, tags: [] })) });

describe('feed health page', () => {
  it('shows the real last error of a removed feed, its removal, a feed warning and interrupted runs', async () => {
    const gone = 'https://gone.example/feed';
    const broken = 'https://broken.example/feed';
    await syncFeeds(database.db, list([gone, broken]), { pauseMissing: true });
    await database.db.update(feeds).set({ errorCount: 1, lastError: `${gone}: HTTP 503` }).where(eq(feeds.url, gone));
    await database.db.update(feeds).set({ lastWarning: 'parsed 1 item; the XML is broken at line 7: Unexpected close tag' }).where(eq(feeds.url, broken));
    await syncFeeds(database.db, list([broken]), { pauseMissing: true });
    const [dead] = await database.db.insert(runs).values({ kind: 'ingest' }).returning({ id: runs.id });
    await markInterruptedRuns(database.db, 'ingest', { othersAreDead: true });

    const c = new TestClient(createApp({ db: database.db }));
    await c.login(ADMIN, PASSWORD);
    const page = await (await c.request('/feeds')).text();
    const goneRow = page.slice(page.indexOf(`${gone}</small>`) - 600, page.indexOf(`${gone}</small>`) + 600);
    expect(goneRow).toContain('removed from feeds.yaml');
    expect(goneRow).toContain(`${gone}: HTTP 503`);
    expect(page).not.toContain('removed from config/feeds.yaml');
    expect(page).toContain('warning: parsed 1 item; the XML is broken at line 7: Unexpected close tag');
    const runRow = page.slice(page.indexOf(`data-run-id="${dead!.id}"`));
    expect(runRow).toMatch(/^data-run-id="\d+"><td class="num">\d+<\/td><td>ingest<\/td><td><span class="badge b-interrupted">interrupted<\/span>/);
  });
});
