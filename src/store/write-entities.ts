// Entities and mentions of one article: entities upserted by knowledge-base key with aliases accumulated per
// language, mentions synchronised to exactly the new extraction (rows that did not change are left alone, so
// re-storing the same article writes nothing).
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { entities, mentions } from '../db/schema.ts';
import { resolveSurvivors, type LiveEntity } from '../db/queries/entities.ts';
import type { ArticleEntity, EntityType } from '../extract/types.ts';

const BATCH_ROWS = 1000;
/** Cap per language and entity: a noisy tagger must not grow one row without bound. */
const MAX_ALIASES_PER_LANGUAGE = 64;

function chunks<T>(rows: T[], size = BATCH_ROWS): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

// Union of the stored and the new aliases, per language, sorted; written in SQL so concurrent writers never lose
// each other's aliases.
const MERGED_ALIASES = sql`(
  select coalesce(jsonb_object_agg(k, vals), '{}'::jsonb) from (
    select k, jsonb_agg(distinct v) as vals from (
      select s.key as k, jsonb_array_elements_text(s.value) as v from jsonb_each(${entities.aliases}) s
      union
      select x.key, jsonb_array_elements_text(x.value) from jsonb_each(excluded.aliases) x
    ) u group by k
  ) g
)`;

/** Knowledge-base keys keep their canonical name in step with the KB; names we invented ("new:") keep the first. */
const FROM_KB = sql`${entities.key} not like 'new:%'`;

/** Merges duplicate ids in an extraction (one entity listed twice) into one entry with all its spans. */
function dedupeEntities(list: ArticleEntity[]): ArticleEntity[] {
  const byId = new Map<string, ArticleEntity>();
  for (const e of list) {
    const seen = byId.get(e.id);
    if (seen) seen.mentions = [...seen.mentions, ...e.mentions];
    else byId.set(e.id, { ...e, mentions: [...e.mentions] });
  }
  // Key order: concurrent writers then lock entity rows in the same order and cannot deadlock each other.
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function aliasesOf(e: ArticleEntity, language: string): Record<string, string[]> {
  const surfaces = new Set<string>();
  for (const m of e.mentions) {
    const s = m.text.replace(/\s+/gu, ' ').trim();
    if (s && s !== e.name && s.length <= 200) surfaces.add(s);
  }
  const list = [...surfaces].sort().slice(0, MAX_ALIASES_PER_LANGUAGE);
  return list.length ? { [language || 'und']: list } : {};
}

function coversAliases(stored: Record<string, string[]>, wanted: Record<string, string[]>): boolean {
  return Object.entries(wanted).every(([lang, list]) => list.every((a) => stored[lang]?.includes(a)));
}

/** Upserts the article's entities and returns, for each extraction key, the live entity it resolves to (after merges). */
export async function upsertEntities(tx: Db, list: ArticleEntity[], language: string): Promise<Map<string, LiveEntity>> {
  const unique = dedupeEntities(list);
  if (!unique.length) return new Map();
  const cols = { id: entities.id, key: entities.key, type: entities.type, canonicalName: entities.canonicalName, mergedIntoId: entities.mergedIntoId, aliases: entities.aliases, country: entities.country };
  const keys = unique.map((e) => e.id);
  const stored = new Map((await tx.select(cols).from(entities).where(inArray(entities.key, keys))).map((r) => [r.key, r]));
  // Only entities that are new or bring something new are written: an upsert locks the row until commit, and
  // writers of articles that merely mention a popular entity ("United States") must not queue behind each other.
  const rows = unique
    .map((e) => ({ key: e.id, type: e.type, canonicalName: e.name, country: e.country ?? null, aliases: aliasesOf(e, language) }))
    .filter((r) => {
      const s = stored.get(r.key);
      if (!s) return true;
      const fromKb = !r.key.startsWith('new:');
      return !coversAliases(s.aliases, r.aliases) || (fromKb && s.canonicalName !== r.canonicalName) || (r.country !== null && s.country !== r.country && (fromKb || s.country === null));
    });
  for (const batch of chunks(rows)) {
    await tx
      .insert(entities)
      .values(batch)
      .onConflictDoUpdate({
        target: entities.key,
        set: {
          aliases: MERGED_ALIASES,
          canonicalName: sql`case when ${FROM_KB} then excluded.canonical_name else ${entities.canonicalName} end`,
          country: sql`case when ${FROM_KB} then coalesce(excluded.country, ${entities.country}) else coalesce(${entities.country}, excluded.country) end`,
          updatedAt: sql`now()`,
        },
        // Skip the write when it would change nothing (a concurrent writer may have added the same aliases).
        setWhere: sql`not (${entities.aliases} @> excluded.aliases)
          or (${FROM_KB} and (${entities.canonicalName} is distinct from excluded.canonical_name
            or (excluded.country is not null and ${entities.country} is distinct from excluded.country)))
          or (${entities.country} is null and excluded.country is not null)`,
      });
  }
  const written = rows.length ? await tx.select(cols).from(entities).where(inArray(entities.key, rows.map((r) => r.key))) : [];
  for (const r of written) stored.set(r.key, r);
  const all = [...stored.values()];
  const survivors = await resolveSurvivors(tx, all);
  const out = new Map<string, LiveEntity>();
  for (const row of all) {
    const live = survivors.get(row.id);
    if (live) out.set(row.key, live);
  }
  return out;
}

interface WantedMention {
  entityId: number;
  start: number;
  end: number;
  surface: string;
}

const mentionKey = (m: { entityId: number; start: number; end: number }) => `${m.entityId}:${m.start}:${m.end}`;

/** Makes the article's mentions exactly the extraction's (entity resolved to its survivor); returns how many there are. */
export async function syncMentions(tx: Db, articleId: number, list: ArticleEntity[], resolved: Map<string, LiveEntity>, isNew = false): Promise<number> {
  const wanted = new Map<string, WantedMention>();
  for (const e of list) {
    const live = resolved.get(e.id);
    if (!live) continue;
    for (const m of e.mentions) {
      const row = { entityId: live.id, start: m.start, end: m.end, surface: m.text };
      wanted.set(mentionKey(row), row);
    }
  }
  const existing = isNew ? [] : await tx
    .select({ id: mentions.id, entityId: mentions.entityId, start: mentions.start, end: mentions.end, surface: mentions.surface })
    .from(mentions)
    .where(eq(mentions.articleId, articleId));
  const stale: number[] = [];
  const kept = new Set<string>();
  for (const row of existing) {
    const want = wanted.get(mentionKey(row));
    if (want && want.surface === row.surface) kept.add(mentionKey(row));
    else stale.push(row.id);
  }
  for (const ids of chunks(stale)) await tx.delete(mentions).where(and(eq(mentions.articleId, articleId), inArray(mentions.id, ids)));
  const fresh = [...wanted.entries()].filter(([k]) => !kept.has(k)).map(([, m]) => ({ articleId, ...m }));
  for (const batch of chunks(fresh)) await tx.insert(mentions).values(batch).onConflictDoNothing();
  return wanted.size;
}

/** Finds, among the article's entities, the live entity of `type` whose extracted canonical name is `name`. */
export function entityByName(list: ArticleEntity[], resolved: Map<string, LiveEntity>, type: EntityType, name: string | null): LiveEntity | null {
  if (!name) return null;
  const wanted = name.trim().toLowerCase();
  const hit = list.find((e) => e.type === type && e.name.trim().toLowerCase() === wanted);
  return hit ? (resolved.get(hit.id) ?? null) : null;
}
