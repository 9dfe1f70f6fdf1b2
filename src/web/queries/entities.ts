// Entity search for the review UI (name, key or alias; live entities only, most mentioned first). Merges and alias
// changes go through the shared src/db/queries/entities.ts.
import { and, asc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { entities, entityType, events, mentions } from '../../db/schema.ts';

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

