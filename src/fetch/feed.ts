// fetchFeed: one conditional GET of a feed, decoded and parsed, or "not modified".
import type { Feed } from '../db/schema.ts';
import type { ParsedFeed } from './feed-types.ts';
import { decodeFeedBytes } from './feed-decode.ts';
import type { FetchConfig } from './fetch-config.ts';
import type { HttpClient } from './http.ts';
import { parseFeed } from './parse-feed.ts';

const FEED_ACCEPT = 'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, application/json;q=0.5, */*;q=0.2';

export type FeedFetch =
  | { kind: 'not-modified'; status: number }
  | { kind: 'fetched'; status: number; finalUrl: string; etag: string | null; lastModified: string | null; charset: string; feed: ParsedFeed };

/** Fetches and parses `feed` with its stored validators; throws the typed errors of src/errors.ts on failure. */
export async function fetchFeed(http: HttpClient, feed: Pick<Feed, 'url' | 'etag' | 'lastModified'>, config: FetchConfig, signal?: AbortSignal): Promise<FeedFetch> {
  const res = await http.get({
    url: feed.url,
    accept: FEED_ACCEPT,
    etag: feed.etag,
    lastModified: feed.lastModified,
    maxBytes: config.limits.maxFeedBytes,
    ...(signal ? { signal } : {}),
  });
  if (res.notModified) return { kind: 'not-modified', status: res.status };
  const decoded = decodeFeedBytes(res.body, res.contentType, res.url, config.limits.maxDecompressedBytes);
  const parsed = await parseFeed(decoded.text, res.url, res.contentType);
  return { kind: 'fetched', status: res.status, finalUrl: res.url, etag: res.etag, lastModified: res.lastModified, charset: decoded.charset, feed: parsed };
}
