// JSON Feed 1.0/1.1 (jsonfeed.org), which rss-parser does not read.
import { z } from 'zod';
import type { ParsedFeed } from './feed-types.ts';
import { isoDate, normalizeGuid, resolveLink } from './feed-urls.ts';

const str = z.string().nullish().catch(null);
const jsonFeedSchema = z.object({
  version: z.string().optional(),
  title: str,
  home_page_url: str,
  feed_url: str,
  language: str,
  items: z.array(z.object({
    id: z.union([z.string(), z.number()]).nullish().catch(null),
    url: str,
    external_url: str,
    title: str,
    summary: str,
    content_text: str,
    content_html: str,
    date_published: str,
    date_modified: str,
    language: str,
  }).passthrough()).default([]),
}).passthrough();

/** True when `text` looks like a JSON document rather than XML or HTML. */
export function looksLikeJson(text: string): boolean {
  return /^\s*[{[]/.test(text);
}

/** Parses a JSON Feed; throws an Error naming the problem when it is not one. */
export function parseJsonFeed(text: string, feedUrl: string): ParsedFeed {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new Error(`invalid JSON: ${(err as Error).message}`, { cause: err });
  }
  const parsed = jsonFeedSchema.safeParse(data);
  if (!parsed.success) throw new Error(`not a JSON Feed: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
  const feed = parsed.data;
  if (!feed.version?.includes('jsonfeed.org') && !Array.isArray((data as { items?: unknown }).items)) throw new Error('not a JSON Feed: no version and no items');
  const base = resolveLink(feed.feed_url, feedUrl) ?? feedUrl;
  return {
    format: 'json',
    parser: 'json',
    title: feed.title ?? null,
    siteUrl: resolveLink(feed.home_page_url, base),
    language: feed.language ?? null,
    items: feed.items.map((item) => {
      const summary = item.summary ?? item.content_text ?? item.content_html ?? null;
      return {
        guid: normalizeGuid(item.id == null ? null : String(item.id)),
        link: resolveLink(item.url ?? item.external_url, base),
        title: item.title ?? null,
        publishedAt: isoDate(item.date_published),
        updatedAt: isoDate(item.date_modified),
        summary: summary ? summary.slice(0, 2000) : null,
      };
    }),
  };
}
