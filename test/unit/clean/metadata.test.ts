import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { cleanUrl } from '../../../src/clean/canonical-url.ts';
import { chooseDate, dateFromUrl, parseDate } from '../../../src/clean/dates.ts';
import { readMetadata } from '../../../src/clean/metadata.ts';

describe('parseDate', () => {
  it('reads ISO, zoned, local, epoch and written dates', () => {
    expect(parseDate('2023-05-12')).toBe('2023-05-12');
    expect(parseDate('2023-05-12T10:30:00+02:00')).toBe('2023-05-12T08:30:00.000Z');
    expect(parseDate('2023-05-12 10:30')).toBe('2023-05-12T10:30:00');
    expect(parseDate('May 12, 2023')).toBe('2023-05-12');
    expect(parseDate('12 de mayo de 2023')).toBe('2023-05-12');
    expect(parseDate('12. Mai 2023')).toBe('2023-05-12');
    expect(parseDate('2023年5月12日')).toBe('2023-05-12');
    expect(parseDate('12.05.2023')).toBe('2023-05-12');
    expect(parseDate('yesterday')).toBeNull();
  });

  it('keeps page dates before 1990 (archive stories from 1987 are dated, not thrown away)', () => {
    expect(parseDate('1987-10-19')).toBe('1987-10-19');
    expect(parseDate('1987-10-19T09:30:00Z')).toBe('1987-10-19T09:30:00.000Z');
    expect(parseDate('October 19, 1987')).toBe('1987-10-19');
    expect(parseDate('19.10.1987')).toBe('1987-10-19');
    expect(parseDate('Mon, 19 Oct 1987 14:00:00 GMT')).toBe('1987-10-19');
    expect(dateFromUrl('https://x.com/1987/10/19/crash')).toBe('1987-10-19');
    // Still refused: years no news page has (a typo, a product number).
    expect(parseDate('0001-01-01')).toBeNull();
    expect(parseDate('1066-10-14')).toBeNull();
  });

  it('reads dates from URLs', () => {
    expect(dateFromUrl('https://x.com/2023/05/12/story')).toBe('2023-05-12');
    expect(dateFromUrl('https://x.com/news/20230512/story.html')).toBe('2023-05-12');
    expect(dateFromUrl('https://x.com/2023/13/45/story')).toBeNull();
  });
});

describe('chooseDate', () => {
  it('prefers published over modified, and structured sources over <time> and the URL', () => {
    const pick = chooseDate([
      { value: '2023-05-14T09:00:00.000Z', source: 'json-ld:dateModified' },
      { value: '2023-05-10', source: 'url' },
      { value: '2023-05-11T08:00:00.000Z', source: 'time' },
      { value: '2023-05-12T07:00:00.000Z', source: 'meta:article:published_time' },
    ]);
    expect(pick?.source).toBe('meta:article:published_time');
    expect(chooseDate([{ value: '2023-05-14', source: 'meta:article:modified_time' }, { value: '2023-05-10', source: 'url' }])?.source).toBe('url');
  });

  it('upgrades a bare day to a same-day candidate with a time', () => {
    expect(chooseDate([{ value: '2023-05-12', source: 'json-ld:datePublished' }, { value: '2023-05-12T07:00:00.000Z', source: 'time' }])?.value).toBe('2023-05-12T07:00:00.000Z');
  });
});

describe('cleanUrl', () => {
  it('drops tracking parameters and fragments, keeps real ones', () => {
    expect(cleanUrl('https://News.example.com/a?id=7&utm_source=x&utm_medium=y&fbclid=z&gclid=q#top')).toBe('https://news.example.com/a?id=7');
    expect(cleanUrl('/story/1?utm_campaign=c', 'https://example.com/x')).toBe('https://example.com/story/1');
    expect(cleanUrl('javascript:void(0)')).toBeNull();
  });
});

describe('readMetadata', () => {
  const html = `<html lang="es-ES"><head>
    <title>Título | Diario</title>
    <meta property="og:title" content="Título del artículo">
    <meta property="og:site_name" content="El Diario">
    <meta property="article:modified_time" content="2023-05-14T10:00:00Z">
    <meta name="sailthru.date" content="2023-05-12 09:00">
    <link rel="canonical" href="https://diario.example/2023/05/12/titulo?utm_source=rss#comments">
  </head><body><time datetime="2023-05-13">13 mayo</time><p>Texto.</p></body></html>`;
  const jsonLd = [`{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","headline":"Título","datePublished":"2023-05-12T09:00:00+02:00","author":[{"@type":"Person","name":"Ana Pérez"}]}]}`];

  it('collects title, byline, site, canonical URL, language and every dated candidate', () => {
    const dom = new JSDOM(html, { url: 'https://diario.example/x' });
    const meta = readMetadata(dom.window.document, jsonLd, 'https://diario.example/x');
    dom.window.close();
    expect(meta).toMatchObject({ title: 'Título del artículo', byline: 'Ana Pérez', siteName: 'El Diario', declaredLanguage: 'es' });
    expect(meta.canonicalUrl).toBe('https://diario.example/2023/05/12/titulo');
    const sources = meta.dateCandidates.map((c) => c.source);
    expect(sources).toEqual(expect.arrayContaining(['json-ld:datePublished', 'meta:article:modified_time', 'meta:sailthru.date', 'time', 'url']));
    expect(chooseDate(meta.dateCandidates)).toEqual({ value: '2023-05-12T07:00:00.000Z', source: 'json-ld:datePublished' });
  });
});
