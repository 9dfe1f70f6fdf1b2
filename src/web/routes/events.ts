// The review queue and the event page: list, bulk status change, show, edit slots, approve/reject with a note.
import { Hono } from 'hono';
import { eq } from 'drizzle-orm';
import { events } from '../../db/schema.ts';
import { InputError } from '../../errors.ts';
import type { AppEnv, Ctx } from '../env.ts';
import { intParam, sessionOf } from '../env.ts';
import { setEventStatus, updateEventSlots, type SlotPatch } from '../../db/queries/events.ts';
import { getEventDetail, listEventLanguages, listEvents } from '../queries/events.ts';
import { errorResponse } from '../respond.ts';
import { EVENT_STATUSES, EVENT_TYPES, filtersToQuery, parseFilters, parseFiltersOrDefault, type EventStatus, type EventType } from '../queries/filters.ts';
import { eventBody } from '../views/event.ts';
import { page } from '../views/layout.ts';
import { queueBody } from '../views/queue.ts';

const VERBS: Record<string, string> = { approved: 'approved', rejected: 'rejected', pending: 'moved back to pending', saved: 'saved', unchanged: 'left unchanged' };

/** A fixed-vocabulary notice from ?done=verb:count (never echoes free text). */
export function noticeFrom(done: string | undefined): string | null {
  const [verb, count] = (done ?? '').split(':');
  const text = verb ? VERBS[verb] : undefined;
  if (!text) return null;
  const n = Number(count);
  return Number.isInteger(n) && n >= 0 ? `${n} event${n === 1 ? '' : 's'} ${text}.` : `Event ${text}.`;
}

function statusOf(v: unknown): EventStatus | null {
  return typeof v === 'string' && (EVENT_STATUSES as readonly string[]).includes(v) ? (v as EventStatus) : null;
}

/** The queue's query string carried to an event page and back ("← queue", u): only its valid filters are reused. */
export function backQuery(v: unknown): string {
  if (typeof v !== 'string' || !v) return '';
  const params = new URLSearchParams(v);
  return filtersToQuery(parseFiltersOrDefault((k) => params.get(k) ?? undefined));
}

/** An event page URL that keeps the way back to the queue. */
function eventUrl(id: number, back: string, done: string): string {
  const q = new URLSearchParams({ ...(back ? { back } : {}), done });
  return `/events/${id}?${q.toString()}`;
}

function text(v: unknown): string | null {
  return typeof v === 'string' && v.trim() ? v.trim().slice(0, 500) : null;
}

function list(v: unknown): string[] {
  return typeof v === 'string' ? v.split(';').map((s) => s.trim()).filter(Boolean).slice(0, 50) : [];
}

/** Reads the slot form (or a JSON body with the same keys) into a patch; InputError on a bad type or headcount. */
export function slotPatchFrom(body: Record<string, unknown>, form: boolean): SlotPatch {
  const patch: SlotPatch = {};
  if (body.type !== undefined) {
    if (typeof body.type !== 'string' || !(EVENT_TYPES as readonly string[]).includes(body.type)) throw new InputError(`event type "${String(body.type)}" is not one of ${EVENT_TYPES.join(', ')}`);
    patch.type = body.type as EventType;
  }
  for (const k of ['firm', 'location', 'person', 'agency'] as const) if (body[k] !== undefined) patch[k] = text(body[k]);
  for (const k of ['roles', 'sourceFirms', 'firms'] as const) {
    if (body[k] === undefined) continue;
    patch[k] = Array.isArray(body[k]) ? (body[k] as unknown[]).filter((x): x is string => typeof x === 'string').map((s) => s.trim()).filter(Boolean) : list(body[k]);
  }
  if (body.headcount !== undefined) {
    const raw = typeof body.headcount === 'number' ? String(body.headcount) : text(body.headcount);
    if (raw === null) patch.headcount = null;
    else if (/^\d{1,7}$/.test(raw)) patch.headcount = Number(raw);
    else throw new InputError(`headcount "${raw}" must be a whole number`);
  }
  if (form) patch.planned = body.planned === '1';
  else if (typeof body.planned === 'boolean') patch.planned = body.planned;
  return patch;
}

/** Sets the status of each event in turn (one transaction each); returns how many changed. */
async function setStatuses(c: Ctx, ids: number[], status: EventStatus): Promise<number> {
  const db = c.get('deps').db;
  const userId = sessionOf(c).user.id;
  let changed = 0;
  for (const id of ids) {
    const [before] = await db.select({ status: events.status }).from(events).where(eq(events.id, id));
    if (!before || before.status === status) continue;
    await setEventStatus(db, id, status, userId);
    changed++;
  }
  return changed;
}

async function queue(c: Ctx) {
  const session = sessionOf(c);
  const started = performance.now();
  const deps = c.get('deps');
  const defaultMinConfidence = deps.review.minConfidenceDefault;
  const filters = parseFilters((k) => c.req.query(k), { defaultMinConfidence });
  const [{ total, rows }, languages] = await Promise.all([listEvents(deps.db, filters), listEventLanguages(deps.db)]);
  const elapsedMs = Math.round(performance.now() - started);
  return c.html(page({
    title: 'Queue', user: session.user, csrfToken: session.csrfToken, nav: 'queue', bodyClass: 'page-queue',
    notice: noticeFrom(c.req.query('done')), body: queueBody({ filters, total, rows, csrfToken: session.csrfToken, elapsedMs, languages, defaultMinConfidence }),
  }));
}

/** Routes: GET /, POST /events/bulk, GET /events/:id, POST /events/:id/edit, POST /events/:id/status. */
export function eventRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/', queue);

  app.post('/events/bulk', async (c) => {
    const session = sessionOf(c);
    const body = await c.req.parseBody({ all: true });
    let ids = ([] as unknown[]).concat(body.ids ?? []).map((x) => intParam(String(x))).filter((x): x is number => x !== null);
    let status: EventStatus | null;
    if (typeof body.single === 'string') {
      const [verb, id] = body.single.split(':');
      status = verb === 'approve' ? 'approved' : verb === 'reject' ? 'rejected' : null;
      ids = [intParam(id)].filter((x): x is number => x !== null);
    } else {
      status = body.action === 'approve' ? 'approved' : body.action === 'reject' ? 'rejected' : body.action === 'pending' ? 'pending' : null;
    }
    if (!status) throw new InputError('bulk action must be approve, reject or pending');
    const changed = await setStatuses(c, ids.slice(0, 1000), status);
    const back = backQuery(body.back);
    return c.redirect(`/?${back}${back ? '&' : ''}done=${status}:${changed}`, 303);
  });

  app.get('/events/:id', async (c) => {
    const session = sessionOf(c);
    const id = intParam(c.req.param('id'));
    const detail = id === null ? null : await getEventDetail(c.get('deps').db, id);
    if (!detail) return errorResponse(c, 404, `There is no event ${c.req.param('id').slice(0, 40)}.`);
    return c.html(page({
      title: `Event ${detail.event.id}`, user: session.user, csrfToken: session.csrfToken, nav: 'queue', bodyClass: 'page-event',
      notice: noticeFrom(c.req.query('done')), body: eventBody(detail, session.csrfToken, backQuery(c.req.query('back'))),
    }));
  });

  app.post('/events/:id/edit', async (c) => {
    const session = sessionOf(c);
    const id = intParam(c.req.param('id'));
    if (id === null) return c.notFound();
    const body = await c.req.parseBody();
    const before = await c.get('deps').db.select({ updatedAt: events.updatedAt }).from(events).where(eq(events.id, id));
    const after = await updateEventSlots(c.get('deps').db, id, slotPatchFrom(body, true), session.user.id, text(body.note));
    return c.redirect(eventUrl(id, backQuery(body.back), after.updatedAt.getTime() !== before[0]?.updatedAt.getTime() ? 'saved' : 'unchanged'), 303);
  });

  app.post('/events/:id/status', async (c) => {
    const session = sessionOf(c);
    const id = intParam(c.req.param('id'));
    if (id === null) return c.notFound();
    const body = await c.req.parseBody();
    const status = statusOf(body.status);
    if (!status) throw new InputError(`status "${String(body.status)}" is not one of ${EVENT_STATUSES.join(', ')}`);
    await setEventStatus(c.get('deps').db, id, status, session.user.id, text(body.note));
    return c.redirect(eventUrl(id, backQuery(body.back), status), 303);
  });

  return app;
}
