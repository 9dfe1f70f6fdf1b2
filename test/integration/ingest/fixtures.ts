// Feeds and pages for the ingest integration tests: the seed article from ../shared when present, else our own
// invented fixture article, wrapped in simple HTML; feeds built around them.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HAS_SHARED, PROJECT_DIR, SHARED_DIR } from '../../helpers/shared.ts';

export interface ArticleFixture {
  title: string;
  html: string;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Wraps plain text (first line = headline) in a minimal article page with an optional rel=canonical. */
export function wrapArticle(text: string, opts: { canonical?: string; lang?: string } = {}): ArticleFixture {
  const [title = 'Untitled', ...rest] = text.trim().split('\n');
  const paragraphs = rest.join('\n').split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  const html = `<!DOCTYPE html><html lang="${opts.lang ?? 'en'}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
${opts.canonical ? `<link rel="canonical" href="${opts.canonical}">` : ''}<meta property="article:published_time" content="2025-06-10T09:00:00Z"></head>
<body><header><nav><a href="/">Home</a> <a href="/tech">Tech</a></nav></header>
<main><article><h1>${escapeHtml(title)}</h1>${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}</article></main>
<footer>© Test News</footer></body></html>`;
  return { title, html };
}

/** The articles the tests serve: the shared seed article(s) when available, plus our own fixture. */
export function articleTexts(): Array<{ text: string; lang: string }> {
  const own = { text: readFileSync(join(PROJECT_DIR, 'test', 'fixtures', 'ingest', 'article-en.txt'), 'utf8'), lang: 'en' };
  if (!HAS_SHARED) return [own];
  const seedDir = join(SHARED_DIR, 'seed');
  const seeds = readdirSync(seedDir).filter((f) => f.endsWith('.txt')).map((f) => ({ text: readFileSync(join(seedDir, f), 'utf8'), lang: 'es' }));
  return [...seeds, own];
}

export interface RssItemSpec {
  title: string;
  link: string;
  guid?: string;
  pubDate?: string;
  updated?: string;
}

/** An RSS 2.0 document. */
export function rss(title: string, items: RssItemSpec[]): string {
  const body = items
    .map((i) => `<item><title>${escapeHtml(i.title)}</title><link>${escapeHtml(i.link)}</link>${i.guid ? `<guid>${escapeHtml(i.guid)}</guid>` : ''}` +
      `<pubDate>${i.pubDate ?? 'Tue, 10 Jun 2025 09:00:00 GMT'}</pubDate>${i.updated ? `<atom:updated>${i.updated}</atom:updated>` : ''}</item>`)
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>${escapeHtml(title)}</title><link>https://example.org/</link>\n${body}\n</channel></rss>`;
}

/** An Atom document whose entries carry <updated>. */
export function atom(title: string, entries: Array<{ id: string; title: string; link: string; updated: string }>): string {
  return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>${escapeHtml(title)}</title><id>urn:test</id><updated>2025-06-10T00:00:00Z</updated>
${entries.map((e) => `<entry><id>${e.id}</id><title>${escapeHtml(e.title)}</title><link href="${escapeHtml(e.link)}"/><updated>${e.updated}</updated></entry>`).join('\n')}</feed>`;
}
