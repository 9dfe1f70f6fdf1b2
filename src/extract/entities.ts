// Entity recognition for one article: knowledge-base matches first (they carry canonical names across languages and
// scripts), then names the knowledge base does not know (statistical tagger, compromise for English, person rule),
// then short person-name variants; mentions are grouped into ArticleEntity records in order of first mention.
import type { KnowledgeBase } from './kb.ts';
import { candidateNames } from './name-spans.ts';
import { personVariants } from './person-names.ts';
import { joinClubs, resolveKbMatches, resolveNewNames } from './resolve.ts';
import type { ArticleEntity, Mention } from './types.ts';

export interface RecognizeOptions {
  /** Run the statistical tagger and compromise for unknown names (default true); false = knowledge base + rules only. */
  unknownNames?: boolean;
  /** The parts of an English text compromise reads (default: all of it); the statistical tagger reads everything. */
  compromiseRanges?: ReadonlyArray<{ start: number; end: number }>;
}

/** Finds firms, people, places and agencies in `text` (language `lang`), each mention resolved to one canonical entity. */
export function recognizeEntities(text: string, lang: string, kb: KnowledgeBase, opts: RecognizeOptions = {}):
  { mentions: Mention[]; entities: ArticleEntity[] } {
  const code = (lang || 'en').toLowerCase().slice(0, 2);
  const kbMentions = resolveKbMatches(kb, kb.gazetteer.match(text, code), text, code);
  const names = candidateNames(text, code, kb, opts.unknownNames !== false, opts.compromiseRanges);
  const fresh = resolveNewNames(kb, names, kbMentions, text, code);
  const all = joinClubs([...kbMentions.filter((m) => !fresh.replaced.includes(m)), ...fresh.mentions]);
  // Product matches only claimed their words (resolve.ts); they are no entity of their own.
  const named = all.filter((m) => !m.entityId.startsWith('product:'));
  named.push(...personVariants(text, named));
  named.sort((a, b) => a.start - b.start || b.end - a.end);
  return { mentions: named, entities: groupMentions(kb, named) };
}

/** Groups mentions by entity id, in order of first mention. */
export function groupMentions(kb: KnowledgeBase, mentions: Mention[]): ArticleEntity[] {
  const byId = new Map<string, ArticleEntity>();
  for (const m of mentions) {
    let e = byId.get(m.entityId);
    if (!e) {
      byId.set(m.entityId, (e = { id: m.entityId, type: m.type, name: m.name, country: kb.entity(m.entityId)?.country ?? null, mentions: [] }));
    }
    e.mentions.push({ text: m.text, start: m.start, end: m.end });
  }
  return [...byId.values()];
}
