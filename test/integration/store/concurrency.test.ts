// Several writers at once (ingest workers on a Postgres server share the pool): reports of one event stored in
// parallel still make one event, and the same article stored in parallel makes one article. On PGlite the single
// connection serialises the writers, which must give the same result.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

function report(n: number): ArticleSpec {
  const sentence = `Alibaba is hiring engineers in Sunnyvale, report ${n} says`;
  return {
    url: `https://c.example.com/${n}`, publishedAt: `2026-03-${String(1 + (n % 9)).padStart(2, '0')}T10:00:00Z`, text: `${sentence}.${FILLER}`,
    entities: [ALIBABA, SUNNYVALE], events: [{ type: 'hiring', firm: 'Alibaba', location: 'Sunnyvale', evidence: sentence, confidence: 0.5 + n / 100 }],
  };
}

describe('parallel writers', () => {
  it('make one event from many reports and one article from many copies', async () => {
    await database.rows(sql`truncate articles, article_urls, entities, mentions, events, event_articles restart identity cascade`);
    // Entities already known (the usual case): nothing but the advisory locks keeps the writers of one event apart.
    await storeArticle(database, inputOf({ ...report(50), events: [] }));
    const reports = Array.from({ length: 12 }, (_, n) => report(n));
    const copies = Array.from({ length: 4 }, () => inputOf(report(99)));
    await Promise.all([...reports.map((r) => storeArticle(database, inputOf(r))), ...copies.map((c) => storeArticle(database, c))]);
    const counts = await tableCounts(database.db);
    expect(counts).toMatchObject({ articles: 14, events: 1, eventArticles: 13, entities: 2 });
  });
});
