// Entity queries for the review UI: search, merge duplicates, add and remove aliases. Aliases are stored in
// entities.aliases (per language) where extraction and `radar reprocess` pick them up through the knowledge base's
// extra-alias hook; every change is recorded in review_actions.
import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { InputError } from '../../errors.ts';
import { entities, entityType, events, mentions, reviewActions, type Entity } from '../../db/schema.ts';

export type EntityType = (typeof entityType.enumValues)[number];
export const ENTITY_TYPES = entityType.enumValues;

export interface EntityListRow {
  id: number;
  key: string;
  type: EntityType;
  canonicalName: string;
  aliases: Record<string, string[]>;
  country: string | null;
  mentionCount: number;
  eventCount: number;
}

function likePattern(s: string): string {
  return `%${s.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}

/** Live (unmerged) entities whose name, key or aliases contain the query, most mentioned first. */
export async function searchEntities(db: Db, input: { q: string; type: EntityType | null; limit?: number }): Promise<EntityListRow[]> {
  const conds: SQL[] = [isNull(entities.mergedIntoId)];
  if (input.type) conds.push(eq(entities.type, input.type));
  const q = input.q.trim();
  if (q) {
    const p = likePattern(q);
    conds.push(sql`(${entities.canonicalName} ilike ${p} or ${entities.key} ilike ${p} or ${entities.aliases}::text ilike ${p})`);
  }
  const mentionCount = sql<number>`(select count(*)::int from ${mentions} where ${mentions.entityId} = ${entities.id})`;
  const eventCount = sql<number>`(select count(*)::int from ${events} where ${events.firmEntityId} = ${entities.id} or ${events.locationEntityId} = ${entities.id})`;
  const rows = await db
    .select({ id: entities.id, key: entities.key, type: entities.type, canonicalName: entities.canonicalName, aliases: entities.aliases, country: entities.country, mentionCount, eventCount })
    .from(entities).where(and(...conds))
    .orderBy(sql`${mentionCount} desc`, asc(entities.canonicalName))
    .limit(input.limit ?? 100);
  return rows.map((r) => ({ ...r, mentionCount: Number(r.mentionCount), eventCount: Number(r.eventCount) }));
}

/** One entity by id, or null. */
export async function getEntity(db: Db, id: number): Promise<Entity | null> {
  const [row] = await db.select().from(entities).where(eq(entities.id, id)).limit(1);
  return row ?? null;
}

function addTo(aliases: Record<string, string[]>, lang: string, alias: string): Record<string, string[]> {
  const list = aliases[lang] ?? [];
  if (list.some((a) => a.toLowerCase() === alias.toLowerCase())) return aliases;
  return { ...aliases, [lang]: [...list, alias] };
}

/**
 * Merges duplicates into a survivor: their names and aliases become the survivor's aliases, their mentions and
 * events point at the survivor, and they are kept (mergedIntoId set) so old keys still resolve.
 */
export async function mergeEntities(db: Db, input: { survivorId: number; otherIds: number[]; userId: number }): Promise<Entity> {
  const others = [...new Set(input.otherIds)].filter((id) => id !== input.survivorId);
  if (others.length === 0) throw new InputError('merge needs a survivor and at least one other entity');
  return db.transaction(async (tx) => {
    const rows = await tx.select().from(entities).where(inArray(entities.id, [input.survivorId, ...others]));
    const survivor = rows.find((r) => r.id === input.survivorId);
    const losers = rows.filter((r) => r.id !== input.survivorId);
    if (!survivor || losers.length !== others.length) throw new InputError(`merge: entity ${input.survivorId} or one of ${others.join(', ')} does not exist`);
    if (survivor.mergedIntoId !== null || losers.some((l) => l.mergedIntoId !== null)) throw new InputError('merge: an entity that was already merged cannot take part in another merge');
    let aliases = survivor.aliases;
    for (const l of losers) {
      if (l.canonicalName !== survivor.canonicalName) aliases = addTo(aliases, 'und', l.canonicalName);
      for (const [lang, list] of Object.entries(l.aliases)) for (const a of list) aliases = addTo(aliases, lang, a);
    }
    const now = new Date();
    await tx.update(entities).set({ aliases, updatedAt: now }).where(eq(entities.id, survivor.id));
    for (const l of losers) {
      // The unique (article, span, entity) index: a span already marked for the survivor keeps only that mark.
      await tx.execute(sql`update ${mentions} m set entity_id = ${survivor.id} where m.entity_id = ${l.id} and not exists (
        select 1 from ${mentions} m2 where m2.article_id = m.article_id and m2.start = m.start and m2."end" = m."end" and m2.entity_id = ${survivor.id})`);
      await tx.delete(mentions).where(eq(mentions.entityId, l.id));
      await tx.update(events).set({ firmEntityId: survivor.id, firm: survivor.canonicalName, updatedAt: now }).where(eq(events.firmEntityId, l.id));
      await tx.update(events).set({ locationEntityId: survivor.id, location: survivor.canonicalName, updatedAt: now }).where(eq(events.locationEntityId, l.id));
      await tx.update(entities).set({ mergedIntoId: survivor.id, updatedAt: now }).where(eq(entities.mergedIntoId, l.id));
      await tx.update(entities).set({ mergedIntoId: survivor.id, updatedAt: now }).where(eq(entities.id, l.id));
      await tx.insert(reviewActions).values({
        userId: input.userId, entityId: l.id, action: 'entity.merge', createdAt: now,
        before: { id: l.id, key: l.key, name: l.canonicalName }, after: { mergedInto: survivor.id, key: survivor.key, name: survivor.canonicalName },
      });
    }
    await tx.insert(reviewActions).values({
      userId: input.userId, entityId: survivor.id, action: 'entity.merge', createdAt: now,
      before: { aliases: survivor.aliases }, after: { aliases, absorbed: losers.map((l) => ({ id: l.id, key: l.key, name: l.canonicalName })) },
    });
    return { ...survivor, aliases, updatedAt: now };
  });
}

function cleanAlias(alias: string, lang: string): { alias: string; lang: string } {
  const a = alias.normalize('NFC').replace(/\s+/g, ' ').trim();
  const l = lang.trim().toLowerCase() || 'und';
  if (!a || a.length > 200) throw new InputError(`alias "${alias}" must be 1-200 characters`);
  if (!/^[a-z]{2,3}(-[a-z0-9]{2,8})?$/.test(l)) throw new InputError(`alias language "${lang}" is not a language code such as en, zh or und`);
  return { alias: a, lang: l };
}

/** Adds an alias (in a language, "und" when unknown) to an entity and records it. */
export async function addAlias(db: Db, input: { entityId: number; alias: string; lang: string; userId: number }): Promise<void> {
  const { alias, lang } = cleanAlias(input.alias, input.lang);
  await db.transaction(async (tx) => {
    const [e] = await tx.select().from(entities).where(eq(entities.id, input.entityId)).limit(1);
    if (!e) throw new InputError(`entity ${input.entityId} does not exist`);
    const aliases = addTo(e.aliases, lang, alias);
    if (aliases === e.aliases) return;
    await tx.update(entities).set({ aliases, updatedAt: new Date() }).where(eq(entities.id, e.id));
    await tx.insert(reviewActions).values({ userId: input.userId, entityId: e.id, action: 'alias.add', before: { aliases: e.aliases }, after: { aliases } });
  });
}

/** Removes an alias from an entity (exact text within the language) and records it. */
export async function removeAlias(db: Db, input: { entityId: number; alias: string; lang: string; userId: number }): Promise<void> {
  const { alias, lang } = cleanAlias(input.alias, input.lang);
  await db.transaction(async (tx) => {
    const [e] = await tx.select().from(entities).where(eq(entities.id, input.entityId)).limit(1);
    if (!e) throw new InputError(`entity ${input.entityId} does not exist`);
    const list = e.aliases[lang] ?? [];
    const kept = list.filter((a) => a !== alias);
    if (kept.length === list.length) return;
    const aliases = { ...e.aliases, [lang]: kept };
    if (kept.length === 0) delete aliases[lang];
    await tx.update(entities).set({ aliases, updatedAt: new Date() }).where(eq(entities.id, e.id));
    await tx.insert(reviewActions).values({ userId: input.userId, entityId: e.id, action: 'alias.remove', before: { aliases: e.aliases }, after: { aliases } });
  });
}
