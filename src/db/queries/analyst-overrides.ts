// Loads the analysts' entity decisions (aliases added and removed in the review UI, entity merges) from
// review_actions, resolved to entity keys, types and names, for src/extract/analyst-overrides.ts to apply to the
// knowledge base. Reads only the recorded actions, never entities.aliases as a whole: the store adds every mention
// surface there, and tagger mistakes must not become knowledge-base entries.
import { asc, inArray, max } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { entities, reviewActions } from '../schema.ts';
import type { AnalystAction, AnalystOverrides, OverrideEntity } from '../../extract/analyst-overrides.ts';

/** The review_actions names that change what extraction should match (written by src/db/queries/entities.ts). */
export const OVERRIDE_ACTIONS = ['alias.add', 'alias.remove', 'entity.merge'] as const;

type AliasMap = Record<string, string[]>;

function aliasMap(value: unknown): AliasMap {
  if (!value || typeof value !== 'object') return {};
  const out: AliasMap = {};
  for (const [lang, list] of Object.entries(value as Record<string, unknown>)) {
    if (Array.isArray(list)) out[lang] = list.filter((a): a is string => typeof a === 'string');
  }
  return out;
}

/** The aliases in `a` and not in `b`, with their language. */
function missingFrom(a: AliasMap, b: AliasMap): Array<{ lang: string; alias: string }> {
  const out: Array<{ lang: string; alias: string }> = [];
  for (const [lang, list] of Object.entries(a)) for (const alias of list) if (!b[lang]?.includes(alias)) out.push({ lang, alias });
  return out;
}

/** A version of the overrides that changes whenever an analyst adds, removes or merges: cheap to poll per cycle. */
export async function analystOverridesVersion(db: Db): Promise<string> {
  const [row] = await db.select({ v: max(reviewActions.id) }).from(reviewActions).where(inArray(reviewActions.action, [...OVERRIDE_ACTIONS]));
  return String(row?.v ?? 0);
}

/** Every alias and merge decision, oldest first, with the entities resolved to their keys. */
export async function loadAnalystOverrides(db: Db): Promise<AnalystOverrides> {
  const rows = await db
    .select({ id: reviewActions.id, action: reviewActions.action, entityId: reviewActions.entityId, before: reviewActions.before, after: reviewActions.after })
    .from(reviewActions)
    .where(inArray(reviewActions.action, [...OVERRIDE_ACTIONS]))
    .orderBy(asc(reviewActions.id));
  const ids = new Set<number>();
  for (const r of rows) {
    if (r.entityId !== null) ids.add(r.entityId);
    const into = r.action === 'entity.merge' ? r.after?.mergedIntoId : null;
    if (typeof into === 'number') ids.add(into);
  }
  const byId = new Map<number, OverrideEntity>();
  if (ids.size) {
    const found = await db.select({ id: entities.id, key: entities.key, type: entities.type, name: entities.canonicalName })
      .from(entities).where(inArray(entities.id, [...ids]));
    for (const e of found) byId.set(e.id, { key: e.key, type: e.type, name: e.name });
  }
  const actions: AnalystAction[] = [];
  let version = 0;
  for (const r of rows) {
    version = Math.max(version, r.id);
    // An entity deleted since (entity_id set null) takes its decisions with it.
    const entity = r.entityId === null ? undefined : byId.get(r.entityId);
    if (!entity) continue;
    if (r.action === 'entity.merge') {
      const into = byId.get(Number(r.after?.mergedIntoId));
      // The loser's name as it was when merged (a knowledge-base rename since must not lose the analyst's decision).
      const name = typeof r.before?.name === 'string' ? r.before.name : entity.name;
      if (into) actions.push({ kind: 'entity.merge', from: { ...entity, name }, into });
      continue;
    }
    const before = aliasMap(r.before?.aliases);
    const after = aliasMap(r.after?.aliases);
    const changes = r.action === 'alias.add' ? missingFrom(after, before) : missingFrom(before, after);
    for (const c of changes) actions.push({ kind: r.action as 'alias.add' | 'alias.remove', entity, alias: c.alias, lang: c.lang });
  }
  return { version: String(version), actions };
}
