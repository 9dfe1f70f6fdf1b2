// Entity queries shared by the store, reprocess and the review UI: resolving analyst merges to the surviving entity,
// merging two entities (mentions, events and aliases follow), and adding or removing aliases; every analyst change is
// recorded in review_actions.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { entities, eventArticles, events, mentions, reviewActions, type Entity } from '../schema.ts';
import { InputError } from '../../errors.ts';
import { eventIdentity } from '../../store/event-identity.ts';
import { NotFoundError } from './not-found.ts';

/** An entity that has not been merged away: what mentions and events point at. */
export interface LiveEntity {
  id: number;
  key: string;
  type: Entity['type'];
  canonicalName: string;
}

type EntityRef = LiveEntity & { mergedIntoId: number | null };

/** Merge chains longer than this are a data error (a cycle), not a real history. */
const MAX_MERGE_DEPTH = 16;

/** Maps each given entity id to the live entity it resolves to by following merged_into_id. */
export async function resolveSurvivors(db: Db, rows: EntityRef[]): Promise<Map<number, LiveEntity>> {
  const known = new Map<number, EntityRef>(rows.map((r) => [r.id, r]));
  for (let depth = 0; depth < MAX_MERGE_DEPTH; depth++) {
    const missing = [...known.values()].map((r) => r.mergedIntoId).filter((id): id is number => id !== null && !known.has(id));
    if (!missing.length) break;
    const more = await db
      .select({ id: entities.id, key: entities.key, type: entities.type, canonicalName: entities.canonicalName, mergedIntoId: entities.mergedIntoId })
      .from(entities)
      .where(inArray(entities.id, [...new Set(missing)]));
    for (const r of more) known.set(r.id, r);
    if (more.length === 0) break;
  }
  const out = new Map<number, LiveEntity>();
  for (const r of rows) {
    let cur: EntityRef | undefined = r;
    for (let depth = 0; cur?.mergedIntoId != null && depth < MAX_MERGE_DEPTH; depth++) cur = known.get(cur.mergedIntoId) ?? cur;
    const live = cur ?? r;
    out.set(r.id, { id: live.id, key: live.key, type: live.type, canonicalName: live.canonicalName });
  }
  return out;
}

/** One entity by id, or null. */
export async function getEntityById(db: Db, id: number): Promise<Entity | null> {
  const [row] = await db.select().from(entities).where(eq(entities.id, id)).limit(1);
  return row ?? null;
}

function unionAliases(a: Record<string, string[]>, b: Record<string, string[]>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const src of [a, b]) for (const [lang, list] of Object.entries(src)) out[lang] = [...new Set([...(out[lang] ?? []), ...list])].sort();
  return out;
}

/**
 * Recomputes the identity key of events about `entity` (after a merge re-pointed them at it), so later reports of
 * the survivor join them instead of opening a twin.
 */
export async function rekeyEventsForEntity(tx: Db, entity: LiveEntity): Promise<number> {
  const rows = await tx
    .select({ id: events.id, type: events.type, person: events.person, agency: events.agency, identityKey: events.identityKey })
    .from(events)
    .where(eq(events.firmEntityId, entity.id));
  let changed = 0;
  for (const r of rows) {
    const identityKey = eventIdentity({ type: r.type, firm: entity.canonicalName, firmKey: entity.key, person: r.person, agency: r.agency });
    if (identityKey === r.identityKey) continue;
    await tx.update(events).set({ identityKey }).where(eq(events.id, r.id));
    changed++;
  }
  return changed;
}

/**
 * Merges entity `fromId` into `intoId` (or into what `intoId` was itself merged into): mentions, events and
 * per-article event readings point at the survivor, the loser's name and aliases become the survivor's aliases,
 * the loser keeps its row with merged_into_id set so its key still resolves. Slots of analyst-edited events keep
 * their text. Returns the survivor.
 */
export async function mergeEntities(db: Db, fromId: number, intoId: number, userId: number | null): Promise<Entity> {
  return db.transaction(async (tx) => {
    const rows = await tx.select().from(entities).where(inArray(entities.id, [fromId, intoId])).for('update');
    const from = rows.find((r) => r.id === fromId);
    const target = rows.find((r) => r.id === intoId);
    if (!from) throw new NotFoundError('entity', fromId);
    if (!target) throw new NotFoundError('entity', intoId);
    const live = (await resolveSurvivors(tx, [target])).get(target.id)!;
    const [into] = await tx.select().from(entities).where(eq(entities.id, live.id)).for('update');
    if (!into) throw new NotFoundError('entity', live.id);
    if (from.mergedIntoId !== null) throw new InputError(`entity ${fromId} (${from.canonicalName}) was already merged into entity ${from.mergedIntoId}`);
    if (into.id === from.id) throw new InputError(`entity ${fromId} cannot be merged into itself`);
    if (into.type !== from.type) throw new InputError(`entity ${fromId} is a ${from.type} and entity ${into.id} a ${into.type}: only entities of one type merge`);
    const now = new Date();
    // The unique (article, span, entity) index: a span already marked for the survivor keeps only that mark.
    await tx.execute(sql`delete from ${mentions} m where m.entity_id = ${from.id} and exists (
      select 1 from ${mentions} m2 where m2.article_id = m.article_id and m2.start = m.start and m2."end" = m."end" and m2.entity_id = ${into.id})`);
    await tx.update(mentions).set({ entityId: into.id }).where(eq(mentions.entityId, from.id));
    await tx.update(events).set({ firm: into.canonicalName }).where(and(eq(events.firmEntityId, from.id), eq(events.edited, false)));
    await tx.update(events).set({ firmEntityId: into.id, updatedAt: now }).where(eq(events.firmEntityId, from.id));
    await tx.update(events).set({ location: into.canonicalName }).where(and(eq(events.locationEntityId, from.id), eq(events.edited, false)));
    await tx.update(events).set({ locationEntityId: into.id, updatedAt: now }).where(eq(events.locationEntityId, from.id));
    for (const [idKey, nameKey] of [['firmEntityId', 'firm'], ['locationEntityId', 'location']] as const) {
      await tx.execute(sql`update ${eventArticles} set extracted = ${eventArticles.extracted}
          || jsonb_build_object(${idKey}::text, ${into.id}::int, ${nameKey}::text, ${into.canonicalName}::text)
        where (${eventArticles.extracted} ->> ${idKey}::text) = ${String(from.id)}`);
    }
    const rekeyed = await rekeyEventsForEntity(tx, into);
    const extra: Record<string, string[]> = from.canonicalName !== into.canonicalName ? { und: [from.canonicalName] } : {};
    const aliases = unionAliases(into.aliases, unionAliases(from.aliases, extra));
    await tx.update(entities).set({ aliases, updatedAt: now }).where(eq(entities.id, into.id));
    await tx.update(entities).set({ mergedIntoId: into.id, updatedAt: now }).where(eq(entities.mergedIntoId, from.id));
    await tx.update(entities).set({ mergedIntoId: into.id, updatedAt: now }).where(eq(entities.id, from.id));
    await tx.insert(reviewActions).values({
      userId, entityId: from.id, action: 'entity.merge', createdAt: now,
      before: { id: from.id, key: from.key, name: from.canonicalName, mergedIntoId: null, survivorAliases: into.aliases },
      after: { mergedIntoId: into.id, key: into.key, name: into.canonicalName, survivorAliases: aliases, rekeyedEvents: rekeyed },
    });
    return { ...into, aliases, updatedAt: now };
  });
}

function cleanAlias(alias: string, lang: string): { alias: string; lang: string } {
  const a = alias.normalize('NFC').replace(/\s+/gu, ' ').trim();
  const l = lang.trim().toLowerCase() || 'und';
  if (!a || a.length > 200) throw new InputError(`alias "${alias}" must be 1-200 characters`);
  if (!/^[a-z]{2,3}(-[a-z0-9]{2,8})?$/.test(l)) throw new InputError(`alias language "${lang}" is not a language code such as en, zh or und`);
  return { alias: a, lang: l };
}

async function changeAliases(
  db: Db, entityId: number, userId: number | null, action: string, edit: (list: string[]) => string[], lang: string,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [e] = await tx.select().from(entities).where(eq(entities.id, entityId)).for('update');
    if (!e) throw new NotFoundError('entity', entityId);
    const list = e.aliases[lang] ?? [];
    const next = edit(list);
    if (next.length === list.length && next.every((a, i) => a === list[i])) return false;
    const aliases = { ...e.aliases, [lang]: next };
    if (!next.length) delete aliases[lang];
    await tx.update(entities).set({ aliases, updatedAt: new Date() }).where(eq(entities.id, e.id));
    await tx.insert(reviewActions).values({ userId, entityId: e.id, action, before: { aliases: e.aliases }, after: { aliases } });
    return true;
  });
}

/** Adds an alias in a language ("und" when unknown) and records it; false when it was already there. */
export async function addAlias(db: Db, entityId: number, lang: string, alias: string, userId: number | null): Promise<boolean> {
  const c = cleanAlias(alias, lang);
  return changeAliases(db, entityId, userId, 'alias.add', (list) =>
    list.some((a) => a.toLowerCase() === c.alias.toLowerCase()) ? list : [...list, c.alias].sort(), c.lang);
}

/** Removes an alias (exact text within the language) and records it; false when it was not there. */
export async function removeAlias(db: Db, entityId: number, lang: string, alias: string, userId: number | null): Promise<boolean> {
  const c = cleanAlias(alias, lang);
  return changeAliases(db, entityId, userId, 'alias.remove', (list) => list.filter((a) => a !== c.alias), c.lang);
}
