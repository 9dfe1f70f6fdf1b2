// Article queries other stages reuse: lookup by any URL an article was reached under, the stored fetched bytes for
// re-extraction, and the id-ordered batches `radar reprocess` walks through.
import { gunzipSync } from 'node:zlib';
import { and, asc, count, eq, getTableColumns, gt, gte, lte, max, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { articles, articleUrls, type Article } from '../schema.ts';
import { cleanUrl } from '../../clean/canonical-url.ts';

// The stored bytes are read as base64 text: PGlite parses a bytea result byte by byte in JavaScript (10 ms for
// 50 KB), base64 text it hands over as it is. Node's base64 decoder skips the line breaks encode() puts in.
const rawGzipBase64 = sql<string | null>`encode(${articles.rawGzip}, 'base64')`;
const fromBase64 = (b64: string | null): Buffer | null => (b64 === null ? null : Buffer.from(b64, 'base64'));

/** The article stored under `url` (canonical or any URL it was reached under, tracking parameters ignored), or null. */
export async function findArticleIdByUrl(db: Db, url: string): Promise<number | null> {
  const urls = [...new Set([url, cleanUrl(url) ?? url])];
  for (const u of urls) {
    const [hit] = await db
      .select({ id: articles.id })
      .from(articles)
      .where(or(eq(articles.canonicalUrl, u), sql`${articles.id} in (select ${articleUrls.articleId} from ${articleUrls} where ${articleUrls.url} = ${u})`))
      .limit(1);
    if (hit) return hit.id;
  }
  return null;
}

/** One article without its raw bytes, or null. */
export async function getArticle(db: Db, id: number): Promise<Omit<Article, 'rawGzip'> | null> {
  const { rawGzip: _raw, ...cols } = getTableColumns(articles);
  const [row] = await db.select(cols).from(articles).where(eq(articles.id, id));
  return row ?? null;
}

/** The fetched bytes of an article (decompressed) with what re-cleaning needs, or null when the article has none. */
export async function getArticleRaw(db: Db, id: number): Promise<{ body: Buffer; contentType: string | null; url: string } | null> {
  const [row] = await db
    .select({ raw: rawGzipBase64, contentType: articles.contentType, url: articles.canonicalUrl })
    .from(articles)
    .where(eq(articles.id, id));
  const raw = fromBase64(row?.raw ?? null);
  if (!row || !raw) return null;
  return { body: gunzipSync(raw), contentType: row.contentType, url: row.url };
}

export interface ReprocessFilter {
  /** Only articles published (or, undated, fetched) on or after this instant. */
  since?: Date | null;
  /** Only ids above this (the resume cursor). */
  afterId?: number;
  /** Only ids up to this (the run's snapshot: articles stored later were extracted with the current rules anyway). */
  upToId?: number;
}

function reprocessWhere(f: ReprocessFilter): SQL | undefined {
  const conds: SQL[] = [];
  if (f.since) conds.push(gte(sql`coalesce(${articles.publishedAt}, ${articles.fetchedAt})`, sql`${f.since.toISOString()}::timestamptz`));
  if (f.afterId !== undefined) conds.push(gt(articles.id, f.afterId));
  if (f.upToId !== undefined) conds.push(lte(articles.id, f.upToId));
  return conds.length ? and(...conds) : undefined;
}

/** How many articles a reprocess with this filter has to go through, and the highest id among them. */
export async function countArticlesForReprocess(db: Db, f: ReprocessFilter): Promise<{ total: number; maxId: number }> {
  const [row] = await db.select({ n: count(), maxId: max(articles.id) }).from(articles).where(reprocessWhere(f));
  return { total: Number(row?.n ?? 0), maxId: Number(row?.maxId ?? 0) };
}

/** The next batch for reprocess in id order, with the stored bytes (still compressed) and the stored text fields. */
export async function nextArticlesForReprocess(db: Db, f: ReprocessFilter, limit: number) {
  const rows = await db
    .select({
      id: articles.id, canonicalUrl: articles.canonicalUrl, contentType: articles.contentType, rawGzip: rawGzipBase64,
      title: articles.title, byline: articles.byline, siteName: articles.siteName, language: articles.language,
      publishedAt: articles.publishedAt, dateSource: articles.dateSource, text: articles.text, cleanPath: articles.cleanPath,
    })
    .from(articles)
    .where(reprocessWhere(f))
    .orderBy(asc(articles.id))
    .limit(limit);
  return rows.map((r) => ({ ...r, rawGzip: fromBase64(r.rawGzip) }));
}

export type ReprocessArticle = Awaited<ReturnType<typeof nextArticlesForReprocess>>[number];
