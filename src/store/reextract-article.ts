// Re-storing an already stored article after re-cleaning and re-extracting it (radar reprocess): same rules as
// storeArticle, but the article is known by id, its fetched bytes stay as they are, and nothing is refetched.
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { articles } from '../db/schema.ts';
import type { CleanArticle } from '../clean/types.ts';
import type { Extraction } from '../extract/types.ts';
import { NotFoundError } from '../db/queries/not-found.ts';
import { articleDate } from './article-date.ts';
import { LOCK_ARTICLE_URL, LOCK_CONTENT_HASH, contentHash, extractionHash, lockAll } from './keys.ts';
import { DEFAULT_MERGE_WINDOW_DAYS, applyExtraction, countArticleEvents, type StoreResult } from './store-article.ts';

/** Replaces a stored article's clean text (when it changed) and extraction; analyst decisions on events are kept. */
export async function reextractArticle(
  database: { db: Db },
  articleId: number,
  clean: CleanArticle,
  extraction: Extraction,
  opts: { mergeWindowDays?: number } = {},
): Promise<StoreResult> {
  const windowDays = opts.mergeWindowDays ?? DEFAULT_MERGE_WINDOW_DAYS;
  return database.db.transaction(async (tx) => {
    const [stored] = await tx
      .select({
        canonicalUrl: articles.canonicalUrl, contentHash: articles.contentHash, extractionHash: articles.extractionHash, fetchedAt: articles.fetchedAt,
        publishedAt: articles.publishedAt, dateSource: articles.dateSource, feedPublishedAt: articles.feedPublishedAt,
      })
      .from(articles)
      .where(eq(articles.id, articleId));
    if (!stored) throw new NotFoundError('article', articleId);
    const hash = contentHash(clean.text);
    // A page whose date the new cleaner cannot find keeps the page date we had; else the feed item's date applies.
    const pageDate = clean.publishedAt ?? (stored.dateSource === 'page' ? stored.publishedAt : null);
    const date = articleDate(pageDate, stored.feedPublishedAt);
    const exHash = extractionHash({ language: clean.language, ...date }, extraction, windowDays);
    await lockAll(tx, [[LOCK_ARTICLE_URL, stored.canonicalUrl], [LOCK_CONTENT_HASH, hash]]);
    const textChanged = stored.contentHash !== hash;
    if (!textChanged && stored.extractionHash === exHash) {
      return { articleId, status: 'unchanged', events: await countArticleEvents(tx, articleId), newEvents: 0, removedEvents: 0 };
    }
    const now = new Date();
    const textFields = textChanged
      ? { text: clean.text, contentHash: hash, title: clean.title, byline: clean.byline, siteName: clean.siteName, cleanPath: clean.path }
      : {};
    await tx
      .update(articles)
      .set({ ...textFields, ...date, language: clean.language || null, extractedAt: now, extractionHash: exHash, updatedAt: now })
      .where(eq(articles.id, articleId));
    const result = await applyExtraction(tx, { articleId, language: clean.language, date, fetchedAt: stored.fetchedAt, extraction, mergeWindowDays: windowDays });
    return { articleId, status: 'updated', ...result };
  });
}
