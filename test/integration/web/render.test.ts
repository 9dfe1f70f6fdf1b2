// The pure pieces of the web layer: CSV quoting and formula neutralising, evidence/mention highlighting, link
// scheme filtering, redirect targets and filter parsing.
import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../../src/web/csv.ts';
import { parseFilters, filtersToQuery } from '../../../src/web/queries/filters.ts';
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
    for (const bad of ['//evil.example', '/\\evil.example', 'https://evil.example', 'javascript:x', undefined, 42]) expect(safeNext(bad)).toBe('/');
  });
});

describe('filters', () => {
  const parse = (q: string) => parseFilters((k) => new URLSearchParams(q).get(k) ?? undefined);

  it('parses known values and ignores malformed ones', () => {
    const f = parse('status=all&type=hiring&firm=%20Acme%20&from=2025-01-01&to=bad&minConfidence=2&page=-3&pageSize=9999&sort=nope');
    expect(f).toMatchObject({ status: 'all', type: 'hiring', firm: 'Acme', from: '2025-01-01', to: '', minConfidence: 1, page: 1, pageSize: 200, sort: 'occurred' });
    expect(parse('type=<script>').type).toBeNull();
  });

  it('round-trips through a query string, writing only non-defaults', () => {
    const f = parse('status=approved&firm=Acme&page=3');
    expect(filtersToQuery(f)).toBe('status=approved&firm=Acme&page=3');
    expect(parse(filtersToQuery(f, { page: 1 }))).toEqual({ ...f, page: 1 });
  });
});
