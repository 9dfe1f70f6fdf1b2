import { describe, expect, it } from 'vitest';
import { shortQuote, subjectLine, talentFlows, type DigestModel } from '../../../src/digest/model.ts';
import { escapeHtml, renderHtml } from '../../../src/digest/render-html.ts';
import { renderText } from '../../../src/digest/render-text.ts';
import { emptyCounts, type DigestEvent } from '../../../src/digest/select.ts';

function event(over: Partial<DigestEvent>): DigestEvent {
  return {
    id: 1, type: 'hiring', firm: 'Acme', location: null, person: null, roles: [], sourceFirms: [], firms: [], agency: null, headcount: null,
    planned: false, evidence: 'Acme hires.', when: new Date('2026-11-17T10:00:00Z'), sources: [], ...over,
  };
}

function model(events: DigestEvent[]): DigestModel {
  const counts = emptyCounts();
  for (const e of events) counts[e.type] += 1;
  return {
    week: '2026-W47', start: new Date('2026-11-15T23:00:00Z'), end: new Date('2026-11-22T23:00:00Z'), timeZone: 'Europe/Berlin',
    events, counts, previous: emptyCounts(), reviewUrl: null,
  };
}

describe('digest rendering', () => {
  it('writes the week and the numbers in the subject', () => {
    const counts = { ...emptyCounts(), hiring: 5, expansion: 3, talent_move: 1 };
    expect(subjectLine('2026-W47', counts)).toBe('Hiring Radar 2026-W47: 9 events (5 hiring, 3 expansions, 1 talent move)');
    expect(subjectLine('2026-W47', { ...emptyCounts(), export_control: 1 })).toBe('Hiring Radar 2026-W47: 1 event (1 export control)');
    expect(subjectLine('2026-W47', emptyCounts())).toBe('Hiring Radar 2026-W47: no approved events');
  });

  it('escapes every field that reaches the HTML, attributes included', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const html = renderHtml(model([event({
      firm: '<script>', location: '<img src=x onerror=alert(1)>', roles: ['<b>boss</b>'], person: '"Quote" O\'Brien',
      evidence: '</td></tr></table><script>steal()</script>',
      sources: [{ url: 'https://x.example/a?b=1&c="2"', title: '<i>title</i>', siteName: null }],
    })]));
    expect(html).not.toMatch(/<script|<img|<b>boss|<i>title/);
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('href="https://x.example/a?b=1&amp;c=&quot;2&quot;"');
    expect(html).toContain('&quot;Quote&quot; O&#39;Brien');
  });

  it('links only http(s) sources', () => {
    const html = renderHtml(model([event({ sources: [
      { url: 'javascript:alert(1)', title: 'evil', siteName: null },
      { url: 'https://ok.example/x', title: null, siteName: null },
    ] })]));
    expect(html).not.toContain('javascript:');
    expect(html).toContain('Sources: evil (undated) &middot; <a');
    expect(html).toContain('<a href="https://ok.example/x"');
    expect(html).toContain('>ok.example</a>');
    expect(renderText(model([event({ sources: [{ url: 'javascript:alert(1)', title: 'evil', siteName: null }] })]))).not.toContain('javascript:');
  });

  it('shortens long evidence at a word boundary', () => {
    const long = `${'word '.repeat(100)}end`;
    const q = shortQuote(long, 50);
    expect(q.length).toBeLessThanOrEqual(51);
    expect(q.endsWith('word…')).toBe(true);
    expect(shortQuote('  short\n quote ')).toBe('short quote');
  });

  it('aggregates talent flows per source firm and target, biggest first', () => {
    const flows = talentFlows([
      event({ firm: 'Meituan', sourceFirms: ['OpenAI'], person: 'A' }),
      event({ firm: 'Meituan', sourceFirms: ['OpenAI', 'Google'], roles: ['researcher'] }),
      event({ type: 'export_control', firm: 'Nvidia', sourceFirms: ['Ignored'] }),
    ]);
    expect(flows.map((f) => [f.from, f.to, f.events.length])).toEqual([['OpenAI', 'Meituan', 2], ['Google', 'Meituan', 1]]);
    expect(flows[0]!.people).toEqual(['A']);
  });

  it('dates events on the local calendar of the digest zone', () => {
    // 23:30 UTC on Saturday is already Sunday in Berlin.
    const text = renderText(model([event({ when: new Date('2026-11-21T23:30:00Z') })]));
    expect(text).toContain('* Sun 22 Nov');
  });
});
