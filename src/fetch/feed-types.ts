// The normalised shape every feed format (RSS 0.9x/1.0/2.0, Atom, JSON Feed) is turned into.

export type FeedFormat = 'rss' | 'rdf' | 'atom' | 'json';

export interface FeedItem {
  /** The item's GUID / Atom id / JSON Feed id, normalised (URL-like ids: https, lower-case host); null when absent. */
  guid: string | null;
  /** Absolute article URL (xml:base and relative links resolved); null when the item has none. */
  link: string | null;
  title: string | null;
  /** ISO 8601 or null. */
  publishedAt: string | null;
  /** ISO 8601 from Atom <updated>, JSON date_modified, dc:modified; null when absent. */
  updatedAt: string | null;
  summary: string | null;
}

export interface ParsedFeed {
  format: FeedFormat;
  title: string | null;
  siteUrl: string | null;
  language: string | null;
  items: FeedItem[];
  /** Which parser produced the items: rss-parser, or the lenient fallback for malformed XML. */
  parser: 'rss-parser' | 'lenient' | 'json';
  /** Set when the document was malformed and read by the lenient parser: items may be missing, so the feed says so. */
  warning?: string;
}
