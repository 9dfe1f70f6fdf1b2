// "Have we stored this item already?": by any URL the article was reached under (article_urls, both http and https
// forms of the link) or by its feed GUID, so a page is not refetched every cycle unless its feed item says it changed.
// Asked once per feed for all its items (findKnownArticles), never once per item.
import { eq, inArray, sql } from 'drizzle-orm';
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

function guidVariants(guid: string): string[] {
  return /^https:/.test(guid) ? [guid, guid.replace(/^https:/, 'http:')] : [guid];
}

interface KnownArticle {
  id: number;
  fetchedAt: Date;
}

/**
 * The stored articles the items point at, found with ONE query for the whole list (any URL form of the link in
 * article_urls, or the feed GUID): a feed of thousands of items costs one round trip, not two per item.
 * Returns, per item that is known, the article's id and when it was fetched.
 */
export async function findKnownArticles(db: Db, items: readonly FeedItem[]): Promise<Map<FeedItem, KnownArticle>> {
  const urls = [...new Set(items.flatMap((i) => (i.link ? linkVariants(i.link) : [])))];
  const guids = [...new Set(items.flatMap((i) => (i.guid ? guidVariants(i.guid) : [])))];
  const found = new Map<FeedItem, KnownArticle>();
  if (!urls.length && !guids.length) return found;
  const byUrl = db
    .select({ key: articleUrls.url, kind: sql<string>`'url'`, id: articles.id, fetchedAt: articles.fetchedAt })
    .from(articleUrls)
    .innerJoin(articles, eq(articles.id, articleUrls.articleId))
    .where(urls.length ? inArray(articleUrls.url, urls) : sql`false`);
  const byGuid = db
    .select({ key: sql<string>`${articles.guid}`, kind: sql<string>`'guid'`, id: articles.id, fetchedAt: articles.fetchedAt })
    .from(articles)
    .where(guids.length ? inArray(articles.guid, guids) : sql`false`);
  const rows = await byUrl.unionAll(byGuid);
  const urlHits = new Map<string, KnownArticle>();
  const guidHits = new Map<string, KnownArticle>();
  for (const r of rows) {
    const hit = { id: Number(r.id), fetchedAt: r.fetchedAt instanceof Date ? r.fetchedAt : new Date(r.fetchedAt) };
    (r.kind === 'url' ? urlHits : guidHits).set(r.key, hit);
  }
  for (const item of items) {
    const hit = (item.link ? linkVariants(item.link).map((u) => urlHits.get(u)).find(Boolean) : undefined)
      ?? (item.guid ? guidVariants(item.guid).map((g) => guidHits.get(g)).find(Boolean) : undefined);
    if (hit) found.set(item, hit);
  }
  return found;
}

/** True when the item must be (re)fetched: unknown, or its feed says it was updated after we fetched it. */
export function needsFetch(item: FeedItem, known: KnownArticle | undefined): boolean {
  if (!known) return true;
  const updated = item.updatedAt ? Date.parse(item.updatedAt) : NaN;
  return !Number.isNaN(updated) && updated > known.fetchedAt.getTime();
}
