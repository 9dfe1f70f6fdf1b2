// storeArticle on a real database (PGlite, or Postgres when DATABASE_URL is set): idempotence, URL and text dedup,
// updates, atomicity, entity aliases and merges.
import { asc, eq } from 'drizzle-orm';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { articles, articleUrls, entities, events, mentions } from '../../../src/db/schema.ts';
import { mergeEntities } from '../../../src/db/queries/entities.ts';
import { storeArticle } from '../../../src/store/store-article.ts';
import { openTestDatabase, type TestDatabase } from '../../helpers/db.ts';
import { ALIBABA, FILLER, SUNNYVALE, inputOf, tableCounts, type ArticleSpec } from './build.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.destroy();
});
beforeEach(async () => {
  await database.rows(
    (await import('drizzle-orm')).sql`truncate articles, article_urls, entities, mentions, events, event_articles, review_actions restart identity cascade`,
  );
});

const hiring: ArticleSpec = {
  url: 'https://news.example.com/2026/03/alibaba-sunnyvale',
  text: `Alibaba is hiring 200 machine learning engineers in Sunnyvale, the company said.${FILLER}`,
  entities: [ALIBABA, SUNNYVALE],
  events: [{ type: 'hiring', firm: 'Alibaba', location: 'Sunnyvale', headcount: 200, roles: ['machine learning engineer'], evidence: 'Alibaba is hiring 200 machine learning engineers in Sunnyvale', confidence: 0.9 }],
};

describe('storeArticle', () => {
  it('stores an article with its raw bytes, entities, mentions and event', async () => {
    const input = inputOf(hiring);
    const r = await storeArticle(database, input);
    expect(r).toMatchObject({ status: 'new', events: 1, newEvents: 1 });
    const [a] = await database.db.select().from(articles);
    expect(a!.canonicalUrl).toBe(hiring.url);
    expect(gunzipSync(a!.rawGzip!).equals(Buffer.from(input.rawBody))).toBe(true);
    expect(await tableCounts(database.db)).toMatchObject({ articles: 1, entities: 2, mentions: 2, events: 1, eventArticles: 1 });
    const [ev] = await database.db.select().from(events);
    expect(ev).toMatchObject({ type: 'hiring', firm: 'Alibaba', location: 'Sunnyvale', headcount: 200, status: 'pending', evidenceArticleId: r.articleId });
    expect(hiring.text.slice(ev!.evidenceStart, ev!.evidenceEnd)).toBe(ev!.evidenceText);
  });

  it('is idempotent: the same input twice changes no row', async () => {
    const first = await storeArticle(database, inputOf(hiring));
    const snapshot = async () => ({
      counts: await tableCounts(database.db),
      articles: await database.db.select().from(articles),
      events: await database.db.select().from(events),
      entities: await database.db.select().from(entities).orderBy(asc(entities.id)),
      mentions: await database.db.select().from(mentions).orderBy(asc(mentions.id)),
    });
    const before = await snapshot();
    const second = await storeArticle(database, inputOf(hiring));
    expect(second).toEqual({ articleId: first.articleId, status: 'unchanged', events: 1, newEvents: 0, removedEvents: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it('finds the article again under another URL, with tracking parameters, or by its declared canonical URL', async () => {
    const first = await storeArticle(database, inputOf({ ...hiring, canonicalUrl: hiring.url }, { url: 'https://feeds.example.com/r/123', finalUrl: `${hiring.url}?utm_source=rss#top` }));
    const again = await storeArticle(database, inputOf(hiring, { url: 'https://feeds.example.com/r/123', finalUrl: 'https://m.example.com/alibaba' }));
    expect(again.articleId).toBe(first.articleId);
    const mirror = await storeArticle(database, inputOf({ ...hiring, url: 'https://mirror.example.org/copy-of-story' }));
    expect(mirror).toMatchObject({ articleId: first.articleId, status: 'unchanged' });
    expect((await tableCounts(database.db)).articles).toBe(1);
    const urls = (await database.db.select().from(articleUrls)).map((u) => u.url).sort();
    expect(urls).toEqual(expect.arrayContaining([hiring.url, 'https://feeds.example.com/r/123', 'https://m.example.com/alibaba', 'https://mirror.example.org/copy-of-story']));
  });

  it('ignores a canonical URL that points at the site home page', async () => {
    const a = await storeArticle(database, inputOf({ ...hiring, canonicalUrl: 'https://news.example.com/' }));
    const b = await storeArticle(database, inputOf({ ...hiring, url: 'https://news.example.com/other', text: `Different story entirely.${FILLER}`, events: [], canonicalUrl: 'https://news.example.com/' }));
    expect(b.articleId).not.toBe(a.articleId);
    expect((await database.db.select().from(articles)).map((r) => r.canonicalUrl).sort()).toEqual([hiring.url, 'https://news.example.com/other']);
  });

  it('does not merge two short pages (paywall stubs) just because their texts are equal', async () => {
    const stub = { text: 'Subscribe to read.', entities: [], events: [] };
    const a = await storeArticle(database, inputOf({ ...stub, url: 'https://paper.example.com/a' }));
    const b = await storeArticle(database, inputOf({ ...stub, url: 'https://paper.example.com/b' }));
    expect(b.articleId).not.toBe(a.articleId);
  });

  it('updates an article whose text changed instead of duplicating it, replacing its mentions and events', async () => {
    const first = await storeArticle(database, inputOf(hiring));
    const text = `Alibaba will cut 300 jobs at its Sunnyvale lab, the company said.${FILLER}`;
    const updated = await storeArticle(database, inputOf({
      ...hiring, text,
      events: [{ type: 'contraction', firm: 'Alibaba', location: 'Sunnyvale', headcount: 300, evidence: 'Alibaba will cut 300 jobs at its Sunnyvale lab' }],
    }));
    expect(updated).toMatchObject({ articleId: first.articleId, status: 'updated', events: 1, newEvents: 1, removedEvents: 1 });
    const [a] = await database.db.select().from(articles);
    expect(a!.text).toBe(text);
    const evs = await database.db.select().from(events);
    expect(evs.map((e) => e.type)).toEqual(['contraction']);
    const ms = await database.db.select().from(mentions);
    expect(ms.map((m) => text.slice(m.start, m.end)).sort()).toEqual(['Alibaba', 'Sunnyvale']);
  });

  it('keeps an undated article\'s event undated (never its fetch date), also when a later store brings a new extraction', async () => {
    const undated = { ...hiring, publishedAt: null };
    await storeArticle(database, inputOf(undated, { fetchedAt: new Date('2026-03-01T00:00:00Z') }));
    const again = await storeArticle(database, inputOf(undated, { fetchedAt: new Date('2026-03-09T00:00:00Z') }));
    expect(again.status).toBe('unchanged');
    const richer = inputOf({ ...undated, events: [{ ...hiring.events![0]!, confidence: 0.95 }] }, { fetchedAt: new Date('2026-03-10T00:00:00Z') });
    expect((await storeArticle(database, richer)).status).toBe('updated');
    const [ev] = await database.db.select().from(events);
    expect(ev).toMatchObject({ occurredAt: null, dateSource: 'undated', confidence: 0.95 });
    // The merge window still places it at its first fetch (the fingerprint's day), so later reports can join it.
    expect(ev!.fingerprint).toMatch(/@2026-03-01$/);
  });

  it('rolls back everything when a write fails part-way', async () => {
    const bad = inputOf(hiring);
    (bad.extraction.events[0] as { type: string }).type = 'not_an_event_type';
    await expect(storeArticle(database, bad)).rejects.toThrow();
    expect(await tableCounts(database.db)).toEqual({ articles: 0, articleUrls: 0, entities: 0, mentions: 0, events: 0, eventArticles: 0, reviewActions: 0 });
  });

  it('accumulates entity aliases per language', async () => {
    await storeArticle(database, inputOf({ ...hiring, entities: [{ ...ALIBABA, surfaces: ['Alibaba', 'Alibaba Group'] }], text: `Alibaba Group said Alibaba is hiring.${FILLER}`, events: [] }));
    await storeArticle(database, inputOf({ url: 'https://zh.example.com/1', language: 'zh', text: `阿里巴巴正在招聘。${FILLER}`, entities: [{ ...ALIBABA, surfaces: ['阿里巴巴'] }] }));
    const [e] = await database.db.select().from(entities).where(eq(entities.key, 'firm:alibaba'));
    expect(e!.aliases).toEqual({ en: ['Alibaba Group'], zh: ['阿里巴巴'] });
  });

  it('attaches mentions and events of a merged entity to the survivor', async () => {
    const ali = { id: 'new:firm:ali-group', type: 'firm' as const, name: 'Ali Group', surfaces: ['Ali Group'] };
    const first = await storeArticle(database, inputOf(hiring));
    await storeArticle(database, inputOf({ url: 'https://x.example.com/ali', text: `Ali Group opens a lab.${FILLER}`, entities: [ali], events: [] }));
    const rows = await database.db.select().from(entities);
    const loser = rows.find((r) => r.key === ali.id)!;
    const survivor = rows.find((r) => r.key === 'firm:alibaba')!;
    await mergeEntities(database.db, loser.id, survivor.id, null);
    expect((await database.db.select().from(mentions).where(eq(mentions.entityId, loser.id))).length).toBe(0);
    const later = await storeArticle(database, inputOf({
      url: 'https://y.example.com/ali-hiring', text: `Ali Group is hiring engineers in Sunnyvale.${FILLER}`, entities: [ali, SUNNYVALE],
      events: [{ type: 'hiring', firm: 'Ali Group', location: 'Sunnyvale', evidence: 'Ali Group is hiring engineers in Sunnyvale', confidence: 0.7 }],
    }));
    expect(later.newEvents).toBe(0);
    const evs = await database.db.select().from(events);
    expect(evs).toHaveLength(1);
    expect(evs[0]).toMatchObject({ firm: 'Alibaba', firmEntityId: survivor.id, evidenceArticleId: first.articleId });
    const laterMentions = await database.db.select().from(mentions).where(eq(mentions.articleId, later.articleId));
    expect(laterMentions.map((m) => m.entityId)).toContain(survivor.id);
    expect(laterMentions.map((m) => m.entityId)).not.toContain(loser.id);
  });
});
