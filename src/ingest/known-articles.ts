// "Have we stored this item already?": by any URL the article was reached under (article_urls, both http and https
// forms of the link) or by its feed GUID, so a page is not refetched every cycle unless its feed item says it changed.
import { eq, inArray, or } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { cleanUrl } from '../clean/canonical-url.ts';
import { articles, articleUrls } from '../db/schema.ts';
import type { FeedItem } from '../fetch/feed-types.ts';

/** The URL forms an item's link may have been recorded under. */
export function linkVariants(link: string): string[] {
  const out = new Set<string>([link]);
  const clean = cleanUrl(link);
  for (const u of clean ? [link, clean] : [link]) {
    out.add(u);
    out.add(u.replace(/^http:/i, 'https:'));
    out.add(u.replace(/^https:/i, 'http:'));
  }
  return [...out];
}

/** The stored article this item points at (id and when it was fetched), or null. */
export async function findKnownArticle(db: Db, item: FeedItem): Promise<{ id: number; fetchedAt: Date } | null> {
  const urls = item.link ? linkVariants(item.link) : [];
  if (urls.length) {
    const [hit] = await db
      .select({ id: articles.id, fetchedAt: articles.fetchedAt })
      .from(articleUrls)
      .innerJoin(articles, eq(articles.id, articleUrls.articleId))
      .where(inArray(articleUrls.url, urls))
      .limit(1);
    if (hit) return hit;
  }
  if (item.guid) {
    const guids = /^https:/.test(item.guid) ? [item.guid, item.guid.replace(/^https:/, 'http:')] : [item.guid];
    const [hit] = await db
      .select({ id: articles.id, fetchedAt: articles.fetchedAt })
      .from(articles)
      .where(or(...guids.map((g) => eq(articles.guid, g))))
      .limit(1);
    if (hit) return hit;
  }
  return null;
}

/** True when the item must be (re)fetched: unknown, or its feed says it was updated after we fetched it. */
export async function needsFetch(db: Db, item: FeedItem): Promise<boolean> {
  const known = await findKnownArticle(db, item);
  if (!known) return true;
  const updated = item.updatedAt ? Date.parse(item.updatedAt) : NaN;
  return !Number.isNaN(updated) && updated > known.fetchedAt.getTime();
}
