// Mentions: the knowledge base's, plus the names it does not know resolved against them (resolve.ts: a firm, a
// person, a place, an agency, or nothing), then short variants of the people named ("Chao" after "María Jesús Chao").
import type { KnowledgeBase } from '../kb.ts';
import { personVariants } from '../person-names.ts';
import type { Component } from '../pipeline.ts';
import { joinClubs, resolveNewNames } from '../resolve.ts';
import { langCode } from './kb-mentions.ts';

export function mentions(kb: KnowledgeBase): Component {
  return {
    name: 'mentions',
    run(doc) {
      const fresh = resolveNewNames(kb, doc.names, doc.kbMentions, doc.text, langCode(doc.lang));
      const all = joinClubs([...doc.kbMentions.filter((m) => !fresh.replaced.includes(m)), ...fresh.mentions]);
      // Product matches only claimed their words (resolve.ts); they are no entity of their own.
      const named = all.filter((m) => !m.entityId.startsWith('product:'));
      named.push(...personVariants(doc.text, named));
      doc.mentions = named.sort((a, b) => a.start - b.start || b.end - a.end);
    },
  };
}
