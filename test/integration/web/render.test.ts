// The pure pieces of the web layer: CSV quoting and formula neutralising, evidence/mention highlighting, link
// scheme filtering, redirect targets and filter parsing.
import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../../src/web/csv.ts';
import { DEFAULT_FILTERS, parseFilters, filtersToQuery } from '../../../src/web/queries/filters.ts';
import { safeNext } from '../../../src/web/safe-path.ts';
import { highlightArticle, locateEvidence } from '../../../src/web/views/highlight.ts';
import { safeHref } from '../../../src/web/views/layout.ts';

const render = async (h: unknown) => String(await h);

describe('csv', () => {
  it('quotes every text cell, doubles quotes and keeps newlines inside quotes', () => {
    expect(csvCell('a "b", c\nd')).toBe('"a ""b"", c\nd"');
    expect(csvCell(0.5)).toBe('0.5');
    expect(csvCell(null)).toBe('');
  });

  it('neutralises cells a spreadsheet would run as a formula', () => {
    for (const v of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\t=x', '\r=x']) expect(csvCell(v)).toBe(`"'${v}"`);
    expect(csvCell('plain = text')).toBe('"plain = text"');
    expect(toCsv(['a'], [['=x']])).toBe('\uFEFF"a"\r\n"\'=x"\r\n');
  });
});

describe('highlightArticle', () => {
  const text = 'Acme <b>hires</b> in Paris. Acme again.';
  const mentions = [
    { start: 0, end: 4, entityId: 1, type: 'firm', name: 'Acme' },
    { start: 21, end: 26, entityId: 2, type: 'location', name: 'Paris' },
    { start: 28, end: 32, entityId: 1, type: 'firm', name: 'Acme' },
    { start: 1, end: 3, entityId: 3, type: 'firm', name: 'nested' }, // overlaps: skipped
    { start: 30, end: 99, entityId: 4, type: 'firm', name: 'out of range' },
  ];

  it('marks mentions and the evidence and escapes the text', async () => {
    const ev = locateEvidence(text, { text: 'Acme <b>hires</b> in Paris.', start: 0, end: 27 });
    const out = await render(highlightArticle(text, ev, mentions));
    expect(out).toBe('<mark id="evidence" class="evidence"><mark class="ent ent-firm" title="firm: Acme" data-entity="1">Acme</mark> &lt;b&gt;hires&lt;/b&gt; in '
      + '<mark class="ent ent-location" title="location: Paris" data-entity="2">Paris</mark>.</mark> '
      + '<mark class="ent ent-firm" title="firm: Acme" data-entity="1">Acme</mark> again.');
  });

  it('finds the evidence by text when the offsets are stale, and shows plain text when it is absent', async () => {
    expect(locateEvidence(text, { text: 'Acme again.', start: 3, end: 9 })).toEqual({ start: 28, end: 39 });
    expect(locateEvidence(text, { text: 'not there', start: 0, end: 9 })).toBeNull();
    expect(await render(highlightArticle('<i>x</i>', null, []))).toBe('&lt;i&gt;x&lt;/i&gt;');
  });
});

describe('links and redirects', () => {
  it('links only http(s) URLs', () => {
    expect(safeHref('https://example.com/a?b=1')).toBe('https://example.com/a?b=1');
    for (const bad of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,x', 'vbscript:x', '//evil', '', null]) expect(safeHref(bad)).toBe('#');
  });

  it('follows only local paths after login', () => {
    expect(safeNext('/events/3?x=1')).toBe('/events/3?x=1');
    expect(safeNext('/?firm=Caf%C3%A9&page=2#top')).toBe('/?firm=Caf%C3%A9&page=2#top');
    for (const bad of ['//evil.example', '/\\evil.example', 'https://evil.example', 'javascript:x', undefined, 42, '', 'events/3', '/x y']) expect(safeNext(bad)).toBe('/');
  });

  it('refuses every control character and backslash, raw or percent-encoded, anywhere in the path', () => {
    const codes = [...Array.from({ length: 0x20 }, (_, i) => i), 0x7f];
    for (const code of codes) {
      const raw = String.fromCharCode(code);
      const hex = code.toString(16).padStart(2, '0');
      for (const bad of [`/${raw}/evil.example/`, `/events/1${raw}`, `/%${hex}/evil.example/`, `/%${hex.toUpperCase()}/evil.example/`, `/events?q=%${hex}`]) {
        expect(safeNext(bad), JSON.stringify(bad)).toBe('/');
      }
    }
    for (const bad of ['/\\/evil.example', '/%5c/evil.example', '/%5C%5Cevil.example', '/%2f/evil.example', '/%2F%2Fevil.example', '/%zz', '/%']) {
      expect(safeNext(bad), bad).toBe('/');
    }
  });
});

describe('filters', () => {
  const parse = (q: string, opts = {}) => parseFilters((k) => new URLSearchParams(q).get(k) ?? undefined, opts);

  it('parses known values; empty ones take the defaults', () => {
    const f = parse('status=all&type=hiring&firm=%20Acme%20&from=2025-01-01&to=&minConfidence=0.25&page=3&pageSize=20&sort=confidence&dir=asc&language=ZH');
    expect(f).toMatchObject({ status: 'all', type: 'hiring', firm: 'Acme', from: '2025-01-01', to: '', minConfidence: 0.25, page: 3, pageSize: 20, sort: 'confidence', dir: 'asc', language: 'zh' });
    expect(parse('')).toEqual(DEFAULT_FILTERS);
  });

  it('refuses a bad value naming the parameter and the reason', () => {
    const bad: Array<[string, string]> = [
      ['type=<script>', 'filter "type" "<script>" must be one of'], ['from=2025-13-45', 'filter "from" "2025-13-45" is not a real calendar date'],
      ['to=2025-02-30', 'filter "to" "2025-02-30" is not a real calendar date'], ['from=0000-00-00', 'filter "from" "0000-00-00" is not a real calendar date'],
      ['to=31/12/2019', 'filter "to" "31/12/2019" must be a date as YYYY-MM-DD'], ['minConfidence=2', 'filter "minConfidence" "2" must be a number from 0 to 1'],
      ['pageSize=9999', 'filter "pageSize" "9999" must be between 1 and 200'], ['firm=a%00b', 'filter "firm" "a\\u0000b" must not contain control characters'],
      ['q=' + 'x'.repeat(201), 'filter "q" '], ['language=english!', 'filter "language" "english!" must be a language code'],
    ];
    for (const [q, message] of bad) expect(() => parse(q), q).toThrow(message);
    expect(() => parse('from=2025-02-01&to=2025-01-01')).toThrow('filter "from" 2025-02-01 is after "to" 2025-01-01');
  });

  it('takes the given default confidence threshold when the request names none, and 0 shows all', () => {
    expect(parse('', { defaultMinConfidence: 0.5 }).minConfidence).toBe(0.5);
    expect(parse('minConfidence=', { defaultMinConfidence: 0.5 }).minConfidence).toBe(0.5);
    expect(parse('minConfidence=0', { defaultMinConfidence: 0.5 }).minConfidence).toBe(0);
    expect(filtersToQuery(parse('', { defaultMinConfidence: 0.5 }))).toBe('minConfidence=0.5');
  });

  it('round-trips through a query string, writing only non-defaults', () => {
    const f = parse('status=approved&firm=Acme&page=3');
    expect(filtersToQuery(f)).toBe('status=approved&firm=Acme&page=3');
    expect(parse(filtersToQuery(f, { page: 1 }))).toEqual({ ...f, page: 1 });
  });
});
