import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { cleanDocument } from '../../../src/clean/clean-document.ts';
import { CORPUS_DIR, HAS_SHARED } from '../../helpers/shared.ts';

const para = (s: string, n = 4) => Array.from({ length: n }, (_, i) => `<p>${s} Paragraph ${i + 1} adds more words so that the article is clearly the main content of this page.</p>`).join('');

describe('cleanDocument: plain text', () => {
  it('keeps the text as given (newlines normalised) and takes a headline-like first line as title', () => {
    const body = 'Meituan opens a lab in Beijing\r\n\r\nMeituan said on Monday it will hire 200 engineers.\r\nMore follows.';
    const a = cleanDocument({ body, source: 'story.txt' });
    expect(a.path).toBe('text');
    expect(a.title).toBe('Meituan opens a lab in Beijing');
    expect(a.text).toBe(body.replace(/\r\n/g, '\n'));
    expect(a.language).toBe('en');
    for (const s of a.sentences) expect(a.text.slice(s.start, s.end)).toBe(s.text);
  });

  it('does not take a sentence as the title', () => {
    expect(cleanDocument({ body: 'The company said it will hire engineers.\nMore text here.', source: 'a.txt' }).title).toBeNull();
  });
});

describe('cleanDocument: HTML', () => {
  const page = `<!doctype html><html lang="en"><head><title>Acme hires | News</title>
    <meta property="og:title" content="Acme hires 200 engineers">
    <meta property="article:published_time" content="2023-05-12T08:00:00Z">
    <script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Person","name":"Jane Roe"}}</script>
    <script>var junk = "</p>should never appear";</script><style>p{color:red}</style></head>
    <body><nav><a href="/">Home</a><a href="/world">World</a></nav>
    <article><h1>Acme hires 200 engineers</h1><p class="byline">By Jane Roe</p>
    ${para('Acme Corp said on Friday it would hire 200 machine learning engineers in Austin.')}
    <figure><img src="x.jpg"><figcaption>Acme's Austin office. Photo: Getty Images</figcaption></figure>
    <div class="related-stories"><h3>Related</h3><ul><li><a href="/a">Other story one</a></li><li><a href="/b">Other story two</a></li></ul></div>
    <div class="share-buttons"><a href="#">Share on Facebook</a></div>
    </article><footer>Copyright 2023 News Inc.</footer></body></html>`;

  it('extracts paragraphs with blank lines between them, without captions, related links, share bars or the repeated headline', () => {
    const a = cleanDocument({ body: page, source: 'page.html', url: 'https://news.example/2023/05/12/acme?utm_source=x' });
    expect(a.path).toBe('readability');
    expect(a.title).toBe('Acme hires 200 engineers');
    expect(a.byline).toBe('Jane Roe');
    expect(a.publishedAt).toBe('2023-05-12T08:00:00.000Z');
    expect(a.canonicalUrl).toBe('https://news.example/2023/05/12/acme');
    expect(a.language).toBe('en');
    expect(a.text.split('\n\n')).toHaveLength(4);
    expect(a.text).toMatch(/^Acme Corp said on Friday/);
    for (const junk of ['Photo: Getty', 'Other story', 'Share on', 'should never appear', 'Copyright', 'By Jane Roe', 'Home']) expect(a.text).not.toContain(junk);
  });

  it('falls back when Readability finds too little (a short CJK story)', () => {
    const html = '<html><body><div class="nav"><a href="/">首页</a></div><div id="c"><p>阿里巴巴周一表示，将在美国硅谷招聘一百名人工智能工程师。</p><p>公司发言人称，新团队将专注于大模型研究。</p></div></body></html>';
    const a = cleanDocument({ body: html, source: 'zh.html' });
    expect(a.text).toContain('阿里巴巴周一表示');
    expect(a.text).toContain('新团队将专注于大模型研究');
    expect(a.language).toBe('zh');
    expect(a.sentences.length).toBe(2);
  });

  it('still yields text when the page carries CSS that makes jsdom 29 throw', () => {
    const html = `<html><head><style>.a{min-height:calc(($x - 16px) / 16 * 9)}</style></head><body><article>${para('The style block above is SCSS left in production.')}</article></body></html>`;
    const a = cleanDocument({ body: html, source: 'bad-css.html' });
    expect(a.text).toContain('SCSS left in production');
  });

  it('decodes legacy bytes before cleaning', () => {
    const bytes = new Uint8Array(Buffer.from(`<html><head><meta charset="windows-1252"></head><body><article>${para('La compañía anunció contrataciones en España.')}</article></body></html>`, 'latin1'));
    const a = cleanDocument({ body: bytes, source: 'es.html' });
    expect(a.text).toContain('La compañía anunció contrataciones en España.');
    expect(a.charset).toBe('windows-1252');
  });

  it('returns an empty article, not an exception, for an empty page', () => {
    expect(cleanDocument({ body: '<html><body></body></html>', source: 'empty.html' }).text).toBe('');
  });
});

describe.skipIf(!HAS_SHARED)('cleanDocument on corpus pages', () => {
  it('matches most Readability test-page titles and finds text on every page', () => {
    const dir = join(CORPUS_DIR, 'readability-test-pages/pages');
    let titled = 0;
    let same = 0;
    const names = readdirSync(dir).filter((n) => existsSync(join(dir, n, 'expected-metadata.json'))).slice(0, 40);
    for (const name of names) {
      const expected = JSON.parse(readFileSync(join(dir, name, 'expected-metadata.json'), 'utf8')) as { title?: string };
      const a = cleanDocument({ body: gunzipSync(readFileSync(join(dir, name, 'source.html.gz'))), source: `${name}.html` });
      expect(a.text.length, name).toBeGreaterThan(0);
      if (expected.title) {
        titled++;
        if (a.title?.trim() === expected.title.trim()) same++;
      }
    }
    expect(same / titled).toBeGreaterThan(0.6);
  });
});
