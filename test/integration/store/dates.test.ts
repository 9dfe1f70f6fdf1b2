// Article and event dates: the page's date, else the feed item's, else undated; an undated article's events are
// undated and never take the fetch time; a re-clean keeps the feed date as the fallback.
import { asc, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { articles, events } from '../../../src/db/schema.ts';
import type { CleanInput } from '../../../src/clean/clean-document.ts';
import type { Extractor } from '../../../src/extract/extract.ts';
import { reprocessArticles } from '../../../src/store/reprocess-articles.ts';
import { storeArticle } from '../../../src/store/store-article.ts';
import { openTestDatabase, type TestDatabase } from '../../helpers/db.ts';
import { ALIBABA, FILLER, cleanOf, extractionOf, inputOf, type ArticleSpec } from './build.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.destroy();
});
beforeEach(async () => {
  await database.rows(sql`truncate articles, article_urls, entities, mentions, events, event_articles, review_actions, runs restart identity cascade`);
});

const FETCHED = new Date('2026-03-03T00:00:00Z');

function story(n: number, publishedAt: string | null, sentence = 'Alibaba is hiring engineers'): ArticleSpec {
  return {
    url: `https://news.example.com/old-story-${n}`, publishedAt, text: `${sentence} (report ${n}).${FILLER}`,
    entities: [ALIBABA], events: [{ type: 'hiring', firm: 'Alibaba', evidence: sentence, confidence: 0.7 }],
  };
}

async function articleDates() {
  return (await database.db.select().from(articles).orderBy(asc(articles.id)))
    .map((a) => ({ publishedAt: a.publishedAt?.toISOString() ?? null, dateSource: a.dateSource, feedPublishedAt: a.feedPublishedAt?.toISOString() ?? null }));
}
async function eventDates() {
  return (await database.db.select().from(events).orderBy(asc(events.id))).map((e) => ({ occurredAt: e.occurredAt?.toISOString() ?? null, dateSource: e.dateSource }));
}

describe('article and event dates', () => {
  it('falls back to the feed item date when the page has none', async () => {
    await storeArticle(database, inputOf(story(1, null), { fetchedAt: FETCHED, feedPublishedAt: '2005-06-01T08:00:00.000Z' }));
    expect(await articleDates()).toEqual([{ publishedAt: '2005-06-01T08:00:00.000Z', dateSource: 'feed', feedPublishedAt: '2005-06-01T08:00:00.000Z' }]);
    expect(await eventDates()).toEqual([{ occurredAt: '2005-06-01T08:00:00.000Z', dateSource: 'feed' }]);
  });

  it('prefers the page date over the feed date', async () => {
    await storeArticle(database, inputOf(story(1, '1987-10-19T09:00:00Z'), { fetchedAt: FETCHED, feedPublishedAt: '2026-03-02T08:00:00.000Z' }));
    expect(await articleDates()).toEqual([{ publishedAt: '1987-10-19T09:00:00.000Z', dateSource: 'page', feedPublishedAt: '2026-03-02T08:00:00.000Z' }]);
    expect(await eventDates()).toEqual([{ occurredAt: '1987-10-19T09:00:00.000Z', dateSource: 'page' }]);
  });

  it('leaves an article with neither date undated, and its event too (not the fetch date)', async () => {
    await storeArticle(database, inputOf(story(1, null), { fetchedAt: FETCHED }));
    expect(await articleDates()).toEqual([{ publishedAt: null, dateSource: 'undated', feedPublishedAt: null }]);
    expect(await eventDates()).toEqual([{ occurredAt: null, dateSource: 'undated' }]);
  });

  it('dates an event by its earliest dated report; an undated report does not pull it to the fetch time', async () => {
    await storeArticle(database, inputOf(story(1, null), { fetchedAt: FETCHED }));
    await storeArticle(database, inputOf(story(2, null), { fetchedAt: FETCHED, feedPublishedAt: '2026-03-01T10:00:00.000Z' }));
    expect(await eventDates()).toEqual([{ occurredAt: '2026-03-01T10:00:00.000Z', dateSource: 'feed' }]);
    await storeArticle(database, inputOf(story(3, '2026-02-27T10:00:00Z'), { fetchedAt: FETCHED }));
    expect(await eventDates()).toEqual([{ occurredAt: '2026-02-27T10:00:00.000Z', dateSource: 'page' }]);
  });

  it('keeps the feed date when the article is stored again without a feed item', async () => {
    await storeArticle(database, inputOf(story(1, null), { fetchedAt: FETCHED, feedPublishedAt: '2026-03-01T10:00:00.000Z' }));
    const again = story(1, null, 'Alibaba is hiring engineers and designers');
    await storeArticle(database, inputOf({ ...again, text: story(1, null).text.replace('engineers', 'engineers and designers') }, { fetchedAt: FETCHED }));
    expect((await articleDates())[0]).toMatchObject({ publishedAt: '2026-03-01T10:00:00.000Z', dateSource: 'feed' });
  });

  it('reprocess falls back to the stored feed date, and takes a page date the new cleaner finds', async () => {
    const s = story(1, null);
    await storeArticle(database, inputOf(s, { fetchedAt: FETCHED, feedPublishedAt: '2026-03-01T10:00:00.000Z' }));
    const same: Extractor = { extract: () => extractionOf(s) };
    let pageDate: string | null = null;
    const clean = (_: CleanInput) => ({ ...cleanOf(s), publishedAt: pageDate });
    await reprocessArticles(database, () => same, { clean });
    expect(await articleDates()).toEqual([{ publishedAt: '2026-03-01T10:00:00.000Z', dateSource: 'feed', feedPublishedAt: '2026-03-01T10:00:00.000Z' }]);
    expect(await eventDates()).toEqual([{ occurredAt: '2026-03-01T10:00:00.000Z', dateSource: 'feed' }]);
    pageDate = '2026-02-20T07:00:00Z';
    await reprocessArticles(database, () => same, { clean });
    expect(await articleDates()).toEqual([{ publishedAt: '2026-02-20T07:00:00.000Z', dateSource: 'page', feedPublishedAt: '2026-03-01T10:00:00.000Z' }]);
    expect(await eventDates()).toEqual([{ occurredAt: '2026-02-20T07:00:00.000Z', dateSource: 'page' }]);
  });
});
