// Entities (everyone searches; admins merge and edit aliases), feeds and users (admins only).
import { Hono } from 'hono';
import { createUser, listUsers, setUserDisabled, type Role } from '../../auth/users.ts';
import { deleteUserSessions } from '../../auth/sessions.ts';
import { InputError } from '../../errors.ts';
import type { AppEnv, Ctx } from '../env.ts';
import { intParam, sessionOf } from '../env.ts';
import { addAlias, mergeEntities, removeAlias } from '../../db/queries/entities.ts';
import { listRuns } from '../../db/queries/runs.ts';
import { ENTITY_TYPES, getEntity, resolveMergeTarget, searchEntities, type EntityType } from '../queries/entities.ts';
import { enumParam, parseParams, textParam } from '../params.ts';
import { addFeed, listFeeds, removeFeed, setFeedPaused } from '../queries/feeds.ts';
import { requireAdmin } from '../security.ts';
import { entitiesBody, feedsBody, usersBody } from '../views/admin.ts';
import { entityBody } from '../views/entity.ts';
import { page } from '../views/layout.ts';

const NOTICES: Record<string, string> = {
  merged: 'Entities merged.', alias: 'Aliases updated.', feed_added: 'Feed added.', feed_paused: 'Feed paused.', feed_resumed: 'Feed resumed.',
  feed_removed: 'Feed removed.', user_added: 'Account created.', user_updated: 'Account updated.',
};

function notice(c: Ctx): string | null {
  return NOTICES[c.req.query('done') ?? ''] ?? null;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** The entity search's query parameters, validated at the edge like the queue's. */
export function parseEntitySearch(get: (key: string) => string | undefined): { q: string; type: EntityType | null } {
  return parseParams<{ q: string; type: EntityType | null }>(get, { q: textParam, type: enumParam(ENTITY_TYPES) }, { q: '', type: null });
}

function backTo(path: string, back: unknown, done: string): string {
  const q = new URLSearchParams(typeof back === 'string' ? back : '');
  const keep = new URLSearchParams();
  for (const k of ['q', 'type']) if (q.get(k)) keep.set(k, q.get(k) ?? '');
  keep.set('done', done);
  return `${path}?${keep.toString()}`;
}

/** Routes: /entities (GET, POST merge, POST aliases), /feeds (admin), /users (admin). */
export function adminRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/entities', async (c) => {
    const s = sessionOf(c);
    const { q, type } = parseEntitySearch((k) => c.req.query(k));
    const rows = await searchEntities(c.get('deps').db, { q, type, limit: 200 });
    return c.html(page({ title: 'Entities', user: s.user, csrfToken: s.csrfToken, nav: 'entities', notice: notice(c),
      body: entitiesBody({ q, type, rows, csrf: s.csrfToken, canEdit: s.user.role === 'admin' }) }));
  });

  app.post('/entities/merge', requireAdmin, async (c) => {
    const body = await c.req.parseBody({ all: true });
    const survivorId = intParam(str(body.survivorId));
    const otherIds = ([] as unknown[]).concat(body.otherIds ?? []).map((x) => intParam(String(x))).filter((x): x is number => x !== null);
    if (survivorId === null) throw new InputError('merge: choose the entity to keep');
    const others = [...new Set(otherIds)].filter((id) => id !== survivorId);
    if (others.length === 0) throw new InputError('merge: tick at least one other entity to merge into the kept one');
    for (const fromId of others) await mergeEntities(c.get('deps').db, fromId, survivorId, sessionOf(c).user.id);
    return c.redirect(backTo('/entities', body.back, 'merged'), 303);
  });

  app.get('/entities/:id', async (c) => {
    const s = sessionOf(c);
    const id = intParam(c.req.param('id'));
    const entity = id === null ? null : await getEntity(c.get('deps').db, id);
    if (!entity) return c.notFound();
    const mergedInto = entity.mergedIntoId === null ? null : await getEntity(c.get('deps').db, entity.mergedIntoId);
    return c.html(page({ title: entity.canonicalName, user: s.user, csrfToken: s.csrfToken, nav: 'entities', notice: notice(c),
      body: entityBody({ entity, mergedInto, csrf: s.csrfToken, canEdit: s.user.role === 'admin' }) }));
  });

  // "Merge into…" from an entity's own page: the target is picked with the type-ahead (or typed as its exact name or key).
  app.post('/entities/:id/merge-into', requireAdmin, async (c) => {
    const id = intParam(c.req.param('id'));
    if (id === null) return c.notFound();
    const body = await c.req.parseBody();
    const db = c.get('deps').db;
    const from = await getEntity(db, id);
    if (!from) return c.notFound();
    const target = await resolveMergeTarget(db, str(body.target), from);
    await mergeEntities(db, id, target.id, sessionOf(c).user.id);
    return c.redirect(`/entities/${target.id}?done=merged`, 303);
  });

  app.post('/entities/:id/aliases', requireAdmin, async (c) => {
    const id = intParam(c.req.param('id'));
    if (id === null) return c.notFound();
    const body = await c.req.parseBody();
    await addAlias(c.get('deps').db, id, str(body.lang), str(body.alias), sessionOf(c).user.id);
    return c.redirect(backTo('/entities', body.back, 'alias'), 303);
  });

  app.post('/entities/:id/aliases/remove', requireAdmin, async (c) => {
    const id = intParam(c.req.param('id'));
    if (id === null) return c.notFound();
    const body = await c.req.parseBody();
    await removeAlias(c.get('deps').db, id, str(body.lang), str(body.alias), sessionOf(c).user.id);
    return c.redirect(backTo('/entities', body.back, 'alias'), 303);
  });

  app.use('/feeds', requireAdmin);
  app.use('/feeds/*', requireAdmin);
  app.use('/users', requireAdmin);
  app.use('/users/*', requireAdmin);

  app.get('/feeds', async (c) => {
    const s = sessionOf(c);
    const db = c.get('deps').db;
    const [feedRows, runs] = await Promise.all([listFeeds(db), listRuns(db, { limit: 10 })]);
    return c.html(page({ title: 'Feeds', user: s.user, csrfToken: s.csrfToken, nav: 'feeds', notice: notice(c), body: feedsBody({ feeds: feedRows, runs, csrf: s.csrfToken }) }));
  });

  app.post('/feeds', async (c) => {
    const body = await c.req.parseBody();
    const interval = Number.parseInt(str(body.intervalMinutes) || '60', 10);
    await addFeed(c.get('deps').db, { url: str(body.url), title: str(body.title), language: str(body.language), intervalMinutes: interval, userId: sessionOf(c).user.id });
    return c.redirect('/feeds?done=feed_added', 303);
  });

  app.post('/feeds/:id/:op{pause|resume|remove}', async (c) => {
    const id = intParam(c.req.param('id'));
    if (id === null) return c.notFound();
    const op = c.req.param('op');
    const db = c.get('deps').db;
    const userId = sessionOf(c).user.id;
    if (op === 'remove') await removeFeed(db, { id, userId });
    else await setFeedPaused(db, { id, paused: op === 'pause', userId });
    return c.redirect(`/feeds?done=feed_${op === 'remove' ? 'removed' : op === 'pause' ? 'paused' : 'resumed'}`, 303);
  });

  app.get('/users', async (c) => {
    const s = sessionOf(c);
    return c.html(page({ title: 'Users', user: s.user, csrfToken: s.csrfToken, nav: 'users', notice: notice(c), body: usersBody({ users: await listUsers(c.get('deps').db), csrf: s.csrfToken, selfId: s.user.id }) }));
  });

  app.post('/users', async (c) => {
    const body = await c.req.parseBody();
    const role = str(body.role) as Role;
    await createUser(c.get('deps').db, { email: str(body.email), password: str(body.password), role });
    return c.redirect('/users?done=user_added', 303);
  });

  app.post('/users/:id/:op{enable|disable}', async (c) => {
    const id = intParam(c.req.param('id'));
    if (id === null || id === sessionOf(c).user.id) throw new InputError('you cannot disable your own account');
    const disabled = c.req.param('op') === 'disable';
    await setUserDisabled(c.get('deps').db, id, disabled);
    if (disabled) await deleteUserSessions(c.get('deps').db, id);
    return c.redirect('/users?done=user_updated', 303);
  });

  return app;
}
