// URL helpers for feeds: resolving item links, normalising GUIDs, and finding the feeds an HTML page advertises.
import { cheerio } from './cheerio.ts';

/** Resolves `href` against `base` to an absolute http(s) URL, or null. */
export function resolveLink(href: string | null | undefined, base: string | null | undefined): string | null {
  const raw = href?.trim();
  if (!raw) return null;
  try {
    const url = base ? new URL(raw, base) : new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * Normalises a GUID so a feed that moves from http to https (or changes host case) does not re-announce every item:
 * URL-like GUIDs become https with a lower-case host; other GUIDs are kept as written (trimmed).
 */
export function normalizeGuid(raw: string | null | undefined): string | null {
  const guid = raw?.trim();
  if (!guid) return null;
  if (!/^https?:\/\//i.test(guid)) return guid;
  try {
    const url = new URL(guid);
    url.protocol = 'https:';
    if (url.port === '80' || url.port === '443') url.port = '';
    return url.href;
  } catch {
    return guid;
  }
}

/** Feed URLs advertised by an HTML page through <link rel="alternate" type="application/rss+xml|atom+xml|feed+json">. */
export function discoverFeedLinks(html: string, pageUrl: string): string[] {
  const $ = cheerio().load(html);
  const found: string[] = [];
  $('link[rel~="alternate"][href]').each((_i, el) => {
    const type = ($(el).attr('type') ?? '').toLowerCase();
    if (!/application\/(rss|atom|rdf)\+xml|application\/feed\+json|application\/json/.test(type)) return;
    const url = resolveLink($(el).attr('href'), pageUrl);
    if (url && !found.includes(url)) found.push(url);
  });
  return found;
}

/** ISO 8601 from a date string in any format Date.parse reads (RFC 822, ISO, ...); null when unreadable. */
export function isoDate(raw: string | null | undefined): string | null {
  const s = raw?.trim();
  if (!s) return null;
  // RFC 822 dates with a day name in another language or "UT" confuse Date.parse; drop the day name.
  const t = Date.parse(s) || Date.parse(s.replace(/^[^\d,]*,\s*/, '').replace(/\bUT\b/, 'UTC'));
  if (!t || Number.isNaN(t)) return null;
  const d = new Date(t);
  // Date.parse reads "0001" as 2001: a date whose written year is not the year parsed is garbage, not this century.
  const written = /\b(\d{4})\b/.exec(s)?.[1];
  if (written && Number(written) !== d.getUTCFullYear() && Math.abs(Number(written) - d.getUTCFullYear()) > 1) return null;
  // Same plausible years as page dates (src/clean/dates.ts MIN_YEAR): archive items from the 1980s keep their date.
  return d.getUTCFullYear() < 1900 || d.getUTCFullYear() > 2100 ? null : d.toISOString();
}
