// Review behaviour through HTTP: untrusted text renders inert, filters, slot edits with history, merges and aliases,
// CSV/JSON export with formula neutralising, and the JSON API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { entities, events, mentions, reviewActions } from '../../../src/db/schema.ts';
import { createApp } from '../../../src/web/app.ts';
import { openTestDatabase, type TestDatabase } from '../../helpers/db.ts';
import { TestClient } from './client.ts';
import { ADMIN, ANALYST, PASSWORD, seedReview, type ReviewSeed } from './seed-review.ts';

let database: TestDatabase;
let seed: ReviewSeed;
let admin: TestClient;
let analyst: TestClient;

beforeAll(async () => {
  database = await openTestDatabase();
  seed = await seedReview(database.db);
  const app = createApp({ db: database.db });
  admin = new TestClient(app);
  analyst = new TestClient(app);
  await admin.login(ADMIN, PASSWORD);
  await analyst.login(ANALYST, PASSWORD);
});
afterAll(async () => database?.destroy());

/** Payload markers that must never reach the page as live markup. */
const LIVE = [/<script>window\.__xss/i, /<img src=x onerror/i, /<svg onload/i, /href="javascript:/i, /<b>Evil<\/b>/];

describe('untrusted article text', () => {
  it('renders the title, body, evidence and slots of a hostile article as text', async () => {
    const res = await analyst.request(`/events/${seed.events.xss}`);
    expect(res.status).toBe(200);
    const page = await res.text();
    for (const re of LIVE) expect(page).not.toMatch(re);
    expect(page).toContain('&lt;script&gt;window.__xss=1&lt;/script&gt;');
    expect(page).toContain('&lt;svg onload=&quot;window.__xss=5&quot;&gt;');
    expect(page).toContain('&quot;&gt;&lt;script&gt;window.__xss=7&lt;/script&gt;');
    // The only scripts are the app's own file.
    expect(page.match(/<script/g)).toHaveLength(1);
    expect(page).toContain('<script src="/static/app.js" defer></script>');
    // The evidence is highlighted and the entity inside it is marked.
    expect(page).toMatch(/<mark id="evidence" class="evidence"><mark class="ent ent-firm" title="firm: ByteDance" data-entity="\d+">ByteDance<\/mark> &lt;svg/);
  });

  it('keeps the queue inert too', async () => {
    const page = await (await analyst.request('/?status=all')).text();
    for (const re of LIVE) expect(page).not.toMatch(re);
  });

  it('sends a strict CSP and the other security headers', async () => {
    const res = await analyst.request('/');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
  });
});

describe('queue filters', () => {
  const ids = async (query: string) => ((await (await analyst.request(`/api/events?${query}`)).json()) as { events: Array<{ id: number }> }).events.map((e) => e.id).sort((a, b) => a - b);

  it('filters by status, type, firm, place, language, date and confidence', async () => {
    const s = seed.events;
    expect(await ids('')).toEqual([s.hiring, s.xss, s.formula, s.export].sort((a, b) => a - b));
    expect(await ids('status=approved')).toEqual([s.approved]);
    expect(await ids('status=all&type=export_control')).toEqual([s.export]);
    expect(await ids('status=all&firm=alibaba')).toEqual([s.hiring]);
    expect(await ids('status=all&place=sunny')).toEqual([s.hiring]);
    expect(await ids('status=all&language=de')).toEqual([s.export]);
    expect(await ids('status=all&from=2025-03-01&to=2025-03-05')).toEqual([s.hiring, s.xss]);
    expect(await ids('status=all&minConfidence=0.8')).toEqual([s.hiring, s.export]);
    expect(await ids('status=all&firm=%25')).toEqual([]); // LIKE wildcards are literal
  });

  it('sorts and pages', async () => {
    const body = (await (await analyst.request('/api/events?status=all&sort=confidence&dir=asc&pageSize=2&page=2')).json()) as { total: number; events: Array<{ confidence: number }> };
    expect(body.total).toBe(5);
    expect(body.events.map((e) => e.confidence)).toEqual([0.77, 0.85].map((x) => expect.closeTo(x, 5)));
    const page = await (await analyst.request('/?status=all&pageSize=2&minConfidence=0')).text();
    expect(page).toMatch(/1–2 of <strong class="total">5<\/strong>/);
    expect(page).toContain('page 1 / 3');
  });
});

describe('editing and reviewing an event', () => {
  it('records slot edits with before and after and shows them as history', async () => {
    const id = seed.events.hiring;
    const csrf = await analyst.csrf();
    const res = await analyst.post(`/events/${id}/edit`, {
      _csrf: csrf, type: 'expansion', firm: 'Alibaba', location: 'Sunnyvale', person: '', roles: 'applied scientist; ML engineer',
      sourceFirms: '', firms: 'Alibaba', agency: '', headcount: '15', note: 'firm is the parent',
    });
    expect(res.status).toBe(303);
    const [row] = await database.db.select().from(events).where(eq(events.id, id));
    expect(row).toMatchObject({ type: 'expansion', firm: 'Alibaba', firmEntityId: seed.ids.alibaba, roles: ['applied scientist', 'ML engineer'], headcount: 15, edited: true });
    const [action] = await database.db.select().from(reviewActions).where(eq(reviewActions.eventId, id));
    expect(action).toMatchObject({ action: 'edit', userId: seed.analystId, note: 'firm is the parent' });
    expect(action?.before).toEqual({ type: 'hiring', firm: 'Alibaba Group Holding', roles: ['applied scientist'], firms: ['Alibaba Group Holding'], headcount: 12 });
    expect(action?.after).toEqual({ type: 'expansion', firm: 'Alibaba', roles: ['applied scientist', 'ML engineer'], firms: ['Alibaba'], headcount: 15 });
    const page = await (await analyst.request(`/events/${id}`)).text();
    expect(page).toContain('<strong>edit</strong> by analyst@example.com');
    expect(page).toMatch(/<code>headcount<\/code>: <del>12<\/del> → <ins>15<\/ins>/);
  });

  it('rejects a bad headcount or type with a 400 and changes nothing', async () => {
    const csrf = await analyst.csrf();
    expect((await analyst.post(`/events/${seed.events.hiring}/edit`, { _csrf: csrf, headcount: 'lots' })).status).toBe(400);
    expect((await analyst.post(`/events/${seed.events.hiring}/edit`, { _csrf: csrf, type: 'party' })).status).toBe(400);
  });

  it('approves with a note and bulk-rejects from the queue', async () => {
    const csrf = await analyst.csrf();
    expect((await analyst.post(`/events/${seed.events.hiring}/status`, { _csrf: csrf, status: 'approved', note: 'two sources' })).status).toBe(303);
    const page = await (await analyst.request(`/events/${seed.events.hiring}`)).text();
    expect(page).toContain('<blockquote>two sources</blockquote>');
    const bulk = await analyst.post('/events/bulk', { _csrf: csrf, action: 'reject', ids: [String(seed.events.formula), String(seed.events.xss)], back: 'type=hiring&firm=x' });
    expect(bulk.headers.get('location')).toBe('/?type=hiring&firm=x&done=rejected:2');
    const rows = await database.db.select({ id: events.id, status: events.status }).from(events);
    expect(rows.filter((r) => r.status === 'rejected').map((r) => r.id).sort()).toEqual([seed.events.xss, seed.events.formula].sort());
  });

  it('shows every supporting article with a link to the original', async () => {
    const page = await (await analyst.request(`/events/${seed.events.hiring}`)).text();
    expect(page).toContain('Supporting articles (2)');
    expect(page).toContain('href="https://news.example.com/alibaba-sunnyvale" rel="noopener noreferrer nofollow"');
    expect(page).toContain('href="https://other.example.org/alibaba-us"');
  });
});

describe('entities', () => {
  it('searches by alias', async () => {
    const page = await (await analyst.request('/entities?q=%E9%98%BF%E9%87%8C')).text();
    expect(page).toContain(`<td class="name"><a href="/entities/${seed.ids.alibaba}">Alibaba</a></td>`);
    expect(page).not.toContain('>ByteDance</a></td>');
  });

  it('merges a duplicate: names become aliases, mentions and events move, the loser is kept as merged', async () => {
    const csrf = await admin.csrf();
    const res = await admin.post('/entities/merge', { _csrf: csrf, survivorId: String(seed.ids.alibaba), otherIds: [String(seed.ids.alibabaDup)], back: 'q=ali' });
    expect(res.headers.get('location')).toBe('/entities?q=ali&done=merged');
    const [survivor] = await database.db.select().from(entities).where(eq(entities.id, seed.ids.alibaba));
    expect(survivor?.aliases).toEqual({ zh: ['阿里巴巴'], und: ['Alibaba Group Holding'], en: ['BABA'] });
    const [loser] = await database.db.select().from(entities).where(eq(entities.id, seed.ids.alibabaDup));
    expect(loser?.mergedIntoId).toBe(seed.ids.alibaba);
    expect(await database.db.select().from(mentions).where(eq(mentions.entityId, seed.ids.alibabaDup))).toEqual([]);
    expect((await database.db.select().from(mentions).where(eq(mentions.entityId, seed.ids.alibaba))).length).toBe(2);
    const page = await (await admin.request('/entities?q=alibaba')).text();
    expect(page).not.toContain('>Alibaba Group Holding</a></td>');
  });

  it('adds and removes aliases, recording both', async () => {
    const csrf = await admin.csrf();
    await admin.post(`/entities/${seed.ids.bytedance}/aliases`, { _csrf: csrf, alias: '字节跳动', lang: 'zh' });
    let [e] = await database.db.select().from(entities).where(eq(entities.id, seed.ids.bytedance));
    expect(e?.aliases).toEqual({ zh: ['字节跳动'] });
    await admin.post(`/entities/${seed.ids.bytedance}/aliases/remove`, { _csrf: csrf, alias: '字节跳动', lang: 'zh' });
    [e] = await database.db.select().from(entities).where(eq(entities.id, seed.ids.bytedance));
    expect(e?.aliases).toEqual({});
    const acts = await database.db.select().from(reviewActions).where(eq(reviewActions.entityId, seed.ids.bytedance));
    expect(acts.map((a) => a.action)).toEqual(['alias.add', 'alias.remove']);
    expect((await admin.post(`/entities/${seed.ids.bytedance}/aliases`, { _csrf: csrf, alias: 'x', lang: 'not a lang' })).status).toBe(400);
  });
});

describe('export', () => {
  it('writes CSV with quoting and neutralised formulas', async () => {
    const res = await analyst.request(`/export.csv?status=all&type=contraction`);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="radar-events-\d{8}-\d{6}\.csv"$/);
    const text = await res.text();
    const lines = text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('"id","status","type","date","firm","location","person","roles","source_firms","firms","agency","headcount","confidence","language","evidence","article_title","article_url","article_count","outlet"');
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")","'+Paris","'@boss","'-1+2; a ""quoted"", role"`);
    expect(text).toContain('"Line one,\nline ""two"""');
  });

  it('exports the same filtered set as JSON and through the API', async () => {
    const exp = (await (await analyst.request('/export.json?status=all&minConfidence=0.6')).json()) as { total: number; events: Array<{ id: number }> };
    const api = (await (await analyst.request('/api/events?status=all&minConfidence=0.6')).json()) as { total: number; events: Array<{ id: number }> };
    expect(exp.total).toBe(4);
    expect(exp.events.map((e) => e.id).sort()).toEqual(api.events.map((e) => e.id).sort());
    const one = (await (await analyst.request(`/api/events/${seed.events.hiring}`)).json()) as { event: { id: number }; supporting: unknown[]; history: unknown[] };
    expect(one.event.id).toBe(seed.events.hiring);
    expect(one.supporting).toHaveLength(2);
    expect((await analyst.request('/api/events/999999')).status).toBe(404);
  });
});

describe('API writes and errors', () => {
  it('edits slots through the JSON API with the CSRF header', async () => {
    const csrf = await analyst.csrf();
    const res = await analyst.request(`/api/events/${seed.events.export}/slots`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf }, body: JSON.stringify({ agency: 'BIS (Commerce)', headcount: null, note: 'full name' }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { event: Record<string, unknown> };
    expect(body.event).toMatchObject({ id: seed.events.export, agency: 'BIS (Commerce)', edited: true });
    expect(body.event).not.toHaveProperty('fingerprint');
    const bad = await analyst.request(`/api/events/${seed.events.export}/slots`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf }, body: JSON.stringify({ status: 'approved' }),
    });
    expect(bad.status).toBe(400);
  });

  it('answers 404 for a missing event and 400 for a cross-type merge', async () => {
    const csrf = await admin.csrf();
    expect((await admin.post('/events/999999/status', { _csrf: csrf, status: 'approved' })).status).toBe(404);
    expect((await admin.request('/events/999999')).status).toBe(404);
    expect((await admin.post('/entities/merge', { _csrf: csrf, survivorId: String(seed.ids.bytedance), otherIds: String(seed.ids.singapore) })).status).toBe(400);
  });
});

describe('digest preview', () => {
  it('shows a week and serves its HTML only inside a sandboxed frame', async () => {
    const res = await analyst.request('/digest?week=2025-W08');
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('name="week" value="2025-W08"');
    expect(page).toContain('<iframe class="digest-frame" title="digest HTML" sandbox src="/digest/preview?week=2025-W08">');
    const preview = await analyst.request('/digest/preview?week=2025-W08');
    expect(preview.status).toBe(200);
    expect(preview.headers.get('content-security-policy')).toContain('sandbox');
    expect(preview.headers.get('content-security-policy')).not.toContain('script-src');
    expect((await analyst.request('/digest?week=2025-W99x')).status).toBe(400);
  });
});
