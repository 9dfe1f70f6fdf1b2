// The JSON API and the exports: /api/events (same filters as the queue, paged), /api/events/:id, status and slot
// changes as JSON, the entity type-ahead (/api/entities), and /export.csv + /export.json with every event matching the filters. Session-cookie auth;
// POSTs need the X-CSRF-Token header (the token is in the page's <meta name="csrf-token">).
import { Hono } from 'hono';
import { InputError } from '../../errors.ts';
import type { AppEnv } from '../env.ts';
import { intParam, sessionOf } from '../env.ts';
import { setEventStatus, updateEventSlots } from '../../db/queries/events.ts';
import { getEventDetail, listEvents, type EventListRow } from '../queries/events.ts';
import { EVENT_STATUSES, parseFilters, type EventStatus } from '../queries/filters.ts';
import { toCsv } from '../csv.ts';
import { ENTITY_TYPES, suggestEntities, suggestionLabel, type EntityType } from '../queries/entities.ts';
import { enumParam, intParam as intQuery, parseParams, textParam } from '../params.ts';
import { slotPatchFrom } from './events.ts';

const EXPORT_LIMIT = 100_000;
const SLOT_KEYS = ['type', 'firm', 'location', 'person', 'roles', 'sourceFirms', 'firms', 'agency', 'headcount', 'planned'];

/** The public JSON shape of a queue row. */
export function eventJson(r: EventListRow) {
  return {
    id: r.id, status: r.status, type: r.type, date: r.occurredAt?.toISOString() ?? null, outlet: r.outlet, firm: r.firm, location: r.location, person: r.person,
    roles: r.roles, sourceFirms: r.sourceFirms, firms: r.firms, agency: r.agency, headcount: r.headcount, confidence: r.confidence,
    language: r.language, evidence: r.evidenceText, article: { title: r.articleTitle, url: r.articleUrl }, articleCount: r.articleCount,
  };
}

const CSV_HEADER = ['id', 'status', 'type', 'date', 'firm', 'location', 'person', 'roles', 'source_firms', 'firms', 'agency', 'headcount', 'confidence', 'language', 'evidence', 'article_title', 'article_url', 'article_count', 'outlet'];

function csvRow(r: EventListRow): Array<string | number | null> {
  // An undated event has an empty date cell, never the day it was fetched.
  return [r.id, r.status, r.type, r.occurredAt?.toISOString().slice(0, 10) ?? null, r.firm, r.location, r.person, r.roles.join('; '), r.sourceFirms.join('; '),
    r.firms.join('; '), r.agency, r.headcount, r.confidence, r.language, r.evidenceText, r.articleTitle, r.articleUrl, r.articleCount, r.outlet];
}

function stamp(): string {
  return new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
}

/** Routes: GET /api/events, GET /api/events/:id, GET /api/entities, POST /api/events/:id/status, POST /api/events/:id/slots, GET /export.csv, GET /export.json. */
export function apiRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/api/events', async (c) => {
    const filters = parseFilters((k) => c.req.query(k), { maxPageSize: 1000 });
    const { total, rows } = await listEvents(c.get('deps').db, filters);
    return c.json({ total, page: filters.page, pageSize: filters.pageSize, events: rows.map(eventJson) });
  });

  app.get('/api/events/:id', async (c) => {
    const id = intParam(c.req.param('id'));
    const d = id === null ? null : await getEventDetail(c.get('deps').db, id);
    if (!d) return c.json({ error: 'no such event' }, 404);
    const { article, ...rest } = d;
    return c.json({ ...rest, article: article ? { ...article, text: undefined, textLength: article.text.length } : null });
  });

  app.post('/api/events/:id/status', async (c) => {
    const id = intParam(c.req.param('id'));
    if (id === null) return c.json({ error: 'bad id' }, 400);
    const body = (await c.req.json().catch(() => ({}))) as Record<string, unknown>;
    const status = typeof body.status === 'string' && (EVENT_STATUSES as readonly string[]).includes(body.status) ? (body.status as EventStatus) : null;
    if (!status) return c.json({ error: `status must be one of ${EVENT_STATUSES.join(', ')}` }, 400);
    const note = typeof body.note === 'string' ? body.note.slice(0, 2000) : null;
    const row = await setEventStatus(c.get('deps').db, id, status, sessionOf(c).user.id, note);
    return c.json({ id, status: row.status });
  });

  app.post('/api/events/:id/slots', async (c) => {
    const id = intParam(c.req.param('id'));
    if (id === null) return c.json({ error: 'bad id' }, 400);
    const body = (await c.req.json().catch(() => null)) as Record<string, unknown> | null;
    if (!body || typeof body !== 'object') throw new InputError('the request body must be a JSON object of slots');
    const { note, ...slots } = body;
    const unknown = Object.keys(slots).filter((k) => !SLOT_KEYS.includes(k));
    if (unknown.length) throw new InputError(`unknown slot(s) ${unknown.join(', ')}; editable: ${SLOT_KEYS.join(', ')}`);
    const row = await updateEventSlots(c.get('deps').db, id, slotPatchFrom(slots, false), sessionOf(c).user.id, typeof note === 'string' ? note : null);
    const { fingerprint: _f, identityKey: _i, ...event } = row;
    return c.json({ event });
  });

  // The "merge into…" type-ahead: up to 20 live entities of one type matching the typed text.
  app.get('/api/entities', async (c) => {
    const p = parseParams<{ q: string; type: EntityType | null; exclude: number | null }>((k) => c.req.query(k),
      { q: textParam, type: enumParam(ENTITY_TYPES), exclude: intQuery(1, 2_147_483_647) }, { q: '', type: null, exclude: null });
    const rows = await suggestEntities(c.get('deps').db, { q: p.q, type: p.type, excludeId: p.exclude });
    return c.json({ entities: rows.map((r) => ({ id: r.id, key: r.key, type: r.type, name: r.canonicalName, label: suggestionLabel(r) })) });
  });

  app.get('/export.csv', async (c) => {
    const { rows } = await listEvents(c.get('deps').db, parseFilters((k) => c.req.query(k)), { unpaged: true, limit: EXPORT_LIMIT });
    c.header('Content-Disposition', `attachment; filename="radar-events-${stamp()}.csv"`);
    return c.body(toCsv(CSV_HEADER, rows.map(csvRow)), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
  });

  app.get('/export.json', async (c) => {
    const { total, rows } = await listEvents(c.get('deps').db, parseFilters((k) => c.req.query(k)), { unpaged: true, limit: EXPORT_LIMIT });
    c.header('Content-Disposition', `attachment; filename="radar-events-${stamp()}.json"`);
    return c.json({ total, exported: rows.length, events: rows.map(eventJson) });
  });

  return app;
}
