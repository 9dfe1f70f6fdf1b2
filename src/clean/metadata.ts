// Page metadata read before Readability mutates the DOM: JSON-LD, OpenGraph and other <meta>, <link rel=canonical>,
// <time>, the declared language, and dates from the URL. Every date is kept as a candidate with its source.
import { cleanUrl } from './canonical-url.ts';
import { dateFromUrl, parseDate } from './dates.ts';
import type { DateCandidate } from './types.ts';

export interface PageMetadata {
  title: string | null;
  byline: string | null;
  siteName: string | null;
  canonicalUrl: string | null;
  declaredLanguage: string | null;
  dateCandidates: DateCandidate[];
}

type JsonObject = Record<string, unknown>;

const ARTICLE_TYPES = /Article|BlogPosting|NewsArticle|Report|WebPage|Posting|LiveBlog|Review|Recipe|CreativeWork/i;
const META_DATE_NAMES = [
  'article:published_time', 'og:published_time', 'article:published', 'published_time', 'pubdate', 'publishdate',
  'publish-date', 'publish_date', 'date', 'dc.date', 'dc.date.issued', 'dc.date.created', 'dcterms.date', 'dcterms.created',
  'dcterms.issued', 'parsely-pub-date', 'sailthru.date', 'citation_publication_date', 'citation_date', 'article.published',
  'article_date_original', 'original-publish-date', 'datepublished', 'datecreated', 'release_date', 'cxenseparse:recs:publishtime',
  'article:modified_time', 'og:updated_time', 'article:modified', 'dateModified', 'last-modified', 'dcterms.modified', 'datemodified',
];
const META_DATE_SET = new Set(META_DATE_NAMES.map((n) => n.toLowerCase()));

function flattenJsonLd(value: unknown, out: JsonObject[]): void {
  if (Array.isArray(value)) for (const v of value) flattenJsonLd(v, out);
  else if (value && typeof value === 'object') {
    const obj = value as JsonObject;
    out.push(obj);
    if (obj['@graph']) flattenJsonLd(obj['@graph'], out);
  }
}

/** Parses JSON-LD blocks leniently (sites leave trailing commas and raw newlines); unreadable blocks are skipped. */
export function parseJsonLd(blocks: string[]): JsonObject[] {
  const out: JsonObject[] = [];
  for (const raw of blocks) {
    const text = raw.trim().replace(/^<!\[CDATA\[|\]\]>$/g, '');
    for (const attempt of [text, text.replace(/[\n\r\t]+/g, ' ').replace(/,\s*([}\]])/g, '$1')]) {
      try {
        flattenJsonLd(JSON.parse(attempt), out);
        break;
      } catch {
        // try the repaired form, then give up on this block
      }
    }
  }
  return out;
}

function typeOf(obj: JsonObject): string {
  const t = obj['@type'];
  return Array.isArray(t) ? t.join(' ') : typeof t === 'string' ? t : '';
}

function names(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(names);
  if (value && typeof value === 'object') {
    const n = (value as JsonObject).name;
    return typeof n === 'string' ? [n] : [];
  }
  return [];
}

function clean(s: string | null | undefined): string | null {
  const t = s?.replace(/\s+/g, ' ').trim();
  return t ? t : null;
}

/** Reads every <meta> into a lower-cased name -> first content map (name, property, itemprop and http-equiv keys). */
function metaMap(doc: Document): Map<string, string> {
  const map = new Map<string, string>();
  for (const el of doc.querySelectorAll('meta')) {
    const content = el.getAttribute('content');
    if (content == null) continue;
    for (const attr of ['property', 'name', 'itemprop', 'http-equiv']) {
      for (const key of (el.getAttribute(attr) ?? '').toLowerCase().split(/\s+/)) {
        if (key && !map.has(key)) map.set(key, content);
      }
    }
  }
  return map;
}

function jsonLdDates(items: JsonObject[], out: DateCandidate[]): void {
  for (const obj of items) {
    if (!ARTICLE_TYPES.test(typeOf(obj))) continue;
    for (const key of ['datePublished', 'dateCreated', 'uploadDate', 'dateModified']) {
      const value = parseDate(typeof obj[key] === 'string' ? (obj[key] as string) : null);
      if (value) out.push({ value, source: `json-ld:${key}` });
    }
  }
}

function markupDates(doc: Document, meta: Map<string, string>, url: string | null, out: DateCandidate[]): void {
  for (const [key, content] of meta) {
    if (!META_DATE_SET.has(key)) continue;
    const value = parseDate(content);
    if (value) out.push({ value, source: `meta:${key}` });
  }
  for (const el of doc.querySelectorAll('[itemprop~="datePublished"], [itemprop~="dateModified"], [itemprop~="dateCreated"]')) {
    if (el.tagName === 'META') continue;
    const value = parseDate(el.getAttribute('datetime') ?? el.getAttribute('content') ?? el.textContent);
    if (value) out.push({ value, source: `itemprop:${el.getAttribute('itemprop')}` });
  }
  // The first <time> in the document is usually the article's; one marked pubdate says so explicitly.
  const times = [...doc.querySelectorAll('time')].slice(0, 5);
  const marked = times.find((t) => t.hasAttribute('pubdate') || /publish|posted|entry-date/i.test(t.className));
  for (const t of marked ? [marked] : times.slice(0, 1)) {
    const value = parseDate(t.getAttribute('datetime') ?? t.textContent);
    if (value) out.push({ value, source: marked ? 'time:pubdate' : 'time' });
  }
  // Themes without <time> still mark the date line with a class ("entry-date", "post-date", "article__date").
  const dated = [...doc.querySelectorAll('[class*="date" i], [class*="publish" i], [class*="posted" i]')].slice(0, 20);
  for (const el of dated) {
    const text = el.textContent ?? '';
    if (text.length > 80) continue;
    const value = parseDate(el.getAttribute('datetime') ?? el.getAttribute('content') ?? text.replace(/^\D*?(?=\d|\p{L}+\.?\s+\d)/u, ''));
    if (value) {
      out.push({ value, source: /publish|posted/i.test(el.className) ? 'markup:published-class' : 'markup:date-class' });
      break;
    }
  }
  const fromUrl = dateFromUrl(url);
  if (fromUrl) out.push({ value: fromUrl, source: 'url' });
}

function firstString(items: JsonObject[], key: string): string | null {
  for (const obj of items) if (ARTICLE_TYPES.test(typeOf(obj)) && typeof obj[key] === 'string') return clean(obj[key] as string);
  return null;
}

const TITLE_SEPARATOR = /\s+[|\-–—«»·•:]{1,2}\s+/;

/** Drops a site-name part from "Story | Site" or "Site » Story" titles: the part naming the site or its domain. */
export function stripSiteName(title: string | null, siteName: string | null, url: string | null): string | null {
  if (!title || !TITLE_SEPARATOR.test(title)) return title;
  const key = (s: string) => s.toLowerCase().replace(/^www\./, '').replace(/[^\p{L}\p{N}]+/gu, '');
  let host = '';
  try {
    host = url ? key(new URL(url).hostname.replace(/\.[a-z]+$/, '')) : '';
  } catch {
    host = '';
  }
  const site = siteName ? key(siteName) : '';
  const parts = title.split(TITLE_SEPARATOR);
  const kept = parts.filter((p) => {
    const k = key(p);
    return !(k && ((site && (k === site || site.includes(k) || k.includes(site))) || (host && (k === host || k.includes(host)))));
  });
  if (kept.length === parts.length || !kept.length) return title;
  return kept.join(' - ');
}

/** Extracts title, byline, site name, canonical URL, declared language and dated candidates from a parsed page. */
export function readMetadata(doc: Document, jsonLdBlocks: string[], url: string | null): PageMetadata {
  const meta = metaMap(doc);
  const ld = parseJsonLd(jsonLdBlocks);
  const canonicalHref = doc.querySelector('link[rel~="canonical" i]')?.getAttribute('href') ?? meta.get('og:url') ?? null;
  const canonicalUrl = cleanUrl(canonicalHref, url) ?? (url && /^https?:/i.test(url) ? cleanUrl(url) : null);
  const dateCandidates: DateCandidate[] = [];
  jsonLdDates(ld, dateCandidates);
  markupDates(doc, meta, canonicalUrl ?? url, dateCandidates);

  const ldAuthor = ld.filter((o) => ARTICLE_TYPES.test(typeOf(o))).flatMap((o) => names(o.author));
  const byline = clean(ldAuthor.length ? [...new Set(ldAuthor)].join(', ') : null) ??
    clean(meta.get('author')) ?? clean(meta.get('article:author')?.startsWith('http') ? null : meta.get('article:author')) ??
    clean(meta.get('dc.creator')) ?? clean(meta.get('parsely-author')) ?? clean(meta.get('sailthru.author')) ??
    clean(doc.querySelector('[rel~="author"], [itemprop~="author"] [itemprop~="name"], [itemprop~="author"]')?.textContent);

  const publisher = ld.map((o) => o.publisher).find((p) => names(p).length);
  const siteName = clean(meta.get('og:site_name')) ?? clean(names(publisher)[0]) ?? clean(meta.get('application-name'));
  const title = stripSiteName(
    clean(meta.get('og:title')) ?? firstString(ld, 'headline') ?? clean(meta.get('twitter:title')) ?? clean(meta.get('dc.title')) ?? clean(doc.title),
    clean(meta.get('og:site_name')) ?? clean(names(publisher)[0]),
    canonicalUrl ?? url,
  );

  const lang = doc.documentElement.getAttribute('lang') ?? doc.documentElement.getAttribute('xml:lang') ??
    meta.get('content-language') ?? meta.get('og:locale') ?? meta.get('language') ?? null;
  const declaredLanguage = lang ? (lang.trim().toLowerCase().split(/[-_,;\s]/)[0] || null) : null;

  return {
    title,
    byline: byline && byline.length <= 200 ? byline : null,
    siteName,
    canonicalUrl,
    declaredLanguage: declaredLanguage && /^[a-z]{2,3}$/.test(declaredLanguage) ? declaredLanguage : null,
    dateCandidates,
  };
}
