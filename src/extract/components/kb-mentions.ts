// Knowledge-base mentions: gazetteer matches of every alias (all languages and scripts), each resolved to one entity
// (resolve.ts: the reading the article's context and dominant country support, or none).
import type { KnowledgeBase } from '../kb.ts';
import type { Component } from '../pipeline.ts';
import { resolveKbMatches } from '../resolve.ts';

/** The two-letter code the knowledge base and the taggers are keyed by. */
export const langCode = (lang: string) => (lang || 'en').toLowerCase().slice(0, 2);

export function kbMentions(kb: KnowledgeBase): Component {
  return {
    name: 'kb-mentions',
    run(doc) {
      const code = langCode(doc.lang);
      doc.kbMentions = resolveKbMatches(kb, kb.gazetteer.match(doc.text, code), doc.text, code);
    },
  };
}
