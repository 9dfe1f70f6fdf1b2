// Entity search for the review UI (name, key or alias; live entities only, most mentioned first). Merges and alias
// changes go through the shared src/db/queries/entities.ts.
import { and, asc, eq, isNull, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { entities, entityType, events, mentions } from '../../db/schema.ts';
import { InputError } from '../../errors.ts';

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

const LIST_COLUMNS = {
  id: entities.id, key: entities.key, type: entities.type, canonicalName: entities.canonicalName, aliases: entities.aliases, country: entities.country,
};
// Spelled out with table names: in a one-table select drizzle writes columns unqualified, and inside the subquery an
// unqualified "id" binds to mentions.id / events.id instead of the outer entity (every row showed 1 mention, 0 events).
const MENTION_COUNT = sql<number>`(select count(*)::int from ${mentions} m where m.entity_id = ${entities}.id)`;
const EVENT_COUNT = sql<number>`(select count(*)::int from ${events} e where e.firm_entity_id = ${entities}.id or e.location_entity_id = ${entities}.id)`;

function countsAsNumbers<T extends { mentionCount: number; eventCount: number }>(r: T): T {
  return { ...r, mentionCount: Number(r.mentionCount), eventCount: Number(r.eventCount) };
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
  const rows = await db
    .select({ ...LIST_COLUMNS, mentionCount: MENTION_COUNT, eventCount: EVENT_COUNT })
    .from(entities).where(and(...conds))
    .orderBy(sql`${MENTION_COUNT} desc`, asc(entities.canonicalName))
    .limit(input.limit ?? 100);
  return rows.map(countsAsNumbers);
}

/** One entity with its counts (merged ones too: the page then says where it went), or null. */
export async function getEntity(db: Db, id: number): Promise<(EntityListRow & { mergedIntoId: number | null }) | null> {
  const [row] = await db
    .select({ ...LIST_COLUMNS, mergedIntoId: entities.mergedIntoId, mentionCount: MENTION_COUNT, eventCount: EVENT_COUNT })
    .from(entities).where(eq(entities.id, id)).limit(1);
  return row ? countsAsNumbers(row) : null;
}

export interface EntitySuggestion {
  id: number;
  key: string;
  type: EntityType;
  canonicalName: string;
}

/**
 * Type-ahead for "merge into…": live entities of one type whose name, key or alias contains the typed text, names
 * that start with it first. Each keystroke asks again, so any entity can be reached, not only a first page of hits.
 */
export async function suggestEntities(db: Db, input: { q: string; type: EntityType | null; excludeId: number | null; limit?: number }): Promise<EntitySuggestion[]> {
  const q = input.q.trim();
  if (!q) return [];
  const conds: SQL[] = [isNull(entities.mergedIntoId), sql`(${entities.canonicalName} ilike ${likePattern(q)} or ${entities.key} ilike ${likePattern(q)} or ${entities.aliases}::text ilike ${likePattern(q)})`];
  if (input.type) conds.push(eq(entities.type, input.type));
  if (input.excludeId !== null) conds.push(ne(entities.id, input.excludeId));
  const prefix = `${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  return db
    .select({ id: entities.id, key: entities.key, type: entities.type, canonicalName: entities.canonicalName })
    .from(entities).where(and(...conds))
    .orderBy(sql`(${entities.canonicalName} ilike ${prefix}) desc`, asc(sql`length(${entities.canonicalName})`), asc(entities.canonicalName), asc(entities.id))
    .limit(input.limit ?? 20);
}


/** The label a type-ahead option carries; the trailing "#id" is what the server reads back. */
export function suggestionLabel(e: { id: number; key: string; canonicalName: string }): string {
  return `${e.canonicalName} · ${e.key} #${e.id}`;
}

/**
 * The entity a "merge into…" field names: a type-ahead label ending in "#id", or an exact name or key of one live
 * entity of the same type. InputError when it names none, or several.
 */
export async function resolveMergeTarget(db: Db, text: string, from: { id: number; type: EntityType }): Promise<{ id: number }> {
  const typed = text.trim().slice(0, 400);
  if (!typed) throw new InputError('merge: type the name of the entity to merge into and pick it from the list');
  const byId = /#(\d{1,9})$/.exec(typed);
  if (byId) return { id: Number(byId[1]) }; // mergeEntities checks that it exists, is live and has the same type
  const hits = await db
    .select({ id: entities.id })
    .from(entities)
    .where(and(isNull(entities.mergedIntoId), eq(entities.type, from.type), ne(entities.id, from.id),
      sql`(lower(${entities.canonicalName}) = lower(${typed}) or ${entities.key} = ${typed})`))
    .limit(2);
  if (hits.length === 1) return hits[0]!;
  throw new InputError(hits.length === 0
    ? `merge: no ${from.type} is named "${typed}"; pick one from the list`
    : `merge: more than one ${from.type} is named "${typed}"; pick one from the list`);
}
