// Analyst decisions from the review UI applied to the knowledge base: aliases added and removed and entities merged.
// Only these decisions count, never entities.aliases as a whole (the store adds every tagger surface there). The
// actions are replayed in the order they were made, so "remove, then add again" or "merge, then remove an alias the
// loser brought" come out the way the analyst left them.
import { foldString } from './fold.ts';
import type { AliasEntry } from './gazetteer.ts';
import type { KbEntity, KnowledgeBase } from './kb.ts';
import type { EntityType } from './types.ts';

/** An entity as the database knows it: its key is the knowledge-base id ("firm:alibaba") or "new:<type>:<slug>". */
export interface OverrideEntity {
  key: string;
  type: EntityType;
  name: string;
}

/** One analyst action, as recorded in review_actions. */
export type AnalystAction =
  | { kind: 'alias.add'; entity: OverrideEntity; alias: string; lang: string }
  | { kind: 'alias.remove'; entity: OverrideEntity; alias: string; lang: string }
  | { kind: 'entity.merge'; from: OverrideEntity; into: OverrideEntity };

/** Every analyst action that bears on extraction, oldest first, and a version that changes whenever one is added. */
export interface AnalystOverrides {
  /** e.g. the highest review_actions id of these actions; "0" when there are none. */
  version: string;
  actions: AnalystAction[];
}

/** The net effect of the actions, ready for KnowledgeBase.withAliasChanges. */
export interface ResolvedOverrides {
  /** Merged entity key -> the key of the entity it finally resolves to. */
  redirect: Map<string, string>;
  /** "key\0folded alias" pairs whose knowledge-base entries must stop matching (key: the entity the entry names). */
  removed: Set<string>;
  /** Aliases to add, already pointed at the surviving entity. */
  add: AliasEntry[];
  /** Every entity the overrides point at, so ones the knowledge base lacks can be created. */
  entities: Map<string, OverrideEntity>;
}

const pair = (key: string, alias: string) => `${key}\u0000${foldString(alias)}`;

/** Replays the actions in order and returns their net effect. */
export function resolveOverrides(overrides: AnalystOverrides): ResolvedOverrides {
  const mergedInto = new Map<string, string>();
  const entities = new Map<string, OverrideEntity>();
  const root = (key: string): string => {
    let cur = key;
    for (let i = 0; i < 32 && mergedInto.has(cur); i++) cur = mergedInto.get(cur)!;
    return cur;
  };
  // The keys that resolve to `key` right now: an alias removed from a survivor is removed from what it absorbed.
  const absorbed = (key: string): string[] => [key, ...[...mergedInto.keys()].filter((k) => root(k) === key)];
  const removed = new Set<string>();
  const added = new Map<string, { key: string; alias: string; lang: string }>();
  for (const a of overrides.actions) {
    if (a.kind === 'entity.merge') {
      entities.set(a.from.key, a.from);
      entities.set(a.into.key, a.into);
      const into = root(a.into.key);
      if (into !== a.from.key) mergedInto.set(a.from.key, into);
      // The merge says the loser's name is the survivor: it resolves there from now on (unless removed later).
      added.set(pair(a.from.key, a.from.name), { key: a.from.key, alias: a.from.name, lang: 'und' });
      for (const k of absorbed(a.from.key)) removed.delete(pair(k, a.from.name));
      continue;
    }
    entities.set(a.entity.key, a.entity);
    const targets = absorbed(root(a.entity.key));
    for (const k of targets) {
      if (a.kind === 'alias.add') removed.delete(pair(k, a.alias));
      else {
        removed.add(pair(k, a.alias));
        added.delete(pair(k, a.alias));
      }
    }
    if (a.kind === 'alias.add') added.set(pair(a.entity.key, a.alias), { key: a.entity.key, alias: a.alias, lang: a.lang });
  }
  const redirect = new Map<string, string>();
  for (const k of mergedInto.keys()) redirect.set(k, root(k));
  const add: AliasEntry[] = [...added.values()].map((x) => ({ alias: x.alias, entityId: root(x.key), langs: x.lang === 'und' ? null : [x.lang] }));
  return { redirect, removed, add, entities };
}

/**
 * A knowledge base with the analysts' decisions applied: added aliases match their entity, removed ones stop matching
 * it (even when they come from config/kb), and a merged entity's aliases and name resolve to the survivor.
 */
export function applyAnalystOverrides(kb: KnowledgeBase, overrides: AnalystOverrides): KnowledgeBase {
  if (!overrides.actions.length) return kb;
  const r = resolveOverrides(overrides);
  // Entities the knowledge base lacks (a "new:" name an analyst curated, or a survivor that never was in config/kb)
  // are created under their database key, so extraction writes back to the same row.
  const targets = new Set([...r.redirect.values(), ...r.add.map((a) => a.entityId)]);
  const created: KbEntity[] = [];
  const add = [...r.add];
  for (const key of targets) {
    if (kb.entity(key)) continue;
    const e = r.entities.get(key);
    if (!e) continue;
    created.push({ id: key, type: e.type, name: e.name, country: null, aliases: [] });
    if (!r.removed.has(pair(key, e.name))) add.push({ alias: e.name, entityId: key, langs: null });
  }
  return kb.withAliasChanges({
    entities: created,
    remove: (entry) => r.removed.size > 0 && r.removed.has(pair(entry.entityId, entry.alias)),
    redirect: r.redirect,
    add: add.filter((a) => kb.entity(a.entityId) || created.some((c) => c.id === a.entityId)),
  });
}
