import { describe, expect, it } from 'vitest';
import { decodeFeedBytes, wideEncoding } from '../../../src/fetch/feed-decode.ts';
import { discoverFeedLinks, normalizeGuid } from '../../../src/fetch/feed-urls.ts';
import { FeedParseError, NotAFeedError, parseFeed } from '../../../src/fetch/parse-feed.ts';

const FEED_URL = 'https://news.example.com/section/feed.xml';

describe('parseFeed', () => {
  it('reads RSS 2.0, using the link when there is no GUID and normalising http GUIDs to https', async () => {
    const feed = await parseFeed(`<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>https://news.example.com/</link>
      <item><title>No guid</title><link>/a/1?utm_source=x</link><pubDate>Tue, 10 Jun 2025 09:00:00 GMT</pubDate></item>
      <item><title>Guid</title><guid>http://News.Example.com/a/2</guid></item></channel></rss>`, FEED_URL);
    expect(feed.format).toBe('rss');
    expect(feed.items[0]).toMatchObject({ guid: null, link: 'https://news.example.com/a/1?utm_source=x', publishedAt: '2025-06-10T09:00:00.000Z' });
    expect(feed.items[1]).toMatchObject({ guid: 'https://news.example.com/a/2', link: 'http://News.Example.com/a/2'.replace('News.Example', 'news.example') });
  });

  it('keeps item dates before 1990 (an archive feed of 1987 stories)', async () => {
    const feed = await parseFeed(`<?xml version="1.0"?><rss version="2.0"><channel><title>Archive</title>
      <item><title>Crash</title><link>https://news.example.com/1987-crash</link><pubDate>Mon, 19 Oct 1987 14:00:00 GMT</pubDate></item>
      <item><title>Bad</title><link>https://news.example.com/bad</link><pubDate>Sat, 01 Jan 0001 00:00:00 GMT</pubDate></item></channel></rss>`, FEED_URL);
    expect(feed.items.map((i) => i.publishedAt)).toEqual(['1987-10-19T14:00:00.000Z', null]);
  });

  it('reads RSS 1.0 (RDF) and RSS 0.91', async () => {
    const rdf = await parseFeed(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel rdf:about="https://x.example/"><title>R</title><link>https://x.example/</link></channel>
      <item rdf:about="https://x.example/1"><title>One</title><link>https://x.example/1</link><dc:date>2025-01-02T03:04:05Z</dc:date></item></rdf:RDF>`, FEED_URL);
    expect(rdf.format).toBe('rdf');
    expect(rdf.items[0]).toMatchObject({ title: 'One', link: 'https://x.example/1', publishedAt: '2025-01-02T03:04:05.000Z' });
    const old = await parseFeed(`<rss version="0.91"><channel><title>Old</title><item><title>Uno</title><link>https://x.example/u</link></item></channel></rss>`, FEED_URL);
    expect(old.items[0]?.title).toBe('Uno');
  });

  it('resolves Atom links through nested xml:base and keeps <updated>', async () => {
    const feed = await parseFeed(`<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://base.example/blog/">
      <title>A</title>
      <entry xml:base="2025/"><id>tag:base.example,2025:1</id><title>E1</title><link rel="alternate" href="post-1.html"/>
        <published>2025-03-01T00:00:00Z</published><updated>2025-03-05T00:00:00Z</updated></entry>
      <entry><id>tag:base.example,2025:2</id><title>E2</title><link rel="enclosure" href="/x.mp3"/><link href="../other/post-2"/></entry>
    </feed>`, FEED_URL);
    expect(feed.format).toBe('atom');
    expect(feed.items.map((i) => i.link)).toEqual(['https://base.example/blog/2025/post-1.html', 'https://base.example/other/post-2']);
    expect(feed.items[0]?.updatedAt).toBe('2025-03-05T00:00:00.000Z');
    expect(feed.items[0]?.guid).toBe('tag:base.example,2025:1');
  });

  it('reads JSON Feed with relative URLs', async () => {
    const feed = await parseFeed(JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1', title: 'J', home_page_url: 'https://j.example/',
      items: [{ id: 7, url: '/posts/7', title: 'Seven', date_published: '2025-02-02T00:00:00Z', date_modified: '2025-02-03T00:00:00Z' }],
    }), FEED_URL, 'application/feed+json');
    expect(feed.format).toBe('json');
    expect(feed.items[0]).toMatchObject({ guid: '7', link: 'https://news.example.com/posts/7', updatedAt: '2025-02-03T00:00:00.000Z' });
  });

  it('falls back to the lenient parser for malformed XML', async () => {
    const feed = await parseFeed(`<rss version="2.0"><channel><title>Broken & co</title>
      <item><title>Good</title><link>https://x.example/good</link></item>
      <item><title>Unclosed <b>bold</title><link>https://x.example/bad</link></item></channel>`, FEED_URL);
    expect(feed.parser).toBe('lenient');
    expect(feed.items.map((i) => i.link)).toContain('https://x.example/good');
    // Items may have been lost: the feed says how many were read and where the XML breaks (lines counted from 1).
    expect(feed.warning).toMatch(new RegExp(`^parsed ${feed.items.length} items?; the XML is broken at line 1: `));
  });

  it('gives no warning for well-formed XML', async () => {
    const feed = await parseFeed('<rss version="2.0"><channel><title>T</title><item><title>A</title><link>https://x.example/a</link></item></channel></rss>', FEED_URL);
    expect(feed.parser).toBe('rss-parser');
    expect(feed.warning).toBeUndefined();
  });

  it('refuses HTML served in place of a feed and reports the advertised feed', async () => {
    const html = `<!DOCTYPE html><html><head><link rel="alternate" type="application/rss+xml" href="/rss.xml"></head><body>Hi</body></html>`;
    const err = await parseFeed(html, FEED_URL).catch((e) => e);
    expect(err).toBeInstanceOf(NotAFeedError);
    expect(err.alternates).toEqual(['https://news.example.com/rss.xml']);
    expect(err.message).toMatch(/HTML page, not a feed; the page advertises https:\/\/news\.example\.com\/rss\.xml/);
  });

  it('refuses garbage with a FeedParseError naming the URL', async () => {
    await expect(parseFeed('just some words', FEED_URL)).rejects.toBeInstanceOf(FeedParseError);
    await expect(parseFeed('', FEED_URL)).rejects.toThrow(/feed\.xml: empty document/);
  });
});

describe('helpers', () => {
  it('normalises GUIDs', () => {
    expect(normalizeGuid(' http://Example.com:80/a?id=1 ')).toBe('https://example.com/a?id=1');
    expect(normalizeGuid('urn:uuid:1234')).toBe('urn:uuid:1234');
    expect(normalizeGuid('')).toBeNull();
  });
  it('discovers advertised feeds', () => {
    expect(discoverFeedLinks('<link rel="alternate" type="application/atom+xml" href="a.atom"><link rel="stylesheet" href="x.css">', 'https://s.example/p/')).toEqual(['https://s.example/p/a.atom']);
  });
  it('decodes UTF-16 without a BOM, UTF-32 and mislabelled gzip', async () => {
    const xml = '<?xml version="1.0" encoding="utf-16"?><rss version="2.0"><channel><item><title>Ünïcødé</title></item></channel></rss>';
    const le = Buffer.from(xml, 'utf16le');
    expect(wideEncoding(le)).toBe('utf-16le');
    expect(decodeFeedBytes(le, null, 'x').text).toBe(xml);
    const be = Buffer.from(le).swap16();
    expect(decodeFeedBytes(be, null, 'x').text).toBe(xml);
    const u32 = Buffer.alloc(xml.length * 4);
    [...xml].forEach((ch, i) => u32.writeUInt32BE(ch.codePointAt(0)!, i * 4));
    expect(decodeFeedBytes(u32, null, 'x').text).toBe(xml);
    const { gzipSync } = await import('node:zlib');
    expect(decodeFeedBytes(gzipSync(Buffer.from(xml)), null, 'x').text).toBe(xml);
  });
  it('decodes a windows-1251 feed declared in the prolog', async () => {
    const xml = '<?xml version="1.0" encoding="windows-1251"?><rss version="2.0"><channel><item><title>Привет, мир</title></item></channel></rss>';
    const bytes = new Uint8Array([...xml].map((ch) => { const c = ch.charCodeAt(0); return c < 128 ? c : c >= 0x410 && c <= 0x44f ? c - 0x410 + 0xc0 : 0x3f; }));
    const feed = await parseFeed(decodeFeedBytes(bytes, 'application/rss+xml', 'x').text, FEED_URL);
    expect(feed.items[0]?.title).toBe('Привет, мир');
  });
});
