// The rules' event candidates: trigger matches per sentence with their slots (detect.ts), then talent moves told
// across sentences.
import type { Doc } from '../doc.ts';
import { careerMoves, detectSentence, type ArticleContext, type Arrival } from '../events/detect.ts';
import type { EventLexicon } from '../events/lexicon.ts';
import type { Component } from '../pipeline.ts';

/** Place kind from the knowledge base (city, region, country…), used to pick the most specific place. */
export type PlaceKind = (entityId: string) => string | undefined;

/** What the candidate components read of the document. */
export function articleContext(doc: Doc, lexicon: EventLexicon, kindOf: PlaceKind): ArticleContext {
  return {
    text: doc.text,
    folded: doc.folded,
    lx: lexicon.get(doc.lang),
    sentences: doc.frame.sentences,
    mentions: doc.eventMentions,
    firms: doc.firms,
    exportControls: doc.exportControls,
    kindOf,
    capsTitleEnd: doc.frame.capsTitleEnd,
    agencyFallback: doc.frame.agencyFallback,
  };
}

export function ruleCandidates(lexicon: EventLexicon, kindOf: PlaceKind): Component {
  return {
    name: 'rule-candidates',
    run(doc) {
      const ctx = articleContext(doc, lexicon, kindOf);
      const arrivals: Arrival[] = [];
      const candidates = ctx.sentences.flatMap((_, i) => detectSentence(ctx, i, arrivals));
      candidates.push(...careerMoves(ctx, arrivals, candidates));
      doc.candidates = candidates;
    },
  };
}
