// Entities: the mentions grouped by canonical entity, in order of first mention (the `entities` of `radar extract`).
import type { KnowledgeBase } from '../kb.ts';
import type { Component } from '../pipeline.ts';
import type { ArticleEntity, Mention } from '../types.ts';

/** Groups mentions by entity id, in order of first mention. */
export function groupMentions(kb: KnowledgeBase, mentions: readonly Mention[]): ArticleEntity[] {
  const byId = new Map<string, ArticleEntity>();
  for (const m of mentions) {
    let e = byId.get(m.entityId);
    if (!e) byId.set(m.entityId, (e = { id: m.entityId, type: m.type, name: m.name, country: kb.entity(m.entityId)?.country ?? null, mentions: [] }));
    e.mentions.push({ text: m.text, start: m.start, end: m.end });
  }
  return [...byId.values()];
}

export function entities(kb: KnowledgeBase): Component {
  return { name: 'entities', run(doc) { doc.entities = groupMentions(kb, doc.mentions); } };
}
