import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDigest } from '../../../src/digest/build.ts';
import { openTestDatabase, type TestDatabase, ENGINE } from '../../helpers/db.ts';
import { addEvent, seedWeek47 } from './seed.ts';

const opts = { timeZone: 'Europe/Berlin', reviewUrl: 'https://radar.example.com/review' };

describe(`buildDigest (${ENGINE})`, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase();
    await seedWeek47(database.db);
  });
  afterAll(async () => database?.destroy());

  it('counts only approved events of the week, per type, against the previous week', async () => {
    const d = await buildDigest(database, '2026-W47', opts);
    expect(d.subject).toBe('Hiring Radar 2026-W47: 7 events (2 hiring, 1 expansion, 1 talent move, 1 leadership change, 1 contraction, 1 export control)');
    expect(d.counts.total).toBe(7);
    expect(d.counts.byType).toEqual({ hiring: 2, expansion: 1, talent_move: 1, leadership: 1, contraction: 1, export_control: 1 });
    // LastWeekCo (Sunday 15 Nov 23:59 Berlin), LastWeekCo2, LastWeekCo3.
    expect(d.counts.previousByType).toMatchObject({ hiring: 2, contraction: 1 });
    expect(d.counts.previousTotal).toBe(3);
    expect(d.empty).toBe(false);
  });

  it('shows firms, places, roles, headcount, quotes and source links in both parts', async () => {
    const d = await buildDigest(database, '2026-W47', opts);
    for (const part of [d.text, d.html]) {
      expect(part).toContain('Alibaba');
      expect(part).toContain('Sunnyvale');
      expect(part).toContain('applied scientist, machine learning engineer');
      expect(part).toContain('40');
      expect(part).toContain('Alibaba is hiring 40 applied scientists in Sunnyvale.');
      expect(part).toContain('https://news.example.com/alibaba-sunnyvale');
      expect(part).toContain('https://other.example.org/bd');
      expect(part).toContain('Baidu'); // occurred_at null: created_at places it in the week
      for (const absent of ['PendingCo', 'RejectedCo', 'NextWeekCo', 'LastWeekCo']) expect(part).not.toContain(absent);
    }
    expect(d.html).toContain('href="https://news.example.com/bis-rule"');
  });

  it('has a talent-flow section (source firms -> firm) and an export-control section', async () => {
    const d = await buildDigest(database, '2026-W47', opts);
    expect(d.text).toMatch(/TALENT FLOWS[\s\S]*OpenAI -> Meituan: 2 \(Zhang San; researcher; research engineer\)/);
    expect(d.text).toMatch(/Google -> Meituan: 1/);
    expect(d.text).toMatch(/CHIP-EXPORT CONTROLS[\s\S]*Agency: BIS \| Firms: Nvidia, Huawei/);
    expect(d.html).toContain('<b>OpenAI</b> &rarr; <b>Meituan</b>');
    expect(d.html).toContain('Chip-export controls');
  });

  it('escapes event fields in the HTML', async () => {
    const d = await buildDigest(database, '2026-W47', opts);
    expect(d.html).not.toContain('<script>');
    expect(d.html).not.toContain('<b>bold</b>');
    expect(d.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(d.html).toContain('Tom &amp; Jerry &quot;Town&quot;');
    // The text part carries the raw characters: it is not HTML.
    expect(d.text).toContain('<script>alert("x")</script>');
  });

  it('uses table layout with inline styles only', async () => {
    const { html } = await buildDigest(database, '2026-W47', opts);
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<table role="presentation"');
    expect(html).not.toMatch(/<style|<link|<script|class=/i);
    expect(html).toContain('href="https://radar.example.com/review"');
  });

  it('renders an empty week as the "no approved events" note', async () => {
    const d = await buildDigest(database, '2026-W40', opts);
    expect(d.empty).toBe(true);
    expect(d.subject).toBe('Hiring Radar 2026-W40: no approved events');
    expect(d.text).toContain('No events were approved for this week.');
    expect(d.html).toContain('No events were approved for this week.');
  });

  it('places events by the local week across the year boundary (2026-W53 / 2027-W01)', async () => {
    // Sunday 3 Jan 2027 23:30 in Berlin is still 2026-W53; 00:30 on Monday 4 Jan is 2027-W01.
    await addEvent(database.db, { type: 'hiring', firm: 'YearEndCo', occurredAt: new Date('2027-01-03T22:30:00Z') });
    await addEvent(database.db, { type: 'hiring', firm: 'NewYearCo', occurredAt: new Date('2027-01-03T23:30:00Z') });
    const w53 = await buildDigest(database, '2026-W53', opts);
    const w01 = await buildDigest(database, '2027-W01', opts);
    expect(w53.text).toContain('YearEndCo');
    expect(w53.text).not.toContain('NewYearCo');
    expect(w01.text).toContain('NewYearCo');
    expect(w01.counts.previousTotal).toBe(1);
    // In New York both are still Sunday 3 Jan: both belong to 2026-W53.
    const ny = await buildDigest(database, '2026-W53', { timeZone: 'America/New_York' });
    expect(ny.counts.total).toBe(2);
  });
});
