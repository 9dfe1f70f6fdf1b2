// The database suite, run on PGlite and (DATABASE_URL set) on PostgreSQL: every table written and read back,
// constraints and uniqueness, cascades, migrating twice, and the bytea round trip of compressed HTML.
import { randomBytes } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  articleUrls, articles, digestSends, entities, eventArticles, events, feeds, mentions, reviewActions, runs, sessions, users,
} from '../../../src/db/schema.ts';
import { ENGINE, openTestDatabase, type TestDatabase } from '../../helpers/db.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.destroy();
});

/** The SQLSTATE of a failed query, found anywhere in the error's cause chain (drizzle wraps driver errors). */
function sqlState(err: unknown): string | undefined {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return undefined;
}

async function expectSqlState(p: Promise<unknown>, code: string): Promise<void> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err, `expected SQLSTATE ${code}`).not.toBeNull();
  expect(sqlState(err)).toBe(code);
}

const UNIQUE = '23505';
const FOREIGN_KEY = '23503';
const BAD_ENUM = '22P02';
const AT = new Date('2026-03-04T05:06:07.000Z');
const html = '<!doctype html><html lang="zh"><meta charset="utf-8"><title>招聘 — Señal</title><p>阿里巴巴在森尼韦尔招聘 200 名工程师。</p></html>';

describe(`database schema on ${ENGINE}`, () => {
  const ids = { feed: 0, article: 0, firm: 0, place: 0, event: 0, user: 0 };

  it('writes and reads back every table', async () => {
    const { db } = database;
    const [feed] = await db.insert(feeds).values({ url: 'https://feeds.example.com/rss', title: 'Example', language: 'zh', tags: ['cn', 'tech'], etag: 'W/"1"', lastModified: 'Tue, 03 Mar 2026 10:00:00 GMT', nextCheckAt: AT, errorCount: 2, lastError: 'timeout' }).returning();
    expect(feed).toMatchObject({ url: 'https://feeds.example.com/rss', tags: ['cn', 'tech'], intervalMinutes: 60, paused: false, nextCheckAt: AT, errorCount: 2 });
    ids.feed = feed!.id;

    const raw = gzipSync(Buffer.from(html));
    const [article] = await db.insert(articles).values({
      canonicalUrl: 'https://news.example.com/a', feedId: feed!.id, guid: 'g-1', title: '招聘', publishedAt: AT, language: 'zh', contentType: 'text/html',
      rawGzip: raw, text: '阿里巴巴在森尼韦尔招聘 200 名工程师。', contentHash: 'h1', cleanPath: 'readability', extractionHash: 'x1',
    }).returning();
    expect(article).toMatchObject({ feedId: feed!.id, publishedAt: AT, text: '阿里巴巴在森尼韦尔招聘 200 名工程师。', extractionHash: 'x1' });
    expect(article!.fetchedAt).toBeInstanceOf(Date);
    ids.article = article!.id;
    await db.insert(articleUrls).values({ url: 'https://m.example.com/a', articleId: article!.id });
    expect(await db.select().from(articleUrls)).toEqual([expect.objectContaining({ url: 'https://m.example.com/a', articleId: article!.id })]);

    const [firm, place] = await db.insert(entities).values([
      { key: 'firm:alibaba', type: 'firm', canonicalName: 'Alibaba', aliases: { zh: ['阿里巴巴'] }, country: 'CN', externalIds: { wikidata: 'Q1359568' } },
      { key: 'loc:sunnyvale', type: 'location', canonicalName: 'Sunnyvale', aliases: { zh: ['森尼韦尔'] } },
    ]).returning();
    expect(firm).toMatchObject({ aliases: { zh: ['阿里巴巴'] }, externalIds: { wikidata: 'Q1359568' }, mergedIntoId: null });
    ids.firm = firm!.id;
    ids.place = place!.id;
    await db.insert(mentions).values([
      { articleId: article!.id, entityId: firm!.id, start: 0, end: 4, surface: '阿里巴巴' },
      { articleId: article!.id, entityId: place!.id, start: 5, end: 9, surface: '森尼韦尔' },
    ]);
    expect((await db.select().from(mentions)).map((m) => [m.start, m.end, m.surface])).toEqual([[0, 4, '阿里巴巴'], [5, 9, '森尼韦尔']]);

    const [user] = await db.insert(users).values({ email: 'ana@example.com', passwordHash: 'scrypt$16384$8$1$salt$hash', role: 'admin', digestOptIn: true }).returning();
    expect(user).toMatchObject({ role: 'admin', digestOptIn: true, disabled: false });
    ids.user = user!.id;
    await db.insert(sessions).values({ id: 'sha256-of-token', userId: user!.id, csrfToken: 'csrf', expiresAt: AT });
    expect(await db.select().from(sessions)).toEqual([expect.objectContaining({ userId: user!.id, expiresAt: AT })]);

    const [event] = await db.insert(events).values({
      fingerprint: 'hiring|firm:alibaba|@2026-03-04', identityKey: 'hiring|firm:alibaba|', type: 'hiring', firmEntityId: firm!.id, firm: 'Alibaba',
      location: 'Sunnyvale', locationEntityId: place!.id, roles: ['engineer'], sourceFirms: [], firms: ['Alibaba'], headcount: 200, planned: true,
      confidence: 0.75, language: 'zh', evidenceArticleId: article!.id, evidenceText: '阿里巴巴在森尼韦尔招聘 200 名工程师', evidenceStart: 0, evidenceEnd: 19, occurredAt: AT,
    }).returning();
    expect(event).toMatchObject({ status: 'pending', edited: false, headcount: 200, planned: true, confidence: 0.75, roles: ['engineer'], occurredAt: AT });
    ids.event = event!.id;
    await db.insert(eventArticles).values({ eventId: event!.id, articleId: article!.id, evidenceText: '招聘', evidenceStart: 11, evidenceEnd: 13, confidence: 0.75, extracted: { firm: 'Alibaba' } });
    expect(await db.select().from(eventArticles)).toEqual([expect.objectContaining({ confidence: 0.75, extracted: { firm: 'Alibaba' } })]);

    await db.insert(reviewActions).values({ userId: user!.id, eventId: event!.id, action: 'approve', before: { status: 'pending' }, after: { status: 'approved' }, note: 'ok' });
    expect(await db.select().from(reviewActions)).toEqual([expect.objectContaining({ action: 'approve', before: { status: 'pending' }, after: { status: 'approved' } })]);

    await db.insert(digestSends).values({ week: '2026-W10', recipient: 'ana@example.com', status: 'sent', attempts: 1, messageId: '<m1@example.com>', sentAt: AT });
    expect(await db.select().from(digestSends)).toEqual([expect.objectContaining({ week: '2026-W10', status: 'sent', sentAt: AT })]);

    const [run] = await db.insert(runs).values({ kind: 'ingest', counts: { feeds: 3, articles: 10 }, errors: [{ at: AT.toISOString(), message: 'boom', url: 'https://x' }] }).returning();
    expect(run).toMatchObject({ status: 'running', counts: { feeds: 3, articles: 10 }, errors: [{ message: 'boom', url: 'https://x' }], endedAt: null });
  });

  it('round-trips gzip-compressed HTML and arbitrary bytes through bytea', async () => {
    const noise = randomBytes(4096);
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    for (const [i, payload] of [gzipSync(Buffer.from(html)), Buffer.concat([all, noise])].entries()) {
      const [row] = await database.db.insert(articles).values({ canonicalUrl: `https://bytes.example.com/${i}`, contentHash: `b${i}`, rawGzip: payload }).returning({ id: articles.id });
      const [back] = await database.db.select({ raw: articles.rawGzip }).from(articles).where(eq(articles.id, row!.id));
      expect(Buffer.isBuffer(back!.raw)).toBe(true);
      expect(back!.raw!.equals(payload)).toBe(true);
      if (i === 0) expect(gunzipSync(back!.raw!).toString('utf8')).toBe(html);
    }
  });

  it('rejects duplicates: feed url, article URL, entity key, fingerprint, mention, digest (week, recipient), user email', async () => {
    const { db } = database;
    await expectSqlState(db.insert(feeds).values({ url: 'https://feeds.example.com/rss' }), UNIQUE);
    await expectSqlState(db.insert(articles).values({ canonicalUrl: 'https://news.example.com/a', contentHash: 'other' }), UNIQUE);
    await expectSqlState(db.insert(articleUrls).values({ url: 'https://m.example.com/a', articleId: ids.article }), UNIQUE);
    await expectSqlState(db.insert(entities).values({ key: 'firm:alibaba', type: 'firm', canonicalName: 'Alibaba 2' }), UNIQUE);
    await expectSqlState(db.insert(events).values({ fingerprint: 'hiring|firm:alibaba|@2026-03-04', type: 'hiring', evidenceText: 'x', evidenceStart: 0, evidenceEnd: 1 }), UNIQUE);
    await expectSqlState(db.insert(mentions).values({ articleId: ids.article, entityId: ids.firm, start: 0, end: 4, surface: 'again' }), UNIQUE);
    await expectSqlState(db.insert(eventArticles).values({ eventId: ids.event, articleId: ids.article, evidenceText: 'x', evidenceStart: 0, evidenceEnd: 1 }), UNIQUE);
    await expectSqlState(db.insert(digestSends).values({ week: '2026-W10', recipient: 'ana@example.com' }), UNIQUE);
    await expectSqlState(db.insert(users).values({ email: 'ana@example.com', passwordHash: 'x' }), UNIQUE);
    // The same span for another entity, or the same recipient another week, is fine.
    await db.insert(mentions).values({ articleId: ids.article, entityId: ids.place, start: 0, end: 4, surface: '阿里巴巴' });
    await db.insert(digestSends).values({ week: '2026-W11', recipient: 'ana@example.com' });
  });

  it('rejects unknown references and values outside the enums', async () => {
    const { db } = database;
    await expectSqlState(db.insert(mentions).values({ articleId: 999_999, entityId: ids.firm, start: 0, end: 1, surface: 'x' }), FOREIGN_KEY);
    await expectSqlState(db.insert(sessions).values({ id: 's2', userId: 999_999, csrfToken: 'c', expiresAt: AT }), FOREIGN_KEY);
    await expectSqlState(db.execute(sql`update events set status = 'maybe' where id = ${ids.event}`), BAD_ENUM);
    await expectSqlState(db.execute(sql`insert into entities (key, type, canonical_name) values ('x:1', 'planet', 'Mars')`), BAD_ENUM);
  });

  it('deleting an article cascades to its URLs, mentions and event links, and unhooks events that cited it', async () => {
    const { db } = database;
    await db.delete(articles).where(eq(articles.id, ids.article));
    expect(await db.select().from(articleUrls).where(eq(articleUrls.articleId, ids.article))).toEqual([]);
    expect(await db.select().from(mentions).where(eq(mentions.articleId, ids.article))).toEqual([]);
    expect(await db.select().from(eventArticles).where(eq(eventArticles.articleId, ids.article))).toEqual([]);
    const [event] = await db.select().from(events).where(eq(events.id, ids.event));
    expect(event).toMatchObject({ evidenceArticleId: null, status: 'pending' });
    // Deleting the user keeps the review history, without the user; sessions go with the user.
    await db.delete(users).where(eq(users.id, ids.user));
    expect(await db.select().from(sessions)).toEqual([]);
    expect((await db.select().from(reviewActions)).map((r) => r.userId)).toEqual([null]);
    // Deleting a feed keeps its articles.
    await db.insert(articles).values({ canonicalUrl: 'https://news.example.com/b', feedId: ids.feed, contentHash: 'h2' });
    await db.delete(feeds).where(eq(feeds.id, ids.feed));
    const [b] = await db.select().from(articles).where(eq(articles.canonicalUrl, 'https://news.example.com/b'));
    expect(b!.feedId).toBeNull();
  });

  it('migrating again is a no-op', async () => {
    const applied = () => database.rows<{ hash: string; created_at: string }>(sql`select hash, created_at from drizzle.__drizzle_migrations order by id`);
    const tables = () => database.rows<{ table_name: string }>(sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`);
    const before = { applied: await applied(), tables: await tables(), feeds: await database.db.select().from(feeds) };
    expect(before.applied.length).toBeGreaterThanOrEqual(2);
    await database.migrate();
    await database.migrate();
    expect({ applied: await applied(), tables: await tables(), feeds: await database.db.select().from(feeds) }).toEqual(before);
  });
});
