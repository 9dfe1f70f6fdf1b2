// One entry point that turns a decoded feed document into a ParsedFeed: a single switch over the format
// (JSON Feed, HTML served in place of a feed, XML through rss-parser with a lenient fallback for malformed XML).
import Parser from 'rss-parser';
import { SkipError } from '../errors.ts';
import type { FeedFormat, FeedItem, ParsedFeed } from './feed-types.ts';
import { discoverFeedLinks, isoDate, normalizeGuid, resolveLink } from './feed-urls.ts';
import { looksLikeJson, parseJsonFeed } from './json-feed.ts';
import { itemLinkInfo, parseLenientFeed } from './lenient-feed.ts';

/** The document was HTML, not a feed; `alternates` lists the feeds the page advertises, if any. */
export class NotAFeedError extends SkipError {
  constructor(message: string, readonly alternates: string[]) {
    super(message);
  }
}

/** The document could not be read as any feed format. */
export class FeedParseError extends SkipError {}

type RssItem = Parser.Item & { id?: string; updated?: string; 'dc:date'?: string; published?: string; 'rdf:about'?: string };

const rssParser = new Parser<Record<string, unknown>, RssItem>({
  defaultRSS: 2,
  customFields: { item: ['updated', 'published', 'id'] as never },
});

/** True when the text is an HTML page (doctype or <html> before any feed root). */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 2048).replace(/^\uFEFF/, '').replace(/<!--[\s\S]*?-->/g, '').trimStart().toLowerCase();
  if (/^<!doctype html|^<html[\s>]/.test(head)) return true;
  return !/<(rss|feed|rdf:rdf|[a-z]+:feed)[\s>]/.test(head) && /<(head|body)[\s>]/.test(head);
}

function formatOf(text: string): FeedFormat {
  const head = text.slice(0, 4096);
  if (/<(?:[a-z]+:)?feed[\s>]/i.test(head)) return 'atom';
  if (/<rdf:RDF[\s>]/i.test(head)) return 'rdf';
  return 'rss';
}

function text(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (value && typeof value === 'object' && '_' in value) return text((value as { _: unknown })._);
  return null;
}

function fromRssParser(out: Parser.Output<RssItem>, source: string, feedUrl: string): ParsedFeed {
  const format = formatOf(source);
  const info = format === 'atom' || source.includes('xml:base') ? itemLinkInfo(source, feedUrl) : [];
  const useInfo = info.length === out.items.length;
  const items: FeedItem[] = out.items.map((item, i) => {
    const fix = useInfo ? info[i] : undefined;
    const base = fix?.base ?? feedUrl;
    const guidRaw = text(item.guid) ?? text(item.id) ?? text(item['rdf:about']);
    let link = fix?.atomLink ?? resolveLink(text(item.link), base);
    if (!link && guidRaw && /^https?:\/\//i.test(guidRaw)) link = resolveLink(guidRaw, base);
    const summary = text(item.contentSnippet) ?? text(item.summary) ?? text(item.content);
    return {
      guid: normalizeGuid(guidRaw),
      link,
      title: text(item.title),
      // The item's own text first: rss-parser's isoDate has already been through Date.parse, which reads "0001" as 2001.
      publishedAt: isoDate(text(item.pubDate) ?? text(item['dc:date']) ?? text(item.published) ?? text(item.isoDate)),
      updatedAt: isoDate(text(item.updated)),
      summary: summary ? summary.slice(0, 2000) : null,
    };
  });
  return {
    format,
    parser: 'rss-parser',
    title: text(out.title),
    siteUrl: resolveLink(text(out.link), feedUrl),
    language: text((out as { language?: unknown }).language),
    items,
  };
}

/**
 * "parsed 1 item; the XML is broken at line 7: Unexpected close tag": what a lenient read of a malformed feed may have
 * lost, for feed health. The strict parser (sax) counts lines from 0; people count from 1.
 */
export function brokenXmlWarning(items: number, strictError: unknown): string {
  const message = strictError instanceof Error ? strictError.message : String(strictError);
  const line = /\bLine: (\d+)/.exec(message);
  const where = line ? ` at line ${Number(line[1]) + 1}` : '';
  return `parsed ${items} ${items === 1 ? 'item' : 'items'}; the XML is broken${where}: ${message.split('\n')[0]}`.slice(0, 500);
}

/** Parses decoded feed text fetched from `feedUrl`; throws NotAFeedError for HTML and FeedParseError for anything unreadable. */
export async function parseFeed(source: string, feedUrl: string, contentType: string | null = null): Promise<ParsedFeed> {
  const body = source.replace(/^\uFEFF/, '');
  if (!body.trim()) throw new FeedParseError(`${feedUrl}: empty document`);
  if (/json/i.test(contentType ?? '') || looksLikeJson(body)) {
    try {
      return parseJsonFeed(body, feedUrl);
    } catch (err) {
      throw new FeedParseError(`${feedUrl}: ${(err as Error).message}`, { cause: err });
    }
  }
  if (looksLikeHtml(body)) {
    const alternates = discoverFeedLinks(body, feedUrl);
    const hint = alternates.length ? `; the page advertises ${alternates.join(', ')}` : '';
    throw new NotAFeedError(`${feedUrl}: served an HTML page, not a feed${hint}`, alternates);
  }
  try {
    return fromRssParser(await rssParser.parseString(body), body, feedUrl);
  } catch (strictError) {
    try {
      const feed = parseLenientFeed(body, feedUrl);
      if (feed.items.length || /<(rss|feed|rdf:RDF|channel)[\s>/]/i.test(body.slice(0, 4096))) return { ...feed, warning: brokenXmlWarning(feed.items.length, strictError) };
      throw new Error('no items');
    } catch (err) {
      throw new FeedParseError(`${feedUrl}: not a readable feed: ${(strictError as Error).message.split('\n')[0]}; lenient parser: ${(err as Error).message}`, { cause: strictError });
    }
  }
}
