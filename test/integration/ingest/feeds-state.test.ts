// Feed list sync and scheduling rules on a real database: upsert without clobbering fetch state, pause instead of
// delete, resume on return; failure outcomes (rate limit, backoff, budget) and item picking.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feeds } from '../../../src/db/schema.ts';
import { RateLimitedError, RetryLaterError, SkipError } from '../../../src/errors.ts';
import { fetchConfigFrom } from '../../../src/fetch/fetch-config.ts';
import { loadFeedsFile, type FeedsFile } from '../../../src/ingest/feeds-config.ts';
import { pickItems } from '../../../src/ingest/ingest-feed.ts';
import { linkVariants } from '../../../src/ingest/known-articles.ts';
import { dueFeeds, feedFailure, nextCheckAt } from '../../../src/ingest/schedule.ts';
import { syncFeeds } from '../../../src/ingest/sync-feeds.ts';
import { openTestDatabase, type TestDatabase } from '../../helpers/db.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.destroy();
});

const list = (urls: string[], title = 'T'): FeedsFile => ({ defaults: { intervalMinutes: 60 }, feeds: urls.map((url) => ({ url, title, tags: [] })) });
const row = async (url: string) => (await database.db.select().from(feeds).where(eq(feeds.url, url)))[0]!;

describe('syncFeeds', () => {
  it('upserts by URL without clobbering fetch state, pauses removed feeds and resumes them when they return', async () => {
    const a = 'https://a.example/feed';
    const b = 'https://b.example/feed';
    await syncFeeds(database.db, list([a, b]), { pauseMissing: true });
    await database.db.update(feeds).set({ etag: '"e"', errorCount: 3, lastError: 'HTTP 500' }).where(eq(feeds.url, a));
    await syncFeeds(database.db, list([a, b], 'New title'), { pauseMissing: true });
    expect(await row(a)).toMatchObject({ etag: '"e"', errorCount: 3, lastError: 'HTTP 500', title: 'New title', paused: false });
    await syncFeeds(database.db, list([a]), { pauseMissing: true });
    expect(await row(b)).toMatchObject({ paused: true, lastError: null });
    expect((await row(b)).removedFromConfigAt).toBeInstanceOf(Date);
    await syncFeeds(database.db, list([a, b]), { pauseMissing: true });
    expect(await row(b)).toMatchObject({ paused: false, lastError: null, removedFromConfigAt: null });
  });

  it('keeps a removed feed\'s real last error and records the removal apart from it', async () => {
    const d = 'https://d.example/feed';
    const e = 'https://e.example/feed';
    const others = ['https://a.example/feed', 'https://b.example/feed'];
    await syncFeeds(database.db, list([...others, d, e]), { pauseMissing: true });
    await database.db.update(feeds).set({ errorCount: 2, lastError: 'https://d.example/feed: HTTP 503', lastStatus: 503 }).where(eq(feeds.url, d));
    await syncFeeds(database.db, list([...others, e]), { pauseMissing: true });
    const removed = await row(d);
    expect(removed).toMatchObject({ paused: true, errorCount: 2, lastError: 'https://d.example/feed: HTTP 503', lastStatus: 503 });
    expect(removed.removedFromConfigAt).toBeInstanceOf(Date);
    // Back in the list: resumed, and the error it had is still there until the next fetch settles it.
    await syncFeeds(database.db, list([...others, d, e]), { pauseMissing: true });
    expect(await row(d)).toMatchObject({ paused: false, removedFromConfigAt: null, lastError: 'https://d.example/feed: HTTP 503' });
  });

  it('keeps a budget pause when the feed is still listed, and leaves other feeds alone for a --feeds file', async () => {
    const c = 'https://c.example/feed';
    await syncFeeds(database.db, list([c]), { pauseMissing: false });
    await database.db.update(feeds).set({ paused: true, lastError: 'paused after 8 consecutive failures' }).where(eq(feeds.url, c));
    await syncFeeds(database.db, list([c]), { pauseMissing: false });
    expect((await row(c)).paused).toBe(true);
    expect((await row('https://a.example/feed')).paused).toBe(false);
  });

  it('lists due feeds only, or all active ones when forced', async () => {
    const now = new Date();
    await database.db.update(feeds).set({ nextCheckAt: new Date(now.getTime() + 3600_000) }).where(eq(feeds.url, 'https://a.example/feed'));
    const due = (await dueFeeds(database.db, now)).map((f) => f.url);
    expect(due).not.toContain('https://a.example/feed');
    expect(due).not.toContain('https://c.example/feed');
    expect((await dueFeeds(database.db, now, { force: true })).map((f) => f.url)).toContain('https://a.example/feed');
  });
});

describe('feed config file', () => {
  it('rejects duplicates and bad languages with the key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'radar-feeds-'));
    const file = join(dir, 'feeds.yaml');
    writeFileSync(file, 'feeds:\n  - url: "https://x.example/f"\n  - url: "https://x.example/f"\n');
    expect(() => loadFeedsFile(file)).toThrow(/key "feeds\.1\.url": duplicate feed URL/);
    writeFileSync(file, 'feeds:\n  - url: "https://x.example/f"\n    language: english\n');
    expect(() => loadFeedsFile(file)).toThrow(/feeds\.yaml:3: key "feeds\.0\.language"/);
  });
});

describe('scheduling rules', () => {
  const config = fetchConfigFrom({ errorBudget: { maxConsecutiveFailures: 3, backoffBaseMinutes: 10, backoffCapHours: 1 } });
  const now = new Date('2025-06-10T00:00:00Z');

  it('turns a rate limit into a reschedule that does not count', () => {
    const out = feedFailure(new RateLimitedError('busy', 120_000), { errorCount: 2 }, now, config);
    expect(out).toMatchObject({ errorCount: 2, paused: false, countsAsFailure: false });
    expect(out.nextCheckAt.getTime() - now.getTime()).toBe(120_000);
  });

  it('backs off exponentially with jitter, capped, and pauses at the budget', () => {
    const first = feedFailure(new RetryLaterError('HTTP 500'), { errorCount: 0 }, now, config);
    expect(first.errorCount).toBe(1);
    const delay = first.nextCheckAt.getTime() - now.getTime();
    expect(delay).toBeGreaterThanOrEqual(7.5 * 60_000);
    expect(delay).toBeLessThanOrEqual(12.5 * 60_000);
    const capped = feedFailure(new SkipError('HTTP 404'), { errorCount: 1 }, now, config);
    expect(capped.nextCheckAt.getTime() - now.getTime()).toBeLessThanOrEqual(1.25 * 3600_000);
    const last = feedFailure(new SkipError('not a feed'), { errorCount: 2 }, now, config);
    expect(last).toMatchObject({ errorCount: 3, paused: true });
    expect(last.lastError).toMatch(/paused after 3 consecutive failures; last: not a feed/);
  });

  it('jitters the interval within the ratio', () => {
    for (let i = 0; i < 50; i++) {
      const minutes = (nextCheckAt(now, 60, 0.1).getTime() - now.getTime()) / 60_000;
      expect(minutes).toBeGreaterThanOrEqual(54);
      expect(minutes).toBeLessThanOrEqual(66);
    }
  });
});

describe('item picking', () => {
  it('drops linkless and duplicate items, applies --since, newest first', () => {
    const items = [
      { guid: 'g1', link: 'https://x/1', title: 'old', publishedAt: '2024-01-01T00:00:00Z', updatedAt: null, summary: null },
      { guid: 'g2', link: 'https://x/2', title: 'new', publishedAt: '2025-06-01T00:00:00Z', updatedAt: null, summary: null },
      { guid: 'g2', link: 'https://x/2b', title: 'dup', publishedAt: '2025-06-01T00:00:00Z', updatedAt: null, summary: null },
      { guid: null, link: null, title: 'no link', publishedAt: null, updatedAt: null, summary: null },
      { guid: null, link: 'https://x/3', title: 'undated', publishedAt: null, updatedAt: null, summary: null },
    ];
    expect(pickItems(items, null).map((i) => i.title)).toEqual(['new', 'old', 'undated']);
    expect(pickItems(items, new Date('2025-01-01')).map((i) => i.title)).toEqual(['new', 'undated']);
  });

  it('looks a link up under its http, https and untracked forms', () => {
    expect(linkVariants('http://x.example/a?utm_source=rss')).toEqual(
      expect.arrayContaining(['http://x.example/a?utm_source=rss', 'https://x.example/a?utm_source=rss', 'http://x.example/a', 'https://x.example/a']),
    );
  });
});
