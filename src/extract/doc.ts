// The document the extract stage builds up, in the spirit of spaCy's Doc: the text, its language and title are given;
// each component of the pipeline (pipeline.ts, components/) adds one layer, in this order: sentences, knowledge-base
// mentions, names, mentions, entities, export controls, the event frame, firm references, candidates, groups, events.
// A layer is empty until its component has run.
import type { Candidate } from './events/assemble.ts';
import type { DecisionContext } from './events/decision.ts';
import type { DecidableGroup } from './components/event-groups.ts';
import type { FirmRef } from './events/firms.ts';
import { foldText } from './events/patterns.ts';
import type { WeakFirmRef } from './events/weak-firms.ts';
import type { NameSpan } from './name-spans.ts';
import type { ArticleEntity, ExtractedEvent, Mention, Span } from './types.ts';

/** How the event components read the article: its sentences as they read them and where its headline ends. */
export interface EventFrame {
  /** The sentences with hard-wrapped lines joined (Reuters). */
  sentences: Span[];
  /** End of an ALL-CAPS title (Reuters), 0 when there is none: no events are read from it. */
  capsTitleEnd: number;
  /** End of the headline when the first sentence is the title, else 0. */
  headlineEnd: number;
  /** The article's regulator, for export-control sentences that do not name one. */
  agencyFallback: string | null;
}

export interface Doc {
  readonly text: string;
  /** foldText(text): lower-cased, accents stripped, the same length as `text`. */
  readonly folded: string;
  /** The language code the clean stage gave (ISO 639-1). */
  readonly lang: string;
  readonly title: string | null;
  sentences: Span[];
  /** The knowledge base's matches, resolved to its entities. */
  kbMentions: Mention[];
  /** Names the taggers and the person rule found, before they are resolved. */
  names: NameSpan[];
  /** Every entity mention: the knowledge base's and the names it does not know, in text order. */
  mentions: Mention[];
  entities: ArticleEntity[];
  exportControls: Span[];
  frame: EventFrame;
  /** Firm references the events are about, and the mentions as events read them (no person on a firm's name). */
  firms: FirmRef[];
  eventMentions: Mention[];
  /** Firms read from their form alone (zh/ja) and weak references: for broad candidates only. */
  formFirms: FirmRef[];
  weakFirms: WeakFirmRef[];
  /** The rules' candidates, then the broad ones (origin 'broad'). */
  candidates: Candidate[];
  /** The events the rules alone report. */
  ruleEvents: ExtractedEvent[];
  /** Every (type, firm) group, and what the decision features read about the article. */
  groups: DecidableGroup[];
  decision: DecisionContext;
  events: ExtractedEvent[];
}

export interface NewDoc {
  text: string;
  lang: string;
  title?: string | null;
  /** Sentences the clean stage found; the sentence component splits the text when there are none. */
  sentences?: Span[];
  folded?: string;
}

export function newDoc(d: NewDoc): Doc {
  const { lang } = d;
  return {
    text: d.text,
    folded: d.folded ?? foldText(d.text),
    lang,
    title: d.title ?? null,
    sentences: d.sentences ?? [],
    kbMentions: [],
    names: [],
    mentions: [],
    entities: [],
    exportControls: [],
    frame: { sentences: [], capsTitleEnd: 0, headlineEnd: 0, agencyFallback: null },
    firms: [],
    eventMentions: [],
    formFirms: [],
    weakFirms: [],
    candidates: [],
    ruleEvents: [],
    groups: [],
    decision: { text: d.text, lang, headlineEnd: 0, firmCounts: new Map() },
    events: [],
  };
}
