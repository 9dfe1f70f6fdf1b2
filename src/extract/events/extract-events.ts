// Hiring-signal events of an article whose sentences and mentions are known already: the event components of the
// pipeline (pipeline.ts), from the event frame to the events, over a document built from them.
import type { DecidableGroup } from '../components/event-groups.ts';
import { newDoc, type Doc } from '../doc.ts';
import { eventPipeline, runPipeline } from '../pipeline.ts';
import type { ExtractedEvent, Mention, Span } from '../types.ts';
import type { DecisionContext, DecisionModel } from './decision.ts';
import type { EventLexicon } from './lexicon.ts';

export interface EventInput {
  text: string;
  lang: string;
  title: string | null;
  sentences: Span[];
  mentions: Mention[];
  exportControls: Span[];
  /** Place kind from the knowledge base (city, region, country…), used to pick the most specific place. */
  placeKind?: (entityId: string) => string | undefined;
  /** foldText(text), when the caller has it already. */
  folded?: string;
}

function docOf(input: EventInput): Doc {
  const doc = newDoc({ text: input.text, lang: input.lang, title: input.title, sentences: input.sentences, folded: input.folded });
  doc.mentions = input.mentions;
  doc.exportControls = input.exportControls;
  return doc;
}

/** Finds the article's hiring-signal events; every evidence span points into `input.text`. */
export function extractEvents(input: EventInput, lexicon: EventLexicon, model: DecisionModel | null = null): ExtractedEvent[] {
  return runPipeline(docOf(input), eventPipeline(lexicon, input.placeKind ?? (() => undefined), model)).events;
}

/** Every (type, firm) group of rule and broad candidates, before any decision, with what the decision features read. */
export function eventGroups(input: EventInput, lexicon: EventLexicon): { groups: DecidableGroup[]; decision: DecisionContext; rules: ExtractedEvent[] } {
  const doc = runPipeline(docOf(input), eventPipeline(lexicon, input.placeKind ?? (() => undefined), null, true), 'event-groups');
  return { groups: doc.groups, decision: doc.decision, rules: doc.ruleEvents };
}
