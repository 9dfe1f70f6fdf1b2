// Storing one fetched, cleaned and extracted article in one transaction: the article found again by any URL it was
// reached under or by its text, its raw bytes gzip-compressed for re-extraction, entities, mentions and events
// written so that storing the same input twice changes nothing and a failure part-way leaves nothing behind.
import { promisify } from 'node:util';
import { gzip as gzipCb } from 'node:zlib';
import { asc, count, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { articles, articleUrls, eventArticles } from '../db/schema.ts';
import type { CleanArticle } from '../clean/types.ts';
import type { Extraction } from '../extract/types.ts';
import {
  LOCK_ARTICLE_URL, LOCK_CONTENT_HASH, MIN_TEXT_FOR_HASH_DEDUP, canonicalArticleUrl, contentHash, extractionHash, knownUrls, lockAll, parseDate,
} from './keys.ts';
import { articleDate, type ArticleDate } from './article-date.ts';
import { syncMentions, upsertEntities } from './write-entities.ts';
import { attachEvents, toReports } from './write-events.ts';

const gzip = promisify(gzipCb);

/** Default merge window: reports of one event published up to this many days apart are one event. */
export const DEFAULT_MERGE_WINDOW_DAYS = 14;

export interface StoreInput {
  url: string;
  finalUrl: string;
  feedId: number | null;
  guid: string | null;
  contentType: string | null;
  rawBody: Uint8Array;
  clean: CleanArticle;
  extraction: Extraction;
  fetchedAt?: Date;
  /** The feed item's date (ISO), the fallback when the page has none. */
  feedPublishedAt?: string | null;
  mergeWindowDays?: number;
}

export interface StoreResult {
  articleId: number;
  status: 'new' | 'updated' | 'unchanged';
  /** Events the article supports after the write. */
  events: number;
  /** Events this write opened. */
  newEvents: number;
  /** Pending events deleted because the article was their last report and no longer reports them. */
  removedEvents: number;
}

/** What applyExtraction needs about the article. */
export interface ApplyContext {
  articleId: number;
  language: string;
  /** The article's publication date and its source (page, feed or undated). */
  date: ArticleDate;
  fetchedAt: Date;
  extraction: Extraction;
  mergeWindowDays: number;
  /** The article row was inserted in this transaction (no mentions or links to compare with). */
  fresh?: boolean;
}

/** Writes entities, mentions and event links of one stored article (inside the caller's transaction). */
export async function applyExtraction(tx: Db, ctx: ApplyContext): Promise<{ events: number; newEvents: number; removedEvents: number }> {
  const language = ctx.language || 'und';
  const resolved = await upsertEntities(tx, ctx.extraction.entities, language);
  await syncMentions(tx, ctx.articleId, ctx.extraction.entities, resolved, ctx.fresh);
  const reports = toReports(ctx.extraction.events, ctx.extraction.entities, resolved);
  return attachEvents(tx, {
    articleId: ctx.articleId,
    // Undated articles are placed at their fetch time for the merge window only; their events stay undated.
    date: ctx.date.publishedAt ?? ctx.fetchedAt,
    published: ctx.date,
    language: ctx.language || null,
    mergeWindowDays: ctx.mergeWindowDays,
    fresh: ctx.fresh,
  }, reports);
}

/** Number of events an article supports. */
export async function countArticleEvents(tx: Db, articleId: number): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(eventArticles).where(eq(eventArticles.articleId, articleId));
  return Number(row?.n ?? 0);
}

interface Found {
  id: number;
  contentHash: string;
  extractionHash: string | null;
  fetchedAt: Date;
  feedPublishedAt: Date | null;
  byUrl: boolean;
}

async function findArticle(tx: Db, urls: string[], hash: string, textLength: number): Promise<Found | null> {
  const cols = { id: articles.id, contentHash: articles.contentHash, extractionHash: articles.extractionHash, fetchedAt: articles.fetchedAt, feedPublishedAt: articles.feedPublishedAt };
  const [byUrl] = await tx
    .select(cols)
    .from(articles)
    .where(or(inArray(articles.canonicalUrl, urls), inArray(articles.id, tx.select({ id: articleUrls.articleId }).from(articleUrls).where(inArray(articleUrls.url, urls)))))
    // The canonical URL's own article first, then the oldest.
    .orderBy(sql`${articles.canonicalUrl} = ${urls[0]!} desc`, asc(articles.id))
    .limit(1);
  if (byUrl) return { ...byUrl, byUrl: true };
  if (textLength < MIN_TEXT_FOR_HASH_DEDUP) return null;
  const [byHash] = await tx.select(cols).from(articles).where(eq(articles.contentHash, hash)).orderBy(asc(articles.id)).limit(1);
  return byHash ? { ...byHash, byUrl: false } : null;
}

/**
 * Stores one article with its extraction in one transaction and reports whether it was new, updated (its text or
 * what was extracted from it changed) or unchanged (the same input again, or the same text under another URL, which
 * is recorded and not duplicated).
 */
export async function storeArticle(database: { db: Db }, input: StoreInput): Promise<StoreResult> {
  const { clean, extraction } = input;
  const windowDays = input.mergeWindowDays ?? DEFAULT_MERGE_WINDOW_DAYS;
  const fetchedAt = input.fetchedAt ?? new Date();
  const canonical = canonicalArticleUrl(clean.canonicalUrl, input.finalUrl);
  const urls = knownUrls(canonical, input.finalUrl, input.url);
  const hash = contentHash(clean.text);
  const rawGzip = await gzip(input.rawBody);
  const feedDate = parseDate(input.feedPublishedAt);

  return database.db.transaction(async (tx) => {
    await lockAll(tx, [[LOCK_ARTICLE_URL, canonical], [LOCK_CONTENT_HASH, hash]]);
    const found = await findArticle(tx, urls, hash, clean.text.length);
    // A store without a feed item (radar extract, a page reached again by another URL) keeps the feed date we had.
    const feedPublishedAt = feedDate ?? found?.feedPublishedAt ?? null;
    const date = articleDate(clean.publishedAt, feedPublishedAt);
    const exHash = extractionHash({ language: clean.language, ...date }, extraction, windowDays);
    const fields = {
      title: clean.title, byline: clean.byline, siteName: clean.siteName, ...date, feedPublishedAt,
      language: clean.language || null, contentType: input.contentType, rawGzip, text: clean.text, contentHash: hash, cleanPath: clean.path,
    };
    let articleId: number;
    let status: StoreResult['status'];
    // The date undated articles are placed at for the merge window: the fetch time stored on the row.
    let storedFetchedAt = fetchedAt;
    if (!found) {
      const [row] = await tx
        .insert(articles)
        .values({ canonicalUrl: canonical, feedId: input.feedId, guid: input.guid, ...fields, fetchedAt, updatedAt: fetchedAt, extractedAt: new Date(), extractionHash: exHash })
        .returning({ id: articles.id });
      articleId = row!.id;
      status = 'new';
    } else {
      articleId = found.id;
      const textChanged = found.byUrl && found.contentHash !== hash;
      const extractionChanged = found.byUrl && found.extractionHash !== exHash;
      if (!textChanged && !extractionChanged) {
        await recordUrls(tx, urls, articleId);
        return { articleId, status: 'unchanged', events: await countArticleEvents(tx, articleId), newEvents: 0, removedEvents: 0 };
      }
      const now = new Date();
      const patch = textChanged ? { ...fields, fetchedAt, updatedAt: now } : { ...date, feedPublishedAt, language: fields.language };
      if (!textChanged) storedFetchedAt = found.fetchedAt;
      await tx.update(articles).set({ ...patch, extractedAt: now, extractionHash: exHash, ...(input.feedId !== null ? { feedId: input.feedId } : {}) }).where(eq(articles.id, articleId));
      status = 'updated';
    }
    await recordUrls(tx, urls, articleId);
    const result = await applyExtraction(tx, { articleId, language: clean.language, date, fetchedAt: storedFetchedAt, extraction, mergeWindowDays: windowDays, fresh: status === 'new' });
    return { articleId, status, ...result };
  });
}

/** Remembers every URL the article was reached under; a URL already pointing at another article keeps its owner. */
async function recordUrls(tx: Db, urls: string[], articleId: number): Promise<void> {
  await tx.insert(articleUrls).values(urls.map((url) => ({ url, articleId }))).onConflictDoNothing();
}
