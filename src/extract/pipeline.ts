// The extract stage as a pipeline of components over one Doc (doc.ts), like spaCy's: each component reads the layers
// before it and adds its own, and `extractPipeline` lists them in order. A trained component is its feature function
// plus its weights file: the event decision (components/decide.ts) is events/decision.ts's features with
// models/events/decision.json.gz; `names` reads src/ner's tagger with models/ner/.
import { broadCandidates } from './components/broad-candidates.ts';
import { decide } from './components/decide.ts';
import { entities } from './components/entities.ts';
import { eventFrame } from './components/event-frame.ts';
import { eventGroups } from './components/event-groups.ts';
import { exportControls } from './components/export-controls.ts';
import { firmRefs } from './components/firm-refs.ts';
import { kbMentions } from './components/kb-mentions.ts';
import { mentions } from './components/mentions.ts';
import { names, type NameOptions } from './components/names.ts';
import { ruleCandidates, type PlaceKind } from './components/rule-candidates.ts';
import { ruleEvents } from './components/rule-events.ts';
import { sentences } from './components/sentences.ts';
import { weakFirmRefsComponent } from './components/weak-firm-refs.ts';
import type { Doc } from './doc.ts';
import type { DecisionModel } from './events/decision.ts';
import { triggerSentences, type EventLexicon } from './events/lexicon.ts';
import type { KnowledgeBase } from './kb.ts';

export interface Component {
  /** The layer the component adds: `runPipeline` can stop after it. */
  readonly name: string;
  run(doc: Doc): void;
}

/** Runs the components in order; with `until`, stops after the component of that name. */
export function runPipeline(doc: Doc, components: readonly Component[], until?: string): Doc {
  for (const c of components) {
    c.run(doc);
    if (c.name === until) break;
  }
  return doc;
}

/** Knowledge-base mentions, the names it does not know, the mentions both resolve to, and their entities. */
export function entityPipeline(kb: KnowledgeBase, opts: NameOptions = {}): Component[] {
  return [kbMentions(kb), names(kb, opts), mentions(kb), entities(kb)];
}

/**
 * From the event frame to the events. `broad` (default: when a decision model that reads them is loaded; one that
 * only calibrates the rules' confidence does not) adds the weak firm references, the broad candidates and the
 * (type, firm) groups the model decides over.
 */
export function eventPipeline(lexicon: EventLexicon, kindOf: PlaceKind, decision: DecisionModel | null, broad = decision != null && decision.mode !== 'calibrate'): Component[] {
  const learned = broad ? [weakFirmRefsComponent, broadCandidates(lexicon, kindOf)] : [];
  return [eventFrame, firmRefs, ruleCandidates(lexicon, kindOf), ...learned, ruleEvents, ...(broad ? [eventGroups] : []), decide(decision, lexicon)];
}

export interface PipelineResources {
  kb: KnowledgeBase;
  lexicon: EventLexicon;
  configDir: string;
  decision: DecisionModel | null;
}

/** The whole extract stage, sentences to events. */
export function extractPipeline(r: PipelineResources, opts: { broad?: boolean } = {}): Component[] {
  // compromise, a second opinion on English names beside the statistical tagger, reads only the sentences that can
  // carry an event: over whole articles it cost 40% of the stage and added more wrong names than right ones.
  const compromiseRanges = (doc: Doc) => (doc.lang === 'en' ? triggerSentences(doc.folded, doc.sentences, r.lexicon.get(doc.lang)) : []);
  const kindOf: PlaceKind = (id) => r.kb.entity(id)?.kind;
  return [sentences, ...entityPipeline(r.kb, { compromiseRanges }), exportControls(r.configDir), ...eventPipeline(r.lexicon, kindOf, r.decision, opts.broad)];
}
