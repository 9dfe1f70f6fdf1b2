// Broad candidates for the learned decision (broad.ts): every trigger or candidate-only wording paired with the
// firms nearest it, the weak references included.
import { broadCandidates as broad } from '../events/broad.ts';
import type { EventLexicon } from '../events/lexicon.ts';
import type { Component } from '../pipeline.ts';
import { articleContext, type PlaceKind } from './rule-candidates.ts';

export function broadCandidates(lexicon: EventLexicon, kindOf: PlaceKind): Component {
  return {
    name: 'broad-candidates',
    run(doc) {
      doc.candidates.push(...broad(articleContext(doc, lexicon, kindOf), doc.formFirms, doc.weakFirms));
    },
  };
}
