// Review UI defects from issue 14 and issue 12's confidence filter, through HTTP: entity counts, "Firms involved"
// after a firm edit, the queue's outlet and event-date columns and language list, the configured confidence
// threshold, the way back from an event, and a direct "merge into…" with its type-ahead.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { DEFAULT_CONFIG_DIR } from '../../../src/config/load.ts';
import { articles, entities, events } from '../../../src/db/schema.ts';
import { createApp } from '../../../src/web/app.ts';
import { openTestDatabase, type TestDatabase } from '../../helpers/db.ts';
import { TestClient } from './client.ts';
import { ADMIN, ANALYST, PASSWORD, seedReview, type ReviewSeed } from './seed-review.ts';

let database: TestDatabase;
let seed: ReviewSeed;
let admin: TestClient;
let analyst: TestClient;
let undatedId: number;
let configDir: string;

beforeAll(async () => {
  database = await openTestDatabase();
  seed = await seedReview(database.db);
  const [art] = await database.db.insert(articles).values({ canonicalUrl: 'https://www.undated.example.net/a', title: 'No date anywhere', language: 'ja', text: 'Sony is hiring.', contentHash: 'h-undated' }).returning({ id: articles.id });
  const [ev] = await database.db.insert(events).values({
    fingerprint: 'f-undated', type: 'hiring', firm: 'Sony', confidence: 0.95, language: 'ja', evidenceArticleId: art!.id,
    evidenceText: 'Sony is hiring.', evidenceStart: 0, evidenceEnd: 15, occurredAt: null,
  }).returning({ id: events.id });
  undatedId = ev!.id;
  // A copied config folder whose review.yaml sets another threshold: the app must read it from there.
  configDir = mkdtempSync(join(tmpdir(), 'radar-review-config-'));
  cpSync(DEFAULT_CONFIG_DIR, configDir, { recursive: true });
  writeFileSync(join(configDir, 'review.yaml'), 'min_confidence_default: 0.7\n');
  const app = createApp({ db: database.db, configDir });
  admin = new TestClient(app);
  analyst = new TestClient(app);
  await admin.login(ADMIN, PASSWORD);
  await analyst.login(ANALYST, PASSWORD);
});
afterAll(async () => {
  rmSync(configDir, { recursive: true, force: true });
  await database?.destroy();
});

const html = async (c: TestClient, path: string) => (await c.request(path, { headers: { accept: 'text/html' } })).text();
const queueIds = (page: string) => [...page.matchAll(/<tr data-id="(\d+)"/g)].map((m) => Number(m[1])).sort((a, b) => a - b);

describe('entities page', () => {
  it('shows each entity\'s own mention and event counts', async () => {
    const page = await html(analyst, '/entities');
    const counts = (id: number) => {
      const row = new RegExp(`<tr data-entity-id="${id}">[\\s\\S]*?<td class="num[\\w ]*">(\\d+)</td><td class="num[\\w ]*">(\\d+)</td>`).exec(page);
      return row ? [Number(row[1]), Number(row[2])] : null;
    };
    expect(counts(seed.ids.alibabaDup)).toEqual([1, 1]); // one mention, the firm of the hiring event
    expect(counts(seed.ids.alibaba)).toEqual([1, 0]);
    expect(counts(seed.ids.sunnyvale)).toEqual([1, 1]); // the place of the hiring event
    expect(counts(seed.ids.singapore)).toEqual([1, 0]);
    expect(counts(seed.ids.meituan)).toEqual([0, 1]);
  });

  it('has a page per entity with the same counts', async () => {
    const page = await html(analyst, `/entities/${seed.ids.meituan}`);
    expect(page).toContain('<dd class="num mentions">0</dd>');
    expect(page).toMatch(/<dd class="num events"><a href="[^"]+">1<\/a><\/dd>/);
    expect(page).not.toContain('id="merge-into"'); // analysts do not merge
    expect((await analyst.request('/entities/999999')).status).toBe(404);
  });
});

describe('editing the firm', () => {
  it('replaces the old firm in "Firms involved" too', async () => {
    const id = seed.events.export; // firm Nvidia, firms [Nvidia]
    const csrf = await analyst.csrf();
    // The form sends every field; "firms" comes back unchanged because the analyst only touched "firm".
    const res = await analyst.post(`/events/${id}/edit`, { _csrf: csrf, type: 'export_control', firm: 'AMD', location: '', person: '', roles: '', sourceFirms: '', firms: 'Nvidia', agency: 'BIS', headcount: '' });
    expect(res.status).toBe(303);
    const [row] = await database.db.select().from(events).where(eq(events.id, id));
    expect(row).toMatchObject({ firm: 'AMD', firms: ['AMD'] });
    const page = await html(analyst, `/events/${id}`);
    expect(page).toContain('name="firms" value="AMD"');
    expect(page).toMatch(/<code>firms<\/code>: <del>Nvidia<\/del> → <ins>AMD<\/ins>/);
  });
});

describe('the queue', () => {
  it('has an outlet column and an event-date column that says "undated" when there is no date', async () => {
    const page = await html(analyst, '/?minConfidence=0');
    expect(page).toContain('<th title="when the event happened">Event date</th>');
    expect(page).toContain('<th>Outlet</th>');
    const undated = new RegExp(`<tr data-id="${undatedId}"[\\s\\S]*?</tr>`).exec(page)?.[0] ?? '';
    expect(undated).toContain('<td class="date"><span class="undated">undated</span></td>');
    expect(undated).toContain('<td class="outlet">undated.example.net</td>');
    const hiring = new RegExp(`<tr data-id="${seed.events.hiring}"[\\s\\S]*?</tr>`).exec(page)?.[0] ?? '';
    expect(hiring).toContain('<td class="date">2025-03-04</td>');
    expect(hiring).toContain('<td class="outlet">Example News</td>');
    const api = (await (await analyst.request(`/api/events?pageSize=100`)).json()) as { events: Array<{ id: number; date: string | null; outlet: string | null }> };
    expect(api.events.find((e) => e.id === undatedId)).toMatchObject({ date: null });
  });

  it('offers the languages present as a list', async () => {
    const page = await html(analyst, '/?status=all&language=de');
    const select = /<select name="language">([\s\S]*?)<\/select>/.exec(page)?.[1] ?? '';
    expect([...select.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1])).toEqual(['', 'de', 'en', 'fr', 'ja']);
    expect(select).toContain('<option value="de" selected>');
    expect(page).not.toContain('<input name="language"');
  });

  it('hides events below the configured threshold by default, shows it in the filter bar, and 0 shows all', async () => {
    const page = await html(analyst, '/?status=all');
    expect(page).toMatch(/name="minConfidence" min="0" max="1" step="0.05" value="0.7"/);
    // 0.91 hiring, 0.95 undated, 0.85 export; not 0.62, 0.77 (approved, but >= 0.7), 0.3
    const shown = queueIds(page);
    expect(shown).toEqual([seed.events.hiring, seed.events.approved, seed.events.export, undatedId].sort((a, b) => a - b));
    expect(queueIds(await html(analyst, '/?status=all&minConfidence=0')).length).toBe(6);
    // Links from the queue carry the threshold, so the export is what the page shows.
    expect(page).toContain('href="/export.csv?status=all&amp;minConfidence=0.7"');
  });

  it('refuses a bad review.yaml at start, naming the file, line and key', async () => {
    const bad = mkdtempSync(join(tmpdir(), 'radar-review-bad-'));
    try {
      writeFileSync(join(bad, 'review.yaml'), '# threshold\nmin_confidence_default: 1.5\n');
      expect(() => createApp({ db: database.db, configDir: bad })).toThrow(`${join(bad, 'review.yaml')}:2: key "min_confidence_default"`);
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
  });

  it('sorts by confidence', async () => {
    const page = await html(analyst, '/?status=all&minConfidence=0&sort=confidence&dir=asc');
    const order = [...page.matchAll(/<span class="conf c-\w+">([\d.]+)<\/span>/g)].map((m) => Number(m[1]));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(order.length).toBe(6);
  });
});

describe('the way back from an event', () => {
  const filters = 'status=all&type=hiring&minConfidence=0.1&sort=confidence&dir=asc&page=1&pageSize=2';
  it('keeps the queue\'s filters, sort and page in "← queue", and through a save or a review', async () => {
    const queue = await html(analyst, `/?${filters}`);
    const link = /<a class="open" href="([^"]+)"/.exec(queue)?.[1]?.replace(/&amp;/g, '&') ?? '';
    const back = new URL(link, 'http://x').searchParams.get('back');
    expect(back).toBe('status=all&type=hiring&minConfidence=0.1&sort=confidence&dir=asc&pageSize=2');
    const event = await html(analyst, link);
    expect(event).toContain(`<a href="/?${back!.replace(/&/g, '&amp;')}" id="back">← queue</a>`);
    const csrf = await analyst.csrf();
    const id = /\/events\/(\d+)/.exec(link)?.[1];
    const saved = await analyst.post(`/events/${id}/status`, { _csrf: csrf, status: 'approved', back: back! });
    const next = saved.headers.get('location') ?? '';
    expect(new URL(next, 'http://x').searchParams.get('back')).toBe(back);
    expect(await html(analyst, next)).toContain(`<a href="/?${back!.replace(/&/g, '&amp;')}" id="back">← queue</a>`);
  });
});

describe('merge into… from an entity page', () => {
  it('finds a target by type-ahead however many entities match a search', async () => {
    // 250 firms that all match "Holding" and outrank the target by mentions; the search page caps at 200 rows.
    await database.db.insert(entities).values(Array.from({ length: 250 }, (_, i) => ({ key: `new:firm:filler-${i}`, type: 'firm' as const, canonicalName: `Filler Holding ${i}` })));
    const [target] = await database.db.insert(entities).values({ key: 'new:firm:zz-target-holding', type: 'firm', canonicalName: 'Zz Target Holding' }).returning({ id: entities.id });
    const body = (await (await admin.request(`/api/entities?type=firm&exclude=${seed.ids.meituan}&q=${encodeURIComponent('zz target')}`)).json()) as { entities: Array<{ id: number; label: string }> };
    expect(body.entities.map((e) => e.id)).toEqual([target!.id]);
    expect(body.entities[0]?.label).toBe(`Zz Target Holding · new:firm:zz-target-holding #${target!.id}`);
    expect((await admin.request('/api/entities?type=party&q=x')).status).toBe(400);
    expect((await admin.request('/api/entities?q=a%00')).status).toBe(400);
  });

  it('merges with the chosen label or an exact name, needs the CSRF token, and refuses an unknown name', async () => {
    const page = await html(admin, `/entities/${seed.ids.bytedance}`);
    expect(page).toContain(`data-typeahead="/api/entities?type=firm&amp;exclude=${seed.ids.bytedance}"`);
    const csrf = TestClient.csrfOf(page);
    expect((await admin.post(`/entities/${seed.ids.bytedance}/merge-into`, { target: `Meituan · firm:meituan #${seed.ids.meituan}` })).status).toBe(403);
    const unknown = await admin.post(`/entities/${seed.ids.bytedance}/merge-into`, { _csrf: csrf, target: 'No Such Firm' });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('no firm is named &quot;No Such Firm&quot;');
    const wrongType = await admin.post(`/entities/${seed.ids.bytedance}/merge-into`, { _csrf: csrf, target: `Singapore · loc:singapore #${seed.ids.singapore}` });
    expect(wrongType.status).toBe(400);
    const res = await admin.post(`/entities/${seed.ids.bytedance}/merge-into`, { _csrf: csrf, target: `Meituan · firm:meituan #${seed.ids.meituan}` });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/entities/${seed.ids.meituan}?done=merged`);
    const [loser] = await database.db.select().from(entities).where(eq(entities.id, seed.ids.bytedance));
    expect(loser?.mergedIntoId).toBe(seed.ids.meituan);
    expect(await html(admin, `/entities/${seed.ids.bytedance}`)).toContain(`Merged into <a href="/entities/${seed.ids.meituan}">Meituan</a>`);
    // By exact name, without the type-ahead (no JavaScript).
    const byName = await admin.post(`/entities/${seed.ids.sunnyvale}/merge-into`, { _csrf: csrf, target: 'singapore' });
    expect(byName.headers.get('location')).toBe(`/entities/${seed.ids.singapore}?done=merged`);
  });
});
