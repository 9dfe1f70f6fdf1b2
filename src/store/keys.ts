// The keys the store deduplicates on: the canonical URL (with every other URL an article was reached under), the
// hash of its normalised text, and the hash of what was extracted from it; plus the advisory-lock ids that keep two
// writers of the same article or event from racing.
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { cleanUrl } from '../clean/canonical-url.ts';
import type { CleanArticle } from '../clean/types.ts';
import type { Extraction } from '../extract/types.ts';

/** Below this many characters of text, equal hashes mean "both pages are empty or a paywall stub", not "same article". */
export const MIN_TEXT_FOR_HASH_DEDUP = 200;

/** Advisory-lock namespaces (first key of pg_advisory_xact_lock(int, int)). */
export const LOCK_ARTICLE_URL = 7261;
export const LOCK_CONTENT_HASH = 7262;
export const LOCK_EVENT_IDENTITY = 7263;

function isSiteRoot(url: string): boolean {
  const u = new URL(url);
  return (u.pathname === '/' || u.pathname === '') && !u.search;
}

/**
 * The key an article is stored under: the page's declared canonical URL, else the final URL, without tracking
 * parameters or fragment. A canonical pointing at the site's home page (a common CMS mistake) is ignored, or every
 * article of that site would collapse into one.
 */
export function canonicalArticleUrl(declared: string | null, finalUrl: string): string {
  const final = cleanUrl(finalUrl) ?? finalUrl;
  const canonical = cleanUrl(declared, finalUrl);
  if (!canonical) return final;
  if (isSiteRoot(canonical) && !(cleanUrl(finalUrl) && isSiteRoot(final))) return final;
  return canonical;
}

/** Every distinct URL the article is known under (canonical first), cleaned and as given. */
export function knownUrls(canonical: string, ...urls: Array<string | null | undefined>): string[] {
  const out = new Set<string>([canonical]);
  for (const u of urls) {
    if (!u) continue;
    out.add(u);
    const c = cleanUrl(u);
    if (c) out.add(c);
  }
  return [...out];
}

/** Whitespace-insensitive sha256 of the clean text: equal for the same story served with different line breaks. */
export function contentHash(text: string): string {
  const normalised = text.normalize('NFC').replace(/\s+/gu, ' ').trim();
  return createHash('sha256').update(normalised).digest('hex');
}

/** sha256 over what the store derives rows from (language, date and its source, extraction): equal means nothing to rewrite. */
export function extractionHash(
  article: Pick<CleanArticle, 'language'> & { publishedAt: Date | null; dateSource: string },
  extraction: Extraction,
  mergeWindowDays: number,
): string {
  const publishedAt = article.publishedAt?.toISOString() ?? null;
  const payload = JSON.stringify({ v: 2, language: article.language, publishedAt, dateSource: article.dateSource, mergeWindowDays, extraction });
  return createHash('sha256').update(payload).digest('hex');
}

/** A signed 32-bit id for a string, the second key of pg_advisory_xact_lock(int, int). */
export function lockId(value: string): number {
  return createHash('sha1').update(value).digest().readInt32BE(0);
}

/**
 * Takes transaction-scoped advisory locks in one global order (namespace, then id) so that writers that need
 * several never deadlock each other. Released at commit or rollback.
 */
export async function lockAll(tx: Db, locks: Array<[namespace: number, key: string]>): Promise<void> {
  const ids = [...new Map(locks.map(([ns, key]) => [`${ns}:${lockId(key)}`, [ns, lockId(key)] as const])).values()];
  if (!ids.length) return;
  ids.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  // One round trip: the sorted subquery (kept apart by OFFSET 0) fixes the order the locks are taken in.
  const namespaces = `{${ids.map((i) => i[0]).join(',')}}`;
  const keys = `{${ids.map((i) => i[1]).join(',')}}`;
  await tx.execute(sql`select count(pg_advisory_xact_lock(ns, k)) from (
    select ns, k from unnest(${namespaces}::int[], ${keys}::int[]) as l(ns, k) order by ns, k offset 0) s`);
}

/** Parses an ISO date; null for missing or unparseable values. */
export function parseDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}
